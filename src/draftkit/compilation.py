"""The compilation of amendments: every proposal of a round as one numbered row, in the
paragraph order of the current draft, with the proposed change marked word by word.

Built from a `merge.Review`; knows nothing of Word, markdown or the terminal (see
`render.compilation`).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import enum
from dataclasses import dataclass
from typing import Mapping

from draftkit.merge import Review, Status, Understood
from draftkit.merge.plan import Spot, subparagraph_at, text_at
from draftkit.merge.words import NO_SPACE_BEFORE, tokenize
from draftkit.model import Draft, Kind, Paragraph, ProposalAction, Verdict
from draftkit.inline import Style
from draftkit.render.members import member_name
from draftkit.render.typography import for_language

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
    note: str = ""  # "collides with …" when the position does not already say so
    #: The current text as the resolution prints it (italic opening, markup, punctuation):
    #: (text, style) stretches; empty when it cannot be rendered (the plain `current` then).
    current_styled: tuple[tuple[str, Style], ...] = ()


@dataclass(frozen=True)
class Words:
    """The fixed wording of a compilation in one language (French puts a no-break space before ':')."""

    title: str
    headers: tuple[str, ...]
    draft: str  # "draft {n}"
    instructions: Mapping[ProposalAction, str]
    places: Mapping[str, str]  # before / after / at-end
    numbered_as: str  # "(as numbered in draft {n})"
    not_carried: str  # "(not carried over: {reason})"
    changed: str  # why not carried over: the words changed since draft {n}
    gone: str  # … or what it touches is no longer in draft {n}
    seen: str  # "{label} in draft {n}"
    new_paragraph: str  # "new, {place} (draft {n})"
    new_at_end: str  # "new {prefix} at the end"
    deleted: str  # label of a paragraph no longer in the draft
    verdicts: Mapping[Verdict, str]  # Verdict.MERGED takes {into}
    not_applied: str  # "collides with {others}, not applied"
    coraps: str  # "the co-rapporteurs' edits"
    collides: str  # "collides with {others}"
    collision: str  # "collision {name}"
    late: str
    only: str  # "({language} only)"
    position: str
    not_compiled: str
    colon: str = ": "  # before a revised text: French puts a no-break space before the colon
    preambular_label: str = "PP{n}"  # how the table names PP3 and OP5(b) in the language
    operative_label: str = "OP{n}"
    sub_label: str = "({sub})"

    def paragraph(self, text: str, *, capital: bool = False) -> str:
        """`text` with every 'PP3', 'OP5(b)' written as the language names paragraphs
        (« alinéa 3 du préambule », « paragraphe 5 b) »)."""
        def shown(match: re.Match[str]) -> str:
            pattern = self.preambular_label if match.group(1) == "PP" else self.operative_label
            subs = "".join(self.sub_label.format(sub=s) for s in re.findall(r"\(([a-z]+)\)", match.group(3)))
            name = pattern.format(n=match.group(2)) + (" " if subs and not subs.startswith("(") else "") + subs
            return name[:1].upper() + name[1:] if capital and match.start() == 0 else name  # a cell's start
        return _LABEL.sub(shown, text)


_LABEL = re.compile(r"\b(PP|OP)(\d+)((?:\([a-z]+\))*)")


def typeset(words: Words, language: str) -> Words:
    """`words` with the language's spacing (French: no-break space before ':'), applied by
    `render.typography` like every other French text rather than typed into the table."""
    def set_(value: object) -> object:
        if isinstance(value, str):
            return for_language(value, language)
        if isinstance(value, tuple):
            return tuple(for_language(v, language) for v in value)
        return {key: for_language(v, language) for key, v in value.items()}  # type: ignore[attr-defined]

    return dataclasses.replace(words, **{f.name: set_(getattr(words, f.name)) for f in dataclasses.fields(words)})


@functools.cache
def words_for(language: str) -> Words:
    """Return the compilation's wording in `language`, from the language's data folder
    (`labels: compilation:`); English for a language draftkit has no data for."""
    from draftkit.languages import known, language as language_data

    labels = language_data(language if known(language) else "en").section("compilation")
    instructions = labels.mapping("instructions")
    verdicts = labels.mapping("verdicts")
    words = Words(
        title=labels.text("title"),
        headers=labels.texts("headers"),
        draft=labels.text("draft"),
        instructions={action: instructions[action.value] for action in A},
        places=labels.mapping("places"),
        numbered_as=labels.text("numbered_as"),
        not_carried=labels.text("not_carried"),
        changed=labels.text("changed"),
        gone=labels.text("gone"),
        seen=labels.text("seen"),
        new_paragraph=labels.text("new_paragraph"),
        new_at_end=labels.text("new_at_end"),
        deleted=labels.text("deleted"),
        verdicts={verdict: verdicts[verdict.value] for verdict in Verdict if verdict.value in verdicts},
        not_applied=labels.text("not_applied"),
        coraps=labels.text("coraps"),
        collides=labels.text("collides"),
        collision=labels.text("collision"),
        late=labels.text("late"),
        only=labels.text("only"),
        position=labels.text("position"),
        not_compiled=labels.text("not_compiled"),
        colon=labels.text("colon"),
        preambular_label=labels.text("preambular_label"),
        operative_label=labels.text("operative_label"),
        sub_label=labels.text("sub_label"),
    )
    return typeset(words, language) if known(language) else words


@dataclass(frozen=True)
class Compilation:
    title: str
    version: int
    language: str
    amendments: tuple[Amendment, ...]
    excluded: tuple[str, ...] = ()  # "Brazil (late)": contributions left out

    @property
    def words(self) -> Words:
        return words_for(self.language)


def compile_round(review: Review, language: str) -> Compilation:
    """Return the compilation of every counted proposal of `review`, texts in `language`
    where the proposal gives them (else in the proposal's own language), labels in `language`."""
    words = words_for(language)
    current = review.current
    counted = [i for i in review.items if review.included(i)]
    groups = _groups(counted, review)
    positions = {p.id: n for n, p in enumerate(current.paragraphs())}
    place = {id(i): _place(current, positions, i) for i in counted}
    keyed = sorted(counted, key=lambda i: (place[id(i)], i.order))
    # Colliding proposals sit together, where the first of their group would be.
    first: dict[str, tuple] = {}
    for item in keyed:
        first.setdefault(groups.get(item.id, item.id), (place[id(item)], item.order))
    keyed.sort(key=lambda i: (first[groups.get(i.id, i.id)], groups.get(i.id, ""), place[id(i)], i.order))
    names = _group_names(keyed, groups)
    rows = []
    printed = _Printed(current)
    for number, item in enumerate(keyed, start=1):
        change, used = _change(current, item, language)
        rows.append(Amendment(
            number=number, proposal=item.id, delegation=_delegation(item.contribution.delegation, language),
            label=words.paragraph(_label(item, words), capital=True), seen_as=words.paragraph(_seen(item, words)),
            instruction=words.paragraph(_instruction(item, words, current)),
            current=_current_text(current, item, used), current_styled=printed.styled(item, used),
            change=tuple(change), language=used, position=_position(review, item, words),
            group=names.get(groups.get(item.id, ""), ""),
            collides_with=tuple(review.collisions.get(item.id, ())) + (("co-rapporteurs",) if item.blocked else ()),
            justification=item.proposal.justification,
            late=not review.entry(item).on_time,
            note=_note(review, item, words),
        ))
    excluded = tuple(f"{_delegation(e.contribution.delegation, language)} ({words.late})"
                     for e in review.entries if not e.included)
    return Compilation(title=current.meta.title.get(language, next(iter(current.meta.title.values()), "")),
                       version=current.meta.version, language=language, amendments=tuple(rows), excluded=excluded)


def _delegation(name: str, language: str) -> str:
    """The delegation as the compilation's language names it: a member State's name in
    `language` ("Mexico" → « Mexique »); in English as the delegation wrote it."""
    return name if language == "en" else for_language(member_name(name, language), language)


class _Printed:
    """The current draft as the resolution prints it, per language, block by key."""

    def __init__(self, draft: Draft):
        self.draft = draft
        self.blocks: dict[str, dict[str, tuple[tuple[str, Style], ...]]] = {}

    def styled(self, item: Understood, language: str) -> tuple[tuple[str, Style], ...]:
        if not item.paragraph:
            return ()
        if language not in self.blocks:
            from draftkit.errors import DraftkitError
            from draftkit.render.layout import layout

            try:
                tree = layout(self.draft, language)
            except (DraftkitError, KeyError):  # a language the draft is not written in
                tree = None
            self.blocks[language] = {} if tree is None else {
                block.key: tuple((run.text, run.style) for run in block.runs if run.footnote is None and run.text)
                for block in tree.blocks if block.key}
        key = "/".join((item.paragraph, *item.subparagraph)) if item.subparagraph else item.paragraph
        return self.blocks[language].get(key, ())


def _label(item: Understood, words: Words) -> str:
    """The paragraph in the current draft, in the compilation's language."""
    if item.new_paragraph is not None:
        position = item.proposal.position
        if position is None or position.where == "at-end":
            return words.new_at_end.format(prefix=item.new_paragraph.kind.prefix)
        place = f"{words.places[position.where]} {item.reference_seen or position.reference}"
        return words.new_paragraph.format(place=place, n=item.contribution.responds_to)
    label = item.label or item.seen_as
    return label[: -len("(deleted)")] + words.deleted if label.endswith("(deleted)") else label


def _seen(item: Understood, words: Words) -> str:
    if not item.seen_as or item.new_paragraph is not None:
        return ""
    return words.seen.format(label=item.seen_as, n=item.contribution.responds_to)


def _instruction(item: Understood, words: Words, current: Draft) -> str:
    text = words.instructions[item.proposal.action]
    position = item.proposal.position
    if item.proposal.action is A.MOVE_PARAGRAPH and position is not None:
        text += f" {words.places[position.where]} {item.reference_seen or position.reference or ''}".rstrip()
        text += " " + words.numbered_as.format(n=item.contribution.responds_to) + "."
    if item.blocked is not None:
        # Said in the compilation's words; a text's negotiation brackets are never touched.
        reason = (words.gone.format(n=current.meta.version) if item.blocked.gone
                  else words.changed.format(n=item.contribution.responds_to))
        text += " " + words.not_carried.format(reason=reason)
    return text


def _place(draft: Draft, ids: Mapping[str, int], item: Understood) -> tuple[int, int, float]:
    """Sort key: preamble first, then the paragraph's position in `ids` (paragraph id → place
    in reading order; a new one just after its reference)."""
    if item.new_paragraph is not None:
        kind = 0 if item.new_paragraph.kind is Kind.PREAMBULAR else 1
        if item.reference in ids:
            where = item.proposal.position.where if item.proposal.position else "after"
            return kind, ids[item.reference], 0.5 if where == "after" else -0.5
        return kind, len(ids), 0
    paragraph = draft.by_id().get(item.paragraph) if item.paragraph else None
    if paragraph is None:
        return 1, len(ids), 0
    return (0 if paragraph.kind is Kind.PREAMBULAR else 1), ids[paragraph.id], 0


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


def _position(review: Review, item: Understood, words: Words) -> str:
    """The co-rapporteurs' decision, and the truth about it: an accepted proposal that
    collides is said not to be applied."""
    decision = review.decisions.get(item.id)
    if decision is None:
        return "—"
    text = words.verdicts[decision.verdict].format(into=decision.into)
    outcome = review.outcomes.get(item.id)
    if outcome is not None and outcome.status is Status.COLLISION:
        others = ", ".join(words.coraps if o == "co-rapporteurs" else o for o in outcome.collides_with)
        text += " — " + words.not_applied.format(others=others)
    if decision.text:
        text += words.colon + " / ".join(decision.text.values())
    if decision.note:
        text += f" ({decision.note})"
    return text


def _note(review: Review, item: Understood, words: Words) -> str:
    """Which proposals (or the co-rapporteurs' edits) this one collides with as submitted,
    unless its position already says it collides."""
    outcome = review.outcomes.get(item.id)
    others = tuple(review.collisions.get(item.id, ())) + (("co-rapporteurs",) if item.blocked else ())
    if not others or (outcome is not None and outcome.status is Status.COLLISION):
        return ""
    return words.collides.format(others=", ".join(words.coraps if o == "co-rapporteurs" else o for o in others))


def _paragraph_text(paragraph: Paragraph, language: str) -> str:
    return _gap(language).join(x for x in (paragraph.opening.get(language, ""), paragraph.text.get(language, "")) if x)


def _gap(language: str) -> str:
    """What separates two words in `language`: a space, nothing in Chinese."""
    from draftkit.languages import known, language as language_data

    return language_data(language).word_gap if known(language) else " "


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
        return [p for p in (Piece(old, Mark.DELETED), Piece(_gap(used) if old and new else ""), Piece(new, Mark.INSERTED))
                if p.text], used
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
            pieces.append(Piece(_gap(used)))
        pieces += marked(text, [e for e in item.edits if e.spot == spot], _gap(used))
    return pieces, used


def marked(text: str, edits: list, space: str = " ") -> list[Piece]:
    """`text` with word edits shown: replaced words struck, new words inserted, the rest plain.
    `space` is what separates words ('' in Chinese, where no space is put around an edit)."""
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
                    and not edit.new.startswith(NO_SPACE_BEFORE):
                pieces.append(Piece(space))
        if edit.new:
            if edit.new.startswith(NO_SPACE_BEFORE) and pieces and pieces[-1].mark is Mark.SAME:
                pieces[-1] = Piece(pieces[-1].text.rstrip())  # no space before punctuation
            elif edit.new.startswith(NO_SPACE_BEFORE) and edit.end > edit.start and len(pieces) > 1 \
                    and pieces[-2].mark is Mark.SAME and pieces[-2].text.endswith(" "):
                # "caregivers~~ and teachers~~, teachers": the space goes with the struck words,
                # so neither reading has a space before the comma
                pieces[-2] = Piece(pieces[-2].text.rstrip())
                pieces[-1] = Piece(space + pieces[-1].text, Mark.DELETED)
            elif edit.end > edit.start:
                pieces.append(Piece(space))
            pieces.append(Piece(edit.new, Mark.INSERTED))
            gap = gap or (space if edit.end == edit.start and edit.start < len(tokens)
                          and not tokens[edit.start].startswith(NO_SPACE_BEFORE) else "")
        if gap:
            pieces.append(Piece(gap))
        position = max(position, edit.end)
    if position < len(tokens):
        pieces.append(Piece("".join(tokens[position:])))
    return [p for p in pieces if p.text]


__all__ = ["Amendment", "Compilation", "Mark", "Piece", "compile_round", "marked"]
