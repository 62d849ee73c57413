"""Line-exact edits of YAML text: set or remove keys of one mapping, keeping every other
line, comment and the file's line ends. Offsets come from `yamlsource.spanned`; values are
written on one line (`yamlsource.inline_yaml`). Knows YAML layout, not what the keys mean.
"""

from __future__ import annotations

from draftkit.loading.yamlsource import Spanned


def set_keys(text: str, node: Spanned, values: dict[str, object | None], *, order: tuple[str, ...] = ()) -> str:
    """Return `text` with the mapping `node` holding `values` (|None| removes a key): a
    present key gets the new value in place, a new one goes after the mapping's last line
    (or, in a `{…}` mapping, in `order`)."""
    if node.flow:
        return _set_flow(text, node, values, order)
    return _set_block(text, node, values)


def dash_line(rows: list[str], node: Spanned) -> int:
    """The line of the '- ' that opens the list item whose value starts at `node`."""
    return dash_line_at(rows, node.line, node.column)


def dash_line_at(rows: list[str], line: int, column: int) -> int:
    """The line of the '- ' that opens the list item whose value starts at (0-based) `line`, `column`."""
    while line > 0 and not rows[line][:column].rstrip().endswith("-"):
        line -= 1
    return line


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _set_flow(text: str, node: Spanned, values: dict[str, object | None], order: tuple[str, ...]) -> str:
    """A flow mapping (`{proposal: X, decision: Y}`) is written again whole, keys in order."""
    from draftkit.loading.yamlsource import inline_yaml

    current: dict[str, object] = {}
    for name, _, value in node.entries:
        current[name] = text[value.start:value.end]
    parts = []
    for name in dict.fromkeys([*current, *(k for k in [*order, *values] if k not in current and k in values)]):
        if name in values:
            if values[name] is None:
                continue
            parts.append(f"{name}: {inline_yaml(values[name])}")
        else:
            parts.append(f"{name}: {current[name]}")
    return text[: node.start] + "{" + ", ".join(parts) + "}" + text[node.end :]


def _set_block(text: str, node: Spanned, values: dict[str, object | None]) -> str:
    """Edit a block mapping key by key, from the last edit to the first so offsets stay valid."""
    from draftkit.loading.yamlsource import inline_yaml

    rows = _lines(text)
    starts = _line_starts(rows)
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in characters
    present = {name: (key, value) for name, key, value in node.entries}
    newline = "\r\n" if "\r\n" in text else "\n"
    for name, value in values.items():
        if name in present:
            key, old = present[name]
            if value is None:  # the key's lines go
                edits.append((starts[key.line], starts[old.last_line() + 1], ""))
            elif old.kind == "scalar" or old.flow:
                # a block scalar ('>-' then lines) ends at the next line's start: keep a line end
                block = old.end_column == 0 and old.end_line > old.line
                edits.append((old.start, old.end, inline_yaml(value) + (newline if block else "")))
            else:  # a block mapping (text: / en: …) becomes one line
                edits.append((starts[key.line], starts[old.last_line() + 1],
                              f"{' ' * key.column}{name}: {inline_yaml(value)}{newline}"))
        elif value is not None:
            at = starts[node.last_line() + 1]
            prefix = "" if at == 0 or text[at - 1] in "\r\n" else newline
            edits.append((at, at, f"{prefix}{' ' * node.column}{name}: {inline_yaml(value)}{newline}"))
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _line_starts(rows: list[str]) -> list[int]:
    starts, position = [], 0
    for row in rows:
        starts.append(position)
        position += len(row)
    starts.append(position)
    return starts
