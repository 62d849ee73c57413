"""Draft files: metadata + ordered paragraphs (library references or inline) → `Draft`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from draftkit.errors import InputError, Location, did_you_mean
from draftkit.loading import keys
from draftkit.loading.annexes import read_annexes, read_memorandum
from draftkit.loading.fields import Fields, read_by_language, zone
from draftkit.loading.paragraphs import all_texts, check_footnote_calls, read_footnotes, read_subparagraphs
from draftkit.loading.yamlsource import load_yaml
from draftkit.model import (
    Adoption,
    Agenda,
    Document,
    Stage,
    Body,
    BracketHolders,
    ChangeRecord,
    ClauseId,
    Draft,
    DraftMeta,
    Kind,
    Library,
    Meeting,
    MergedFrom,
    Paragraph,
    ParagraphId,
    ProposalAction,
    ProposalId,
    Standing,
    TranslationSource,
    check_ids,
)

BODIES = [b.value for b in Body]
STANDINGS = [s.value for s in Standing]
ACTIONS = [a.value for a in ProposalAction]


def load_draft(path: Path, library: Library, text: str | None = None) -> Draft:
    """Load one draft version, resolving clause references against `library`.

    `text`, when given, is read instead of the file (errors still name `path`).
    """
    data = load_yaml(path, text)
    fields = Fields(data, Location(path, 1, 1), f"draft {path.name}", keys.DRAFT)
    meta = read_meta(fields)
    preambular = tuple(read_paragraphs(fields, "preambular", Kind.PREAMBULAR, library))
    operative = tuple(read_paragraphs(fields, "operative", Kind.OPERATIVE, library))
    provenance = tuple(read_change(item, where) for item, where in fields.items("provenance"))
    annexes = read_annexes(fields)
    memorandum = read_memorandum(fields)
    fields.finish()
    draft = Draft(meta=meta, preambular=preambular, operative=operative, provenance=provenance, path=path,
                  annexes=annexes, memorandum=memorandum)
    check_ids(draft, crossrefs=False)
    return draft


def read_meta(fields: Fields) -> DraftMeta:
    languages = fields.strings("languages") or ("en",)
    for lang in languages:
        if lang not in keys.KNOWN_LANGUAGES:
            raise InputError(
                f"draftkit has no language {lang!r}", where=fields.where("languages"),
                fix=did_you_mean(lang, keys.KNOWN_LANGUAGES) or f"use {', '.join(keys.KNOWN_LANGUAGES)}",
            )
    authentic = fields.strings("authentic")
    provided_only = [lang for lang in authentic if lang not in languages]
    if provided_only:
        raise InputError(f"'authentic' names {', '.join(map(repr, provided_only))}, which 'languages' does not list",
                         where=fields.where("authentic"), fix=f"name languages of the draft: {', '.join(languages)}")
    timezone = fields.text("timezone", required=False)
    if timezone is not None:
        zone(timezone, fields.where("timezone"))  # a typo here would only show on deadline day
    meeting = None
    meeting_fields = fields.mapping("meeting", "meeting")
    if meeting_fields is not None:
        meeting = Meeting(
            place=meeting_fields.by_language("place", required=False),
            start=meeting_fields.day("start", required=False),
            end=meeting_fields.day("end", required=False),
        )
        meeting_fields.finish()
    version = fields.integer("version")
    assert version is not None
    if version < 1:
        raise InputError("'version' must be 1 or more", where=fields.where("version"))
    day = fields.day("date")
    assert day is not None
    return DraftMeta(
        version=version,
        date=day,
        body=Body(fields.choice("body", BODIES)),
        session=fields.text("session") or "",
        title=fields.by_language("title"),
        languages=languages,
        authentic=authentic,
        committee=fields.by_language("committee", required=False),
        authoring=fields.by_language("authoring", required=False),
        symbol=fields.text("symbol", required=False, default="") or "",
        meeting=meeting,
        deadline=fields.moment("deadline", required=False, timezone=timezone),
        timezone=timezone,
        author=fields.text("author", required=False, default="Co-rapporteurs") or "Co-rapporteurs",
        number_preambular=fields.boolean("number_preambular"),
        merged=read_merged(fields),
        revision=_revision(fields),
        **read_publication(fields),
    )


def read_publication(fields: Fields) -> dict:
    """The keys that choose and fill the layout: stage, sponsors, agenda, document, adoption,
    rapporteurs (see `model.Stage` and the templates)."""
    out: dict = {}
    stage = fields.choice("stage", [s.value for s in Stage], required=False)
    if stage is not None:
        out["stage"] = Stage(stage)
    elif fields.data.get("revision") is not None:
        out["stage"] = Stage.REVISED
    out["sponsors"] = fields.strings("sponsors")
    agenda = fields.mapping("agenda", "agenda")
    if agenda is not None:
        out["agenda"] = Agenda(item=agenda.text("item") or "", title=agenda.by_language("title", required=False),
                               provisional=agenda.boolean("provisional"))
        agenda.finish()
    document = fields.mapping("document", "document")
    if document is not None:
        original = document.text("original", required=False, default="") or ""
        if original and original not in keys.KNOWN_LANGUAGES:
            raise InputError(f"'original' of document is {original!r}, not a language code",
                             where=document.where("original"), fix=f"use one of {', '.join(keys.KNOWN_LANGUAGES)}")
        out["document"] = Document(distribution=document.choice("distribution", ["limited", "general"],
                                                                required=False) or "",
                                   original=original, job=document.text("job", required=False, default="") or "")
        document.finish()
    adoption = fields.mapping("adoption", "adoption")
    if adoption is not None:
        out["adoption"] = Adoption(date=adoption.day("date", required=False),
                                   resolution=adoption.text("resolution", required=False, default="") or "",
                                   meeting=adoption.integer("meeting", required=False),
                                   report=adoption.text("report", required=False, default="") or "",
                                   vote=adoption.text("vote", required=False, default="") or "")
        adoption.finish()
    rapporteurs = []
    for item, where in fields.items("rapporteurs"):
        rapporteurs.append(read_by_language(item, where, "a co-Rapporteur"))
    out["rapporteurs"] = tuple(rapporteurs)
    return out


def _revision(fields: Fields) -> int | None:
    """`revision: 1` — the version is issued as Rev.1 (headings and file names say so)."""
    revision = fields.integer("revision", required=False)
    if revision is not None and revision < 1:
        raise InputError("'revision' must be 1 or more (Rev.1, Rev.2 …)", where=fields.where("revision"),
                         fix="leave it out for the first issue of the document")
    return revision


def read_merged(fields: Fields) -> MergedFrom | None:
    """`merged: {round: round-1, from: 2}`, written by `draftkit merge`."""
    section = fields.mapping("merged", "merged")
    if section is None:
        return None
    merged = MergedFrom(round=section.text("round") or "", source=section.integer("from") or 0)
    section.finish()
    return merged


def read_paragraphs(fields: Fields, key: str, kind: Kind, library: Library) -> list[Paragraph]:
    return [read_paragraph(item, where, kind, library) for item, where in fields.items(key)]


def read_paragraph(item: Any, where: Location, kind: Kind, library: Library | None,
                   shape: keys.Shape = keys.DRAFT_PARAGRAPH) -> Paragraph:
    """A paragraph entry: `clause: ID` (with optional overrides) or written inline with an `id`
    (`shape` NEW_PARAGRAPH for a contribution's new paragraph, which has no `clause`)."""
    fields = Fields(item, where, f"{kind.value} paragraph", shape)
    clause_id = fields.text("clause", required=False) if fields.declares("clause") else None
    paragraph_id = fields.text("id", required=clause_id is None)
    if clause_id is not None and library is not None:
        clause = library.get(clause_id, referenced_at=fields.where("clause"))
        if clause.kind is not kind:
            raise InputError(
                f"clause {clause_id!r} is {clause.kind.value} but is listed under '{kind.value}'",
                where=fields.where("clause"),
                fix=f"move it to the '{clause.kind.value}' list",
            )
        base = dict(opening=clause.opening, text=clause.text, subparagraphs=clause.subparagraphs,
                    footnotes=clause.footnotes, tags=clause.tags, source=clause.source)
    else:
        base = dict(opening={}, text={}, subparagraphs=(), footnotes=(), tags=(), source=None)
    paragraph_id = paragraph_id or clause_id
    assert paragraph_id is not None
    owner = f"paragraph {paragraph_id!r}"
    fields.what = owner
    opening = {**base["opening"], **fields.by_language("opening", required=False)}
    subs = read_subparagraphs(fields, owner) if fields.has("subparagraphs") else base["subparagraphs"]
    text = {**base["text"], **fields.by_language("text", required=False)}
    if not text and subs:
        text = {lang: "" for lang in (opening or subs[0].text)}  # "*Decides*:" then (a), (b)…
    footnotes = read_footnotes(fields, owner) if fields.has("footnotes") else base["footnotes"]
    tags = fields.strings("tags") or base["tags"]
    source = fields.text("source", required=False) or base["source"]
    status = fields.choice("status", STANDINGS, required=False)
    brackets = read_brackets(fields, owner)
    translations = read_translations(fields, owner)
    fields.finish()
    if not text:
        raise InputError(f"{owner} has no text", where=where, fix="add 'text: {en: …}' or 'clause: ID'")
    check_footnote_calls(owner, where, footnotes, all_texts(text, subs))
    return Paragraph(
        id=ParagraphId(paragraph_id),
        kind=kind,
        opening=opening,
        text=text,
        subparagraphs=subs,
        footnotes=footnotes,
        clause=ClauseId(clause_id) if clause_id else None,
        tags=tuple(tags),
        source=source,
        status=Standing(status) if status else None,
        brackets=brackets,
        translations=translations,
        location=where,
    )


def read_brackets(fields: Fields, owner: str) -> tuple[BracketHolders, ...]:
    """`brackets:` — one entry per bracketed group of the text, in reading order; each entry
    lists its alternatives' holders: `- [Kenya, "France, Mexico"]` (a single alternative may
    be written as plain text: `- Canada`)."""
    groups = []
    for item, where in fields.items("brackets"):
        entries = item if isinstance(item, list) else [item]
        alternatives = []
        for entry in entries:
            names = entry if isinstance(entry, list) else [entry] if entry is not None else []
            if not all(isinstance(n, (str, int)) and not isinstance(n, bool) for n in names):
                raise InputError(f"'brackets' of {owner}: each alternative names its holders as text",
                                 where=where, fix='e.g. \'- [Kenya, "France, Mexico"]\'')
            holders = tuple(h.strip() for n in names for h in str(n).split(",") if h.strip())
            alternatives.append(holders)
        groups.append(BracketHolders(tuple(alternatives)))
    return tuple(groups)


def read_translations(fields: Fields, owner: str) -> dict[str, TranslationSource]:
    """`translations: {fr: en@1a2b3c4d}` — each translation and the source text it was made
    from (its language and fingerprint), as `draftkit merge` and XLIFF import record it."""
    section = fields.mapping("translations", f"translations of {owner}")
    if section is None:
        return {}
    out: dict[str, TranslationSource] = {}
    for language in list(section.data):
        value = section.text(language) or ""
        source, at, fingerprint = value.partition("@")
        if not at or not source or not fingerprint.isalnum():
            raise InputError(f"translation {language!r} of {owner} is {value!r}, not SOURCE@FINGERPRINT",
                             where=section.where(language),
                             fix="leave the value draftkit wrote (e.g. en@1a2b3c4d), or delete the line")
        read_by_language({language: "x", source: "x"}, section.where(language), f"translations of {owner}")
        out[language] = TranslationSource(source, fingerprint)
    section.finish()
    return out


def read_change(item: Any, where: Location) -> ChangeRecord:
    fields = Fields(item, where, "provenance record", keys.CHANGE_RECORD)
    record = ChangeRecord(
        paragraph=ParagraphId(fields.text("paragraph") or ""),
        action=ProposalAction(fields.choice("action", ACTIONS)),
        proposal=ProposalId(fields.text("proposal") or ""),
        delegation=fields.text("delegation") or "",
        language=fields.text("language", required=False),
        subparagraph=fields.text("subparagraph", required=False),
        inserted=fields.text("inserted", required=False, default="") or "",
        deleted=fields.text("deleted", required=False, default="") or "",
    )
    fields.finish()
    return record


def missing_translations(draft: Draft, language: str) -> list[str]:
    """Ids (and sub-paragraph ids) lacking text in `language`, in reading order."""
    missing: list[str] = []
    if language not in draft.meta.title:
        missing.append("title")
    for paragraph in draft.paragraphs():
        if language not in paragraph.text or (paragraph.opening and language not in paragraph.opening):
            missing.append(paragraph.id)
        for footnote in paragraph.footnotes:
            if language not in footnote.text:
                missing.append(f"{paragraph.id}[^{footnote.key}]")
        stack = [(paragraph.id, s) for s in paragraph.subparagraphs]
        while stack:
            owner, sub = stack.pop(0)
            if language not in sub.text:
                missing.append(f"{owner}({sub.id})")
            stack.extend((f"{owner}({sub.id})", c) for c in sub.children)
    for number, annex in enumerate(draft.annexes, start=1):
        if any(language not in text for text in annex.texts()):
            missing.append(f"annex {number}")
    if draft.memorandum is not None:
        missing.extend(f"memorandum paragraph {number}" for number, text in
                       enumerate(draft.memorandum.paragraphs, start=1) if language not in text)
        if draft.memorandum.title and language not in draft.memorandum.title:
            missing.append("memorandum title")
    return missing


def require_language(draft: Draft, language: str) -> None:
    """Raise naming every id that has no text in `language`."""
    missing = missing_translations(draft, language)
    if missing:
        raise InputError(
            f"missing {language!r} translation for {len(missing)} {'item' if len(missing) == 1 else 'items'}: "
            f"{', '.join(missing)}",
            where=draft.path,
            fix=f"add '{language}: …' to each, or build another language with --lang"
            if draft.meta.is_authentic(language) else
            f"add '{language}: …' to each, or build the authentic texts alone: "
            + " ".join(f"--lang {a}" for a in draft.meta.authentic),
        )
