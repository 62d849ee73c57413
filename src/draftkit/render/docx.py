"""DocTree → DOCX bytes, with the styles of a reference DOCX, real list numbering, real
footnotes and tracked-change marks.

Writes WordprocessingML as text, element order as the schema requires (Word refuses
out-of-order properties). `write_run` writes one run, `write_ppr` one paragraph's
properties; revisions wrap runs there. Reproducible: fixed dates and zip timestamps,
ids from document order. Knows no YAML and no drafting rules.
"""

from __future__ import annotations

import functools
import re
import zipfile
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path

from draftkit.errors import InputError
from draftkit.inline import Style
from draftkit.languages import known as known_language, language as language_data
from draftkit.scripts import direction_runs
from draftkit.render import page
from draftkit.render.numbering import PREAMBULAR_LEVELS, Level, operative_levels
from draftkit.render.page import style_id
from draftkit.render.tree import Block, DocTree, FootnoteBody, Revision, RevisionKind, Role, Run, Table

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

#: The paragraph style of each role, as named in the reference DOCX.
ROLE_STYLES = {
    Role.HEADER: "ResolutionHeader",
    Role.TITLE: "ResolutionTitle",
    Role.SUBTITLE: "ResolutionSubtitle",
    Role.AUTHORING: "Authoring",
    Role.PREAMBULAR: "Preambular",
    Role.OPERATIVE: "Operative",
    Role.SUBPARAGRAPH: "Subparagraph",
    Role.CLOSING: "ResolutionClosing",
    Role.ANNEX_TITLE: "ResolutionTitle",
    Role.ANNEX: "Normal",
    Role.SECTION_BREAK: "Normal",
    Role.MEMORANDUM: "Operative",  # a reference's ResolutionMemorandum style replaces it (Block.style)
    Role.BODY: "Normal",
}

OPERATIVE_NUM = 1  # w:numId of the operative list
PREAMBULAR_NUM = 2  # w:numId of the (optional) preambular numbering
SUBLIST_ABSTRACT = 2  # w:abstractNumId of the restarted sub-paragraph lists
#: Indents per operative level (twips): the number sits at the first-line indent.
LEVEL_INDENTS = ('<w:ind w:left="0" w:firstLine="567"/>', '<w:ind w:left="1134" w:hanging="567"/>',
                 '<w:ind w:left="1701" w:hanging="567"/>')


def escape(text: str) -> str:
    """Return `text` safe inside an XML element or a double-quoted attribute."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@dataclass
class _Ids:
    """The document being written: counters for ids that must be unique in it (revisions,
    move ranges), and its writing system — `rtl` (Arabic: `w:bidi` paragraphs, `w:rtl` runs
    with left-to-right inserts kept apart) and `east_asia` (Chinese: runs hinted East Asian)."""

    revision: int = 0
    rtl: bool = False
    east_asia: bool = False
    #: The paragraph styles the package defines: a heading line's own style is used only when
    #: one of them (a template naming a style the reference lacks falls back to its role's).
    styles: frozenset[str] = frozenset()
    #: The `w:sectPr` a section-break paragraph ends its section with (the resolution's
    #: section, running heads and all; see `Role.SECTION_BREAK`).
    section_break: str = ""

    def style_of(self, block: Block, default: str) -> str:
        """The style id a block is written in: its own (`block.style`) when defined, else `default`."""
        if block.style:
            own = style_id(block.style)
            if own in self.styles:
                return own
        return default

    @classmethod
    def for_language(cls, language: str) -> "_Ids":
        """Fresh counters for a document in `language` (its direction and script from its data)."""
        if not known_language(language):
            return cls()
        data = language_data(language)
        return cls(rtl=data.rtl, east_asia=data.script == "han")

    def next_revision(self) -> int:
        self.revision += 1
        return self.revision


# --- runs and paragraph properties ---------------------------------------------------------


def text_element(text: str, deleted: bool = False) -> str:
    """Return a `w:t` (or `w:delText` inside a deletion) keeping spaces."""
    tag = "w:delText" if deleted else "w:t"
    space = ' xml:space="preserve"' if text != text.strip() or "  " in text else ""
    return f"<{tag}{space}>{escape(text)}</{tag}>"


def _stamp(moment: datetime) -> str:
    """Return a W3C date-time in UTC (a naive moment is taken as UTC)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def revision_attributes(revision: Revision, ids: _Ids) -> str:
    """Return the w:id, w:author and w:date attributes of a revision mark (a fresh id)."""
    return f'w:id="{ids.next_revision()}" w:author="{escape(revision.author)}" w:date="{_stamp(revision.date)}"'


