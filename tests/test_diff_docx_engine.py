"""The DOCX-to-DOCX redline on Word's own markup, without a client: what is equal stays
NEW's XML (bookmarks inside words, split runs, fields), what changed is tracked in the
XML Word writes, refusals are one line, inputs with tracked changes and without a date
are compared and said so. (Clients check the corpus: test_diff_corpus.py.)"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import invoke
from lxml import etree
from click.testing import CliRunner

from draftkit.docxread.revisions import accept_all, reject_all

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def make(path: Path, body: str, *, core: bool = True, numbering: str = "") -> Path:
    """A Word document (python-docx's template) whose body is `body` (WordprocessingML)."""
    buffer = io.BytesIO()
    document = docx.Document()
    if numbering:
        document.add_paragraph("x", style="List Number")  # brings a numbering part
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    parts["word/document.xml"] = re.sub(r"(<w:body>).*?(<w:sectPr)", lambda m: m.group(1) + body + m.group(2),
                                        xml, count=1, flags=re.DOTALL).encode("utf-8")
    if not core:
        parts["docProps/core.xml"] = (b'<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://'
                                      b'schemas.openxmlformats.org/package/2006/metadata/core-properties"/>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def p(*runs: str, ppr: str = "") -> str:
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def r(text: str, rpr: str = "") -> str:
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def diff(tmp_path: Path, old_body: str, new_body: str, **kw) -> tuple[object, Path]:
    old = make(tmp_path / "old.docx", old_body, **kw)
    new = make(tmp_path / "new.docx", new_body, **kw)
    out = tmp_path / "out.docx"
    return invoke(CliRunner(), "diff", old, new, "-o", out), out


def body(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml")).find(f"{{{W}}}body")


def texts(element: etree._Element) -> list[str]:
    out = []
    for paragraph in element.iter(f"{{{W}}}p"):
        out.append("".join(t.text or "" for t in paragraph.iter(f"{{{W}}}t", f"{{{W}}}delText")))
    return out


def accepted(path: Path) -> list[str]:
    return texts(accept_all(body(path)))


def rejected(path: Path) -> list[str]:
    return texts(reject_all(body(path)))


def test_word_markup_is_not_a_change(tmp_path):
    """Split runs with rsids, proofing marks and _GoBack inside a word: no change at all."""
    old = p(r("The Assembly urges all States to act."))
    new = p('<w:r w:rsidR="00AB12CD"><w:t xml:space="preserve">The Assembly ur</w:t></w:r>'
            '<w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>'
            '<w:r w:rsidR="00FF0011"><w:t xml:space="preserve">ges all States to act.</w:t></w:r>'
            '<w:proofErr w:type="spellEnd"/>')
    result, out = diff(tmp_path, old, new)
    assert result.exit_code == 0, result.output
    assert "0 inserted · 0 deleted · 0 changed · 0 moved" in result.output
    kept = body(out)
    assert kept.find(".//w:bookmarkStart[@w:name='_GoBack']", NS) is not None
    assert kept.find(".//w:ins", NS) is None and kept.find(".//w:del", NS) is None


def test_a_field_in_an_unchanged_paragraph_stays_a_field_and_new_fields_are_whole(tmp_path):
    date = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DATE \\@ "d MMMM'
            ' yyyy" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{}</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    old = p(r("Adopted on "), date.format("4 December 2021")) + p(r("Second paragraph."))
    new = p(r("Adopted on "), date.format("9 December 2021")) + p(r("Second paragraph, "), date.format("x"))
    result, out = diff(tmp_path, old, new)
    assert result.exit_code == 0, result.output
    kept = body(out)
    first, second = kept.findall("w:p", NS)
    assert first.find(".//w:ins", NS) is None  # DATE is computed again by every reader: not a change
    assert first.find(".//w:instrText", NS) is not None
    inserted = second.findall(".//w:ins//w:instrText", NS)
    assert [i.text.strip() for i in inserted] == ['DATE \\@ "d MMMM yyyy"']
    assert second.findall(".//w:ins//w:fldChar", NS)  # the whole field, begin to end, is inserted


def test_a_deleted_field_keeps_its_code_as_deleted_instruction(tmp_path):
    seq = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> SEQ Table </w:instrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
           '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    result, out = diff(tmp_path, p(r("Table "), seq, r(" shows it.")), p(r("The table shows it.")))
    assert result.exit_code == 0, result.output
    kept = body(out)
    assert kept.find(".//w:del//w:delInstrText", NS).text == " SEQ Table "
    assert accepted(out) == ["The table shows it."] and rejected(out) == ["Table 1 shows it."]


def test_numbering_added_and_italic_removed_are_property_revisions(tmp_path):
    numbered = '<w:pPr><w:pStyle w:val="ListNumber"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    old = p(r("Urges", "<w:rPr><w:i/></w:rPr>"), r(" all States;"))
    new = p(r("Urges"), r(" all States;"), ppr=numbered)
    result, out = diff(tmp_path, old, new, numbering="yes")
    assert result.exit_code == 0, result.output
    assert "formatting changed" in invoke(CliRunner(), "diff", tmp_path / "old.docx", tmp_path / "new.docx").output
    kept = body(out)
    change = kept.find(".//w:pPr/w:pPrChange", NS)
    assert change is not None and change.find("w:pPr/w:numPr", NS) is None
    assert kept.find(".//w:rPr/w:rPrChange/w:rPr/w:i", NS) is not None


def test_inputs_holding_tracked_changes_are_compared_accepted_and_it_is_said(tmp_path):
    stamp = 'w:id="{}" w:author="Kenya" w:date="2021-06-01T00:00:00Z"'
    new = (p(r("The Assembly "), f'<w:del {stamp.format(1)}><w:r><w:delText>urges</w:delText></w:r></w:del>',
             f'<w:ins {stamp.format(2)}><w:r><w:t>calls upon</w:t></w:r></w:ins>', r(" States;"),
             ppr=f'<w:pPr><w:rPr><w:del {stamp.format(3)}/></w:rPr></w:pPr>')
           + p(r(" to act.")))
    result, out = diff(tmp_path, p(r("The Assembly urges States;")) + p(r(" to act.")), new)
    assert result.exit_code == 0, result.output
    assert "new.docx holds 3 tracked changes: compared as if all were accepted" in result.output
    assert accepted(out) == ["The Assembly calls upon States; to act."]
    assert rejected(out) == ["The Assembly urges States;", " to act."]
    assert "Kenya" not in body(out).xpath("string(//@w:author)", namespaces=NS)


def test_no_date_in_either_file_falls_back_to_today_and_says_so(tmp_path):
    result, out = diff(tmp_path, p(r("One.")), p(r("Two.")), core=False)
    assert result.exit_code == 0, result.output
    assert "neither" in result.output and "says when it was written" in result.output
    assert "--date" in result.output


@pytest.mark.parametrize("construct, message", [
    ('<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>TOC</w:t></w:r></w:p></w:sdtContent></w:sdt>'
     '<w:altChunk r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>',
     "draftkit cannot yet compare an embedded document (w:altChunk)"),
    ('<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="100"/></w:tblGrid><w:sdt><w:sdtPr/><w:sdtContent><w:tr><w:tc>'
     '<w:p/></w:tc></w:tr></w:sdtContent></w:sdt></w:tbl>',
     "draftkit cannot yet compare a table row inside a content control or custom XML"),
    ('<w:subDoc r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>',
     "draftkit cannot yet compare a subdocument (w:subDoc)"),
    ('<m:oMathPara xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"><m:oMath><m:r><m:t>x</m:t>'
     '</m:r></m:oMath></m:oMathPara>',  # the schema allows it; Word puts an equation inside a paragraph
     "draftkit cannot yet compare an element Word does not write between paragraphs (m:oMathPara)"),
])
def test_constructs_still_refused_are_one_line(tmp_path, construct, message):
    result, out = diff(tmp_path, p(r("Text.")) + construct, p(r("Text, amended.")) + construct)
    assert result.exit_code == 1
    assert message in result.output and result.output.count("\n") == 1
    assert not out.exists()


def test_a_changed_table_of_contents_is_refused_in_one_line(tmp_path):
    def toc(entry: str) -> str:
        return (p('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o "1-3" </w:instrText></w:r>'
                  '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', r(entry))
                + p(r("Annex"), '<w:r><w:fldChar w:fldCharType="end"/></w:r>'))
    result, out = diff(tmp_path, toc("Preamble") + p(r("Body.")), toc("Preamble and scope") + p(r("Body.")))
    assert result.exit_code == 1
    assert "a changed field that runs over several paragraphs (a table of contents" in result.output
    unchanged, _ = diff(tmp_path, toc("Preamble") + p(r("Body.")), toc("Preamble") + p(r("Body, amended.")))
    assert unchanged.exit_code == 0, unchanged.output


def test_bookmark_ids_an_input_repeats_are_numbered_apart(tmp_path):
    """A writer that repeats a bookmark id must not make draftkit write a damaged file."""
    twice = ('<w:bookmarkStart w:id="7" w:name="a"/>{}<w:bookmarkEnd w:id="7"/>')
    old = p(twice.format(r("One.")), r(" Two.")) + p(twice.format(r("Three.")))
    new = p(twice.format(r("One.")), r(" Two, amended.")) + p(twice.format(r("Three.")))
    result, out = diff(tmp_path, old, new)
    assert result.exit_code == 0, result.output
    starts = [b.get(f"{{{W}}}id") for b in body(out).iter(f"{{{W}}}bookmarkStart")]
    ends = [b.get(f"{{{W}}}id") for b in body(out).iter(f"{{{W}}}bookmarkEnd")]
    assert starts == ends == ["0", "1"]


CORPUS = Path(__file__).resolve().parent / "corpus" / "pairs"


@pytest.mark.parametrize("pair, expected", [
    ("lo-notes", ["¶3  changed", "[footnote 2: See A/RES/74/174 and A/RES/75/185{+ and 76/1+}.]",
                  "[footnote 3: {+Including the 2000 Protocol.+}]"]),
    ("lo-formatting", ["Deeply concerned{~italic removed~} by", "143rd{~superscript removed~} IPU",
                       "every form{~bold added~} of", "1.  formatting changed"]),
    ("lo-tables", ["table 2  changed", "[-12-]{+14+}", "{+Peru | 3 | 1+}", "table 1 → —  deleted"]),
    ("pandoc-equations", ["[-[equation]-]{+[equation]+}"]),
    ("lo-images", ["hotlines{+[image]+}", "[-[image]-]{+[image]+}"]),
])
def test_the_word_diff_report_names_what_changed(pair, expected):
    result = invoke(CliRunner(), "diff", CORPUS / f"{pair}.old.docx", CORPUS / f"{pair}.new.docx")
    assert result.exit_code == 0, result.output
    for line in expected:
        assert line in result.output, (line, result.output)


def test_a_bookmark_new_lost_comes_back_with_old_words(tmp_path):
    """A cross-reference's target deleted with its words: rejecting every change gives the
    bookmark back (the REF of OLD works again); NEW's own bookmarks are untouched."""
    target = '<w:bookmarkStart w:id="3" w:name="_Ref42"/>{}<w:bookmarkEnd w:id="3"/>'
    ref = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF _Ref42 \\h </w:instrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Table 1</w:t></w:r>'
           '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    old = p(r("See "), target.format(r("Table 1")), r(" below.")) + p(r("As in "), ref, r(" we decide."))
    new = p(r("See below.")) + p(r("We decide."))
    result, out = diff(tmp_path, old, new)
    assert result.exit_code == 0, result.output
    kept = body(out)
    names = [b.get(f"{{{W}}}name") for b in kept.iter(f"{{{W}}}bookmarkStart")]
    assert names == ["_Ref42"]
    assert [e.get(f"{{{W}}}id") for e in kept.iter(f"{{{W}}}bookmarkEnd")] == ["0"]
    assert rejected(out) == ["See Table 1 below.", "As in Table 1 we decide."]
    assert accepted(out) == ["See below.", "We decide."]


def test_embedded_spreadsheets_come_and_go_with_their_workbooks(tmp_path):
    """Word's OLE objects (w:object: a VML picture and a workbook part), which the tests'
    LibreOffice leaves out as it loads: resolved as Word resolves the changes, accepting gives NEW's
    two objects and rejecting OLD's two, each pointing at a workbook with that side's bytes
    (OLD's deleted one is brought in under a name of its own: NEW has a part of its name)."""
    old, new, out = CORPUS / "word-ole.old.docx", CORPUS / "word-ole.new.docx", tmp_path / "out.docx"
    result = invoke(CliRunner(), "diff", old, new, "-o", out)
    assert result.exit_code == 0, result.output

    def workbooks(path: Path, resolve=None) -> list[bytes]:
        """The workbook bytes of each w:object, in document order."""
        with zipfile.ZipFile(path) as archive:
            root = etree.fromstring(archive.read("word/document.xml"))
            if resolve is not None:
                resolve(root)
            rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
            targets = {r.get("Id"): r.get("Target") for r in rels}
            r_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
            ole = root.iter("{urn:schemas-microsoft-com:office:office}OLEObject")
            pictures = [i.get(r_id) for i in root.iter("{urn:schemas-microsoft-com:vml}imagedata")]
            assert all(f"word/{targets[p]}" in archive.namelist() for p in pictures)
            return [archive.read(f"word/{targets[o.get(r_id)]}") for o in ole]

    assert len(workbooks(out)) == 3  # one kept, one deleted, one inserted
    assert workbooks(out, accept_all) == workbooks(new)
    assert workbooks(out, reject_all) == workbooks(old)
    assert workbooks(old) != workbooks(new)
    assert accepted(out) == texts(body(new)) and rejected(out) == texts(body(old))


def test_a_bookmark_new_lost_around_kept_words_still_holds_them(tmp_path):
    """OLD's cross-reference target around words NEW keeps, in one run of NEW's: the run is
    cut where the bookmark starts and ends, so it holds the same words (it came out empty
    in front of the next change, and OLD's REF showed LibreOffice's 'Error: Reference source
    not found' once changes were rejected)."""
    ref = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF res74174 \\h </w:instrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>resolution 74/174</w:t></w:r>'
           '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    old = (p(r("Recalling its "), '<w:bookmarkStart w:id="5" w:name="res74174"/>', r("resolution 74/174"),
             '<w:bookmarkEnd w:id="5"/>', r(" of 2019 and all relevant resolutions,"))
           + p(r("As in "), ref, r(", decides.")))
    new = p(r("Recalling its resolution 74/174 of 2019 and all other relevant resolutions,")) + p(r("Decides."))
    result, out = diff(tmp_path, old, new)
    assert result.exit_code == 0, result.output
    paragraph = next(body(out).iter(f"{{{W}}}p"))
    inside, within = [], False
    for element in paragraph.iter(f"{{{W}}}bookmarkStart", f"{{{W}}}bookmarkEnd", f"{{{W}}}t"):
        if element.tag == f"{{{W}}}bookmarkStart":
            within = element.get(f"{{{W}}}name") == "res74174"
        elif element.tag == f"{{{W}}}bookmarkEnd":
            within = False
        elif within:
            inside.append(element.text)
    assert "".join(inside) == "resolution 74/174"
    assert accepted(out) == texts(body(make(tmp_path / "n.docx", new)))
    assert rejected(out) == texts(body(make(tmp_path / "o.docx", old)))


def test_a_restyled_word_shown_replaced_at_a_paragraph_end_is_deleted_in_old_look(tmp_path):
    """Words made italic, a field added after them, and the next paragraph starting with
    added words: the paragraph's last word is shown replaced (LibreOffice joins two
    insertions that meet across a paragraph end), and its deleted copy is OLD's run, not
    italic (it was NEW's run: rejecting every change left an italic full stop)."""
    italic = "<w:rPr><w:i/></w:rPr>"
    ref = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF _Ref1 \\h </w:instrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
           '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    old = (p('<w:r w:rsidR="00000001"><w:t xml:space="preserve">victims </w:t></w:r>',
             '<w:r w:rsidR="00000002"><w:t>data.</w:t></w:r>') + p(r("legislation abuse.")))
    new = (p(f'<w:r w:rsidR="000000A1">{italic}<w:t xml:space="preserve">victims </w:t></w:r>',
             f'<w:r w:rsidR="000000A2">{italic}<w:t>data.</w:t></w:r>', ref) + p(r("cooperation legislation abuse.")))
    result, out = diff(tmp_path, old, new)
    assert result.exit_code == 0, result.output
    kept = body(out)
    deleted = kept.findall(".//w:del/w:r", NS)
    assert deleted and all(run.find("w:rPr/w:i", NS) is None for run in deleted)
    assert all(run.get(f"{{{W}}}rsidR") == "00000002" for run in deleted)  # OLD's run
    assert rejected(out) == ["victims data.", "legislation abuse."]
    assert italics(reject_all(body(out))) == ""
    assert italics(accept_all(body(out))) == "victims data." and accepted(out) == ["victims data.1",
                                                                                   "cooperation legislation abuse."]


