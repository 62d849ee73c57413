"""Add, move and remove paragraphs of a draft file in place, keeping every comment and
byte the user wrote outside the edited lines.

The located YAML reader (`loading.yamlsource`) says where each list item starts; the
edit itself splices whole lines, because re-dumping (even with a round-trip YAML
library) re-indents a hand-written file. The result is reloaded with the normal loader
and checked before it replaces the file atomically.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from draftkit.errors import DraftkitError, InputError, Location, UnknownReference, UsageError
from draftkit.files import Snapshot, changed_on_disk, read_input, snapshot, write_atomic
from draftkit.inline import crossref_targets
from draftkit.loading import Project, load_draft
from draftkit.versions import version_to_edit
from draftkit.loading.paragraphs import all_texts
from draftkit.loading.yamlsource import LocatedList, LocatedMap, load_yaml
from draftkit.model import Draft, Kind, Library, Paragraph, ParagraphId, Position

_PLAIN_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
#: A document's end ('...') or a next document ('---'): a list never runs past one.
_DOCUMENT_MARK = re.compile(r"(?:\.\.\.|---)(?:[ \t\r\n]|$)")
_YAML_WORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}


class EditAction(enum.Enum):
    ADD = "added"
    MOVE = "moved"
    REMOVE = "removed"


@dataclass(frozen=True)
class Renumbered:
    """A paragraph the edit did not touch whose number changed (OP4 → OP5)."""

    paragraph: ParagraphId
    old: str
    new: str


@dataclass(frozen=True)
class EditResult:
    """What an edit did to the draft file at `path`.

    `old_label` is |None| for an addition, `new_label` for a removal. `dangling` names
    paragraphs still cross-referring to a paragraph removed with `force`; `removed`
    holds the removed lines, so nothing is lost without the user seeing it.
    `changed` is False when a move left the order as it was (the file is not written).
    """

    action: EditAction
    paragraph: ParagraphId
    path: Path
    draft: Draft
    old_label: str | None
    new_label: str | None
    renumbered: tuple[Renumbered, ...] = ()
    dangling: tuple[ParagraphId, ...] = ()
    removed: str = ""
    changed: bool = True

    def summary(self) -> str:
        """Return one line such as 'added pp-x as PP4; PP4–PP11 are now PP5–PP12'."""
        if not self.changed:
            return f"{self.paragraph} is already {self.new_label}; nothing changed"
        if self.action is EditAction.ADD:
            head = f"added {self.paragraph} as {self.new_label}"
        elif self.action is EditAction.MOVE:
            head = f"moved {self.paragraph} from {self.old_label} to {self.new_label}"
        else:
            head = f"removed {self.paragraph} (was {self.old_label})"
        return "; ".join([head, *_runs(self.renumbered)])


# --- the three edits ---------------------------------------------------------------------


def add_paragraph(
    target: Path,
    clause_id: str,
    position: Position,
    *,
    kind: Kind | None = None,
    new_id: str | None = None,
    new_version: bool = False,
) -> EditResult:
    """Insert `clause: CLAUSE_ID` at `position` in the latest draft of the project at `target`.

    Refused when the clause (or `new_id`) is already in the draft, when `kind` or the
    position's paragraph is of the other kind, when the result would not load, or when
    contributions respond to that version (`new_version` writes the edit as the next one).
    """
    with version_to_edit(target, new_version) as (project, draft):
        return _add(project, draft, clause_id, position, kind, new_id)


def _add(project: Project, draft: Draft, clause_id: str, position: Position, kind: Kind | None,
         new_id: str | None) -> EditResult:
    clause = project.library.get(clause_id)
    if kind is not None and kind is not clause.kind:
        raise InputError(
            f"clause {clause_id!r} is {clause.kind.value}, not {kind.value}",
            fix=f"use --kind {clause.kind.value}, or choose an {kind.value} clause (`draftkit clauses --kind {kind.value}`)",
        )
    labels = draft.labels()
    paragraph_id = ParagraphId(new_id or clause_id)
    if new_id is not None and not _PLAIN_ID.fullmatch(new_id):
        raise UsageError(f"--id {new_id!r} is not a usable id", fix="use letters, digits, '-', '_' and '.'")
    taken = draft.by_id().get(paragraph_id)
    if taken is not None:
        raise InputError(
            f"{paragraph_id!r} is already in draft {draft.meta.version} as {labels[taken.id]}",
            where=taken.location,
            fix="give the copy its own id with --id NEW_ID",
        )
    if new_id is None:
        user = next((p for p in draft.paragraphs() if p.clause == clause.id), None)
        if user is not None:
            raise InputError(
                f"clause {clause_id!r} is already in draft {draft.meta.version} as {labels[user.id]} ({user.id})",
                where=user.location,
                fix="give the copy its own id with --id NEW_ID",
            )
    sequence = _sequence(draft, clause.kind)
    slot = _slot(draft, sequence, clause.kind, position, f"clause {clause_id!r}")
    entry = [f"id: {_scalar(paragraph_id)}", f"clause: {_scalar(clause_id)}"] if new_id else [f"clause: {_scalar(clause_id)}"]
    text, before = _read(draft, project.library)
    edited = _insert_entry(text, draft.path, clause.kind, slot, entry)  # type: ignore[arg-type]
    order = [p.id for p in sequence]
    order.insert(slot.index, paragraph_id)
    after = _commit(draft, project.library, edited, clause.kind, order, before)
    return _result(EditAction.ADD, paragraph_id, draft, after)


def move_paragraph(target: Path, reference: str, position: Position, *, new_version: bool = False) -> EditResult:
    """Move the paragraph `reference` (an id or a number such as OP7) to `position`.

    Both are read in the numbers the latest draft shows now. A paragraph keeps its kind:
    a move across preambular and operative is refused; so is moving in a version
    contributions respond to (`new_version` writes the move as the next version).
    """
    with version_to_edit(target, new_version) as (project, draft):
        return _move(project, draft, reference, position)


def _move(project: Project, draft: Draft, reference: str, position: Position) -> EditResult:
    paragraph = _paragraph(draft, reference)
    sequence = _sequence(draft, paragraph.kind)
    old_index = sequence.index(paragraph)
    slot = _slot(draft, sequence, paragraph.kind, position, f"{paragraph.id} ({draft.label(paragraph.id)})")
    order = [p.id for p in sequence]
    order.remove(paragraph.id)
    index = slot.index - (1 if slot.index > old_index else 0)
    order.insert(index, paragraph.id)
    if order == [p.id for p in sequence]:
        label = draft.label(paragraph.id)
        return EditResult(EditAction.MOVE, paragraph.id, draft.path, draft, label, label, changed=False)  # type: ignore[arg-type]
    text, before = _read(draft, project.library)
    lines = _Lines(text)
    layout = _layout(lines, draft.path, paragraph.kind)  # type: ignore[arg-type]
    block = lines.cut(layout, old_index)
    layout = _layout(lines, draft.path, paragraph.kind)  # type: ignore[arg-type]
    _place(lines, layout, _Slot(index, slot.where), block)
    after = _commit(draft, project.library, lines.text(), paragraph.kind, order, before)
    return _result(EditAction.MOVE, paragraph.id, draft, after)


def remove_paragraph(target: Path, reference: str, *, force: bool = False, new_version: bool = False) -> EditResult:
    """Remove the paragraph `reference` from the latest draft.

    Refused while other paragraphs cross-refer to it (`{ref:ID}`, `{num:ID}`) unless
    `force`; the result then names them in `dangling` and the draft will not build
    until they are edited. Refused in a version contributions respond to unless
    `new_version` (the removal is then written as the next version).
    """
    with version_to_edit(target, new_version) as (project, draft):
        return _remove(project, draft, reference, force)


def _remove(project: Project, draft: Draft, reference: str, force: bool) -> EditResult:
    paragraph = _paragraph(draft, reference)
    labels = draft.labels()
    referrers = tuple(p.id for p in draft.paragraphs() if p.id != paragraph.id and _refers_to(p, paragraph.id))
    if referrers and not force:
        named = ", ".join(f"{labels[r]} ({r})" for r in referrers)
        raise InputError(
            f"{labels[paragraph.id]} ({paragraph.id}) is cross-referenced by {named}",
            where=paragraph.location,
            fix="edit those references first, or remove it anyway with --force",
        )
    sequence = _sequence(draft, paragraph.kind)
    index = sequence.index(paragraph)
    text, before = _read(draft, project.library)
    lines = _Lines(text)
    removed = "".join(lines.cut(_layout(lines, draft.path, paragraph.kind), index))  # type: ignore[arg-type]
    order = [p.id for p in sequence if p.id != paragraph.id]
    after = _commit(draft, project.library, lines.text(), paragraph.kind, order, before,
                    dangling=paragraph.id if referrers else None)
    return dataclasses.replace(
        _result(EditAction.REMOVE, paragraph.id, draft, after), dangling=referrers, removed=removed
    )


# --- resolving what the user typed -------------------------------------------------------


@dataclass(frozen=True)
class _Slot:
    """Insert before item `index` of the list ('before'), or right after item `index - 1`."""

    index: int
    where: str


def _paragraph(draft: Draft, reference: str) -> Paragraph:
    target = draft.resolve(reference)
    if target.subparagraph:
        whole = reference.split("(", 1)[0].strip()
        raise UsageError(
            f"{reference!r} is a sub-paragraph; add, move and remove work on whole paragraphs",
            fix=f"use {whole}, or edit the sub-paragraphs in {draft.path}",
        )
    return draft.by_id()[target.paragraph]


def _sequence(draft: Draft, kind: Kind) -> tuple[Paragraph, ...]:
    return draft.preambular if kind is Kind.PREAMBULAR else draft.operative


def _slot(draft: Draft, sequence: tuple[Paragraph, ...], kind: Kind, position: Position, what: str) -> _Slot:
    if position.where == "at-end":
        return _Slot(len(sequence), "after")
    if position.where not in ("before", "after") or position.reference is None:
        raise UsageError(f"unknown position {position.where!r}", fix="use --after REF, --before REF or --at-end")
    anchor = _paragraph(draft, position.reference)
    if anchor.kind is not kind:
        numbers = f"{kind.prefix}1–{kind.prefix}{len(sequence)}" if sequence else "--at-end"
        raise InputError(
            f"{what} is {kind.value} but {position.reference} ({anchor.id}) is {anchor.kind.value}:"
            " a paragraph cannot change kind",
            fix=f"place it among the {kind.value} paragraphs ({numbers})",
        )
    index = sequence.index(anchor)
    return _Slot(index + 1, "after") if position.where == "after" else _Slot(index, "before")


def _refers_to(paragraph: Paragraph, target: ParagraphId) -> bool:
    return any(
        target in crossref_targets(text)
        for by_lang in all_texts(dict(paragraph.text), paragraph.subparagraphs)
        for text in by_lang.values()
    )


def _scalar(value: str) -> str:
    """`value` as a YAML scalar that reads back as the same text."""
    if _PLAIN_ID.fullmatch(value) and value.lower() not in _YAML_WORDS:
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- checking and writing ----------------------------------------------------------------


def _read(draft: Draft, library: Library) -> tuple[str, Snapshot | None]:
    """Return the text of `draft`'s file and its state on disk, refused when the file no
    longer holds the draft that was loaded (saved again since)."""
    path = draft.path
    assert path is not None
    before = snapshot(path)  # first: any save from here on is caught when writing
    try:
        # Bytes, not read_text: universal newlines would turn a CRLF file into LF.
        text = read_input(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot read the draft: {exc}", where=path) from None
    if text.count("\r") != text.count("\r\n"):
        # YAML reads a lone CR as a line end, the line splicing here does not: no guessing
        raise InputError("the draft ends its lines with CR alone (classic Mac), which add, move and remove cannot"
                         " edit in place", where=path, fix="save it with LF or CRLF line ends, then run the command again")
    try:
        same = load_draft(path, library, text=text) == draft
    except DraftkitError:
        same = False
    if not same:  # saved between loading and this read: the edit was planned on the old text
        raise changed_on_disk(path)
    return text, before


def _commit(
    draft: Draft, library: Library, text: str, kind: Kind, order: list[ParagraphId], before: Snapshot | None, *,
    dangling: ParagraphId | None = None,
) -> Draft:
    """Load the edited text, check it holds exactly the intended order, and write it unless
    the file changed since `before` or is read-only; return the edited draft."""
    path = draft.path
    assert path is not None
    try:
        after = load_draft(path, library, text=text)
    except UnknownReference as exc:
        if dangling is None or repr(str(dangling)) not in exc.what:
            raise
        # Forced removal: the references left dangling are the point; the rest is unchanged.
        kept = tuple(p for p in _sequence(draft, kind) if p.id != dangling)
        field = "preambular" if kind is Kind.PREAMBULAR else "operative"
        after = dataclasses.replace(draft, **{field: kept})
        _check_items(text, path, kind, order)
    if [p.id for p in _sequence(after, kind)] != order:
        # A splice that produced another order is a bug here, never the user's fault.
        raise RuntimeError(f"edit of {path} gave {[p.id for p in _sequence(after, kind)]}, expected {order}; file untouched")
    write_atomic(path, text.encode("utf-8"), unchanged_since=before, fix=None)
    return after


def _check_items(text: str, path: Path, kind: Kind, order: list[ParagraphId]) -> None:
    items = _parse(text, path).get(kind.value) or []
    found = [str(item.get("id") or item.get("clause")) if isinstance(item, dict) else None for item in items]
    if found != order:
        raise RuntimeError(f"edit of {path} gave {found}, expected {order}; file untouched")


def _result(action: EditAction, paragraph_id: ParagraphId, before: Draft, after: Draft) -> EditResult:
    old = before.labels()
    new = after.labels()
    renumbered = tuple(
        Renumbered(pid, old[pid], label) for pid, label in new.items() if pid != paragraph_id and pid in old and old[pid] != label
    )
    return EditResult(
        action=action,
        paragraph=paragraph_id,
        path=before.path,  # type: ignore[arg-type]
        draft=after,
        old_label=old.get(paragraph_id),
        new_label=new.get(paragraph_id),
        renumbered=renumbered,
    )


def _runs(renumbered: tuple[Renumbered, ...]) -> list[str]:
    """Group shifts into 'OP4–OP6 are now OP5–OP7' phrases."""
    groups: list[list[Renumbered]] = []
    for change in renumbered:
        if groups and _follows(groups[-1][-1], change):
            groups[-1].append(change)
        else:
            groups.append([change])
    out = []
    for group in groups:
        first, last = group[0], group[-1]
        if len(group) == 1:
            out.append(f"{first.old} is now {first.new}")
        else:
            out.append(f"{first.old}–{last.old} are now {first.new}–{last.new}")
    return out


def _follows(previous: Renumbered, change: Renumbered) -> bool:
    def split(label: str) -> tuple[str, int]:
        return label[:2], int(label[2:])

    (kind_a, old_a), (kind_b, old_b) = split(previous.old), split(change.old)
    (_, new_a), (_, new_b) = split(previous.new), split(change.new)
    return kind_a == kind_b and old_b == old_a + 1 and new_b == new_a + 1


# --- line splicing -----------------------------------------------------------------------


def _parse(text: str, path: Path) -> Any:
    """The draft as located YAML: where each top-level key and each list item starts."""
    return load_yaml(path, text)


@dataclass(frozen=True)
class _Item:
    """One list item: comment lines directly above it from `lead`, its '- ' line at
    `start`, and its content (own deeper comments included) up to `end`."""

    lead: int
    start: int
    end: int


@dataclass(frozen=True)
class _Layout:
    """Where the `preambular:` or `operative:` list sits in the file's lines."""

    path: Path
    key: str
    key_line: int | None
    key_column: int
    dash_column: int
    items: tuple[_Item, ...]
    spaced: bool  # items are separated by a blank line, so new ones are too
    insert_line: int  # where a missing key would go


