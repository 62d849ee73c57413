"""Write the next version of a draft as an edit of the previous version's file: what did
not change keeps its lines byte for byte (comments, flow mappings, folded text, blank
lines, line ends), what changed is rewritten key by key, new paragraphs are written
where they go, and the opening comment block is replaced by one that describes the new
version. `merge` writes its draft this way, so a hand-written draft of 29 lines does
not come back as 156 lines of inline text without its comments.

Knows draft files as YAML layout (through `loading.yamlsource`, `loading.yamledit` and
the list layout `edit` splices by); what each key means comes from `loading.serialize`.
The caller loads the result and compares it with the draft it meant to write.
"""

from __future__ import annotations

import re
from itertools import accumulate
from pathlib import Path
from typing import Any

from draftkit.edit import _layout, _Lines
from draftkit.errors import DraftkitError
from draftkit.loading.serialize import annex_data, change_data, entry_data, meta_data
from draftkit.loading.yamledit import set_keys
from draftkit.loading.yamlsource import Spanned, dump_yaml, inline_yaml, spanned
from draftkit.model import Draft, Kind, Library, Paragraph
from draftkit.versions import fresh_header

#: What YAML also reads as line breaks: the located lines would no longer be the file's.
_BREAKS = ("\x85", "\u2028", "\u2029")
#: Scalars written bare in place (the loader reads dates as text): no quotes to add.
_BARE = re.compile(r"-?\d+|\d{4}-\d\d-\d\d(?:T[0-9:.]+(?:Z|[+-]\d\d:\d\d)?)?")


def redraft(text: str, path: Path, before: Draft, after: Draft, header: str, library: Library) -> str | None:
    """`text` (the file of `before`) edited to hold `after`, headed by `header`; |None|
    when the file is laid out in a way these edits do not follow (a list written
    `[…]`, lone CR line ends, a line break of YAML's that is not one of the file's lines:
    U+0085, U+2028, U+2029, quoted in a text): the caller then writes the draft afresh."""
    if text.count("\r") != text.count("\r\n") or any(mark in text for mark in _BREAKS):
        return None
    text = text.removeprefix("\ufeff")  # a byte-order mark (Notepad's): the new file goes without
    newline = "\r\n" if "\r\n" in text else "\n"
    unended = bool(text) and not text.endswith("\n")  # the last line's edits need its line end
    text += newline if unended else ""
    try:
        for kind in (Kind.OPERATIVE, Kind.PREAMBULAR):  # the lists first: top-level keys are found again after
            edited = _list(text, path, kind, before, after, library)
            if edited is None:
                return None
            text = edited
        text = _top_level(text, path, _top(before), _top(after))
    except DraftkitError:
        return None
    if text is None:
        return None
    text = fresh_header(text, header)
    return text.removesuffix(newline) if unended else text  # no line end after the last line, as before


# --- the paragraph lists -----------------------------------------------------------------


def _list(text: str, path: Path, kind: Kind, before: Draft, after: Draft, library: Library) -> str | None:
    """`text` with the `kind` list holding `after`'s paragraphs: an unchanged paragraph's
    lines as they were (with the comments above it), a changed one edited, a new one
    written in the list's indentation; removed ones go with their comments."""
    old = before.preambular if kind is Kind.PREAMBULAR else before.operative
    new = after.preambular if kind is Kind.PREAMBULAR else after.operative
    lines = _Lines(text)
    layout = _layout(lines, path, kind)
    if len(layout.items) != len(old) or not layout.items or not new:
        return None if old != new else text
    rows = lines.lines
    newline = lines.newline
    spacer = newline if layout.spaced else ""
    kept: dict[str, tuple[str, str, Paragraph]] = {}  # id → (lines between it and the one above, its lines, paragraph)
    for index, (item, paragraph) in enumerate(zip(layout.items, old)):
        gap = "".join(rows[layout.items[index - 1].end:item.lead]) if index else ""
        kept[paragraph.id] = (gap, "".join(rows[item.lead:item.end]), paragraph)
    written = []
    for position, paragraph in enumerate(new):
        entry = entry_data(paragraph, library)
        if paragraph.id in kept:
            gap, body, was = kept[paragraph.id]
            if was != paragraph:
                body = _edited(body, layout.dash_column, entry_data(was, library), entry)
                if body is None:
                    body = _leading_comments(kept[paragraph.id][1]) + _item(entry, layout.dash_column, newline)
            gap = gap if position and gap else (spacer if position else "")
        else:
            gap, body = (spacer if position else ""), _item(entry, layout.dash_column, newline)
        if not body.endswith("\n"):
            body += newline
        written.append(gap + body)
    start, end = layout.items[0].lead, layout.items[-1].end
    tail = "".join(rows[end:])
    block = "".join(written)
    if not tail and not rows[end - 1].endswith("\n"):  # the file ended without a line end: so does the edit
        block = block.removesuffix(newline)
    return "".join(rows[:start]) + block + tail


