"""draftkit import on resolutions laid out as the UN and the IPU issue them (tests/import_corpus:
written by python-docx with Word's constructs, and saved again by LibreOffice): heading,
paragraphs, footnotes, an annex with a table kept as an annex block that round-trips through
build (DOCX, markdown, text), and every construct it cannot keep listed, never dropped."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import invoke, needs
from draftkit.docxread import read_docx
from draftkit.importing import import_document
from draftkit.importing.values import ImportedAnnexText
from draftkit.loading import open_draft
from draftkit.model import AnnexTable, AnnexText, Kind

CORPUS = Path(__file__).resolve().parent / "import_corpus"
UN = ["un-draft.python-docx.docx", "un-draft.libreoffice.docx"]
IPU = ["ipu-draft.python-docx.docx", "ipu-draft.libreoffice.docx"]
UN_TITLE = "Countering the use of information and communications technologies for criminal purposes"


@pytest.mark.parametrize("name", UN)
def test_un_draft_heading_body_annex_and_what_is_not_kept(name: str) -> None:
    imported = import_document(read_docx(CORPUS / name))
    heading = imported.heading
    assert (heading.symbol, heading.session, heading.committee, heading.date.isoformat(), heading.title,
            heading.authoring, heading.body.value) == (
        "A/C.3/74/L.11", "74", "Third Committee", "2019-10-11", UN_TITLE, "The General Assembly",
        "un-general-assembly")
    assert [p.opening for p in imported.preambular] == ["Recalling", "Noting with concern", "Recognizing"]
    assert imported.preambular[0].footnotes == (("fn1", "A/RES/73/187."),)
    assert [(p.kind, p.opening) for p in imported.operative] == [
        (Kind.OPERATIVE, "Takes note"), (Kind.OPERATIVE, "Decides"), (Kind.OPERATIVE, "Requests"),
        (Kind.OPERATIVE, "Decides")]
    assert [s.text for s in imported.operative[1].subparagraphs] == [
        "to elaborate a comprehensive international convention", "to convene a session in August 2020"]
    # Word's cross-reference (a REF field numbering the bookmarked OP2) is draftkit's, by label until written
    assert imported.operative[2].text == "the Secretary-General to report on the implementation of {ref:OP2}"
    (annex,) = imported.annexes
    assert (annex.title, annex.items[0]) == (
        "Annex", ImportedAnnexText("Members of the open-ended ad hoc intergovernmental committee of experts"))
    table = annex.items[1]
    assert (table.rows, table.header_rows) == (
        (("Region", "Seats"), ("African States", "12"), ("Asia-Pacific States", "11")), 1)
    # the masthead: agenda item and its title, sponsors, distribution, original, the footer's job number
    assert (heading.agenda_item, heading.agenda_title, heading.sponsors, heading.distribution, heading.original,
            heading.job) == ("107", UN_TITLE, ("Belarus", "Cambodia", "China", "Nicaragua", "Russian Federation",
                                               "Venezuela (Bolivarian Republic of)"), "limited", "en", "19-17623")
    # the logo is listed, not dropped
    assert [w.message for w in imported.warnings] == ["an image: not imported (a draft holds text)"]


@pytest.mark.parametrize("name", IPU)
def test_ipu_draft_heading_table_typed_numbers_and_running_header(name: str) -> None:
    imported = import_document(read_docx(CORPUS / name))
    heading = imported.heading
    assert (heading.symbol, heading.session, heading.place, heading.committee, heading.date.isoformat(),
            heading.start.isoformat(), heading.end.isoformat(), heading.title, heading.authoring) == (
        "C-III/143/DR", "143", "Madrid, Spain", "Standing Committee on Democracy and Human Rights", "2021-06-10",
        "2021-11-26", "2021-11-30", "Legislation worldwide to combat online child sexual exploitation and abuse",
        "The 143rd Assembly of the Inter-Parliamentary Union")
    assert heading.rapporteurs == ("Ms. A. Rapporteur (Country)", "Mr. B. Rapporteur (Country)")
    assert [(p.kind, p.opening) for p in (*imported.preambular, *imported.operative)] == [
        (Kind.PREAMBULAR, "Condemning"), (Kind.PREAMBULAR, "Recalling"), (Kind.PREAMBULAR, "Deeply concerned"),
        (Kind.OPERATIVE, "Urges"), (Kind.OPERATIVE, "Calls upon"), (Kind.OPERATIVE, "Decides")]
    assert imported.preambular[0].text == "in the strongest terms all forms of sexual exploitation and abuse of children"
    assert not imported.annexes  # the heading table is the heading, not an annex
    assert [w.message for w in imported.warnings] == ["an image: not imported (a draft holds text)"]


def _annex_noted(source: Path, target: Path) -> Path:
    """`source` with a second footnote, called at the end of its annex's paragraph, as Word writes one."""
    import zipfile

    with zipfile.ZipFile(source) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    anchor = b"committee of experts</w:t></w:r>"
    assert parts["word/document.xml"].count(anchor) == 1
    parts["word/document.xml"] = parts["word/document.xml"].replace(anchor, anchor + (
        b'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="2"/></w:r>'))
    parts["word/footnotes.xml"] = parts["word/footnotes.xml"].replace(b"</w:footnotes>", (
        '<w:footnote w:id="2"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
        '<w:r><w:t xml:space="preserve"> Elected by the </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>General '
        'Assembly</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p></w:footnote></w:footnotes>').encode("utf-8"))
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return target


