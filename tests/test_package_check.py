"""Every DOCX draftkit writes is checked before the rename: a damaged package is an
internal error (exit 3) and nothing is written, never a corrupt file with exit 0."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from conftest import invoke
from click.testing import CliRunner

from draftkit.errors import InternalError
from draftkit.render import docx as writer
from draftkit.render.package import check_package
from draftkit.render.tree import Block, DocTree, Role, Run


def _parts() -> dict[str, bytes]:
    tree = DocTree("en", (Block(Role.BODY, (Run("Text."),)),))
    return writer.docx_parts(tree)


def _swap(parts: dict[str, bytes], name: str, old: bytes, new: bytes) -> dict[str, bytes]:
    assert old in parts[name], (name, old)
    return {**parts, name: parts[name].replace(old, new, 1)}


def test_a_sound_package_passes():
    check_package(_parts())


@pytest.mark.parametrize("damage, message", [
    (lambda p: _swap(p, "word/document.xml", b"</w:body>", b"</w:p></w:body>"), "word/document.xml is not well-formed"),
    (lambda p: {k: v for k, v in p.items() if k != "word/numbering.xml"}, "missing part"),
    (lambda p: {**p, "word/media/x.png": b"png"}, "word/media/x.png has no content type"),
    (lambda p: _swap(p, "word/document.xml", b"<w:r>", b'<w:r><w:drawing r:embed="rId99"/>'),
     "refers to relationship rId99"),
    (lambda p: _swap(p, "word/document.xml", b"<w:r>",
                     b'<w:ins w:id="7" w:author="a" w:date="2020-01-01T00:00:00Z"/>'
                     b'<w:del w:id="7" w:author="a" w:date="2020-01-01T00:00:00Z"/><w:r>'), "revision id 7 is used 2 times"),
    (lambda p: _swap(p, "word/document.xml", b"<w:r>",
                     b'<w:bookmarkStart w:id="1" w:name="a"/><w:bookmarkStart w:id="1" w:name="b"/><w:r>'),
     "bookmark id 1 is used 2 times"),
    (lambda p: _swap(p, "word/document.xml", b"<w:r>", b'<w:r><w:footnoteReference w:id="5"/></w:r><w:r>'),
     "calls footnote 5, which is missing"),
    (lambda p: _swap(p, "word/document.xml", b"<w:r>", b'<w:commentRangeStart w:id="3"/><w:r>'),
     "anchors comment 3, which is missing"),
    (lambda p: _swap(p, "word/document.xml", b"<w:r>",
                     b'<w:moveToRangeStart w:id="9" w:author="a" w:date="2020-01-01T00:00:00Z" w:name="m"/><w:r>'),
     "move range in word/document.xml is not closed"),
])
def test_a_damaged_package_is_an_internal_error(damage, message):
    with pytest.raises(InternalError) as caught:
        check_package(damage(_parts()))
    assert message in str(caught.value)
    assert caught.value.exit_code == 3


def _multi_section(path: Path, extra: str = "") -> Path:
    import docx
    from docx.enum.section import WD_SECTION

    document = docx.Document()
    document.add_paragraph("First section, first paragraph.")
    document.add_paragraph("First section, second paragraph." + extra)
    document.add_section(WD_SECTION.NEW_PAGE)
    document.add_paragraph("Second section paragraph.")
    document.save(path)
    return path


def test_diff_of_a_multi_section_docx_with_itself_is_well_formed(tmp_path):
    """The body's section break is a `w:sectPr` inside a paragraph; the final one is the
    body's last child. Both stay where they are (this wrote a corrupt file with exit 0)."""
    old = _multi_section(tmp_path / "a.docx")
    new = _multi_section(tmp_path / "b.docx", extra=" Amended.")
    for other, out in ((old, tmp_path / "same.docx"), (new, tmp_path / "edited.docx")):
        result = invoke(CliRunner(), "diff", old, other, "-o", out)
        assert result.exit_code == 0, result.output
        with zipfile.ZipFile(out) as archive:
            parts = {n: archive.read(n) for n in archive.namelist()}
        check_package(parts)
        document = parts["word/document.xml"]
        assert document.count(b"<w:sectPr") == 2


def test_a_damaged_output_exits_3_and_writes_nothing(tmp_path, monkeypatch):
    """A bug that made the redline point at a relationship it does not have: caught."""
    from lxml import etree

    from draftkit.diff.ooxml.emit import Writer

    old = _multi_section(tmp_path / "a.docx")
    new = _multi_section(tmp_path / "b.docx", extra=" Amended.")
    paragraph = Writer.paragraph

    def broken(self, out):
        made = paragraph(self, out)
        made.append(etree.fromstring(
            '<w:hyperlink xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r='
            '"http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdNowhere"/>'))
        return made

    monkeypatch.setattr(Writer, "paragraph", broken)
    out = tmp_path / "out.docx"
    result = invoke(CliRunner(), "diff", old, new, "-o", out)
    assert result.exit_code == 3
    assert "damaged DOCX" in result.stderr and "nothing was written" in result.stderr
    assert not out.exists()
    assert not list(tmp_path.glob(".out.docx*"))


def test_the_checked_zip_is_a_zip():
    data = writer.zip_parts(_parts())
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
