"""Round-trip checked by programs nobody here wrote: LibreOffice (accept/reject all through
UNO, then its text export with list numbers and footnotes) and pandoc; LibreOffice's PDF
of a tracked diff shows NEW's operative numbers. One soffice process for the module."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, needs
from lo_uno import available, lo_texts, version

from draftkit.diff.pipeline import compare_sides, render
from draftkit.diff.sources import load_side
from draftkit.render.docx import write_docx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from gen_docx_pairs import write_pair  # noqa: E402

pytestmark = [pytest.mark.clients,
              pytest.mark.skipif(not available(), reason="LibreOffice with python3-uno not installed")]

EXAMPLE = EXAMPLES / "child-online-exploitation"


def _native_pair(folder: Path, name: str, old_tree, new_tree, comparison) -> tuple[Path, Path, Path]:
    paths = tuple(folder / f"{name}-{side}.docx" for side in ("old", "new", "tracked"))
    paths[0].write_bytes(write_docx(old_tree))
    paths[1].write_bytes(write_docx(new_tree))
    paths[2].write_bytes(render(comparison, "docx"))
    return paths  # type: ignore[return-value]


@pytest.fixture(scope="module")
def cases(tmp_path_factory) -> dict[str, tuple[Path, Path, Path]]:
    """(OLD, NEW, tracked) DOCX files: the example in EN and FR, generated pairs, random drafts."""
    from test_diff_property import compare_drafts, draft_pair

    folder = tmp_path_factory.mktemp("clients")
    out: dict[str, tuple[Path, Path, Path]] = {}
    for lang in ("en", "fr"):
        old = load_side("1", project=EXAMPLE, language=lang)
        new = load_side("2", project=EXAMPLE, language=lang)
        out[f"example-{lang}"] = _native_pair(folder, f"example-{lang}", old.tree, new.tree, compare_sides(old, new))
    for lists in (False, True):
        a, b = write_pair(folder, 60, 15, lists=lists)
        tracked = folder / f"tracked-{a.stem}.docx"
        tracked.write_bytes(render(compare_sides(load_side(str(a)), load_side(str(b))), "docx"))
        out["generated-lists" if lists else "generated-plain"] = (a, b, tracked)
    # numbering switched off (the operative part drops to one, unnumbered paragraph) and on
    from dataclasses import replace

    from test_diff_property import BASE
    one = replace(BASE, operative=BASE.operative[:1])
    two = replace(BASE, operative=BASE.operative[:1] + BASE.operative[2:3])
    appended = _appended(BASE)
    for name, (old, new) in {"numbering-off": (BASE, one), "numbering-on": (one, two), "appended": (BASE, appended)}.items():
        comparison = compare_drafts(old, new)
        out[name] = _native_pair(folder, name, comparison.old, comparison.new, comparison)
    # a sample of the property test's random drafts, and one whose paragraph ends with words
    # inserted after a footnote call before an inserted paragraph (the call is shown replaced)
    seeds = {f"random-{seed}": (seed * 7919, 8) for seed in range(5)} | {"note-then-insert": (2085999, 2)}
    for name, (seed, steps) in seeds.items():
        comparison = compare_drafts(*draft_pair(seed, steps))
        out[name] = _native_pair(folder, name, comparison.old, comparison.new, comparison)
    return out


def _appended(draft):
    """Words appended at the end of a paragraph, a sub-paragraph, a footnote and the last paragraph."""
    from dataclasses import replace

    def more(item, words: str):
        return replace(item, text={**item.text, "en": item.text["en"] + words})

    crc, concern = draft.preambular
    urges, cooperation, seized = draft.operative
    crc = replace(crc, footnotes=(more(crc.footnotes[0], " See also art. 34"),))
    cooperation = replace(cooperation, subparagraphs=(more(cooperation.subparagraphs[0], " and data"),
                                                      *cooperation.subparagraphs[1:]))
    return replace(draft, preambular=(crc, more(concern, " and other crises")),
                   operative=(urges, cooperation, more(seized, " until further notice")))


@pytest.fixture(scope="module")
def libreoffice(cases) -> dict[str, tuple[str, str, str, str]]:
    """LibreOffice's texts per case: OLD, NEW, tracked accepted, tracked rejected."""
    jobs = []
    for old, new, tracked in cases.values():
        jobs += [(old, "none"), (new, "none"), (tracked, "accept"), (tracked, "reject")]
    texts = lo_texts(jobs)
    return {name: tuple(texts[4 * i: 4 * i + 4]) for i, name in enumerate(cases)}  # type: ignore[misc]


