"""Tracked diffs: word tokens, alignment and moves, attribution, the redline's fast
round-trip, DOCX inputs, and the `draftkit diff` command's output and errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from conftest import EXAMPLES, invoke, needs, write

from draftkit.diff.authors import attribution
from draftkit.diff.changes import Status
from draftkit.diff.compare import compare_trees
from draftkit.diff.redline import numbers_as_text, plain, redline, resolve
from draftkit.diff.words import Op, tokens
from draftkit.model import ChangeRecord, ParagraphId, ProposalAction, ProposalId
from draftkit.render.tree import Block, DocTree, FootnoteBody, Role, Run

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from gen_docx_pairs import write_pair  # noqa: E402

DAY = datetime(2021, 7, 15, tzinfo=timezone.utc)
EXAMPLE = EXAMPLES / "child-online-exploitation"


def op(key: str, text: str, *extra: Run, label: str = "") -> Block:
    return Block(Role.OPERATIVE, (Run("Urges ", italic=True), Run(text), *extra), key=key,
                 label=label or key, numbered=True)


def compare(old: list[Block], new: list[Block], notes_old=(), notes_new=(), **kw):
    return compare_trees(DocTree("en", tuple(old), tuple(notes_old)), DocTree("en", tuple(new), tuple(notes_new)),
                         date=DAY, default_author="Co-rapporteurs", **kw)


def assert_round_trip(comparison) -> None:
    tree = redline(comparison)
    assert resolve(tree, accept=True) == plain(comparison.new)
    assert resolve(tree, accept=False) == plain(comparison.old)


def test_tokens_keep_trailing_spaces_and_whole_words():
    text = "Urges  parliaments, in particular l'État-partie (COVID-19) to act;"
    assert "".join(tokens(text)) == text
    assert tokens("children's rights-based approach") == ["children's ", "rights-based ", "approach"]


def test_word_change_is_whole_words_not_letters():
    change = compare([op("a", "parliaments to consider making measures mandatory")],
                     [op("a", "parliaments to make measures mandatory")]).changes[0]
    assert [(p.op, p.text) for p in change.pieces if p.op is not Op.EQUAL] == [
        (Op.DELETE, "consider making"), (Op.INSERT, "make")]


def _edits(change) -> list[tuple[Op, str]]:
    return [(p.op, p.text) for p in change.pieces if p.op is not Op.EQUAL]


@pytest.mark.parametrize(("old", "new", "edits"), [
    # words appended after the last word: one insertion, the last word untouched
    ("children", "children and children in vulnerable situations",
     [(Op.INSERT, " and children in vulnerable situations")]),
    ("children and young people", "children", [(Op.DELETE, " and young people")]),
    # punctuation added or removed after a word keeps the space between the words
    ("children more", "children, more", [(Op.INSERT, ",")]),
    ("children, more", "children more", [(Op.DELETE, ",")]),
    # a replaced word: the space after it is kept, not replaced
    ("to consider making such", "to make such", [(Op.DELETE, "consider making"), (Op.INSERT, "make")]),
    # a change of spacing only is still a change
    ("a  b", "a b", [(Op.DELETE, " ")]),
])
def test_words_are_compared_without_their_trailing_spaces(old, new, edits):
    comparison = compare([op("a", old)], [op("a", new)])
    assert _edits(comparison.changes[0]) == edits
    assert_round_trip(comparison)


def test_appending_at_the_end_of_a_subparagraph_and_a_footnote_is_one_insertion():
    sub = lambda text: Block(Role.OPERATIVE, (Run(text),), key="a/b", label="OP1(b)", level=1, numbered=True)  # noqa: E731
    note = lambda text: (FootnoteBody(1, (Run(text),)),)  # noqa: E731
    comparison = compare([op("a", "act", Run(footnote=1)), sub("by training judges")],
                         [op("a", "act", Run(footnote=1)), sub("by training judges and prosecutors")],
                         note("Treaty Series, vol. 1"), note("Treaty Series, vol. 1, p. 3"))
    first, second = comparison.changes
    assert [(p.op, p.text) for p in first.footnotes[0].pieces if p.op is not Op.EQUAL] == [(Op.INSERT, ", p. 3")]
    assert _edits(second) == [(Op.INSERT, " and prosecutors")]
    assert_round_trip(comparison)


def test_rewritten_paragraph_is_one_replacement():
    change = compare([op("a", "alpha beta gamma delta epsilon zeta eta theta")],
                     [op("a", "one two three four five six seven eight nine")]).changes[0]
    assert change.rewritten
    assert [p.op for p in change.pieces] == [Op.DELETE, Op.INSERT]


def test_moved_paragraph_with_an_edit_is_a_move_plus_the_word_change():
    old = [op("a", "first"), op("b", "the cat sat on the mat"), op("c", "third"), op("d", "fourth")]
    new = [op("a", "first"), op("c", "third"), op("d", "fourth"), op("b", "the cat sat on a mat", label="OP4")]
    comparison = compare(old, new)
    moved = [c for c in comparison.changes if c.status is Status.MOVED]
    assert [c.heading for c in moved] == ["b → OP4"]
    assert [(p.op, p.text) for p in moved[0].pieces if p.op is not Op.EQUAL] == [
        (Op.DELETE, "the"), (Op.INSERT, "a")]
    tree = redline(comparison)
    kinds = [(b.mark_revision.kind.value if b.mark_revision else None) for b in tree.blocks]
    # the moved-away mark goes up onto "first" (same properties: LibreOffice then numbers the
    # paragraph after it as kept); the final mark cannot move in: the mark before it carries it
    assert kinds == ["moveFrom", None, None, "moveTo", None]
    assert [r.revision.kind.value for r in tree.blocks[4].runs if r.revision] == ["moveTo", "moveTo", "ins", "moveTo"]
    assert_round_trip(comparison)


def test_a_moved_and_edited_paragraph_shows_deleted_and_inserted_words_at_its_new_place():
    import json

    from draftkit.diff import report

    old = [op("a", "first"), op("b", "the cat sat on the mat"), op("c", "third"), op("d", "fourth")]
    new = [op("a", "first"), op("c", "third"), op("d", "fourth"), op("b", "the cat sat on a mat", label="OP4")]
    comparison = compare(old, new)
    assert "b → OP4  moved and edited\nUrges the cat sat on [-the-]{+a+} mat\n" in report.as_text(comparison)
    assert "## b → OP4 (moved and edited)\n\nUrges the cat sat on <del>the</del><ins>a</ins> mat" in report.as_markdown(comparison)
    assert "<h2>b → OP4 (moved and edited)</h2>\n<p>Urges the cat sat on <del>the</del><ins>a</ins> mat</p>" in report.as_html(comparison)
    moved = [c for c in json.loads(report.as_json(comparison))["changes"] if c["status"] == "moved"]
    assert [(p["op"], p["text"]) for p in moved[0]["pieces"]] == [
        ("equal", "Urges the cat sat on "), ("delete", "the"), ("insert", "a"), ("equal", " mat")]


def test_inserted_deleted_paragraphs_and_footnotes_round_trip():
    old = [op("a", "act now", Run(footnote=1)), op("b", "to be deleted")]
    new = [op("a", "act swiftly now", Run(footnote=1)), op("c", "brand new", Run(footnote=2))]
    comparison = compare(old, new, [FootnoteBody(1, (Run("Treaty Series, vol. 1"),))],
                         [FootnoteBody(1, (Run("Treaty Series, vol. 2"),)), FootnoteBody(2, (Run("New note"),))])
    assert [c.status for c in comparison.changes] == [Status.CHANGED, Status.DELETED, Status.INSERTED]
    assert comparison.changes[0].footnotes[0].changed
    assert_round_trip(comparison)
    assert comparison.summary().inserted == 1 and comparison.summary().deleted == 1


def test_docx_paragraphs_align_by_similarity_without_keys():
    body = lambda t: Block(Role.BODY, (Run(t),))  # noqa: E731
    old = [body("same first paragraph here"), body("the parliament shall adopt laws"), body("closing words here")]
    new = [body("same first paragraph here"), body("the parliament shall adopt new laws"), body("closing words here")]
    comparison = compare(old, new)
    assert [c.status for c in comparison.changes] == [Status.SAME, Status.CHANGED, Status.SAME]


def test_authors_come_from_merge_provenance():
    records = [ChangeRecord(ParagraphId("a"), ProposalAction.AMEND_TEXT, ProposalId("p1"), "France",
                            language="en", inserted="swiftly"),
               ChangeRecord(ParagraphId("c"), ProposalAction.NEW_PARAGRAPH, ProposalId("p2"), "Kenya")]
    comparison = compare([op("a", "act now")], [op("a", "act swiftly now"), op("c", "new text")],
                         attribute=attribution(records, "en"))
    tree = redline(comparison)
    assert {r.revision.author for r in tree.blocks[0].runs if r.revision} == {"France"}
    # a paragraph added at the end: the mark before it is the inserted one (the final mark stays)
    assert tree.blocks[0].mark_revision.author == "Kenya" and tree.blocks[1].mark_revision is None
    assert {r.revision.author for r in tree.blocks[1].runs} == {"Kenya"}
    assert dict(comparison.summary().by_author) == {"France": 1, "Kenya": 1}


def _record(delegation: str, action=ProposalAction.AMEND_TEXT, sub=None, **words) -> ChangeRecord:
    return ChangeRecord(ParagraphId("a"), action, ProposalId(f"{delegation[:3].upper()}-1"), delegation,
                        language="en", subparagraph=sub, **words)


def _sub(key: str, text: str, level: int) -> Block:
    return Block(Role.SUBPARAGRAPH, (Run(text),), key=key, label=key, level=level, numbered=True)


def test_second_level_subparagraph_changes_are_credited_by_their_path():
    records = [_record("Kenya", sub="x/ii", inserted="and prosecutors"),
               _record("Brazil", sub="x/i", inserted="and prosecutors"),
               _record("Chile", ProposalAction.ADD_SUBPARAGRAPH, sub="x/iii", inserted="to share data"),
               _record("Peru", ProposalAction.DELETE_SUBPARAGRAPH, sub="y", deleted="to act")]
    old = [op("a", "act:"), _sub("a/x", "by:", 1), _sub("a/x/i", "training judges;", 2),
           _sub("a/x/ii", "training judges;", 2), _sub("a/y", "to act:", 1), _sub("a/y/i", "now.", 2)]
    new = [op("a", "act:"), _sub("a/x", "by:", 1), _sub("a/x/i", "training judges;", 2),
           _sub("a/x/ii", "training judges and prosecutors;", 2), _sub("a/x/iii", "to share data.", 2)]
    comparison = compare(old, new, attribute=attribution(records, "en"))
    authors = {(c.new or c.old).key: c.authors() for c in comparison.reported()}
    # the deletion of a/y takes its child a/y/i with it: both are Peru's
    assert authors == {"a/x/ii": {"Kenya"}, "a/x/iii": {"Chile"}, "a/y": {"Peru"}, "a/y/i": {"Peru"}}


def test_a_hunk_is_credited_only_where_the_whole_record_stands():
    """Kenya inserted 'the training of judges and', Chile replaced 'to adopt' by 'to urgently
    adopt', Peru inserted 'other measures'; the co-rapporteurs added 'the' twice on their own."""
    records = [_record("Kenya", inserted="the training of judges and"),
               _record("Chile", deleted="to adopt", inserted="to urgently adopt"),
               _record("Peru", inserted="other measures")]
    comparison = compare([op("a", "to ensure support for victims in all States, to adopt laws in time and other measures")],
                         [op("a", "to ensure the training of judges and support for the victims in all States, "
                                  "to urgently adopt laws in the time and other measures")],
                         attribute=attribution(records, "en"))
    assert [(p.text, p.author) for p in comparison.changes[0].pieces if p.op is Op.INSERT] == [
        ("the training of judges and ", "Kenya"), ("the ", ""), ("urgently ", "Chile"), ("the ", "")]


