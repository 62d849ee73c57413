"""Writing an imported resolution: the clause library (in a folder the project loads), the
draft referencing it and, for a new project, draftkit.yaml. Everything is built as model
values, written through `loading.serialize` and loaded back in memory before any file is
written; then all files are written, and removed again if one write fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from contextlib import nullcontext, suppress
from typing import ContextManager, Sequence

from draftkit.errors import InputError
from draftkit.importing.references import reads_as, with_ids
from draftkit.importing.text import IdPool, clause_id
from draftkit.slugs import slug
from draftkit.importing.values import ImportedAnnexText, ImportedDraft, ImportedParagraph, ImportedSub, ImportWarning
from draftkit.model import (Agenda, Annex, AnnexTable, AnnexText, Clause, ClauseId, Draft, DraftMeta, Footnote, Library,
                            Document, Meeting, Memorandum, Paragraph, ParagraphId, SubParagraph, subparagraph_label)


@dataclass(frozen=True)
class ImportResult:
    """What `write_import` wrote: the draft file, the clause library, and the warnings."""

    draft_path: Path
    library_path: Path | None  # |None| when every paragraph kept an existing id
    version: int
    imported: ImportedDraft
    clause_ids: tuple[str, ...] = ()  # the new clauses
    project_file: Path | None = None
    reused: int = 0  # paragraphs that kept the id of an existing paragraph or clause

    @property
    def warnings(self) -> tuple[ImportWarning, ...]:
        return self.imported.warnings


@dataclass(frozen=True)
class _Plan:
    """Where the files go, and what the target project already has."""

    draft_path: Path
    library_folder: Path
    version: int
    library: Library  # the project's clauses (empty for a new project)
    project_file: Path | None = None  # set when a new project is made
    phrases: Path | None = None  # the project's phrases file
    latest: Draft | None = None  # the project's latest draft, whose ids an import keeps
    templates: Path | None = None


def import_file(path: Path, target: Path, language: str | None = None, *, today: date | None = None) -> ImportResult:
    """Read the resolution DOCX at `path`, classify it with the target project's opening
    phrases (its `phrases:` file included) and write it under `target` (see `write_import`)."""
    from draftkit.docxread import read_docx
    from draftkit.importing.classify import phrase_tables
    from draftkit.importing.paragraphs import import_document

    with _project_lock(target):  # into an existing project: the next version is planned and written under it
        plan = _plan(target)
        imported = import_document(read_docx(path), language, phrase_tables(plan.phrases))
        return _write(imported, plan, today or date.today())


def write_import(imported: ImportedDraft, target: Path, *, today: date | None = None) -> ImportResult:
    """Write the imported draft and its clause library under `target`; return what was written.

    `target` is a project folder (created when missing; an existing project gets the next
    draft version and a new library file in a library folder it loads) or a draft `.yaml`
    path (its library goes to `clauses/` beside it). Nothing is written when a file would
    be overwritten or the result would not load: `InputError` says why.
    """
    with _project_lock(target):
        return _write(imported, _plan(target), today or date.today())


def _project_lock(target: Path) -> ContextManager[None]:
    """The edit lock of the project `target` is in (a new project needs none: every file
    it gets is written only where none exists)."""
    from draftkit.files import edit_lock, find_root

    existing = target if target.is_dir() else target.parent
    return edit_lock(target) if existing.is_dir() and find_root(existing) else nullcontext()


def _write(imported: ImportedDraft, plan: _Plan, today: date) -> ImportResult:
    from draftkit.loading.draft import load_draft
    from draftkit.loading.library import load_library_file
    from draftkit.loading.serialize import annex_data, library_data, memorandum_data, meta_data
    from draftkit.loading.yamlsource import dump_yaml

    from draftkit.importing.reuse import match_existing

    stem = slug(imported.source.stem, 6) or "imported"
    paragraphs = [*imported.preambular, *imported.operative]
    matches = match_existing(imported, plan.latest, plan.library, plan.templates)
    latest_ids = [p.id for p in plan.latest.paragraphs()] if plan.latest else []
    taken = IdPool([*plan.library.clauses, *latest_ids])
    ids = [match.existing.id if match is not None else
           clause_id(paragraph.kind, paragraph.opening, reads_as(paragraph.text, imported.operative, paragraph.index,
                                                                 imported.language), taken, imported.language)
           for paragraph, match in zip(paragraphs, matches)]
    operative_ids = ids[len(imported.preambular):]  # what the import's cross-references ({ref:OP2}) name
    clauses: list[Clause] = []
    entries: list[dict] = []
    for paragraph, match, pid in zip(paragraphs, matches, ids):
        paragraph = _named_references(paragraph, operative_ids)
        if match is None:
            clauses.append(_clause(paragraph, pid, imported))
            entries.append({"clause": clauses[-1].id})
        else:
            entries.append(_kept(paragraph, match, plan.library, imported))
    header = f"# Imported from {imported.source.name} by `draftkit import`; check the warnings it printed.\n"
    source = f"imported from {imported.source.name}"
    data = meta_data(_meta(imported, plan.version, today, plan.latest))
    data["preambular"], data["operative"] = entries[:len(imported.preambular)], entries[len(imported.preambular):]
    annexes = _annexes(imported, plan.latest, plan.templates, operative_ids)
    if annexes:
        data["annexes"] = [annex_data(annex) for annex in annexes]
    memorandum = _memorandum(imported, plan.latest)
    if memorandum is not None:
        data["memorandum"] = memorandum_data(memorandum)
    library_path = _free(plan.library_folder, f"imported-{stem}") if clauses else None
    texts: dict[Path, str] = {}
    if library_path is not None:
        texts[library_path] = header + dump_yaml(library_data(
            f"imported-{stem}", f"Paragraphs {source} on {today.isoformat()}", clauses))
    texts[plan.draft_path] = header + dump_yaml(data)
    if plan.project_file is not None:
        texts[plan.project_file] = dump_yaml({"name": stem})
    # what is written must load: checked in memory, so a failure leaves the project as it was
    loaded = load_library_file(library_path, texts[library_path]) if library_path is not None else []
    load_draft(plan.draft_path, Library({**plan.library.clauses, **{c.id: c for c in loaded}}),
               texts[plan.draft_path])
    write_all(texts, inputs=[imported.source])
    return ImportResult(plan.draft_path, library_path, plan.version, imported, tuple(c.id for c in clauses),
                        plan.project_file, reused=sum(1 for m in matches if m is not None))


def _named_references(paragraph: ImportedParagraph, ids: Sequence[str]) -> ImportedParagraph:
    """The paragraph with its cross-references naming the operative paragraphs' ids."""
    def subs(items: tuple[ImportedSub, ...]) -> tuple[ImportedSub, ...]:
        return tuple(ImportedSub(with_ids(s.text, ids), subs(s.children)) for s in items)

    return replace(paragraph, text=with_ids(paragraph.text, ids), subparagraphs=subs(paragraph.subparagraphs))


