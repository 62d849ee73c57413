"""Write new texts of one language into a draft file in place: only the edited values
change; a paragraph taken from a clause gets an override; every other line and comment
stays. The result is loaded again and compared before anything is written.

Knows draft files as YAML layout (through `loading.yamledit`); not XLIFF, not the round.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from draftkit.errors import InputError
from draftkit.loading.yamledit import dash_line, set_keys
from draftkit.loading.yamlsource import Spanned, dump_yaml, spanned
from draftkit.model import Paragraph, TranslationSource, subparagraph_label


@dataclass(frozen=True)
class TextEdit:
    """Set item `key` of paragraph `paragraph` ('text', 'opening', 'sub/b/ii', 'footnote/crc')
    in `language` to `text`."""

    paragraph: str
    key: str
    language: str
    text: str


def _entry(path: Path, text: str, paragraph_id: str) -> Spanned:
    root = spanned(path, text)
    if root is None or root.kind != "map":
        raise InputError("a draft file is a mapping of 'key: value' lines", where=path)
    for field in ("preambular", "operative"):
        listed = root.get(field)
        for item in listed.items if listed is not None and listed.kind == "seq" else ():
            if item.kind != "map":
                continue
            named = item.get("id") or item.get("clause")
            if named is not None and named.value == paragraph_id:
                return item
    raise InputError(f"paragraph {paragraph_id!r} is not in this draft", where=path)


def _sub_node(entry: Spanned, path: list[str]) -> Spanned | None:
    node = entry
    for level, sub_id in enumerate(path, start=1):
        listed = node.get("subparagraphs")
        if listed is None or listed.kind != "seq":
            return None
        found = None
        for index, item in enumerate(listed.items):
            own = item.get("id") if item.kind == "map" else None
            if (own.value if own is not None else subparagraph_label(index, level)) == sub_id:
                found = item
        if found is None or found.kind != "map":
            return None
        node = found
    return node


def apply_text(path: Path, text: str, edit: TextEdit) -> str | None:
    """`text` with one edit made in place, |None| when the paragraph's entry does not hold
    the place to write it (a sub-paragraph or footnote that comes from a clause)."""
    entry = _entry(path, text, edit.paragraph)
    kind, _, rest = edit.key.partition("/")
    if kind in ("text", "opening"):
        holder, field = entry, kind
    elif kind == "sub":
        holder = _sub_node(entry, rest.split("/"))
        field = "text"
    else:
        notes = entry.get("footnotes")
        holder = notes.get(rest) if notes is not None and notes.kind == "map" else None
        field = None
    if holder is None:
        return None
    if field is None:  # a footnote: {en: …, fr: …}
        return set_keys(text, holder, {edit.language: edit.text}) if holder.kind == "map" else None
    by_language = holder.get(field)
    if by_language is None:
        return set_keys(text, holder, {field: {edit.language: edit.text}})
    if by_language.kind != "map":
        return None
    return set_keys(text, by_language, {edit.language: edit.text})


def set_source(path: Path, text: str, paragraph_id: str, sources: dict[str, TranslationSource]) -> str:
    """`text` with the paragraph's `translations:` record set to `sources`."""
    entry = _entry(path, text, paragraph_id)
    value = {lang: f"{s.language}@{s.fingerprint}" for lang, s in sorted(sources.items())} or None
    return set_keys(text, entry, {"translations": value})


def replace_entry(path: Path, text: str, paragraph: Paragraph) -> str:
    """`text` with the paragraph's whole entry written out inline (when an edit cannot be
    made in place); the comment lines above it stay."""
    from draftkit.loading.serialize import paragraph_data

    entry = _entry(path, text, paragraph.id)
    rows = text.splitlines(keepends=True)
    first = dash_line(rows, entry)
    last = entry.last_line() + 1
    indent = " " * (len(rows[first]) - len(rows[first].lstrip(" ")))
    newline = "\r\n" if "\r\n" in text else "\n"
    block = "".join(indent + line + newline for line in dump_yaml([paragraph_data(paragraph)]).splitlines())
    return "".join(rows[:first]) + block + "".join(rows[last:])
