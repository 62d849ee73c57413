"""DOCX diffs lose nothing: tables, images, footnotes, comments and headers made by pandoc
and LibreOffice are carried through when unchanged and tracked when changed (accept all
gives NEW, reject all OLD, through LibreOffice or pandoc). The whole corpus of constructs
is tests/test_diff_corpus.py's."""

from __future__ import annotations

import json
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest
from conftest import invoke, needs
from lo_uno import available, lo_texts
from click.testing import CliRunner

from draftkit.docxread import read_docx

pytestmark = [pytest.mark.clients, needs("pandoc"), needs("soffice")]

OLD_MD = """\
The Assembly recalls the importance of children's rights.

| Country | Votes |
|---------|-------|
| Norway  | 12    |
| Chile   | 7     |

![A red dot](dot.png)

The Assembly urges parliaments to act now.[^1]

Final paragraph stays.

[^1]: A footnote.
"""
NEW_MD = OLD_MD.replace("urges parliaments to act now", "urges all parliaments to act quickly").replace(
    "Final paragraph stays.", "Final paragraph stays, amended.")
PLAIN_OLD = """\
*Recalling* the Convention on the Rights of the Child,

*Noting with concern* the growth of online exploitation,

1. *Urges* parliaments to adopt laws protecting children online;

2. *Calls upon* governments to fund hotlines;

3. *Decides* to remain seized of the matter.
"""
PLAIN_NEW = PLAIN_OLD.replace("fund hotlines", "fund national hotlines and shelters").replace(
    "*Noting with concern* the growth of online exploitation,\n\n", "") + "\n4. *Invites* the IPU to report back.\n"
TABLE = OLD_MD[OLD_MD.index("| Country"):OLD_MD.index("![A red dot]")]
COMMENT = '[Check the figure]{.comment-start id="1" author="A"}Commented words here.[]{.comment-end id="1"}\n\n'


