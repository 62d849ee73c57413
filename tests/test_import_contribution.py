"""draftkit import --contribution: a draft returned with tracked changes made by pandoc and
by LibreOffice → contributions per author; merging them gives what accepting the changes
in pandoc gives; files not based on the version are refused."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import invoke, needs, write
from draftkit.loading.contributions import load_contribution

KENYA = 'author="Kenya" date="2021-06-10T00:00:00Z"'
FRANCE = 'author="France" date="2021-06-11T00:00:00Z"'

pytestmark = [pytest.mark.clients, needs("pandoc")]


def tracked_markdown(plain: str) -> str:
    """The circulated draft (as pandoc reads it) with two delegations' changes and a comment."""
    edits = [
        ("parliaments to criminalize all", f"parliaments to [criminalize]{{.deletion {KENYA}}}"
                                           f"[outlaw]{{.insertion {KENYA}}} all"),
        ("exploitation\nduring the COVID-19 pandemic,", f"exploitation\n[during the COVID-19 pandemic]"
                                                        f"{{.deletion {FRANCE}}},"),
        ("*Urges*", f"[Stronger wording]{{.comment-start id=\"1\" {KENYA}}}*Urges*[]{{.comment-end id=\"1\"}}"),
        ("    b.  to train law enforcement officers;",
         f"    b.  [to train law enforcement officers;]{{.deletion {FRANCE}}}"),
        ("3.  *Decides*", f"3.  [*Invites* the IPU to monitor progress;]{{.insertion {KENYA}}}\n\n4.  *Decides*"),
    ]
    for old, new in edits:
        assert old in plain, old
        plain = plain.replace(old, new)
    return plain


def circulated(runner, project: Path, tmp_path: Path) -> str:
    """Draft 1 of `project` built by draftkit and read back by pandoc as markdown."""
    built = tmp_path / "built"
    assert invoke(runner, "build", "-p", project, "-l", "en", "-o", built).exit_code == 0
    (docx,) = built.glob("*.docx")
    return subprocess.run(["pandoc", "-f", "docx", "-t", "markdown", str(docx)], check=True,
                          capture_output=True, text=True).stdout


def pandoc_docx(tmp_path: Path, name: str, markdown: str) -> Path:
    source = write(tmp_path / f"{name}.md", markdown)
    out = tmp_path / f"{name}.docx"
    subprocess.run(["pandoc", str(source), "-o", str(out)], check=True)
    return out


@pytest.fixture
def returned(runner, mini_project: Path, tmp_path: Path) -> Path:
    """mini draft 1 as circulated, edited with tracked changes by pandoc."""
    return pandoc_docx(tmp_path, "returned", tracked_markdown(circulated(runner, mini_project, tmp_path)))


def accepted_paragraphs(docx: Path) -> list[str]:
    """Body paragraphs of `docx` with every change accepted, as pandoc reads them (list markers
    and the empty item pandoc keeps for a deleted list paragraph removed)."""
    text = subprocess.run(["pandoc", "-f", "docx", "--track-changes=accept", "-t", "plain", "--wrap=none",
                           str(docx)], check=True, capture_output=True, text=True).stdout
    out = []
    for block in text.split("\n\n"):
        block = re.sub(r"^\s*(\d+\.|[a-z]\.|\([a-z]+\))\s+", "", block.strip())
        block = re.sub(r"^\[\d+\]\s*", "footnote: ", block)  # the notes, after the text
        block = re.sub(r"\[\d+\]", "", block)  # note marks in the text
        if block and not re.fullmatch(r"[a-z]\.|\d+\.", block):
            out.append(re.sub(r"\s+([,;:.])", r"\1", " ".join(block.split())))
    return out