#: A LibreOffice 7.4 import bug, kept visible: a paragraph whose mark is tracked (inserted or
#: deleted) and which holds a footnote reference loses its mark revision. Its DOCX import keeps
#: one "paragraph-mark redline" for the paragraph being read (`m_pParaMarkerRedline`); reading
#: the footnote's own paragraph at the reference uses it up (`PushFootOrEndnote` saves the run
#: redlines, not that one). Minimal reproduction, accept all → an empty paragraph stays:
#:   <w:p><w:pPr><w:rPr><w:del …/></w:rPr></w:pPr><w:del …><w:r><w:delText>P1</w:delText></w:r>
#:     <w:r><w:footnoteReference w:id="1"/></w:r></w:del></w:p>
#: (LibreOffice's redline list then spans "P1" and the call, not the paragraph end.) This is what
#: Word writes for a deleted paragraph with a footnote; the only other encoding, moving the mark's
#: revision to a neighbouring paragraph, changes which paragraph's properties survive in Word.
#: random-3 and random-4 delete the preambular paragraph with a footnote; the fast check and
#: docxread pass on both (the reproduction without the footnote call passes in LibreOffice).
#: The LibreOffice bugs below are known on 7.4: strict xfails there (a fix shows up as XPASS,
#: a failure), not applied on other versions (which must then pass, or be looked at).
LO_74 = version()[:2] == (7, 4)
_LO_FOOTNOTE_MARK = pytest.mark.xfail(LO_74, strict=True, reason="LibreOffice 7.4 drops the paragraph-mark revision "
                                      "of a paragraph holding a footnote reference (see the comment above)")
CASES = ["example-en", "example-fr", "generated-plain", "generated-lists", "numbering-off", "numbering-on", "appended",
         "note-then-insert", "random-0", "random-1", "random-2", pytest.param("random-3", marks=_LO_FOOTNOTE_MARK),
         pytest.param("random-4", marks=_LO_FOOTNOTE_MARK)]


@pytest.mark.parametrize("case", CASES)
def test_libreoffice_accept_all_gives_new_and_reject_all_gives_old(libreoffice, case):
    old, new, accepted, rejected = libreoffice[case]
    assert accepted == new
    assert rejected == old
    assert re.search(r"^\s+\d+\.", new + old, re.MULTILINE) or case == "generated-plain"  # list numbers are there


def test_appended_words_are_one_insertion_each(cases):
    """Each appended stretch is one tracked insertion, and nothing is deleted."""
    from draftkit.docxread import read_docx

    tracked = read_docx(cases["appended"][2])
    inserted = [r.text for p in tracked.paragraphs for r in p.runs if r.inserted]
    inserted += [r.text for n in tracked.footnotes.values() for p in n.paragraphs for r in p.runs if r.inserted]
    assert sorted(inserted) == [" See also art. 34", " and data", " and other crises", " until further notice"]
    assert not [r for p in tracked.paragraphs for r in p.runs if r.deleted]


def _pandoc(path: Path, mode: str | None = None) -> list[str]:
    command = ["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", str(path)]
    if mode:
        command.insert(3, f"--track-changes={mode}")
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    # pandoc keeps an empty numbered item where a whole list paragraph was deleted (its known
    # limitation), which also shifts its own item numbers: compare the items' texts only
    items = [_LABELS.sub("", line).strip() for line in text.splitlines()]
    return [item for item in items if item]


_LABELS = re.compile(r"^\s*(?:(?:\d+\.\s+|\(?[a-z]{1,5}[.)]\s{2,})\s*)+|^\s*(?:\d+\.|\(?[a-z]{1,5}[.)])\s*$")


@needs("pandoc")
@pytest.mark.parametrize("case", ["example-en", "example-fr", "generated-lists", "appended", "random-0", "random-1"])
def test_pandoc_agrees(cases, case):
    old, new, tracked = cases[case]
    assert _pandoc(tracked, "accept") == _pandoc(new)
    assert _pandoc(tracked, "reject") == _pandoc(old)