@functools.lru_cache(maxsize=64)
def style_properties(style: Style) -> str:
    """Return the `w:rPr` children for an inline style, in schema order."""
    children = ""
    if Style.BOLD in style:
        children += "<w:b/><w:bCs/>"
    if Style.ITALIC in style:
        children += "<w:i/><w:iCs/>"
    if Style.SMALL_CAPS in style:
        children += "<w:smallCaps/>"
    if Style.SUPERSCRIPT in style:
        children += '<w:vertAlign w:val="superscript"/>'
    elif Style.SUBSCRIPT in style:
        children += '<w:vertAlign w:val="subscript"/>'
    return children


def write_rpr(run: Run, ids: _Ids | None = None, *, rtl: bool = False) -> str:
    """Return the run's `w:rPr` (children in schema order), '' when it has none; a tracked
    formatting change (`run.was`) is its last child, `w:rPrChange` holding the old properties.
    `rtl` marks right-to-left text (`w:rtl`); Chinese documents hint runs East Asian."""
    if run.raw_rpr is not None:
        return run.raw_rpr
    children = '<w:rStyle w:val="FootnoteReference"/>' if run.footnote is not None else ""
    if ids is not None and ids.east_asia and run.footnote is None:
        children += '<w:rFonts w:hint="eastAsia"/>'
    own = style_properties(run.style) + ("<w:rtl/>" if rtl else "")
    children += own
    if run.was is not None and ids is not None:
        children += (f"<w:rPrChange {revision_attributes(run.was.revision, ids)}>"
                     f"<w:rPr>{style_properties(run.was.style)}{'<w:rtl/>' if rtl else ''}</w:rPr></w:rPrChange>")
    return f"<w:rPr>{children}</w:rPr>" if children else ""


def write_run(run: Run, ids: _Ids) -> str:
    """Return one `w:r` (a footnote reference when `run.footnote`), wrapped in its revision mark.

    In a right-to-left document the text becomes several runs: right-to-left stretches
    marked `w:rtl`, and each left-to-right insert ("A/RES/74/174", "2019") a run of its own
    without it, so Word and LibreOffice keep its characters in order."""
    deleted = run.revision is not None and run.revision.kind in (RevisionKind.DELETE, RevisionKind.MOVE_FROM)
    if run.footnote is not None:
        xml = f'<w:r>{write_rpr(run, ids)}<w:footnoteReference w:id="{run.footnote}"/></w:r>'
    elif ids.rtl and run.raw_rpr is None:
        xml = "".join(
            f"<w:r>{write_rpr(run, ids, rtl=rtl)}"
            f"{''.join(_text_and_breaks(piece, deleted and run.revision.kind is RevisionKind.DELETE))}</w:r>"
            for piece, rtl in direction_runs(run.text))
    else:
        content = "".join(_text_and_breaks(run.text, deleted and run.revision.kind is RevisionKind.DELETE))
        xml = f"<w:r>{write_rpr(run, ids)}{content}</w:r>"
    if run.revision is None:
        return xml
    return wrap_revision(xml, run.revision, ids)


def _text_and_breaks(text: str, deleted: bool) -> list[str]:
    """Text elements, with tabs and line breaks as Word's own elements."""
    out: list[str] = []
    for piece in re.split(r"(\t|\n)", text):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece == "\n":
            out.append("<w:br/>")
        elif piece:
            out.append(text_element(piece, deleted))
    return out


def wrap_revision(xml: str, revision: Revision, ids: _Ids) -> str:
    """Wrap run XML in w:ins / w:del / w:moveFrom / w:moveTo (a move's range marks are the
    paragraph's: see `write_runs`)."""
    tag = revision.kind.value
    return f"<w:{tag} {revision_attributes(revision, ids)}>{xml}</w:{tag}>"


_MOVES = (RevisionKind.MOVE_FROM, RevisionKind.MOVE_TO)


