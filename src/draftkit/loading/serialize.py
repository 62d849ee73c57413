"""Draft → plain data for YAML: the next version as a self-contained snapshot.

Every paragraph is written inline (no clause references) with explicit sub-paragraph
ids, so later versions keep stable ids; provenance is written in the shape
`loading.draft.read_change` reads. Knows no merge rules, no Word.
"""

from __future__ import annotations

from typing import Any

from draftkit.loading.yamlsource import dump_yaml
from draftkit.model import ChangeRecord, Draft, DraftMeta, Paragraph, SubParagraph


def dump_draft(draft: Draft, header: str = "") -> str:
    """Return the YAML text of `draft` (a comment `header` first, when given)."""
    comment = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return comment + dump_yaml(draft_data(draft))


def draft_data(draft: Draft) -> dict[str, Any]:
    """Return `draft` as plain dicts and lists, keys in the order people read them."""
    data = meta_data(draft.meta)
    data["preambular"] = [paragraph_data(p) for p in draft.preambular]
    data["operative"] = [paragraph_data(p) for p in draft.operative]
    if draft.provenance:
        data["provenance"] = [change_data(c) for c in draft.provenance]
    return data


def meta_data(meta: DraftMeta) -> dict[str, Any]:
    data: dict[str, Any] = {"version": meta.version, "date": meta.date.isoformat(), "body": meta.body.value,
                            "session": meta.session}
    if meta.symbol:
        data["symbol"] = meta.symbol
    data["languages"] = list(meta.languages)
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
    return data


def paragraph_data(paragraph: Paragraph) -> dict[str, Any]:
    data: dict[str, Any] = {"id": paragraph.id}
    if paragraph.opening:
        data["opening"] = dict(paragraph.opening)
    data["text"] = dict(paragraph.text)
    if paragraph.subparagraphs:
        data["subparagraphs"] = [sub_data(s) for s in paragraph.subparagraphs]
    if paragraph.footnotes:
        data["footnotes"] = {f.key: dict(f.text) for f in paragraph.footnotes}
    if paragraph.tags:
        data["tags"] = list(paragraph.tags)
    if paragraph.source:
        data["source"] = paragraph.source
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
