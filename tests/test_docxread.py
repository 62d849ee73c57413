"""docxread: reading DOCX files written by pandoc, python-docx and by hand; list labels,
tracked changes, comments, footnotes; one clear error per kind of unreadable input."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, needs
from draftkit import docxread
from draftkit.docxread import package as limits
from draftkit.docxread import read_docx
from draftkit.errors import InputError
from draftkit.render.tree import RevisionKind

HERE = FIXTURES / "import"


def pandoc(tmp_path: Path, markdown: str, name: str = "doc") -> Path:
    source = tmp_path / f"{name}.md"
    source.write_text(markdown, encoding="utf-8")
    out = tmp_path / f"{name}.docx"
    subprocess.run(["pandoc", str(source), "-o", str(out)], check=True)
    return out


# --- tracked changes, formatting, footnotes, comments (pandoc) -------------------------


@pytest.mark.clients
@needs("pandoc")
def test_tracked_changes_from_pandoc(tmp_path: Path) -> None:
    doc = read_docx(pandoc(tmp_path, (HERE / "tracked.md").read_text(encoding="utf-8")))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "Legislation worldwide"
    concerned = doc.paragraphs[3]
    # pandoc's markdown reader drops spaces at the edges of a span, hence the spaces here
    assert concerned.text == "Deeply concerned by the growth of online exploitation ,"
    assert concerned.rejected_text == "Deeply concerned by the growth of  exploitation during the pandemic,"
    kinds = {(r.text, r.revision.kind, r.revision.author) for r in concerned.runs if r.revision}
    assert ("online", RevisionKind.INSERT, "Kenya") in kinds
    assert any(k[1] is RevisionKind.DELETE and k[2] == "France" for k in kinds)
    assert concerned.runs[0].italic and concerned.runs[0].text == "Deeply concerned"
    urges = doc.paragraphs[4]
    assert urges.text == "Urges parliaments to outlaw all forms;"
    assert urges.rejected_text == "Urges parliaments to criminalize all forms;"
    assert urges.numbering is not None and urges.numbering.label == "1."
    assert doc.paragraphs[5].numbering.label == "2."
    assert doc.authors() == ["Kenya", "France"]
    assert doc.has_revisions


@pytest.mark.clients
@needs("pandoc")
def test_footnotes_comments_and_line_breaks(tmp_path: Path) -> None:
    markdown = (
        "*Recalling* the Convention,[^1] and [Please cite the full title]{.comment-start id=\"7\" "
        "author=\"Kenya\" date=\"2021-06-10T00:00:00Z\"}the Protocol[]{.comment-end id=\"7\"}\n\n"
        "First line\\\nsecond line\n\n[^1]: United Nations, *Treaty Series*, vol. 1577.\n"
    )
    doc = read_docx(pandoc(tmp_path, markdown))
    first = doc.paragraphs[0]
    calls = [r.footnote for r in first.runs if r.footnote is not None]
    assert len(calls) == 1
    assert doc.footnotes[calls[0]].text == "United Nations, Treaty Series, vol.\u00a01577."
    (comment,) = first.comments
    assert (comment.author, comment.text, comment.anchor) == ("Kenya", "Please cite the full title", "the Protocol")
    assert doc.paragraphs[1].text == "First line\nsecond line"


# --- list numbering computed from numbering.xml ---------------------------------------

NUMBERING = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>
</w:numbering>"""

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""