def test_one_restyled_run_over_two_of_old_records_the_look_of_each(tmp_path):
    """NEW made italic in one run what OLD had plain and bold in two: the run is cut where
    OLD's look changed, each part recording its own old look (the whole run recorded the
    first's: rejecting every change lost the bold)."""
    old = p(r("victims "), r("data.", "<w:rPr><w:b/></w:rPr>"))
    new = p(r("victims data.", "<w:rPr><w:i/></w:rPr>"))
    result, out = diff(tmp_path, old, new)
    assert result.exit_code == 0, result.output
    resolved = reject_all(body(out))
    bold = "".join(t.text for t in resolved.iter(f"{{{W}}}t") if t.getparent().find("w:rPr/w:b", NS) is not None)
    assert bold == "data." and italics(resolved) == "" and rejected(out) == ["victims data."]
    assert italics(accept_all(body(out))) == "victims data."


def italics(element: etree._Element) -> str:
    return "".join(t.text for t in element.iter(f"{{{W}}}t") if t.getparent().find("w:rPr/w:i", NS) is not None)


TABLE = ('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/>'
         '<w:gridCol w:w="3000"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>'
         + p(r("Norway")) + '</w:tc><w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>' + p(r("12"))
         + '</w:tc></w:tr></w:tbl>')


