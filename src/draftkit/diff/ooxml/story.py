"""A story (the body, a header, a note, a table cell) read as blocks whose content keeps
its XML: what a DOCX-to-DOCX redline compares, and what it copies into the output.

A paragraph is a list of `Piece`s: text (characters of one run's `w:t`, a tab, a
break), objects (a whole field, an image, a note call, an equation: compared by a key,
never split) and marks (bookmarks, proofing marks, comment ranges: no width, ignored
when comparing, kept when writing). Each piece holds the `Node`s to copy: a run's
child with its run, or a whole element, with the containers (hyperlink, content
control, smart tag) around it. `Paragraph.text` is the paragraph as one string, an
object standing as one OBJECT character, so words can be diffed across split runs.
Knows WordprocessingML; knows nothing of diffs or of the package.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from dataclasses import dataclass, field
from typing import Callable, Iterator

from lxml import etree

from draftkit.docxread.values import R, w
from draftkit.records import record

M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
#: The character an object stands as in `Paragraph.text`.
OBJECT = "\ufffc"

TEXT, OBJ, MARK = "text", "object", "mark"

#: Elements between a paragraph and its runs that wrap runs without being content.
CONTAINERS = {w(t) for t in ("hyperlink", "smartTag", "customXml", "sdt", "sdtContent", "dir", "bdo",
                             "ins", "moveTo", "del", "moveFrom")}
#: Zero-width marks: no text, not compared, kept where NEW has them.
MARKS = {w(t) for t in ("bookmarkStart", "bookmarkEnd", "proofErr", "permStart", "permEnd", "commentRangeStart",
                        "commentRangeEnd", "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
                        "moveToRangeEnd", "customXmlInsRangeStart", "customXmlInsRangeEnd",
                        "customXmlDelRangeStart", "customXmlDelRangeEnd", "customXmlMoveFromRangeStart",
                        "customXmlMoveFromRangeEnd", "customXmlMoveToRangeStart", "customXmlMoveToRangeEnd")}
#: Run children that are marks too (kept with their run).
RUN_MARKS = {w("lastRenderedPageBreak"), w("commentReference"), w("annotationRef")}
#: Run children that are one character of text.
_CHARACTERS = {w("tab"): "\t", w("ptab"): "\t", w("cr"): "\n", w("noBreakHyphen"): "\u2011",
               w("softHyphen"): "\u00ad"}
_NOTE_CALLS = {w("footnoteReference"): "footnote", w("endnoteReference"): "endnote"}
_R, _RPR, _T, _SDT, _SDT_CONTENT, _PPR = w("r"), w("rPr"), w("t"), w("sdt"), w("sdtContent"), w("pPr")
_FLD_CHAR, _FLD_CHAR_TYPE = w("fldChar"), w("fldCharType")
#: Property elements inside a paragraph or its containers: not content.
_SKIPPED = {w(t) for t in ("pPr", "sdtPr", "sdtEndPr", "smartTagPr", "customXmlPr")}
#: Fields whose result every reader computes again as it shows the page (a page number, the
#: date, the file's name): compared by their instruction alone. Other fields (SEQ, REF,
#: LISTNUM …) show the result stored in the file, so a changed result is a change.
VOLATILE_FIELDS = frozenset(
    "PAGE NUMPAGES SECTIONPAGES SECTION DATE TIME PRINTDATE SAVEDATE CREATEDATE EDITTIME FILENAME FILESIZE "
    "NUMWORDS NUMCHARS USERNAME USERINITIALS REVNUM".split())


@record(eq=False)
class Node:
    """One thing a writer copies: `element`, a child of `run` (text, a tab, a drawing, a
    field character), or a whole element when `run` is |None| (a bookmark, an equation,
    a simple field); `chain` are the containers around it inside the paragraph."""

    chain: tuple[etree._Element, ...]
    run: etree._Element | None
    element: etree._Element


@record(eq=False)
class Piece:
    """A stretch of a paragraph: `text` is what it stands for in `Paragraph.text`
    (its characters; OBJECT; '' for a mark); `key` compares objects; `shown` is what a
    reader sees of it; `note` names a note call ('footnote' or 'endnote', its id)."""

    kind: str
    text: str
    nodes: tuple[Node, ...]
    key: str = ""
    shown: str = ""
    note: tuple[str, str] | None = None
    link: str = ""  # the hyperlink around it: 'link:' and its target ('link:#anchor' inside the document)


@dataclass(eq=False)
class Paragraph:
    """A `w:p` of a story: its pieces, its text as one string, and where each piece starts."""

    element: etree._Element
    pieces: list[Piece]
    chain: tuple[etree._Element, ...] = ()  # block-level containers (content controls) around it
    lead: list[etree._Element] = field(default_factory=list)  # marks between blocks, before it
    text: str = ""
    starts: list[int] = field(default_factory=list)
    ppr: etree._Element | None = None  # its properties (`w:pPr`)

    def __post_init__(self) -> None:
        texts = [piece.text for piece in self.pieces]
        self.starts = [0, *accumulate(map(len, texts))][:-1] if texts else []
        self.text = "".join(texts)
        first = next(iter(self.element), None)
        self.ppr = first if first is not None and first.tag == _PPR else None

    @property
    def shown(self) -> str:
        """The text a reader sees (field results, no object characters)."""
        return "".join(p.shown for p in self.pieces)

    def shown_between(self, lo: int, hi: int) -> str:
        """What a reader sees of `text`[lo:hi] (a field's result for its OBJECT character)."""
        out = []
        k = max(bisect_right(self.starts, lo) - 1, 0)
        while k < len(self.pieces) and self.starts[k] < hi:
            piece, start = self.pieces[k], self.starts[k]
            k += 1
            if piece.kind == TEXT and start + len(piece.text) > lo:
                out.append(piece.shown[max(lo - start, 0): hi - start])
            elif piece.kind == OBJ and start >= lo:
                out.append(piece.shown)
        return "".join(out)

    def piece_at(self, offset: int) -> Piece:
        """The (text or object) piece holding character `offset` of `text`."""
        k = bisect_right(self.starts, offset) - 1
        while self.pieces[k].kind == MARK or len(self.pieces[k].text) == 0 or \
                self.starts[k] + len(self.pieces[k].text) <= offset:
            k += 1
        return self.pieces[k]


@dataclass(eq=False)
class Row:
    element: etree._Element
    cells: list[Story]

    @property
    def text(self) -> str:
        return "\t".join(c.text for c in self.cells)

    @property
    def shape(self) -> tuple[str, ...]:
        """The cells' spans: rows of one shape can be diffed cell by cell."""
        return tuple((tc.find(f"{w('tcPr')}/{w('gridSpan')}").get(w("val"), "1")
                      if tc.find(f"{w('tcPr')}/{w('gridSpan')}") is not None else "1")
                     for tc in self.element.iter(w("tc")) if tc.getparent() is self.element)


@dataclass(eq=False)
class Table:
    element: etree._Element
    rows: list[Row]
    chain: tuple[etree._Element, ...] = ()
    lead: list[etree._Element] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(r.text for r in self.rows)


Block = Paragraph | Table


@dataclass(eq=False)
class Story:
    """The blocks of a story container, and what ends it (the body's last `w:sectPr`,
    marks after the last block)."""

    element: etree._Element
    blocks: list[Block]
    tail: list[etree._Element] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    @property
    def shown(self) -> str:
        return " ".join(b.shown if isinstance(b, Paragraph) else b.text for b in self.blocks)


# --- reading --------------------------------------------------------------------------------


@dataclass
class Context:
    """What reading needs from the package: the digest of a related part (by relationship
    id of the story's part), for objects that point at media."""

    target: Callable[[str], str] = lambda rel_id: rel_id


def read_story(container: etree._Element, context: Context | None = None) -> Story:
    """Read the block-level children of `container` (w:body, w:hdr, w:ftr, w:footnote,
    w:tc, w:txbxContent) into a `Story`."""
    reader = _Reader(context or Context())
    blocks: list[Block] = []
    lead: list[etree._Element] = []
    tail: list[etree._Element] = []
    for element, chain in _blocks(container, ()):
        tag = element.tag
        if tag == w("p"):
            blocks.append(reader.paragraph(element, chain, lead))
            lead = []
        elif tag == w("tbl"):
            blocks.append(reader.table(element, chain, lead))
            lead = []
        elif tag == w("sectPr"):
            tail.append(element)  # the body's own section properties, last
        elif tag in MARKS:
            lead.append(element)
        else:
            raise Unsupported(_NAMES.get(tag, f"an element Word does not write between paragraphs "
                                              f"({element.prefix or 'ns0'}:{etree.QName(tag).localname})"))
    return Story(container, blocks, [*lead, *tail])


def _blocks(container: etree._Element, chain: tuple) -> Iterator[tuple[etree._Element, tuple]]:
    for child in container:
        if not isinstance(child.tag, str):
            continue  # comments, processing instructions
        if child.tag == w("sdt"):
            content = child.find(w("sdtContent"))
            if content is not None:
                yield from _blocks(content, (*chain, child, content))
        elif child.tag == w("customXml"):
            yield from _blocks(child, (*chain, child))
        elif child.tag in (w("pPr"), w("tcPr"), w("sdtPr"), w("sdtEndPr"), w("customXmlPr")):
            continue
        else:
            yield child, chain


class _Reader:
    def __init__(self, context: Context):
        self.context = context
        self.field_depth = 0  # a field still open at the end of the previous paragraph

    def table(self, element: etree._Element, chain: tuple, lead: list) -> Table:
        rows = []
        for tr in element:
            if tr.tag == w("tr"):
                cells = [read_story(tc, self.context) for tc in tr if tc.tag == w("tc")]
                rows.append(Row(tr, cells))
            elif tr.tag in (w("sdt"), w("customXml")):
                raise Unsupported("a table row inside a content control or custom XML")
        return Table(element, rows, chain, lead)

    def paragraph(self, element: etree._Element, chain: tuple, lead: list) -> Paragraph:
        raw = list(self._nodes(element, ()))
        return Paragraph(element, list(self._pieces(raw)), chain, lead)

    def _nodes(self, parent: etree._Element, chain: tuple) -> Iterator[Node]:
        """Every run child and paragraph-level element, in order, with its containers."""
        for child in parent:
            tag = child.tag
            if tag == _R:
                for part in child:
                    if part.tag != _RPR and isinstance(part.tag, str):
                        yield Node(chain, child, part)
            elif tag in _SKIPPED or not isinstance(tag, str):
                continue
            elif tag in CONTAINERS:
                if tag == _SDT:
                    content = child.find(_SDT_CONTENT)
                    if content is not None:
                        yield from self._nodes(content, (*chain, child, content))
                else:
                    yield from self._nodes(child, (*chain, child))
            else:
                yield Node(chain, None, child)

    def _pieces(self, nodes: list[Node]) -> Iterator[Piece]:
        k = 0
        while k < len(nodes):
            node = nodes[k]
            tag = node.element.tag
            if tag == _T:  # most nodes are text
                if node.element.text and not self.field_depth:
                    yield self._text(node, node.element.text.replace(OBJECT, "\ufffd"), node.element.text)
                    k += 1
                    continue
            if self.field_depth or (tag == _FLD_CHAR and node.element.get(_FLD_CHAR_TYPE) == "begin"):
                continued = self.field_depth > 0 and k == 0
                end = self._field_end(nodes, k)
                yield self._field(nodes[k:end], continued=continued)
                k = end
                continue
            k += 1
            if node.run is None:
                if tag in MARKS:
                    yield Piece(MARK, "", (node,))
                elif tag == w("fldSimple"):
                    instruction = node.element.get(w("instr"), "")
                    result = "".join(t.text or "" for t in node.element.iter(w("t")))
                    yield Piece(OBJ, OBJECT, (node,), key=field_key(instruction, result), shown=result)
                else:
                    yield self._object(node)
            elif tag == w("t") or tag == w("delText"):
                if node.element.text:
                    yield self._text(node, node.element.text.replace(OBJECT, "\ufffd"), node.element.text)
            elif tag in _CHARACTERS:
                yield self._text(node, _CHARACTERS[tag], _CHARACTERS[tag])
            elif tag == w("br"):
                char = "\n" if node.element.get(w("type"), "textWrapping") == "textWrapping" else "\f"
                yield self._text(node, char, "\n")
            elif tag == w("sym"):
                char = _sym(node.element.get(w("char"), ""))
                yield self._text(node, char, char) if char else self._object(node)
            elif tag in _NOTE_CALLS:
                kind = _NOTE_CALLS[tag]
                yield Piece(OBJ, OBJECT, (node,), key=kind, shown="", note=(kind, node.element.get(w("id"), "")))
            elif tag in RUN_MARKS:
                yield Piece(MARK, "", (node,))
            elif tag in (w("instrText"), w("delInstrText"), w("fldChar")):
                yield self._object(node)  # a stray field character: kept as it is
            else:
                yield self._object(node)

    def _field_end(self, nodes: list[Node], start: int) -> int:
        """Index after the node that closes the field open at `start` (or the paragraph's end)."""
        depth = self.field_depth
        for k in range(start, len(nodes)):
            element = nodes[k].element
            if element.tag == w("fldChar"):
                kind = element.get(w("fldCharType"))
                if kind == "begin":
                    depth += 1
                elif kind == "end":
                    depth -= 1
                    if depth <= 0:
                        self.field_depth = 0
                        return k + 1
        self.field_depth = max(depth, 0)
        return len(nodes)

    def _field(self, nodes: list[Node], continued: bool) -> Piece:
        instruction, result, depth, separated = [], [], 0, False
        for node in nodes:
            element = node.element
            if element.tag == w("fldChar"):
                kind = element.get(w("fldCharType"))
                depth += 1 if kind == "begin" else -1 if kind == "end" else 0
                if kind == "separate" and depth == 1:
                    separated = True
            elif element.tag in (w("instrText"), w("delInstrText")) and depth == 1:
                instruction.append(element.text or "")
            elif element.tag in (w("t"), w("delText")) and (separated or depth > 1 or continued):
                result.append(element.text or "")
            elif element.tag in (w("tab"), w("br")) and separated:
                result.append("\t" if element.tag == w("tab") else "\n")
        shown = "".join(result)
        if continued or self.field_depth:
            key = "field-part:" + "".join(instruction) + "|" + shown  # a field across paragraphs: as it stands
        else:
            key = field_key("".join(instruction), shown)
        return Piece(OBJ, OBJECT, tuple(nodes), key=key, shown=shown)

    def _text(self, node: Node, text: str, shown: str) -> Piece:
        link = ""
        for container in node.chain if node.chain else ():
            if container.tag == w("hyperlink"):
                rel = container.get(f"{{{R}}}id")
                link = "link:" + (self.context.target(rel) if rel else "#" + container.get(w("anchor"), ""))
        return Piece(TEXT, text, (node,), shown=shown, link=link)

    def _object(self, node: Node) -> Piece:
        shown = _SHOWN.get(node.element.tag, "")
        if node.element.tag == f"{{{MC}}}AlternateContent" or node.element.tag == w("drawing"):
            shown = "[text box]" if next(node.element.iter(w("txbxContent")), None) is not None else "[image]"
        return Piece(OBJ, OBJECT, (node,), key=object_key(node.element, self.context.target), shown=shown)


#: What a report shows for an object that has no words of its own.
_SHOWN = {w("pict"): "[image]", w("object"): "[embedded object]", f"{{{M}}}oMath": "[equation]",
          f"{{{M}}}oMathPara": "[equation]", w("ruby"): "[ruby text]"}


class Unsupported(Exception):
    """A construct the redline cannot carry (the message names it: 'a table row inside …')."""


_NAMES = {w("altChunk"): "an embedded document (w:altChunk)", w("subDoc"): "a subdocument (w:subDoc)"}


def field_key(instruction: str, result: str) -> str:
    """What compares a field: its instruction (words, switches; spacing ignored), and its
    result unless every reader computes it again anyway (PAGE, DATE: see VOLATILE_FIELDS)."""
    words = instruction.split()
    name = words[0].upper() if words else ""
    normal = " ".join([name, *words[1:]])
    return f"field:{normal}" if name in VOLATILE_FIELDS else f"field:{normal}|{result}"


_VOLATILE = re.compile(r'\s(?:w:rsid\w*|w14:paraId|w14:textId|id|name)="[^"]*"')
_REL_VALUE = re.compile(r'\sr:(?:embed|id|link|pict)="([^"]*)"')


def object_key(element: etree._Element, target: Callable[[str], str]) -> str:
    """What compares an object: its XML without ids that writers renumber, with each
    relationship replaced by what it points to (an image's bytes digest, a link's address)."""
    xml = etree.tostring(element, encoding="unicode")
    xml = _REL_VALUE.sub(lambda m: f' rel="{target(m.group(1))}"', xml)
    xml = _VOLATILE.sub("", xml)
    import hashlib  # here: OpenSSL's import, paid only by documents holding objects

    return "object:" + hashlib.sha1(xml.encode("utf-8")).hexdigest()


def _sym(code: str) -> str:
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    if 0xF020 <= value <= 0xF0FF:
        value -= 0xF000
    return chr(value) if 0 < value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF else ""


def rel_ids(element: etree._Element) -> Iterator[tuple[etree._Element, str]]:
    """(element, attribute name) of every relationship reference at or under `element`."""
    for inner in element.iter():
        for name in inner.attrib:
            if name.startswith(f"{{{R}}}"):
                yield inner, name