def test_printed_numbers_follow_new_and_skip_deleted_paragraphs():
    comparison = compare([op("a", "one", label="OP1"), op("b", "two", label="OP2")],
                         [op("b", "two", label="OP1")])
    tree = numbers_as_text(redline(comparison))
    assert [b.runs[0].text for b in tree.blocks] == ["Urges ", "1.\t"]


# --- DOCX inputs -------------------------------------------------------------------------


def _accepted_rejected(path: Path) -> tuple[list[str], list[str]]:
    from draftkit.docxread import read_docx

    doc = read_docx(path)
    accepted, rejected, carry_a, carry_r = [], [], "", ""
    for p in doc.paragraphs:  # a removed paragraph mark joins the paragraph to the next
        carry_a += p.text
        carry_r += p.rejected_text
        if not p.mark_deleted:
            accepted.append(carry_a)
            carry_a = ""
        if not p.mark_inserted:
            rejected.append(carry_r)
            carry_r = ""
    return accepted, rejected


def _texts(path: Path) -> list[str]:
    from draftkit.docxread import read_docx

    return [p.text for p in read_docx(path).paragraphs]


@pytest.mark.parametrize("lists", [False, True])
def test_docx_pair_round_trips_in_the_written_xml(tmp_path, runner, lists):
    old, new = write_pair(tmp_path, 60, 15, lists=lists)
    out = tmp_path / "changes.docx"
    result = invoke(runner, "diff", old, new, "-o", out)
    assert result.exit_code == 0, result.output
    accepted, rejected = _accepted_rejected(out)
    assert accepted == _texts(new)
    assert rejected == _texts(old)


