"""Write a redline tree as a DOCX: draftkit's own package for drafts, or NEW's own
package (styles, numbering, settings, page setup) when NEW was a DOCX file.

Paragraphs, runs and the zip are written by `render.docx`; this module only decides
which package they go into, and how a printed redline keeps its list levels. Knows
nothing of diffing.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from pathlib import Path, PurePosixPath

from draftkit.render import docx as writer
from draftkit.render.tree import DocTree, Role

_BODY = re.compile(rb"(<w:body\b[^>]*>)(.*)(</w:body>)", re.DOTALL)
_FOOTNOTE_PR = re.compile(rb"<w:footnotePr>.*?</w:footnotePr>", re.DOTALL)
_FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_FOOTNOTES_TARGET = re.compile(rb'<Relationship\b[^>]*?Type="[^"]*/footnotes"[^>]*?/>')
_TARGET = re.compile(rb'Target="([^"]+)"')
_IDS = re.compile(rb'<w:[A-Za-z]+\b[^>]*?\bw:id="(\d{1,9})"')


def tracked_docx(tree: DocTree, *, base: Path | None = None, main_part: str = "word/document.xml",
                 reference: Path | None = None, author: str = "draftkit", printed: bool = False) -> bytes:
    """Return the DOCX bytes of a redline tree, identical for identical input.

    Without `base`, draftkit's writer builds the package (with `reference`'s styles);
    with `base` (a DOCX whose document part is `main_part`), its package is kept and
    only the body and footnotes change. `printed`: list numbers typed as text (see
    `redline.numbers_as_text`), each paragraph keeping its list level's indentation.
    """
    if printed:
        tree = _typed_numbers(tree)
    if base is None:
        return writer.write_docx(tree, reference, author=author)
    return _into_package(tree, base, main_part)


def _typed_numbers(tree: DocTree) -> DocTree:
    """The tree with numbers as text; a paragraph that lost its list keeps the list level's
    indent and tab through its own properties (a foreign paragraph keeps its numbering)."""
    from draftkit.diff.redline import numbers_as_text

    typed = numbers_as_text(tree)
    blocks = []
    for before, block in zip(tree.blocks, typed.blocks):
        if before.numbered and not block.numbered and block.raw_ppr is None:
            block = replace(block, raw_ppr=_indented_ppr(block.role, block.level), format_change=None)
        blocks.append(block)
    return replace(typed, blocks=tuple(blocks))


def _indented_ppr(role: Role, level: int) -> str:
    if role is Role.PREAMBULAR:
        indent, tabs = '<w:ind w:left="0" w:firstLine="0"/>', ""
    else:
        indent = writer.LEVEL_INDENTS[min(level, len(writer.LEVEL_INDENTS) - 1)]
        tabs = '<w:tabs><w:tab w:val="left" w:pos="1134"/></w:tabs>' if level == 0 else ""
    return f'<w:pPr><w:pStyle w:val="{writer.ROLE_STYLES[role]}"/>{tabs}{indent}</w:pPr>'


def _into_package(tree: DocTree, base: Path, main_part: str) -> bytes:
    from draftkit.diff.kept import check_written
    from draftkit.docxread.strict import transitional

    with zipfile.ZipFile(base) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
    parts = {name: transitional(data) if name.endswith((".xml", ".rels")) else data for name, data in parts.items()}

    document = parts[main_part]
    ids = writer._Ids()
    # kept XML brings NEW's own ids (comments, bookmarks): our revision ids come after them
    ids.revision = max((int(n) for n in _IDS.findall(document)), default=0)
    pieces = []
    for block in tree.blocks:
        check_written(block)
        pieces.append(block.kept.xml if block.kept is not None else writer.write_paragraph(block, None, ids))
    body = "".join(pieces).encode("utf-8")
    match = _BODY.search(document)
    if match is None:  # docxread has already refused documents without a body
        raise ValueError(f"no w:body in {main_part}")
    tail = _final_section(document)
    parts[main_part] = document[: match.start(2)] + body + tail + document[match.end(2):]
    folder = PurePosixPath(main_part).parent
    rels_name = str(folder / "_rels" / (PurePosixPath(main_part).name + ".rels"))
    notes_name = _footnotes_part(parts.get(rels_name, b""), folder)
    if tree.footnotes or notes_name in parts:
        _ensure_footnotes(parts, rels_name, notes_name, folder)
        parts[notes_name] = writer.footnotes_xml(tree.footnotes, ids).encode("utf-8")
        settings = str(folder / "settings.xml")
        if settings in parts:  # our separators are -1 and 0 (LibreOffice uses 0 and 1)
            parts[settings] = _FOOTNOTE_PR.sub(
                b'<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>', parts[settings])
    return writer.zip_parts(parts, created=tree.created)


def _final_section(document: bytes) -> bytes:
    """The body's own last `w:sectPr` (the last section's page setup), as XML; not one
    inside a paragraph's properties, which ends an earlier section and goes with its paragraph."""
    from lxml import etree

    body = etree.fromstring(document).find(f"{{{writer.W_NS}}}body")
    last = body[-1] if body is not None and len(body) else None
    if last is None or last.tag != f"{{{writer.W_NS}}}sectPr":
        return b""
    return etree.tostring(last, encoding="utf-8").strip()


def _footnotes_part(rels: bytes, folder: PurePosixPath) -> str:
    """The footnotes part the main part relates to, or where a new one goes."""
    found = _FOOTNOTES_TARGET.search(rels)
    target = _TARGET.search(found.group(0)) if found else None
    if target is None:
        return str(folder / "footnotes.xml")
    name = target.group(1).decode("utf-8")
    return name.lstrip("/") if name.startswith("/") else str(folder / name)


def _ensure_footnotes(parts: dict[str, bytes], rels_name: str, notes_name: str, folder: PurePosixPath) -> None:
    """Relate a footnotes part from the document (and declare its type) when NEW had none."""
    rels = parts.get(rels_name, b"")
    if _FOOTNOTES_TARGET.search(rels) is None:
        target = PurePosixPath(notes_name).relative_to(folder)
        entry = f'<Relationship Id="rIdDraftkitFootnotes" Type="{_FOOTNOTES_REL}" Target="{target}"/>'
        parts[rels_name] = rels.replace(b"</Relationships>", entry.encode() + b"</Relationships>")
    types = parts.get("[Content_Types].xml", b"")
    if f'PartName="/{notes_name}"'.encode() not in types:
        entry = f'<Override PartName="/{notes_name}" ContentType="{_FOOTNOTES_TYPE}"/>'
        parts["[Content_Types].xml"] = types.replace(b"</Types>", entry.encode() + b"</Types>")
