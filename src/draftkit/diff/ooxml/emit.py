"""Write the redline blocks of `match` as WordprocessingML: NEW's own elements copied where
nothing changed, OLD's where they were deleted, each change wrapped in `w:ins`, `w:del`,
`w:moveFrom`/`w:moveTo` (runs), `w:pPr/w:rPr/w:ins|w:del` (paragraph marks),
`w:trPr/w:ins|w:del` (table rows), `w:pPrChange` and `w:rPrChange` (properties).

`settle` first moves paragraph-mark revisions as LibreOffice and Word need them (see
`diff.redline`, whose rules for drafts these are). Knows the XML of revisions; the
package (relationships, styles, lists brought from OLD) is `parts.Imports`'.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from lxml import etree

from draftkit.diff.ooxml.match import (DEL, GONE_ON_ACCEPT, GONE_ON_REJECT, INS, MOVE_FROM, MOVE_TO, Item,
                                       OutParagraph, OutRow, OutTable, deleted_as_old)
from draftkit.diff.ooxml.parts import Imports
from draftkit.diff.words import tokens
from draftkit.docxread.values import w
from draftkit.render.tree import RevisionKind

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_PROPERTY_CHILDREN = {w(t) for t in ("sdtPr", "sdtEndPr", "smartTagPr", "customXmlPr")}
_PPR_AFTER_RPR = (w("sectPr"), w("pPrChange"))
_DELETED_TAGS = {w("t"): w("delText"), w("instrText"): w("delInstrText")}
_WRAPPER = {INS: "ins", DEL: "del", MOVE_FROM: "moveFrom", MOVE_TO: "moveTo"}
_ROW_MARKS = {w(t) for t in ("ins", "del", "trPrChange")}
_MARK = {INS: "ins", DEL: "del", MOVE_FROM: "del", MOVE_TO: "ins"}  # as `render.docx` writes moves' marks


@dataclass
class NotePlan:
    """What the note of a written note call holds: diffed (both ids, no revision), NEW's or
    OLD's text whole with `revision`, or NEW's as it stands."""

    kind: str  # 'footnote' or 'endnote'
    revision: RevisionKind | None
    old_id: str | None
    new_id: str | None
    from_old: bool


@dataclass
class Writer:
    """Writes the blocks of one part; `imports` brings OLD's references into that part."""

    imports: Imports
    author: str
    date: datetime
    ids: list[int]  # the next revision id, shared by every part of the output
    notes: dict[etree._Element, NotePlan] = field(default_factory=dict)  # by written note call

    def stamp(self, element: etree._Element) -> etree._Element:
        self.ids[0] += 1
        element.set(w("id"), str(self.ids[0]))
        element.set(w("author"), self.author)
        moment = self.date.astimezone(timezone.utc) if self.date.tzinfo else self.date
        element.set(w("date"), moment.strftime("%Y-%m-%dT%H:%M:%SZ"))
        return element

    # stories

    def story(self, blocks: list, parent: etree._Element) -> None:
        """Append the blocks (settled) to `parent`, inside copies of NEW's content controls."""
        open_chain: list[tuple[etree._Element, etree._Element]] = []
        for block in settle(blocks):
            chain = block.chain
            keep = 0
            while keep < len(open_chain) and keep < len(chain) and open_chain[keep][0] is chain[keep]:
                keep += 1
            del open_chain[keep:]
            for source in chain[keep:]:
                target = open_chain[-1][1] if open_chain else parent
                open_chain.append((source, target.makeelement(source.tag, dict(source.attrib))))
                target.append(open_chain[-1][1])
                for child in source:
                    if child.tag in _PROPERTY_CHILDREN:
                        open_chain[-1][1].append(copy.deepcopy(child))
            target = open_chain[-1][1] if open_chain else parent
            for mark in block.lead:
                target.append(copy.deepcopy(mark))
            target.append(self.table(block) if isinstance(block, OutTable) else self.paragraph(block))

    def table(self, out: OutTable) -> etree._Element:
        source = out.element
        table = etree.Element(w("tbl"), dict(source.attrib))
        for child in source:
            if child.tag in (w("tblPr"), w("tblGrid")):
                table.append(self._copy(child, out.old))
        for row in out.rows:
            table.append(self.row(row))
        return table

    def row(self, out: OutRow) -> etree._Element:
        source = out.element
        row = etree.Element(w("tr"), _attributes(source, out.old))
        for child in source:
            if child.tag in (w("tblPrEx"), w("trPr")):
                row.append(self._copy(child, out.old))
        if out.mark is not None:
            props = row.find(w("trPr"))
            if props is None:
                props = etree.Element(w("trPr"))
                before = row.find(w("tblPrEx"))
                row.insert(0 if before is None else 1, props)
            if not any(c.tag not in _ROW_MARKS for c in props):
                # the schema wants one row property before the revision: "may split" is the default
                props.insert(0, etree.Element(w("cantSplit"), {w("val"): "off"}))
            change = props.find(w("trPrChange"))
            mark = self.stamp(etree.Element(w(_MARK[out.mark])))
            if change is not None:
                change.addprevious(mark)
            else:
                props.append(mark)
        cells = [c for c in source if c.tag == w("tc")]
        for tc, blocks in zip(cells, out.cells):
            cell = etree.SubElement(row, w("tc"), dict(tc.attrib))
            props = tc.find(w("tcPr"))
            if props is not None:
                cell.append(self._copy(props, out.old))
            self.story(blocks, cell)
            if cell.find(w("p")) is None:
                cell.append(etree.Element(w("p")))
        return row

    # paragraphs

    def paragraph(self, out: OutParagraph) -> etree._Element:
        source = out.element
        if out.verbatim:
            p = copy.deepcopy(source)
            ppr = p.find(w("pPr"))
            if out.mark is not None:  # a mark moved onto it (see `settle`)
                if ppr is None:
                    ppr = etree.Element(w("pPr"))
                    p.insert(0, ppr)
                self._mark(ppr, out.mark)
            return p
        p = etree.Element(w("p"), _attributes(source, out.old))
        props = source.find(w("pPr")) if out.ppr_from is None else out.ppr_from
        ppr = self._copy(props, out.old and out.ppr_from is None) if props is not None else None
        if ppr is not None and out.old and out.ppr_from is None:
            for section in ppr.findall(w("sectPr")):  # OLD's section break: its headers are OLD's parts
                ppr.remove(section)
        if out.mark is not None:
            if ppr is None:
                ppr = etree.Element(w("pPr"))
            self._mark(ppr, out.mark)
        if out.ppr_changed:
            if ppr is None:
                ppr = etree.Element(w("pPr"))
            self._change(ppr, "pPrChange", out.old_ppr, (w("rPr"), w("sectPr"), w("pPrChange")))
        if ppr is not None:
            p.append(ppr)
        self.content(p, out)
        return p

    def content(self, p: etree._Element, out: OutParagraph) -> None:
        items = out.items
        moved = [k for k, item in enumerate(items) if item.revision in (MOVE_FROM, MOVE_TO)]
        state = _State(p)
        for k, item in enumerate(items):
            if moved and k == moved[0]:
                state.close_wrapper()
                state.container().append(self._range_mark(items[k].revision, out.move, start=True))
            self.item(state, item)
            if moved and k == moved[-1]:
                state.close_wrapper()
                state.container().append(self._range_mark(items[k].revision, out.move, start=False))

    def _mark(self, ppr: etree._Element, mark: RevisionKind) -> None:
        """The paragraph mark's revision, first in the mark's `w:rPr` (made before `w:sectPr`
        and `w:pPrChange`, as the schema orders them)."""
        rpr = ppr.find(w("rPr"))
        if rpr is None:
            rpr = etree.Element(w("rPr"))
            after = next((c for c in ppr if c.tag in _PPR_AFTER_RPR), None)
            if after is not None:
                after.addprevious(rpr)
            else:
                ppr.append(rpr)
        rpr.insert(0, self.stamp(etree.Element(w(_MARK[mark]))))

    def _change(self, props: etree._Element, tag: str, old: etree._Element | None, skip: tuple[str, ...]) -> None:
        """Record OLD's properties in `props` (`w:pPrChange` / `w:rPrChange`, the last child)."""
        record = etree.SubElement(etree.SubElement(props, w(tag)), props.tag)
        self.stamp(record.getparent())
        for child in old if old is not None else ():
            if child.tag not in skip:
                record.append(self._copy(child, True))

    def _range_mark(self, revision: RevisionKind, name: str | None, *, start: bool) -> etree._Element:
        tag = "moveFrom" if revision is MOVE_FROM else "moveTo"
        if start:
            mark = self.stamp(etree.Element(w(f"{tag}RangeStart")))
            mark.set(w("name"), name or f"move{self.ids[0]}")
            self._range = mark.get(w("id"))
            return mark
        return etree.Element(w(f"{tag}RangeEnd"), {w("id"): self._range})

    def item(self, state: "_State", item: Item) -> None:
        node = item.node
        chain = node.chain if not item.old else tuple(c for c in node.chain if c.tag == w("hyperlink"))
        state.enter(chain, lambda source: self._container(source, item.old))
        if node.run is None:
            if item.revision is None:
                state.close_wrapper()
                state.container().append(self._copy(node.element, item.old))
            else:
                wrapper = state.wrapper(item.revision, self._wrapper)
                for element in self._whole(node.element, item):
                    wrapper.append(element)
            state.run = None
            return
        parent = state.wrapper(item.revision, self._wrapper) if item.revision is not None else state.unwrapped()
        key = (id(node.run), id(parent), item.formatted, id(item.old_rpr))
        if state.run is None or state.run_key != key:
            state.run = etree.SubElement(parent, w("r"), _attributes(node.run, item.old))
            state.run_key = key
            rpr = node.run.find(w("rPr"))
            rpr = self._copy(rpr, item.old) if rpr is not None else None
            if item.formatted:
                if rpr is None:
                    rpr = etree.Element(w("rPr"))
                self._change(rpr, "rPrChange", item.old_rpr, (w("rPrChange"), *map(w, _WRAPPER.values())))
            if rpr is not None:
                state.run.append(rpr)
        deleted = item.revision is DEL
        if item.text is not None:
            state.run.append(_text(item.text, deleted))
        else:
            state.run.append(self._child(node.element, item, deleted))

    def _child(self, element: etree._Element, item: Item, deleted: bool) -> etree._Element:
        copied = self._copy(element, item.old)
        if deleted:
            _as_deleted(copied)
        if item.notes is not None and element.tag in (w("footnoteReference"), w("endnoteReference")):
            kind = "footnote" if element.tag == w("footnoteReference") else "endnote"
            old_id, new_id = item.notes
            self.notes[copied] = NotePlan(kind, item.revision, old_id, new_id, item.old)
        return copied

    def _whole(self, element: etree._Element, item: Item) -> list[etree._Element]:
        """A paragraph-level element under a revision: a simple field becomes the runs of a
        complex one (`w:fldSimple` cannot sit inside `w:ins`/`w:del`)."""
        deleted = item.revision is DEL
        if element.tag != w("fldSimple"):
            copied = self._copy(element, item.old)
            if deleted:
                _as_deleted(copied)
            return [copied]
        runs = [r for r in element if r.tag == w("r")]
        rpr = runs[0].find(w("rPr")) if runs else None

        def run(*children: etree._Element) -> etree._Element:
            made = etree.Element(w("r"))
            if rpr is not None:
                made.append(self._copy(rpr, item.old))
            for child in children:
                made.append(child)
            return made

        instruction = etree.Element(w("delInstrText" if deleted else "instrText"))
        instruction.text = element.get(w("instr"), "")
        instruction.set(XML_SPACE, "preserve")
        out = [run(etree.Element(w("fldChar"), {w("fldCharType"): "begin"})), run(instruction),
               run(etree.Element(w("fldChar"), {w("fldCharType"): "separate"}))]
        for result in runs:
            copied = self._copy(result, item.old)
            if deleted:
                _as_deleted(copied)
            out.append(copied)
        out.append(run(etree.Element(w("fldChar"), {w("fldCharType"): "end"})))
        return out

    def _wrapper(self, revision: RevisionKind) -> etree._Element:
        return self.stamp(etree.Element(w(_WRAPPER[revision])))

    def _container(self, source: etree._Element, old: bool) -> etree._Element:
        made = etree.Element(source.tag, dict(source.attrib))
        for child in source:
            if child.tag in _PROPERTY_CHILDREN:
                made.append(copy.deepcopy(child))
        return self.imports.element(made) if old else made

    def _copy(self, element: etree._Element, old: bool) -> etree._Element:
        copied = copy.deepcopy(element)
        return self.imports.element(copied) if old else copied


