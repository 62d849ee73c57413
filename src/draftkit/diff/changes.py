"""The typed result of comparing two documents: one `BlockChange` per paragraph, in
redline order (deleted and moved-away paragraphs where they stood in the old text).

Knows document-tree blocks and runs; knows nothing of diff algorithms, Word or the terminal.
"""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import field
from datetime import datetime
from typing import Callable

from draftkit.diff.words import Op
from draftkit.render.tree import Block, DocTree, Run
from draftkit.records import record


class Status(enum.Enum):
    SAME = "same"
    CHANGED = "changed"
    INSERTED = "inserted"
    DELETED = "deleted"
    MOVED = "moved"  # at its new place; `edited` when words changed too
    MOVED_AWAY = "moved-away"  # the old place of a moved paragraph (redline only)


@record
class Piece:
    """A stretch of a paragraph's word diff: runs from NEW (equal, insert) or OLD (delete)."""

    op: Op
    runs: tuple[Run, ...]
    author: str = ""

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs if r.footnote is None)

    @property
    def restyled(self) -> bool:
        """True when words both sides have changed formatting ("italic added")."""
        return self.op is Op.EQUAL and any(r.was is not None for r in self.runs)


@record
class FootnoteDiff:
    """The word diff of a footnote whose call stayed in place (numbers as in OLD / NEW)."""

    old_number: int
    new_number: int
    pieces: tuple[Piece, ...]

    @property
    def changed(self) -> bool:
        return any(p.op is not Op.EQUAL or p.restyled for p in self.pieces)


@record
class BlockChange:
    """What happened to one paragraph between OLD and NEW.

    `pieces` is the word diff (one DELETE or INSERT piece for whole paragraphs; for a
    MOVED_AWAY entry, the old place's view: equal words and deletions in OLD's runs).
    `author` names who inserted, deleted or moved the whole paragraph; `move` pairs a
    MOVED entry with its MOVED_AWAY entry; `rewritten` says the paragraph changed beyond
    the threshold and is shown as one replacement.
    """

    status: Status
    old: Block | None
    new: Block | None
    pieces: tuple[Piece, ...] = ()
    footnotes: tuple[FootnoteDiff, ...] = ()
    author: str = ""
    move: str | None = None
    rewritten: bool = False
    restyled: bool = False  # its look changed (list, style, italic…), maybe with no word changed

    @property
    def edited(self) -> bool:
        """True when words changed inside (always for CHANGED, sometimes for MOVED), or their
        formatting, or the paragraph's own (its list, its style: `restyled`)."""
        return (any(p.op is not Op.EQUAL or p.restyled for p in self.pieces) or any(f.changed for f in self.footnotes)
                or self.restyled)

    @property
    def old_label(self) -> str:
        return self.old.label if self.old else ""

    @property
    def new_label(self) -> str:
        return self.new.label if self.new else ""

    @property
    def heading(self) -> str:
        """'OP5 → OP6', '— → OP3' (new), 'PP2 → —' (deleted), or the label when it did not change."""
        block = self.new or self.old
        assert block is not None
        old, new = self.old_label or block.role.value, self.new_label or block.role.value
        if self.status is Status.INSERTED:
            return f"— → {new}"
        if self.status is Status.DELETED:
            return f"{old} → —"
        if old and new and old != new:
            return f"{old} → {new}"
        return new or old

    def authors(self) -> set[str]:
        """Everyone credited with a change in this paragraph."""
        names = {p.author for p in self.pieces if p.op is not Op.EQUAL and p.author}
        names.update(p.author for f in self.footnotes for p in f.pieces if p.op is not Op.EQUAL and p.author)
        if self.author and self.status in (Status.INSERTED, Status.DELETED, Status.MOVED):
            names.add(self.author)
        return names


@record
class Summary:
    """Counts for the report: paragraphs inserted / deleted / changed / moved, per author."""

    inserted: int
    deleted: int
    changed: int
    moved: int
    by_author: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        return self.inserted + self.deleted + self.changed + self.moved


@record
class Comparison:
    """OLD versus NEW: every paragraph's change in redline order, and both trees."""

    old: DocTree
    new: DocTree
    changes: tuple[BlockChange, ...]
    date: datetime
    default_author: str
    old_name: str = ""
    new_name: str = ""
    notices: tuple[str, ...] = ()  # what the reader must know of how it was compared (one sentence each)
    #: The parts of the tracked DOCX, for a comparison of DOCX files (made on demand; `legend=True`
    #: for printing: the first page's header begins with the legend of authors).
    tracked: Callable[..., dict[str, bytes]] | None = field(default=None, compare=False, repr=False)

    def reported(self) -> list[BlockChange]:
        """The changes a reader wants listed: every paragraph that differs, in NEW's order."""
        return [c for c in self.changes if c.status not in (Status.SAME, Status.MOVED_AWAY)
                and (c.status is not Status.CHANGED or c.edited)]

    def summary(self) -> Summary:
        """Return the counts shown under the terminal report."""
        counts = Counter(c.status for c in self.reported())
        changed = sum(1 for c in self.reported() if c.status is Status.CHANGED)
        authors: Counter[str] = Counter()
        for change in self.reported():
            for name in change.authors() or {self.default_author}:
                authors[name] += 1
        return Summary(
            inserted=counts[Status.INSERTED],
            deleted=counts[Status.DELETED],
            changed=changed,
            moved=counts[Status.MOVED],
            by_author=tuple(sorted(authors.items(), key=lambda kv: (-kv[1], kv[0]))),
        )