def _kept(paragraph: ImportedParagraph, match, library: Library, imported: ImportedDraft) -> dict:
    """The draft entry of an imported paragraph that continues an existing one: the same
    paragraph when the text is the same; else its id and clause with the imported text."""
    existing = match.existing
    if match.exact:
        if existing.paragraph is not None:
            return _entry(existing.paragraph, library.clauses.get(existing.paragraph.clause or ""))
        return {"clause": existing.id}
    base = existing.clause or library.clauses.get(existing.paragraph.clause or "")
    edited = _with_translations(_clause(paragraph, existing.id, imported), existing.paragraph or existing.clause,
                                imported.language)
    paragraph = Paragraph(id=ParagraphId(existing.id), kind=edited.kind, opening=edited.opening, text=edited.text,
                          subparagraphs=edited.subparagraphs, footnotes=edited.footnotes,
                          clause=base.id if base else None)
    if existing.paragraph is not None:  # its standing, bracket holders and translation sources go on
        from dataclasses import replace

        from draftkit.negotiation.brackets import follow_holders

        paragraph = follow_holders(existing.paragraph, replace(
            paragraph, status=existing.paragraph.status, brackets=existing.paragraph.brackets,
            translations=existing.paragraph.translations), (imported.language,))
    return _entry(paragraph, base, edited_language=imported.language)


