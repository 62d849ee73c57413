"""Model values → plain data for YAML, the one writer of draftkit's files: a draft as a
self-contained snapshot (every paragraph inline, explicit sub-paragraph ids, provenance in
the shape `loading.draft.read_change` reads) or referencing its clauses; clause libraries;
contributions. Knows no merge rules, no Word.
"""

from __future__ import annotations

from typing import Any, Iterable

from draftkit.loading.yamlsource import dump_yaml
from draftkit.model import (Annex, AnnexText, Memorandum, ByLanguage, ChangeRecord, Clause, Contribution, Draft, DraftMeta,
                            Footnote, Library, Paragraph, Proposal, ProposalAction, Stage, SubParagraph)


def dump_draft(draft: Draft, header: str = "", library: Library | None = None) -> str:
    """Return the YAML text of `draft` (a comment `header` first, when given). With the
    `library` its clauses come from, a paragraph taken from a clause is written as
    `clause: ID` with only the fields that differ from the clause (see `overrides`)."""
    comment = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return comment + dump_yaml(draft_data(draft, library))


def draft_data(draft: Draft, library: Library | None = None) -> dict[str, Any]:
    """Return `draft` as plain dicts and lists, keys in the order people read them."""
    data = meta_data(draft.meta)
    data["preambular"] = [entry_data(p, library) for p in draft.preambular]
    data["operative"] = [entry_data(p, library) for p in draft.operative]
    if draft.annexes:
        data["annexes"] = [annex_data(a) for a in draft.annexes]
    if draft.memorandum is not None:
        data["memorandum"] = memorandum_data(draft.memorandum)
    if draft.provenance:
        data["provenance"] = [change_data(c) for c in draft.provenance]
    return data


def entry_data(paragraph: Paragraph, library: Library | None = None) -> dict[str, Any]:
    """One list item of a draft: `clause: ID` with its overrides when `library` holds the
    paragraph's clause, else the paragraph inline."""
    clause = library.clauses.get(paragraph.clause) if library is not None and paragraph.clause else None
    return overrides(paragraph, clause) if clause is not None else paragraph_data(paragraph)


def annex_data(annex: Annex) -> dict[str, Any]:
    """One annex as `loading.annexes` reads it: title, then paragraphs and tables in order."""
    content: list[dict[str, Any]] = []
    for item in annex.items:
        if isinstance(item, AnnexText):
            content.append({"text": dict(item.text)})
            if item.footnotes:
                content[-1]["footnotes"] = {f.key: footnote_data(f) for f in item.footnotes}
        else:
            table: dict[str, Any] = {"header_rows": item.header_rows} if item.header_rows else {}
            table.update({lang: [list(row) for row in rows] for lang, rows in item.rows.items()})
            content.append({"table": table})
    data: dict[str, Any] = {"title": dict(annex.title)}
    if content:
        data["content"] = content
    return data


def memorandum_data(memorandum: Memorandum) -> dict[str, Any]:
    """The memorandum as `loading.annexes.read_memorandum` reads it."""
    data: dict[str, Any] = {}
    if memorandum.title:
        data["title"] = dict(memorandum.title)
    if memorandum.symbol:
        data["symbol"] = memorandum.symbol
    data["paragraphs"] = [dict(text) for text in memorandum.paragraphs]
    return data


def meta_data(meta: DraftMeta) -> dict[str, Any]:
    data: dict[str, Any] = {"version": meta.version, "date": meta.date.isoformat(), "body": meta.body.value,
                            "session": meta.session}
    if meta.symbol:
        data["symbol"] = meta.symbol
    data["languages"] = list(meta.languages)
    if meta.authentic:
        data["authentic"] = list(meta.authentic)
    data["title"] = dict(meta.title)
    for key in ("committee", "authoring"):
        if getattr(meta, key):
            data[key] = dict(getattr(meta, key))
    if meta.meeting is not None:
        meeting: dict[str, Any] = {}
        if meta.meeting.place:
            meeting["place"] = dict(meta.meeting.place)
        if meta.meeting.start:
            meeting["start"] = meta.meeting.start.isoformat()
        if meta.meeting.end:
            meeting["end"] = meta.meeting.end.isoformat()
        data["meeting"] = meeting
    if meta.deadline is not None:
        data["deadline"] = meta.deadline.isoformat()
    if meta.timezone:
        data["timezone"] = meta.timezone
    if meta.author != "Co-rapporteurs":
        data["author"] = meta.author
    if meta.number_preambular:
        data["number_preambular"] = True
    if meta.merged is not None:
        data["merged"] = {"round": meta.merged.round, "from": meta.merged.source}
    if meta.revision is not None:
        data["revision"] = meta.revision
    data.update(publication_data(meta))
    return data


