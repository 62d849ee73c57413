"""A paragraph through every version (`draftkit history`) and who put each word of a draft
where it is (`draftkit blame`), from the provenance `draftkit merge` records in each
version and the decisions of each round, followed by stable id across versions and moves.

`history` and `blame` are pure (draft versions and decisions in, typed records out);
`project_history` and `project_blame` read them from a project. Knows no terminal.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping, Sequence

from draftkit.model import ChangeRecord, Decision, Draft, Paragraph, ParagraphId
from draftkit.negotiation.translations import Item, items, marked_change

CORAPPORTEURS = "co-rapporteurs"


@dataclass(frozen=True)
class Credit:
    """Who made a change: a delegation's proposal in a round (with the decision on it), or
    the co-rapporteurs' own edit (`proposal` None)."""

    version: int
    who: str
    proposal: str | None = None
    round: str | None = None
    decision: str | None = None

    def shown(self) -> str:
        if self.proposal is None:
            return f"{self.who} (draft {self.version})"
        decided = f", {self.decision}" if self.decision else ""
        return f"{self.who} ({self.proposal}, {self.round}{decided})"


@dataclass(frozen=True)
class Change:
    """One change to the paragraph made by draft `version`: `what` says it in words, with
    word diffs as [-deleted-]{+inserted+}; `credits` name whose it was; `kind` is 'text',
    'added', 'deleted', 'moved', 'standing' or 'holders'."""

    version: int
    what: str
    language: str | None
    credits: tuple[Credit, ...]
    kind: str = "text"


@dataclass(frozen=True)
class Step:
    """The paragraph in draft `version`: its label there (|None|: not in that version),
    its text in the chosen language, and the changes this version made to it."""

    version: int
    label: str | None
    text: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class History:
    paragraph: ParagraphId
    language: str
    steps: tuple[Step, ...]


def _credits(draft: Draft, paragraph: str, decisions: Mapping[str, Decision],
             language: str | None = None) -> list[Credit]:
    """The delegations whose proposals draft `draft`'s merge applied to `paragraph`."""
    merged = draft.meta.merged
    out: list[Credit] = []
    for record in draft.provenance:
        if record.paragraph != paragraph or (language and record.language and record.language != language):
            continue
        credit = _credit(draft, record, decisions, merged.round if merged else None)
        if credit not in out:
            out.append(credit)
    return out


def _credit(draft: Draft, record: ChangeRecord, decisions: Mapping[str, Decision], round_name: str | None) -> Credit:
    decision = decisions.get(record.proposal)
    verdict = None
    if decision is not None:
        verdict = decision.verdict.value + (f": {decision.note}" if decision.note else "")
    return Credit(draft.meta.version, record.delegation, record.proposal, round_name, verdict)


def _own(draft: Draft) -> Credit:
    return Credit(draft.meta.version, CORAPPORTEURS if draft.meta.author == "Co-rapporteurs" else draft.meta.author)


def _moved(before: Draft, after: Draft, paragraph: Paragraph) -> bool:
    """Whether `paragraph` changed place among the paragraphs both versions hold (an
    insertion or deletion elsewhere only renumbers it)."""
    kind_before = [p.id for p in (before.preambular if paragraph.kind.value == "preambular" else before.operative)]
    kind_after = [p.id for p in (after.preambular if paragraph.kind.value == "preambular" else after.operative)]
    common = set(kind_before) & set(kind_after)
    old = [i for i in kind_before if i in common]
    new = [i for i in kind_after if i in common]
    if old == new:
        return False
    kept = set()
    for block in difflib.SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks():
        kept.update(old[block.a: block.a + block.size])
    return paragraph.id not in kept


def whole_text(paragraph: Paragraph, language: str) -> str:
    """The paragraph as read in `language`: opening, text, then sub-paragraphs."""
    return " ".join(i.text.get(language, "") for i in items(paragraph, "") if not i.key.startswith("footnote/")
                    and i.text.get(language))


