"""Applying understood proposals to the current draft: the next version and its provenance.

Pure: takes proposals already checked for collisions and returns a new `Draft`; the
order of application is fixed here so the result never depends on the input order.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable

from draftkit.merge.plan import Spot, Understood, WordEdit, subparagraph_at
from draftkit.merge.words import render, splice, tokenize
from draftkit.model import (
    ChangeRecord,
    Draft,
    DraftMeta,
    Kind,
    Paragraph,
    ParagraphId,
    ProposalAction,
    ProposalId,
    SubParagraph,
)

A = ProposalAction


def apply(current: Draft, accepted: Iterable[tuple[Understood, str]], *, meta: DraftMeta) -> Draft:
    """Return the draft described by `meta`: `current` with every accepted proposal applied.

    Each item is (proposal, credited delegations). Word edits are applied right to left
    per text; paragraph and sub-paragraph operations in the proposals' canonical order.
    """
    items = sorted(accepted, key=lambda pair: pair[0].order)
    records: list[ChangeRecord] = []
    paragraphs = dict(current.by_id())
    _apply_words(paragraphs, items, records)
    _apply_subparagraphs(paragraphs, items, records)
    order = {Kind.PREAMBULAR: [p.id for p in current.preambular], Kind.OPERATIVE: [p.id for p in current.operative]}
    _apply_paragraphs(paragraphs, order, items, records)
    return Draft(
        meta=meta,
        preambular=tuple(paragraphs[i] for i in order[Kind.PREAMBULAR]),
        operative=tuple(paragraphs[i] for i in order[Kind.OPERATIVE]),
        provenance=tuple(records),
        annexes=current.annexes,  # annexes are never the target of a proposal: carried as they are
        memorandum=current.memorandum,  # nor is the memorandum
    )


def _record(item: Understood, delegation: str, paragraph: str, **fields: object) -> ChangeRecord:
    return ChangeRecord(paragraph=ParagraphId(paragraph), action=item.proposal.action,
                        proposal=ProposalId(item.id), delegation=delegation, **fields)  # type: ignore[arg-type]


def _apply_words(paragraphs: dict[ParagraphId, Paragraph], items: list[tuple[Understood, str]],
                 records: list[ChangeRecord]) -> None:
    by_spot: dict[Spot, list[tuple[WordEdit, Understood, str]]] = {}
    for item, delegation in items:
        for edit in item.edits:
            by_spot.setdefault(edit.spot, []).append((edit, item, delegation))
    for spot, edits in by_spot.items():
        paragraph = paragraphs[spot.paragraph]
        text = (_sub_text(paragraph, spot) if spot.subparagraph
                else (paragraph.opening if spot.part == "opening" else paragraph.text)[spot.language])
        tokens = list(tokenize(text))
        # Right to left, and at one start the longer span first, so earlier indexes stay valid
        # and an insertion at the start of a replaced span lands before the replacement.
        for edit, item, delegation in sorted(edits, key=lambda e: (e[0].start, e[0].end), reverse=True):
            splice(tokens, edit.start, edit.end, edit.new)
        for edit, item, delegation in sorted(edits, key=lambda e: (e[0].start, e[1].order)):
            records.append(_record(item, delegation, spot.paragraph, language=spot.language,
                                   subparagraph="/".join(spot.subparagraph) or None,
                                   inserted=edit.new, deleted=edit.old))
        paragraphs[spot.paragraph] = _with_text(paragraph, spot, render(tokens))


def _sub_text(paragraph: Paragraph, spot: Spot) -> str:
    sub = subparagraph_at(paragraph, spot.subparagraph)
    assert sub is not None
    return sub.text[spot.language]


def _with_text(paragraph: Paragraph, spot: Spot, text: str) -> Paragraph:
    if not spot.subparagraph:
        field = "opening" if spot.part == "opening" else "text"
        return replace(paragraph, **{field: {**getattr(paragraph, field), spot.language: text}})

    def update(sub: SubParagraph) -> SubParagraph:
        return replace(sub, text={**sub.text, spot.language: text})

    return replace(paragraph, subparagraphs=_map_sub(paragraph.subparagraphs, spot.subparagraph, update))


def _map_sub(children: tuple[SubParagraph, ...], path: tuple[str, ...], update) -> tuple[SubParagraph, ...]:
    out = []
    for child in children:
        if child.id == path[0]:
            child = update(child) if len(path) == 1 else replace(child, children=_map_sub(child.children, path[1:], update))
        out.append(child)
    return tuple(out)


def _apply_subparagraphs(paragraphs: dict[ParagraphId, Paragraph], items: list[tuple[Understood, str]],
                         records: list[ChangeRecord]) -> None:
    for item, delegation in items:
        action = item.proposal.action
        if action not in (A.DELETE_SUBPARAGRAPH, A.ADD_SUBPARAGRAPH):
            continue
        assert item.paragraph is not None
        paragraph = paragraphs[item.paragraph]
        path = item.subparagraph
        if action is A.DELETE_SUBPARAGRAPH:
            sub = subparagraph_at(paragraph, path)
            assert sub is not None
            paragraphs[item.paragraph] = replace(paragraph, subparagraphs=_without(paragraph.subparagraphs, path))
            for lang, text in sub.text.items():
                records.append(_record(item, delegation, item.paragraph, language=lang,
                                       subparagraph="/".join(path), deleted=text))
            continue
        new = item.new_subparagraph
        assert new is not None
        siblings = (subparagraph_at(paragraph, path).children if path else paragraph.subparagraphs)  # type: ignore[union-attr]
        new = replace(new, id=_fresh(new.id or _sub_id_from_text(new) or item.id, {s.id for s in siblings}))
        placed = _place_sub(siblings, new, item)
        if path:
            paragraphs[item.paragraph] = replace(paragraph, subparagraphs=_map_sub(
                paragraph.subparagraphs, path, lambda s: replace(s, children=placed)))
        else:
            paragraphs[item.paragraph] = replace(paragraph, subparagraphs=placed)
        for lang, text in new.text.items():
            records.append(_record(item, delegation, item.paragraph, language=lang,
                                   subparagraph="/".join((*path, new.id)), inserted=text))


def _place_sub(siblings: tuple[SubParagraph, ...], new: SubParagraph, item: Understood) -> tuple[SubParagraph, ...]:
    out = list(siblings)
    position = item.proposal.position
    if item.reference_sub is None or position is None:
        out.append(new)
    else:
        index = next(i for i, s in enumerate(out) if s.id == item.reference_sub[-1])
        out.insert(index + 1 if position.where == "after" else index, new)
    return tuple(out)


def _without(children: tuple[SubParagraph, ...], path: tuple[str, ...]) -> tuple[SubParagraph, ...]:
    if len(path) == 1:
        return tuple(c for c in children if c.id != path[0])
    return tuple(replace(c, children=_without(c.children, path[1:])) if c.id == path[0] else c for c in children)


def _apply_paragraphs(paragraphs: dict[ParagraphId, Paragraph], order: dict[Kind, list[ParagraphId]],
                      items: list[tuple[Understood, str]], records: list[ChangeRecord]) -> None:
    placed_after: dict[ParagraphId, int] = {}
    for item, delegation in items:
        action = item.proposal.action
        if action is A.DELETE_PARAGRAPH:
            assert item.paragraph is not None
            paragraph = paragraphs.pop(item.paragraph)
            order[paragraph.kind].remove(paragraph.id)
            for lang, text in paragraph.text.items():
                opening = paragraph.opening.get(lang, "")
                records.append(_record(item, delegation, paragraph.id, language=lang,
                                       deleted=f"{opening} {text}".strip()))
        elif action is A.MOVE_PARAGRAPH:
            assert item.paragraph is not None
            kind = paragraphs[item.paragraph].kind
            order[kind].remove(item.paragraph)
            _insert(order[kind], item.paragraph, item, placed_after)
            records.append(_record(item, delegation, item.paragraph))
        elif action is A.NEW_PARAGRAPH:
            new = item.new_paragraph
            assert new is not None
            from draftkit.loading.contributions import provisional_id  # the id it carried until now

            named = new.id if new.id and new.id != provisional_id(item.id) else _id_from_text(new)
            new = replace(new, id=ParagraphId(_fresh(named, set(paragraphs))),
                          source=new.source or f"{item.contribution.delegation}, {item.id}")
            paragraphs[new.id] = new
            _insert(order[new.kind], new.id, item, placed_after)
            for lang, text in new.text.items():
                opening = new.opening.get(lang, "")
                records.append(_record(item, delegation, new.id, language=lang, inserted=f"{opening} {text}".strip()))


def _insert(sequence: list[ParagraphId], paragraph: ParagraphId, item: Understood,
            placed_after: dict[ParagraphId, int]) -> None:
    """Place `paragraph` by the proposal's position; several after one reference keep their order."""
    position = item.proposal.position
    reference = item.reference
    if position is None or position.where == "at-end" or reference is None or reference not in sequence:
        sequence.append(paragraph)
        return
    index = sequence.index(reference)
    if position.where == "before":
        sequence.insert(index, paragraph)
    else:
        count = placed_after.get(reference, 0)
        sequence.insert(index + 1 + count, paragraph)
        placed_after[reference] = count + 1