def _png(rgb: tuple[int, int, int]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(rgb) * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _pandoc(folder: Path, name: str, markdown: str, image: bytes = _png((200, 30, 30))) -> Path:
    (folder / "dot.png").write_bytes(image)
    source = folder / f"{name}.md"
    source.write_text(markdown, encoding="utf-8")
    subprocess.run(["pandoc", source.name, "-o", f"{name}.docx"], cwd=folder, check=True)
    return folder / f"{name}.docx"


def _diff(old: Path, new: Path, out: Path):
    return invoke(CliRunner(), "diff", old, new, "-o", out)


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    """pandoc-written pairs, and LibreOffice's copies of two of them (one soffice call)."""
    folder = tmp_path_factory.mktemp("content")
    files = {name: _pandoc(folder, name, text) for name, text in [
        ("rich-old", OLD_MD), ("rich-new", NEW_MD), ("plain-old", PLAIN_OLD), ("plain-new", PLAIN_NEW),
        ("comment-old", COMMENT + OLD_MD.split("\n\n| Country")[0] + "\n"),
        ("comment-new", COMMENT + NEW_MD.split("\n\n| Country")[0].replace("recalls", "recalls again") + "\n"),
        ("table-new", OLD_MD.replace("| Chile   | 7 ", "| Chile   | 8 ")),
        ("no-image", OLD_MD.replace("![A red dot](dot.png)\n\n", "")),
        ("table-twice", OLD_MD.replace("| Country", TABLE + "\n| Country", 1))]}
    files["image-new"] = _pandoc(folder, "image-new", OLD_MD, _png((30, 30, 200)))
    lo = folder / "lo"
    names = [files[n] for n in ("rich-old", "rich-new", "plain-old", "plain-new")]
    subprocess.run(["soffice", "--headless", "--convert-to", "docx", "--outdir", str(lo), *map(str, names)],
                   check=True, capture_output=True, timeout=240)
    for name in ("rich-old", "rich-new", "plain-old", "plain-new"):
        files[f"lo-{name}"] = lo / f"{name}.docx"
    return files


ROUND_TRIPS = {"pandoc-rich": ("rich-old", "rich-new"), "lo-rich": ("lo-rich-old", "lo-rich-new"),
               "pandoc-plain": ("plain-old", "plain-new"), "lo-plain": ("lo-plain-old", "lo-plain-new")}


@pytest.fixture(scope="module")
def tracked(made) -> dict[str, Path]:
    out = {}
    for case, (old, new) in ROUND_TRIPS.items():
        out[case] = made[old].parent / f"{case}-tracked.docx"
        result = _diff(made[old], made[new], out[case])
        assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def libreoffice(made, tracked) -> dict[str, tuple[str, ...]]:
    """LibreOffice's texts per case: OLD, NEW, tracked accepted, tracked rejected."""
    if not available():
        pytest.skip("LibreOffice with python3-uno not installed")
    jobs = []
    for case, (old, new) in ROUND_TRIPS.items():
        jobs += [(made[old], "none"), (made[new], "none"), (tracked[case], "accept"), (tracked[case], "reject")]
    texts = lo_texts(jobs)
    return {case: tuple(texts[4 * i: 4 * i + 4]) for i, case in enumerate(ROUND_TRIPS)}


@pytest.mark.parametrize("case", list(ROUND_TRIPS))
def test_libreoffice_accept_all_gives_new_and_reject_all_gives_old(libreoffice, case):
    old, new, accepted, rejected = libreoffice[case]
    assert old != new
    assert accepted == new
    assert rejected == old


@pytest.mark.parametrize("case", ["pandoc-rich", "lo-rich"])
def test_table_image_and_footnote_are_still_there(made, tracked, case):
    new = read_docx(made[ROUND_TRIPS[case][1]])
    out = read_docx(tracked[case])
    assert [t.rows for t in out.tables] == [t.rows for t in new.tables] == [
        (("Country", "Votes"), ("Norway", "12"), ("Chile", "7"))]
    assert [o.kind for p in out.paragraphs for o in p.objects] == ["image"]
    assert [o.detail for p in out.paragraphs for o in p.objects] == [o.detail for p in new.paragraphs for o in p.objects]
    assert [n.text for n in out.footnotes.values()] == ["A footnote."]
    with zipfile.ZipFile(tracked[case]) as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
        rels = archive.read("word/_rels/document.xml.rels").decode()
    assert len(media) == 1 and media[0].removeprefix("word/") in rels


def test_comment_is_kept_with_its_anchor(made, tmp_path):
    """LibreOffice 7.4's UNO load fails on any DOCX with a comment (pandoc's or its own), so
    pandoc accepts and rejects here."""
    out = tmp_path / "tracked.docx"
    assert _diff(made["comment-old"], made["comment-new"], out).exit_code == 0
    comments = read_docx(out).comments
    assert [(c.author, c.text, c.anchor) for c in comments.values()] == [("A", "Check the figure",
                                                                          "Commented words here.")]

    def plain(path: Path, mode: str) -> str:
        return subprocess.run(["pandoc", f"--track-changes={mode}", "-t", "plain", str(path)],
                              capture_output=True, text=True, check=True).stdout

    assert plain(out, "accept") == plain(made["comment-new"], "accept")
    assert plain(out, "reject") == plain(made["comment-old"], "accept")


@pytest.mark.parametrize("new", ["table-new", "image-new", "no-image"])
def test_a_change_to_a_table_or_image_is_tracked(made, tmp_path, new):
    """A cell edited, an image replaced or removed: tracked, and pandoc's accept-all /
    reject-all give NEW and OLD (these were refused before)."""
    out = tmp_path / "tracked.docx"
    result = _diff(made["rich-old"], made[new], out)
    assert result.exit_code == 0, result.output

    def plain(path: Path, mode: str) -> str:
        return subprocess.run(["pandoc", f"--track-changes={mode}", "-t", "plain", str(path)],
                              capture_output=True, text=True, check=True).stdout

    assert plain(out, "accept") == plain(made[new], "accept")
    assert plain(out, "reject") == plain(made["rich-old"], "accept")


def test_a_table_added_is_all_rows_inserted(made, tmp_path):
    """(pandoc's reader ignores row revisions: LibreOffice checks tables in test_diff_corpus.)"""
    from lxml import etree

    out = tmp_path / "tracked.docx"
    assert _diff(made["rich-old"], made["table-twice"], out).exit_code == 0
    with zipfile.ZipFile(out) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    first, second = root.iter(f"{w}tbl")
    assert [r.find(f"{w}trPr/{w}ins") is not None for r in first.iter(f"{w}tr")] == [False] * 3
    assert [r.find(f"{w}trPr/{w}ins") is not None for r in second.iter(f"{w}tr")] == [True] * 3


def test_the_text_report_shows_a_changed_cell(made):
    result = invoke(CliRunner(), "diff", made["rich-old"], made["table-new"])
    assert result.exit_code == 0
    assert "Chile | [-7-]{+8+}" in result.output


def _with_header(source: Path, target: Path, text: str) -> Path:
    """A copy of `source` with a header part (as Word relates one) saying `text`."""
    with zipfile.ZipFile(source) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    parts["word/header1.xml"] = (f'<w:hdr xmlns:w="{w}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:hdr>').encode()
    rel = ('<Relationship Id="rIdHead1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           'header" Target="header1.xml"/>')
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", rel.encode() + b"</Relationships>")
    kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/word/header1.xml" ContentType="{kind}"/></Types>'.encode())
    document = parts["word/document.xml"].decode()
    head = '<w:headerReference xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' \
           'w:type="default" r:id="rIdHead1"/>'
    start = document.index("<w:sectPr")
    end = document.index(">", start) + 1
    if document[end - 2] == "/":  # <w:sectPr/>: give it content
        document = document[:end - 2].rstrip() + "></w:sectPr>" + document[end:]
        end = document.index(">", start) + 1
    parts["word/document.xml"] = (document[:end] + head + document[end:]).encode()
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return target


def test_headers_are_kept_and_a_changed_header_is_tracked_word_by_word(made, tmp_path):
    old = _with_header(made["plain-old"], tmp_path / "old.docx", "IPU 150th Assembly")
    new = _with_header(made["plain-new"], tmp_path / "new.docx", "IPU 150th Assembly")
    out = tmp_path / "tracked.docx"
    assert _diff(old, new, out).exit_code == 0
    assert read_docx(out).headers == ("IPU 150th Assembly",)
    other = _with_header(made["plain-new"], tmp_path / "other.docx", "IPU 151st Assembly")
    changed = tmp_path / "changed.docx"
    result = _diff(old, other, changed)
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(changed) as archive:
        header = archive.read("word/header1.xml").decode()
    assert "<w:delText>150th</w:delText>" in header and "<w:t>151st</w:t>" in header
    runs = read_docx(changed)
    assert runs.headers == ("IPU 151st Assembly",)  # accepted text
    report = invoke(CliRunner(), "diff", old, other)
    assert "header (default)" in report.output and "[-150th-]{+151st+}" in report.output


@needs("openxml-audit")
def test_openxml_audit_finds_nothing_new(made, tracked):
    def findings(path: Path) -> set[str]:
        done = subprocess.run(["openxml-audit", "-o", "json", "-m", "0", str(path)], capture_output=True,
                              text=True, timeout=120)
        return {f"{e.get('path', '')} {e.get('description', e.get('message', ''))}"
                for report in json.loads(done.stdout) for e in report["errors"]}

    assert findings(tracked["pandoc-rich"]) - findings(made["rich-new"]) == set()