def _is_blank(line: str) -> bool:
    return not line.strip()


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


class _Lines:
    """The file as lines (line ends kept, only '\\n' breaks a line, as YAML says)."""

    def __init__(self, text: str):
        self.lines = text.split("\n")
        self.final_newline = text.endswith("\n")
        self.lines = [line + "\n" for line in self.lines[:-1]] + ([self.lines[-1]] if self.lines[-1] else [])
        self.newline = "\r\n" if "\r\n" in text else "\n"

    def text(self) -> str:
        return "".join(self.lines)

    def cut(self, layout: _Layout, index: int) -> list[str]:
        """Remove item `index` (with its leading comments and one separating blank line)."""
        item = layout.items[index]
        block = self.lines[item.lead : item.end]
        start, end = item.lead, item.end
        if layout.spaced and index > 0 and _is_blank(self.lines[start - 1]):
            start -= 1
        elif layout.spaced and end < len(self.lines) and _is_blank(self.lines[end]):
            end += 1
        del self.lines[start:end]
        if block and not block[-1].endswith("\n"):
            block[-1] += self.newline
        return block

    def put_before(self, layout: _Layout, index: int, block: list[str]) -> None:
        """Insert `block` above item `index` and its leading comments."""
        spacer = [self.newline] if layout.spaced else []
        at = layout.items[index].lead
        self.lines[at:at] = block + spacer

    def put_after(self, layout: _Layout, index: int, block: list[str]) -> None:
        """Insert `block` right after item `index` (-1: first in an empty list)."""
        if index < 0 and not layout.items:
            self._open_list(layout, block)
            return
        if index < 0:
            self.put_before(layout, 0, block)
            return
        at = layout.items[index].end
        if at == len(self.lines) and self.lines and not self.lines[-1].endswith("\n"):
            self.lines[-1] += self.newline
        spacer = [self.newline] if layout.spaced else []
        self.lines[at:at] = spacer + block

    def _open_list(self, layout: _Layout, block: list[str]) -> None:
        """Write the first item of a list that is empty (`operative: []`, `operative:`) or absent."""
        if layout.key_line is None:
            at = layout.insert_line
            if at == len(self.lines) and self.lines and not self.lines[-1].endswith("\n"):
                self.lines[-1] += self.newline
            self.lines[at:at] = [f"{layout.key}:{self.newline}", *block]
            return
        line = self.lines[layout.key_line]
        match = re.fullmatch(r"(\s*\S+?:)[ \t]*(?:\[[ \t]*\])?([ \t]*#[^\r\n]*)?(\r?\n)?", line)
        if match is None:
            raise InputError(
                f"cannot add to '{layout.key}' as written", where=Location(layout.path, layout.key_line + 1),
                fix=f"write '{layout.key}:' on its own line, then one '- ' line per paragraph",
            )
        self.lines[layout.key_line : layout.key_line + 1] = [
            match.group(1) + (match.group(2) or "") + (match.group(3) or self.newline),
            *block,
        ]