def publication_data(meta: DraftMeta) -> dict[str, Any]:
    """The layout keys (stage, sponsors, agenda, document, adoption, rapporteurs), as read."""
    data: dict[str, Any] = {}
    if meta.stage is not Stage.DRAFT and not (meta.stage is Stage.REVISED and meta.revision is not None):
        data["stage"] = meta.stage.value
    if meta.sponsors:
        data["sponsors"] = list(meta.sponsors)
    if meta.agenda is not None:
        data["agenda"] = {"item": meta.agenda.item, **({"title": dict(meta.agenda.title)} if meta.agenda.title else {}),
                          **({"provisional": True} if meta.agenda.provisional else {})}
    document = {k: v for k, v in (("distribution", meta.document.distribution), ("original", meta.document.original),
                                  ("job", meta.document.job)) if v}
    if document:
        data["document"] = document
    adoption = meta.adoption
    fields = {"date": adoption.date.isoformat() if adoption.date else None, "resolution": adoption.resolution,
              "meeting": adoption.meeting, "report": adoption.report, "vote": adoption.vote}
    if any(fields.values()):
        data["adoption"] = {k: v for k, v in fields.items() if v}
    if meta.rapporteurs:
        data["rapporteurs"] = [dict(r) for r in meta.rapporteurs]
    return data


def footnote_data(footnote: Footnote) -> dict[str, Any]:
    """`{source: unts, en: …, fr: …}` (the source first, when there is one)."""
    return {**({"source": footnote.source} if footnote.source else {}), **footnote.text}


def paragraph_data(paragraph: Paragraph) -> dict[str, Any]:
    data: dict[str, Any] = {"id": paragraph.id}
    if paragraph.opening:
        data["opening"] = dict(paragraph.opening)
    data["text"] = dict(paragraph.text)
    if paragraph.subparagraphs:
        data["subparagraphs"] = [sub_data(s) for s in paragraph.subparagraphs]
    if paragraph.footnotes:
        data["footnotes"] = {f.key: footnote_data(f) for f in paragraph.footnotes}
    if paragraph.tags:
        data["tags"] = list(paragraph.tags)
    if paragraph.source:
        data["source"] = paragraph.source
    if isinstance(paragraph, Paragraph):  # a clause (see clause_data) has no negotiation fields
        data.update(negotiation_data(paragraph))
    return data


def overrides(paragraph: Paragraph, clause: Clause) -> dict[str, Any]:
    """`clause: ID` and only what `paragraph` changes of its clause: the languages of an
    opening or text that differ, the sub-paragraphs or footnotes when they differ (whole),
    so a merged draft stays as short as the one it came from (inline when the clause has a
    language the paragraph has dropped, which an override cannot say)."""
    full = paragraph_data(paragraph)
    if any(lang not in paragraph.text for lang in clause.text) or any(
            lang not in paragraph.opening for lang in clause.opening):
        return full
    data: dict[str, Any] = {"clause": paragraph.clause}
    if paragraph.id != paragraph.clause:
        data["id"] = paragraph.id
    for key, mine, theirs in (("opening", paragraph.opening, clause.opening), ("text", paragraph.text, clause.text)):
        changed = {lang: value for lang, value in mine.items() if theirs.get(lang) != value}
        if changed:
            data[key] = changed
    if paragraph.subparagraphs != clause.subparagraphs:
        data["subparagraphs"] = full.get("subparagraphs", [])
    if paragraph.footnotes != clause.footnotes:
        data["footnotes"] = full.get("footnotes", {})
    if tuple(paragraph.tags) != tuple(clause.tags) and "tags" in full:
        data["tags"] = full["tags"]
    if paragraph.source != clause.source and "source" in full:
        data["source"] = full["source"]
    data.update(negotiation_data(paragraph))
    return data


def negotiation_data(paragraph: Paragraph) -> dict[str, Any]:
    """The paragraph's standing, bracket holders and translation sources (only those set)."""
    data: dict[str, Any] = {}
    if paragraph.status is not None:
        data["status"] = paragraph.status.value
    if paragraph.brackets:
        data["brackets"] = [[", ".join(holders) for holders in group.alternatives] for group in paragraph.brackets]
    if paragraph.translations:
        data["translations"] = {lang: f"{source.language}@{source.fingerprint}"
                                for lang, source in sorted(paragraph.translations.items())}
    return data