def test_a_note_in_the_annex_stays_the_annex_paragraph_s_and_builds_as_a_footnote(runner, tmp_path: Path) -> None:
    """A UN document whose annex paragraph calls a footnote: imported, the note is that
    paragraph's (not dropped, not the resolution's); built, it is footnote 2 of the DOCX."""
    noted = _annex_noted(CORPUS / UN[0], tmp_path / "noted.docx")
    imported = import_document(read_docx(noted))
    assert imported.annexes[0].items[0] == ImportedAnnexText(
        "Members of the open-ended ad hoc intergovernmental committee of experts[^fn2]",
        (("fn2", "Elected by the *General Assembly*."),))
    assert [p.footnotes for p in imported.preambular][0] == (("fn1", "A/RES/73/187."),)
    result = invoke(runner, "import", noted, "-o", tmp_path / "project")
    assert result.exit_code == 0, result.output
    result = invoke(runner, "build", "-p", tmp_path / "project", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    document = read_docx(next((tmp_path / "out").glob("*.docx")))
    annex = next(p for p in document.paragraphs if p.text.startswith("Members of the open-ended"))
    assert [run.footnote for run in annex.runs if run.footnote is not None] == [2]
    assert "".join(p.text for p in document.footnotes[2].paragraphs).strip() == "Elected by the General Assembly."


def test_word_markup_does_not_change_the_import(tmp_path: Path) -> None:
    """rsids, runs split inside words, proofing marks, _GoBack, smart tags: the same import."""
    from import_corpus.wordlike import as_word_saves_it

    plain = import_document(read_docx(CORPUS / UN[0]))
    word = import_document(read_docx(as_word_saves_it(CORPUS / UN[0], tmp_path / "word.docx")))
    shape = lambda d: ([(p.kind, p.opening, p.text, p.subparagraphs, p.footnotes) for p in
                        (*d.preambular, *d.operative)], d.annexes, d.heading)
    assert shape(word) == shape(plain)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The UN draft imported as a project, then built as DOCX, markdown and text."""
    from click.testing import CliRunner

    root = tmp_path_factory.mktemp("corpus-build")
    runner = CliRunner()
    result = invoke(runner, "import", CORPUS / UN[1], "-o", root / "project")
    assert result.exit_code == 0, result.output
    result = invoke(runner, "build", "-p", root / "project", "-f", "docx", "-f", "md", "-f", "txt",
                    "-o", root / "out")
    assert result.exit_code == 0, result.output
    return {suffix: next((root / "out").glob(f"*.{suffix}")) for suffix in ("docx", "md", "txt")} | {
        "project": root / "project"}


ROWS = (("Region", "Seats"), ("African States", "12"), ("Asia-Pacific States", "11"))


def test_the_heading_round_trips_through_build(built: dict[str, Path]) -> None:
    """Rebuilt from the imported draft, the UN masthead reads as the original's, line for line."""
    original = [p.text for p in read_docx(CORPUS / UN[1]).paragraphs if p.text.strip()]
    rebuilt = built["txt"].read_text(encoding="utf-8").split("\n\n")
    start = original.index("General Assembly")
    assert rebuilt[2:rebuilt.index("The General Assembly,")] == original[start:original.index("The General Assembly,")]


def test_word_cross_reference_becomes_a_cross_reference_that_builds_as_it_read(built: dict[str, Path]) -> None:
    _, draft = open_draft(built["project"])
    decides, requests = draft.operative[1], draft.operative[2]
    assert requests.text["en"] == f"the Secretary-General to report on the implementation of {{ref:{decides.id}}}"
    assert ("3. Requests the Secretary-General to report on the implementation of paragraph 2 above;"
            in built["txt"].read_text("utf-8"))


def test_the_same_file_imported_again_keeps_every_paragraph_cross_reference_included(built: dict[str, Path],
                                                                                     tmp_path: Path) -> None:
    """The paragraph holding the cross-reference is compared as it reads ('paragraph 2 above')."""
    import shutil

    from click.testing import CliRunner

    project = Path(shutil.copytree(built["project"], tmp_path / "project"))
    runner = CliRunner()
    result = invoke(runner, "import", CORPUS / UN[0], "-o", project)
    assert result.exit_code == 0, result.output
    assert "kept     the ids of 7 paragraphs already in the project" in result.output
    assert invoke(runner, "diff", "1", "2", "-p", project, "-f", "text").output.startswith("No changes")
    import yaml

    again = yaml.safe_load((project / "drafts" / "draft-2.yaml").read_text(encoding="utf-8"))
    assert all(list(entry) == ["clause"] for entry in again["operative"])  # each the same, none an edited copy


def test_annex_round_trips_through_build_and_import(built: dict[str, Path], tmp_path: Path) -> None:
    _, draft = open_draft(built["project"])
    (annex,) = draft.annexes
    assert isinstance(annex.items[0], AnnexText) and isinstance(annex.items[1], AnnexTable)
    document = read_docx(built["docx"])
    *masthead, table = document.tables  # a UN heading is a two-column table too (the masthead)
    assert len(masthead) <= 1
    assert table.rows == ROWS
    assert "<w:tblHeader/>" in table.xml  # the heading row repeats on each page
    assert "Region | Seats\nAfrican States | 12\nAsia-Pacific States | 11" in built["txt"].read_text("utf-8")
    markdown = built["md"].read_text("utf-8")
    assert "## Annex" in markdown and "| **Region** | **Seats** |\n|---|---|\n| African States | 12 |" in markdown
    again = import_document(document)
    assert [(a.title, a.items) for a in again.annexes] == [
        ("Annex", (ImportedAnnexText("Members of the open-ended ad hoc intergovernmental committee of experts"),
                   again.annexes[0].items[1]))]
    assert (again.annexes[0].items[1].rows, again.annexes[0].items[1].header_rows) == (ROWS, 1)


@pytest.mark.clients
@needs("pandoc")
def test_built_annex_table_reads_as_a_table_in_pandoc(built: dict[str, Path]) -> None:
    shown = subprocess.run(["pandoc", "-f", "docx", "-t", "html", str(built["docx"])], check=True,
                           capture_output=True, text=True).stdout
    assert "<th>Region</th>" in shown.replace("<strong>", "").replace("</strong>", "")
    assert "<td>African States</td>" in shown


@pytest.mark.clients
@needs("openxml-audit")
def test_built_annex_has_no_schema_findings(built: dict[str, Path]) -> None:
    import json

    done = subprocess.run(["openxml-audit", "-o", "json", "-m", "0", str(built["docx"])], capture_output=True,
                          text=True)
    (report,) = json.loads(done.stdout)
    assert (report["valid"], report["error_count"], report["warning_count"]) == (True, 0, 0), report