def styles(element: etree._Element) -> list[str | None]:
    found = [paragraph.find("w:pPr/w:pStyle", NS) for paragraph in element.iter(f"{{{W}}}p")]
    return [None if style is None else style.get(f"{{{W}}}val") for style in found]


@pytest.mark.parametrize("ending", ["table", "table, no paragraph after", "numbered paragraph"])
def test_what_comes_or_goes_at_the_end_leaves_no_empty_paragraph_nor_its_look(tmp_path, ending):
    """A heading and a table added after the last paragraph (an annex), or removed: rejecting
    (accepting) every change left an empty paragraph after the last one, where NEW's (OLD's)
    paragraph after the table kept its tracked mark; a story ending with the table had none.
    A numbered paragraph added (removed) at the end: Word keeps the props of the mark that
    stays, so the last paragraph became numbered (lost its quote style)."""
    quote, heading = '<w:pPr><w:pStyle w:val="Quote"/></w:pPr>', '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
    short = p(r("Alpha.")) + p(r("Beta words."), ppr=quote)
    tail = {"table": p(r("Annex"), ppr=heading) + TABLE + "<w:p/>",
            "table, no paragraph after": p(r("Annex"), ppr=heading) + TABLE,
            "numbered paragraph": p(r("Gamma."), ppr='<w:pPr><w:pStyle w:val="ListNumber"/></w:pPr>')}[ending]
    for old, new, name in ((short, short + tail, "added"), (short + tail, short, "removed")):
        (tmp_path / name).mkdir()
        result, out = diff(tmp_path / name, old, new, numbering="1")
        assert result.exit_code == 0, result.output
        for resolved, side in ((accept_all(body(out)), new), (reject_all(body(out)), old)):
            made = make(tmp_path / name / "side.docx", side, numbering="1")
            got, want = list(zip(texts(resolved), styles(resolved))), list(zip(texts(body(made)), styles(body(made))))
            if ending == "table, no paragraph after" and side != short and got[-1] == ("", None):
                got.pop()  # the paragraph every reader shows after a final table
            assert got == want