def sub_data(sub: SubParagraph) -> dict[str, Any]:
    data: dict[str, Any] = {"id": sub.id, "text": dict(sub.text)}
    if sub.children:
        data["subparagraphs"] = [sub_data(c) for c in sub.children]
    return data


def change_data(change: ChangeRecord) -> dict[str, Any]:
    data: dict[str, Any] = {"paragraph": change.paragraph, "action": change.action.value,
                            "proposal": change.proposal, "delegation": change.delegation}
    if change.language:
        data["language"] = change.language
    if change.subparagraph:
        data["subparagraph"] = change.subparagraph
    if change.inserted:
        data["inserted"] = change.inserted
    if change.deleted:
        data["deleted"] = change.deleted
    return data


# --- clause libraries, drafts by reference, contributions -----------------------------


def clause_data(clause: Clause) -> dict[str, Any]:
    """Return one clause-library entry as plain data, keys in the order people read them."""
    data = paragraph_data(clause)  # type: ignore[arg-type]  # a clause has a paragraph's fields, and a kind
    return {"id": data.pop("id"), "kind": clause.kind.value, **data}


def library_data(name: str, description: str, clauses: Iterable[Clause]) -> dict[str, Any]:
    """Return a clause library file (`clauses/*.yaml`) as plain data."""
    return {"library": name, "description": description, "clauses": [clause_data(c) for c in clauses]}


def referencing_draft_data(draft: Draft) -> dict[str, Any]:
    """Return `draft` as plain data where paragraphs taken from a clause are written as
    `{clause: ID}` references (the clause library holds their text); others inline."""
    data = meta_data(draft.meta)
    for key, paragraphs in (("preambular", draft.preambular), ("operative", draft.operative)):
        data[key] = [{"clause": p.clause, **negotiation_data(p)} if p.clause and p.clause == p.id else paragraph_data(p)
                     for p in paragraphs]
    if draft.annexes:
        data["annexes"] = [annex_data(a) for a in draft.annexes]
    if draft.memorandum is not None:
        data["memorandum"] = memorandum_data(draft.memorandum)
    return data


def contribution_data(contribution: Contribution) -> dict[str, Any]:
    """Return a contribution file as plain data (the shape `loading.contributions` reads)."""
    language = contribution.language
    data: dict[str, Any] = {"delegation": contribution.delegation,
                            "submitted_at": contribution.submitted_at.isoformat(timespec="seconds"),
                            "responds_to": contribution.responds_to}
    if language:
        data["language"] = language
    data["proposals"] = [proposal_data(p, language) for p in contribution.proposals]
    return data


def proposal_data(proposal: Proposal, language: str | None = None) -> dict[str, Any]:
    """Return one proposal as plain data; text in `language` (the contribution's) is written
    as a plain string, other text per language."""
    action = proposal.action
    data: dict[str, Any] = {"id": proposal.id, "action": action.value}
    if proposal.language and proposal.language != language:
        language = proposal.language
        data["language"] = language
    if proposal.target:
        data["target"] = proposal.target
    if proposal.position is not None:
        where = proposal.position
        data["position"] = "end" if where.where == "at-end" else {where.where: where.reference}
    if action is ProposalAction.AMEND_TEXT:
        if proposal.old is not None and proposal.new is not None:
            data["old"], data["new"] = proposal.old, proposal.new
        else:
            data["old"] = _in_language(proposal.old_by_language, language)
            data["new"] = _in_language(proposal.new_by_language, language)
    elif action is ProposalAction.REPLACE_TEXT:
        data["text"] = _in_language(proposal.new_by_language, language)
    elif action is ProposalAction.NEW_PARAGRAPH and proposal.paragraph is not None:
        paragraph = paragraph_data(proposal.paragraph)
        data["paragraph"] = {"id": paragraph.pop("id"), "kind": proposal.paragraph.kind.value, **paragraph}
    elif action is ProposalAction.ADD_SUBPARAGRAPH and proposal.subparagraph is not None:
        data["text"] = _in_language(proposal.subparagraph.text, language)
        if proposal.subparagraph.id:
            data["new_id"] = proposal.subparagraph.id
    if proposal.justification:
        data["justification"] = proposal.justification
    return data


def _in_language(text: ByLanguage, language: str | None) -> str | dict[str, str]:
    """A plain string when `text` is in `language` alone, else `{lang: text}`."""
    if language is not None and set(text) == {language}:
        return text[language]
    return dict(text)
