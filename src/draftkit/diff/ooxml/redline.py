"""A DOCX-to-DOCX redline: NEW's package, its body, headers, footers and notes rewritten
with every difference from OLD as a tracked change, everything else kept as NEW has it
(sections, fields, bookmarks, images, hyperlinks, content controls, styles, settings).

`DocxRedline(old, new)` reads both packages (Strict mapped to transitional, tracked
changes already in them accepted), compares their stories and gives the `Comparison`
for reports; `package()` writes the tracked DOCX. Knows packages and stories; the word
diff is `match`'s, the XML of revisions `emit`'s.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from draftkit.diff.changes import BlockChange, Comparison, FootnoteDiff, Piece, Status
from draftkit.diff.ooxml.emit import NotePlan, Writer
from draftkit.diff.ooxml.match import (DEL, INS, MOVE_FROM, MOVE_TO, OutParagraph, OutTable, Sides, diff_story, said,
                                       whole_paragraph)
from draftkit.diff.ooxml.parts import REL_TYPES, TYPES, Imports, Package, Shared
from draftkit.diff.ooxml.props import Definitions
from draftkit.diff.ooxml.story import Context, Paragraph, Story, Unsupported, read_story
from draftkit.diff.words import Op
from draftkit.docxread.revisions import accept_all, has_revisions
from draftkit.docxread.values import w, whole
from draftkit.errors import InputError
from draftkit.render.tree import Block, DocTree, Role, Run

_STORY_TYPES = ("header", "footer", "footnotes", "endnotes")
_NOTE_KINDS = {"footnote": "footnotes", "endnote": "endnotes"}


@dataclass
class _Side:
    """One input: its package, its main part's body, its definitions, and what was accepted."""

    name: str
    package: Package
    definitions: Definitions = field(init=False)
    revisions: int = 0  # tracked changes found in the input (and accepted)
    body_story: Story | None = None

    def __post_init__(self) -> None:
        package = self.package
        main = package.main
        for root in _story_parts(self):
            if has_revisions(root):
                self.revisions += _count_revisions(root)
                accept_all(root)
        self.definitions = Definitions(package.xml(package.related(main, "styles") or ""),
                                       package.xml(package.related(main, "numbering") or ""))

    @property
    def body(self) -> etree._Element:
        return self.package.xml(self.package.main).find(w("body"))

    def story(self, container: etree._Element, part: str) -> Story:
        return read_story(container, Context(target=lambda rel_id: self.package.target(part, rel_id)))


def _story_parts(side: _Side) -> list[etree._Element]:
    """The roots of the main part and of the headers, footers and notes it relates."""
    package = side.package
    names = [package.main, *(r.target for r in package.relationships(package.main).values()
                             if r.type in _STORY_TYPES and not r.external)]
    return [root for name in names if (root := package.xml(name)) is not None]


def _carried_bookmarks(old: _Side, new: _Side) -> frozenset:
    """OLD's bookmarks (start and end elements) whose names NEW has not: kept in the output
    where OLD's words are, so a cross-reference to one works again once changes are rejected.
    Word's `_GoBack` (where the cursor was) is left out."""
    names = {b.get(w("name")) for root in _story_parts(new) for b in root.iter(w("bookmarkStart"))}
    carried = []
    for root in _story_parts(old):
        ids = set()
        for start in root.iter(w("bookmarkStart")):
            name = start.get(w("name"), "")
            if name not in names and name != "_GoBack":
                ids.add(start.get(w("id")))
                carried.append(start)
        carried += [end for end in root.iter(w("bookmarkEnd")) if end.get(w("id")) in ids]
    return frozenset(carried)


def _count_revisions(root: etree._Element) -> int:
    tags = [w(t) for t in ("ins", "del", "moveFrom", "moveTo", "pPrChange", "rPrChange")]
    return sum(1 for _ in root.iter(*tags))


