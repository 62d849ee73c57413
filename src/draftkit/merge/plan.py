"""Understanding proposals against drafts: resolve what the delegate saw, carry it onto the
current draft as word edits and claims, and find collisions between claims.

Pure: drafts and proposals in, typed plans out; raises `DraftkitError` for proposals
that cannot be read as written. Knows no files, no Word, no terminal.
"""

from __future__ import annotations

import enum
import re
from dataclasses import replace
from functools import lru_cache
from typing import Mapping

from draftkit.errors import DraftkitError, MergeError, UnknownReference
from draftkit.merge.words import Alignment, align, cores, find, tokenize, word_diff
from draftkit.model import (
    ByLanguage,
    Contribution,
    Draft,
    Paragraph,
    ParagraphId,
    Proposal,
    ProposalAction,
    SubParagraph,
    Target,
)
from draftkit.records import record

A = ProposalAction


@record
class Spot:
    """One amendable string: a paragraph's text or opening, or a sub-paragraph's text, in one language."""

    paragraph: ParagraphId
    subparagraph: tuple[str, ...]
    part: str  # "text" | "opening"
    language: str


@record
class WordEdit:
    """Current tokens `start..end` of `spot` become `new`; `old` is the words they replace."""

    spot: Spot
    start: int
    end: int
    old: str
    new: str


class ClaimKind(enum.Enum):
    TEXT = "text"  # words (a token span) of one spot
    DELETE = "delete"  # the whole paragraph goes
    MOVE = "move"  # the paragraph changes place
    ANCHOR = "anchor"  # something is placed before/after this paragraph
    DELETE_SUB = "delete-sub"  # a sub-paragraph goes
    ANCHOR_SUB = "anchor-sub"  # a sub-paragraph is placed under/next to this sub-paragraph path


@record
class Claim:
    """What a proposal touches in the current draft; two proposals collide when claims do."""

    kind: ClaimKind
    paragraph: ParagraphId
    subparagraph: tuple[str, ...] = ()
    spot: Spot | None = None
    start: int = 0
    end: int = 0


@record
class Blocked:
    """The co-rapporteurs changed what the proposal touches: it cannot be carried over as written."""

    reason: str
    seen: str  # the words as the delegate saw them
    now: str  # what the current draft says there
    gone: bool = False  # what it touches (or is placed next to) is no longer in the draft


@record
class Understood:
    """One proposal read against the version its delegate saw and carried onto the current draft.

    `seen_as` is the target as numbered in that version ("OP5(b)"), `label` the same
    place in the current draft ("OP4(b)"; for a new paragraph, where it goes).
    """

    contribution: Contribution
    proposal: Proposal
    order: int
    seen_as: str
    label: str
    paragraph: ParagraphId | None
    edits: tuple[WordEdit, ...] = ()
    claims: tuple[Claim, ...] = ()
    blocked: Blocked | None = None
    pending: tuple[str, ...] = ()  # draft languages the text amendment does not cover
    new_paragraph: Paragraph | None = None
    new_subparagraph: SubParagraph | None = None
    subparagraph: tuple[str, ...] = ()
    reference: ParagraphId | None = None  # position reference (new or moved paragraph) in current ids
    reference_seen: str = ""  # the same reference as numbered in the version the delegate saw ("OP11")
    reference_sub: tuple[str, ...] | None = None  # add-subparagraph: sibling it goes after/before

    @property
    def id(self) -> str:
        return self.proposal.id