@pytest.mark.parametrize("tail", ["paragraphs, table", "table"])
def test_a_final_table_removed_leaves_no_empty_paragraph(tmp_path, tail):
    """OLD ends with a table and no paragraph after it (as LibreOffice writes), NEW ends
    before it and restyles the paragraph that stays last: its pPrChange kept `_marks_up` off
    and `_close_the_end` gave up on a story ending with a table, so accepting every change
    left the mark of the paragraph above the table, empty, after the last one."""
    numbered = '<w:pPr><w:pStyle w:val="ListNumber"/></w:pPr>'
    heading = '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
    gone = {"paragraphs, table": p(r("Emblem")) + p(r("Annex"), ppr=heading) + TABLE, "table": TABLE}[tail]
    old = p(r("Alpha.")) + p(r("Decides to act."), ppr=numbered) + gone
    new = p(r("Alpha.")) + p(r("Decides to act."))
    result, out = diff(tmp_path, old, new, numbering="1")
    assert result.exit_code == 0, result.output
    made = make(tmp_path / "new2.docx", new, numbering="1")
    resolved = accept_all(body(out))
    assert list(zip(texts(resolved), styles(resolved))) == list(zip(texts(body(made)), styles(body(made))))
    assert rejected(out) == texts(body(tmp_path / "old.docx"))


