"""Programs nobody here wrote read what draftkit builds: pandoc's text and markdown,
LibreOffice's PDF (through pdftotext), openxml-audit's schema and Word-rule checks."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLES, GOLDEN, MINI_DRAFT, MINI_LIBRARY, assert_golden, needs, write
from draftkit.build import Format, build
from draftkit.loading import Project

pytestmark = pytest.mark.clients
EXAMPLE = EXAMPLES / "child-online-exploitation"
#: English and French authentic; Spanish and Arabic the translations provided with them.
LANGUAGES = ("en", "fr", "es", "ar")

#: Sub-paragraphs under preambular paragraphs and under several operative ones: each list
#: starts at (a), and the operative numbers are not disturbed by the preambular lists.
SUBLISTS_DRAFT = """
version: 1
date: 2021-07-15
body: ipu-assembly
session: "143"
symbol: C-III/143/DR
languages: [en]
title: {en: Numbering of sub-paragraphs}
preambular:
  - id: pp-one
    opening: {en: Recalling}
    text: {en: the following instruments}
    subparagraphs:
      - text: {en: the first instrument}
      - text: {en: the second instrument}
  - id: pp-two
    opening: {en: Noting}
    text: {en: the work done}
    subparagraphs:
      - text: {en: first work}
      - text: {en: second work}
        subparagraphs:
          - text: {en: inner one}
          - text: {en: inner two}
operative:
  - id: op-one
    opening: {en: Urges}
    text: {en: parliaments to act}
    subparagraphs:
      - text: {en: to share information}
      - text: {en: to train officers}
  - id: op-two
    opening: {en: Calls upon}
    text: {en: Member Parliaments to cooperate}
    subparagraphs:
      - text: {en: to meet}
      - text: {en: to report}
      - text: {en: to review}
  - id: op-three
    opening: {en: Decides}
    text: {en: to remain seized of the matter}
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """DOCX of the mini project in its two languages and the example in its four: name → path."""
    out = tmp_path_factory.mktemp("clients")
    mini = out / "mini"
    write(mini / "draftkit.yaml", "name: mini\n")
    write(mini / "clauses" / "standard.yaml", MINI_LIBRARY)
    write(mini / "drafts" / "draft-1.yaml", MINI_DRAFT)
    sublists = out / "sublists"
    write(sublists / "draftkit.yaml", "name: sublists\nlibraries: []\n")
    write(sublists / "drafts" / "draft-1.yaml", SUBLISTS_DRAFT)
    files: dict[str, Path] = {}
    for name, root in (("mini", mini), ("example", EXAMPLE), ("sublists", sublists)):
        project = Project.open(root)
        draft = project.draft()
        for path in build(project, draft, languages=draft.meta.languages, formats=[Format.DOCX], output=out / name):
            files[f"{name}.{path.suffixes[-2][1:]}"] = path
    return files


def pandoc(path: Path, to: str) -> str:
    return subprocess.run(["pandoc", "-f", "docx", "-t", to, "--wrap=none", str(path)],
                          capture_output=True, text=True, check=True).stdout


@needs("pandoc")
@pytest.mark.parametrize("document", ["mini.en", "mini.fr", "example.en", "example.fr", "example.es", "example.ar"])
def test_pandoc_plain_text_equals_the_expected_text(built, document, update_golden):
    assert_golden(GOLDEN / "render" / f"{document}.pandoc.txt", pandoc(built[document], "plain"), update_golden)


@needs("pandoc")
def test_pandoc_reads_list_numbers_italic_openings_and_footnotes(built):
    english = pandoc(built["mini.en"], "plain")
    for line in ("1.  Urges parliaments", "2.  Calls upon Member Parliaments", "3.  Decides to remain seized of the matter.",
                 "[1] United Nations, Treaty Series, vol. 1577, No. 27531."):
        assert line in english
    markdown = pandoc(built["mini.en"], "markdown")
    assert "*Recalling* the Convention on the Rights of the Child,[^1]" in markdown
    assert "*Urges* parliaments" in markdown
    french = pandoc(built["mini.fr"], "markdown")
    # pandoc's smart quotes write the typographic apostrophe back as '
    assert "*Rappelant* la Convention relative aux droits de l'enfant[^1]," in french
    assert "[^1]: Nations Unies, Recueil des Traités, vol. 1577, n^o^\u00a027531." in french
    example = pandoc(built["example.fr"], "markdown")
    assert "Nations Unies, *Recueil des Traités*, vol. 1577, n^o^\u00a027531." in example
    assert "143^e^ Assemblée" in example
    example = pandoc(built["example.en"], "plain")
    operative = numbers(example)
    assert operative == list(range(1, len(operative) + 1)) and len(operative) >= 12