class Drafts:
    """The draft versions a round needs, with cached word alignments between them."""

    def __init__(self, versions: Mapping[int, Draft], current: Draft):
        self.versions = versions
        self.current = current
        self.current_labels = current.labels()
        self.current_ids = current.by_id()
        self._alignments: dict[tuple[int, Spot], Alignment] = {}
        self._ids: dict[int, dict[ParagraphId, Paragraph]] = {}
        #: proposals already understood (as submitted), so a review and its settlement read each once
        self.understood: dict[int, Understood] = {}

    def base(self, contribution: Contribution) -> Draft:
        """The version the contribution responds to, or an error naming the versions there are."""
        draft = self.versions.get(contribution.responds_to)
        if draft is None:
            known = ", ".join(map(str, sorted(self.versions))) or "none"
            raise UnknownReference(
                f"responds_to {contribution.responds_to}: there is no draft version {contribution.responds_to}",
                where=contribution.path,
                fix=f"draft versions: {known}",
            )
        return draft

    def ids(self, draft: Draft) -> dict[ParagraphId, Paragraph]:
        version = draft.meta.version
        if version not in self._ids:
            self._ids[version] = draft.by_id()
        return self._ids[version]

    def alignment(self, base: Draft, spot: Spot) -> Alignment:
        key = (base.meta.version, spot)
        if key not in self._alignments:
            seen = text_at(self.ids(base), spot) or ""
            now = text_at(self.current_ids, spot) or ""
            self._alignments[key] = align(tokenize(seen), tokenize(now))
        return self._alignments[key]


def text_at(paragraphs: Mapping[ParagraphId, Paragraph], spot: Spot) -> str | None:
    """The text at `spot`, |None| when the paragraph, sub-paragraph or language is not there."""
    paragraph = paragraphs.get(spot.paragraph)
    if paragraph is None:
        return None
    if spot.subparagraph:
        sub = subparagraph_at(paragraph, spot.subparagraph)
        return None if sub is None else sub.text.get(spot.language)
    source = paragraph.opening if spot.part == "opening" else paragraph.text
    return source.get(spot.language)


def subparagraph_at(paragraph: Paragraph, path: tuple[str, ...]) -> SubParagraph | None:
    children, found = paragraph.subparagraphs, None
    for sub_id in path:
        found = next((c for c in children if c.id == sub_id), None)
        if found is None:
            return None
        children = found.children
    return found


def sub_label(draft: Draft, paragraph: Paragraph, path: tuple[str, ...]) -> str:
    """'OP5(b)(ii)' for a stable sub-paragraph path in `draft`."""
    from draftkit.model import subparagraph_label

    label = draft.label(paragraph.id)
    children = paragraph.subparagraphs
    for level, sub_id in enumerate(path, start=1):
        index = next(i for i, c in enumerate(children) if c.id == sub_id)
        label += f"({subparagraph_label(index, level)})"
        children = children[index].children
    return label


def edits_of(proposal: Proposal, contribution: Contribution, draft: Draft) -> dict[str, tuple[str, str]]:
    """A text amendment's (old, new) per language, whichever way it was written."""
    if proposal.old_by_language or proposal.new_by_language:
        return {lang: (proposal.old_by_language.get(lang, ""), proposal.new_by_language.get(lang, ""))
                for lang in {**proposal.old_by_language, **proposal.new_by_language}}
    language = proposal.language or contribution.language or (draft.meta.languages[0]
                                                             if len(draft.meta.languages) == 1 else None)
    if language is None:
        raise MergeError("the amendment does not say its language", where=proposal.location,
                         fix="add 'language: en' (or fr) to the proposal or the contribution")
    return {language: (proposal.old or "", proposal.new or "")}


def understand(drafts: Drafts, contribution: Contribution, proposal: Proposal, order: int,
               revised: ByLanguage | None = None) -> Understood:
    """Read `proposal` against the version its delegation saw and carry it onto the current draft.

    `revised` is the co-rapporteurs' revised text (accept-revised), used instead of the
    delegation's new words. Raises a `DraftkitError` naming the proposal and its file
    when the proposal cannot be read as written.
    """
    if not revised and id(proposal) in drafts.understood:
        known = drafts.understood[id(proposal)]
        return known if known.order == order else replace(known, order=order)
    try:
        _refuse_markup(proposal, revised)
        found = _understand(drafts, contribution, proposal, order, revised)
    except DraftkitError as exc:
        if exc.what.startswith(f"proposal {proposal.id}"):
            raise
        raise type(exc)(f"proposal {proposal.id}: {exc.what}", where=proposal.location or exc.where,
                        fix=exc.fix) from None
    if not revised:
        drafts.understood[id(proposal)] = found
    return found