def history(versions: Sequence[Draft], paragraph_id: str, language: str,
            decisions: Mapping[str, Mapping[str, Decision]]) -> History:
    """The paragraph `paragraph_id` through `versions` (in order): each version's label
    and text, and what each version changed and on whose proposal. `decisions` are the
    decisions of each round, by round name."""
    steps: list[Step] = []
    previous: Draft | None = None
    for draft in versions:
        paragraph = draft.by_id().get(ParagraphId(paragraph_id))
        before = previous.by_id().get(ParagraphId(paragraph_id)) if previous is not None else None
        decided = decisions.get(draft.meta.merged.round, {}) if draft.meta.merged else {}
        changes: list[Change] = []
        if paragraph is None:
            if before is not None:
                credits = _credits(draft, paragraph_id, decided) or [_own(draft)]
                changes.append(Change(draft.meta.version, "deleted", None, tuple(credits), "deleted"))
            steps.append(Step(draft.meta.version, None, "", tuple(changes)))
            previous = draft
            continue
        label = draft.label(paragraph.id)
        if before is None:
            what = "added" if previous is not None else "first text"
            credits = _credits(draft, paragraph_id, decided) or [_own(draft)]
            changes.append(Change(draft.meta.version, f"{what} as {label}", None, tuple(credits), "added"))
            changes.extend(_standing_changes(draft, None, paragraph, language, ()))
        else:
            assert previous is not None
            if _moved(previous, draft, paragraph):
                moves = [c for c in _credits(draft, paragraph_id, decided)
                         if any(r.proposal == c.proposal and r.action.value == "move-paragraph"
                                for r in draft.provenance)]
                changes.append(Change(draft.meta.version, f"moved: {previous.label(paragraph.id)} → {label}", None,
                                      tuple(moves or [_own(draft)]), "moved"))
            text_changes = list(_text_changes(previous, draft, before, paragraph, decided))
            changes.extend(text_changes)
            changes.extend(_standing_changes(draft, before, paragraph, language,
                                             tuple(c for change in text_changes for c in change.credits)))
        steps.append(Step(draft.meta.version, label, whole_text(paragraph, language), tuple(changes)))
        previous = draft
    return History(ParagraphId(paragraph_id), language, tuple(steps))


def _text_changes(previous: Draft, draft: Draft, before: Paragraph, after: Paragraph,
                  decided: Mapping[str, Decision]) -> Iterator[Change]:
    """The word changes between two versions of a paragraph, item by item and language by
    language, each credited to the proposals that made it (or the co-rapporteurs)."""
    old_items = {i.key: i for i in items(before, previous.label(before.id))}
    for item in items(after, draft.label(after.id)):
        old = old_items.get(item.key)
        for language in sorted(set(item.text) | set(old.text if old else {})):
            was = old.text.get(language, "") if old else ""
            now = item.text.get(language, "")
            if was == now:
                continue
            credits = _credits(draft, after.id, decided, language) or [_own(draft)]
            where = item.label
            what = marked_change(was, now, 60) if was else f"{{+{now}+}}"
            yield Change(draft.meta.version, f"{where}: {what}", language, tuple(credits))


def _standing_changes(draft: Draft, before: Paragraph | None, after: Paragraph, language: str,
                      text_credits: tuple[Credit, ...]) -> Iterator[Change]:
    """How the paragraph's standing (open → agreed ad ref → agreed) and its bracket holders
    changed in `draft`. The standing is the co-rapporteurs' to set; holders that changed
    because the bracketed words did follow the proposals that changed them."""
    version = draft.meta.version
    was = before.status if before is not None else None
    if after.status != was and (before is not None or after.status is not None):
        yield Change(version, f"standing: {_standing(was)} → {_standing(after.status)}", None, (_own(draft),),
                     "standing")
    old_holders = _holders(before, language) if before is not None else ""
    new_holders = _holders(after, language)
    if old_holders != new_holders:
        from draftkit.negotiation.brackets import BracketError, paragraph_groups

        try:
            words_moved = before is None or [g.signature() for g in paragraph_groups(before, language)] != \
                [g.signature() for g in paragraph_groups(after, language)]
        except BracketError:
            words_moved = True
        credits = tuple(dict.fromkeys(text_credits)) if words_moved and text_credits else (_own(draft),)
        what = f"held: {new_holders}" if not old_holders else \
            f"holders: {old_holders} → {new_holders or 'none (no bracket left)'}"
        yield Change(version, what, None, credits, "holders")