def _layout(lines: _Lines, path: Path, kind: Kind) -> _Layout:
    """Locate the list of `kind` paragraphs in `lines` (positions from the located YAML reader)."""
    text = lines.text()
    document = _parse(text, path)
    rows = lines.lines
    key = kind.value
    if not isinstance(document, LocatedMap):
        raise InputError("a draft file is a mapping of 'key: value' lines", where=path)

    def key_at(name: str) -> tuple[int, int]:  # 0-based line and column of a top-level key
        where = document.where(name)
        return where.line - 1, where.column - 1

    key_lines = sorted(key_at(k)[0] for k in document)
    if key not in document:
        following = [key_at(k)[0] for k in document if k == "operative"] if kind is Kind.PREAMBULAR else []
        insert_line = _comments_above(rows, following[0], 0) if following else len(rows)
        return _Layout(path, key, None, 0, 2, (), False, insert_line)
    key_line, key_column = key_at(key)
    sequence = document[key]
    if sequence is None or len(sequence) == 0:
        return _Layout(path, key, key_line, key_column, key_column + 2, (), False, key_line)
    if not isinstance(sequence, LocatedList) or _is_flow(rows, sequence):
        raise InputError(
            f"'{key}' is not written as a block list, so it cannot be edited in place",
            where=Location(path, key_line + 1),
            fix="write one '- ' line per paragraph under it",
        )
    boundary = next((line for line in key_lines if line > key_line), len(rows))
    boundary = next((line for line in range(key_line + 1, boundary) if _DOCUMENT_MARK.match(rows[line])), boundary)
    starts = [_dash_line(rows, path, where.line - 1, where.column - 1) for where in sequence.item_locations]
    dash_column = _indent(rows[starts[0]])
    ends = []
    for number, start in enumerate(starts):
        limit = starts[number + 1] if number + 1 < len(starts) else boundary
        end = limit
        while end > start + 1 and (_is_blank(rows[end - 1]) or _is_comment(rows[end - 1])):
            end -= 1
        while end < limit and _is_comment(rows[end]) and _indent(rows[end]) > dash_column:
            end += 1
        ends.append(end)
    items = []
    for number, start in enumerate(starts):
        floor = ends[number - 1] if number else key_line + 1
        items.append(_Item(_comments_above(rows, start, floor), start, ends[number]))
    spaced = len(items) > 1 and all(
        any(_is_blank(rows[line]) for line in range(ends[n], items[n + 1].lead)) for n in range(len(items) - 1)
    )
    return _Layout(path, key, key_line, key_column, dash_column, tuple(items), spaced, key_line)


