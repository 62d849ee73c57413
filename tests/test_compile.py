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
    result = invoke(runner, "compile", example, "--format", "txt")
    assert result.exit_code == 0, result.output
    heads = [line.split(" — ")[-1] for line in result.stdout.splitlines() if line[:1].isdigit()]
    assert [h.split("(")[1].rstrip(")") for h in heads] == IDS
    out = result.stdout
    assert "2 · collision A. OP2 — Canada (CAN-1)" in out and "3 · collision A. OP2 — United Kingdom (GBR-1)" in out
    assert "{-Encourages-} {+Urges+} parliaments to establish" in out
    assert "7. OP8 (OP10 in draft 1) — France (FRA-2)" in out
    assert "l'extradition{+, le gel et la confiscation des avoirs d'origine criminelle+} et l'échange" in out
    assert "Position: Merged into GBR-1 (collides with GBR-1)" in out
    assert out.rstrip().endswith("Not compiled: Brazil (late)")


def test_markdown_and_french(example: Path, runner) -> None:
    result = invoke(runner, "compile", example, "--format", "md", "--lang", "fr")
    assert result.exit_code == 0, result.output
    assert "~~Encourage~~ <ins>Exhorte</ins> les parlements" in result.stdout
    assert "| 1 | PP11 |" in result.stdout and "*(en seulement)*" in result.stdout


@pytest.mark.clients
@needs("pandoc")
@needs("soffice")
def test_docx_is_read_by_pandoc_and_converts_to_pdf(example: Path, runner, tmp_path: Path) -> None:
    docx, pdf = tmp_path / "c.docx", tmp_path / "c.pdf"
    assert invoke(runner, "compile", example, "-o", docx).exit_code == 0
    text = subprocess.run(["pandoc", "-f", "docx", "-t", "html", str(docx)], capture_output=True, text=True,
                          check=True).stdout
    for proposal in IDS:
        assert f"({proposal})" in text, proposal
    assert "<u>Urges</u>" in text and "<del>Encourages</del>" in text
    assert text.count("<tr") == len(IDS) + 1
    result = invoke(runner, "compile", example, "-o", pdf, "--format", "pdf")
    assert result.exit_code == 0, result.output
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Compilation of amendments" in pages and "Sénégal (SEN-1)" in " ".join(pages.split())