def _item(entry: dict[str, Any], column: int, newline: str) -> str:
    """One list item ('- clause: …') written afresh at `column`."""
    return "".join(" " * column + line + newline for line in dump_yaml([entry]).splitlines())


def _leading_comments(body: str) -> str:
    lines = body.splitlines(keepends=True)
    count = 0
    while count < len(lines) and lines[count].lstrip().startswith("#"):
        count += 1
    return "".join(lines[:count])


def _edited(body: str, column: int, was: dict[str, Any], now: dict[str, Any]) -> str | None:
    """An item's lines with the keys that differ between `was` and `now` rewritten;
    |None| when the item is written in another form (`id:` where `clause:` is meant now)."""
    indent = " " * column
    lines = body.splitlines(keepends=True)
    if any(line.strip() and not line.startswith(indent) for line in lines):
        return None
    text = "".join(line[column:] if line.strip() else line for line in lines)
    node = _item_node(text)
    if node is None or ("clause" in now) != (node.get("clause") is not None):
        return None
    for key in dict.fromkeys([*was, *now]):
        if was.get(key) != now.get(key):
            text = _put(text, (), key, now.get(key), was.get(key), _item_node)
    return "".join(indent + line if line.strip() else line for line in text.splitlines(keepends=True))


def _item_node(text: str) -> Spanned | None:
    root = spanned(Path("item.yaml"), text)
    if root is None or root.kind != "seq" or len(root.items) != 1 or root.items[0].kind != "map":
        return None
    return root.items[0]


# --- top-level keys ----------------------------------------------------------------------


def _top(draft: Draft) -> dict[str, Any]:
    """The draft's top-level keys as the serializer writes them, lists left out."""
    data = meta_data(draft.meta)
    if draft.annexes:
        data["annexes"] = [annex_data(a) for a in draft.annexes]
    if draft.provenance:
        data["provenance"] = [change_data(c) for c in draft.provenance]
    return data


def _top_level(text: str, path: Path, was: dict[str, Any], now: dict[str, Any]) -> str:
    """`text` with each top-level key that differs set, removed or added (after the key
    that comes before it in the serializer's order, so `merged:` joins the other keys).
    One parse for all of them (the file may be long: provenance), edits made from the
    last to the first; a mapping edited key by key (a title changed) is done after."""
    lists = ("preambular", "operative", "annexes", "provenance")
    order = [*(key for key in now if key not in lists), *lists]
    root = _root(text)
    present = {name: value for name, _, value in root.entries}
    edits: list[tuple[int, int, int, str]] = []  # start, end, order, replacement
    nested = []
    for key in dict.fromkeys([*was, *now]):
        value, before = now.get(key), was.get(key)
        if value == before:
            continue
        if isinstance(value, dict) and isinstance(before, dict) and key in present and present[key].kind == "map":
            nested.append(key)
            continue
        earlier = order[:order.index(key)] if key in order else order
        after = next((name for name in reversed(earlier) if name in present), None)
        start, stop, replacement = _edit(text, root, key, value, after)
        edits.append((start, stop, len(edits), replacement))
    for start, stop, _, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[stop:]
    for key in nested:
        text = _put(text, (), key, now[key], was[key], _root)
    return text