def write_runs(runs: tuple[Run, ...], ids: _Ids) -> str:
    """Return a paragraph's runs; moved runs lie inside ONE named move range
    (`w:moveFromRangeStart` … `End`, or moveTo), from the first moved run to the last."""
    moved = [k for k, run in enumerate(runs) if run.revision is not None and run.revision.kind in _MOVES]
    if not moved:
        return "".join(write_run(r, ids) for r in runs)
    first, last = moved[0], moved[-1]
    revision = runs[first].revision
    assert revision is not None
    before = "".join(write_run(r, ids) for r in runs[:first])
    inside = "".join(write_run(r, ids) for r in runs[first : last + 1])
    tag, range_id = revision.kind.value, ids.next_revision()
    name = escape(revision.move or f"move{range_id}")
    start = (f'<w:{tag}RangeStart w:id="{range_id}" w:author="{escape(revision.author)}" '
             f'w:date="{_stamp(revision.date)}" w:name="{name}"/>')
    return (before + start + inside + f'<w:{tag}RangeEnd w:id="{range_id}"/>'
            + "".join(write_run(r, ids) for r in runs[last + 1 :]))


def write_ppr(block: Block, num_id: int | None, ids: _Ids) -> str:
    """Return the paragraph's `w:pPr`: style, list numbering, a paragraph-mark revision,
    and the OLD properties of a tracked property change (`w:pPrChange`, last child)."""
    if block.raw_ppr is not None:
        return _raw_ppr_with_mark(block, ids)
    children = _style_and_numbering(block.role, block.level, num_id, ids.rtl,
                                    ids.style_of(block, ROLE_STYLES[block.role]))
    if block.mark_revision is not None:
        children += f"<w:rPr>{_mark_xml(block.mark_revision, ids)}</w:rPr>"
    if block.role is Role.SECTION_BREAK and ids.section_break:
        children += ids.section_break
    change = block.format_change
    if change is not None:
        old_id = old_num_id(change.role, change.numbered, num_id) if change.numbered else None
        children += (f"<w:pPrChange {revision_attributes(change.revision, ids)}>"
                     f"<w:pPr>{_style_and_numbering(change.role, change.level, old_id, ids.rtl)}</w:pPr></w:pPrChange>")
    return f"<w:pPr>{children}</w:pPr>"


def _style_and_numbering(role: Role, level: int, num_id: int | None, rtl: bool = False, style: str = "") -> str:
    """pStyle, numPr and (right-to-left documents) `w:bidi`, in schema order."""
    xml = f'<w:pStyle w:val="{style or ROLE_STYLES[role]}"/>'
    if role is Role.ANNEX_TITLE:
        xml += "<w:pageBreakBefore/>"  # an annex starts on a page of its own
    if num_id is not None:
        xml += f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    return xml + ("<w:bidi/>" if rtl else "")


def old_num_id(role: Role, numbered: bool, num_id: int | None) -> int | None:
    """Return the list a paragraph was in before a property change: the operative or
    preambular list, or (a sub-paragraph) the list it is in now."""
    if not numbered:
        return None
    if role is Role.PREAMBULAR:
        return PREAMBULAR_NUM
    if role is Role.SUBPARAGRAPH and num_id is not None:
        return num_id
    return OPERATIVE_NUM


def _mark_xml(revision: Revision, ids: _Ids) -> str:
    tag = {RevisionKind.MOVE_FROM: "del", RevisionKind.MOVE_TO: "ins"}.get(revision.kind, revision.kind.value)
    return f"<w:{tag} {revision_attributes(revision, ids)}/>"


_PPR_RPR_OPEN = re.compile(r"<w:rPr\b[^>]*?(/?)>")
_PPR_TAIL = re.compile(r"<w:sectPr\b|<w:pPrChange\b|</w:pPr>")


