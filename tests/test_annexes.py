"""Annex blocks in the model: loaded and written back symmetrically, refused in one line when
malformed, kept by move/remove/merge, rendered after the resolution (a new page, a ruled table
with its heading rows repeated) in DOCX, markdown and text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import invoke, needs, one_operative_draft, write
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
    ("      - text: {en: 'a note[^n]'}\n", "item 1 of annex 1 calls footnote [^n] in 'en' but defines no footnote 'n'"),
    ("      - text: {en: 'a'}\n        footnotes: {n: {en: b}}\n", "footnote 'n' of item 1 of annex 1 is never called"),
    ("      - table: {en: [['a[^n]']]}\n", "has a footnote call or a cross-reference, which only an annex paragraph"),
    ("      - table: {en: [[a]]}\n        footnotes: {n: {en: b}}\n", "key 'footnotes' does not apply"),
    ("      - table: {header_rows: 1}\n", "has no rows"),
    ("      - {text: {en: a}, table: {en: [[b]]}}\n", "must be either 'text:' or 'table:'"),
    ("      - table: {de: [[a]]}\n", "unknown key 'de'"),
    ("      - table: {header_rows: 3, en: [[a]]}\n", "fewer rows than its 3 header rows"),
])
def test_a_malformed_annex_is_refused_in_one_line(tmp_path: Path, content: str, message: str) -> None:
    path = one_operative_draft(tmp_path / "draft.yaml", "annexes:\n  - title: {en: Annex}\n    content:\n" + content)
    with pytest.raises(InputError, match=re.escape(message)):
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


@pytest.mark.parametrize("reference, message", [
    ("{ref:op-urge}", "annex 1 error[xref-missing]: [en] {ref:op-urge} refers to 'op-urge', which is not a paragraph "
                      "of this draft — did you mean 'op-urges'"),
    ("{num:pp-concern}", "annex 1 error[xref-preambular]: [en] {num:pp-concern} refers to preambular paragraph"),
    ("{ref:op-urges", "annex 1 error[markup-malformed]"),
])
def test_an_annex_cross_reference_to_no_numbered_paragraph_is_a_check_error_and_stops_the_build(
        runner, mini_project: Path, tmp_path: Path, reference: str, message: str) -> None:
    draft = mini_project / "drafts" / "draft-1.yaml"
    draft.write_text(draft.read_text(encoding="utf-8") + "annexes:\n  - title: {en: Annex}\n    content:\n"
                     f"      - text: {{en: 'as in {reference}'}}\n", encoding="utf-8")
    result = invoke(runner, "check", "-p", mini_project, "-l", "en")
    assert result.exit_code != 0 and message in " ".join(result.output.split()), result.output
    result = invoke(runner, "build", "-p", mini_project, "-l", "en", "-o", tmp_path / "out")
    assert result.exit_code != 0 and "annex 1" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


NOTED = """
annexes:
  - title: {en: Annex, fr: Annexe}
    content:
      - text: {en: "States parties to the *Convention*[^unts] under {ref:op-cooperation}",
               fr: "États parties à la *Convention*[^unts] selon le {ref:op-cooperation}"}
        footnotes:
          unts: {en: "United Nations, *Treaty Series*, vol. 1577.", fr: "Nations Unies, *Recueil des Traités*, vol. 1577."}
      - table: {en: [[Chile]], fr: [[Chili]]}