def _renamed_main_part(path: Path, name: str) -> Path:
    """The same DOCX with its document part stored as word/NAME (as some producers do)."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    parts[f"word/{name}"] = parts.pop("word/document.xml")
    parts[f"word/_rels/{name}.rels"] = parts.pop("word/_rels/document.xml.rels")
    for key in ("_rels/.rels", "[Content_Types].xml"):
        parts[key] = parts[key].replace(b"word/document.xml", f"word/{name}".encode())
    out = path.with_name(f"renamed-{path.name}")
    with zipfile.ZipFile(out, "w") as archive:
        for key, data in parts.items():
            archive.writestr(key, data)
    return out


def test_docx_with_another_main_part_name(tmp_path, runner):
    import zipfile

    old, new = write_pair(tmp_path, 20, 5)
    renamed = _renamed_main_part(new, "main.xml")
    out = tmp_path / "changes.docx"
    result = invoke(runner, "diff", old, renamed, "-o", out)
    assert result.exit_code == 0, result.output
    assert "word/document.xml" not in zipfile.ZipFile(out).namelist()
    accepted, rejected = _accepted_rejected(out)
    assert accepted == _texts(new)
    assert rejected == _texts(old)


def test_output_is_reproducible_and_dated_by_the_documents_not_the_files(tmp_path, runner):
    import os

    old, new = write_pair(tmp_path, 30, 8)
    invoke(runner, "diff", old, new, "-o", tmp_path / "a.docx")
    os.utime(new, (1_700_000_000, 1_700_000_000))  # a file touched later: same output
    invoke(runner, "diff", old, new, "-o", tmp_path / "b.docx")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    dates = set(re.findall(r'w:date="([^"]+)"', _part((tmp_path / "a.docx").read_bytes(), "word/document.xml")))
    assert dates == {"2021-07-15T00:00:00Z"}  # NEW's core properties (gen_docx_pairs)
    result = invoke(runner, "diff", old, new, "-o", tmp_path / "c.docx", "--date", "2021-06-16")
    assert result.exit_code == 0, result.output
    dates = set(re.findall(r'w:date="([^"]+)"', _part((tmp_path / "c.docx").read_bytes(), "word/document.xml")))
    assert dates == {"2021-06-16T00:00:00Z"}
    assert "--date '16 June' is not a date" in invoke(runner, "diff", old, new, "--date", "16 June").stderr


def test_loose_draft_files_outside_a_project(tmp_path, runner, mini_project, monkeypatch):
    """As `build` and `check` do: the draft's folder stands for a project (clauses/ beside it)."""
    import shutil

    loose = tmp_path / "loose"
    shutil.copytree(mini_project / "clauses", loose / "clauses")
    text = (mini_project / "drafts" / "draft-1.yaml").read_text(encoding="utf-8")
    write(loose / "old.yaml", text)
    write(loose / "new.yaml", text.replace("version: 1", "version: 2").replace("to remain seized", "to remain actively seized"))
    monkeypatch.chdir(tmp_path)  # no draftkit.yaml here or above
    result = invoke(runner, "diff", "loose/old.yaml", "loose/new.yaml", "-l", "en")
    assert result.exit_code == 0, result.output
    assert "Decides to remain {+actively +}seized of the matter." in result.output


