"""A circulated draft returned with Word tracked changes → contributions, one per revision
author, in the round that answers that version. Checks the file is that version (its text
with the changes rejected), reads each author's proposals (`proposals`) and hands them to
`rounds` to be written. Knows no Word XML and writes no YAML itself.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from draftkit.docxread import DocxDocument, DocxParagraph
from draftkit.errors import InputError
from draftkit.importing.classify import Phrases, match_phrase, phrase_tables
from draftkit.importing.proposals import Group, ProposalReader, spaceless
from draftkit.importing.round_files import ContributionImport, Drafted, write_contributions
from draftkit.importing.text import normalize
from draftkit.importing.values import excerpt
from draftkit.model import Contribution, Draft
from draftkit.render.tree import Role

_BODY_ROLES = (Role.PREAMBULAR, Role.OPERATIVE, Role.SUBPARAGRAPH)


def import_contribution(doc: DocxDocument, project_path: Path, version: int, *, delegation: str | None = None,
                        language: str | None = None, output: Path | None = None, round_name: str | None = None,
                        submitted_at: datetime | None = None) -> ContributionImport:
    """Turn the tracked changes of `doc` (draft `version` of the project, returned) into
    contribution files, one per revision author, and return what was written.

    They go to the round folder answering `version` (`contributions/<round_name>/` when
    given; else the latest round whose contributions respond to `version`, else a new
    round), or to `output`. Raises `InputError`, writing nothing, when the file is not
    based on that version or a file would be overwritten.
    """
    from draftkit.loading import Project

    project = Project.open(project_path)
    draft = project.draft(version)
    tables = phrase_tables(project.config.phrases)
    lang = language or _language(doc, draft, tables)
    if lang not in draft.meta.languages:
        raise InputError(f"draft {version} has no {lang!r} text", where=doc.path,
                         fix=f"give --lang {' or '.join(draft.meta.languages)}")
    groups = _match(doc, draft, lang, project)
    authors = doc.authors()
    if not authors and not doc.comments:
        return ContributionImport(())
    reader = ProposalReader(doc, draft, lang, groups, tables.get(lang) or tables["en"])
    saved = datetime.fromtimestamp(doc.path.stat().st_mtime, tz=timezone.utc)
    drafted: list[Drafted] = []
    for author in authors or [""]:
        proposals = reader.proposals(author)
        if not proposals:
            continue
        name = delegation if delegation and len(authors) <= 1 else (
            f"{delegation} ({author})" if delegation else author or "unknown")
        when = submitted_at or _last_change(doc, author) or saved
        contribution = Contribution(delegation=name, submitted_at=when, responds_to=version,
                                    proposals=tuple(p.proposal for p in proposals), language=lang)
        drafted.append(Drafted(author, contribution))
    written = write_contributions(drafted, project, doc.path, output=output, round_name=round_name)
    return replace(written, warnings=tuple(reader.warnings))


def _last_change(doc: DocxDocument, author: str) -> datetime | None:
    """When `author` last changed or commented the file (Word stamps each revision), in UTC."""
    stamps = [r.date for p in doc.paragraphs
              for r in [*(r for x in p.runs for r in x.revisions()), p.mark_revision, p.mark_insertion]
              if r is not None and r.author == author and r.date is not None]
    stamps += [c.date for c in doc.comments.values() if c.author == author and c.date is not None]
    aware = [s if s.tzinfo else s.replace(tzinfo=timezone.utc) for s in stamps]
    return max(aware) if aware else None


def _language(doc: DocxDocument, draft: Draft, tables: dict[str, Phrases]) -> str:
    for lang in draft.meta.languages:
        if lang not in tables:
            continue
        hits = sum(1 for p in doc.paragraphs[:80] if match_phrase(p.rejected_text.strip(), tables[lang]))
        if hits >= 2:
            return lang
    return draft.meta.languages[0]


def _blocks(draft: Draft, lang: str, project) -> list:
    from draftkit.render.layout import LayoutOptions, layout

    tree = layout(draft, lang, LayoutOptions(templates=project.config.templates))
    return [b for b in tree.blocks if b.role in _BODY_ROLES]


def _match(doc: DocxDocument, draft: Draft, lang: str, project) -> list[Group]:
    """Group the DOCX paragraphs as they were before the changes and pair them with the
    version's paragraphs, in order; refuse a file whose original text is not that version's.
    Groups before the body and after it are marked as heading (or closing) lines."""
    blocks = _blocks(draft, lang, project)
    groups: list[Group] = []
    pending: list[DocxParagraph] = []
    for paragraph in doc.paragraphs:
        pending.append(paragraph)
        if paragraph.mark_inserted:
            continue  # rejecting the change joins this paragraph to the next
        groups.append(Group(pending))
        pending = []
    if pending:
        groups.append(Group(pending))
    wanted = [spaceless(b.text) for b in blocks]
    position = 0
    started = False
    for group in groups:
        text = spaceless("".join(p.rejected_text for p in group.members))
        if position < len(blocks) and text == wanted[position]:
            group.key, group.label = blocks[position].key, blocks[position].label
            position += 1
            started = True
        elif text and started and position < len(blocks):
            block = blocks[position]
            theirs, ours = _difference(normalize("".join(p.rejected_text for p in group.members)),
                                       normalize(block.text))
            raise InputError(
                f"the file is not based on draft {draft.meta.version}: where draft {draft.meta.version} has "
                f"{block.label} {ours!r}, the file (with its tracked changes rejected) has {theirs!r}",
                where=doc.path,
                fix=_other_version_hint(doc, draft, lang, project) or
                "changes must be made with Track Changes on, in the draft as circulated",
            )
    if position < len(blocks):
        block = blocks[position]
        raise InputError(
            f"the file is not based on draft {draft.meta.version}: {block.label} {excerpt(normalize(block.text))!r} "
            "is not in it (with its tracked changes rejected)",
            where=doc.path,
            fix=_other_version_hint(doc, draft, lang, project) or "give the draft version the file was made from",
        )
    _mark_heading(groups)
    return groups


def _mark_heading(groups: list[Group]) -> None:
    """Lines of the heading and closing blocks are not body blocks: original lines there, and
    inserted lines with only such lines (or the document's ends) on both sides."""
    carrying = [g for g in groups if g.key or g.carriers]
    for group in carrying:
        group.heading = not group.key
    for position, group in enumerate(groups):
        if group.key or group.carriers:
            continue
        before = next((g for g in reversed(groups[:position]) if g.key or g.carriers), None)
        after = next((g for g in groups[position + 1:] if g.key or g.carriers), None)
        group.heading = (before is None or before.heading) and (after is None or after.heading)


def _other_version_hint(doc: DocxDocument, draft: Draft, lang: str, project) -> str | None:
    """'it matches draft 2: use --against 2' when another version fits the file."""
    original = spaceless("".join(p.rejected_text for p in doc.paragraphs))
    for version in project.versions():
        if version == draft.meta.version:
            continue
        try:
            other = project.draft(version)
            if lang in other.meta.languages and all(
                    spaceless(b.text) in original for b in _blocks(other, lang, project)):
                return f"it matches draft {version}: use --against {version}"
        except InputError:
            continue
    return None


def _difference(theirs: str, ours: str) -> tuple[str, str]:
    """Excerpts of two texts around where they first differ ('…to criminalize all…')."""
    first = next((i for i, (a, b) in enumerate(zip(theirs, ours)) if a != b), min(len(theirs), len(ours)))
    start = max(0, theirs.rfind(" ", 0, max(0, first - 20)) + 1)

    def window(text: str) -> str:
        end = text.find(" ", first + 20)
        end = len(text) if end < 0 else end
        return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")

    return window(theirs), window(ours)
