"""A circulated draft returned with Word tracked changes → contribution files, one per
revision author: word changes become `amend-text`, whole paragraphs `new-paragraph` /
`delete-paragraph` (or sub-paragraph), comments justifications.

Reads what `docxread` gives and the version's own rendering (to check the file is based on
it); knows no Word XML. Writes YAML only through `loading.yamlsource.dump_yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from draftkit.docxread import DocxDocument, DocxParagraph, DocxRun
from draftkit.errors import InputError
from draftkit.importer import (ImportedParagraph, ImportWarning, clause_id, clean, load_phrases, match_phrase,
                               normalize, slug)
from draftkit.inline import footnote_keys
from draftkit.loading.paragraphs import all_texts
from draftkit.model import Draft, Kind, SubParagraph
from draftkit.render.tree import Role

_BODY_ROLES = (Role.PREAMBULAR, Role.OPERATIVE, Role.SUBPARAGRAPH)
_NO_SPACE = re.compile(r"[\s\u00a0\u202f]+")


@dataclass(frozen=True)
class Proposed:
    """One proposal as plain data for the contribution file, with the DOCX paragraph it came from."""

    data: dict
    paragraph: int


@dataclass(frozen=True)
class WrittenContribution:
    delegation: str
    author: str
    path: Path
    proposals: int


@dataclass(frozen=True)
class ContributionImport:
    """The files written (one per revision author) and what could not be imported."""

    files: tuple[WrittenContribution, ...]
    warnings: tuple[ImportWarning, ...] = ()


@dataclass
class _Group:
    """Physical DOCX paragraphs that make one paragraph of the version (rejected view)."""

    members: list[DocxParagraph]
    key: str = ""  # block key of the version: 'pid' or 'pid/sub/child'
    label: str = ""

    @property
    def carriers(self) -> list[DocxParagraph]:
        """Members holding original text (not wholly inserted)."""
        return [p for p in self.members if _spaceless(p.rejected_text)]


def _spaceless(text: str) -> str:
    return _NO_SPACE.sub("", text)


def _view_text(runs: tuple[DocxRun, ...], author: str | None, keys: dict[int, str]) -> str:
    """Text with only `author`'s changes accepted (|None|: every change rejected); footnote
    references become `[^key]` calls of the version (new notes: `[^new]`)."""
    out: list[str] = []
    for run in runs:
        if run.revision is not None:
            mine = author is not None and run.revision.author == author
            if run.inserted and not mine:
                continue
            if run.deleted and mine:
                continue
        if run.footnote is not None:
            out.append(f"[^{keys.get(run.footnote, 'new')}]")
        else:
            out.append(run.text)
    return "".join(out)


def import_contribution(doc: DocxDocument, project_path: Path, version: int, *, delegation: str | None = None,
                        language: str | None = None, output: Path | None = None,
                        submitted_at: datetime | None = None) -> ContributionImport:
    """Turn the tracked changes of `doc` (draft `version` of the project, returned) into
    contribution files, one per revision author, written to the project's contributions
    folder (or `output`). Raises `InputError` when the file is not based on that version.
    """
    from draftkit.loading import Project

    project = Project.open(project_path)
    draft = project.draft(version)
    lang = language or _language(doc, draft)
    if lang not in draft.meta.languages:
        raise InputError(f"draft {version} has no {lang!r} text", where=doc.path,
                         fix=f"give --lang {' or '.join(draft.meta.languages)}")
    groups = _match(doc, draft, lang, project)
    authors = doc.authors()
    if not authors and not doc.comments:
        return ContributionImport(())
    reader = _Reader(doc, draft, lang, groups)
    saved = datetime.fromtimestamp(doc.path.stat().st_mtime, tz=timezone.utc)
    written: list[WrittenContribution] = []
    folder = output.parent if output and output.suffix in (".yaml", ".yml") else (
        output or project.config.contributions)
    for author in authors or [""]:
        proposals = reader.proposals(author)
        if not proposals:
            continue
        name = delegation if delegation and len(authors) <= 1 else (
            f"{delegation} ({author})" if delegation else author or "unknown")
        prefix = (slug(name, 1) or "del")[:3].upper()
        items = []
        for number, proposed in enumerate(proposals, start=1):
            items.append({"id": f"{prefix}-{number}", **proposed.data})
        when = submitted_at or _last_change(doc, author) or saved
        data = {"delegation": name, "submitted_at": when.isoformat(timespec="seconds"), "responds_to": version,
                "language": lang, "proposals": items}
        path = output if output and output.suffix in (".yaml", ".yml") and len(authors) <= 1 else (
            folder / f"{slug(name, 6) or 'contribution'}.yaml")
        _write(path, data, doc.path)
        written.append(WrittenContribution(name, author, path, len(items)))
    return ContributionImport(tuple(written), tuple(reader.warnings))


def _last_change(doc: DocxDocument, author: str) -> datetime | None:
    """When `author` last changed or commented the file (Word stamps each revision), in UTC."""
    stamps = [r.date for p in doc.paragraphs for r in [*(x.revision for x in p.runs), p.mark_revision]
              if r is not None and r.author == author and r.date is not None]
    stamps += [c.date for c in doc.comments.values() if c.author == author and c.date is not None]
    aware = [s if s.tzinfo else s.replace(tzinfo=timezone.utc) for s in stamps]
    return max(aware) if aware else None


def _write(path: Path, data: dict, source: Path) -> None:
    from draftkit.files import write_atomic
    from draftkit.loading.contributions import load_contribution
    from draftkit.loading.yamlsource import dump_yaml

    if path.exists():
        raise InputError("refusing to overwrite an existing contribution", where=path,
                         fix="move it away or give another path with -o")
    header = (f"# Imported from {source.name} by `draftkit import --contribution`: tracked changes became\n"
              "# proposals; check them, and 'submitted_at' (the author's last change in the file, else the file's date).\n")
    write_atomic(path, header + dump_yaml(data), inputs=[source])
    load_contribution(path)  # what we write must load: a failure here is a bug worth a loud error


def _language(doc: DocxDocument, draft: Draft) -> str:
    for lang in draft.meta.languages:
        phrases = load_phrases(lang)
        hits = sum(1 for p in doc.paragraphs[:80] if match_phrase(p.rejected_text.strip(), phrases))
        if hits >= 2:
            return lang
    return draft.meta.languages[0]


def _blocks(draft: Draft, lang: str, project) -> list:
    from draftkit.render.layout import LayoutOptions, layout

    tree = layout(draft, lang, LayoutOptions(templates=project.config.templates))
    return [b for b in tree.blocks if b.role in _BODY_ROLES]


def _match(doc: DocxDocument, draft: Draft, lang: str, project) -> list[_Group]:
    """Group the DOCX paragraphs as they were before the changes and pair them with the
    version's paragraphs, in order; refuse a file whose original text is not that version's."""
    blocks = _blocks(draft, lang, project)
    groups: list[_Group] = []
    pending: list[DocxParagraph] = []
    for paragraph in doc.paragraphs:
        pending.append(paragraph)
        if paragraph.mark_inserted:
            continue  # rejecting the change joins this paragraph to the next
        groups.append(_Group(pending))
        pending = []
    if pending:
        groups.append(_Group(pending))
    wanted = [_spaceless(b.text) for b in blocks]
    position = 0
    started = False
    for group in groups:
        text = _spaceless("".join(p.rejected_text for p in group.members))
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
            f"the file is not based on draft {draft.meta.version}: {block.label} {_excerpt(block.text)!r} "
            "is not in it (with its tracked changes rejected)",
            where=doc.path,
            fix=_other_version_hint(doc, draft, lang, project) or "give the draft version the file was made from",
        )
    return groups


def _other_version_hint(doc: DocxDocument, draft: Draft, lang: str, project) -> str | None:
    """'it matches draft 2: use --against 2' when another version fits the file."""
    original = _spaceless("".join(p.rejected_text for p in doc.paragraphs))
    for version in project.versions():
        if version == draft.meta.version:
            continue
        try:
            other = project.draft(version)
            if lang in other.meta.languages and all(
                    _spaceless(b.text) in original for b in _blocks(other, lang, project)):
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


def _excerpt(text: str) -> str:
    text = normalize(text)
    return text[:60] + ("…" if len(text) > 60 else "")


class _Reader:
    """Turns one author's revisions into proposals, paragraph by paragraph."""

    def __init__(self, doc: DocxDocument, draft: Draft, lang: str, groups: list[_Group]):
        self.doc, self.draft, self.lang, self.groups = doc, draft, lang, groups
        self.by_id = draft.by_id()
        self.labels = draft.labels()
        self.phrases = load_phrases(lang)
        self.warnings: list[ImportWarning] = []
        self.keys = self._footnote_keys()

    def warn(self, paragraph: DocxParagraph, message: str) -> None:
        self.warnings.append(ImportWarning(paragraph.index + 1, message, _excerpt(paragraph.text)))

    def _footnote_keys(self) -> dict[int, str]:
        """DOCX note id → the version's footnote key, by order of the calls (original text)."""
        keys = [key for p in self.draft.paragraphs()
                for by_lang in all_texts(dict(p.text), p.subparagraphs)
                for key in footnote_keys(by_lang.get(self.lang, ""))]
        notes = [r.footnote for p in self.doc.paragraphs for r in p.runs
                 if r.footnote is not None and not r.inserted]
        return dict(zip(notes, keys))

    def proposals(self, author: str) -> list[Proposed]:
        out: list[Proposed] = []
        last_key = ""
        for group in self.groups:
            if group.key:
                out.extend(self.group_proposals(group, author))
                last_key = group.key
            else:
                for paragraph in group.members:
                    out.extend(self.inserted(paragraph, author, last_key, None))
        return self.justify(out, author)

    def group_proposals(self, group: _Group, author: str) -> list[Proposed]:
        out: list[Proposed] = []
        carriers = group.carriers
        seen_carrier = False
        for paragraph in group.members:
            if paragraph in carriers:
                seen_carrier = True
                continue
            # a wholly inserted paragraph joined to this one: new, before or after it
            out.extend(self.inserted(paragraph, author, group.key if seen_carrier else "", None
                                     if seen_carrier else group.key))
        if len(carriers) > 1:
            self.warn(carriers[0], f"{group.label} was split into {len(carriers)} paragraphs: "
                                   "imported as one text amendment")
        runs = tuple(r for p in carriers for r in p.runs)
        before = _view_text(runs, None, self.keys)
        after = _view_text(runs, author, self.keys)
        if before == after:
            return out
        target = self.target(group.key)
        if not _spaceless(after):
            action = "delete-subparagraph" if "/" in group.key else "delete-paragraph"
            out.insert(0, Proposed({"action": action, "target": target}, carriers[0].index))
            return out
        out[0:0] = self.amendments(group, carriers[0], before, after, target)
        return out

    def target(self, key: str) -> str:
        pid, *subs = key.split("/")
        return pid + "".join(f"({s})" for s in subs)

    def amendments(self, group: _Group, paragraph: DocxParagraph, before: str, after: str,
                   target: str) -> list[Proposed]:
        """Word changes → amend-text proposals quoting words found once in the version's text."""
        from draftkit.merge.words import cores, find, tokenize, word_diff

        old_tokens, new_tokens = tokenize(clean(before)), tokenize(clean(after))
        pid, *subs = group.key.split("/")
        texts = self.texts(pid, subs)
        haystacks = [cores(tokenize(t)) for t in texts]
        out: list[Proposed] = []
        for change in word_diff(cores(old_tokens), cores(new_tokens)):
            start, end, new_start, new_end = change.start, change.end, change.new_start, change.new_end
            # widen with neighbouring words until the quoted words occur once in the version
            while True:
                needle = cores(old_tokens[start:end])
                hits = sum(len(find(h, needle)) for h in haystacks) if needle else 0
                if hits == 1:
                    break
                if end < len(old_tokens) and (start == 0 or end - start <= start):
                    end, new_end = end + 1, new_end + 1
                elif start > 0:
                    start, new_start = start - 1, new_start - 1
                else:
                    break
            if hits != 1:
                self.warn(paragraph, f"could not quote the change in {group.label} from words of draft "
                                     f"{self.draft.meta.version} (it touches a cross-reference or a footnote call): "
                                     "not imported")
                continue
            old = "".join(old_tokens[start:end]).strip()
            new = "".join(new_tokens[new_start:new_end]).strip()
            if "[^new]" in new:
                self.warn(paragraph, f"a new footnote in {group.label} is not imported; add it by hand")
                new = new.replace("[^new]", "")
            out.append(Proposed({"action": "amend-text", "target": target, "old": old, "new": new},
                                paragraph.index))
        return out

    def texts(self, pid: str, subs: list[str]) -> list[str]:
        paragraph = self.by_id[pid]  # type: ignore[index]
        if not subs:
            return [paragraph.opening.get(self.lang, ""), paragraph.text.get(self.lang, "")]
        children: tuple[SubParagraph, ...] = paragraph.subparagraphs
        node = None
        for sub in subs:
            node = next(c for c in children if c.id == sub)
            children = node.children
        return [node.text.get(self.lang, "")] if node else []

    def inserted(self, paragraph: DocxParagraph, author: str, after_key: str, before_key: str | None) -> list[Proposed]:
        """A paragraph that did not exist in the version: new paragraph or sub-paragraph."""
        if not _spaceless(paragraph.text):
            return []
        owners = {r.revision.author for r in paragraph.runs if r.revision is not None and r.inserted}
        if paragraph.mark_revision is not None:
            owners.add(paragraph.mark_revision.author)
        if author not in owners:
            return []
        text = _view_text(paragraph.runs, author, self.keys)
        numbering = paragraph.numbering
        level = numbering.level if numbering is not None else 0
        anchor = after_key or before_key or ""
        where = "after" if after_key else "before"
        if level >= 1 and anchor:
            pid, *subs = anchor.split("/")
            data = {"action": "add-subparagraph", "target": pid, "text": clean(text)}
            if subs:
                data["position"] = {where: subs[0]}
            return [Proposed(data, paragraph.index)]
        body = clean(text)
        match = match_phrase(body, self.phrases)
        italic = "".join(r.text for r in _leading_italic(paragraph.runs, author)).strip()
        if italic and body.startswith(italic):
            opening, rest = italic, body[len(italic):]
        elif match is not None:
            opening, rest = body[:match.length], body[match.length:]
        else:
            opening, rest = "", body
        kind = match.kind if match is not None else (Kind.OPERATIVE if numbering is not None else None)
        reference = anchor.split("/")[0]
        if kind is None:
            ref = self.by_id.get(reference)  # type: ignore[call-overload]
            kind = ref.kind if ref is not None else Kind.OPERATIVE
            self.warn(paragraph, f"new paragraph with no known opening: proposed as {kind.value}")
        new = {"id": clause_id(ImportedParagraph(paragraph.index, kind, normalize(opening), normalize(rest)), set(
            self.by_id)), "kind": kind.value, "opening": {self.lang: normalize(opening)}, "text": {self.lang: normalize(rest)}}
        if not opening:
            del new["opening"]
        position = {where: reference} if reference else "end"
        return [Proposed({"action": "new-paragraph", "position": position, "paragraph": new}, paragraph.index)]

    def justify(self, proposals: list[Proposed], author: str) -> list[Proposed]:
        """Put each comment in the justification of the proposals of its paragraph (its
        author's first; otherwise every proposal there)."""
        index_of = {p.index: g for g in self.groups for p in g.members}
        out = [Proposed(dict(p.data), p.paragraph) for p in proposals]
        for comment in self.doc.comments.values():
            if comment.paragraph is None or not comment.text:
                continue
            group = index_of.get(comment.paragraph)
            indexes = {p.index for p in group.members} if group else {comment.paragraph}
            here = [p for p in out if p.paragraph in indexes]
            if not here:
                if comment.author == author:
                    self.warnings.append(ImportWarning(comment.paragraph + 1, "comment on a paragraph with no "
                                                       "tracked change: not imported", comment.text[:60]))
                continue
            if comment.author not in (author, "") and author and any(
                    comment.author == a for a in self.doc.authors()):
                continue  # another author's comment goes with that author's proposals
            for proposed in here:
                previous = proposed.data.get("justification", "")
                proposed.data["justification"] = f"{previous}\n{comment.text}".strip() if previous else comment.text
        return out


def _leading_italic(runs: tuple[DocxRun, ...], author: str) -> list[DocxRun]:
    out: list[DocxRun] = []
    for run in runs:
        if run.deleted or (run.inserted and run.revision is not None and run.revision.author != author):
            continue
        if not run.italic:
            break
        out.append(run)
    return out
