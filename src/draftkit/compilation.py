"""The compilation of amendments: every proposal of a round as one numbered row, in the
paragraph order of the current draft, with the proposed change marked word by word.

Built from a `merge.Review`; knows nothing of Word, markdown or the terminal (see
`render.compilation`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from draftkit.merge import Review, Understood
from draftkit.merge.plan import Spot, subparagraph_at, text_at
from draftkit.merge.words import tokenize
from draftkit.model import Draft, Kind, Paragraph, ProposalAction, Verdict

A = ProposalAction


class Mark(enum.Enum):
    SAME = "same"
    INSERTED = "inserted"
    DELETED = "deleted"


@dataclass(frozen=True)
class Piece:
    """A stretch of the proposed text: unchanged, inserted (underlined) or deleted (struck)."""

    text: str
    mark: Mark = Mark.SAME


@dataclass(frozen=True)
class Amendment:
    """One row: proposal `proposal` of `delegation`, numbered `number`.

    `label` is the paragraph in the current draft, `seen_as` the number the delegation
    used; `group` names a collision group ("A", "B", …; "" when none).
    """

    number: int
    proposal: str
    delegation: str
    label: str
    seen_as: str
    instruction: str
    current: str
    change: tuple[Piece, ...]
    language: str
    position: str
    group: str = ""
    collides_with: tuple[str, ...] = ()
    justification: str = ""
    late: bool = False


@dataclass(frozen=True)
class Compilation:
    title: str
    version: int
    language: str
    amendments: tuple[Amendment, ...]
    excluded: tuple[str, ...] = ()  # "Brazil (late)": contributions left out


INSTRUCTIONS = {
    A.AMEND_TEXT: "Amend to read as follows:",
    A.REPLACE_TEXT: "Replace the text with:",
    A.DELETE_PARAGRAPH: "Delete the paragraph.",
    A.NEW_PARAGRAPH: "Insert a new paragraph:",
    A.MOVE_PARAGRAPH: "Move the paragraph",
    A.ADD_SUBPARAGRAPH: "Add a sub-paragraph:",
    A.DELETE_SUBPARAGRAPH: "Delete the sub-paragraph.",
}


def compile_round(review: Review, language: str) -> Compilation:
    """Return the compilation of every counted proposal of `review`, texts in `language`
    where the proposal gives them (else in the proposal's own language)."""
    current = review.current
    counted = [i for i in review.items if review.included(i)]
    groups = _groups(counted, review)
    keyed = sorted(counted, key=lambda i: (_place(current, i), i.order))
    # Colliding proposals sit together, where the first of their group would be.
    first: dict[str, tuple] = {}
    for item in keyed:
        first.setdefault(groups.get(item.id, item.id), (_place(current, item), item.order))
    keyed.sort(key=lambda i: (first[groups.get(i.id, i.id)], groups.get(i.id, ""), _place(current, i), i.order))
    names = _group_names(keyed, groups)
    rows = []
    for number, item in enumerate(keyed, start=1):
        change, used = _change(current, item, language)
        rows.append(Amendment(
            number=number, proposal=item.id, delegation=item.contribution.delegation,
            label=item.label or item.seen_as, seen_as=_seen(item),
            instruction=_instruction(item), current=_current_text(current, item, used),
            change=tuple(change), language=used, position=_position(review, item),
            group=names.get(groups.get(item.id, ""), ""),
            collides_with=tuple(review.collisions.get(item.id, ())) + (("co-rapporteurs",) if item.blocked else ()),
            justification=item.proposal.justification,
            late=not next(e.on_time for e in review.entries if e.contribution is item.contribution),
        ))
    excluded = tuple(f"{e.contribution.delegation} (late)" for e in review.entries if not e.included)
    return Compilation(title=current.meta.title.get(language, next(iter(current.meta.title.values()), "")),
                       version=current.meta.version, language=language, amendments=tuple(rows), excluded=excluded)


def _seen(item: Understood) -> str:
    return f"{item.seen_as} in draft {item.contribution.responds_to}" if item.seen_as else ""


def _instruction(item: Understood) -> str:
    text = INSTRUCTIONS[item.proposal.action]
    position = item.proposal.position
    if item.proposal.action is A.MOVE_PARAGRAPH and position is not None:
        text += f" {position.where} {position.reference or ''} (as numbered in draft {item.contribution.responds_to})."
    if item.blocked is not None:
        text += f" [not carried over: {item.blocked.reason}]".replace("[", "(").replace("]", ")")
    return text


def _place(draft: Draft, item: Understood) -> tuple[int, int, float]:
    """Sort key: preamble first, then the paragraph's position (a new one just after its reference)."""
    ids = [p.id for p in draft.paragraphs()]
    if item.new_paragraph is not None:
        kind = 0 if item.new_paragraph.kind is Kind.PREAMBULAR else 1
        if item.reference in ids:
            where = item.proposal.position.where if item.proposal.position else "after"
            return kind, ids.index(item.reference), 0.5 if where == "after" else -0.5
        return kind, len(ids), 0
    paragraph = draft.by_id().get(item.paragraph) if item.paragraph else None
    if paragraph is None:
        return 1, len(ids), 0
    return (0 if paragraph.kind is Kind.PREAMBULAR else 1), ids.index(paragraph.id), 0


def _groups(items: list[Understood], review: Review) -> dict[str, str]:
    """Proposal id → the smallest id of its collision group (connected proposals)."""
    parent = {i.id: i.id for i in items}

    def root(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for pid, others in review.collisions.items():
        for other in others:
            if pid in parent and other in parent:
                a, b = sorted((root(pid), root(other)))
                parent[b] = a
    sizes: dict[str, int] = {}
    for pid in parent:
        sizes[root(pid)] = sizes.get(root(pid), 0) + 1
    return {pid: root(pid) for pid in parent if sizes[root(pid)] > 1}


def _group_names(keyed: list[Understood], groups: dict[str, str]) -> dict[str, str]:
    names: dict[str, str] = {}
    for item in keyed:
        group = groups.get(item.id)
        if group and group not in names:
            names[group] = chr(ord("A") + len(names) % 26) + ("" if len(names) < 26 else str(len(names) // 26))
    return names


def _position(review: Review, item: Understood) -> str:
    decision = review.decisions.get(item.id)
    if decision is None:
        return "—"
    words = {Verdict.ACCEPT: "Accepted", Verdict.REJECT: "Rejected",
             Verdict.ACCEPT_REVISED: "Accepted as revised", Verdict.MERGED: f"Merged into {decision.into}"}
    text = words[decision.verdict]
    if decision.text:
        text += ": " + " / ".join(decision.text.values())
    if decision.note:
        text += f" ({decision.note})"
    return text


def _paragraph_text(paragraph: Paragraph, language: str) -> str:
    return " ".join(x for x in (paragraph.opening.get(language, ""), paragraph.text.get(language, "")) if x)


def _current_text(draft: Draft, item: Understood, language: str) -> str:
    paragraph = draft.by_id().get(item.paragraph) if item.paragraph else None
    if paragraph is None:
        return ""
    if item.subparagraph:
        sub = subparagraph_at(paragraph, item.subparagraph)
        return sub.text.get(language, "") if sub else ""
    return _paragraph_text(paragraph, language)


def _languages(item: Understood) -> list[str]:
    found = [e.spot.language for e in item.edits]
    found += list(item.proposal.old_by_language) + list(item.proposal.new_by_language)
    for thing in (item.new_paragraph, item.new_subparagraph):
        if thing is not None:
            found += list(thing.text)
    return list(dict.fromkeys(found))


def _change(draft: Draft, item: Understood, language: str) -> tuple[list[Piece], str]:
    """The proposed change as marked pieces, and the language they are in."""
    languages = _languages(item)
    used = language if language in languages or not languages else languages[0]
    action = item.proposal.action
    if item.blocked is not None:
        old = item.proposal.old_by_language.get(used, item.blocked.seen)
        new = item.proposal.new_by_language.get(used, "")
        return [p for p in (Piece(old, Mark.DELETED), Piece(" ", Mark.SAME), Piece(new, Mark.INSERTED)) if p.text.strip()
                or p.mark is Mark.SAME], used
    if item.new_paragraph is not None:
        return [Piece(_paragraph_text(item.new_paragraph, used), Mark.INSERTED)], used
    if item.new_subparagraph is not None:
        return [Piece(item.new_subparagraph.text.get(used, ""), Mark.INSERTED)], used
    if action in (A.DELETE_PARAGRAPH, A.DELETE_SUBPARAGRAPH):
        return [Piece(_current_text(draft, item, used), Mark.DELETED)], used
    if action is A.MOVE_PARAGRAPH:
        return [Piece(_current_text(draft, item, used))], used
    ids = draft.by_id()
    pieces: list[Piece] = []
    parts = ("text",) if item.subparagraph else ("opening", "text")
    for part in parts:
        spot = Spot(item.paragraph, item.subparagraph, part, used)  # type: ignore[arg-type]
        text = text_at(ids, spot)
        if not text:
            continue
        if pieces:
            pieces.append(Piece(" "))
        pieces += marked(text, [e for e in item.edits if e.spot == spot])
    return pieces, used


def marked(text: str, edits: list) -> list[Piece]:
    """`text` with word edits shown: replaced words struck, new words inserted, the rest plain."""
    tokens = list(tokenize(text))
    pieces: list[Piece] = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start > position:
            pieces.append(Piece("".join(tokens[position:edit.start])))
        if edit.end > edit.start:
            deleted = "".join(tokens[edit.start:edit.end])
            pieces.append(Piece(deleted.rstrip(), Mark.DELETED))
            gap = deleted[len(deleted.rstrip()):]
        else:
            gap = ""
            if pieces and pieces[-1].mark is Mark.SAME and not pieces[-1].text.endswith(" ") \
                    and not edit.new.startswith((",", ".", ";", ":")):
                pieces.append(Piece(" "))
        if edit.new:
            if edit.new.startswith((",", ".", ";", ":")) and pieces and pieces[-1].mark is Mark.SAME:
                pieces[-1] = Piece(pieces[-1].text.rstrip())  # no space before punctuation
            elif edit.end > edit.start:
                pieces.append(Piece(" "))
            pieces.append(Piece(edit.new, Mark.INSERTED))
            gap = gap or (" " if edit.end == edit.start and edit.start < len(tokens)
                          and not tokens[edit.start].startswith((",", ".", ";", ":")) else "")
        if gap:
            pieces.append(Piece(gap))
        position = max(position, edit.end)
    if position < len(tokens):
        pieces.append(Piece("".join(tokens[position:])))
    return [p for p in pieces if p.text]


__all__ = ["Amendment", "Compilation", "Mark", "Piece", "compile_round", "marked"]
