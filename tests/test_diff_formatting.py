"""A change of formatting only (a title put in italics) is one tracked formatting change
(`w:rPrChange`, "italic added"), not words deleted and inserted; LibreOffice accepts and
rejects it."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from conftest import invoke, needs, write

from draftkit.diff.changes import Status
from draftkit.diff.redline import redline
from draftkit.diff.words import Op
from draftkit.render.tree import RevisionKind

DRAFT = """
version: {version}
date: 2021-07-{day}
body: ipu-assembly
session: "143"
languages: [en]
title: {{en: Formatting}}
preambular:
  - id: pp-records
    opening: {{en: Recalling}}
    text: {{en: "the {records} of the General Assembly, which set out the rules[^or]"}}
    footnotes:
      or: {{en: "{note}, Supplement No. 41."}}
operative:
  - id: op-decides
    opening: {{en: Decides}}
    text: {{en: to remain seized of the matter}}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "fmt"
    write(root / "draftkit.yaml", "name: fmt\nlibraries: []\n")
    write(root / "drafts" / "draft-1.yaml", DRAFT.format(version=1, day=15, records="Official Records",
                                                          note="Official Records"))
    write(root / "drafts" / "draft-2.yaml", DRAFT.format(version=2, day=15, records="*Official Records*",
                                                          note="Official Records"))
    write(root / "drafts" / "draft-3.yaml", DRAFT.format(version=3, day=15, records="*Official Records*",
                                                          note="**Official Records**"))
    return root


def test_formatting_only_is_one_change_per_stretch_and_no_word_change(project):
    from draftkit.diff.pipeline import compare_inputs

    comparison, _, _ = compare_inputs("1", "3", project=project)
    (change,) = comparison.reported()
    assert change.status is Status.CHANGED and change.edited
    assert all(p.op is Op.EQUAL for p in change.pieces)
    (restyled,) = [r for p in change.pieces for r in p.runs if r.was is not None]
    assert (restyled.text, restyled.was.described(restyled.style)) == ("Official Records", "italic added")
    (note,) = change.footnotes
    assert [r.was.described(r.style) for p in note.pieces for r in p.runs if r.was] == ["bold added"]
    tree = redline(comparison)
    marks = [r.was for b in tree.blocks for r in b.runs if r.was] + [r.was for f in tree.footnotes for r in f.runs if r.was]
    assert [m.revision.kind for m in marks] == [RevisionKind.RUN_FORMAT] * 2
    assert all(r.revision is None for b in tree.blocks for r in b.runs)


def test_cli_reports_the_formatting_change(runner, project):
    result = invoke(runner, "diff", "1", "2", "-p", project)
    assert result.exit_code == 0, result.output
    assert "PP1  formatting changed" in result.output
    assert "the Official Records{~italic added~} of the General Assembly" in result.output
    data = json.loads(invoke(runner, "diff", "1", "3", "-p", project, "-f", "json").output)
    assert data["changes"][0]["formatting"] == ["“Official Records”: italic added", "“Official Records”: bold added"]
    assert data["summary"]["changed"] == 1


def test_tracked_docx_holds_rprchange_with_the_old_properties(runner, project, tmp_path):
    result = invoke(runner, "diff", "1", "3", "-p", project, "-o", tmp_path / "x.docx")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "x.docx") as archive:
        document = archive.read("word/document.xml").decode()
        footnotes = archive.read("word/footnotes.xml").decode()
    assert ('<w:rPr><w:i/><w:iCs/><w:rPrChange w:id="1" w:author="Co-rapporteurs" w:date="2021-07-15T00:00:00Z">'
            "<w:rPr></w:rPr></w:rPrChange></w:rPr><w:t>Official Records</w:t>") in document
    assert "<w:b/><w:bCs/><w:rPrChange" in footnotes
    assert "<w:ins " not in document + footnotes and "<w:del " not in document + footnotes


@pytest.mark.clients
@needs("soffice")
def test_libreoffice_sees_one_format_change_and_accepts_or_rejects_it(runner, project, tmp_path):
    from lo_uno import available, lo_texts

    if not available():
        pytest.skip("python3-uno is not installed")
    invoke(runner, "diff", "1", "2", "-p", project, "-o", tmp_path / "x.docx")
    saved = tmp_path / "saved"
    saved.mkdir()
    accepted, rejected = lo_texts([(tmp_path / "x.docx", "accept"), (tmp_path / "x.docx", "reject")], saved=saved)
    assert accepted == rejected and "Recalling the Official Records of the General Assembly" in accepted
    assert json.loads((saved / "job0.json").read_text()) == ["Format"]  # one change, and nothing else

    def italic_records(job: int) -> bool:
        xml = zipfile.ZipFile(saved / f"job{job}.docx").read("word/document.xml").decode()
        run = xml[: xml.index("Official Records")]
        return run[run.rindex("<w:r>"):].count("<w:i/>") == 1

    assert italic_records(0) is True  # accepted: italic
    assert italic_records(1) is False  # rejected: roman again


def test_tracked_docx_begins_with_the_legend_and_keeps_the_body(runner, project, tmp_path):
    """The legend is the first page's header: the body holds only the tracked text."""
    invoke(runner, "diff", "1", "3", "-p", project, "-o", tmp_path / "x.docx")
    with zipfile.ZipFile(tmp_path / "x.docx") as archive:
        names = archive.namelist()
        document = archive.read("word/document.xml").decode()
        legend = next(archive.read(n).decode() for n in names if n.startswith("word/header")
                      and "by author" in archive.read(n).decode())
    assert ('<w:t xml:space="preserve">Changes from draft 1 to draft 3, by author: </w:t></w:r>'
            '<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t>Co-rapporteurs</w:t></w:r><w:r><w:t xml:space="preserve"> 1</w:t>'
            in legend)
    assert '<w:headerReference w:type="first"' in document and "<w:titlePg/>" in document
    assert "by author" not in document


def test_a_printed_redline_of_two_docx_files_counts_a_formatting_change_in_its_legend(runner, project, tmp_path):
    """Two DOCX files differing only by an italic title: the printed redline (what `diff
    a.docx b.docx -o x.pdf` converts) begins with the legend crediting that one change, held
    as `w:rPrChange`; the tracked DOCX itself keeps NEW's headers as they are."""
    from draftkit.diff.pipeline import compare_inputs, render

    for version in ("1", "2"):
        result = invoke(runner, "build", "-p", project, "--draft", version, "-o", tmp_path / f"v{version}.docx")
        assert result.exit_code == 0, result.output
    for printed in (True, False):
        comparison, _, _ = compare_inputs(str(tmp_path / "v1.docx"), str(tmp_path / "v2.docx"), author="Kenya")
        assert comparison.summary().by_author == (("Kenya", 1),)
        with zipfile.ZipFile(__import__("io").BytesIO(render(comparison, "docx", printed=printed))) as archive:
            document = archive.read("word/document.xml").decode()
            headers = [archive.read(n).decode() for n in archive.namelist() if n.startswith("word/header")]
        assert document.count("<w:rPrChange ") == 1 and 'w:author="Kenya"' in document
        legends = [h for h in headers if "Changes from v1.docx to v2.docx, by author: " in h]
        assert len(legends) == (1 if printed else 0)
        if printed:
            assert '<w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Kenya</w:t>' in legends[0]
            assert '<w:headerReference w:type="first"' in document and "<w:titlePg/>" in document
