"""DOCX constructs a tracked diff carries through as NEW's own XML (tables, images, embedded
objects, comments, hyperlinks, equations, endnote calls), and the one-line refusal when a
change touches one. Knows docxread values and the change model; writes no XML.
"""

from __future__ import annotations

from draftkit.diff.changes import Comparison, Status
from draftkit.errors import InputError
from draftkit.render.tree import Block, KeptXml

#: kind → (plural for "changes to …", what a paragraph holding one "holds").
_NAMES = {"table": ("tables", "is in a table"), "image": ("images", "holds an image"),
          "object": ("embedded objects", "holds an embedded object"), "comment": ("comments", "holds a comment"),
          "hyperlink": ("hyperlinks", "holds a hyperlink"), "equation": ("equations", "holds an equation"),
          "endnote": ("endnotes", "holds an endnote call")}



def kept_paragraph(document, paragraph) -> KeptXml:
    """Return the kept XML of a body paragraph holding objects (docxread values, typed
    loosely so docxread is imported lazily)."""
    assert paragraph.raw_xml is not None
    details = [f"{o.kind}:{_detail(document, o)}" for o in paragraph.objects]
    return KeptXml(paragraph.raw_xml, paragraph.objects[0].kind, paragraph.index,
                   "\n".join([paragraph.text, *details]), _problem(paragraph))


def kept_table(document, table) -> KeptXml:
    """Return the kept XML of a body table: compared by its cell texts and the objects in it."""
    inside = document.paragraphs[table.first: table.first + table.count]
    details = [f"{o.kind}:{_detail(document, o)}" for p in inside for o in p.objects]
    cells = "\n".join("\t".join(row) for row in table.rows)
    problem = next((found for p in inside if (found := _problem(p))), "")
    return KeptXml(table.xml, "table", table.first, "\n".join([cells, *details]), problem)


def _detail(document, found) -> str:
    if found.kind == "endnote":  # the call's number matters less than the note's text
        note = document.endnotes.get(int(found.detail)) if found.detail.lstrip("-").isdigit() else None
        return note.text if note else found.detail
    return found.detail


def _problem(paragraph) -> str:
    if paragraph.has_revisions or paragraph.properties_changed or any(r.format_changed for r in paragraph.runs):
        return "holds tracked changes of its own"
    if any(r.footnote is not None for r in paragraph.runs):
        return "also holds a footnote call"
    return ""


def check_kept(comparison: Comparison, *, old: str, new: str, carried: bool,
               old_headers: tuple[str, ...] | None = None, new_headers: tuple[str, ...] | None = None) -> None:
    """Raise `InputError` when the tracked DOCX of `comparison` could not show a change
    faithfully: a table, image, comment… (`KeptXml`) that is not the same in OLD and NEW,
    one that cannot be carried at all, or headers and footers that differ. A paragraph
    added or removed is named before one the alignment merely paired differently.

    `old`/`new` name the files in messages; `carried` says NEW's package is the output's
    (otherwise no kept XML can be written at all).
    """
    # a paragraph added or removed is the change itself; a kept block paired with a plain one
    # (same text, e.g. an image's empty paragraph) is only a side effect of that alignment
    changes = sorted(comparison.changes, key=lambda c: c.status not in (Status.INSERTED, Status.DELETED))
    for change in changes:
        a, b = change.old, change.new
        if (a is None or a.kept is None) and (b is None or b.kept is None):
            continue
        block, name, tree = (b, new, comparison.new) if b is not None and b.kept is not None \
            else (a, old, comparison.old)
        assert block is not None and block.kept is not None
        kept = block.kept
        plural, holds = _NAMES[kept.what]
        where = f"paragraph {kept.paragraph + 1} {holds}"
        if kept.problem:
            raise InputError(f"draftkit cannot yet carry {plural} into a tracked DOCX: {where} and {kept.problem}",
                             where=name, fix=_fix(kept))
        same = (change.status is Status.SAME and a is not None and b is not None and a.kept is not None
                and b.kept is not None and a.kept.what == b.kept.what and a.kept.signature == b.kept.signature)
        if not same:
            other = old if name == new else new
            copies = _copies(tree, kept)
            happened = {Status.INSERTED: f"is not in {old}", Status.DELETED: f"is not in {new}",
                        Status.MOVED: "moved", Status.MOVED_AWAY: "moved"}.get(change.status, "changed")
            there = len(_copies(comparison.new if tree is comparison.old else comparison.old, kept))
            if len(copies) > max(there, 1):
                # which copy is "the added one" is the alignment's guess: name them all
                times = {0: "does not have", 1: "has once"}.get(there, f"has {there} times")
                where = f"paragraphs {_and(copies)} hold the same {kept.what}, which {other} {times}"
                happened = ""
            raise InputError(f"draftkit cannot yet show changes to {plural}: {where}"
                             + (f", which {happened}" if happened else ""),
                             where=name, fix=f"compare the text around it, or remove {_one(kept)} from both files, "
                                             "or write the word diff with -o changes.md")
        if not carried:
            raise InputError(f"draftkit cannot carry {plural} from a git revision: {where}", where=name,
                             fix="save that revision as a DOCX file and compare the files")
    if old_headers is not None and new_headers is not None and sorted(old_headers) != sorted(new_headers):
        raise InputError(f"draftkit cannot yet show changes in headers and footers: those of {old} and {new} differ",
                         where=new, fix="make the headers and footers of both files the same, then compare")


def _copies(tree, kept: KeptXml) -> list[int]:
    """Return the paragraph numbers (1-based) of the blocks of `tree` keeping the same XML as `kept`."""
    return [b.kept.paragraph + 1 for b in tree.blocks
            if b.kept is not None and b.kept.what == kept.what and b.kept.signature == kept.signature]


def _and(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"


def _one(kept: KeptXml) -> str:
    return "the table" if kept.what == "table" else {"object": "the object"}.get(kept.what, f"the {kept.what}")


def _fix(kept: KeptXml) -> str:
    if "tracked changes" in kept.problem:
        return "accept or reject the tracked changes in it first"
    return f"move the footnote out of the paragraph with {_one(kept)}, or remove {_one(kept)}"



def check_written(block: Block) -> None:
    """Raise `InputError` when kept `block` got a revision in the redline (the paragraphs
    after it at the end of the document were removed or added): its XML cannot show it."""
    if block.kept is not None and (block.mark_revision is not None or block.format_change is not None
                                   or any(r.revision is not None for r in block.runs)):
        plural, holds = _NAMES[block.kept.what]
        raise InputError(f"draftkit cannot yet show paragraphs added or removed right after {plural} at the end "
                         f"of a document: paragraph {block.kept.paragraph + 1} {holds}",
                         fix="add an empty paragraph after it in both files, then compare")