def _refuse_markup(proposal: Proposal, revised: ByLanguage | None) -> None:
    """Member text is data: a footnote call or cross-reference in the words a delegation
    proposes would be interpreted (and credited to nobody), so it is refused. The
    co-rapporteurs' revised text may carry them: they are the ones who add them."""
    from draftkit.inline import CROSSREF, FOOTNOTE

    kept = set(revised or ())
    texts = [(lang, t) for lang, t in proposal.new_by_language.items() if lang not in kept]
    if proposal.new and not (proposal.language in kept or (kept and not proposal.language)):
        texts.append((proposal.language or "", proposal.new))
    for part in (proposal.paragraph, proposal.subparagraph):
        for lang, text in _texts(part):
            if lang not in kept:
                texts.append((lang, text))
    for lang, text in texts:
        found = FOOTNOTE.search(text) or CROSSREF.search(text)
        if found:
            raise MergeError(
                f"proposal {proposal.id}: its text has {found.group(0)!r}; cross-references and footnotes in "
                "proposed text are added by the co-rapporteurs", where=proposal.location,
                fix="write the words instead (e.g. 'paragraph 3 above'); the co-rapporteurs can decide "
                    "accept-revised with the reference")


def _texts(item: Paragraph | SubParagraph | None) -> list[tuple[str, str]]:
    """Every (language, text) of a proposed paragraph or sub-paragraph, sub-paragraphs included."""
    if item is None:
        return []
    found = list(item.text.items())
    for child in (item.subparagraphs if isinstance(item, Paragraph) else item.children):
        found += _texts(child)
    return found


def _understand(drafts: Drafts, contribution: Contribution, proposal: Proposal, order: int,
                revised: ByLanguage | None) -> Understood:
    base = drafts.base(contribution)
    current = drafts.current
    head = Understood(contribution=contribution, proposal=proposal, order=order, seen_as="", label="", paragraph=None)
    if proposal.action is A.NEW_PARAGRAPH:
        return _new_paragraph(drafts, base, proposal, revised, head)
    assert proposal.target is not None
    target = base.resolve(proposal.target, where=proposal.location)
    paragraph = drafts.ids(base)[target.paragraph]
    seen_as = sub_label(base, paragraph, target.subparagraph)
    now = drafts.current_ids.get(target.paragraph)
    read = {"contribution": contribution, "proposal": proposal, "order": order, "seen_as": seen_as,
            "paragraph": target.paragraph, "subparagraph": target.subparagraph}  # made once: a round has thousands
    if now is None:
        return Understood(**read, label="(deleted)", blocked=Blocked(
            f"{seen_as} of draft {base.meta.version} is no longer in draft {current.meta.version}",
            seen=_plain(paragraph), now="(deleted by the co-rapporteurs)", gone=True))
    if target.subparagraph and subparagraph_at(now, target.subparagraph) is None:
        return Understood(**read, label=drafts.current_labels[now.id] + "(deleted)", blocked=Blocked(
            f"{seen_as} of draft {base.meta.version} is no longer in draft {current.meta.version}",
            seen=_plain(subparagraph_at(paragraph, target.subparagraph)), now="(deleted by the co-rapporteurs)",
            gone=True))
    head = Understood(**read, label=sub_label(current, now, target.subparagraph))
    action = proposal.action
    if action is A.AMEND_TEXT:
        return _amend(drafts, base, contribution, proposal, target, revised, head)
    if action is A.REPLACE_TEXT:
        return _replace(drafts, base, proposal, target, revised, head)
    if action in (A.DELETE_PARAGRAPH, A.MOVE_PARAGRAPH) and target.subparagraph:
        raise MergeError(f"{action.value} targets a sub-paragraph ({seen_as})", where=proposal.location,
                         fix="use delete-subparagraph, or target the paragraph")
    if action is A.DELETE_PARAGRAPH:
        return replace(head, claims=(Claim(ClaimKind.DELETE, target.paragraph),))
    if action is A.DELETE_SUBPARAGRAPH:
        if not target.subparagraph:
            raise MergeError(f"delete-subparagraph targets a whole paragraph ({seen_as})", where=proposal.location,
                             fix="name the sub-paragraph, e.g. OP5(c), or use delete-paragraph")
        return replace(head, claims=(Claim(ClaimKind.DELETE_SUB, target.paragraph, target.subparagraph),))
    if action is A.MOVE_PARAGRAPH:
        return _move(drafts, base, proposal, paragraph, head)
    return _add_subparagraph(drafts, base, proposal, target, revised, head)


