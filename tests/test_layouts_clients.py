"""The built examples as readers see them, through programs nobody here wrote: LibreOffice's
PDF (pdftotext -layout) shows the masthead and heading lines in the issued order, the session
in words, page numbers and the symbol on page 2, the meeting line at the end of the adopted
UN text; pandoc's markdown shows the italic titles and superscripts; openxml-audit finds
nothing. The pages are also rendered to PNG (pdftoppm) for a side-by-side look with issued
documents: set DRAFTKIT_ARTIFACTS to a folder to keep them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLES, needs
from draftkit.build import Format, build
from draftkit.loading import Project

pytestmark = pytest.mark.clients
UN = EXAMPLES / "un-ga-countering-online-abuse"
CORPUS = Path(__file__).resolve().parent / "corpus" / "pairs"
IPU = EXAMPLES / "child-online-exploitation"


MEMORANDUM = """
memorandum:
  paragraphs:
    - en: "The draft resolution builds on the *Convention on the Rights of the Child* and its Optional Protocols."
    - en: The co-Rapporteurs received written contributions from 20 parliaments before the deadline.
""" + "".join(f"    - en: Paragraph {n} explains one more choice the co-Rapporteurs made in the draft, in words "
              "enough to fill two lines or three of the page, so that the memorandum runs to a second page.\n"
              for n in range(3, 40))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """DOCX of the adopted UN example and the IPU draft, in English and French."""
    out = tmp_path_factory.mktemp("layouts")
    files: dict[str, Path] = {}
    for name, root in (("un", UN), ("ipu", IPU)):
        project = Project.open(root)
        draft = project.draft()
        for path in build(project, draft, formats=[Format.DOCX], output=out / name):
            files[f"{name}.{path.suffixes[-2][1:]}"] = path
    # the printed redline of the IPU example's drafts 1 → 2, in French (what `diff -o x.pdf` converts)
    from draftkit.diff.pipeline import compare_inputs, render

    # the IPU draft with an explanatory memorandum (a section of its own after the resolution)
    copy = out / "memo" / "examples" / IPU.name
    shutil.copytree(IPU, copy, ignore=shutil.ignore_patterns("build"))  # not what a user built there before
    shutil.copytree(EXAMPLES.parent / "clauses", out / "memo" / "clauses")
    latest = max((copy / "drafts").glob("draft-*.yaml"))
    latest.write_text(latest.read_text(encoding="utf-8") + MEMORANDUM, encoding="utf-8")
    project = Project.open(copy)
    (path,) = build(project, project.draft(), languages=["en"], formats=[Format.DOCX], output=out / "ipu-memo")
    files["ipu-memo.en"] = path
    comparison, _, _ = compare_inputs("1", "2", project=IPU, language="fr")
    files["redline.fr"] = out / "redline.fr.docx"
    files["redline.fr"].write_bytes(render(comparison, "docx", printed=True))
    return files


@pytest.fixture(scope="module")
def pdfs(built, tmp_path_factory) -> dict[str, Path]:
    """LibreOffice's PDF of each document (one LibreOffice start for all)."""
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        pytest.skip("LibreOffice and pdftotext are needed")
    from draftkit.render.pdf import docxs_to_pdfs

    folder = tmp_path_factory.mktemp("layout-pdfs")
    # what `diff old.docx new.docx -o x.pdf` converts: the printed redline of two DOCX files
    # LibreOffice wrote (formatting changes among them), the legend in NEW's first header
    from draftkit.diff.pipeline import compare_inputs, render

    old, new = (CORPUS / f"lo-formatting.{side}.docx" for side in ("old", "new"))
    comparison, _, _ = compare_inputs(str(old), str(new))
    docx = folder / "redline-docx.docx"
    docx.write_bytes(render(comparison, "docx", printed=True))
    files = {**built, "redline-docx": docx}
    names = sorted(files)
    return dict(zip(names, docxs_to_pdfs([(files[name], folder / f"{name}.pdf") for name in names])))


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory) -> Path:
    """Where the pages' PNGs go: DRAFTKIT_ARTIFACTS when set (kept for a side-by-side look
    with issued documents, see docs/layout-comparison.md), else a temporary folder."""
    if os.environ.get("DRAFTKIT_ARTIFACTS"):
        return Path(os.environ["DRAFTKIT_ARTIFACTS"])
    return tmp_path_factory.mktemp("layout-pngs")