def _is_flow(rows: list[str], sequence: LocatedList) -> bool:
    """True for a list written '[a, b]' (it opens with a bracket, not with '- ')."""
    where = sequence.location
    return rows[where.line - 1][where.column - 1 : where.column] == "["


def _dash_line(rows: list[str], path: Path, line: int, column: int) -> int:
    """The line of the '- ' that opens the item whose value starts at (line, column)."""
    if rows[line][:column].rstrip().endswith("-"):
        return line
    while line > 0:
        line -= 1
        if rows[line].strip() == "-":
            return line
    raise InputError("cannot find the '- ' of a list item", where=Location(path, line + 1))


def _comments_above(rows: list[str], start: int, floor: int) -> int:
    """First line of the run of comment lines directly above `start`, not above `floor`."""
    lead = start
    while lead - 1 >= floor and _is_comment(rows[lead - 1]):
        lead -= 1
    return lead


def _insert_entry(text: str, path: Path, kind: Kind, slot: _Slot, entry: list[str]) -> str:
    lines = _Lines(text)
    layout = _layout(lines, path, kind)
    pad = " " * layout.dash_column
    block = [f"{pad}- {entry[0]}{lines.newline}"] + [f"{pad}  {line}{lines.newline}" for line in entry[1:]]
    _place(lines, layout, slot, block)
    return lines.text()


def _place(lines: _Lines, layout: _Layout, slot: _Slot, block: list[str]) -> None:
    if slot.where == "before":
        lines.put_before(layout, slot.index, block)
    else:
        lines.put_after(layout, slot.index - 1, block)