def _amend(drafts: Drafts, base: Draft, contribution: Contribution, proposal: Proposal, target: Target,
           revised: ByLanguage | None, head: Understood) -> Understood:
    pairs = edits_of(proposal, contribution, base)
    for lang, text in (revised or {}).items():
        if lang not in pairs:
            raise MergeError(f"the revised text is in {lang!r} but the amendment quotes no {lang!r} words",
                             where=proposal.location, fix=f"give the revision in {', '.join(sorted(pairs))}")
        pairs[lang] = (pairs[lang][0], text)
    if revised:  # revised in some languages only: the others follow as translations, never the old words
        pairs = {lang: pair for lang, pair in pairs.items() if lang in revised}
    edits: list[WordEdit] = []
    base_ids = drafts.ids(base)
    for lang, (old, new) in sorted(pairs.items()):
        for spot, start, quoted, proposed, given in _locate(base, base_ids, target, lang, old, new, proposal,
                                                            head.seen_as):
            old_tokens, new_tokens = tokenize(quoted), tokenize(proposed)
            alignment = drafts.alignment(base, spot)
            now_tokens = tokenize(text_at(drafts.current_ids, spot) or "")
            # the changes as the printed words were mapped onto the markup (marks kept between
            # changed words), else the word diff of the two
            for change in given if given is not None else word_diff(cores(old_tokens), cores(new_tokens)):
                carried = alignment.carry(start + change.start, start + change.end)
                if carried is None:
                    return replace(head, blocked=Blocked(
                        f"the co-rapporteurs changed the words it touches ({lang})",
                        seen=quoted, now=text_at(drafts.current_ids, spot) or ""))
                s, e = carried
                edits.append(WordEdit(spot, s, e, "".join(now_tokens[s:e]).strip(),
                                      "".join(new_tokens[change.new_start:change.new_end]).strip()))
    languages = drafts.current.meta.languages
    pending = tuple(lang for lang in languages if lang not in pairs)
    claims = tuple(Claim(ClaimKind.TEXT, e.spot.paragraph, e.spot.subparagraph, e.spot, e.start, e.end)
                   for e in edits)
    return replace(head, edits=tuple(edits), claims=claims, pending=pending)


_SAME = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ", "\u202f": " "})
_FINAL = (".", ";", ",", ":")


def _same(words: tuple[str, ...]) -> tuple[str, ...]:
    """Word cores with curly and straight quotes alike: a delegate types either."""
    return tuple(w.translate(_SAME) for w in words)


@lru_cache(maxsize=4096)
def _compared(text: str) -> tuple[str, ...]:
    """`_compared(text)`, once per text: a paragraph is searched by every
    proposal aimed at it (thousands in a large round)."""
    return _same(cores(tokenize(text)))


def _readings(old: str, new: str, opening: str) -> list[tuple[str, str, bool]]:
    """The ways a delegate may have quoted `old`, most literal first: (old, new, at the start only).

    As typed; without the final stop the renderer adds (dropped from `new` too when it
    ends the same way); and with the paragraph's opening phrase in front ("Urges
    parliaments to" for the opening "Urges" and a text starting "parliaments to").
    """
    readings = [(old, new, False)]
    end = old.rstrip()[-1:]
    if end in _FINAL:
        readings.append((old.rstrip()[:-1], new.rstrip()[:-1] if new.rstrip().endswith(end) else new, False))
    head = _compared(opening) if opening else ()
    for quoted, proposed, _ in list(readings):
        words, added = tokenize(quoted), tokenize(proposed)
        if head and len(words) > len(head) and _same(cores(words[: len(head)])) == head:
            if _same(cores(added[: len(head)])) != head:
                continue  # the opening itself changes: not a change of the text
            readings.append(("".join(words[len(head):]), "".join(added[len(head):]), True))
    return readings