@pytest.fixture(scope="module")
def pages(pdfs, artifacts) -> dict[str, list[str]]:
    """pdftotext -layout of each document, page by page (and each page as a PNG in `artifacts`)."""
    out = {}
    for name, pdf in pdfs.items():
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        out[name] = text.split("\f")
        if shutil.which("pdftoppm"):
            artifacts.mkdir(parents=True, exist_ok=True)
            subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(artifacts / name)], check=True)
    return out


def lines(page: str) -> list[str]:
    return [" ".join(line.split()) for line in page.splitlines() if line.strip()]


def in_order(found: list[str], wanted: list[str]) -> bool:
    """Each wanted text appears in `found` (joined), after the one before it."""
    text = "\n".join(found)
    at = 0
    for item in wanted:
        at = text.find(item, at)
        if at < 0:
            return False
        at += len(item)
    return True


def test_un_adopted_masthead_heading_and_meeting_line(pages):
    first = lines(pages["un.en"][0])
    assert first[0].startswith("United Nations") and first[0].endswith("A/RES/74/999")
    # the two columns read row by row: symbol | distribution beside "United Nations" and the organ
    assert in_order(first, ["Distr.: General", "General Assembly", "7 January 2020", "Seventy-fourth session",
                            "Agenda item 106", "Crime prevention and criminal justice",
                            "Resolution adopted by the General Assembly on 18 December",
                            "[on the report of the Third Committee (A/74/999)]",
                            "74/999. Countering child sexual exploitation and sexual abuse online",
                            "The General Assembly,"])
    assert first[-1] == "19-99999 (E)"  # the job number on the first page only
    second = lines(pages["un.en"][1])
    assert second[0] == "A/RES/74/999"  # the symbol on page 2 (outer corner of an even page)
    total = len([p for p in pages["un.en"] if p.strip()])
    assert re.fullmatch(rf"2/{total} 19-99999", second[-1])
    last = lines([p for p in pages["un.en"] if p.strip()][-1])
    assert in_order(last, ["50th plenary meeting", "18 December 2019"])
    french = lines(pages["un.fr"][0])
    assert in_order(french, ["Nations Unies", "Distr. générale", "Assemblée générale", "Soixante-quatorzième session",
                             "Point 106 de l’ordre du jour", "Résolution adoptée par l’Assemblée générale le",
                             "[sur la base du rapport de la Troisième Commission (A/74/999)]"])
    last_fr = lines([p for p in pages["un.fr"] if p.strip()][-1])
    assert in_order(last_fr, ["50e séance plénière", "18 décembre 2019"])


def test_ipu_heading_columns_and_numbered_pages(pages):
    first = lines(pages["ipu.en"][0])
    assert first[0].startswith("143rd IPU Assembly") and first[0].endswith("Standing Committee on Democracy and Human")
    assert in_order(first, ["Madrid, Spain", "26–30 November 2021", "C-III/143/DR", "10 June 2021",
                            "Legislation worldwide to combat online child sexual exploitation and abuse",
                            "Draft resolution submitted by the co-Rapporteurs",
                            "The 143rd Assembly of the Inter-Parliamentary Union,"])
    assert not re.match(r"-\s*1\s*-", first[0])  # no running head on the first page
    second = lines(pages["ipu.en"][1])
    assert re.fullmatch(r"-\s*2\s*- C-III/143/DR", second[0])
    french = lines(pages["ipu.fr"][0])
    assert in_order(french, ["143e Assemblée de l’UIP", "Commission permanente de la démocratie", "Madrid (Espagne)",
                             "26–30 novembre 2021", "Projet de résolution présenté par les co-rapporteurs",
                             "La 143e Assemblée de l’Union interparlementaire,"])