class DocxRedline:
    """The comparison of two DOCX packages (name → bytes of each part), and its tracked DOCX.

    Raises `InputError` naming the construct when the documents hold one the redline cannot
    carry yet (see README, "Constructs draftkit refuses").
    """

    def __init__(self, old: dict[str, bytes], new: dict[str, bytes], *, old_name: str, new_name: str,
                 author: str, date: datetime):
        try:
            self._compare(old, new, old_name, new_name, author, date)
        except Unsupported as exc:
            raise InputError(f"draftkit cannot yet compare {exc}", where=new_name,
                             fix="compare the text with -o changes.md, or remove it from both files") from None

    def _compare(self, old: dict[str, bytes], new: dict[str, bytes], old_name: str, new_name: str, author: str,
                 date: datetime) -> None:
        self._notes_index: dict[str, tuple[dict, dict]] = {}
        self._comparison: Comparison | None = None
        self.old = _Side(old_name, Package(dict(old), old_name))
        self.new = _Side(new_name, Package(dict(new), new_name))
        self.author, self.date = author, date
        self.sides = Sides(self.old.definitions, self.new.definitions, _carried_bookmarks(self.old, self.new))
        self.old_body = self.old.body_story = self.old.story(self.old.body, self.old.package.main)
        self.new_body = self.new.body_story = self.new.story(self.new.body, self.new.package.main)
        self.blocks = diff_story(self.old_body, self.new_body, self.sides)
        self.headers = self._pair_headers()
        self.header_blocks = [(part, diff_story(old_story, new_story, self.sides))
                              for part, old_story, new_story, _ in self.headers]

    # the comparison, for reports

    def comparison(self) -> Comparison:
        """The comparison for reports, made once (a printed redline's legend asks again)."""
        if self._comparison is None:
            self._comparison = self._compared()
        return self._comparison

    def _compared(self) -> Comparison:
        shown = {block.element for block in self.blocks if not (isinstance(block, OutParagraph) and block.verbatim)}
        labels = {**_labels(self.old, shown), **_labels(self.new, shown)}
        changes = [change for block in self.blocks if (change := _change(block, labels, self._note_reports))
                   is not None]
        for (part, blocks), (_, _, _, label) in zip(self.header_blocks, self.headers):
            pieces = [piece for block in blocks for piece in [*_pieces(block), said(Op.EQUAL, "\n")]][:-1]
            if any(p.op is not Op.EQUAL for p in pieces) or any(_restyled(b) for b in blocks):
                text = "".join(p.text for p in pieces if p.op is not Op.DELETE)
                old_text = "".join(p.text for p in pieces if p.op is not Op.INSERT)
                changes.append(BlockChange(Status.CHANGED, _block(old_text, label), _block(text, label),
                                           tuple(p for p in pieces if p.text),
                                           restyled=any(_restyled(b) for b in blocks)))
        notices = []
        for side in (self.old, self.new):
            if side.revisions:
                count = f"{side.revisions} tracked change{'s' if side.revisions != 1 else ''}"
                notices.append(f"{side.name} holds {count}: compared as if all were accepted")
        empty = DocTree(language="", blocks=())
        return Comparison(old=empty, new=empty, changes=tuple(changes), date=self.date, default_author=self.author,
                          old_name=self.old.name, new_name=self.new.name, notices=tuple(notices))

    # the tracked DOCX

    def package(self, legend: bool = False) -> dict[str, bytes]:
        """The parts of the tracked DOCX (NEW's package, body, headers and notes redlined);
        with `legend`, for printing, the first page's header begins with it (see
        `ooxml.legend`)."""
        comparison = self.comparison() if legend else None  # before writing moves marks in self.blocks
        out = self.new.package
        shared = Shared()
        ids = [_max_id(out)]
        main = out.main
        body_writer = Writer(Imports(self.old.package, out, self.old.package.main, main, shared),
                             self.author, self.date, ids)
        body = self.new.body
        # a new document part, NEW's left as it is: moving or removing NEW's body would make
        # lxml walk every node the comparison still holds
        source = body.getparent()
        document = etree.Element(source.tag, dict(source.attrib), nsmap=source.nsmap)
        for child in source:
            if child is body:
                fresh = etree.SubElement(document, body.tag, dict(body.attrib))
                body_writer.story(self.blocks, fresh)
                for element in self.new_body.tail:
                    fresh.append(copy.deepcopy(element))
                _section_change(fresh.find(w("sectPr")), self.old_body.tail, body_writer)
            else:
                document.append(copy.deepcopy(child))
        out.trees[main] = document
        for (part, blocks), (_, old_story, _, _) in zip(self.header_blocks, self.headers):
            old_part = getattr(old_story, "part", None) or self.old.package.main
            writer = Writer(Imports(self.old.package, out, old_part, part, shared), self.author, self.date, ids)
            root = out.xml(part)
            kept = [c for c in root if c.tag in (w("sectPr"),)]
            for child in list(root):
                root.remove(child)
            writer.story(blocks, root)
            for child in kept:
                root.append(child)
        self._notes(out, body_writer.notes, shared, ids)
        for part in {out.main, *(part for part, _ in self.header_blocks), *_note_parts(out)}:
            _number_bookmarks(out.xml(part))
        if legend:
            from draftkit.diff.ooxml.legend import legend_in_package

            legend_in_package(out, comparison, ids)  # the first page's header: the body stays the tracked text
        return out.serialize()

    def _notes(self, out: Package, plans: dict[etree._Element, NotePlan], shared: Shared, ids: list[int]) -> None:
        """Rebuild the notes parts: one note per call of the output, in call order (LibreOffice
        reads note texts in that order), each diffed, inserted or deleted as its call was."""
        document = out.xml(out.main)
        for kind, plural in _NOTE_KINDS.items():
            calls = list(document.iter(w(f"{kind}Reference")))
            name = out.related(out.main, plural)
            if not calls and name is None:
                continue
            if name is None:
                name = _add_notes_part(out, kind, plural)
            root = out.xml(name)
            old_name = self.old.package.related(self.old.package.main, plural)
            old_notes, new_notes = self._note_index(kind)
            separators = [n for n in root if n.tag == w(kind) and n.get(w("type")) in
                          ("separator", "continuationSeparator", "continuationNotice")]
            number = max([number for n in separators if (number := whole(n.get(w("id")), signed=True)) is not None],
                         default=0)
            made = []
            for call in calls:
                plan = plans.get(call) or NotePlan(kind, None, None, call.get(w("id")), False)
                number += 1
                call.set(w("id"), str(number))
                note = etree.Element(w(kind), {w("id"): str(number)})
                writer = Writer(Imports(self.old.package, out, old_name or out.main, name, shared),
                                self.author, self.date, ids)
                writer.story(self._note_blocks(plan, old_notes, new_notes, name, old_name), note)
                if note.find(w("p")) is None:
                    etree.SubElement(note, w("p"))
                made.append(note)
            root[:] = [*separators, *made]

    def _note_index(self, kind: str) -> tuple[dict[str, etree._Element], dict[str, etree._Element]]:
        """OLD's and NEW's notes of `kind` by id (read once: a document may have hundreds)."""
        found = self._notes_index.get(kind)
        if found is None:
            plural = _NOTE_KINDS[kind]
            old_name = self.old.package.related(self.old.package.main, plural)
            new_name = self.new.package.related(self.new.package.main, plural)
            found = self._notes_index[kind] = (
                _notes_by_id(self.old.package.xml(old_name) if old_name else None, kind),
                _notes_by_id(self.new.package.xml(new_name) if new_name else None, kind))
        return found

    def _note_reports(self, block) -> tuple[FootnoteDiff, ...]:
        """The word diffs of the notes a paragraph calls: a note kept with its call diffed, a
        note added or removed with its call whole."""
        if not isinstance(block, OutParagraph):
            return ()
        out = []
        for item in block.items:
            if item.notes is None:
                continue
            kind = "footnote" if item.node.element.tag == w("footnoteReference") else "endnote"
            plan = NotePlan(kind, item.revision, *item.notes, item.old)
            old_name = self.old.package.related(self.old.package.main, _NOTE_KINDS[kind])
            new_name = self.new.package.related(self.new.package.main, _NOTE_KINDS[kind])
            old_notes, new_notes = self._note_index(kind)
            blocks = self._note_blocks(plan, old_notes, new_notes, new_name or "", old_name)
            pieces = [piece for b in blocks if isinstance(b, OutParagraph) and b.reported for piece in b.report]
            if pieces and pieces[0].text[:1].isspace():  # the space or tab after the note's own number
                first = pieces[0]
                pieces[0] = Piece(first.op, (Run(first.text.lstrip()),), first.author)
            number = int((plan.new_id or plan.old_id or "0").lstrip("-") or 0)
            out.append(FootnoteDiff(number, number, tuple(p for p in pieces if p.text.strip() or p.op is not Op.EQUAL)))
        return tuple(out)

    def _note_blocks(self, plan: NotePlan, old_notes: dict, new_notes: dict, name: str, old_name: str | None):
        old = old_notes.get(plan.old_id) if plan.old_id is not None else None
        new = new_notes.get(plan.new_id) if plan.new_id is not None else None
        old_story = self.old.story(old, old_name) if old is not None else None
        new_story = self.new.story(new, name) if new is not None else None
        if plan.revision is None and old_story is not None and new_story is not None:
            return diff_story(old_story, new_story, self.sides)
        if plan.revision in (DEL, MOVE_FROM):
            source, from_old = (old_story, True) if plan.from_old else (new_story, False)
            return [whole_paragraph(b, DEL, old=from_old, carried=self.sides.carried if from_old else frozenset())
                    for b in source.blocks if isinstance(b, Paragraph)] \
                if source is not None else []
        if plan.revision in (INS, MOVE_TO) and new_story is not None:
            return [whole_paragraph(b, INS, old=False) for b in new_story.blocks if isinstance(b, Paragraph)]
        if new_story is not None:
            return diff_story(new_story, new_story, self.sides)
        return []

    # headers and footers

    def _pair_headers(self) -> list[tuple[str, Story, Story, str]]:
        """(NEW's part, OLD's story, NEW's story, label) for each header and footer part of
        NEW, paired with OLD's in the same section and place (else an empty story)."""
        old_slots = _header_slots(self.old.package, self.old.body)
        new_slots = _header_slots(self.new.package, self.new.body)
        out = []
        seen: set[str] = set()
        for slot, part in new_slots.items():
            if part in seen:
                continue
            seen.add(part)
            section, kind, place = slot
            old_part = old_slots.get(slot) or next((p for (s, k, t), p in old_slots.items() if k == kind and t == place),
                                                   None)
            new_root = self.new.package.xml(part)
            new_story = self.new.story(new_root, part)
            if old_part is not None:
                old_story = self.old.story(self.old.package.xml(old_part), old_part)
                old_story.part = old_part  # type: ignore[attr-defined]
            else:
                old_story = Story(new_root, [])
            label = f"{kind} ({place}{', section ' + str(section + 1) if section else ''})"
            out.append((part, old_story, new_story, label))
        return out


