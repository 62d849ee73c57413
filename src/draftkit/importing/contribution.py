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
from draftkit.importing.proposals import Group, ProposalReader
from draftkit.importing.round_files import ContributionImport, Drafted, write_contributions
from draftkit.importing.values import ImportWarning
from draftkit.wording import count, verb
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
    from draftkit.errors import shown
    from draftkit.importing.paragraphs import refuse_controls
    from draftkit.loading import Project
    from draftkit.loading.fields import check_text

    refuse_controls(doc)
    project = Project.open(project_path)
    draft = project.draft(version)
    tables = phrase_tables(project.config.phrases)
    lang = language or _language(doc, draft, tables)
    if lang not in draft.meta.languages:
        raise InputError(f"draft {version} has no {lang!r} text", where=doc.path,
                         fix=f"give --lang {' or '.join(draft.meta.languages)}")
    groups, matched = _match(doc, draft, lang, project)
    authors = doc.authors()
    if not authors and not doc.comments:
        return ContributionImport((), warnings=tuple(matched))
    reader = ProposalReader(doc, draft, lang, groups, tables.get(lang) or tables["en"])
    saved = datetime.fromtimestamp(doc.path.stat().st_mtime, tz=timezone.utc)
    drafted: list[Drafted] = []
    for author in authors or [""]:
        proposals = reader.proposals(author)
        if not proposals:
            continue
        name = delegation if delegation and len(authors) <= 1 else (
            f"{delegation} ({author})" if delegation else author or "unknown")
        # Word takes any author name; a contribution file cannot hold a control character
        if delegation:
            check_text(name, "-d/--delegation")
        else:
            try:
                check_text(name, doc.path)
            except InputError as exc:
                raise InputError(f"the tracked changes' author {shown(name)}: {exc.what}", where=doc.path,
                                 fix="name the delegation with -d NAME") from None
        when = submitted_at or _last_change(doc, author) or saved
        contribution = Contribution(delegation=name, submitted_at=when, responds_to=version,
                                    proposals=tuple(p.proposal for p in proposals), language=lang)
        drafted.append(Drafted(author, contribution))
    written = write_contributions(drafted, project, doc.path, output=output, round_name=round_name)
    return replace(written, warnings=(*matched, *reader.warnings), tracked=True)


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


def _match(doc: DocxDocument, draft: Draft, lang: str, project) -> tuple[list[Group], list[ImportWarning]]:
    """Group the DOCX paragraphs as they were before the changes and pair them with the
    version's paragraphs by their words (`matching`); refuse a file whose original words are
    not that version's. Groups before the body and after it are marked as heading (or
    closing) lines. Returns the groups and a warning for each paragraph whose punctuation,
    quotes, spacing, field results or typed number differ from the version's (ignored)."""
    from draftkit.importing.matching import match

    blocks = _blocks(draft, lang, project)
    groups = _groups(doc)
    version = draft.meta.version
    found = match([g.members for g in groups], blocks, version)
    if found.problem:
        raise InputError(f"the file is not based on draft {version}: {found.problem}", where=doc.path,
                         fix=_other_version_hint(doc, groups, draft, lang, project) or
                         f"changes must be made with Track Changes on, in draft {version} as circulated; "
                         "or give the version the file was made from with --against")
    warnings: list[ImportWarning] = []
    numbered: list[tuple[int, str]] = []  # paragraphs whose only difference is a typed number: said once
    for pair in found.pairs:
        group, block = groups[pair.group], blocks[pair.block]
        group.key, group.label = block.key, block.label
        at = group.members[0].index + 1
        if pair.elsewhere:
            warnings.append(ImportWarning(at, f"{block.label} of draft {version} stands elsewhere in the file "
                                              "(moved without Track Changes): read as that paragraph, not moved"))
        if len(pair.ignored) == 1 and pair.ignored[0].startswith("typed number"):
            numbered.append((at, block.label))
        elif pair.ignored:
            warnings.append(ImportWarning(at, f"{block.label} differs from draft {version} only in "
                                              f"{'; '.join(pair.ignored)}: ignored (the words are the same)"))
    if numbered:
        labels = ", ".join(label for _, label in numbered[:6]) + (", …" if len(numbered) > 6 else "")
        warnings.insert(0, ImportWarning(numbered[0][0], f"{count(len(numbered), 'paragraph')} ({labels}) "
                                                         f"{verb(len(numbered), 'differs', 'differ')} from draft "
                                                         f"{version} only in a typed number: ignored (draftkit "
                                                         "numbers them)"))
    _mark_heading(groups)
    return groups, warnings


def _groups(doc: DocxDocument) -> list[Group]:
    """The DOCX paragraphs grouped as they were before the changes: a paragraph whose mark
    was inserted is joined to the next (rejecting the change joins them)."""
    groups: list[Group] = []
    pending: list[DocxParagraph] = []
    for paragraph in doc.paragraphs:
        pending.append(paragraph)
        if paragraph.mark_inserted:
            continue
        groups.append(Group(pending))
        pending = []
    if pending:
        groups.append(Group(pending))
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


def _other_version_hint(doc: DocxDocument, groups: list[Group], draft: Draft, lang: str, project) -> str | None:
    """'it matches draft 2: use --against 2' when another version fits the file."""
    from draftkit.importing.matching import match

    for version in reversed(project.versions()):
        if version == draft.meta.version:
            continue
        try:
            other = project.draft(version)
            if lang in other.meta.languages and not match([g.members for g in groups],
                                                          _blocks(other, lang, project), version).problem:
                return f"it matches draft {version}: use --against {version}"
        except InputError:
            continue
    return None