def _raw_ppr_with_mark(block: Block, ids: _Ids) -> str:
    """A foreign paragraph's own `w:pPr` with the paragraph-mark revision put in its `w:rPr`
    (first child there; `w:rPr` itself goes before `w:sectPr`/`w:pPrChange`, as the schema says)."""
    raw = block.raw_ppr or ""
    if block.mark_revision is None:
        return raw
    mark = _mark_xml(block.mark_revision, ids)
    if raw.rstrip().endswith("/>") and raw.lstrip().startswith("<w:pPr") and "</w:pPr>" not in raw:
        raw = raw.rstrip()[:-2] + "></w:pPr>"
    found = _PPR_RPR_OPEN.search(raw)
    if found and found.group(1):  # an empty <w:rPr/>
        return raw[: found.start()] + f"<w:rPr>{mark}</w:rPr>" + raw[found.end():]
    if found:
        return raw[: found.end()] + mark + raw[found.end():]
    tail = _PPR_TAIL.search(raw)
    at = tail.start() if tail else len(raw)
    return raw[:at] + f"<w:rPr>{mark}</w:rPr>" + raw[at:]


def write_paragraph(block: Block, num_id: int | None, ids: _Ids) -> str:
    """Return one `w:p` (a `w:tbl` for a table block, see `Block.shown_table`)."""
    if (table := block.shown_table) is not None:
        return write_table(table, ids)
    return f"<w:p>{write_ppr(block, num_id, ids)}{write_runs(block.runs, ids)}</w:p>"


#: The width tables are laid out in (twips): the text width of an A4 page with 2.5 cm margins.
TABLE_WIDTH = 9072
_BORDERS = "".join(f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                   for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))


def write_table(table: Table, ids: _Ids) -> str:
    """Return a `w:tbl`: ruled, as wide as the text, equal columns, heading rows repeated on
    each page (`w:tblHeader`); a short row gets empty cells (a cell always holds a paragraph).
    Right to left in a right-to-left document (`w:bidiVisual`)."""
    columns = max((len(row) for row in table.rows), default=1) or 1
    width = TABLE_WIDTH // columns
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in range(columns))
    paragraph = f'<w:pPr><w:pStyle w:val="Normal"/>{"<w:bidi/>" if ids.rtl else ""}</w:pPr>'
    rows = []
    for number, row in enumerate(table.rows):
        header = "<w:trPr><w:tblHeader/></w:trPr>" if number < table.header_rows else ""
        cells = "".join(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                        f"<w:p>{paragraph}{write_runs(cell, ids)}</w:p></w:tc>"
                        for cell in [*row, *[()] * (columns - len(row))])
        rows.append(f"<w:tr>{header}{cells}</w:tr>")
    properties = (f'<w:tblPr>{"<w:bidiVisual/>" if ids.rtl else ""}<w:tblW w:w="{width * columns}" w:type="dxa"/>'
                  f'<w:tblBorders>{_BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/>'
                  '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
                  'w:noHBand="0" w:noVBand="1"/></w:tblPr>')
    return f"<w:tbl>{properties}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


# --- numbering -----------------------------------------------------------------------------


def list_numbers(tree: DocTree) -> list[int | None]:
    """Return each block's w:numId (|None| when unnumbered), and restarted lists as needed.

    Operative paragraphs share one list whose levels restart after a higher level.
    Sub-paragraphs whose parent is not a numbered operative paragraph (a preambular
    paragraph, a single operative paragraph) get a list of their own starting at (a);
    the memorandum's paragraphs one starting at 1.
    """
    numbers: list[int | None] = []
    current_sub = OPERATIVE_NUM
    restarts = 0
    memorandum: int | None = None
    for block in tree.blocks:
        if block.role is Role.MEMORANDUM and block.numbered:
            if memorandum is None:
                restarts += 1
                memorandum = PREAMBULAR_NUM + restarts
            numbers.append(memorandum)
        elif not block.numbered:
            numbers.append(None)
            if block.role is not Role.SUBPARAGRAPH:
                restarts += 1
                current_sub = PREAMBULAR_NUM + restarts
        elif block.role is Role.PREAMBULAR:
            numbers.append(PREAMBULAR_NUM)
            restarts += 1
            current_sub = PREAMBULAR_NUM + restarts
        elif block.role is Role.SUBPARAGRAPH:
            numbers.append(current_sub)
        else:
            numbers.append(OPERATIVE_NUM)
            current_sub = OPERATIVE_NUM
    used = sorted({n for n in numbers if n is not None and n > PREAMBULAR_NUM})
    # renumber restart lists densely so ids do not depend on unrelated blocks
    dense = {old: PREAMBULAR_NUM + 1 + index for index, old in enumerate(used)}
    return [dense.get(n, n) if n is not None else None for n in numbers]