def _locate(base: Draft, ids: Mapping[ParagraphId, Paragraph], target: Target, lang: str, old: str, new: str,
            proposal: Proposal, seen_as: str) -> list[tuple[Spot, int, str, str, list | None]]:
    """Find the quoted words in the target as the delegate saw it: for each spot they change,
    (spot, first token index, the old and new words as matched, see `_readings`, and the
    changes between their tokens when they are given rather than diffed).

    The markup text first; then the text as printed, a cross-reference read as its words
    ("paragraph 2 above"), formatting marks and footnote calls unseen, mapped back onto the
    markup (`merge.rendered`); then an opening phrase changed together with the text
    (`_opening_change`).
    """
    return [(*found, None) if len(found) == 4 else found
            for found in _located(base, ids, target, lang, old, new, proposal, seen_as)]


def _located(base: Draft, ids: Mapping[ParagraphId, Paragraph], target: Target, lang: str, old: str, new: str,
             proposal: Proposal, seen_as: str) -> list[tuple]:
    """`_locate`'s finding, the markup and opening matches without their changes."""
    from draftkit.merge.rendered import find_rendered, rendered, to_markup

    parts = ("text",) if target.subparagraph else ("text", "opening")
    texts = {part: text_at(ids, Spot(target.paragraph, target.subparagraph, part, lang)) for part in parts}
    shown = texts["text"] or texts.get("opening") or ""
    where = f"{seen_as} ({lang}) of draft {base.meta.version}"
    if not shown:
        raise MergeError(f"{where} has no {lang!r} text", where=proposal.location,
                         fix="write the amendment in a language of the draft")
    readings = _readings(old, new, "" if target.subparagraph else texts.get("opening") or "")
    found: list[tuple[Spot, int, str, str]] = []
    for quoted, proposed, at_start in readings:
        needle = _compared(quoted)
        for part, text in texts.items():
            if text is None or (at_start and part != "text"):
                continue
            spot = Spot(target.paragraph, target.subparagraph, part, lang)
            hits = find(_compared(text), needle)
            found += [(spot, i, quoted, proposed) for i in hits if i == 0 or not at_start]
        if found:
            break
    if found and len(found) == 1:
        return found  # quoted as written in the markup: the rendered reading is not needed
    views = {part: rendered(base, lang, ids[target.paragraph], text) for part, text in texts.items() if text}
    if not found:
        for quoted, proposed, at_start in readings:
            needle = _compared(quoted)
            for part, view in views.items():
                spot = Spot(target.paragraph, target.subparagraph, part, lang)
                if view is not None and not (at_start and part != "text"):
                    found += [(spot, i, quoted, proposed)
                              for i in find_rendered(view, needle, _same) if i == 0 or not at_start]
            if found:
                break
        if len(found) == 1:
            spot, i, quoted, proposed = found[0]
            view = views[spot.part]
            assert view is not None
            return [(spot, *to_markup(view, i, quoted, proposed, proposal))]
    if not found and not target.subparagraph and texts.get("opening") and texts["text"]:
        changed = _opening_change(target, lang, texts["opening"] or "", texts["text"] or "", readings, proposal)
        if changed:
            return changed
    if not found:
        view = views.get("text")
        raise MergeError(_not_found(old, "".join(view.tokens) if view else shown, where), where=proposal.location,
                         fix="quote whole words exactly as they are in the draft the delegation saw")
    if len(found) > 1:
        raise MergeError(f"{old!r} appears {len(found)} times in {where}", where=proposal.location,
                         fix="quote more of the surrounding words so the place is unambiguous")
    return found[:1]