class _State:
    """Where the next item goes: the open containers (copies of hyperlinks, content
    controls…), the open revision wrapper, and the run being filled."""

    def __init__(self, paragraph: etree._Element):
        self.stack: list[tuple[etree._Element | None, etree._Element]] = [(None, paragraph)]
        self.open: tuple[RevisionKind, etree._Element] | None = None
        self.run: etree._Element | None = None
        self.run_key: tuple = ()

    def container(self) -> etree._Element:
        return self.stack[-1][1]

    def enter(self, chain: tuple, make) -> None:
        keep = 0
        while keep + 1 < len(self.stack) and keep < len(chain) and self.stack[keep + 1][0] is chain[keep]:
            keep += 1
        if keep + 1 == len(self.stack) and keep == len(chain):
            return
        del self.stack[keep + 1:]
        self.open, self.run = None, None
        for source in chain[keep:]:
            made = make(source)
            self.container().append(made)
            self.stack.append((source, made))

    def wrapper(self, revision: RevisionKind, make) -> etree._Element:
        if self.open is None or self.open[0] is not revision or self.open[1].getparent() is not self.container():
            self.open = (revision, make(revision))
            self.container().append(self.open[1])
            self.run = None
        return self.open[1]

    def close_wrapper(self) -> None:
        if self.open is not None:
            self.open, self.run = None, None

    def unwrapped(self) -> etree._Element:
        if self.open is not None:
            self.close_wrapper()
        return self.container()


