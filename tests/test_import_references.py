"""Word cross-references (REF fields numbering a bookmarked paragraph, as Word's "Insert
cross-reference → paragraph number" writes them) import as draftkit's `{ref:…}` / `{num:…}`
when the bookmark is on an operative paragraph; otherwise as the text they show, with a
warning naming why. Documents written by python-docx with the XML Word writes."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from draftkit.docxread import read_docx
from draftkit.importing import import_document

W = nsdecls("w")
OPERATIVE = ["Decides to establish an open-ended committee of experts;",
             "Requests the committee to meet in Vienna;",
             "Also requests the Secretary-General to report on the committee's work."]


def _resolution(path: Path, *, target: str, where: int, before: str, instruction: str, shown: str,
                after: str) -> Path:
    """A small resolution: two preambular and three operative paragraphs (typed '1.'); the
    bookmark _Ref1 on paragraph `target` ('PP1', 'OP2'…); in OP`where`, `before`, a REF field
    showing `shown`, then `after` replace the paragraph's text after its verb."""
    document = docx.Document()
    document.add_paragraph("Countering crime", style="Title")
    document.add_paragraph("The General Assembly,")
    paragraphs = {}
    for number, (opening, rest) in enumerate((("Recalling", " its resolution 73/187,"),
                                             ("Noting", " the report of the Secretary-General,")), start=1):
        paragraph = document.add_paragraph()
        paragraph.add_run(opening).italic = True
        paragraph.add_run(rest)
        paragraphs[f"PP{number}"] = paragraph
    for number, text in enumerate(OPERATIVE, start=1):
        verb, rest = text.split(" ", 1) if not text.startswith("Also") else ("Also requests", text[14:])
        paragraph = document.add_paragraph(f"{number}.\t")
        paragraph.add_run(verb).italic = True
        if number == where:
            paragraph.add_run(" " + before)
            for xml in ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>',
                        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
                        f'<w:r><w:t xml:space="preserve">{shown}</w:t></w:r>',
                        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'):
                paragraph._p.append(parse_xml(xml.replace("<w:r>", f"<w:r {W}>")))
            paragraph.add_run(after)
        else:
            paragraph.add_run(" " + rest)
        paragraphs[f"OP{number}"] = paragraph
    marked = paragraphs[target]._p
    marked.insert(1, parse_xml(f'<w:bookmarkStart {W} w:id="7" w:name="_Ref1"/>'))
    marked.append(parse_xml(f'<w:bookmarkEnd {W} w:id="7"/>'))
    document.save(str(path))
    return path


CASES = {
    # Word's "paragraph number" cross-reference inside the language's own phrase: {ref:…}
    "above": (dict(target="OP1", where=3, before="the Secretary-General to report on paragraph ",
                   instruction="REF _Ref1 \\r \\h", shown="1", after=" above."),
              "the Secretary-General to report on {ref:OP1}", []),
    "below": (dict(target="OP3", where=1, before="a committee to carry out paragraph ",
                   instruction="REF _Ref1 \\n \\h", shown="3", after=" below;"),
              "a committee to carry out {ref:OP3}", []),
    # a field not updated since the paragraphs moved: the reference reads the right number
    "stale": (dict(target="OP1", where=3, before="the Secretary-General to report on paragraph ",
                   instruction="REF _Ref1 \\r \\h", shown="4", after=" above."),
              "the Secretary-General to report on {ref:OP1}",
              ["the REF field shows '4' for OP1 (not updated since the paragraphs moved): imported as a "
               "cross-reference, which reads 1"]),
    # other words around the number: only the number is computed
    "other words": (dict(target="OP1", where=3, before="the Secretary-General to report on item ",
                         instruction="REF _Ref1 \\w \\h", shown="1", after=" of this resolution."),
                    "the Secretary-General to report on item {num:OP1} of this resolution", []),
    # what draftkit cannot number stays the words shown, with the reason
    "preambular": (dict(target="PP2", where=3, before="the Secretary-General to report on paragraph ",
                        instruction="REF _Ref1 \\r \\h", shown="2", after=" above."),
                   "the Secretary-General to report on paragraph 2 above",
                   ["the REF field is imported as the text it shows, '2': it points to a paragraph draftkit does "
                    "not number (a preambular paragraph, a sub-paragraph, a heading or annex line)"]),
    "bookmarked text": (dict(target="OP1", where=3, before="the Secretary-General to report on “",
                             instruction="REF _Ref1 \\h", shown="the committee", after="”."),
                        "the Secretary-General to report on “the committee”",
                        ["the REF field is imported as the text it shows, 'the committee'"]),
    "unknown bookmark": (dict(target="OP1", where=3, before="the Secretary-General to report on paragraph ",
                              instruction="REF _Ref9 \\r \\h", shown="1", after=" above."),
                         "the Secretary-General to report on paragraph 1 above",
                         ["the REF field is imported as the text it shows, '1'"]),
}


@pytest.mark.parametrize("case", CASES)
def test_a_word_cross_reference_imports_as_draftkit_markup_when_it_can(case: str, tmp_path: Path) -> None:
    shape, text, said = CASES[case]
    imported = import_document(read_docx(_resolution(tmp_path / "in.docx", **shape)))
    assert imported.operative[shape["where"] - 1].text == text
    assert [w.message for w in imported.warnings] == said


def test_a_cross_reference_in_an_annex_paragraph_imports_and_builds_as_it_read(runner, tmp_path: Path) -> None:
    """An annex paragraph's REF field to OP2 ('under paragraph 2 above') is `{ref:ID}` of that
    paragraph in the written draft, and builds as the same words."""
    from conftest import invoke

    path = _resolution(tmp_path / "annexed.docx", target="OP2", where=0, before="", instruction="", shown="",
                       after="")
    document = docx.Document(str(path))
    document.add_paragraph("Annex")
    paragraph = document.add_paragraph("Experts designated under paragraph ")
    for xml in ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                '<w:r><w:instrText xml:space="preserve"> REF _Ref1 \\r \\h </w:instrText></w:r>',
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', '<w:r><w:t>2</w:t></w:r>',
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(xml.replace("<w:r>", f"<w:r {W}>")))
    paragraph.add_run(" above")
    document.save(str(path))
    imported = import_document(read_docx(path))
    (annex,) = imported.annexes
    assert annex.items[0].text == "Experts designated under {ref:OP2}"
    assert not [w for w in imported.warnings if "REF" in w.message]
    result = invoke(runner, "import", path, "-o", tmp_path / "project")
    assert result.exit_code == 0, result.output
    from draftkit.loading import open_draft

    _, draft = open_draft(tmp_path / "project")
    assert draft.annexes[0].items[0].text == {"en": f"Experts designated under {{ref:{draft.operative[1].id}}}"}
    result = invoke(runner, "build", "-p", tmp_path / "project", "-f", "txt", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "Experts designated under paragraph 2 above" in next((tmp_path / "out").glob("*.txt")).read_text("utf-8")