"""


@pytest.fixture
def noted(mini_project: Path) -> Path:
    """The mini project (one footnote, in PP1) with an annex paragraph calling a note of its
    own and referring to OP2."""
    draft = mini_project / "drafts" / "draft-1.yaml"
    draft.write_text(draft.read_text(encoding="utf-8") + NOTED, encoding="utf-8")
    return mini_project


def test_annex_footnotes_load_and_write_back_the_same(noted: Path, tmp_path: Path) -> None:
    _, draft = open_draft(noted)
    text, _ = draft.annexes[0].items
    assert isinstance(text, AnnexText) and [note.key for note in text.footnotes] == ["unts"]
    assert text.footnote("unts").text["fr"] == "Nations Unies, *Recueil des Traités*, vol. 1577."
    again = write(tmp_path / "drafts" / "draft-1.yaml", dump_draft(draft))
    assert load_draft(again, Library({})).annexes == draft.annexes


def test_annex_footnotes_are_real_footnotes_numbered_after_the_resolution(runner, noted: Path,
                                                                           tmp_path: Path) -> None:
    from draftkit.docxread import read_docx

    result = invoke(runner, "build", "-p", noted, "-l", "en", "-f", "docx", "-f", "md", "-f", "txt",
                    "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    document = read_docx(next((tmp_path / "out").glob("*.docx")))
    annex = next(p for p in document.paragraphs if p.text.startswith("States parties"))
    assert [run.footnote for run in annex.runs if run.footnote is not None] == [2]  # PP1 calls note 1
    assert annex.text.endswith("under paragraph 2 above")
    assert [p.text.strip() for p in document.footnotes[2].paragraphs] == ["United Nations, Treaty Series, vol. 1577."]
    text = next((tmp_path / "out").glob("*.txt")).read_text(encoding="utf-8")
    assert "States parties to the Convention² under paragraph 2 above" in text
    assert text.rstrip().endswith("² United Nations, Treaty Series, vol. 1577.")
    markdown = next((tmp_path / "out").glob("*.md")).read_text(encoding="utf-8")
    assert "States parties to the *Convention*[^2] under paragraph 2 above" in markdown
    assert "[^2]: United Nations, *Treaty Series*, vol. 1577." in markdown


def test_built_annex_notes_come_back_through_import(runner, noted: Path, tmp_path: Path) -> None:
    """Into a new project the notes stay the annex paragraph's own (the cross-reference
    comes back as the words it printed); into the project it was built from, the paragraph
    reads as draft 1 prints it and is kept whole; an edited one keeps its French texts and
    its note's key."""
    import zipfile

    assert invoke(runner, "build", "-p", noted, "-l", "en", "-o", tmp_path / "en").exit_code == 0
    (docx,) = (tmp_path / "en").glob("*.docx")
    assert invoke(runner, "import", docx, "-o", tmp_path / "new").exit_code == 0
    _, fresh = open_draft(tmp_path / "new")
    text = fresh.annexes[0].items[0]
    (note,) = text.footnotes
    assert text.text == {"en": f"States parties to the *Convention*[^{note.key}] under paragraph 2 above"}
    assert note.text == {"en": "United Nations, *Treaty Series*, vol. 1577."}

    result = invoke(runner, "import", docx, "-o", noted)
    assert result.exit_code == 0, result.output
    _, first = open_draft(noted, 1)
    _, second = open_draft(noted, 2)
    assert second.annexes == first.annexes

    edited = tmp_path / "edited.docx"
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(edited, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                assert data.count(b"under paragraph 2 above") == 1
                data = data.replace(b"under paragraph 2 above", b"listed by the depositary")
            target.writestr(name, data)
    result = invoke(runner, "import", edited, "-o", noted)
    assert result.exit_code == 0, result.output
    _, third = open_draft(noted, 3)
    item = third.annexes[0].items[0]
    assert item.text == {"en": "States parties to the *Convention*[^unts] listed by the depositary",
                         "fr": "États parties à la *Convention*[^unts] selon le {ref:op-cooperation}"}
    assert item.footnotes == first.annexes[0].items[0].footnotes


@pytest.mark.clients
@needs("openxml-audit")
def test_annex_notes_leave_no_schema_finding(runner, noted: Path, tmp_path: Path) -> None:
    """The builds in both languages and the tracked diff that adds the annex: no openxml-audit
    finding. One file per run: in a folder run, openxml-audit 'loses' a note id of a file when
    an earlier file of the run had fewer notes (each such file alone has no finding)."""
    import json
    import subprocess

    assert invoke(runner, "build", "-p", noted, "-o", tmp_path / "out" / "annexed.docx").exit_code == 0
    before = noted / "drafts" / "draft-1.yaml"
    text = before.read_text(encoding="utf-8")
    after = write(noted / "drafts" / "draft-2.yaml", text.replace("version: 1", "version: 2", 1))
    before.write_text(before.read_text(encoding="utf-8").split("\nannexes:")[0] + "\n", encoding="utf-8")
    result = invoke(runner, "diff", "1", "2", "-p", noted, "-l", "en", "-o", tmp_path / "out" / "diff.docx")
    assert result.exit_code == 0 and after.exists(), result.output
    written = sorted((tmp_path / "out").glob("*.docx"))
    assert len(written) == 3
    for docx in written:
        done = subprocess.run(["openxml-audit", "-o", "json", "-m", "0", str(docx)], capture_output=True, text=True,
                              timeout=120)
        (report,) = json.loads(done.stdout)
        assert (report["error_count"], report["warning_count"]) == (0, 0), (docx.name, report["errors"])