def _standing(value) -> str:
    return value.value.replace("-", " ") if value is not None else "not marked"


def _holders(paragraph: Paragraph, language: str) -> str:
    """The paragraph's bracketed groups with who holds each alternative:
    "[make] (Kenya) [consider making] (France, Mexico)"; '' when nobody is named."""
    if not any(any(h.alternatives) for h in paragraph.brackets):
        return ""
    from draftkit.negotiation.brackets import BracketError, paragraph_groups

    try:
        groups = paragraph_groups(paragraph, language)
    except BracketError:
        groups = ()
    shown = []
    for index, holders in enumerate(paragraph.brackets):
        words = groups[index].signature() if index < len(groups) else ()
        parts = []
        for number, held in enumerate(holders.alternatives):
            said = f"[{words[number]}]" if number < len(words) else f"alternative {number + 1}"
            parts.append(f"{said} ({', '.join(held) or 'nobody'})")
        shown.append(" ".join(parts))
    return "; ".join(shown)


# --- blame ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """Consecutive words of one text that the same version and hands put there."""

    words: str
    credit: Credit


@dataclass(frozen=True)
class Annotated:
    """One text of a paragraph of the latest draft, word runs annotated."""

    paragraph: ParagraphId
    label: str
    item: str
    runs: tuple[Run, ...]


class _Words:
    """The words of one text as blame follows them: the whole text from one hand until a
    later version changes part of it, then token by token (tokenized only then)."""

    __slots__ = ("text", "credit", "tagged")

    def __init__(self, text: str, credit: Credit | None = None,
                 tagged: list[tuple[str, Credit]] | None = None):
        self.text, self.credit, self.tagged = text, credit, tagged

    def tokens(self) -> list[tuple[str, Credit]]:
        from draftkit.merge.words import tokenize

        if self.tagged is None:
            assert self.credit is not None
            self.tagged = [(token, self.credit) for token in tokenize(self.text)]
        return self.tagged

    def runs(self) -> tuple[Run, ...]:
        if self.tagged is None:
            assert self.credit is not None
            return (Run(self.text.strip(), self.credit),)
        from itertools import groupby

        return tuple(Run("".join(token for token, _ in run).strip(), credit)
                     for credit, run in groupby(self.tagged, key=lambda pair: pair[1]))


