"""Read the paragraph-shaped YAML shared by clause libraries, drafts and contributions:
opening, text, sub-paragraphs and footnotes, each per language.
"""

from __future__ import annotations

from typing import Any

from draftkit.errors import InputError, Location
from draftkit.inline import footnote_keys
from draftkit.loading import keys
from draftkit.loading.fields import Fields, read_by_language
from draftkit.model import Footnote, SubParagraph, subparagraph_label

MAX_SUB_LEVELS = 2


def read_subparagraphs(fields: Fields, owner: str, level: int = 1) -> tuple[SubParagraph, ...]:
    """Read `subparagraphs:`, two levels at most: (a), (b)… then (i), (ii)…."""
    out: list[SubParagraph] = []
    seen: dict[str, Location] = {}
    for index, (item, where) in enumerate(fields.items("subparagraphs")):
        label = subparagraph_label(index, level)
        sub = Fields(item, where, f"sub-paragraph ({label}) of {owner}", keys.SUBPARAGRAPH)
        sub_id = sub.text("id", required=False) or label
        if sub_id in seen:
            raise InputError(
                f"sub-paragraph id {sub_id!r} of {owner} is used twice (first at line {seen[sub_id].line})",
                where=where,
                fix="give each sub-paragraph its own id",
            )
        seen[sub_id] = where
        text = sub.by_language("text")
        children: tuple[SubParagraph, ...] = ()
        if sub.has("subparagraphs"):
            if level >= MAX_SUB_LEVELS:
                raise InputError(
                    f"sub-paragraph ({label}) of {owner} nests a third level",
                    where=sub.where("subparagraphs"),
                    fix="resolutions use two levels: (a) then (i)",
                )
            children = read_subparagraphs(sub, f"{owner} ({label})", level + 1)
        sub.finish()
        out.append(SubParagraph(id=sub_id, text=text, children=children, location=where))
    return tuple(out)


def read_footnotes(fields: Fields, owner: str) -> tuple[Footnote, ...]:
    """Read `footnotes: {key: {en: …, fr: …}}`."""
    section = fields.raw("footnotes")
    if section is None:
        return ()
    where = fields.where("footnotes")
    if not isinstance(section, dict):
        raise InputError(
            f"footnotes of {owner} must map a key to its text per language, e.g. 'crc: {{en: …}}'",
            where=where,
        )
    out = []
    for key, value in section.items():
        at = section.where(key) if hasattr(section, "where") else where
        source = None
        if isinstance(value, dict) and "source" in value:
            source = Fields(value, at, f"footnote {key!r} of {owner}", keys.FOOTNOTE).text("source")
            value = _without(value, "source")
        out.append(Footnote(key=str(key), text=read_by_language(value, at, f"footnote {key!r} of {owner}"),
                            location=at, source=source))
    return tuple(out)


def _without(mapping: dict, key: str) -> dict:
    """`mapping` less `key`, keeping where each remaining key was written."""
    out = type(mapping)({k: v for k, v in mapping.items() if k != key})
    for name in ("location", "key_locations"):
        if hasattr(mapping, name):
            setattr(out, name, getattr(mapping, name))
    return out


def check_footnote_calls(owner: str, where: Location, footnotes: tuple[Footnote, ...], texts: list[dict[str, str]]) -> None:
    """Every `[^key]` call names a footnote of the paragraph, and every footnote is called."""
    keys = {f.key for f in footnotes}
    called: set[str] = set()
    for by_lang in texts:
        for lang, text in by_lang.items():
            for key in footnote_keys(text):
                if key not in keys:
                    raise InputError(
                        f"{owner} calls footnote [^{key}] in {lang!r} but defines no footnote {key!r}",
                        where=where,
                        fix=f"add '{key}:' under footnotes" if not keys else f"defined: {', '.join(sorted(keys))}",
                    )
                called.add(key)
    for footnote in footnotes:
        if footnote.key not in called:
            raise InputError(
                f"footnote {footnote.key!r} of {owner} is never called",
                where=footnote.location or where,
                fix=f"put [^{footnote.key}] in the text where its number should appear",
            )


def all_texts(text: dict[str, str], subs: tuple[SubParagraph, ...]) -> list[dict[str, str]]:
    """The paragraph text and every sub-paragraph text, for scanning calls."""
    out = [dict(text)]
    for sub in subs:
        out.extend(all_texts(dict(sub.text), sub.children))
    return out


def lead_text(fields: Fields, owner: str, opening: dict[str, str], subs: tuple[SubParagraph, ...]) -> dict[str, str]:
    """The paragraph's `text:`; it may be left out when sub-paragraphs carry the words.

    "*Decides*:" followed by (a), (b)… is a paragraph with an opening and no text of its
    own: its text is then '' in each language its opening (or first sub-paragraph) has.
    """
    if fields.has("text") or not subs:
        return fields.by_language("text")
    languages = opening or subs[0].text
    return {lang: "" for lang in languages}


def is_mapping(value: Any) -> bool:
    return isinstance(value, dict)