# --- the command --------------------------------------------------------------------------


def test_terminal_report_on_the_example(runner, monkeypatch):
    """Not a terminal (as when piped): the words carry git's --word-diff=plain marks."""
    monkeypatch.chdir(EXAMPLE)
    result = invoke(runner, "diff", "1", "2")
    assert result.exit_code == 0, result.output
    assert "\nOP10 → OP8  moved\n" in result.output
    assert "— → PP14  inserted" in result.output
    assert ("and parliaments to [-consider making-]{+make+} such measures mandatory"
            "{+ where voluntary action falls short+};\n") in result.output
    assert "\x1b[" not in result.output
    assert "2 inserted · 1 deleted · 3 changed · 1 moved paragraphs" in result.output
    french = invoke(runner, "diff", "1", "2", "-l", "fr").output
    assert "[-envisager de -]rendre ces mesures obligatoires{+ lorsque l’action volontaire ne suffit pas+}" in french


def test_json_and_markdown_formats(runner):
    result = invoke(runner, "diff", "1", "2", "--project", EXAMPLE, "--format", "json")
    data = json.loads(result.output)
    assert data["summary"] == {"inserted": 2, "deleted": 1, "changed": 3, "moved": 1,
                               "by_author": {"Co-rapporteurs": 7}}
    op7 = next(c for c in data["changes"] if c["new_label"] == "OP7")
    assert [(p["op"], p["text"]) for p in op7["pieces"] if p["op"] != "equal"] == [
        ("delete", "consider making"), ("insert", "make"), ("insert", " where voluntary action falls short")]
    md = invoke(runner, "diff", "v1", "v2", "--project", EXAMPLE, "--format", "md").output
    assert "such measures mandatory<ins> where voluntary action falls short</ins>;" in md