def _root(text: str) -> Spanned:
    root = spanned(Path("draft.yaml"), text)
    if root is None or root.kind != "map":
        raise _Unfollowed()
    return root


class _Unfollowed(DraftkitError):
    """The file is laid out in a way the edit does not follow (the caller writes afresh)."""

    def __init__(self) -> None:
        super().__init__("layout not followed")


# --- one key ----------------------------------------------------------------------------


def _put(text: str, at: tuple[str, ...], key: str, value: Any, was: Any, locate: Any) -> str:
    """`text` with `key` of the mapping at `at` (keys from the node `locate(text)` gives)
    set to `value` (|None| removes it). Mappings of texts are edited language by language;
    the rest as `_edit` says."""
    mapping = _at(locate(text), at)
    node = mapping.get(key)
    if mapping.flow:
        return text if value is None and node is None else set_keys(text, mapping, {key: value})
    if isinstance(value, dict) and isinstance(was, dict) and node is not None and node.kind == "map":
        for name in dict.fromkeys([*was, *value]):
            if was.get(name) != value.get(name):
                text = _put(text, (*at, key), name, value.get(name), was.get(name), locate)
        return text
    start, stop, replacement = _edit(text, mapping, key, value)
    return text[:start] + replacement + text[stop:]


def _at(node: Spanned | None, keys: tuple[str, ...]) -> Spanned:
    for key in keys:
        node = node.get(key) if node is not None and node.kind == "map" else None
    if node is None or node.kind != "map":
        raise _Unfollowed()
    return node


def _bare(value: Any) -> str:
    """`value` as a scalar written in place: numbers and dates bare, short texts as YAML
    writes them on one line; '' when it needs a block."""
    if isinstance(value, bool) or isinstance(value, (dict, list)):
        return ""
    text = str(value)
    if isinstance(value, int) or _BARE.fullmatch(text):
        return text
    return "" if len(text) > 60 else dump_yaml(value).removesuffix("\n").removesuffix("\n...").strip()


def _edit(text: str, mapping: Spanned, key: str, value: Any, after: str | None = None) -> tuple[int, int, str]:
    """The edit (start, end, replacement) that sets `key` of the block `mapping`: |None|
    takes the key's lines out; a scalar on one line is replaced where it stands (a comment
    after it stays); anything else is dumped as a block in place of the key's lines, or
    after `after`'s (else the mapping's last) line, at the indentation of its keys."""
    starts = [0, *accumulate(len(row) + 1 for row in text.split("\n"))]
    line_start = lambda line: starts[line] if line < len(starts) else len(text)  # noqa: E731
    present = {name: (k, v) for name, k, v in mapping.entries}
    name_node, node = present.get(key, (None, None))
    if value is None:
        if name_node is None or node is None:
            return 0, 0, ""
        return line_start(name_node.line), line_start(node.last_line() + 1), ""
    if node is not None and node.kind == "scalar" and node.line == node.end_line and _bare(value):
        return node.start, node.end, _bare(value)
    newline = "\r\n" if "\r\n" in text else "\n"
    column = mapping.entries[0][1].column if mapping.entries else mapping.column
    short = _one_line(key, value, column)
    dumped = [short] if short else dump_yaml({key: value}).splitlines()
    block = "".join(" " * column + line + newline for line in dumped)
    if name_node is not None and node is not None:
        return line_start(name_node.line), line_start(node.last_line() + 1), block
    anchor = present[after][1] if after in present else mapping
    at = line_start(anchor.last_line() + 1)
    if at == len(text) and text and not text.endswith("\n"):
        block = newline + block
    return at, at, block


def _one_line(key: str, value: Any, column: int) -> str:
    """`key: {a: x, b: y}` on one line when `value` maps names to short scalars and the
    line fits in 88 columns (as drafters write `opening:` and `translations:`); '' else."""
    if not isinstance(value, dict) or not value or any(isinstance(v, (dict, list)) for v in value.values()):
        return ""
    line = f"{key}: {{" + ", ".join(f"{inline_yaml(k)}: {inline_yaml(v)}" for k, v in value.items()) + "}"
    return line if column + len(line) <= 88 else ""
