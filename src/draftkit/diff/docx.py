"""Write a redline tree as a DOCX: draftkit's own package for drafts, or NEW's own
package (styles, numbering, settings, page setup) when NEW was a DOCX file.

Paragraphs and runs are written by `render.docx`; this module only decides which
package they go into. Knows nothing of diffing.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path

from draftkit.render import docx as writer
from draftkit.render.tree import DocTree

_BODY = re.compile(rb"(<w:body\b[^>]*>)(.*)(</w:body>)", re.DOTALL)
_SECTION = re.compile(rb"<w:sectPr\b.*?</w:sectPr>\s*$|<w:sectPr\b[^>]*/>\s*$", re.DOTALL)
_FOOTNOTE_PR = re.compile(rb"<w:footnotePr>.*?</w:footnotePr>", re.DOTALL)
_FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def tracked_docx(tree: DocTree, *, base: Path | None = None, reference: Path | None = None,
                 author: str = "draftkit") -> bytes:
    """Return the DOCX bytes of a redline tree, identical for identical input.

    Without `base`, draftkit's writer builds the package (with `reference`'s styles);
    with `base` (a DOCX), its package is kept and only the body and footnotes change.
    """
    if base is None:
        return writer.write_docx(tree, reference, author=author)
    return _into_package(tree, base)


def _into_package(tree: DocTree, base: Path) -> bytes:
    with zipfile.ZipFile(base) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
    ids = writer._Ids()
    body = "".join(writer.write_paragraph(block, None, ids) for block in tree.blocks).encode("utf-8")
    document = parts["word/document.xml"]
    match = _BODY.search(document)
    if match is None:  # docxread has already refused documents without a body
        raise ValueError("no w:body in word/document.xml")
    section = _SECTION.search(match.group(2))
    tail = section.group(0) if section else b""
    parts["word/document.xml"] = document[: match.start(2)] + body + tail + document[match.end(2):]
    footnotes = writer.footnotes_xml(tree.footnotes, ids).encode("utf-8")
    if tree.footnotes or "word/footnotes.xml" in parts:
        _ensure_footnotes(parts)
        parts["word/footnotes.xml"] = footnotes
        if "word/settings.xml" in parts:  # our separators are -1 and 0 (LibreOffice uses 0 and 1)
            parts["word/settings.xml"] = _FOOTNOTE_PR.sub(
                b'<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>',
                parts["word/settings.xml"])
    created = tree.created
    stamp = (max(created.year, 1980), created.month, created.day, 0, 0, 0) if created else (1980, 1, 1, 0, 0, 0)
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            out.writestr(info, data)
    return buffer.getvalue()


def _ensure_footnotes(parts: dict[str, bytes]) -> None:
    """Relate a footnotes part from the document (and declare its type) when NEW had none."""
    rels_name = "word/_rels/document.xml.rels"
    rels = parts.get(rels_name, b"")
    if b"footnotes.xml" not in rels:
        entry = f'<Relationship Id="rIdDraftkitFootnotes" Type="{_FOOTNOTES_REL}" Target="footnotes.xml"/>'
        parts[rels_name] = rels.replace(b"</Relationships>", entry.encode() + b"</Relationships>")
    types = parts.get("[Content_Types].xml", b"")
    if b"/word/footnotes.xml" not in types:
        entry = f'<Override PartName="/word/footnotes.xml" ContentType="{_FOOTNOTES_TYPE}"/>'
        parts["[Content_Types].xml"] = types.replace(b"</Types>", entry.encode() + b"</Types>")