def test_square_brackets_are_printed_literally(mini_project, runner):
    draft = mini_project / "drafts" / "draft-1.yaml"
    text = draft.read_text(encoding="utf-8")
    write(mini_project / "drafts" / "draft-2.yaml", text.replace("version: 1", "version: 2").replace(
        "text: {en: to remain seized of the matter,", 'text: {en: "to remain [actively] seized of the matter [bold]",'))
    result = invoke(runner, "diff", "1", "2", "--project", mini_project)
    assert "[actively] " in result.output and "[bold]" in result.output


def _error(runner, *args) -> str:
    result = invoke(runner, "diff", *args)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    return lines[0]


def test_errors_are_one_line(tmp_path, runner):
    not_docx = write(tmp_path / "notes.docx", "just text\n")
    empty = tmp_path / "empty.docx"
    from draftkit.render.docx import write_docx

    empty.write_bytes(write_docx(DocTree("en", (Block(Role.BODY, ()),))))
    good, _ = write_pair(tmp_path, 5, 1)
    assert "missing.docx: no such file" in _error(runner, tmp_path / "missing.docx", good)
    assert "not a DOCX file" in _error(runner, not_docx, good)
    assert invoke(runner, "diff", good, empty).exit_code == 0  # everything deleted: a diff like any other


@needs("git")
def test_missing_git_revision_is_one_line(tmp_path, runner):
    good, _ = write_pair(tmp_path, 5, 1)
    assert "git revision not found" in _error(runner, "HEAD~1:drafts/none.yaml", good)


def test_bad_output_suffix_is_a_usage_error(tmp_path, runner):
    good, other = write_pair(tmp_path, 5, 1)
    result = invoke(runner, "diff", good, other, "-o", tmp_path / "out.odt")
    assert result.exit_code == 2