def _attributes(element: etree._Element, old: bool) -> dict:
    attributes = dict(element.attrib)
    if old:  # paragraph ids must stay unique
        for name in list(attributes):
            if name.endswith(("}paraId", "}textId")):
                del attributes[name]
    return attributes


def _as_deleted(element: etree._Element) -> None:
    """Its text and field instructions as deleted ones (`w:delText`, `w:delInstrText`)."""
    for inner in element.iter(*_DELETED_TAGS):
        inner.tag = _DELETED_TAGS[inner.tag]


def _text(text: str, deleted: bool) -> etree._Element:
    element = etree.Element(w("delText" if deleted else "t"))
    element.text = text
    if text != text.strip() or "  " in text:
        element.set(XML_SPACE, "preserve")
    return element


# --- where paragraph-mark revisions go (LibreOffice and Word) ---------------------------------


def settle(blocks: list) -> list:
    """The blocks with mark revisions moved and line ends kept apart, as `diff.redline`
    does for drafts (see `_marks_up`, `_close_the_end`, `_apart` there for why)."""
    blocks = list(blocks)  # `_close_the_end` may join two blocks: the caller's list stays for reports
    _marks_up(blocks)
    _close_the_end(blocks)
    _apart(blocks)
    return blocks


def _fate(mark: RevisionKind | None) -> tuple | None:
    """Which way a mark goes: away on accepting, away on rejecting, or |None| (no mark)."""
    if mark is None:
        return None
    return GONE_ON_ACCEPT if mark in GONE_ON_ACCEPT else GONE_ON_REJECT