def _opening_change(target: Target, lang: str, opening: str, text: str, readings: list[tuple[str, str, bool]],
                    proposal: Proposal) -> list[tuple[Spot, int, str, str]] | None:
    """A quote that starts with the whole opening phrase ("Urges parliaments to ensure") and
    a `new` that changes the opening ("Strongly urges parliaments to ensure"): the opening
    (italic, a field of its own) takes the words that replace it, the text the rest.
    |None| when the quote is not that; raises when one change runs across both."""
    head = _compared(opening)
    for quoted, proposed, at_start in readings:
        words, added = tokenize(quoted), tokenize(proposed)
        size = len(head)
        if at_start or len(words) <= size or _same(cores(words[:size])) != head:
            continue
        if 0 not in find(_compared(text), _same(cores(words[size:]))):
            continue
        shift = 0
        for change in word_diff(cores(words), cores(added)):
            if change.start < size < change.end:
                raise MergeError(
                    f"the change from {quoted.strip()!r} to {proposed.strip()!r} runs across the opening phrase "
                    f"{opening.strip()!r} and the text after it", where=proposal.location,
                    fix="propose the new opening phrase and the change of the text as two amend-text proposals")
            if change.end <= size and change.start < size:
                shift += (change.new_end - change.new_start) - (change.end - change.start)
        split = size + shift
        pieces = [(Spot(target.paragraph, (), "opening", lang), 0, "".join(words[:size]), "".join(added[:split]))]
        if cores(words[size:]) != cores(added[split:]):
            pieces.append((Spot(target.paragraph, (), "text", lang), 0, "".join(words[size:]), "".join(added[split:])))
        return pieces
    return None


def _not_found(old: str, text: str, where: str) -> str:
    """One line: the fragment cuts a word, or where the closest words are (marked ‹ › in the text)."""
    import difflib

    plain = " ".join(text.translate(_SAME).split())
    wanted = " ".join(old.translate(_SAME).split())
    at = plain.find(wanted) if wanted else -1
    if at >= 0:
        left = plain[:at].split(" ")[-1] if at and plain[at - 1] != " " else ""
        right = plain[at + len(wanted):].split(" ")[0] if not wanted[-1:].isspace() else ""
        whole = (left + wanted + right).strip()
        return f"{old!r} cuts a word in two in {where} (it reads {whole!r}): an amendment quotes whole words"
    tokens = tokenize(text)
    count = len(tokenize(old))
    best, size, ratio = 0, 1, -1.0
    for width in range(max(1, count - 2), count + 3):
        for i in range(max(1, len(tokens) - width + 1)):
            score = difflib.SequenceMatcher(None, old, "".join(tokens[i:i + width]).strip()).ratio()
            if score > ratio:
                best, size, ratio = i, width, score
    window = "".join(tokens[best:best + size])
    before, closest = "".join(tokens[:best]), window.strip()
    after = window[len(window.rstrip()):] + "".join(tokens[best + size:])
    before = ("…" + before[-40:]) if len(before) > 40 else before
    after = (after[:40] + "…") if len(after) > 40 else after
    return (f"{old!r} is not in {where}; closest: '{before}‹{closest}›{after.rstrip()}'"
            + _difference(old, closest))


def _difference(old: str, closest: str) -> str:
    """The first character where the quote and the closest words differ, by code point when
    the two would look alike (a non-breaking space, a dash or quote variant)."""
    differ = [(a, b) for a, b in zip(old, closest) if a != b]
    if len(old) != len(closest) or not differ or any(a.isalnum() or b.isalnum() for a, b in differ):
        return ""
    a, b = differ[0]
    return f" (the draft has {b!r} U+{ord(b):04X} where the quote has {a!r} U+{ord(a):04X})"


def _replace(drafts: Drafts, base: Draft, proposal: Proposal, target: Target, revised: ByLanguage | None,
             head: Understood) -> Understood:
    texts = dict(revised or proposal.new_by_language)  # a revision replaces the delegation's words
    if proposal.new and proposal.language and not texts:
        texts = {proposal.language: proposal.new}
    edits: list[WordEdit] = []
    claims: list[Claim] = []
    for lang, new in sorted(texts.items()):
        spot = Spot(target.paragraph, target.subparagraph, "text", lang)
        seen = text_at(drafts.ids(base), spot)
        now = text_at(drafts.current_ids, spot)
        if seen is None or now is None:
            raise MergeError(f"{head.seen_as} has no {lang!r} text to replace", where=proposal.location,
                             fix="replace the text in a language the paragraph has")
        if cores(tokenize(seen)) != cores(tokenize(now)):
            return replace(head, blocked=Blocked(
                f"the co-rapporteurs changed this text since draft {base.meta.version} ({lang})", seen=seen, now=now))
        now_tokens, new_tokens = tokenize(now), tokenize(new)
        for change in word_diff(cores(now_tokens), cores(new_tokens)):
            edits.append(WordEdit(spot, change.start, change.end,
                                  "".join(now_tokens[change.start:change.end]).strip(),
                                  "".join(new_tokens[change.new_start:change.new_end]).strip()))
        # The whole text is claimed: even an insertion at its very start or end collides.
        claims.append(Claim(ClaimKind.TEXT, target.paragraph, target.subparagraph, spot, -1, len(now_tokens) + 1))
    pending = tuple(lang for lang in drafts.current.meta.languages if lang not in texts)
    return replace(head, edits=tuple(edits), claims=tuple(claims), pending=pending)


