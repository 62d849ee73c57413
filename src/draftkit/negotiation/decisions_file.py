"""The decisions file as text: rewritten around what the co-rapporteurs typed, never over it.

`draftkit decide` regenerates the context lines (those starting with `##`) and keeps every
list item and every comment of the user's byte for byte; it edits one item's keys in place
to record a decision. Knows YAML layout (through `loading.yamlsource`), not the round.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from draftkit.errors import InputError
from draftkit.loading.yamledit import dash_line_at, set_keys
from draftkit.loading.yamlsource import inline_yaml, spanned

#: Lines draftkit writes and rewrites; a user's own comments start with a single '#'.
GENERATED = "##"


@dataclass(frozen=True)
class Item:
    """One list item of the file: the proposal it decides (|None| when it names none), its
    lines as written, and the user's comment lines that lead to it."""

    proposal: str | None
    lines: tuple[str, ...]
    lead: tuple[str, ...] = ()


@dataclass(frozen=True)
class Layout:
    """A decisions file taken apart: the user's header comments, the items, and what follows them."""

    header: tuple[str, ...]
    items: tuple[Item, ...]
    tail: tuple[str, ...]
    newline: str = "\n"


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _is_generated(line: str) -> bool:
    return line.lstrip().startswith(GENERATED)


def _is_user_comment(line: str) -> bool:
    stripped = line.lstrip()
    return stripped.startswith("#") and not stripped.startswith(GENERATED)


def read_layout(path: Path, text: str, starts: list[tuple[int, int, str]]) -> Layout:
    """Take the file apart; `starts` gives each list item's (0-based line, column, proposal),
    as the located loader read them (the file is valid: `load_decisions` read it first).
    Raises `InputError` for a file not written as a list: `decide` edits the list form."""
    newline = "\r\n" if "\r\n" in text else "\n"
    rows = _lines(text)
    first_line = next((r.strip() for r in rows if r.strip() and not r.lstrip().startswith("#")), "-")
    if not first_line.startswith("-"):
        raise InputError("draftkit decide edits a decisions file written as a list ('- proposal: …' lines)",
                         where=path, fix="turn 'decisions:' into the file's top-level list (drop 'round:'), "
                                         "or write one '- proposal: …' item per line")
    items: list[Item] = []
    header: list[str] = []
    cursor = 0
    dashes = [dash_line_at(rows, line, column) for line, column, _ in starts]
    for index, (line, column, proposal) in enumerate(starts):
        first = dashes[index]
        limit = dashes[index + 1] if index + 1 < len(dashes) else len(rows)
        last = _item_end(rows, first, limit)
        gap = rows[cursor:first]
        if index == 0:
            # The file's own comments: all but the stretch right above the first item (after
            # the last blank line), which is that item's; in a file draftkit never wrote,
            # every comment above the first item is the file's.
            blanks = [i for i, row in enumerate(gap) if not row.strip()]
            split = blanks[-1] + 1 if blanks and any(_is_generated(r) for r in gap) else len(gap)
            header = [row for row in gap[:split] if _is_user_comment(row)]
            gap = gap[split:]
        lead = tuple(row for row in gap if _is_user_comment(row))
        items.append(Item(proposal, tuple(rows[first:last]), lead))
        cursor = last
    rest = rows[cursor:]
    if not starts:
        header, rest = [r for r in rest if _is_user_comment(r)], []
    tail = tuple(row for row in rest if _is_user_comment(row))
    return Layout(tuple(header), tuple(items), tail, newline)


def _item_end(rows: list[str], first: int, limit: int) -> int:
    """One past the item's last line: lines indented deeper than its '-' (its keys, their
    values, its own comments), blank lines only when more of it follows."""
    column = _indent(rows[first])
    end = first + 1
    probe = end
    while probe < limit:
        row = rows[probe]
        if not row.strip():
            probe += 1
            continue
        if _indent(row) <= column or _is_generated(row):
            break
        probe += 1
        end = probe
    return end


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def new_item(proposal: str, newline: str = "\n") -> tuple[str, ...]:
    """The lines of a fresh skeleton item: `- proposal: ID` / `  decision: pending`."""
    return (f"- proposal: {inline_yaml(proposal)}{newline}", f"  decision: pending{newline}")


def render(header: list[str], blocks: list[tuple[list[str], Item]], tail: list[str], newline: str) -> str:
    """Assemble a file: generated header, the user's header, then for each item its
    generated context, its user comments and its lines, and the user's closing comments."""
    out: list[str] = [line + newline for line in header]
    for context, item in blocks:
        out.append(newline)
        out.extend(line + newline for line in context)
        out.extend(item.lead)
        lines = list(item.lines)
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += newline
        out.extend(lines)
    if tail:
        out.append(newline)
        out.extend(tail)
    return "".join(out)


# --- setting one decision ------------------------------------------------------------------


@dataclass(frozen=True)
class Fields:
    """What a decision entry says besides its proposal (|None|: leave the key out)."""

    decision: str
    text: dict[str, str] | None = None
    into: str | None = None
    note: str | None = None


ORDER = ("proposal", "decision", "text", "into", "note")


def set_fields(path: Path, text: str, proposal: str, wanted: Fields, *, keep_note: bool) -> str:
    """Return `text` with the item of `proposal` saying `wanted`: `decision` replaced,
    `text`/`into` set or removed as the decision needs, `note` set when given (kept when
    `keep_note`, else removed). The item's other lines and comments are kept."""
    root = spanned(path, text)
    assert root is not None and root.kind == "seq"
    node = next((n for n in root.items if n.kind == "map" and (p := n.get("proposal")) is not None
                 and p.value == proposal), None)
    if node is None:
        raise InputError(f"no entry for {proposal} in the decisions file", where=path,
                         fix="run `draftkit decide` to write the skeleton first")
    values: dict[str, object | None] = {"decision": wanted.decision, "text": wanted.text, "into": wanted.into}
    if wanted.note is not None or not keep_note:
        values["note"] = wanted.note
    return set_keys(text, node, values, order=ORDER)