@needs("soffice")
@needs("pdftotext")
def test_libreoffice_pdf_shows_numbers_and_footnotes(built, tmp_path):
    from draftkit.render.pdf import docxs_to_pdfs

    names = ("mini.en", "mini.fr", "example.en", "example.fr", "example.es", "example.ar", "sublists.en")
    pdfs = docxs_to_pdfs([(built[name], tmp_path / f"{name}.pdf") for name in names])  # one LibreOffice start
    texts = {name: subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                  check=True).stdout for name, pdf in zip(names, pdfs)}
    assert numbers(texts["mini.en"]) == [1, 2, 3]
    assert "(a)" in texts["mini.en"] and "(b)" in texts["mini.en"]
    assert "United Nations, Treaty Series, vol. 1577, No. 27531." in texts["mini.en"]
    assert "a)" in texts["mini.fr"] and "Nations Unies, Recueil des Traités, vol. 1577, no 27531." in texts["mini.fr"]
    for language in ("en", "fr", "es"):
        assert numbers(texts[f"example.{language}"]) == list(range(1, 19))
    assert "United Nations, Treaty Series, vol. 1577, No. 27531." in texts["example.en"]
    spanish = texts["example.es"]
    assert re.findall(r"^\s*([a-z]{1,3}\))\s", spanish, re.MULTILINE)[:6] == ["a)", "b)", "i)", "ii)", "iii)", "c)"]
    assert "Naciones Unidas, Treaty Series, vol. 1577, núm. 27531." in spanish
    assert "Ibid., vol. 2171, núm. 27531." in spanish
    # Arabic: LibreOffice's lines read right to left with embedding marks around each run;
    # the sub-paragraph letters in abjad order (LibreOffice writes the first as a bare alef)
    # (-layout puts a line's start, the label, at its right end)
    arabic = re.sub("[\u202a-\u202e]", "", texts["example.ar"])
    assert re.findall(r"\(([\u0600-\u06ff])\)\s*$", arabic, re.MULTILINE)[:4] == ["ا", "ب", "ج", "ا"]
    assert "C-III/143/DR" in arabic and "مجموعة المعاهدات" in arabic and "27531" in arabic
    assert numbers(texts["sublists.en"]) == [1, 2, 3]  # was 2, 3, 4: a preambular (a) counted as an item
    letters = re.findall(r"^\s*\(([a-z]+)\)", texts["sublists.en"], re.MULTILINE)
    assert letters == ["a", "b", "a", "b", "i", "ii", "a", "b", "a", "b", "c"]


def numbers(text: str) -> list[int]:
    """Operative numbers at the start of lines ("1." …), as pdftotext lays them out."""
    return [int(m.group(1)) for m in re.finditer(r"^\s*(\d{1,2})\.(?:\s|$)", text, re.MULTILINE)]


@needs("openxml-audit")
def test_openxml_audit_reports_nothing(built):
    folder = built["mini.en"].parent.parent
    result = subprocess.run(["openxml-audit", "--recursive", "-o", "json", "-m", "0", str(folder)],
                            capture_output=True, text=True)
    reports = json.loads(result.stdout)
    found = sorted((Path(r["file"]).name, r["error_count"], r["warning_count"]) for r in reports)
    assert found == sorted((p.name, 0, 0) for p in built.values())


def test_xml_parts_identical_across_two_builds(built, tmp_path):
    project = Project.open(EXAMPLE)
    again = build(project, project.draft(), languages=LANGUAGES, output=tmp_path)
    for path in again:
        assert path.read_bytes() == built[f"example.{path.suffixes[-2][1:]}"].read_bytes()