def test_printed_redline_of_two_docx_files_begins_with_the_legend(pages):
    """`diff a.docx b.docx -o x.pdf`: the first page's header begins with the legend (author
    and number of paragraphs changed, formatting-only changes among them), NEW's own header
    after it; later pages keep NEW's header alone."""
    first = lines(pages["redline-docx"][0])
    legend = " ".join(first[:2])  # a long legend wraps
    assert legend.startswith("Changes from lo-formatting.old.docx to lo-formatting.new.docx, by author: "
                             "Co-rapporteurs 8")  # as the report counts (the terminal says 8 changed)
    assert in_order(first[:4], ["Co-rapporteurs 8", "United Nations A/76/L.5"])
    assert not any("Changes from" in line for page in pages["redline-docx"][1:] for line in lines(page))


def test_printed_redline_begins_with_the_legend_of_authors(pages):
    first = lines(pages["redline.fr"][0])
    assert first[0] == "Modifications de draft 1 à draft 2, par auteur : Co-rapporteurs 7"
    assert first[1].startswith("143e Assemblée de l’UIP")
    assert not any("Modifications de" in line for page in pages["redline.fr"][1:] for line in lines(page))


@needs("pandoc")
def test_pandoc_markdown_shows_italic_titles_and_superscripts(built):
    def markdown(name: str) -> str:
        return subprocess.run(["pandoc", "-f", "docx", "-t", "markdown", "--wrap=none", str(built[name])],
                              capture_output=True, text=True, check=True).stdout

    french = markdown("ipu.fr")
    assert "Nations Unies, *Recueil des Traités*, vol. 1577, n^o^\u00a027531." in french
    assert "Ibid., vol. 2171, n^o^\u00a027531." in french
    assert "143^e^ Assemblée" in french
    assert "*United Nations, Treaty Series*, vol. 1577, No. 27531." in markdown("un.en")
    assert "50^e^ séance plénière" in markdown("un.fr")


@needs("openxml-audit")
def test_openxml_audit_finds_nothing_in_the_layouts(built):
    folder = next(iter(built.values())).parent.parent
    result = subprocess.run(["openxml-audit", "--recursive", "-o", "json", "-m", "0", str(folder)],
                            capture_output=True, text=True)
    reports = json.loads(result.stdout)
    found = sorted((Path(r["file"]).name, r["error_count"], r["warning_count"]) for r in reports)
    assert found == sorted((p.name, 0, 0) for p in built.values()), result.stdout[:3000]  # the redline too


def body_lines(pdf: Path) -> list[tuple[float, float, str]]:
    """(top, height of its words, text) of each line of page 1 after the authoring line, as
    LibreOffice placed them (pdftotext -bbox-layout; a word's box is 1.3 times its font size
    in Times New Roman), with a 0 top between pdftotext's blocks (paragraphs)."""
    from lxml import etree

    xml = subprocess.run(["pdftotext", "-bbox-layout", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True,
                         check=True).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True))
    out: list[tuple[float, float, str]] = []
    started = False
    for block in root.iter("{*}block"):
        for line in block.iter("{*}line"):
            words = list(line.iter("{*}word"))
            text = " ".join(w.text or "" for w in words)
            if started and words:
                height = max(float(w.get("yMax")) - float(w.get("yMin")) for w in words)
                out.append((float(line.get("yMin")), height, text))
            started = started or text.startswith(("The General Assembly", "The 143rd Assembly"))
        out.append((0.0, 0.0, ""))
    return out


def pitches(lines: list[tuple[float, float, str]]) -> list[float]:
    """Distances between the tops of consecutive lines of one paragraph."""
    return [round(b[0] - a[0], 2) for a, b in zip(lines, lines[1:]) if a[0] and b[0] and b[0] > a[0]]


def test_un_body_is_ten_point_on_twelve_point_leading_and_ipu_twelve_point(pdfs):
    """The UN house (the layout notes §1d): body text 10 pt on exactly 12 pt leading, as
    LibreOffice lays it out; the IPU's stays 12 pt single-spaced."""
    from statistics import median, mode

    un, ipu = body_lines(pdfs["un.en"]), body_lines(pdfs["ipu.en"])
    assert len(pitches(un)) >= 10 and mode(pitches(un)) == 12.0
    assert 13.5 < mode(pitches(ipu)) < 14.2  # single spacing of 12 pt Times New Roman
    un_size = median(h for top, h, _ in un if top) / 1.3
    ipu_size = median(h for top, h, _ in ipu if top) / 1.3
    assert (round(un_size, 1), round(ipu_size, 1)) == (10.0, 12.0)


