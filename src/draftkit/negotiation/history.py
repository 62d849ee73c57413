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
    word diffs as [-deleted-]{+inserted+}; `credits` name whose it was."""

    version: int
    what: str
    language: str | None
    credits: tuple[Credit, ...]


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
                changes.append(Change(draft.meta.version, "deleted", None, tuple(credits)))
            steps.append(Step(draft.meta.version, None, "", tuple(changes)))
            previous = draft
            continue
        label = draft.label(paragraph.id)
        if before is None:
            what = "added" if previous is not None else "first text"
            credits = _credits(draft, paragraph_id, decided) or [_own(draft)]
            changes.append(Change(draft.meta.version, f"{what} as {label}", None, tuple(credits)))
        else:
            assert previous is not None
            if _moved(previous, draft, paragraph):
                moves = [c for c in _credits(draft, paragraph_id, decided)
                         if any(r.proposal == c.proposal and r.action.value == "move-paragraph"
                                for r in draft.provenance)]
                changes.append(Change(draft.meta.version, f"moved: {previous.label(paragraph.id)} → {label}", None,
                                      tuple(moves or [_own(draft)])))
            changes.extend(_text_changes(previous, draft, before, paragraph, decided))
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


def blame(versions: Sequence[Draft], language: str, decisions: Mapping[str, Mapping[str, Decision]],
          wanted: set[str] | None = None) -> list[Annotated]:
    """Each word of the last of `versions` in `language`, with the version that introduced
    it and whose proposal it was, followed by stable id through every version (moves
    included). `wanted` limits it to some paragraph ids."""
    from draftkit.merge.words import cores, tokenize, word_diff

    state: dict[tuple[str, str], list[tuple[str, Credit]]] = {}
    for draft in versions:
        decided = decisions.get(draft.meta.merged.round, {}) if draft.meta.merged else {}
        own = _own(draft)
        records: dict[str, list[ChangeRecord]] = {}
        for record in draft.provenance:
            records.setdefault(record.paragraph, []).append(record)
        present: set[tuple[str, str]] = set()
        for paragraph in draft.paragraphs():
            if wanted is not None and paragraph.id not in wanted:
                continue
            for item in items(paragraph, ""):
                text = item.text.get(language)
                if text is None:
                    continue
                key = (paragraph.id, item.key)
                present.add(key)
                tokens = tokenize(text)
                old = state.get(key)
                if old is not None and "".join(t for t, _ in old) == text:
                    continue
                mine = [r for r in records.get(paragraph.id, ()) if r.language in (None, language)]
                if old is None:
                    credit = _inserted_credit(draft, mine, text, decided, own)
                    state[key] = [(t, credit) for t in tokens]
                    continue
                before = [t for t, _ in old]
                merged: list[tuple[str, Credit]] = []
                position = 0
                for change in word_diff(cores(tuple(before)), cores(tokens)):
                    merged.extend((tokens[change.new_start - (change.start - i)], old[i][1])
                                  for i in range(position, change.start))
                    inserted = "".join(tokens[change.new_start:change.new_end])
                    credit = _inserted_credit(draft, mine, inserted, decided, own)
                    merged.extend((t, credit) for t in tokens[change.new_start:change.new_end])
                    position = change.end
                offset = len(tokens) - len(before)
                merged.extend((tokens[i + offset], old[i][1]) for i in range(position, len(before)))
                state[key] = merged
        for key in [k for k in state if k not in present]:
            del state[key]  # a paragraph or text that went away starts afresh if it comes back
    last = versions[-1]
    out: list[Annotated] = []
    for paragraph in last.paragraphs():
        if wanted is not None and paragraph.id not in wanted:
            continue
        label = last.label(paragraph.id)
        for item in items(paragraph, label):
            tagged = state.get((paragraph.id, item.key))
            if not tagged:
                continue
            runs: list[Run] = []
            for token, credit in tagged:
                if runs and runs[-1].credit == credit:
                    runs[-1] = Run(runs[-1].words + token, credit)
                else:
                    runs.append(Run(token, credit))
            out.append(Annotated(paragraph.id, item.label, item.key,
                                 tuple(Run(r.words.strip(), r.credit) for r in runs)))
    return out


def _inserted_credit(draft: Draft, records: list[ChangeRecord], inserted: str,
                     decided: Mapping[str, Decision], own: Credit) -> Credit:
    """Whose proposal put `inserted` into this version: the record whose inserted words
    hold them (the words of one accepted proposal), else the co-rapporteurs."""
    wanted = " ".join(inserted.split())
    if not wanted:
        return own
    merged = draft.meta.merged
    for record in records:
        if record.inserted and wanted in " ".join(record.inserted.split()):
            return _credit(draft, record, decided, merged.round if merged else None)
    return own


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