DOC_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>"""


def package(path: Path, body: str, *, numbering: str | None = NUMBERING, document: str | None = None) -> Path:
    """A minimal DOCX written by hand: the table-test fixture for numbering and errors."""
    xml = document or (
        '<?xml version="1.0" encoding="UTF-8"?><w:document '
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        f"{body}</w:body></w:document>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("word/document.xml", xml)
        if numbering:
            z.writestr("word/_rels/document.xml.rels", DOC_RELS)
            z.writestr("word/numbering.xml", numbering)
    return path


def item(num: int, level: int, text: str, extra: str = "") -> str:
    return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>{extra}</w:pPr>'
            f"<w:r><w:t>{text}</w:t></w:r></w:p>")


def test_list_labels_count_per_list_and_level(tmp_path: Path) -> None:
    body = "".join([
        item(1, 0, "one"), item(1, 1, "a"), item(1, 1, "b"), item(1, 2, "i"), item(1, 2, "ii"), item(1, 1, "c"),
        item(1, 0, "two"), item(1, 1, "a again"),
        # numId 2 shares abstract 0 with numId 1: Word continues the count
        item(2, 0, "three"),
        # numId 3 starts at d) through its override
        item(3, 0, "d"), item(3, 0, "e"),
        '<w:p><w:r><w:t>plain</w:t></w:r></w:p>',
    ])
    doc = read_docx(package(tmp_path / "n.docx", body))
    labels = [(p.text, p.numbering.label if p.numbering else None) for p in doc.paragraphs]
    assert labels == [
        ("one", "1."), ("a", "(a)"), ("b", "(b)"), ("i", "(i)"), ("ii", "(ii)"), ("c", "(c)"),
        ("two", "2."), ("a again", "(a)"), ("three", "3."), ("d", "d)"), ("e", "e)"), ("plain", None),
    ]


def test_deleted_numbered_paragraph_is_not_counted(tmp_path: Path) -> None:
    gone = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:rPr>'
            '<w:del w:id="1" w:author="Kenya" w:date="2021-06-10T00:00:00Z"/></w:rPr></w:pPr>'
            '<w:del w:id="2" w:author="Kenya" w:date="2021-06-10T00:00:00Z"><w:r><w:delText>gone</w:delText>'
            '</w:r></w:del></w:p>')
    doc = read_docx(package(tmp_path / "d.docx", item(1, 0, "one") + gone + item(1, 0, "two")))
    assert [p.numbering.label for p in doc.paragraphs] == ["1.", "2.", "2."]
    assert doc.paragraphs[1].mark_deleted and doc.paragraphs[1].rejected_text == "gone"
    assert doc.paragraphs[1].text == ""


@pytest.mark.parametrize("value, fmt, expected", [
    (4, "decimal", "4"), (2, "lowerLetter", "b"), (28, "lowerLetter", "bb"), (3, "upperLetter", "C"),
    (9, "lowerRoman", "ix"), (14, "upperRoman", "XIV"), (7, "decimalZero", "07"), (22, "ordinal", "22nd"),
])
def test_format_number(value: int, fmt: str, expected: str) -> None:
    assert docxread.format_number(value, fmt) == expected


def test_style_numbering_from_python_docx(tmp_path: Path) -> None:
    """python-docx's template numbers 'List Number' paragraphs through the style, not w:numPr."""
    import docx

    document = docx.Document()
    document.add_paragraph("Urges all States;", style="List Number")
    document.add_paragraph("Decides to remain seized.", style="List Number")
    path = tmp_path / "style.docx"
    document.save(str(path))
    doc = read_docx(path)
    assert [(p.style_name, p.numbering.label, p.numbering.from_style) for p in doc.paragraphs] == [
        ("List Number", "1.", True), ("List Number", "2.", True)]


# --- errors: one line each ------------------------------------------------------------


def _error(path: Path) -> str:
    with pytest.raises(InputError) as info:
        read_docx(path)
    message = info.value.message
    assert "\n" not in message
    return message


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_text("Recalling the Convention", encoding="utf-8")
    assert _error(path) == f"{path}: not a DOCX file (not a zip package) (give a Word .docx file)"
    pdf = tmp_path / "y.docx"
    pdf.write_bytes(b"%PDF-1.7\n")
    assert "it is a PDF" in _error(pdf)
    empty = tmp_path / "z.docx"
    empty.write_bytes(b"")
    assert "the file is empty" in _error(empty)


def test_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("notes.txt", "hello")
    assert _error(path) == f"{path}: not a DOCX file (a zip archive with no word/document.xml) (give a Word .docx file)"
    odt = tmp_path / "o.docx"
    with zipfile.ZipFile(odt, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    assert "OpenDocument .odt; save it as .docx" in _error(odt)


def test_encrypted_and_legacy_word_files(tmp_path: Path) -> None:
    magic = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    encrypted = tmp_path / "secret.docx"
    encrypted.write_bytes(magic + b"\0" * 512 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 64)
    assert "encrypted (password-protected)" in _error(encrypted)
    legacy = tmp_path / "old.docx"
    legacy.write_bytes(magic + b"\0" * 512 + "WordDocument".encode("utf-16-le"))
    assert "old binary Word file (.doc)" in _error(legacy)


def test_huge_files_and_zip_bombs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = package(tmp_path / "big.docx", "<w:p><w:r><w:t>" + "x" * 5000 + "</w:t></w:r></w:p>")
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    assert "draftkit reads DOCX files up to" in _error(path)
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 10**9)
    monkeypatch.setattr(limits, "MAX_PART_BYTES", 2000)
    assert "beyond draftkit's limit (a damaged file or a zip bomb)" in _error(path)