def built_paragraphs(runner, project: Path, tmp_path: Path) -> list[str]:
    out = tmp_path / "merged"
    assert invoke(runner, "build", "-p", project, "-l", "en", "-f", "txt", "-o", out).exit_code == 0
    (txt,) = out.glob("*.txt")
    text, notes = txt.read_text(encoding="utf-8").split("__________")
    blocks = [re.sub(r"^\s*(\d+\.|\([a-z]+\))\s+", "", b.strip()) for b in text.split("\n\n")]
    blocks += [re.sub(r"^[¹²³]\s*", "footnote: ", line.strip()) for line in notes.splitlines()]
    return [re.sub(r"[¹²³]", "", " ".join(b.split())) for b in blocks if b.strip()]


def import_and_merge(runner, docx: Path, project: Path) -> dict[str, Path]:
    result = invoke(runner, "import", "--contribution", docx, "--against", "1", "-p", project)
    assert result.exit_code == 0, result.output
    files = {p.stem: p for p in (project / "contributions" / "round-1").glob("*.yaml")}
    ids = [p.id for f in files.values() for p in load_contribution(f).proposals]
    write(project / "decisions" / "round-1.yaml", "".join(f"- {{proposal: {i}, decision: accept}}\n" for i in ids))
    result = invoke(runner, "merge", "-p", project, "--date", "2021-07-01")
    assert result.exit_code == 0, result.output
    assert f"{len(ids)} proposals applied" in result.output
    return files


def test_pandoc_tracked_changes_become_proposals_per_author(runner, returned: Path, mini_project: Path,
                                                            tmp_path: Path) -> None:
    files = import_and_merge(runner, returned, mini_project)
    assert sorted(files) == ["france", "kenya"]
    kenya, france = load_contribution(files["kenya"]), load_contribution(files["france"])
    assert (kenya.delegation, kenya.responds_to, kenya.submitted_at.isoformat()) == (
        "Kenya", 1, "2021-06-10T00:00:00+00:00")
    summary = [(p.action.value, p.target, p.old, p.new, p.justification) for p in kenya.proposals]
    assert summary == [("amend-text", "op-urges", "criminalize", "outlaw", "Stronger wording"),
                       ("new-paragraph", None, None, None, "")]
    new = kenya.proposals[1]
    assert (new.position.where, new.position.reference) == ("after", "op-cooperation")
    assert (new.paragraph.opening, new.paragraph.text) == ({"en": "Invites"}, {"en": "the IPU to monitor progress"})
    assert [(p.action.value, p.target, p.old, p.new) for p in france.proposals] == [
        ("amend-text", "pp-concern", "during the COVID-19 pandemic", ""),
        ("delete-subparagraph", "op-cooperation(b)", None, None)]
    expected = accepted_paragraphs(returned)
    merged = built_paragraphs(runner, mini_project, tmp_path)
    body = expected[expected.index("The 143rd Assembly of the Inter-Parliamentary Union,"):]
    assert merged[-len(body):] == body


@needs("soffice")
def test_libreoffice_tracked_changes(runner, returned: Path, mini_project: Path, tmp_path: Path) -> None:
    """The same changes, in a DOCX written by LibreOffice (pandoc's file → ODT → DOCX, revisions kept)."""
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    subprocess.run(["soffice", profile, "--headless", "--convert-to", "odt", "--outdir", str(tmp_path / "odt"),
                    str(returned)], check=True, capture_output=True, timeout=120)
    subprocess.run(["soffice", profile, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                    str(tmp_path / "lo"), str(tmp_path / "odt" / "returned.odt")],
                   check=True, capture_output=True, timeout=120)
    docx = tmp_path / "lo" / "returned.docx"
    files = import_and_merge(runner, docx, mini_project)
    kenya = load_contribution(files["kenya"])
    assert [(p.action.value, p.target, p.old, p.new) for p in kenya.proposals][0] == (
        "amend-text", "op-urges", "criminalize", "outlaw")
    assert [p.action.value for p in load_contribution(files["france"]).proposals] == [
        "amend-text", "delete-subparagraph"]
    expected = accepted_paragraphs(returned)
    merged = built_paragraphs(runner, mini_project, tmp_path)
    body = expected[expected.index("The 143rd Assembly of the Inter-Parliamentary Union,"):]
    assert merged[-len(body):] == body