def _group(block) -> tuple | None:
    return _fate(block.mark) if isinstance(block, OutParagraph) else None


def _has_section(block: OutParagraph) -> bool:
    return block.element.find(f"{w('pPr')}/{w('sectPr')}") is not None


def _marks_up(blocks: list) -> None:
    k = 1
    while k < len(blocks):
        group = _group(blocks[k])
        before = blocks[k - 1]
        if group is None or not isinstance(before, OutParagraph) or before.mark is not None:
            k += 1
            continue
        end = k
        while end < len(blocks) and _group(blocks[end]) == group:
            end += 1
        last = blocks[end - 1]
        restyled = before.look != last.look and _above_table(blocks, end, group, before)
        if ((before.look == last.look or restyled) and not before.ppr_changed and not last.ppr_changed
                and not before.calls_note and not _has_section(before) and not _has_section(last)):
            marks = [b.mark for b in blocks[k:end]] + [None]
            for block, mark in zip(blocks[k - 1:end], marks):
                block.mark = mark
            if restyled and group == GONE_ON_REJECT:  # rejected, the words before join the last mark
                last.ppr_changed, last.old_ppr = True, before.paired.ppr
            elif restyled:  # accepted, they join it: it shows their look, its own recorded as the old one
                last.ppr_changed, last.old_ppr = True, last.element.find(w("pPr"))
                mine = before.element.find(w("pPr"))
                last.ppr_from = mine if mine is not None else etree.Element(w("pPr"))
        k = end