def _header_slots(package: Package, body: etree._Element) -> dict[tuple[int, str, str], str]:
    sections = [p.find(f"{w('pPr')}/{w('sectPr')}") for p in body.iter(w("p"))]
    sections = [s for s in sections if s is not None]
    if body.find(w("sectPr")) is not None:
        sections.append(body.find(w("sectPr")))
    rels = package.relationships(package.main)
    slots = {}
    for index, section in enumerate(sections):
        for ref in section:
            if ref.tag in (w("headerReference"), w("footerReference")):
                rel = rels.get(ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id", ""))
                if rel is not None and not rel.external:
                    kind = "header" if ref.tag == w("headerReference") else "footer"
                    slots[(index, kind, ref.get(w("type"), "default"))] = rel.target
    return slots


def _note_parts(package: Package) -> list[str]:
    return [name for kind in _NOTE_KINDS.values() if (name := package.related(package.main, kind)) is not None]


def _number_bookmarks(root: etree._Element | None) -> None:
    """Number the bookmarks of a part 0, 1, 2… in document order, each end with its start:
    ids must be unique, and an input may repeat one (a copy-paste, another writer)."""
    if root is None:
        return
    open_ids: dict[str, list[etree._Element]] = {}
    number = 0
    for mark in list(root.iter(w("bookmarkStart"), w("bookmarkEnd"))):
        old = mark.get(w("id"), "")
        if mark.tag == w("bookmarkStart"):
            open_ids.setdefault(old, []).append(mark)
            mark.set(w("id"), str(number))
            number += 1
        elif open_ids.get(old):
            mark.set(w("id"), open_ids[old].pop().get(w("id")))
        else:  # an end without its start: nothing to close
            mark.getparent().remove(mark)
    for starts in open_ids.values():  # a start without its end
        for mark in starts:
            mark.getparent().remove(mark)


def _notes_by_id(root: etree._Element | None, kind: str) -> dict[str, etree._Element]:
    return {n.get(w("id"), ""): n for n in root.iter(w(kind))} if root is not None else {}


def _add_notes_part(out: Package, kind: str, plural: str) -> str:
    """A notes part for a NEW document that had none (OLD's deleted notes need one)."""
    import posixpath

    name = posixpath.join(posixpath.dirname(out.main), f"{plural}.xml")
    root = etree.Element(w(plural), nsmap={"w": w("")[1:-1]})
    for number, kind_name in ((-1, "separator"), (0, "continuationSeparator")):
        note = etree.SubElement(root, w(kind), {w("type"): kind_name, w("id"): str(number)})
        etree.SubElement(etree.SubElement(etree.SubElement(note, w("p")), w("r")), w(
            "separator" if kind_name == "separator" else "continuationSeparator"))
    out.add_part(name, b"", TYPES[plural])
    out.trees[name] = root
    out.add_relationship(out.main, f"{REL_TYPES}/{plural}", name)
    return name


def _max_id(package: Package) -> int:
    """The largest w:id of NEW's story parts: revision ids written come after it."""
    found = 0
    for name in package.parts:
        if not name.endswith(".xml") or name.startswith("customXml"):
            continue
        data = package.parts[name]
        if b"w:id=" not in data and name not in package.trees:
            continue
        root = package.xml(name)
        for value in root.xpath("//@w:id", namespaces={"w": w("")[1:-1]}):
            number = whole(value, signed=True)
            if number is not None:
                found = max(found, number)
    return found


# --- reports ---------------------------------------------------------------------------------


def _pieces(block) -> list[Piece]:
    if isinstance(block, OutParagraph) and ((block.move is not None and block.old) or not block.reported):
        return []
    return list(block.report)


def _restyled(block) -> bool:
    if isinstance(block, OutTable):
        return any(_restyled(b) for row in block.rows for cell in row.cells for b in cell)
    return block.ppr_changed or any(item.formatted for item in block.items)


def _block(text: str, label: str) -> Block:
    return Block(Role.BODY, (Run(text),), label=label)


def _change(block, labels: dict[etree._Element, str], notes) -> BlockChange | None:
    """The report line of a body block (|None| for the old place of a move), with the word
    diffs of the notes it calls (`notes(block)`)."""
    if isinstance(block, OutParagraph) and ((block.move is not None and block.old) or not block.reported
                                            or block.verbatim):
        return None
    footnotes = notes(block)
    edited = any(p.op is not Op.EQUAL for p in block.report) or any(f.changed for f in footnotes)
    restyled = _restyled(block)
    if block.paired is None:
        status = Status.DELETED if block.old else Status.INSERTED
    elif isinstance(block, OutParagraph) and block.move is not None:
        status = Status.MOVED
    elif edited or restyled:
        status = Status.CHANGED
    else:
        return None  # unchanged: nothing to report
    pieces = tuple(p for p in block.report if p.text)
    new_text = "".join(p.text for p in block.report if p.op is not Op.DELETE)
    old_text = "".join(p.text for p in block.report if p.op is not Op.INSERT)
    label = labels.get(block.element, "")
    old = None if status is Status.INSERTED else _block(old_text, label)
    new = None if status is Status.DELETED else _block(new_text, label)
    return BlockChange(status, old, new, pieces, footnotes=footnotes, restyled=restyled)


def _labels(side: _Side, shown: set[etree._Element]) -> dict[etree._Element, str]:
    """What a report calls each block of a body that it shows (`shown`): its list number as
    Word shows it ('5.', '(a)'), else '¶7' (its place among the paragraphs), and 'table 2'.
    Every list counts through the whole body; only the labels shown are spelled out."""
    from draftkit.docxread.numbering import ListCounter
    from draftkit.docxread.reader import read_styles

    package = side.package
    styles = read_styles(package.xml(package.related(package.main, "styles") or ""))[0]
    counter = ListCounter(package.xml(package.related(package.main, "numbering") or ""), styles)
    out: dict[etree._Element, str] = {}
    paragraphs = tables = 0
    for block in side.body_story.blocks:
        if isinstance(block, Paragraph):
            paragraphs += 1
            ppr = block.ppr
            style = ppr.find(w("pStyle")) if ppr is not None else None
            wanted = block.element in shown
            number = counter.number(ppr, style.get(w("val"), "") if style is not None else "", True, labelled=wanted)
            if wanted:
                out[block.element] = number.label.strip() if number is not None and number.label.strip() \
                    else f"¶{paragraphs}"
        else:
            tables += 1
            out[block.element] = f"table {tables}"
    return out


#: The children of a `w:sectPr` that `w:sectPrChange` records (CT_SectPrBase, schema order):
#: not the header and footer references, nor the printer settings (a relationship).
_SECTION_BASE = tuple(w(tag) for tag in ("footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
                                           "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign",
                                           "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid"))


def _section_change(section: etree._Element | None, old_tail: list, writer: Writer) -> None:
    """The body's last section properties are NEW's: where OLD's differ (NEW added a section
    at the end, a landscape annex, or changed the page), `w:sectPrChange` records OLD's, so
    that rejecting all gives OLD's page (Word's model, docxread.revisions)."""
    old = next((e for e in old_tail if e.tag == w("sectPr")), None)
    if section is None or old is None or section.find(w("sectPrChange")) is not None:
        return

    def base(props: etree._Element) -> list[etree._Element]:
        return [c for c in props if c.tag in _SECTION_BASE]

    def key(props: etree._Element) -> list[bytes]:
        return [etree.tostring(c, method="c14n") for c in base(props)]

    if key(section) == key(old):
        return
    record = etree.SubElement(writer.stamp(etree.SubElement(section, w("sectPrChange"))), w("sectPr"))
    for child in base(old):
        record.append(copy.deepcopy(child))