def test_the_memorandum_is_a_document_of_its_own_after_the_resolution(pages):
    """A new page in a section of its own: its first page has no running head but the IPU
    heading with the memorandum's symbol, its paragraphs are numbered from 1; the pages
    before are the resolution's, with theirs."""
    document = [lines(page) for page in pages["ipu-memo.en"] if page.strip()]
    (start,) = [k for k, page in enumerate(document)
                if "Explanatory memorandum submitted by the co-Rapporteurs" in "\n".join(page)]
    memo, before = document[start], document[start - 1]
    assert memo[0].startswith("143rd IPU Assembly") and not re.match(r"-\s*\d+\s*-", memo[0])
    assert in_order(memo, ["Madrid, Spain", "C-III/143/M", "10 June 2021",
                           "Legislation worldwide to combat online child sexual exploitation and abuse",
                           "Explanatory memorandum submitted by the co-Rapporteurs",
                           "1. The draft resolution builds on the Convention on the Rights of the Child",
                           "2. The co-Rapporteurs received written contributions"])
    assert re.fullmatch(rf"-\s*{start}\s*- C-III/143/DR", before[0])
    assert before[-1].endswith("at a future Assembly.") and "memorandum" not in "\n".join(before)
    # its own running head from its second page, numbered from 1
    assert re.fullmatch(r"-\s*2\s*- C-III/143/M", document[start + 1][0])


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


@needs("pdftoppm")
def test_every_page_is_kept_as_a_png_of_its_papers_size(pages, artifacts):
    """The artifact for a side-by-side look (docs/layout-comparison.md): one PNG per page at
    60 dpi, US Letter for the UN example (New York), A4 for the IPU's."""
    letter, a4 = (612, 792), (595.28, 841.89)  # points
    papers = {"un": letter, "ipu": a4, "ipu-memo": a4, "redline": a4}
    for name, document in pages.items():
        if name not in papers and name.split(".")[0] not in papers:
            continue  # the DOCX redline: NEW's own pages (a landscape section among them)
        pngs = sorted(artifacts.glob(f"{name}-*.png"))
        assert len(pngs) == len([page for page in document if page.strip()]), name
        paper = papers[name.split(".")[0]]
        for png in pngs:
            assert all(abs(pixels - points / 72 * 60) <= 1 for pixels, points in zip(_png_size(png), paper)), png


def _words(pdf: Path, page: int) -> tuple[tuple[float, float], list[tuple[float, float, str]]]:
    """The page's size in points and each word's left and top (pdftotext -bbox)."""
    from lxml import etree

    xml = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, check=True).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True))
    sheet = next(root.iter("{*}page"))
    words = [(float(w.get("xMin")), float(w.get("yMin")), w.text or "") for w in root.iter("{*}word")]
    return (float(sheet.get("width")), float(sheet.get("height"))), words


def test_page_geometry_as_issued(pdfs):
    """Where LibreOffice put the elements the layout notes place: the UN symbol top right of
    page 1 and the job number at its foot, the symbol in the outer (right) corner of page 3;
    the IPU symbol in the right column of the heading and the page number centred."""
    (width, height), words = _words(pdfs["un.en"], 1)
    assert (round(width), round(height)) == (612, 792)  # US Letter
    (symbol,) = [w for w in words if w[2] == "A/RES/74/999"]
    assert symbol[0] > width / 2 and symbol[1] < height * 0.15
    job = [w for w in words if w[2] == "19-99999"]
    assert job and job[0][1] > height * 0.85
    (width, height), words = _words(pdfs["ipu.en"], 1)
    assert (round(width), round(height)) == (595, 842)  # A4
    (symbol,) = [w for w in words if w[2] == "C-III/143/DR"]
    assert symbol[0] > width / 2 and symbol[1] < height * 0.2
    assembly = [w for w in words if w[2] == "143rd"]
    assert assembly[0][0] < width / 4
    _, words = _words(pdfs["ipu.en"], 2)
    number = [w for w in words if w[2] == "2" and w[1] < height * 0.1]
    assert number and abs(number[0][0] - width / 2) < width * 0.1  # "- 2 -" centred
