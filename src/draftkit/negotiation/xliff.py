"""Translations out to translators and back, as XLIFF 2.0 files (`draftkit.xliff`).

Export: one unit per text that needs translating (its source changed since the
translation was made, or it has none), with the previous translation and the source's
word diff as notes, and the text's markup as inline codes. Import: each translated unit
goes back into the latest draft with its codes written back as markup, unless its source
changed since the export or its codes do not match the source's (that unit is refused in
one line, the others applied).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from draftkit import xliff
from draftkit.errors import InputError, UsageError
from draftkit.files import edit_lock, read_input, snapshot, write_atomic
from draftkit.loading.fields import TERMINAL_CONTROLS
from draftkit.loading.project import Project
from draftkit.model import Draft, Paragraph, TranslationSource
from draftkit.negotiation.translations import Item, fingerprint, items, marked_change, source_of, stale
from draftkit.negotiation.words import words_for

#: Notes draftkit writes on a unit (XLIFF 2 `note/@category`).
LOCATION, PREVIOUS, CHANGE = "location", "previous-translation", "source-change"


@dataclass(frozen=True)
class Unit:
    """One text to translate: where it is, its source and the translation so far."""

    paragraph: str
    item: Item
    source: str
    previous: str
    change: str  # the source's word diff since the previous translation ('' when none)


def to_translate(draft: Draft, history: list[Draft], language: str, source: str) -> list[Unit]:
    """The texts of `draft` to translate from `source` into `language`: stale translations
    (their source changed since) and missing ones, in reading order."""
    outdated = {(s.paragraph, s.item.key): s for s in stale(draft, history, [language])}
    labels = draft.labels()
    units = []
    for paragraph in draft.paragraphs():
        if source_of(paragraph, language, draft.meta.languages) != source or source not in paragraph.text:
            continue
        for item in items(paragraph, labels[paragraph.id]):
            text = item.text.get(source, "")
            found = outdated.get((paragraph.id, item.key))
            if not text or (found is None and language in item.text):
                continue
            change = marked_change(found.before, found.now, None) if found is not None and found.before else ""
            units.append(Unit(paragraph.id, item, text, item.text.get(language, ""), change))
    return units


@dataclass(frozen=True)
class Exported:
    path: Path
    units: int
    source: str
    language: str


def export_xliff(project: Project, draft: Draft, language: str, output: Path | None = None) -> Exported:
    """Write the XLIFF 2.0 file of what `draft` needs translated into `language`; return
    what was written (no unit: nothing to translate, and no file)."""
    if language not in draft.meta.languages:
        raise UsageError(f"draft {draft.meta.version} is not in {language!r}",
                         fix=f"its languages are {', '.join(draft.meta.languages)}")
    source = next((lang for lang in draft.meta.languages if lang != language), None)
    if source is None:
        raise UsageError("the draft has one language: there is nothing to translate from",
                         fix="add the language to 'languages:' in the draft")
    history = [project.draft(v) for v in project.versions() if v < draft.meta.version]
    units = to_translate(draft, history, language, source)
    stem = f"draft{draft.meta.version}.{source}-{language}.xlf"
    target = output if output is not None else project.config.output / f"{project.root.name}-{stem}"
    if not units:
        return Exported(target, 0, source, language)
    words = words_for(language)
    written = []
    for number, unit in enumerate(units, start=1):
        notes = [xliff.Note(LOCATION, unit.item.label)]
        if unit.previous:
            notes.append(xliff.Note(PREVIOUS, f"{words.previous_translation}{words.colon} {unit.previous}"))
        if unit.change:
            notes.append(xliff.Note(CHANGE, f"{words.source_change}{words.colon} {unit.change}"))
        coded = xliff.encode(unit.source)
        written.append(xliff.Unit(f"u{number}", f"{unit.paragraph}/{unit.item.key}", coded.tokens, coded.codes,
                                  notes=tuple(notes)))
    original = draft.path.relative_to(project.root).as_posix() if draft.path is not None \
        and draft.path.is_relative_to(project.root) else None
    document = xliff.Document(source, language, f"draft-{draft.meta.version}", tuple(written), original)
    write_atomic(target, xliff.write(document), inputs=project.inputs())
    return Exported(target, len(units), source, language)


@dataclass(frozen=True)
class Refused:
    """A unit not imported, and why (one line)."""

    name: str
    label: str
    reason: str


@dataclass(frozen=True)
class Imported:
    path: Path
    language: str
    applied: tuple[str, ...]  # item labels written
    refused: tuple[Refused, ...]
    refreshed: tuple[str, ...]  # paragraphs whose translation is now up to date


def import_xliff(project: Project, path: Path) -> Imported:
    """Write the translated units of the XLIFF file at `path` into the latest draft (in
    place, under the project's edit lock). A unit whose source text changed since the
    export, whose paragraph is gone, or whose inline codes do not match its source's is
    refused; the others are applied. A paragraph whose every stale
    or missing text came back records the source it now translates."""
    with edit_lock(project.root):
        return _import(project, path)


def _read(path: Path) -> xliff.Document:
    try:
        return xliff.read(read_input(path, what="translated XLIFF file"))  # a regular file within the size cap
    except xliff.FormatError as exc:
        raise InputError(str(exc), where=path,
                         fix="give the .xlf file `draftkit translations export` wrote, as the CAT tool saved it") from None


def _import(project: Project, path: Path) -> Imported:
    from draftkit.loading.draft import load_draft
    from draftkit.negotiation.draftedit import TextEdit, apply_text, replace_entry, set_source

    document = _read(path)
    draft = project.load_draft_file(project.draft_files[project.latest_version()])  # as it is now, under the lock
    language, source = document.target_language, document.source_language
    if not language or language not in draft.meta.languages or source not in draft.meta.languages:
        raise InputError(f"the file translates {source!r} into {language!r}; draft {draft.meta.version} is in "
                         f"{', '.join(draft.meta.languages)}", where=path)
    by_id = draft.by_id()
    labels = draft.labels()
    edits: list[TextEdit] = []
    refused: list[Refused] = []
    for unit in document.units:
        name = unit.name
        paragraph_id, _, key = name.partition("/")
        if unit.target is None:
            continue
        paragraph = by_id.get(paragraph_id)  # type: ignore[call-overload]
        item = next((i for i in items(paragraph, labels[paragraph.id]) if i.key == key), None) if paragraph else None
        if not paragraph_id:
            refused.append(Refused(name, unit.id, f"unit {unit.id}: not one `draftkit translations export` wrote "
                                                  "(it names no paragraph)"))
            continue
        if item is None:
            refused.append(Refused(name, name, f"{name} (unit {unit.id}): no longer in draft {draft.meta.version}"))
            continue
        coded = xliff.encode(item.text.get(source, ""))
        if xliff.comparable(unit.source) != xliff.comparable(coded.tokens):
            refused.append(Refused(name, item.label, f"{item.label}: the {source!r} text changed since the export; "
                                                     f"export again (draftkit translations export -l {language})"))
            continue
        try:
            text = xliff.decode(unit.target, coded)
        except xliff.CodeError as exc:
            refused.append(Refused(name, item.label, f"{item.label} (unit {unit.id}): {exc}"))
            continue
        control = TERMINAL_CONTROLS.search(text)  # XML holds DEL and C1 controls; no draft may
        if control:
            refused.append(Refused(name, item.label, f"{item.label} (unit {unit.id}): the translation holds the "
                                                     f"control character U+{ord(control.group()):04X}; delete it"))
            continue
        edits.append(TextEdit(paragraph_id, key, language, text))
    draft_path = draft.path
    assert draft_path is not None
    before = snapshot(draft_path)
    text = read_input(draft_path).decode("utf-8")
    wanted: dict[str, Paragraph] = {}
    for edit in edits:
        paragraph = wanted.get(edit.paragraph) or by_id[edit.paragraph]  # type: ignore[index]
        wanted[edit.paragraph] = _with_text(paragraph, edit)
    history = [project.draft(v) for v in project.versions() if v < draft.meta.version]
    refreshed = []
    needed = to_translate(draft, history, language, source)
    for paragraph_id, paragraph in wanted.items():
        done = {e.key for e in edits if e.paragraph == paragraph_id}
        open_items = [u for u in needed if u.paragraph == paragraph_id]
        if all(u.item.key in done for u in open_items):
            sources = dict(paragraph.translations)
            sources[language] = TranslationSource(source, fingerprint(paragraph, source))
            wanted[paragraph_id] = replace(paragraph, translations=sources)
            refreshed.append(labels[paragraph_id])
    for edit in edits:
        changed = apply_text(draft_path, text, edit)
        text = changed if changed is not None else replace_entry(draft_path, text, wanted[edit.paragraph])
    for paragraph_id, paragraph in wanted.items():
        if paragraph.translations != by_id[paragraph_id].translations:  # type: ignore[index]
            text = set_source(draft_path, text, paragraph_id, dict(paragraph.translations))
    after = load_draft(draft_path, project.library, text=text)
    for paragraph_id, paragraph in wanted.items():
        got = after.by_id().get(paragraph_id)  # type: ignore[call-overload]
        if got is None or (got.text, got.opening, got.subparagraphs, got.footnotes, dict(got.translations)) != (
                paragraph.text, paragraph.opening, paragraph.subparagraphs, paragraph.footnotes,
                dict(paragraph.translations)):
            raise RuntimeError(f"XLIFF import: {paragraph_id} did not read back as written; nothing written")
    if edits:
        write_atomic(draft_path, text.encode("utf-8"), unchanged_since=before, fix=None)
    return Imported(draft_path, language, tuple(labels[e.paragraph] + ("" if e.key == "text" else f" {e.key}") for e in edits),
                    tuple(refused), tuple(refreshed))


def _with_text(paragraph: Paragraph, edit) -> Paragraph:
    """`paragraph` with one item's text set in the edit's language."""
    kind, _, rest = edit.key.partition("/")
    if kind in ("text", "opening"):
        field = dict(getattr(paragraph, kind))
        field[edit.language] = edit.text
        return replace(paragraph, **{kind: field})
    if kind == "sub":
        def update(children, path):
            out = []
            for child in children:
                if child.id == path[0]:
                    child = replace(child, text={**child.text, edit.language: edit.text}) if len(path) == 1 \
                        else replace(child, children=update(child.children, path[1:]))
                out.append(child)
            return tuple(out)
        return replace(paragraph, subparagraphs=update(paragraph.subparagraphs, rest.split("/")))
    notes = tuple(replace(f, text={**f.text, edit.language: edit.text}) if f.key == rest else f
                  for f in paragraph.footnotes)
    return replace(paragraph, footnotes=notes)


__all__ = ["Exported", "Imported", "Refused", "export_xliff", "import_xliff", "to_translate"]