def _with_translations(edited: Clause, before: Paragraph | Clause | None, lang: str) -> Clause:
    """Return `edited` (texts in `lang` only) with the other languages' texts of the paragraph
    it continues: they stay, as translations to update. The texts other than the opening take
    them only when there are as many footnotes as before (paired in order, under the old keys,
    so the other languages' calls still resolve); sub-paragraphs only when shaped as before."""
    if before is None:
        return edited

    opening = _over(edited.opening, before.opening, lang) if edited.opening else {}
    if len(edited.footnotes) != len(before.footnotes):
        return replace(edited, opening=opening)  # the other languages' texts would call missing notes
    keys = {new.key: old.key for new, old in zip(edited.footnotes, before.footnotes)}

    def carried(mine: dict[str, str], old: dict[str, str]) -> dict[str, str]:
        # the import's [^fnN] calls take the keys the other languages call
        return _over({k: renamed_calls(v, keys) for k, v in mine.items()}, old, lang)

    def subs(mine: tuple[SubParagraph, ...], old: tuple[SubParagraph, ...]) -> tuple[SubParagraph, ...]:
        return tuple(replace(m, id=o.id, text=carried(m.text, o.text), children=subs(m.children, o.children))
                     for m, o in zip(mine, old))

    same_shape = _shape(edited.subparagraphs) == _shape(before.subparagraphs)
    return replace(edited, opening=opening, text=carried(edited.text, before.text),
                   subparagraphs=subs(edited.subparagraphs, before.subparagraphs) if same_shape
                   else subs(edited.subparagraphs, edited.subparagraphs),
                   footnotes=tuple(Footnote(old.key, carried(new.text, old.text), source=old.source)
                                   for new, old in zip(edited.footnotes, before.footnotes)))


def _over(mine: dict, old: dict, lang: str) -> dict:
    """The import's texts `mine` (in `lang`) with `old`'s in the other languages kept: they
    are translations the import cannot see (`old`'s text in `lang` goes)."""
    return {**{k: v for k, v in old.items() if k != lang}, **mine}


def renamed_calls(text: str, keys: dict[str, str]) -> str:
    """`text` with each footnote call `[^new]` of `keys` calling `[^old]` instead (all at once)."""
    if not keys:
        return text
    calls = re.compile("|".join(re.escape(f"[^{key}]") for key in keys))
    return calls.sub(lambda m: f"[^{keys[m.group(0)[2:-1]]}]", text)


def _shape(subs: tuple[SubParagraph, ...]) -> tuple:
    return tuple(_shape(s.children) for s in subs)


def _entry(paragraph: Paragraph, clause: Clause | None, edited_language: str | None = None) -> dict:
    """`{clause: ID}` with what differs from the clause as overrides; the paragraph written
    inline when the clause has something an override cannot take away (an opening, a
    sub-paragraph or footnote the paragraph lacks). An edited paragraph overrides only
    `edited_language`: the clause's other languages stay (as translations to update)."""
    from draftkit.loading.serialize import negotiation_data, paragraph_data

    full = paragraph_data(paragraph)
    if clause is None:
        return full
    data: dict = {"clause": clause.id}
    if paragraph.id != clause.id:
        data["id"] = paragraph.id
    for key in ("opening", "text"):
        mine, base = getattr(paragraph, key), getattr(clause, key)
        needed = set(base) if edited_language is None else {edited_language} & set(base)
        if not needed <= set(mine):
            return full
        changed = {lang: text for lang, text in mine.items() if base.get(lang) != text}
        if changed:
            data[key] = changed
    for key in ("subparagraphs", "footnotes"):
        if getattr(paragraph, key) != getattr(clause, key):
            if key not in full:
                return full
            data[key] = full[key]
    if paragraph.tags != clause.tags and paragraph.tags:
        data["tags"] = list(paragraph.tags)
    if paragraph.source != clause.source and paragraph.source and edited_language is None:
        data["source"] = paragraph.source
    data.update(negotiation_data(paragraph))
    return data