def test_one_delegation_name_for_a_single_author(runner, mini_project: Path, tmp_path: Path) -> None:
    markdown = circulated(runner, mini_project, tmp_path)
    out = pandoc_docx(tmp_path, "one", markdown.replace(
        "to share information", 'to share [relevant]{.insertion author="J. Otieno"} information'))
    target = tmp_path / "kenya.yaml"
    result = invoke(runner, "import", "--contribution", out, "--delegation", "Kenya", "--against", "1",
                    "--submitted-at", "2021-06-12T10:00:00+02:00", "-o", target, "-p", mini_project)
    assert result.exit_code == 0, result.output
    contribution = load_contribution(target)
    assert contribution.delegation == "Kenya"
    assert contribution.submitted_at.isoformat() == "2021-06-12T10:00:00+02:00"
    (proposal,) = contribution.proposals
    assert (proposal.target, proposal.old, proposal.new) == ("op-cooperation(a)", "information",
                                                             "relevant information")


def test_a_file_not_based_on_the_version_is_refused(runner, mini_project: Path, tmp_path: Path) -> None:
    # edited without Track Changes: the original text is no longer there
    markdown = circulated(runner, mini_project, tmp_path)
    out = pandoc_docx(tmp_path, "untracked", markdown.replace("to criminalize", "to outlaw"))
    result = invoke(runner, "import", "--contribution", out, "--against", "1", "-p", mini_project)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {out}: the file is not based on draft 1: where draft 1 has OP1 'Urges parliaments to "
        "criminalize all forms of online…', the file (with its tracked changes rejected) has 'Urges parliaments to "
        "outlaw all forms of online…': 'outlaw' where draft 1 has 'criminalize' (changes must be made with Track "
        "Changes on, in draft 1 as circulated; or give the version the file was made from with --against)\n")
    assert not (mini_project / "contributions").exists()