def _level_xml(index: int, level: Level, indent: str, *, suffix: str = "tab") -> str:
    tab = '<w:tabs><w:tab w:val="num" w:pos="1134"/></w:tabs>' if index == 0 and suffix == "tab" else ""
    return (
        f'<w:lvl w:ilvl="{index}"><w:start w:val="1"/><w:numFmt w:val="{level.format}"/>'
        + (f'<w:suff w:val="{suffix}"/>' if suffix != "tab" else "")
        + f'<w:lvlText w:val="{level.text}"/><w:lvlJc w:val="left"/>'
        f"<w:pPr>{tab}{indent}</w:pPr></w:lvl>"
    )


def numbering_xml(language: str, restart_lists: int) -> str:
    """Return numbering.xml: the operative list (1. / (a) / (i)), the preambular one, and
    `restart_lists` sub-paragraph lists that each start again at (a).

    The sub-paragraph lists have a definition of their own: LibreOffice counts every
    w:num of one definition in one list, so a preambular (a) in the operative list's
    definition counted as an operative item and the first operative paragraph showed "2.".
    Each w:num restarts every level (`w:startOverride`), which Word and LibreOffice honour.
    """
    levels = operative_levels(language)
    operative = "".join(_level_xml(i, level, LEVEL_INDENTS[i]) for i, level in enumerate(levels))
    preambular = _level_xml(0, PREAMBULAR_LEVELS[0], '<w:ind w:left="0" w:firstLine="0"/>', suffix="space")
    restart = "".join(f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="1"/></w:lvlOverride>'
                      for i in range(len(levels)))
    restarts = "".join(
        f'<w:num w:numId="{PREAMBULAR_NUM + 1 + i}"><w:abstractNumId w:val="{SUBLIST_ABSTRACT}"/>{restart}</w:num>'
        for i in range(restart_lists)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="{W_NS}">'
        f'<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>{operative}</w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>{preambular}</w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="{SUBLIST_ABSTRACT}"><w:multiLevelType w:val="multilevel"/>'
        f"{operative}</w:abstractNum>"
        f'<w:num w:numId="{OPERATIVE_NUM}"><w:abstractNumId w:val="0"/></w:num>'
        f'<w:num w:numId="{PREAMBULAR_NUM}"><w:abstractNumId w:val="1"/></w:num>'
        f"{restarts}</w:numbering>"
    )


# --- footnotes -----------------------------------------------------------------------------


def footnotes_xml(footnotes: tuple[FootnoteBody, ...], ids: _Ids) -> str:
    """Return footnotes.xml: the two separators (ids -1 and 0) and one note per number."""
    bidi = "<w:bidi/>" if ids.rtl else ""
    notes = "".join(
        f'<w:footnote w:id="{note.number}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/>{bidi}</w:pPr>'
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> </w:t></w:r>{write_runs(note.runs, ids)}</w:p></w:footnote>'
        for note in footnotes
    )
    spacing = '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">'
        f'<w:footnote w:type="separator" w:id="-1"><w:p>{spacing}<w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p>{spacing}'
        f"<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>{notes}</w:footnotes>"
    )


# --- the package ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """What a document takes from its reference DOCX: styles, theme, fonts, page setup."""

    styles: str
    section: str
    theme: bytes | None
    font_table: bytes | None


def builtin_reference(body: str = "") -> Path:
    """Return the path of draftkit's own reference DOCX: the body's house styles
    (`data/reference.<body>.docx`, e.g. the UN General Assembly's 10 pt on 12 pt) when
    there is one, else the default (`data/reference.docx`)."""
    from draftkit import DATA

    own = DATA / f"reference.{body}.docx"
    return own if body and own.is_file() else DATA / "reference.docx"


def read_reference(path: Path | None, body: str = "") -> Reference:
    """Read a reference DOCX (|None|: the built-in one of `body`); styles the document needs
    and it lacks come from the built-in one of `body`.

    Read once per process and file version (a build writes several languages; `--watch`
    sees an edited reference). Raises `InputError` when `path` is not a readable DOCX.
    """
    if path is None:
        return _builtin_reference(body)
    try:
        stat = path.stat()
    except OSError as exc:
        raise InputError(f"cannot read the reference DOCX ({exc.strerror})", where=path,
                         fix="check 'reference_docx:' in draftkit.yaml") from None
    return _project_reference(path, stat.st_mtime_ns, stat.st_size, body)