def _plan(target: Path) -> _Plan:
    from draftkit.loading import Project
    from draftkit.loading.project import PROJECT_FILE, find_root, read_config

    if target.suffix in (".yaml", ".yml"):
        if target.exists():
            raise InputError("refusing to overwrite an existing file", where=target,
                             fix="choose another output with -o, or move the file away")
        # a draft file inside a project is its next version; a loose one reads clauses/ beside it
        found = find_root(target.parent) if target.parent.is_dir() else None
        project = Project(read_config(found or target.parent))
        version = max(project.versions(), default=0) + 1 if found else 1
        return _Plan(target, _library_folder(project), version, project.library,
                     phrases=project.config.phrases, latest=_latest(project) if found else None,
                     templates=project.config.templates)
    if (target / PROJECT_FILE).is_file():
        project = Project.open(target)
        version = max(project.versions(), default=0) + 1
        draft_path = project.config.drafts / f"draft-{version}.yaml"
        if draft_path.exists():
            raise InputError(f"draft {version} would be written over an existing file", where=draft_path,
                             fix="give that file its own 'version:' or move it away")
        return _Plan(draft_path, _library_folder(project), version, project.library,
                     phrases=project.config.phrases, latest=_latest(project), templates=project.config.templates)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError("folder exists and is not a draftkit project" if target.is_dir() else "is a file",
                         where=target,
                         fix="give an empty or new folder, a project folder, or a draft .yaml path with -o")
    return _Plan(target / "drafts" / "draft-1.yaml", target / "clauses", 1, Library({}),
                 project_file=target / PROJECT_FILE)


def _latest(project) -> Draft | None:
    """The project's latest draft, whose paragraph ids an import keeps (|None| before draft 1)."""
    return project.draft() if project.versions() else None


def _library_folder(project) -> Path:
    """A folder the project loads clause libraries from (one inside the project first);
    `clauses/` when draftkit.yaml names no library."""
    folders = [p for p in project.config.libraries if p.is_dir()]
    inside = [p for p in folders if p.resolve().is_relative_to(project.root.resolve())]
    if inside or folders:
        return (inside or folders)[0]
    if not project.config.libraries:
        return project.root / "clauses"
    raise InputError("the project's 'libraries:' names files only, so an imported clause library would not be loaded",
                     where=project.root / "draftkit.yaml",
                     fix="add a folder to 'libraries:' (e.g. clauses/) and import again")


def _free(folder: Path, stem: str) -> Path:
    """`folder/stem.yaml`, or stem-2, stem-3… when taken (each import gets its own library file)."""
    path, n = folder / f"{stem}.yaml", 2
    while path.exists():
        path, n = folder / f"{stem}-{n}.yaml", n + 1
    return path


def write_all(texts: dict[Path, str], *, inputs: Sequence[Path]) -> None:
    """Write every file, or none: files already written are removed when one write fails."""
    from draftkit.files import write_atomic
    from draftkit.loading.project import inputs_near

    written: list[Path] = []
    made = [folder for path in texts for folder in (path.parent, *path.parent.parents) if not folder.exists()]
    try:
        for path, text in texts.items():
            # nor over a project's input, nor over a file made meanwhile
            write_atomic(path, text, inputs=[*inputs, *inputs_near(path)], new_file=True)
            written.append(path)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        for folder in sorted(set(made), key=lambda f: len(f.parts), reverse=True):  # deepest first
            with suppress(OSError):  # only when empty: never a folder someone filled meanwhile
                folder.rmdir()
        raise