def blame(versions: Sequence[Draft], language: str, decisions: Mapping[str, Mapping[str, Decision]],
          wanted: set[str] | None = None) -> list[Annotated]:
    """Each word of the last of `versions` in `language`, with the version that introduced
    it and whose proposal it was, followed by stable id through every version (moves
    included). `wanted` limits it to some paragraph ids.

    A paragraph equal to its previous version is passed over, and a text is tokenized
    only once a version changes part of it: the work follows the changes, not the size."""
    from draftkit.merge.words import cores, tokenize, word_diff

    state: dict[tuple[str, str], _Words] = {}
    keys_of: dict[str, list[tuple[str, str]]] = {}  # a paragraph → the keys of its texts in `state`
    previous: Mapping[ParagraphId, Paragraph] = {}
    for draft in versions:
        decided = decisions.get(draft.meta.merged.round, {}) if draft.meta.merged else {}
        own = _own(draft)
        records: dict[str, list[ChangeRecord]] = {}
        for record in draft.provenance:
            records.setdefault(record.paragraph, []).append(record)
        present: set[str] = set()
        for paragraph in draft.paragraphs():
            if wanted is not None and paragraph.id not in wanted:
                continue
            present.add(paragraph.id)
            if previous.get(paragraph.id) == paragraph:
                continue  # unchanged: every word keeps its credit
            keys = []
            for item in items(paragraph, ""):
                text = item.text.get(language)
                if text is None:
                    continue
                key = (paragraph.id, item.key)
                keys.append(key)
                old = state.get(key)
                if old is not None and old.text == text:
                    continue
                mine = [r for r in records.get(paragraph.id, ()) if r.language in (None, language)]
                if old is None and not mine:
                    state[key] = _Words(text, own)
                    continue
                tokens = tokenize(text)
                if old is None:
                    credits = _inserted_credits(draft, mine, tokens, decided, own)
                    state[key] = _Words(text, credits[0]) if len(set(credits)) == 1 else \
                        _Words(text, tagged=list(zip(tokens, credits)))
                    continue
                tagged = old.tokens()
                before = tuple(t for t, _ in tagged)
                merged: list[tuple[str, Credit]] = []
                position = 0
                for change in word_diff(cores(before), cores(tokens)):
                    merged.extend((tokens[change.new_start - (change.start - i)], tagged[i][1])
                                  for i in range(position, change.start))
                    inserted = tokens[change.new_start:change.new_end]
                    merged.extend(zip(inserted, _inserted_credits(draft, mine, inserted, decided, own)))
                    position = change.end
                offset = len(tokens) - len(before)
                merged.extend((tokens[i + offset], tagged[i][1]) for i in range(position, len(before)))
                state[key] = _Words(text, tagged=merged)
            for key in set(keys_of.get(paragraph.id, ())) - set(keys):
                del state[key]  # a text that went away starts afresh if it comes back
            keys_of[paragraph.id] = keys
        for gone in [p for p in keys_of if p not in present]:
            for key in keys_of.pop(gone):
                del state[key]  # so does a paragraph
        previous = draft.by_id()
    last = versions[-1]
    out: list[Annotated] = []
    for paragraph in last.paragraphs():
        if wanted is not None and paragraph.id not in wanted:
            continue
        label = last.label(paragraph.id)
        for item in items(paragraph, label):
            found = state.get((paragraph.id, item.key))
            if found is not None and found.text.strip():
                out.append(Annotated(paragraph.id, item.label, item.key, found.runs()))
    return out


def _inserted_credits(draft: Draft, records: list[ChangeRecord], inserted: tuple[str, ...],
                      decided: Mapping[str, Decision], own: Credit) -> list[Credit]:
    """Whose proposal put each token of `inserted` into this version: the record whose
    inserted words hold them all (one accepted proposal); else, word by word, the records
    whose inserted words stand in the stretch — whole, or their end at its start and their
    start at its end (two proposals side by side) — and the co-rapporteurs for the rest."""
    from draftkit.merge.words import cores, find, tokenize

    words = cores(inserted)
    wanted = " ".join(w for w in words if w)
    if not wanted:
        return [own] * len(inserted)
    merged = draft.meta.merged
    round_name = merged.round if merged else None
    for record in records:
        if record.inserted and wanted in " ".join(record.inserted.split()):
            return [_credit(draft, record, decided, round_name)] * len(inserted)
    out: list[Credit | None] = [None] * len(words)
    pieces = sorted(((cores(tokenize(r.inserted)), r) for r in records if r.inserted.strip()), key=lambda p: -len(p[0]))

    def claim(start: int, size: int, record: ChangeRecord) -> None:
        if size and all(out[k] is None for k in range(start, start + size)):
            credit = _credit(draft, record, decided, round_name)
            out[start:start + size] = [credit] * size

    for needle, record in pieces:
        for start in find(words, needle):
            claim(start, len(needle), record)
    for needle, record in pieces:  # a record cut by the diff: at least two of its words at an edge
        head = next((k for k in range(min(len(needle), len(words)) - 1, 1, -1) if words[:k] == needle[-k:]), 0)
        claim(0, head, record)
        tail = next((k for k in range(min(len(needle), len(words)) - 1, 1, -1) if words[-k:] == needle[:k]), 0)
        claim(len(words) - tail, tail, record)
    return [credit or own for credit in out]