@functools.cache
def _builtin_parts(body: str = "") -> dict[str, bytes]:
    return _read_parts(builtin_reference(body))


@functools.cache
def _builtin_reference(body: str = "") -> Reference:
    return _reference(_builtin_parts(body), merge=False, body=body)


@functools.lru_cache(maxsize=8)
def _project_reference(path: Path, mtime_ns: int, size: int, body: str = "") -> Reference:
    """The reference of one version of a project's file (the stat values key the cache)."""
    parts = _read_parts(path)
    if "word/styles.xml" not in parts:
        raise InputError("reference DOCX has no styles part", where=path, fix="save it from Word as .docx")
    return _reference(parts, merge=True, body=body)


def _reference(parts: dict[str, bytes], *, merge: bool, body: str = "") -> Reference:
    builtin = _builtin_parts(body)
    styles = parts["word/styles.xml"].decode("utf-8")
    if merge:
        styles = _merge_missing_styles(styles, builtin["word/styles.xml"].decode("utf-8"))
    document = parts.get("word/document.xml", builtin["word/document.xml"]).decode("utf-8")
    return Reference(
        styles=styles,
        section=_section(document) or _section(builtin["word/document.xml"].decode("utf-8")),
        theme=parts.get("word/theme/theme1.xml", builtin["word/theme/theme1.xml"]),
        font_table=parts.get("word/fontTable.xml", builtin["word/fontTable.xml"]),
    )


def _read_parts(path: Path) -> dict[str, bytes]:
    """The parts a reference gives, read with the limits of any DOCX draftkit reads (a
    regular file, zip-bomb limits counted while inflating), as UTF-8 text where XML."""
    from draftkit.docxread.package import read_parts

    wanted = ("word/styles.xml", "word/document.xml", "word/theme/theme1.xml", "word/fontTable.xml")
    try:
        parts = read_parts(path, wanted)
        for name in ("word/styles.xml", "word/document.xml"):
            if name in parts:
                parts[name].decode("utf-8")
    except InputError as error:
        raise InputError(f"cannot read the reference DOCX: {error.what}", where=path,
                         fix="check 'reference_docx:' in draftkit.yaml") from None
    except UnicodeDecodeError:
        raise InputError("cannot read the reference DOCX: its styles are not UTF-8 XML", where=path,
                         fix="save it again from Word as .docx") from None
    return parts


_STYLE = re.compile(r"<w:style\b[^>]*?w:styleId=\"([^\"]+)\".*?</w:style>", re.DOTALL)


def _merge_missing_styles(styles: str, builtin: str) -> str:
    """Append the built-in definition of every role style the project's styles lack."""
    have = set(_STYLE_IDS.findall(styles))
    # every built-in style: the role styles, and those the layouts' heading lines name
    extra = "".join(m.group() for m in _STYLE.finditer(builtin) if m.group(1) not in have)
    return styles.replace("</w:styles>", extra + "</w:styles>") if extra else styles


_STYLE_IDS = re.compile(r"<w:style\b[^>]*?w:styleId=\"([^\"]+)\"")
_SECTION = re.compile(r"<w:sectPr\b.*?</w:sectPr>|<w:sectPr\b[^>]*/>", re.DOTALL)
_HEADER_FOOTER = re.compile(r"<w:(?:header|footer)Reference\b[^>]*/>")


def _section(document: str) -> str:
    """The body's last section properties, without header/footer links (their parts are not copied)."""
    found = _SECTION.findall(document)
    return _HEADER_FOOTER.sub("", found[-1]) if found else ""