def _subs(subs: tuple[ImportedSub, ...], language: str, level: int = 1) -> tuple[SubParagraph, ...]:
    return tuple(SubParagraph(subparagraph_label(i, level), {language: sub.text},
                              _subs(sub.children, language, level + 1)) for i, sub in enumerate(subs))


def _clause(paragraph: ImportedParagraph, cid: str, imported: ImportedDraft) -> Clause:
    lang = imported.language
    return Clause(
        id=ClauseId(cid), kind=paragraph.kind,
        opening={lang: paragraph.opening} if paragraph.opening else {},
        text={lang: paragraph.text or "…"},
        subparagraphs=_subs(paragraph.subparagraphs, lang),
        footnotes=tuple(Footnote(key, {lang: text or "…"}) for key, text in paragraph.footnotes),
        source=f"imported from {imported.source.name}, paragraph {paragraph.index + 1}",
    )


def _memorandum(imported: ImportedDraft, latest: Draft | None) -> Memorandum | None:
    """The imported memorandum in the DOCX's language; into an existing project whose latest
    draft has a memorandum of as many paragraphs, with their other languages kept (and its
    title); its symbol only when the heading showed one other than the draft's with /M."""
    if not imported.memorandum:
        return None
    lang = imported.language
    before = latest.memorandum if latest is not None else None
    paragraphs = tuple({lang: text} for text in imported.memorandum)
    title: dict[str, str] = {}
    if before is not None and len(before.paragraphs) == len(paragraphs):
        paragraphs = tuple(_over(new, old, lang) for old, new in zip(before.paragraphs, paragraphs))
        title = dict(before.title)
    made = Memorandum(paragraphs, title)
    draft_symbol = imported.heading.symbol or (latest.meta.symbol if latest is not None else "")
    symbol = imported.memorandum_symbol
    return replace(made, symbol=symbol) if symbol and symbol != Memorandum.symbol_of(draft_symbol) else made


def _annexes(imported: ImportedDraft, latest: Draft | None, templates=None,
             operative_ids: Sequence[str] = ()) -> tuple[Annex, ...]:
    """The imported annexes in the DOCX's language; into an existing project whose latest
    draft has annexes of the same shape (count, items, table sizes), with their other
    languages' texts kept (translations the import cannot see). A paragraph that reads as
    the latest draft's prints it (cross-references, notes) is kept as it is; an edited one
    takes the keys of its notes when it has as many, so that the other languages' calls
    still resolve; with more or fewer, its other languages are left out. Cross-references
    the import made ({ref:OP2}) name `operative_ids`."""
    from draftkit.importing.reuse import annex_signatures, imported_annex_signature

    lang = imported.language
    made = tuple(Annex(title={lang: annex.title}, items=tuple(
        AnnexText({lang: with_ids(item.text, operative_ids)}, tuple(Footnote(key, {lang: text or "…"}) for key, text in item.footnotes))
        if isinstance(item, ImportedAnnexText) else AnnexTable({lang: item.rows}, item.header_rows)
        for item in annex.items)) for annex in imported.annexes)
    before = latest.annexes if latest is not None else ()
    if _annex_shape(made, lang) != _annex_shape(before, lang):
        return made

    reads = iter(annex_signatures(latest, lang, templates)) if latest is not None else iter(())
    found = iter([imported_annex_signature(item, imported) for annex in imported.annexes for item in annex.items
                  if isinstance(item, ImportedAnnexText)])

    def text(new: AnnexText, old: AnnexText) -> AnnexText:
        if next(found, None) == next(reads, "") and lang in old.text:
            return old  # as it was: its cross-references and note keys kept
        if len(new.footnotes) != len(old.footnotes):
            return new  # the other languages' texts would call missing notes
        keys = {new_note.key: old_note.key for new_note, old_note in zip(new.footnotes, old.footnotes)}
        mine = {k: renamed_calls(v, keys) for k, v in new.text.items()}
        return AnnexText(_over(mine, old.text, lang), tuple(
            Footnote(old_note.key, _over(new_note.text, old_note.text, lang), source=old_note.source)
            for new_note, old_note in zip(new.footnotes, old.footnotes)))

    out = []
    for new, old in zip(made, before):
        items = [text(n, o) if isinstance(n, AnnexText) and isinstance(o, AnnexText)
                 else replace(n, rows=_over(dict(n.rows), dict(o.rows), lang)) for n, o in zip(new.items, old.items)]
        out.append(Annex(title=_over(new.title, old.title, lang), items=tuple(items)))
    return tuple(out)


