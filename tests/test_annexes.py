"""Annex blocks in the model: loaded and written back symmetrically, refused in one line when
malformed, kept by move/remove/merge, rendered after the resolution (a new page, a ruled table
with its heading rows repeated) in DOCX, markdown and text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import MINI_DRAFT, invoke, write
from draftkit.errors import InputError
from draftkit.loading import open_draft
from draftkit.loading.draft import load_draft
from draftkit.loading.serialize import dump_draft
from draftkit.model import Annex, AnnexTable, AnnexText, Library

ANNEX = """
annexes:
  - title: {en: Annex I, fr: Annexe I}
    content:
      - text: {en: "States parties to the *Convention*", fr: "États parties à la *Convention*"}
      - table:
          header_rows: 1
          en: [[State, Date of ratification], [Chile, 13 August 1990], [Kenya]]
          fr: [[État, Date de ratification], [Chili, 13 août 1990], [Kenya]]
  - title: {en: Annex II, fr: Annexe II}
"""


@pytest.fixture
def annexed(mini_project: Path) -> Path:
    draft = mini_project / "drafts" / "draft-1.yaml"
    draft.write_text(draft.read_text(encoding="utf-8") + ANNEX, encoding="utf-8")
    return mini_project


def test_annexes_load_and_write_back_the_same(annexed: Path, tmp_path: Path) -> None:
    _, draft = open_draft(annexed)
    first, second = draft.annexes
    assert first.title == {"en": "Annex I", "fr": "Annexe I"} and second.items == ()
    text, table = first.items
    assert isinstance(text, AnnexText) and text.text["en"] == "States parties to the *Convention*"
    assert isinstance(table, AnnexTable) and table.header_rows == 1
    assert table.rows["en"] == (("State", "Date of ratification"), ("Chile", "13 August 1990"), ("Kenya",))
    again = write(tmp_path / "drafts" / "draft-1.yaml", dump_draft(draft))
    assert load_draft(again, Library({})).annexes == draft.annexes


@pytest.mark.parametrize("content, message", [
    ("      - text: {en: 'a note[^n]'}\n", "has a footnote call or a cross-reference, which an annex cannot hold"),
    ("      - table: {header_rows: 1}\n", "has no rows"),
    ("      - {text: {en: a}, table: {en: [[b]]}}\n", "must be either 'text:' or 'table:'"),
    ("      - table: {de: [[a]]}\n", "unknown key 'de'"),
    ("      - table: {header_rows: 3, en: [[a]]}\n", "fewer rows than its 3 header rows"),
])
def test_a_malformed_annex_is_refused_in_one_line(tmp_path: Path, content: str, message: str) -> None:
    path = write(tmp_path / "draft.yaml", MINI_DRAFT.replace("preambular:", "preambular: []\nx:", 1).split("x:")[0]
                 + "operative:\n  - {id: op-a, opening: {en: Decides}, text: {en: to act}}\n"
                 + "annexes:\n  - title: {en: Annex}\n    content:\n" + content)
    with pytest.raises(InputError, match=message.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")):
        load_draft(path, Library({}))


def test_move_and_remove_keep_the_annexes(runner, annexed: Path) -> None:
    _, before = open_draft(annexed)
    assert invoke(runner, "move", "-p", annexed, "op-seized", "--before", "OP1").exit_code == 0
    assert invoke(runner, "remove", "-p", annexed, "op-urges", "--force").exit_code == 0
    _, after = open_draft(annexed)
    assert after.annexes == before.annexes and [p.id for p in after.operative] == ["op-seized", "op-cooperation"]


def test_annexes_render_after_the_resolution_in_every_format(runner, annexed: Path, tmp_path: Path) -> None:
    from draftkit.docxread import read_docx

    result = invoke(runner, "build", "-p", annexed, "-l", "fr", "-f", "docx", "-f", "md", "-f", "txt",
                    "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    text = next((tmp_path / "out").glob("*.txt")).read_text(encoding="utf-8")
    body = text.split("__________")[0]
    assert body.rstrip().endswith("Annexe I\n\nÉtats parties à la Convention\n\nÉtat | Date de ratification\n"
                                  "Chili | 13 août 1990\nKenya\n\nAnnexe II")
    markdown = next((tmp_path / "out").glob("*.md")).read_text(encoding="utf-8")
    assert "## Annexe I\n\nÉtats parties à la *Convention*\n\n| **État** | **Date de ratification** |\n|---|---|\n" \
           "| Chili | 13 août 1990 |\n| Kenya |  |" in markdown
    docx = next((tmp_path / "out").glob("*.docx"))
    document = read_docx(docx)
    *masthead, table = document.tables  # a UN heading is a two-column table too (the masthead)
    assert len(masthead) <= 1
    assert table.rows == (("État", "Date de ratification"), ("Chili", "13 août 1990"), ("Kenya", ""))
    assert table.xml.count("<w:tblHeader/>") == 1
    titles = [p for p in document.paragraphs if p.text.startswith("Annexe")]
    assert [p.text for p in titles] == ["Annexe I", "Annexe II"]
    assert all("<w:pageBreakBefore/>" in (p.raw_ppr or "") for p in titles)
    assert document.paragraphs[-1].text == "Annexe II"


def test_importing_one_language_keeps_the_other_languages_of_the_annexes(runner, annexed: Path,
                                                                          tmp_path: Path) -> None:
    """build -l en, then import that DOCX into the project as draft 2: the annexes read back
    from the DOCX, their French texts kept (the same annexes, in one language of the file)."""
    assert invoke(runner, "build", "-p", annexed, "-l", "en", "-o", tmp_path / "en").exit_code == 0
    (docx,) = (tmp_path / "en").glob("*.docx")
    result = invoke(runner, "import", docx, "-o", annexed)
    assert result.exit_code == 0, result.output
    _, first = open_draft(annexed, 1)
    _, second = open_draft(annexed, 2)
    assert second.annexes == first.annexes


_CELL = st.text(alphabet=st.characters(whitelist_categories=("L", "N"), whitelist_characters=" ,.-'’()/%"),
                min_size=0, max_size=12).map(lambda s: " ".join(s.split()))


@settings(max_examples=25, deadline=None)
@given(rows=st.lists(st.lists(_CELL, min_size=1, max_size=4), min_size=1, max_size=5),
       header_rows=st.integers(0, 2))
def test_any_annex_table_round_trips_through_build_and_import(rows: list[list[str]], header_rows: int) -> None:
    """A table's cells come back from the DOCX draftkit writes as written (markup characters
    escaped, trailing empty cells left out as the writer fills them), with its heading rows."""
    import dataclasses

    from draftkit.docxread.reader import read_docx
    from draftkit.importing import import_document
    from draftkit.loading.draft import load_draft
    from draftkit.render.docx import write_docx
    from draftkit.render.layout import layout
    import tempfile

    header_rows = min(header_rows, len(rows))
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder) / "draft.yaml", "version: 1\ndate: 2021-07-15\nbody: ipu-assembly\nsession: '143'\n"
                     "title: {en: T}\noperative:\n  - {id: op-a, opening: {en: Decides}, text: {en: to act}}\n")
        draft = load_draft(path, Library({}))
        table = AnnexTable({"en": tuple(tuple(row) for row in rows)}, header_rows)
        draft = dataclasses.replace(draft, annexes=(Annex({"en": "Annex"}, (table,)),))
        docx = Path(folder) / "out.docx"
        docx.write_bytes(write_docx(layout(draft, "en")))
        (annex,) = import_document(read_docx(docx)).annexes
    (item,) = annex.items

    def trimmed(row):
        row = list(row)
        while len(row) > 1 and not row[-1]:
            row.pop()
        return tuple(row)

    from draftkit.inline import plain_text

    assert tuple(tuple(plain_text(c) for c in row) for row in item.rows) == tuple(trimmed(r) for r in rows)
    assert item.header_rows == header_rows