def _reference(drafts: Drafts, base: Draft, proposal: Proposal, kind_of: Paragraph | None,
               head: Understood) -> tuple[ParagraphId | None, str, Blocked | None]:
    """Resolve `position` in the version the delegate saw: (current id, label, blocked)."""
    position = proposal.position
    assert position is not None
    if position.where == "at-end":
        return None, "end", None
    assert position.reference is not None
    target = base.resolve(position.reference, where=proposal.location)
    reference = drafts.ids(base)[target.paragraph]
    if target.subparagraph:
        raise MergeError("a paragraph goes before or after a paragraph, not a sub-paragraph",
                         where=proposal.location, fix=f"use {base.label(reference.id)}")
    if kind_of is not None and reference.kind is not kind_of.kind:
        raise MergeError(
            f"a {kind_of.kind.value} paragraph cannot go {position.where} {base.label(reference.id)}, "
            f"a {reference.kind.value} paragraph", where=proposal.location,
            fix=f"place it among the {kind_of.kind.value} paragraphs")
    if kind_of is not None and reference.id == kind_of.id:
        raise MergeError("a paragraph cannot move next to itself", where=proposal.location)
    label = f"{position.where} {base.label(reference.id)}"
    if reference.id not in drafts.current_ids:
        return reference.id, label, Blocked(
            f"{base.label(reference.id)} of draft {base.meta.version} is no longer in the draft",
            seen=_plain(reference), now="(deleted by the co-rapporteurs)", gone=True)
    return reference.id, label, None


def _move(drafts: Drafts, base: Draft, proposal: Proposal, paragraph: Paragraph, head: Understood) -> Understood:
    reference, _, blocked = _reference(drafts, base, proposal, paragraph, head)
    claims = [Claim(ClaimKind.MOVE, paragraph.id)]
    if reference is not None:
        claims.append(Claim(ClaimKind.ANCHOR, reference))
    return replace(head, claims=tuple(claims), blocked=blocked, reference=reference,
                   reference_seen=base.label(reference) if reference is not None else "")


def _new_paragraph(drafts: Drafts, base: Draft, proposal: Proposal, revised: ByLanguage | None,
                   head: Understood) -> Understood:
    paragraph = proposal.paragraph
    assert paragraph is not None
    if revised:
        paragraph = replace(paragraph, text=dict(revised))
    reference, label, blocked = _reference(drafts, base, proposal, paragraph, head)
    if proposal.position and proposal.position.where == "at-end":
        label = f"new {paragraph.kind.prefix} at the end"
    else:
        label = f"new, {label} (draft {base.meta.version})"
    if paragraph.id and paragraph.id in drafts.current_ids:
        raise MergeError(f"the new paragraph's id {paragraph.id!r} is already used in the draft",
                         where=proposal.location, fix="give it another 'id:', or none")
    claims = (Claim(ClaimKind.ANCHOR, reference),) if reference else ()
    pending = tuple(lang for lang in drafts.current.meta.languages if lang not in paragraph.text)
    return replace(head, seen_as=label, label=label, paragraph=None, claims=claims, blocked=blocked,
                   new_paragraph=paragraph, reference=reference, pending=pending,
                   reference_seen=base.label(reference) if reference is not None else "")