def _annex_shape(annexes: tuple[Annex, ...], lang: str) -> tuple:
    """What must agree for two versions' annexes to be the same annexes in another language."""
    def shape(item) -> tuple:
        if isinstance(item, AnnexText):
            return ("text",)
        rows = next(iter(item.rows.values()), ()) if lang not in item.rows else item.rows[lang]
        return ("table", item.header_rows, tuple(len(row) for row in rows))

    return tuple(tuple(shape(item) for item in annex.items) for annex in annexes)


def _meta(imported: ImportedDraft, version: int, today: date, latest: Draft | None = None) -> DraftMeta:
    """The imported heading as draft metadata; into an existing project, the latest draft's
    metadata with only the imported language's texts (and what the heading says) replaced."""
    heading, lang = imported.heading, imported.language
    before = latest.meta if latest is not None else None

    def text(value: str, old: dict[str, str] | None = None) -> dict[str, str]:
        kept = dict(old or {})
        if value:  # a heading line the import did not find keeps the project's text
            kept[lang] = value
        return kept

    place = before.meeting.place if before is not None and before.meeting is not None else None
    meeting = before.meeting if before is not None else None
    if heading.place or heading.start:
        meeting = Meeting(place=text(heading.place, place), start=heading.start if heading.end else None,
                          end=heading.end if heading.start else None)
    agenda = before.agenda if before is not None else None
    if heading.agenda_item:
        agenda = Agenda(heading.agenda_item, text(heading.agenda_title, agenda.title if agenda else None),
                        heading.provisional)
    document = before.document if before is not None else Document()
    document = Document(distribution=heading.distribution or document.distribution,
                        original=heading.original or document.original, job=heading.job or document.job)
    sponsors = heading.sponsors or (before.sponsors if before is not None else ())
    rapporteurs = before.rapporteurs if before is not None else ()
    if heading.rapporteurs:
        kept = rapporteurs if len(rapporteurs) == len(heading.rapporteurs) else [{}] * len(heading.rapporteurs)
        rapporteurs = tuple(text(name, dict(old)) for name, old in zip(heading.rapporteurs, kept))
    if before is None:
        return DraftMeta(version=version, date=heading.date or today, body=heading.body, session=heading.session,
                         title={lang: heading.title}, languages=(lang,), committee=text(heading.committee),
                         authoring=text(heading.authoring), symbol=heading.symbol, meeting=meeting,
                         sponsors=sponsors, agenda=agenda, document=document, rapporteurs=rapporteurs)
    # everything else of the latest draft stays (stage, adoption, rapporteurs…), and the
    # project's other languages: their texts are translations the import cannot see
    return replace(before, version=version, date=heading.date or today,
                   session=heading.session or before.session, title=text(heading.title, before.title),
                   languages=before.languages + (() if lang in before.languages else (lang,)),
                   committee=text(heading.committee, before.committee),
                   authoring=text(heading.authoring, before.authoring), symbol=heading.symbol or before.symbol,
                   meeting=meeting, sponsors=sponsors, agenda=agenda, document=document, rapporteurs=rapporteurs,
                   deadline=None, merged=None)