@needs("pdftotext")
def test_pdf_shows_new_operative_numbers(tmp_path):
    from click.testing import CliRunner
    from conftest import invoke

    pdf = tmp_path / "changes.pdf"
    result = invoke(CliRunner(), "diff", "1", "2", "--project", EXAMPLE, "-o", pdf)
    assert result.exit_code == 0, result.output
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    numbers = [int(m) for m in re.findall(r"^\s*(\d+)\.\s", text, re.MULTILINE)]
    assert numbers == list(range(1, 19))  # draft 2 has 18 operative paragraphs
    assert "[" not in "".join(re.findall(r"^\s*\[\d+\.\]", text, re.MULTILINE))
    # list levels keep their indentation, as in `build -f pdf`: (i) sits under (b)'s text
    column = {label: len(line) - len(line.lstrip()) for line in text.splitlines()
              for label in ["(a)", "(b)", "(i)", "(ii)"] if line.lstrip().startswith(label + " ")}
    assert column["(a)"] == column["(b)"] < column["(i)"] == column["(ii)"]


#: LibreOffice 7.4 "show changes" numbering quirks that no valid encoding avoids (measured):
#: (1) a numbered paragraph holding any tracked word deletion is numbered as a removed item
#: ("[7.]") and the following paragraphs one lower; (2) after a removed paragraph mark not
#: preceded by a paragraph of the same properties (OP10 moved away after OP9(c)), the next
#: paragraph is numbered as removed. Draft 1 → 2 has both (OP7's words, OP10's move).
_LO_SHOWN_NUMBERS = pytest.mark.xfail(LO_74, strict=True, reason="LibreOffice 7.4 numbers a paragraph with a "
                                      "tracked word deletion as removed (see the comment above)")


def _shown_numbers(pdfs: list[Path]) -> list[list[int]]:
    """Each PDF's operative numbers as LibreOffice shows them: NEW's number of every kept
    paragraph ('8.' or '8.[9.]'); a removed paragraph shows only '[9.]'."""
    out = []
    for pdf in pdfs:
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        out.append([int(m) for m in re.findall(r"^\s*(\d+)\.(?:\[\d+\.\])?\s", text, re.MULTILINE)])
    return out


@pytest.fixture(scope="module")
def shown(cases, tmp_path_factory) -> dict[str, list[int]]:
    """LibreOffice's PDF of each real tracked DOCX (one soffice start), as shown numbers."""
    from draftkit.render.pdf import docxs_to_pdfs

    folder = tmp_path_factory.mktemp("shown")
    names = ["example-en", "example-fr", "structure"]
    tracked = [cases[n][2] for n in names[:2]] + [_structure_case(folder)]
    pdfs = docxs_to_pdfs([(docx, folder / f"{name}.pdf") for name, docx in zip(names, tracked)])
    return dict(zip(names, _shown_numbers(pdfs)))


def _structure_case(folder: Path) -> Path:
    """Draft 1 of the example with a paragraph inserted after OP7, one moved from OP13 to
    OP8 and OP11 deleted: paragraphs in, out and moved, no word edits."""
    from dataclasses import replace

    from draftkit.diff.compare import compare_trees
    from draftkit.loading import Project
    from draftkit.render.layout import layout

    draft = Project.open(EXAMPLE).draft(1)
    ops = list(draft.operative)
    added = replace(ops[6], text={**ops[6].text, "en": "parliaments to act on new evidence"})
    new = replace(draft, operative=(*ops[:7], added, ops[12], *ops[7:10], *ops[11:12], *ops[13:]))
    old_tree, new_tree = layout(draft, "en"), layout(new, "en")
    comparison = compare_trees(old_tree, new_tree, date=new_tree.created, default_author="Co-rapporteurs")
    path = folder / "structure.docx"
    path.write_bytes(render(comparison, "docx"))
    return path


@needs("pdftotext")
def test_libreoffice_numbers_inserted_moved_and_deleted_paragraphs_as_new(shown):
    """The real tracked DOCX (not the typed-number PDF): every kept paragraph shows NEW's number."""
    assert shown["structure"] == list(range(1, 20))  # 19 - 1 deleted + 1 inserted


@needs("pdftotext")
@pytest.mark.parametrize("case", [pytest.param("example-en", marks=_LO_SHOWN_NUMBERS),
                                  pytest.param("example-fr", marks=_LO_SHOWN_NUMBERS)])
def test_libreoffice_shows_the_example_tracked_docx_numbered_1_to_18(shown, case):
    assert shown[case] == list(range(1, 19))
