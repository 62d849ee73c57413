"""The explanatory memorandum (`memorandum:` of a draft): loaded and written back
symmetrically, refused in one line when malformed, kept by move and merge, checked for its
markup, and rendered after the resolution as a document of its own — a Word section of its
own (new page, its first page without the running head), the layout's heading with its
symbol (C-III/143/M), paragraphs numbered 1, 2, … by a list of their own — in DOCX,
markdown and text. (LibreOffice's pages: tests/test_layouts_clients.py.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import invoke, one_operative_draft, write
from draftkit.errors import InputError
from draftkit.loading import open_draft
from draftkit.loading.draft import load_draft
from draftkit.loading.serialize import dump_draft
from draftkit.model import Library

MEMORANDUM = """
memorandum:
  paragraphs:
    - en: "The draft builds on the *Convention on the Rights of the Child*."
      fr: "Le projet s'appuie sur la *Convention relative aux droits de l'enfant*."
    - en: The co-Rapporteurs received contributions from 20 parliaments.
      fr: Les co-rapporteurs ont reçu les contributions de 20 parlements.
"""


@pytest.fixture
def memo(mini_project: Path) -> Path:
    draft = mini_project / "drafts" / "draft-1.yaml"
    draft.write_text(draft.read_text(encoding="utf-8") + MEMORANDUM, encoding="utf-8")
    return mini_project


def test_the_memorandum_loads_and_writes_back_the_same(memo: Path, tmp_path: Path) -> None:
    _, draft = open_draft(memo)
    assert draft.memorandum is not None and len(draft.memorandum.paragraphs) == 2
    assert draft.memorandum.paragraphs[1]["fr"] == "Les co-rapporteurs ont reçu les contributions de 20 parlements."
    again = write(tmp_path / "drafts" / "draft-1.yaml", dump_draft(draft))
    assert load_draft(again, Library({})).memorandum == draft.memorandum


@pytest.mark.parametrize("content, message", [
    ("  paragraphs: []\n", "the memorandum has no paragraphs"),
    ("  paragraphs:\n    - {en: 'see note[^n]'}\n", "paragraph 1 of the memorandum (en) has a footnote call"),
    ("  paragraphs:\n    - {de: Text}\n", "unknown language 'de'"),
    ("  title: {en: Memo}\n", "paragraphs"),
    ("  paragraphs:\n    - {en: a}\n  sybmol: X\n", "sybmol"),
])
def test_a_malformed_memorandum_is_refused_in_one_line(tmp_path: Path, content: str, message: str) -> None:
    path = one_operative_draft(tmp_path / "draft.yaml", "memorandum:\n" + content)
    with pytest.raises(InputError, match=re.escape(message)):
        load_draft(path, Library({}))


def test_move_and_merge_keep_the_memorandum(runner, memo: Path) -> None:
    _, before = open_draft(memo)
    assert invoke(runner, "move", "-p", memo, "op-seized", "--before", "OP1").exit_code == 0
    _, moved = open_draft(memo)
    assert moved.memorandum == before.memorandum
    from draftkit.merge.apply import apply

    merged = apply(moved, [], meta=moved.meta)
    assert merged.memorandum == before.memorandum


def test_check_finds_an_unclosed_mark_and_a_missing_translation_in_the_memorandum(runner, memo: Path) -> None:
    draft = memo / "drafts" / "draft-1.yaml"
    text = draft.read_text(encoding="utf-8")
    draft.write_text(text.replace("from 20 parliaments.", "from *20 parliaments.")
                     .replace("      fr: Les co-rapporteurs ont reçu les contributions de 20 parlements.\n", ""),
                     encoding="utf-8")
    result = invoke(runner, "check", "-p", memo)
    assert result.exit_code != 0
    assert re.search(r"M2.*en.*never closed|M2.*markup-unclosed", result.output, re.S), result.output
    assert re.search(r"M2.*memorandum paragraph has text in 'en' but not in 'fr'", result.output, re.S), result.output


def test_the_memorandum_follows_the_resolution_in_every_format(runner, memo: Path, tmp_path: Path) -> None:
    from draftkit.docxread import read_docx

    result = invoke(runner, "build", "-p", memo, "-l", "fr", "-f", "docx", "-f", "md", "-f", "txt",
                    "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    text = next((tmp_path / "out").glob("*.txt")).read_text(encoding="utf-8").split("__________")[0]
    resolution, memorandum = text.split("C-III/143/M\n", 1)
    assert "demeurer saisie de la question." in resolution and "Mémoire" not in resolution
    assert memorandum.rstrip().endswith(
        "Mémoire explicatif présenté par les co-rapporteurs\n\n"
        "1. Le projet s’appuie sur la Convention relative aux droits de l’enfant.\n\n"
        "2. Les co-rapporteurs ont reçu les contributions de 20 parlements.")
    markdown = next((tmp_path / "out").glob("*.md")).read_text(encoding="utf-8")
    assert "\n\n* * *\n\n" in markdown  # pandoc: a horizontal rule before the memorandum
    assert "1\\. Le projet s’appuie sur la *Convention relative aux droits de l’enfant*." in markdown

    document = read_docx(next((tmp_path / "out").glob("*.docx")))
    paragraphs = document.paragraphs
    numbered = [p for p in paragraphs if p.text.startswith(("Le projet s’appuie", "Les co-rapporteurs ont reçu"))]
    assert [p.numbering.label for p in numbered] == ["1.", "2."]
    (operative,) = [p for p in paragraphs if "de demeurer saisie" in p.text]
    assert operative.numbering.label == "3."  # the operative list is another list


def test_the_memorandum_is_a_word_section_of_its_own(memo: Path) -> None:
    """The resolution's section ends before the memorandum with its running heads; the
    memorandum's section has its own (IPU: '- 2 - C-III/143/M', none on its first page), its
    pages numbered from 1."""
    from draftkit.build import render_tree
    from draftkit.loading import Project
    from draftkit.render.docx import docx_parts

    project = Project.open(memo)
    tree = render_tree(project, project.draft(), "en")
    document = docx_parts(tree)["word/document.xml"].decode("utf-8")
    sections = re.findall(r"<w:sectPr\b.*?</w:sectPr>", document)
    assert len(sections) == 2
    first, last = sections
    assert "<w:headerReference" in first and "<w:titlePg/>" in first and "pgNumType" not in first
    assert '<w:headerReference w:type="default"' in last and "<w:titlePg/>" in last
    assert '<w:pgNumType w:start="1"/>' in last
    before, after = document.split(first)
    assert "to remain seized of the matter" in before and "C-III/143/M" in after
    assert "Explanatory memorandum submitted by the co-Rapporteurs" in after
    parts = docx_parts(tree)
    heads = [parts[name].decode() for name in parts if name.startswith("word/header") and "after-break" in name]
    assert any("C-III/143/M" in head and 'w:instr=" PAGE "' in head for head in heads)


def test_without_running_heads_of_its_own_the_memorandum_keeps_the_resolutions(memo: Path) -> None:
    """The UN layout gives the memorandum no running heads: its section takes the resolution's
    (no references of its own), its pages counted on."""
    from draftkit.build import render_tree
    from draftkit.loading import Project
    from draftkit.render.docx import docx_parts

    draft = memo / "drafts" / "draft-1.yaml"
    draft.write_text(draft.read_text(encoding="utf-8").replace("body: ipu-assembly", "body: un-general-assembly"),
                     encoding="utf-8")
    project = Project.open(memo)
    document = docx_parts(render_tree(project, project.draft(), "en"))["word/document.xml"].decode("utf-8")
    first, last = re.findall(r"<w:sectPr\b.*?</w:sectPr>", document)
    assert "<w:headerReference" in first
    assert "<w:headerReference" not in last and "pgNumType" not in last


def test_the_memorandum_symbol_is_the_drafts_with_m_or_its_own(memo: Path) -> None:
    from draftkit.model import DraftMeta, Memorandum
    from draftkit.render.heading import memorandum_symbol

    _, draft = open_draft(memo)
    meta: DraftMeta = draft.meta
    plain = Memorandum(({"en": "x"},))
    assert memorandum_symbol(meta, plain) == "C-III/143/M"
    assert memorandum_symbol(meta, Memorandum(({"en": "x"},), symbol="C-III/143/M/Rev.1")) == "C-III/143/M/Rev.1"
    from dataclasses import replace

    assert memorandum_symbol(replace(meta, symbol="A/C.3/74/L.11"), plain) == ""


def test_build_then_import_gives_the_memorandum_back(runner, memo: Path, tmp_path: Path) -> None:
    """build -l en, then import that DOCX into the project as draft 2: the memorandum's
    heading (its section, two columns, title) is neither body nor annex, its paragraphs come
    back with their italics and their French texts kept; the resolution's paragraphs are the same."""
    assert invoke(runner, "build", "-p", memo, "-l", "en", "-o", tmp_path / "en").exit_code == 0
    (docx,) = (tmp_path / "en").glob("*.docx")
    result = invoke(runner, "import", docx, "-o", memo)
    assert result.exit_code == 0, result.output
    assert "annex" not in result.output.lower() and "memorandum" not in result.output.lower(), result.output
    _, first = open_draft(memo, 1)
    _, second = open_draft(memo, 2)
    assert second.memorandum == first.memorandum
    assert [p.id for p in second.paragraphs()] == [p.id for p in first.paragraphs()]
    assert second.annexes == ()