def test_a_paragraph_rejected_before_a_table_keeps_its_old_words(tmp_path):
    """A removed paragraph right before OLD's final table takes the inserted mark of NEW's
    last paragraph (`_close_the_end`): rejecting all restores its words, and a paragraph with
    words left stays before a table. The model counted only w:t, not the w:delText that
    rejecting turns into text, and dropped 'Gamma old.'."""
    old = p(r("Alpha.")) + p(r("Gamma old.")) + TABLE
    new = p(r("Alpha.")) + p(r("Beta new."))
    result, out = diff(tmp_path, old, new)
    assert result.exit_code == 0, result.output
    assert accepted(out) == ["Alpha.", "Beta new."]
    got = rejected(out)
    assert got[-1] == "" and got[:-1] == texts(body(tmp_path / "old.docx"))  # the paragraph readers add after a table


@pytest.mark.parametrize("direction", ["added", "removed"])
@pytest.mark.parametrize("ending", ["section, annex, table", "paragraphs"])
def test_a_story_with_no_paragraph_of_both_sides_leaves_no_empty_paragraph(tmp_path, direction, ending):
    """NEW adds a section, an annex heading and a table after text unrelated to OLD's (or the
    other way round): no paragraph is of both sides, so no mark could take the fate of the
    last one, and rejecting (accepting) all left it empty after OLD's (NEW's) last paragraph.
    The last paragraph of the other side is written into it, its look recorded."""
    quote, heading = '<w:pPr><w:pStyle w:val="Quote"/></w:pPr>', '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
    section = '<w:pPr><w:sectPr><w:pgSz w:w="12240" w:h="15840"/></w:sectPr></w:pPr>'
    one = p(r("Xray old words.")) + p(r("Whiskey gone too."), ppr=quote)
    two = {"section, annex, table": p(r("Zulu new text."), ppr=section) + p(r("Annex"), ppr=heading) + TABLE,
           "paragraphs": p(r("Zulu new text.")) + p(r("Yankee more."), ppr=heading)}[ending]
    old, new = (one, two) if direction == "added" else (two, one)
    result, out = diff(tmp_path, old, new)
    assert result.exit_code == 0, result.output
    for resolved, side in ((accept_all(body(out)), tmp_path / "new.docx"), (reject_all(body(out)), tmp_path / "old.docx")):
        got, want = list(zip(texts(resolved), styles(resolved))), list(zip(texts(body(side)), styles(body(side))))
        if ending != "paragraphs" and side.name == "old.docx" and direction == "removed" and got[-1][0] == "":
            got.pop()  # the paragraph every reader shows after a final table (NEW's last, its look left NEW's)
        assert got == want