@needs("git")
def test_git_revision_of_a_draft(tmp_path, runner, mini_project):
    run = lambda *a: subprocess.run(["git", *a], cwd=mini_project, check=True, capture_output=True)  # noqa: E731
    run("init", "-q")
    run("-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    run("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "one")
    draft = mini_project / "drafts" / "draft-1.yaml"
    draft.write_text(draft.read_text(encoding="utf-8").replace("to remain seized", "to remain actively seized"),
                     encoding="utf-8")
    result = invoke(runner, "diff", "HEAD:drafts/draft-1.yaml", draft, "--project", mini_project, "-f", "json")
    assert result.exit_code == 0, result.output
    pieces = json.loads(result.output)["changes"][0]["pieces"]
    assert {"op": "insert", "text": "actively "} in pieces


def test_numbering_switched_off_is_a_paragraph_property_revision():
    """Two operative paragraphs become one, unnumbered: reject restores its number (w:pPrChange)."""
    from draftkit.render.docx import write_docx

    old = [op("a", "act now"), op("b", "and later")]
    new = [Block(Role.OPERATIVE, (Run("Urges ", italic=True), Run("act now")), key="a", label="a")]
    comparison = compare(old, new)
    tree = redline(comparison)
    assert tree.blocks[0].format_change is not None and tree.blocks[0].format_change.numbered
    assert [(r.numbered, r.text) for r in resolve(tree, accept=False)] == [(True, "Urges act now"), (True, "Urges and later")]
    assert [(r.numbered, r.text) for r in resolve(tree, accept=True)] == [(False, "Urges act now")]
    document = _part(write_docx(tree), "word/document.xml")
    first = document[document.index("<w:p>"): document.index("</w:p>")]
    assert ('<w:pPr><w:pStyle w:val="Operative"/><w:rPr><w:del w:id="1" w:author="Co-rapporteurs" '
            'w:date="2021-07-15T00:00:00Z"/></w:rPr><w:pPrChange w:id="2" w:author="Co-rapporteurs" '
            'w:date="2021-07-15T00:00:00Z"><w:pPr><w:pStyle w:val="Operative"/><w:numPr><w:ilvl w:val="0"/>'
            '<w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange></w:pPr>') in first


def _part(docx: bytes, name: str) -> str:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return archive.read(name).decode("utf-8")


@needs("openxml-audit")
def test_a_moved_paragraph_is_one_named_range_pair_and_the_file_is_schema_clean(tmp_path):
    """One moveFrom and one moveTo range per moved paragraph, same w:name; ids unique;
    openxml-audit finds nothing in it nor in the example's tracked diff."""
    import re

    from draftkit.diff.pipeline import compare_sides, render
    from draftkit.diff.sources import load_side
    from draftkit.render.docx import write_docx

    old = [op("a", "first"), op("b", "the cat sat on the mat"), op("c", "third"), op("d", "fourth"), op("e", "fifth")]
    new = [op("a", "first"), op("c", "third"), op("d", "fourth"), op("b", "the cat sat on a mat"), op("e", "fifth")]
    moved = tmp_path / "moved.docx"
    moved.write_bytes(write_docx(redline(compare(old, new))))
    document = _part(moved.read_bytes(), "word/document.xml")
    starts = re.findall(r'<w:(moveFrom|moveTo)RangeStart w:id="(\d+)"[^>]*w:name="([^"]+)"', document)
    assert [(kind, name) for kind, _, name in starts] == [("moveFrom", "move2"), ("moveTo", "move2")]
    assert [i for _, i, _ in starts] == re.findall(r'<w:move(?:From|To)RangeEnd w:id="(\d+)"/>', document)
    ids = re.findall(r'<w:(?:ins|del|moveFrom|moveTo|moveFromRangeStart|moveToRangeStart|pPrChange) w:id="(\d+)"', document)
    assert len(ids) == len(set(ids)) == len(re.findall(r' w:id="', document)) - len(starts)  # ends repeat their start
    example = tmp_path / "example.docx"
    example.write_bytes(render(compare_sides(load_side("1", project=EXAMPLE), load_side("2", project=EXAMPLE)), "docx"))
    audit = subprocess.run(["openxml-audit", "--recursive", "-o", "json", "-m", "0", str(tmp_path)],
                           capture_output=True, text=True, check=False)
    reports = json.loads(audit.stdout)
    assert [(r["error_count"], r["warning_count"]) for r in reports] == [(0, 0), (0, 0)], audit.stdout