def _with_language(styles: str, language: str) -> str:
    """Set the language and fonts of the document defaults from the language's data: the
    proofing language (Word checks French as French; `w:eastAsia` / `w:bidi` for Chinese and
    Arabic), and the East Asian and complex-script fonts (`w:rFonts/@w:eastAsia`, `@w:cs`)."""
    if not known_language(language):
        return styles
    data = language_data(language)
    defaults = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", styles, flags=re.DOTALL)
    if defaults is None:
        return styles
    block = defaults.group()
    if data.script in ("latin", "cyrillic"):  # w:val is the language of Latin-script (and Cyrillic) text
        block = _set_attribute(block, "w:lang", "w:val", data.tag)
    if data.script == "han":
        block = _set_attribute(block, "w:lang", "w:eastAsia", data.tag)
    if data.rtl:
        block = _set_attribute(block, "w:lang", "w:bidi", data.tag)
    fonts = {"latin": ("w:ascii", "w:hAnsi"), "east_asia": ("w:eastAsia",), "complex": ("w:cs",)}
    for kind, name in data.fonts.items():
        for attribute in fonts[kind]:
            block = _set_attribute(block, "w:rFonts", attribute, name)
    return styles[: defaults.start()] + block + styles[defaults.end():]


def _set_attribute(xml: str, element: str, attribute: str, value: str) -> str:
    """Set `attribute` of the first `element` in `xml` (added when missing; the element too,
    first in its `w:rPr`, where rFonts and lang may both go for the schema's order)."""
    found = re.search(rf"<{element}\b[^>]*?/?>", xml)
    if found is None:
        at = xml.find("<w:rPr>") + len("<w:rPr>")
        if element == "w:lang":
            at = xml.find("</w:rPr>")
        return xml[:at] + f'<{element} {attribute}="{escape(value)}"/>' + xml[at:]
    tag = found.group()
    if re.search(rf'\s{attribute}="', tag):
        tag = re.sub(rf'(\s{attribute}=")[^"]*(")', rf"\g<1>{escape(value)}\g<2>", tag)
    else:
        tag = tag.replace(f"<{element}", f'<{element} {attribute}="{escape(value)}"', 1)
    return xml[: found.start()] + tag + xml[found.end():]


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    + "".join(
        f'<Override PartName="/{name}" ContentType="{kind}"/>'
        for name, kind in (
            ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
            ("word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"),
            ("word/settings.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"),
            ("word/numbering.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"),
            ("word/footnotes.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"),
            ("word/fontTable.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"),
            ("word/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"),
            ("docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            ("docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
        )
    )
    + "</Types>"
)


def _relationships(targets: list[tuple[str, str]]) -> str:
    items = "".join(
        f'<Relationship Id="rId{i}" Type="{kind}" Target="{target}"/>' for i, (kind, target) in enumerate(targets, 1)
    )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL_NS}">{items}</Relationships>'


ROOT_RELS = _relationships([
    (f"{REL_NS}/officeDocument", "word/document.xml"),
    ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
    (f"{REL_NS}/extended-properties", "docProps/app.xml"),
])
DOCUMENT_RELS = _relationships([
    (f"{REL_NS}/styles", "styles.xml"),
    (f"{REL_NS}/settings", "settings.xml"),
    (f"{REL_NS}/numbering", "numbering.xml"),
    (f"{REL_NS}/footnotes", "footnotes.xml"),
    (f"{REL_NS}/fontTable", "fontTable.xml"),
    (f"{REL_NS}/theme", "theme/theme1.xml"),
])
SETTINGS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="{W_NS}">'
    '<w:defaultTabStop w:val="567"/><w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
    'w:val="15"/></w:compat></w:settings>'
)
APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>draftkit</Application></Properties>"
)


def _tag(language: str) -> str:
    """The document's language tag ('fr-FR'); a language draftkit has no data for as it is."""
    return language_data(language).tag if known_language(language) else language


def core_xml(tree: DocTree, author: str) -> str:
    """Core properties with the tree's fixed date, so two builds give the same part."""
    stamp = _stamp(tree.created or datetime(1980, 1, 1, tzinfo=timezone.utc))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(tree.title)}</dc:title><dc:creator>{escape(author)}</dc:creator>"
        f"<cp:lastModifiedBy>{escape(author)}</cp:lastModifiedBy>"
        f'<dc:language>{_tag(tree.language)}</dc:language>'
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def document_xml(tree: DocTree, section: str, ids: _Ids, numbers: list[int | None] | None = None) -> str:
    """Return document.xml: one `w:p` per block (in the lists `numbers` gives, else
    `list_numbers(tree)`), then the reference's section properties."""
    if numbers is None:
        numbers = list_numbers(tree)
    body = page.body_xml(tree, numbers, page.text_width(section), lambda block, num: write_paragraph(block, num, ids))
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}{section}</w:body></w:document>'
    )