def _above_table(blocks: list, end: int, group: tuple, before: OutParagraph) -> bool:
    """True when paragraphs added (or removed) right above a table (an annex heading) follow
    a paragraph of both sides. Their last mark cannot go on rejecting (accepting) them:
    LibreOffice joins no paragraph to a table, so it kept an empty paragraph there. The mark
    of the paragraph before goes instead, and the last one takes that paragraph's look in
    the state where they join (`w:pPrChange`)."""
    if end >= len(blocks) or not isinstance(blocks[end], OutTable) or before.old or before.paired is None:
        return False
    return not blocks[end - 1].old if group == GONE_ON_REJECT else blocks[end - 1].old


def _close_the_end(blocks: list) -> None:
    """The document's last paragraph mark cannot go: where the story ends with paragraphs
    (and tables) added or removed, each mark takes the fate of the next paragraph's, from
    the last paragraph of both sides on. A table added or removed whole is passed over:
    NEW's paragraph after its final table (or OLD's) was left empty by rejecting
    (accepting) all. A story ending with such a table gets no paragraph after it (LibreOffice
    showed it on the other side): the last paragraph of the run, above that table, keeps its
    mark. That paragraph, holding then the words of the one before the run, takes their look in that
    state (`w:pPrChange`), as in `_above_table`: Word keeps the properties of the mark that
    stays (LibreOffice the first paragraph's)."""
    end = len(blocks)
    while end and (_group(blocks[end - 1]) is not None or _whole_table(blocks[end - 1])):
        end -= 1
    if end == 0 and blocks:
        _join_the_ends(blocks)
        return
    if end == len(blocks) or not isinstance(blocks[end - 1], OutParagraph) or _has_section(blocks[end - 1]):
        return
    before = blocks[end - 1]
    paragraphs = [before, *(b for b in blocks[end:] if isinstance(b, OutParagraph))]
    last = paragraphs[-1]
    group = _group(last)
    marks = [b.mark for b in paragraphs[1:]] + [None]
    for block, mark in zip(paragraphs, marks):
        block.mark = mark
    if last.ppr_changed:
        return
    if group == GONE_ON_REJECT:  # rejected, the words before join the last mark: their old look
        if before.ppr_changed:
            last.ppr_changed, last.old_ppr = True, before.old_ppr
        elif before.look != last.look and before.paired is not None:
            last.ppr_changed, last.old_ppr = True, before.paired.ppr
    elif group == GONE_ON_ACCEPT:  # accepted, they join it: it shows their look, its own recorded as the old one
        mine = before.ppr_from if before.ppr_from is not None else None if before.old else before.element.find(w("pPr"))
        if before.ppr_from is not None or (before.look != last.look and not before.old):
            last.ppr_changed, last.old_ppr = True, last.element.find(w("pPr"))
            last.ppr_from = mine if mine is not None else etree.Element(w("pPr"))