# --- from a project -------------------------------------------------------------------------


def cached_versions(project, numbers: list[int]) -> list[Draft]:
    """The draft versions `numbers`, each loaded once and then kept in the user's cache
    (`draftkit.cache`), keyed by its file, the clause libraries and the loader's code:
    history and blame read every version, which superseded drafts never change."""
    import dataclasses
    import os

    from draftkit import __version__, cache
    from draftkit.loading.library import library_files

    try:
        libraries = tuple((str(f), cache.fingerprint(os.stat(f)))
                          for f in library_files(list(project.config.libraries)))
    except OSError:
        return [project.draft(v) for v in numbers]
    out = []
    for number in numbers:
        path = project.draft_files[number]
        info = os.stat(path)
        key = (__version__, _loader_stamp(), cache.fingerprint(info), libraries)
        found = cache.load("drafts", path.resolve(), key) if cache.settled(info) else None
        if not isinstance(found, Draft):
            found = project.draft(number)
            if cache.settled(info):
                cache.store("drafts", path.resolve(), key, dataclasses.replace(found))  # without cached indexes
        out.append(found)
    return out


def _loader_stamp() -> tuple[int, ...]:
    """Changes whenever the code that makes a Draft does, so a cached one is never stale."""
    import draftkit.loading.draft as draft_module
    import draftkit.loading.fields as fields_module
    import draftkit.loading.keys as keys_module
    import draftkit.model as model_module

    return tuple(Path(m.__file__).stat().st_mtime_ns for m in (draft_module, fields_module, keys_module, model_module))


def _inputs(project, upto: int | None) -> tuple[list[Draft], dict[str, dict[str, Decision]]]:
    """Every draft version up to `upto` (default: all), and the decisions of every round
    those versions merged."""
    from draftkit.loading.contributions import decisions_file, load_decisions

    versions = cached_versions(project, [v for v in project.versions() if upto is None or v <= upto])
    decisions: dict[str, dict[str, Decision]] = {}
    for draft in versions:
        merged = draft.meta.merged
        if merged is not None and merged.round not in decisions:
            found = decisions_file(project.config.decisions, merged.round)
            decisions[merged.round] = {d.proposal: d for d in load_decisions(found)} if found else {}
    return versions, decisions


def project_history(project, reference: str, *, draft: int | None = None, language: str | None = None) -> History:
    """The history of the paragraph `reference` (an id, or a number such as OP5 read in
    draft `draft`, default the latest) through every version of the project."""
    versions, decisions = _inputs(project, None)
    wanted = draft if draft is not None else versions[-1].meta.version
    seen = next((v for v in versions if v.meta.version == wanted), None) or project.draft(draft)
    target = seen.resolve(reference)
    return history(versions, target.paragraph, language or seen.meta.languages[0], decisions)


def project_blame(project, references: Sequence[str] = (), *, draft: int | None = None,
                  language: str | None = None) -> list[Annotated]:
    """Blame of draft `draft` (default: the latest), or of the paragraphs `references` in it."""
    versions, decisions = _inputs(project, draft)
    last = versions[-1]
    wanted = {last.resolve(r).paragraph for r in references} if references else None
    return blame(versions, language or last.meta.languages[0], decisions, wanted)


__all__ = ["Annotated", "Change", "Credit", "History", "Item", "Run", "Step", "blame", "history",
           "project_blame", "project_history"]