def _add_subparagraph(drafts: Drafts, base: Draft, proposal: Proposal, target: Target,
                      revised: ByLanguage | None, head: Understood) -> Understood:
    sub = proposal.subparagraph
    assert sub is not None
    if revised:
        sub = replace(sub, text=dict(revised))
    if len(target.subparagraph) > 1:
        raise MergeError("sub-paragraphs go two levels deep at most", where=proposal.location,
                         fix="target the paragraph (OP5) or a first-level sub-paragraph (OP5(b))")
    claims = [Claim(ClaimKind.ANCHOR_SUB, target.paragraph, target.subparagraph)]
    sibling: tuple[str, ...] | None = None
    blocked = None
    position = proposal.position
    if position is not None and position.where != "at-end":
        assert position.reference is not None
        label = position.reference.strip()
        reference = label if re.match(r"^\w", label) and not re.fullmatch(r"[a-z]+|[ivx]+", label) \
            else f"{proposal.target}({label.strip('()')})"
        found = base.resolve(reference, where=proposal.location)
        if found.paragraph != target.paragraph or found.subparagraph[:-1] != target.subparagraph:
            raise MergeError(f"position {position.reference!r} is not a sub-paragraph of {head.seen_as}",
                             where=proposal.location, fix="name a sub-paragraph of the target, e.g. (b)")
        sibling = found.subparagraph
        claims.append(Claim(ClaimKind.ANCHOR_SUB, target.paragraph, sibling))
        if subparagraph_at(drafts.current_ids[target.paragraph], sibling) is None:
            blocked = Blocked("the sub-paragraph it is placed next to is no longer in the draft",
                              seen=position.reference, now="(deleted by the co-rapporteurs)", gone=True)
    pending = tuple(lang for lang in drafts.current.meta.languages if lang not in sub.text)
    return replace(head, claims=tuple(claims), blocked=blocked, new_subparagraph=sub,
                      reference_sub=sibling, pending=pending)


def _plain(item: Paragraph | SubParagraph | None) -> str:
    if item is None:
        return ""
    texts = item.text
    opening = getattr(item, "opening", {}) or {}
    lang = next(iter(texts), "")
    return " ".join(x for x in (opening.get(lang, ""), texts.get(lang, "")) if x)


# --- collisions ---------------------------------------------------------------------------


def spans_overlap(a: Claim, b: Claim) -> bool:
    """Two word spans of one spot touch the same words (a gap is an insertion point).

    An insertion right at the edge of words another proposal replaces counts as touching
    them: a word diff may place "X and Y" as a replacement ending where the other's
    insertion begins, and applying both would fuse the two texts.
    """
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start <= a.start <= b.end
    if b.start == b.end:
        return a.start <= b.start <= a.end
    return a.start < b.end and b.start < a.end


def collides(a: Claim, b: Claim) -> bool:
    """True when two claims on the current draft cannot both be honoured without a choice."""
    if a.paragraph != b.paragraph:
        return False
    kinds = {a.kind, b.kind}
    if ClaimKind.DELETE in kinds:
        return True
    if a.kind is b.kind is ClaimKind.MOVE:
        return True
    if ClaimKind.DELETE_SUB in kinds:
        deleting, other = (a, b) if a.kind is ClaimKind.DELETE_SUB else (b, a)
        path = other.spot.subparagraph if other.spot is not None else other.subparagraph
        if other.kind in (ClaimKind.MOVE, ClaimKind.ANCHOR):
            return False
        return path[: len(deleting.subparagraph)] == deleting.subparagraph
    if a.kind is b.kind is ClaimKind.TEXT:
        return a.spot == b.spot and spans_overlap(a, b)
    return False


def collisions(items: list[Understood]) -> dict[str, list[str]]:
    """Proposal id → ids of the proposals (in `items`) it collides with."""
    by_paragraph: dict[ParagraphId, list[tuple[int, Claim]]] = {}
    for index, item in enumerate(items):
        for claim in item.claims:
            by_paragraph.setdefault(claim.paragraph, []).append((index, claim))
    found: dict[str, list[str]] = {}
    for claims in by_paragraph.values():
        for x, (i, a) in enumerate(claims):
            for j, b in claims[x + 1:]:
                if i == j or not collides(a, b):
                    continue
                first, second = items[i].id, items[j].id
                if second not in found.setdefault(first, []):
                    found[first].append(second)
                    found.setdefault(second, []).append(first)
    return found