def _join_the_ends(blocks: list) -> None:
    """A story with no paragraph of both sides (OLD's paragraphs removed, NEW's added, as when
    NEW adds an annex after unrelated text): no mark can take the fate of the last one, which
    rejecting (accepting) all left empty after OLD's (NEW's) last paragraph. The last
    paragraph of the other side, when no block of its side follows it, is written into the
    last one instead (its deleted words first, the mark kept), which shows NEW's look with
    OLD's recorded (`w:pPrChange`, or `ppr_from` on an OLD paragraph)."""
    paragraphs = [k for k, b in enumerate(blocks) if isinstance(b, OutParagraph)]
    if len(paragraphs) < 2:
        return
    at = paragraphs[-1]
    last = blocks[at]
    group = _group(last)
    if group is None:
        return
    mine = next((k for k in reversed(paragraphs[:-1]) if _group(blocks[k]) not in (None, group)), None)
    if mine is None or any(_group(b) != group and not (_whole_table(b) and _table_group(b) == group)
                           for b in blocks[mine + 1:] if b is not last):
        return
    other = blocks[mine]
    if any(b.verbatim or b.ppr_changed or b.ppr_from is not None or b.move is not None or b.lead or b.chain
           or _has_section(b) for b in (other, last)):
        return
    deleted, inserted = (other, last) if group == GONE_ON_REJECT else (last, other)
    old_ppr = deleted.element.find(w("pPr"))
    joined = replace(last, items=[*deleted.items, *inserted.items], mark=None, ppr_changed=True, old_ppr=old_ppr)
    if last.old:  # an OLD paragraph: NEW's look written on it
        joined.ppr_from = inserted.element.find(w("pPr"))
        if joined.ppr_from is None:
            joined.ppr_from = etree.Element(w("pPr"))
    blocks[at] = joined
    del blocks[mine]


def _table_group(block) -> tuple:
    return _fate(block.rows[0].mark)


def _whole_table(block) -> bool:
    """True for a table whose every row is added (or every row removed)."""
    if not isinstance(block, OutTable) or not block.rows:
        return False
    groups = {_fate(r.mark) for r in block.rows}
    return None not in groups and len(groups) == 1


def _content(items: list[Item]) -> list[int]:
    """Indices of the items that are text or objects (not marks)."""
    return [k for k, item in enumerate(items) if not _is_mark(item)]


def _is_mark(item: Item) -> bool:
    from draftkit.diff.ooxml.story import MARKS, RUN_MARKS

    return item.node.element.tag in MARKS or item.node.element.tag in RUN_MARKS


def _apart(blocks: list) -> None:
    for block, after in zip(blocks, blocks[1:]):
        if not isinstance(block, OutParagraph) or not isinstance(after, OutParagraph) or block.mark is not None:
            continue
        mine, theirs = _content(block.items), _content(after.items)
        last = block.items[mine[-1]].revision if mine else None
        first = after.items[theirs[0]].revision if theirs else None if after.verbatim else after.mark
        if last is INS and first is INS:
            block.items = _end_with_deletion(block.items)


def _end_with_deletion(items: list[Item]) -> list[Item]:
    content = _content(items)
    inserted = len(content)
    while inserted and items[content[inserted - 1]].revision is INS:
        inserted -= 1
    deleted = inserted
    while deleted and items[content[deleted - 1]].revision is DEL:
        deleted -= 1
    if deleted < inserted:  # … [deleted][inserted] → … [inserted][deleted]
        lo, mid = content[deleted], content[inserted]
        return [*items[:lo], *items[mid:], *items[lo:mid]]
    if not deleted:
        return items
    plain = items[content[deleted - 1]]
    if plain.revision is not None or plain.text is None or not plain.text.strip():
        return items  # only a word of plain text can be shown replaced
    words = tokens(plain.text)
    head, word = "".join(words[:-1]), words[-1]
    at = content[deleted - 1]
    widened = ([_slice(plain, head, None)] if head else []) + [_slice(plain, word, INS)]
    # the deleted copy is OLD's: written from NEW's run, a word whose look changed kept
    # NEW's look, and rejecting every change left it so
    gone = deleted_as_old(plain, len(head), len(word)) or [_slice(plain, word, DEL)]
    return [*items[:at], *widened, *items[at + 1:], *gone]


def _slice(item: Item, text: str, revision: RevisionKind | None) -> Item:
    """Part of a kept text item: kept (its look's change too), or inserted (NEW's look)."""
    if revision is None:
        return replace(item, text=text)
    return Item(revision, item.node, text, item.old, notes=item.notes)