def docx_parts(tree: DocTree, reference: Path | None = None, *, author: str = "draftkit") -> dict[str, bytes]:
    """Return every part of the DOCX package by name (compare these, not the zip bytes)."""
    ref = read_reference(reference, tree.page.body if tree.page is not None else "")
    ids = replace(_Ids.for_language(tree.language), styles=frozenset(_STYLE_IDS.findall(ref.styles)))
    numbers = list_numbers(tree)
    sized = page.section_xml(ref.section, tree.page, page.NO_HEADS)
    heads = page.running_heads(tree.page, page.text_width(sized), ids.style_of, ids.rtl,
                               lambda run: write_run(run, ids))
    section = page.section_xml(ref.section, tree.page, heads)
    after = page.NO_HEADS
    if any(block.role is Role.SECTION_BREAK for block in tree.blocks):
        # the resolution's section ends at the break with its running heads; the section
        # after it (the memorandum) has its own, its pages numbered from 1, or else no header
        # references, so it takes the resolution's (Word's "link to previous") with a first
        # page of its own
        ids.section_break = section
        after = page.running_heads(tree.page, page.text_width(sized), ids.style_of, ids.rtl,
                                   lambda run: write_run(run, ids), after_break=True)
        section = page.section_xml(ref.section, tree.page, after if after.references else
                                   replace(heads, references=""), restart=bool(after.references))
    document = document_xml(tree, section, ids, numbers)
    footnotes = footnotes_xml(tree.footnotes, ids)
    restart_lists = max((n for n in numbers if n is not None), default=0) - PREAMBULAR_NUM
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": _with_overrides(CONTENT_TYPES, heads.content_types + after.content_types),
        "_rels/.rels": ROOT_RELS,
        "docProps/app.xml": APP,
        "docProps/core.xml": core_xml(tree, author),
        "word/_rels/document.xml.rels": _with_relationships(DOCUMENT_RELS, heads.relationships + after.relationships),
        "word/document.xml": document,
        "word/fontTable.xml": ref.font_table or b"",
        "word/footnotes.xml": footnotes,
        "word/numbering.xml": numbering_xml(tree.language, max(restart_lists, 0)),
        "word/settings.xml": SETTINGS.replace('<w:defaultTabStop w:val="567"/>',
                                              '<w:defaultTabStop w:val="567"/><w:evenAndOddHeaders/>', 1)
        if heads.even or after.even else SETTINGS,
        "word/styles.xml": _with_language(ref.styles, tree.language),
        "word/theme/theme1.xml": ref.theme or b"",
    }
    parts.update(heads.parts)
    parts.update(after.parts)
    return {name: value.encode("utf-8") if isinstance(value, str) else value for name, value in parts.items()}


def _with_overrides(types: str, overrides: tuple[tuple[str, str], ...]) -> str:
    extra = "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides)
    return types.replace("</Types>", extra + "</Types>")


def _with_relationships(rels: str, relationships: tuple[tuple[str, str, str], ...]) -> str:
    extra = "".join(f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>' for rid, kind, target in relationships)
    return rels.replace("</Relationships>", extra + "</Relationships>")


def write_docx(tree: DocTree, reference: Path | None = None, *, author: str = "draftkit") -> bytes:
    """Return the DOCX file of `tree` as bytes, identical for identical input.

    `reference` is a DOCX whose styles, theme, fonts and page setup are used (draftkit's
    own for the tree's body when |None|).
    """
    return zip_parts(docx_parts(tree, reference, author=author), created=tree.created)


def zip_parts(parts: dict[str, bytes], *, created: datetime | None = None) -> bytes:
    """Return a zip package of `parts` (in the given order), identical for identical input:
    every entry is stamped with `created`'s day (1980-01-01 when |None|) and mode 0644.

    Every DOCX draftkit writes passes here: the package is checked first (see
    `render.package.check_package`), so a damaged one is never written (exit 3).
    """
    from draftkit.render.package import check_package

    check_package(parts)
    day = created or datetime(1980, 1, 1)
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