def _id_from_text(paragraph: Paragraph) -> str:
    """The id of a new paragraph, from its words as the draft's own ids are made:
    'op-' or 'pp-' and the first significant words of its opening and text
    ('Invites the IPU to monitor' → 'op-invites-ipu-monitor'); the same text gives the
    same id on every run, so a merge redone with --replace keeps it."""
    from draftkit.slugs import paragraph_words

    language = next(iter(paragraph.text), "")
    lead, body = paragraph_words(paragraph.opening.get(language, ""), paragraph.text.get(language, ""), language,
                                 paragraph.kind.value)
    words = (lead + body)[:4]
    return f"{paragraph.kind.prefix.lower()}-{'-'.join(words) or 'new'}"


def _sub_id_from_text(sub: SubParagraph) -> str:
    """The id of a new sub-paragraph, from its first significant words as the draft's own
    sub-paragraph ids read ('By training prosecutors and judges' → 'training-prosecutors-judges');
    '' when it has none."""
    from draftkit.slugs import slug

    language = next(iter(sub.text), "")
    return slug(sub.text.get(language, ""), 3, language or None)


def _fresh(wanted: str, taken: set) -> str:
    """A stable id from `wanted` (a proposal id becomes 'fra-2'), unique among `taken`."""
    base = re.sub(r"[^a-z0-9]+", "-", wanted.lower()).strip("-") or "new"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