def test_a_section_added_at_the_end_is_rejected_with_the_old_page(tmp_path):
    """NEW adds a landscape annex section at the end: the body's last section properties are
    NEW's (landscape), and rejecting all kept them for OLD's text. They record OLD's
    (`w:sectPrChange`), which rejecting restores and accepting drops."""
    portrait = '<w:pgSz w:w="12240" w:h="15840"/>'
    landscape = '<w:pgSz w:w="15840" w:h="12240" w:orient="landscape"/>'
    heading = '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
    old = p(r("Alpha.")) + p(r("Beta."))
    new = old + p(r("Zulu."), ppr=f"<w:pPr><w:sectPr>{portrait}</w:sectPr></w:pPr>") + p(r("Annex"), ppr=heading) + TABLE
    made = make(tmp_path / "landscape.docx", new)
    with zipfile.ZipFile(made) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    parts["word/document.xml"] = re.sub(rb"(<w:sectPr[^>]*>)<w:pgSz[^>]*/>(?=(?:(?!<w:sectPr).)*</w:body>)",
                                        lambda m: m.group(1) + landscape.encode(), parts["word/document.xml"], flags=re.S)
    with zipfile.ZipFile(made, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    out = tmp_path / "out.docx"
    result = invoke(CliRunner(), "diff", make(tmp_path / "old.docx", old), made, "-o", out)
    assert result.exit_code == 0, result.output

    def page(element: etree._Element) -> dict:
        return dict(element.find("w:sectPr/w:pgSz", NS).attrib)

    assert page(body(made)) != page(body(tmp_path / "old.docx"))
    assert page(accept_all(body(out))) == page(body(made))
    assert page(reject_all(body(out))) == page(body(tmp_path / "old.docx"))
    assert rejected(out) == texts(body(tmp_path / "old.docx"))


def test_a_printed_redline_s_legend_counts_what_the_report_counts() -> None:
    """The legend counts the comparison made before the output is written: writing moves
    paragraph marks in the compared blocks, and a comparison made again afterwards counted
    an unchanged paragraph of this pair as changed (the legend said one change more than
    the report), whichever was asked first."""
    from datetime import datetime, timezone

    from draftkit.diff.ooxml.redline import DocxRedline

    pairs = Path(__file__).resolve().parent / "corpus" / "pairs"

    def parts(name: str) -> dict[str, bytes]:
        with zipfile.ZipFile(pairs / name) as archive:
            return {n: archive.read(n) for n in archive.namelist()}

    def redline() -> DocxRedline:
        return DocxRedline(parts("lo-tables.old.docx"), parts("lo-tables.new.docx"), old_name="old", new_name="new",
                           author="A", date=datetime(2021, 6, 14, tzinfo=timezone.utc))

    def counted(comparison) -> list[tuple[str, str]]:
        return [(str(change.status), change.new_label or change.old_label) for change in comparison.changes]

    reported = redline()
    report = counted(reported.comparison())
    reported.package(legend=True)
    assert counted(reported.comparison()) == report
    printed = redline()
    printed.package(legend=True)  # the legend first, as a PDF of the redline asks
    assert counted(printed.comparison()) == report