def nest_deletion(docx: Path, words: str, deleter: str) -> Path:
    """`docx` with the insertion holding `words` deleted again by `deleter` (`<w:ins><w:del>`, as Word writes it)."""
    import zipfile

    with zipfile.ZipFile(docx) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    pattern = re.compile(r"(<w:ins [^>]*>)(<w:r>(?:(?!</w:ins>).)*?" + re.escape(words) + r".*?</w:r>)(</w:ins>)")
    match = pattern.search(xml)
    assert match is not None, xml[:2000]
    runs = match.group(2).replace("<w:t ", "<w:delText ").replace("<w:t>", "<w:delText>").replace(
        "</w:t>", "</w:delText>")
    deletion = f'<w:del w:id="900" {deleter.replace("author=", "w:author=").replace("date=", "w:date=")}>'
    parts["word/document.xml"] = (xml[:match.start()] + match.group(1) + deletion + runs + "</w:del>"
                                  + match.group(3) + xml[match.end():]).encode("utf-8")
    out = docx.with_name(docx.stem + "-nested.docx")
    with zipfile.ZipFile(out, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out


def pandoc_view(docx: Path, mode: str) -> str:
    return " ".join(subprocess.run(["pandoc", "-f", "docx", f"--track-changes={mode}", "-t", "plain", "--wrap=none",
                                    str(docx)], check=True, capture_output=True, text=True).stdout.split())


def test_an_insertion_deleted_by_another_author(runner, mini_project: Path, tmp_path: Path) -> None:
    """Kenya inserts words, France deletes that insertion (`w:ins` around `w:del`): the file is
    still draft 1 (pandoc: neither accept-all nor reject-all has the words); Kenya's insertion
    is Kenya's proposal, France's deletion a warning, not a proposal."""
    markdown = circulated(runner, mini_project, tmp_path).replace(
        "parliaments to criminalize", f"parliaments to [urgently]{{.insertion {KENYA}}} criminalize")
    docx = nest_deletion(pandoc_docx(tmp_path, "overlap", markdown), "urgently", FRANCE)
    assert "urgently" not in pandoc_view(docx, "accept") and "urgently" not in pandoc_view(docx, "reject")
    result = invoke(runner, "import", "--contribution", docx, "--against", "1", "-p", mini_project)
    assert result.exit_code == 0, result.output
    (kenya_file,) = (mini_project / "contributions" / "round-1").glob("*.yaml")
    kenya = load_contribution(kenya_file)
    assert kenya.delegation == "Kenya"
    assert [(p.action.value, p.target, p.old, p.new) for p in kenya.proposals] == [
        ("amend-text", "op-urges", "criminalize", "urgently criminalize")]
    assert "France deleted 'urgently', which Kenya inserted: imported as Kenya's proposal only" in result.output


def test_markup_typed_in_word_stays_member_text(runner, mini_project: Path, tmp_path: Path) -> None:
    """'{ref:…}', '{num:…}' and '[^…]' typed by a delegate arrive as typed, with a warning;
    merge then names Belgium's proposal instead of reading them as a cross-reference."""
    belgium = 'author="Belgium" date="2021-06-12T00:00:00Z"'
    markdown = circulated(runner, mini_project, tmp_path).replace(
        "to share information", f"to share information [as in {{ref:op-urges}} and \\[^crc\\]]{{.insertion {belgium}}}")
    docx = pandoc_docx(tmp_path, "braces", markdown)
    result = invoke(runner, "import", "--contribution", docx, "--against", "1", "-p", mini_project)
    assert result.exit_code == 0, result.output
    (path,) = (mini_project / "contributions" / "round-1").glob("*.yaml")
    (proposal,) = load_contribution(path).proposals
    assert (proposal.id, proposal.target, proposal.old) == ("BEL-1", "op-cooperation(a)", "information")
    # the words as typed (merge.words' tokens join a call to the word before it: 'and[^crc]')
    assert proposal.new.replace(" [^", "[^") == "information as in {ref:op-urges} and[^crc]"
    assert ("Belgium's text has '[^crc]', '{ref:op-urges}', which draftkit reads as markup: kept as typed"
            in " ".join(result.output.split()))
    write(mini_project / "decisions" / "round-1.yaml", "- {proposal: BEL-1, decision: accept}\n")
    result = invoke(runner, "merge", "-p", mini_project, "--date", "2021-07-01")
    assert result.exit_code == 1
    assert "proposal BEL-1: its text has" in result.stderr


def test_a_tracked_change_in_a_footnote_is_said_never_passed_over(runner, mini_project: Path, tmp_path: Path) -> None:
    """Words inserted in a note: no proposal can amend a note, so the change is a warning
    naming the paragraph and the note; the body's changes are still proposals. Alone, it
    writes no file and says why (it used to say that the file held no tracked changes)."""
    markdown = circulated(runner, mini_project, tmp_path)
    note = "[^1]: United Nations, Treaty Series, vol. 1577, No. 27531."
    assert note in markdown
    noted = markdown.replace(note, note[:-1] + ' [and its Optional Protocols]{.insertion author="Kenya"}.')
    both = noted.replace("to share information", 'to share [relevant]{.insertion author="Kenya"} information')
    said = "Kenya changed the words of a footnote of this paragraph ('United Nations, Treaty Series, vol. 1577"
    result = invoke(runner, "import", "--contribution", pandoc_docx(tmp_path, "both", both), "--against", "1",
                    "-o", tmp_path / "kenya.yaml", "-p", mini_project)
    assert result.exit_code == 0, result.output
    (proposal,) = load_contribution(tmp_path / "kenya.yaml").proposals
    assert (proposal.target, proposal.old, proposal.new) == ("op-cooperation(a)", "information", "relevant information")
    assert said in result.output and "'Recalling the Convention on the Rights of the Child,'" in result.output
    result = invoke(runner, "import", "--contribution", pandoc_docx(tmp_path, "note", noted), "--against", "1",
                    "-o", tmp_path / "note.yaml", "-p", mini_project)
    assert result.exit_code == 0, result.output
    assert "No tracked change became a proposal (see the warnings): no contribution written." in result.output
    assert said in result.output and not (tmp_path / "note.yaml").exists()


def test_a_delegations_italic_run_becomes_markup_in_its_proposal(runner, mini_project: Path,
                                                               tmp_path: Path) -> None:
    """A title the delegation typed in italics inside its tracked insertion, and an italic
    word in a new paragraph, come into the proposals as `*…*`; merged, they stay italic."""
    plain = circulated(runner, mini_project, tmp_path)
    old = "to remain seized of the matter"
    assert old in plain
    plain = plain.replace(old, old + f"[, guided by the *Convention on the Rights of the Child*]{{.insertion {KENYA}}}")
    old = "3.  *Decides*"
    plain = plain.replace(old, f"3.  [*Invites* the IPU to report, *inter alia*, on progress;]{{.insertion {KENYA}}}"
                               "\n\n4.  *Decides*")
    files = import_and_merge(runner, pandoc_docx(tmp_path, "italic", plain), mini_project)
    kenya = load_contribution(files["kenya"])
    (amend,) = [p for p in kenya.proposals if p.action.value == "amend-text"]
    (new,) = [p for p in kenya.proposals if p.action.value == "new-paragraph"]
    assert (amend.action.value, amend.target, amend.old, amend.new) == (
        "amend-text", "op-seized", "matter", "matter, guided by the *Convention on the Rights of the Child*")
    assert (new.paragraph.opening, new.paragraph.text) == ({"en": "Invites"},
                                                           {"en": "the IPU to report, *inter alia*, on progress"})
    merged = (mini_project / "drafts" / "draft-2.yaml").read_text(encoding="utf-8")
    assert "to remain seized of the matter, guided by the *Convention on the Rights of the Child*" in merged
    assert "the IPU to report, *inter alia*, on progress" in merged


def test_a_word_typed_inside_an_italic_title_takes_no_marks_of_its_own(runner, mini_project: Path,
                                                                      tmp_path: Path) -> None:
    """Typed inside the version's italic stretch, a word is italic in Word only because the
    stretch is: the proposal quotes it plain, and the merged text keeps one stretch."""
    draft = mini_project / "drafts" / "draft-1.yaml"
    draft.write_text(draft.read_text(encoding="utf-8").replace(
        "during the COVID-19 pandemic", "during the *COVID-19 pandemic*"), encoding="utf-8")
    plain = circulated(runner, mini_project, tmp_path)
    assert "*COVID-19 pandemic*" in plain
    plain = plain.replace("*COVID-19 pandemic*", f"*COVID-19 [global]{{.insertion {KENYA}}} pandemic*")
    plain = plain.replace("parliaments to criminalize all", f"parliaments to [criminalize]{{.deletion {KENYA}}}"
                                                            f"[outlaw]{{.insertion {KENYA}}} all")
    files = import_and_merge(runner, pandoc_docx(tmp_path, "inside", plain), mini_project)
    (amend,) = [p for p in load_contribution(files["kenya"]).proposals if p.target == "pp-concern"]
    assert "*" not in amend.new and "global" in amend.new
    merged = (mini_project / "drafts" / "draft-2.yaml").read_text(encoding="utf-8")
    assert "during the *COVID-19 global pandemic*" in merged


def with_spaces(docx: Path, mark: str = "ZZ") -> Path:
    """`docx` with each `mark` in its body's text a space: pandoc's markdown reader trims a
    space at the edge of a span (`[global ]{.insertion}` gives the run 'global'), so a test
    types `mark` where Word keeps the space inside the run ('global ', ' urgent', 'st ')."""
    import zipfile

    out = docx.with_name(docx.stem + "-spaced.docx")
    with zipfile.ZipFile(docx) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(mark.encode(), b" ")
            dst.writestr(item, data)
    return out


def test_spaces_at_the_edge_of_a_tracked_run_stay_outside_its_marks(runner, mini_project: Path,
                                                                    tmp_path: Path) -> None:
    """A space Word keeps inside an inserted or deleted run, at its end or start, italic,
    bold or superscript, stays between the words, outside the marks ('globalpandemic' was
    reported; a superscript 'st ' lost its superscript)."""
    draft = mini_project / "drafts" / "draft-1.yaml"
    draft.write_text(draft.read_text(encoding="utf-8").replace(
        "during the COVID-19 pandemic", "during *the pandemic*"), encoding="utf-8")
    plain = circulated(runner, mini_project, tmp_path)
    ins, dele = f"{{.insertion {KENYA}}}", f"{{.deletion {KENYA}}}"
    for old, new in [("*the pandemic*", f"*the [globalZZ]{ins}pandemic*"),  # italic, space at the end
                     ("forms of online child", f"forms of [onlineZZ]{dele}child"),  # a deletion's trailing space
                     ("of the matter", f"of the[**ZZurgent**]{ins} matter"),  # bold, space at the start
                     ("to share information;", f"to share information[ZZbyZZtheZZ1^stZZ^century]{ins};")]:
        assert old in plain, old
        plain = plain.replace(old, new)
    docx = with_spaces(pandoc_docx(tmp_path, "edges", plain))
    assert accepted_paragraphs(docx)[-7:-1] == [  # the document itself says so (the footnote last)
        "Deeply concerned by the growth of online child sexual exploitation during the global pandemic,",
        "Urges parliaments to criminalize all forms of child sexual exploitation;",
        "Calls upon Member Parliaments to strengthen international cooperation, as set out in paragraph 1 above:",
        "to share information by the 1^(st) century;", "to train law enforcement officers;",
        "Decides to remain seized of the urgent matter."]
    files = import_and_merge(runner, docx, mini_project)
    proposals = {p.target: (p.old, p.new) for p in load_contribution(files["kenya"]).proposals}
    assert proposals == {"pp-concern": ("pandemic", "global pandemic"),
                         "op-urges": ("online", ""),
                         "op-seized": ("matter", "**urgent** matter"),
                         "op-cooperation(a)": ("information", "information by the 1^st^ century")}
    merged = (mini_project / "drafts" / "draft-2.yaml").read_text(encoding="utf-8")
    for text in ("during *the global pandemic*", "all forms of child sexual", "of the **urgent** matter",
                 "to share information by the 1^st^ century"):
        assert text in merged, text


def test_a_no_break_space_in_a_raised_run_keeps_it_raised(runner, mini_project: Path, tmp_path: Path) -> None:
    """A superscript run holding a no-break space ('n\u00a0os', `^n\\ os^` in pandoc's markdown, or
    'er\u00a0') stays superscript in the proposal and the merged draft ('n\u00a0os' came back plain)."""
    plain = circulated(runner, mini_project, tmp_path)
    ins = f"{{.insertion {KENYA}}}"
    for old, new in [("to share information;", f"to share information [(documents ^n\\ os^ 5 and 6)]{ins};"),
                     ("officers;", f"officers [by the 1^er\\ ^ July]{ins};")]:  # at its edge
        assert old in plain, old
        plain = plain.replace(old, new)
    files = import_and_merge(runner, pandoc_docx(tmp_path, "nbsp", plain), mini_project)
    proposals = {p.target: (p.old, p.new) for p in load_contribution(files["kenya"]).proposals}
    assert proposals == {"op-cooperation(a)": ("information", "information (documents ^n\\ os^ 5 and 6)"),
                         "op-cooperation(b)": ("officers", "officers by the 1^er\\ ^July")}  # (no-break + space: one)
    merged = (mini_project / "drafts" / "draft-2.yaml").read_text(encoding="utf-8")
    for text in ("to share information (documents ^n\\ os^ 5 and 6)", "officers by the 1^er\\ ^July"):
        assert text in merged, text
