"""The compilation of amendments: order, marks, grouping; DOCX read back by pandoc and
converted to PDF by LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES, invoke, needs

EXAMPLE = "child-online-exploitation"
IDS = ["MEX-1", "CAN-1", "GBR-1", "FRA-1", "DEU-2", "KEN-2", "FRA-2", "KEN-1", "DEU-1", "GBR-2", "FRA-3", "GBR-3",
       "SEN-1", "MEX-2", "SEN-2"]


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("compile")
    root = base / "examples" / EXAMPLE
    shutil.copytree(EXAMPLES / EXAMPLE, root, ignore=shutil.ignore_patterns("build"))
    shutil.copytree(EXAMPLES.parent / "clauses", base / "clauses")
    return root


def test_text_compilation_in_paragraph_order_with_marks(example: Path, runner) -> None:
    result = invoke(runner, "compile", "-p", example, "--format", "txt")
    assert result.exit_code == 0, result.output
    heads = [line.split(" — ")[-1] for line in result.stdout.splitlines() if line[:1].isdigit()]
    assert [h.split("(")[1].rstrip(")") for h in heads] == IDS
    out = result.stdout
    assert "2 · collision A. OP2 — Canada (CAN-1)" in out and "3 · collision A. OP2 — United Kingdom (GBR-1)" in out
    assert "{-Encourages-} {+Urges+} parliaments to establish" in out
    assert "7. OP8 (OP10 in draft 1) — France (FRA-2)" in out
    assert "l'extradition{+, le gel et la confiscation des avoirs d'origine criminelle+} et l'échange" in out
    assert "Position: Merged into GBR-1 (collides with GBR-1)" in out
    # accepted but colliding: the position says it was not applied
    assert "Position: Accepted — collides with GBR-2, not applied\n" in out
    assert "Position: Accepted — collides with the co-rapporteurs' edits, not applied\n" in out
    assert "(not carried over: the co-rapporteurs changed these words since draft 1)" in out
    # no space before the comma, whichever way the change is read
    assert "caregivers{- and teachers-}{+, teachers and social workers+}, in school curricula" in out
    assert out.rstrip().endswith("Not compiled: Brazil (late)")


def test_markdown_and_french(example: Path, runner) -> None:
    result = invoke(runner, "compile", "-p", example, "-f", "md", "-l", "fr")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "~~Encourage~~ <ins>Exhorte</ins> les parlements" in out
    assert "| 1 | Alinéa 11 du préambule |" in out and "*(en seulement)*" in out
    assert out.startswith("# Compilation des amendements\n\nLa législation dans le monde")
    assert "exploitation sexuelle des enfants en ligne — projet 2\n" in out
    assert ("| No | Paragraphe | Texte actuel | Modification proposée | Délégation(s) |"
            " Position des co-rapporteurs |") in out
    assert "| 7 | Paragraphe 8 (paragraphe 10 du projet 1) | " in out and "*Modifier comme suit\u00a0:*" in out
    assert "| Paragraphe 5 b) |" in out or "| Paragraphe 6 c) |" in out  # sub-paragraphs « b) » as French writes them
    assert "| France (FRA-1) | Acceptée |" in out
    # member States named in French (pycountry's names, the UN's own forms in the language data)
    assert "| Allemagne (DEU-1) | Acceptée — en collision avec GBR-2, non appliquée |" in out
    assert "| Royaume-Uni de Grande-Bretagne et d’Irlande du Nord (GBR-1) |" in out and "| Mexique (MEX-1) |" in out
    assert "| nouveau, après paragraphe 11 (projet 1) |" in out and "| Paragraphe 17 (paragraphe 18 du projet 1) |" in out
    # the current text as the resolution prints it: italic opening, final punctuation
    assert "| *Encourage* les parlements à établir une compétence extraterritoriale" in out
    assert "Fusionnée avec GBR-1 *(en collision avec GBR-1)*" in out
    assert out.rstrip().endswith("Non compilées\u00a0: Brésil (en retard)")
    for english in ("Amend", "Accepted", "draft 2", "Position:", "collides", "only", "deleted"):
        assert english not in out, english


@pytest.mark.clients
@needs("pandoc")
@needs("soffice")
def test_docx_is_read_by_pandoc_and_converts_to_pdf(example: Path, runner, tmp_path: Path) -> None:
    docx, pdf = tmp_path / "c.docx", tmp_path / "c.pdf"
    assert invoke(runner, "compile", "-p", example, "-o", docx).exit_code == 0
    text = subprocess.run(["pandoc", "-f", "docx", "-t", "html", str(docx)], capture_output=True, text=True,
                          check=True).stdout
    for proposal in IDS:
        assert f"({proposal})" in text, proposal
    assert "<u>Urges</u>" in text and "<del>Encourages</del>" in text
    assert text.count("<tr") == len(IDS) + 1
    result = invoke(runner, "compile", "-p", example, "-o", pdf, "--format", "pdf")
    assert result.exit_code == 0, result.output
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Compilation of amendments" in pages and "Sénégal (SEN-1)" in " ".join(pages.split())
    printed = [page for page in pages.split("\f") if page.strip()]
    assert len(printed) > 1 and all("Current text" in page for page in printed)  # the heading row on every page


def test_docx_columns_and_reference_fonts(example: Path, runner, tmp_path: Path) -> None:
    from docx import Document

    target = tmp_path / "c.docx"
    result = invoke(runner, "compile", "-p", example, "-o", target, "-l", "fr")
    assert result.exit_code == 0, result.output
    document = Document(str(target))
    table, = document.tables
    widths = [round(column.width.cm, 1) for column in table.columns]
    # fitted: No. as wide as "collision A" (never broken), the label and delegation columns as
    # their longest word, the two texts share the rest
    assert 1.8 < widths[0] < 2.6 and widths[2] > 7 and widths[3] > 8 and round(sum(widths), 0) == 27
    assert table.rows[0]._tr.trPr is not None and "tblHeader" in table.rows[0]._tr.trPr.xml  # repeated on each page
    grouped = [c.text for c in table.columns[0].cells if "collision" in c.text]
    assert grouped and all(t.split("\n")[1].startswith("collision\u00a0") for t in grouped)  # never broken inside
    assert [c.text for c in table.rows[0].cells][-1] == "Position des co-rapporteurs"
    # styled by draftkit's reference DOCX, not python-docx's default template
    assert "Resolution Title" in [s.name for s in document.styles]
    assert document.paragraphs[0].text == "Compilation des amendements"


def test_compilation_bytes_are_reproducible_and_go_to_stdout(example: Path, runner, tmp_path: Path) -> None:
    first, second = tmp_path / "1.docx", tmp_path / "2.docx"
    assert invoke(runner, "compile", "-p", example, "-o", first).exit_code == 0
    assert invoke(runner, "compile", "-p", example, "-o", second).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    piped = invoke(runner, "compile", "-p", example, "-o", "-", "-f", "docx")
    assert piped.exit_code == 0 and piped.stdout_bytes == first.read_bytes()
    assert not (Path.cwd() / "-").exists()
    # -o - with no format is text, as `build -o -`; -o FILE.md takes the format of its extension
    text = invoke(runner, "compile", "-p", example, "-o", "-")
    assert text.stdout == invoke(runner, "compile", "-p", example, "-f", "txt").stdout
    assert text.stdout.startswith("Compilation of amendments")
    markdown = tmp_path / "c.md"
    assert invoke(runner, "compile", "-p", example, "-o", markdown).exit_code == 0
    assert markdown.read_text(encoding="utf-8") == invoke(runner, "compile", "-p", example, "-f", "md").stdout


def test_french_labels_take_french_spacing(example: Path, runner) -> None:
    french = invoke(runner, "compile", "-p", example, "-l", "fr", "-f", "txt").stdout
    assert "telle que révisée\u00a0: " in french and "révisée:" not in french
    assert "as revised: " in invoke(runner, "compile", "-p", example, "-f", "txt").stdout


def test_a_position_given_by_id_is_shown_as_the_number_the_delegate_saw(example: Path, runner, tmp_path) -> None:
    """import --contribution writes positions as stable ids; the compilation still says 'after OP11'."""
    project = tmp_path / "examples" / EXAMPLE
    shutil.copytree(example, project)
    shutil.copytree(example.parent.parent / "clauses", tmp_path / "clauses")
    france = project / "contributions" / "round-1" / "france.yaml"
    from draftkit.loading import open_draft

    _, draft1 = open_draft(project, 1)
    op11 = draft1.operative[10].id
    france.write_text(france.read_text(encoding="utf-8").replace("position: {after: OP11}", f"position: {{after: {op11}}}"),
                      encoding="utf-8")
    for lang, expected in (("en", "new, after OP11 (draft 1)"), ("fr", "nouveau, après paragraphe 11 (projet 1)")):
        result = invoke(runner, "compile", "-p", project, "-f", "txt", "-l", lang, "-o", "-")
        assert result.exit_code == 0, result.output
        assert expected in result.stdout and op11 not in result.stdout.split("FRA-3")[0][-200:]


def test_output_folder_takes_the_usual_name(example: Path, runner, tmp_path) -> None:
    folder = tmp_path / "review"
    folder.mkdir()
    result = invoke(runner, "compile", "-p", example, "-f", "md", "-o", folder)
    assert result.exit_code == 0, result.output
    assert [p.name for p in folder.iterdir()] == ["compilation-draft2.en.md"]