@pytest.mark.parametrize("code", ["110000", "FFFFFFFFFFFFFFFFFFFF", "zz"])
def test_a_symbol_with_an_impossible_code_is_an_input_error(tmp_path: Path, code: str) -> None:
    path = package(tmp_path / "sym.docx", f'<w:p><w:r><w:t>a</w:t><w:sym w:font="Symbol" w:char="{code}"/></w:r></w:p>')
    assert _error(path).endswith(f"paragraph 1: a symbol has the invalid character code {code[:12]!r} (the file is "
                                 "damaged; save it again from Word or LibreOffice, or retype the symbol)")


def test_symbol_font_characters_are_read() -> None:
    from draftkit.docxread.reader import _sym

    assert (_sym("F0B7"), _sym("00E9"), _sym("")) == ("\u00b7", "é", "")


def test_unreadable_xml_and_no_paragraphs(tmp_path: Path) -> None:
    broken = package(tmp_path / "b.docx", "", document="<w:document><w:body><w:p>")
    assert "unreadable XML in part word/document.xml" in _error(broken)
    empty = package(tmp_path / "e.docx", "<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>")
    assert _error(empty).endswith("the DOCX has no paragraphs with text (check that this is the right file)")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert _error(tmp_path / "nope.docx") == f"{tmp_path / 'nope.docx'}: file not found"
    assert "is a folder" in _error(tmp_path)


@pytest.mark.clients
@needs("soffice")
def test_libreoffice_docx_reads_like_pandoc(tmp_path: Path) -> None:
    """A DOCX written by LibreOffice (from pandoc's) gives the same texts and list labels."""
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc not installed")
    source = pandoc(tmp_path, (HERE / "tracked.md").read_text(encoding="utf-8"), "src")
    converted = libreoffice_roundtrip(tmp_path, [source])[0]
    ours, theirs = read_docx(source), read_docx(converted)
    assert [p.text for p in theirs.paragraphs if p.text] == [p.text for p in ours.paragraphs if p.text]
    assert [p.rejected_text for p in theirs.paragraphs if p.text] == [p.rejected_text for p in ours.paragraphs if p.text]
    assert [p.numbering.label for p in theirs.paragraphs if p.numbering] == ["1.", "2."]
    assert set(theirs.authors()) == {"Kenya", "France"}


def libreoffice_roundtrip(tmp_path: Path, files: list[Path]) -> list[Path]:
    """DOCX → ODT → DOCX through LibreOffice, several files per soffice call."""
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"
    odt_dir, out_dir = tmp_path / "odt", tmp_path / "lo"
    subprocess.run(["soffice", profile, "--headless", "--convert-to", "odt", "--outdir", str(odt_dir),
                    *map(str, files)], check=True, capture_output=True, timeout=120)
    odts = [odt_dir / (f.stem + ".odt") for f in files]
    subprocess.run(["soffice", profile, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                    str(out_dir), *map(str, odts)], check=True, capture_output=True, timeout=120)
    return [out_dir / (f.stem + ".docx") for f in files]


# --- Strict OOXML ------------------------------------------------------------------------


def as_strict(source: Path, target: Path) -> Path:
    """A copy of `source` in Strict OOXML: every transitional namespace and relationship type
    under its ISO 29500 strict name, the document marked `w:conformance="strict"`."""
    from draftkit.docxread.strict import strict

    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename.endswith((".xml", ".rels")):
                data = strict(data)
                if info.filename == "word/document.xml":
                    data = data.replace(b"<w:document ", b'<w:document w:conformance="strict" ', 1)
            out.writestr(info, data)
    return target


@pytest.mark.clients
@needs("pandoc")
def test_strict_ooxml_reads_like_transitional(tmp_path: Path) -> None:
    markdown = "Recalling *its* resolution,[^1]\n\n1. Urges parliaments;\n2. Decides.\n\n[^1]: A note.\n"
    plain = pandoc(tmp_path, markdown)
    strict = as_strict(plain, tmp_path / "strict.docx")
    with zipfile.ZipFile(strict) as archive:
        assert b"http://purl.oclc.org/ooxml/wordprocessingml/main" in archive.read("word/document.xml")
        assert b"schemas.openxmlformats.org/wordprocessingml" not in archive.read("word/document.xml")
    a, b = read_docx(plain), read_docx(strict)
    assert [(p.text, p.numbering) for p in b.paragraphs] == [(p.text, p.numbering) for p in a.paragraphs]
    assert [n.text for n in b.footnotes.values()] == ["A note."]
    assert [r.text for r in b.paragraphs[0].runs if r.italic] == ["its"]
