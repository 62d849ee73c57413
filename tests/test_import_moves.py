"""A paragraph moved with Word Track Changes imports as one move-paragraph (plus amend-text
for words changed inside the move), and merging it keeps the stable id and the French text."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import REPO, invoke

MOVED = "op-international-cooperation"


@pytest.fixture
def project(tmp_path: Path, runner, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example project (draft 2 moves OP10 to OP8) with c12.docx, its revisions by 'Peru', as peru.docx."""
    shutil.copytree(REPO / "clauses", tmp_path / "clauses")
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    root = tmp_path / "examples" / "child-online-exploitation"
    monkeypatch.chdir(root)
    assert invoke(runner, "diff", "1", "2", "-l", "en", "-o", "c12.docx").exit_code == 0
    (root / "drafts" / "draft-2.yaml").unlink()  # the merge below makes the next version from draft 1
    return root


def _peru(root: Path, edit=lambda xml: xml) -> Path:
    """c12.docx with every revision by Peru, `edit` applied to its document part."""
    with zipfile.ZipFile(root / "c12.docx") as source, zipfile.ZipFile(root / "peru.docx", "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = edit(data.decode().replace('w:author="Co-rapporteurs"', 'w:author="Peru"')).encode()
            out.writestr(item, data)
    return root / "peru.docx"


def _import(runner, root: Path, docx: Path) -> list[dict]:
    result = invoke(runner, "import", "--contribution", docx, "--against", "1", "-o", root / "peru-in")
    assert result.exit_code == 0, result.output
    return yaml.safe_load((root / "peru-in" / "peru.yaml").read_text(encoding="utf-8"))["proposals"]


def _about(proposals: list[dict]) -> list[dict]:
    """The proposals on the moved paragraph, or new paragraphs (what a lost move would give)."""
    return [p for p in proposals if p.get("target") == MOVED or p["action"] == "new-paragraph"
            and "international cooperation" in str(p["paragraph"])]


def test_moved_paragraph_is_one_move_and_merges_keeping_id_and_french(project: Path, runner) -> None:
    proposals = _import(runner, project, _peru(project))
    moves = _about(proposals)
    assert [(p["action"], p["target"], p["position"]) for p in moves] == [
        ("move-paragraph", MOVED, {"after": "op-safety-by-design"})]
    assert [p["action"] for p in proposals].count("move-paragraph") == 1
    (project / "dec.yaml").write_text(f"- {{proposal: {moves[0]['id']}, decision: accept}}\n", encoding="utf-8")
    result = invoke(runner, "merge", "--contributions", project / "peru-in", "--decisions", project / "dec.yaml",
                    "-o", project / "merged.yaml", "--date", "2021-06-20")
    assert result.exit_code == 0, result.output
    for lang in ("en", "fr"):
        shown = invoke(runner, "diff", "1", project / "merged.yaml", "-l", lang, "-f", "text").output
        assert "OP10 → OP8  moved  Peru" in shown
        assert "0 inserted · 0 deleted · 1 changed · 1 moved paragraphs" in shown  # the date is the change
    changes = json.loads(invoke(runner, "diff", "1", project / "merged.yaml", "-l", "fr", "-f", "json").output)
    assert [(c["key"], c["old_label"], c["new_label"]) for c in changes["changes"] if c["status"] == "moved"] == [
        (MOVED, "OP10", "OP8")]
    from draftkit.loading import open_draft

    _, merged = open_draft(project / "merged.yaml")  # the paragraph may be its clause, referenced
    assert merged.by_id()[MOVED].text["fr"].startswith("la nécessité de renforcer la coopération internationale")


def test_words_changed_inside_the_move_give_move_and_amend_text(project: Path, runner) -> None:
    inside = ('<w:moveTo w:id="13" w:author="Peru" w:date="2021-06-10T00:00:00Z"><w:r><w:t xml:space="preserve">'
              ' the need to strengthen international cooperation, ')

    def edit(xml: str) -> str:
        assert xml.count(inside) == 1
        return xml.replace(inside, inside[:inside.index("<w:r>")] + '<w:r><w:t xml:space="preserve"> the need to '
                           '</w:t></w:r><w:del w:id="901" w:author="Peru"><w:r><w:delText>strengthen'
                           '</w:delText></w:r></w:del></w:moveTo><w:ins w:id="902" w:author="Peru"><w:r><w:t>deepen</w:t></w:r>'
                           '</w:ins><w:moveTo w:id="903" w:author="Peru"><w:r><w:t xml:space="preserve">'
                           ' international cooperation, ')

    moves = _about(_import(runner, project, _peru(project, edit)))
    assert [(p["action"], p.get("old"), p.get("new")) for p in moves] == [
        ("move-paragraph", None, None), ("amend-text", "strengthen", "deepen")]


# --- a move recorded as a plain deletion and insertion (cut and paste, move tracking off) ---


def _plain(edit=lambda body: None):
    """The document part's moves written as Word writes a cut and paste with move tracking
    off (tests/import_corpus/wordlike.py), then `edit(body)` applied."""
    from lxml import etree

    from import_corpus.wordlike import plain_moves

    def rewrite(xml: str) -> str:
        root = etree.fromstring(xml.encode())
        body = root[0]
        plain_moves(body)
        edit(body)
        return etree.tostring(root, encoding="unicode")

    return rewrite


def _pasted(body):
    """The paragraph the cut text was pasted into (wholly inserted, with 'Stresses')."""
    from import_corpus.wordlike import W

    return next(p for p in body.iter(f"{{{W}}}p") if p.find(f"{{{W}}}ins") is not None
                and "Stresses" in "".join(p.itertext()) and p.find(f".//{{{W}}}delText") is None)


def test_a_cut_and_paste_without_move_tracking_is_one_move(project: Path, runner) -> None:
    proposals = _import(runner, project, _peru(project, _plain()))
    assert '<w:moveTo' not in (project / "peru.docx").read_bytes().decode("latin-1")
    assert [(p["action"], p["target"], p["position"]) for p in _about(proposals)] == [
        ("move-paragraph", MOVED, {"after": "op-safety-by-design"})]
    assert "delete-paragraph" not in [p["action"] for p in proposals if p.get("target") == MOVED]


def test_words_changed_in_the_pasted_paragraph_give_move_and_amend_text(project: Path, runner) -> None:
    def edit(body) -> None:
        from import_corpus.wordlike import W

        for text in _pasted(body).iter(f"{{{W}}}t"):
            text.text = (text.text or "").replace("to strengthen international", "to deepen international")

    moves = _about(_import(runner, project, _peru(project, _plain(edit))))
    assert [(p["action"], p.get("old"), p.get("new")) for p in moves] == [
        ("move-paragraph", None, None), ("amend-text", "strengthen", "deepen")]


def test_a_paragraph_deleted_and_retyped_in_place_is_an_amendment(project: Path, runner) -> None:
    def edit(body) -> None:
        from import_corpus.wordlike import W

        pasted = _pasted(body)
        for text in pasted.iter(f"{{{W}}}t"):
            text.text = (text.text or "").replace("to strengthen international", "to deepen international")
        source = next(p for p in body.iter(f"{{{W}}}p") if "Stresses" in "".join(p.itertext()) and p is not pasted)
        # the inserted paragraph mark the paste made (on the paragraph before it) goes with it
        mark = pasted.getprevious().find(f"{{{W}}}pPr/{{{W}}}rPr/{{{W}}}ins")
        pasted.find(f"{{{W}}}pPr").append(mark.getparent())
        source.addnext(pasted)  # retyped right after the deleted words: it stays where it was

    moves = _about(_import(runner, project, _peru(project, _plain(edit))))
    assert [(p["action"], p.get("old"), p.get("new")) for p in moves] == [("amend-text", "strengthen", "deepen")]


def test_a_deleted_paragraph_and_an_unlike_insertion_stay_a_deletion_and_a_new_paragraph(project: Path,
                                                                                           runner) -> None:
    def edit(body) -> None:
        from import_corpus.wordlike import W

        for text in _pasted(body).iter(f"{{{W}}}t"):  # a third of its words changed: another paragraph
            text.text = (text.text or "").replace(
                "including mutual legal assistance, extradition and the rapid exchange of information among law "
                "enforcement authorities", "in particular through regional networks of specialized prosecutors")

    actions = [p["action"] for p in _about(_import(runner, project, _peru(project, _plain(edit))))]
    assert sorted(actions) == ["delete-paragraph", "new-paragraph"]
