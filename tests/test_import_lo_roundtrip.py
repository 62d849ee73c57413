"""A draft built by draftkit, opened and saved again by LibreOffice, edited there with Record
Changes (words inserted, deleted and replaced, a paragraph added, one moved) comes back
through `import --contribution` as the right proposals: merged, they give exactly what
LibreOffice shows with every change accepted. The same holds after the base's punctuation,
apostrophes, quotes and spacing were retouched without Record Changes (the differences are
reported as ignored). One LibreOffice session edits, one reads the merged drafts back.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import REPO, invoke, needs
from import_corpus.lo_delegate import lo_edit
from draftkit.importing.matching import fold

pytestmark = [pytest.mark.clients, needs("soffice")]

EDITS = [
    {"op": "track"},
    {"op": "insert", "after": "Stressing the essential", "text": " and irreplaceable"},
    {"op": "delete", "find": " in the strongest terms"},
    {"op": "replace", "find": "decisive", "text": "central"},
    {"op": "paragraph", "after": "the foundation of any response", "italic": "Recognizing",
     "text": " the work of civil society organizations,"},
    {"op": "move", "find": "Aware that the Internet", "before": "Welcoming the Terminology"},
    {"op": "insert", "after": "review the legislation referred to in paragraph 2 above", "text": " of this resolution"},
]
#: What the delegation's changes become, as (action, target) in document order.
PROPOSED = [("amend-text", "pp-condemning-csea"), ("amend-text", "pp-condemning-csea"),
            ("move-paragraph", "pp-aware-borderless"), ("amend-text", "pp-convinced-legislation"),
            ("new-paragraph", None), ("amend-text", "pp-stressing-role-of-parliaments"),
            ("amend-text", "op-review-legislation")]
#: The base retouched by hand (no Record Changes), as happens on its way through Word and people.
RETOUCHES = [("children's", "children’s"), ("well-being,", "well-being;"),
             ("“child sexual abuse material”", '"child sexual abuse material"'), ("both of which", "both  of which")]


ANNEX = """
annexes:
  - title: {en: Annex, fr: Annexe}
    content:
      - text: {en: "Hotlines reporting to the INTERPOL database[^icse]",
               fr: "Lignes signalant à la base d'INTERPOL[^icse]"}
        footnotes: {icse: {en: International Child Sexual Exploitation database., fr: Base de données ICSE.}}
      - table:
          header_rows: 1
          en: [[Region, Hotlines], [Africa, '12'], [Europe, '31']]
          fr: [[Région, Lignes], [Afrique, '12'], [Europe, '31']]
"""


CORPUS = REPO / "tests" / "import_corpus"
#: Tracked edits on the corpus's UN and IPU resolutions (not written by draftkit).
FOREIGN = {
    "un-draft.python-docx": [
        {"op": "insert", "after": "Noting with concern the increasing", "text": " and rapid"},
        {"op": "delete", "find": " of experts:"},
        {"op": "replace", "find": "August 2020", "text": "January 2021"},
        {"op": "paragraph", "after": "criminal misuse of information technologies", "italic": "Bearing in mind",
         "text": " the work of regional organizations,"}],
    "ipu-draft.libreoffice": [
        {"op": "delete", "find": " in the strongest terms"},
        {"op": "insert", "after": "Urges parliaments", "text": " urgently"}],
}


def _with(retouched: bool) -> list[dict]:
    rights = "violate children’s rights" if retouched else "violate children's rights"
    edits = [*EDITS, {"op": "replace", "find": rights, "text": "violate the rights of children"}]
    return [{"op": "untracked", "find": a, "text": b} for a, b in RETOUCHES if retouched] + edits


@pytest.fixture(scope="module")
def returned(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The example's latest draft built in English, saved again by LibreOffice, then edited
    there by 'Kenya' twice: as circulated, and with its punctuation retouched first."""
    from click.testing import CliRunner

    root = tmp_path_factory.mktemp("lo-roundtrip")
    shutil.copytree(REPO / "clauses", root / "clauses")
    shutil.copytree(REPO / "examples", root / "examples")
    project = root / "examples" / "child-online-exploitation"
    with (project / "drafts" / "draft-2.yaml").open("a", encoding="utf-8") as draft:
        draft.write(ANNEX)  # an annex with a note and a table: carried by the import and the merge, read by LibreOffice
    result = invoke(CliRunner(), "build", "-p", project, "-l", "en", "-o", root / "built")
    assert result.exit_code == 0, result.output
    (built,) = (root / "built").glob("*.docx")
    resaved = root / "resaved.docx"
    jobs = [{"docx": built, "out": resaved, "ops": []}]
    for name, retouched in (("plain", False), ("retouched", True)):
        jobs.append({"docx": resaved, "out": root / f"{name}.docx", "accepted": root / f"{name}.txt",
                     "author": "Kenya", "ops": _with(retouched)})
    for name, edits in FOREIGN.items():  # resolutions draftkit did not write, edited by Chile
        jobs.append({"docx": CORPUS / f"{name}.docx", "out": root / f"{name}-chile.docx", "author": "Chile",
                     "ops": [{"op": "track"}, *edits]})
    lo_edit(jobs)
    return {"root": root, "project": project}


def _import_and_merge(runner, returned: dict, name: str) -> tuple[list[dict], str, Path]:
    """Import `name`.docx into a copy of the project, accept every proposal, merge, build."""
    root = returned["root"]
    project = root / f"{name}-project" / "examples" / "child-online-exploitation"
    shutil.copytree(root / "clauses", project.parent.parent / "clauses")
    shutil.copytree(returned["project"], project)
    result = invoke(runner, "import", "--contribution", root / f"{name}.docx", "--against", "2", "-p", project,
                    "--round", "round-kenya")
    assert result.exit_code == 0, result.output
    (path,) = (project / "contributions" / "round-kenya").glob("*.yaml")
    proposals = yaml.safe_load(path.read_text(encoding="utf-8"))["proposals"]
    (project / "accept.yaml").write_text("".join(f"- {{proposal: {p['id']}, decision: accept}}\n"
                                                 for p in proposals), encoding="utf-8")
    result = invoke(runner, "merge", "-p", project, "--contributions", project / "contributions" / "round-kenya",
                    "--decisions", project / "accept.yaml", "-o", project / "merged.yaml", "--date", "2021-07-01",
                    "--include-late")
    assert result.exit_code == 0, result.output
    result = invoke(runner, "build", "-p", project, "--draft", project / "merged.yaml", "-l", "en",
                    "-o", root / f"{name}-merged")
    assert result.exit_code == 0, result.output
    (merged,) = (root / f"{name}-merged").glob("*.docx")
    return proposals, result.output, merged


def _body(text: str) -> list[str]:
    """The lines from the authoring line on, as LibreOffice's text export shows them."""
    lines = [line.strip() for line in text.replace("\ufeff", "").split("\n[^")[0].splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.startswith("The 143rd Assembly"))
    return lines[start:]


def test_libreoffice_edits_come_back_as_proposals_that_merge_to_what_libreoffice_accepts(runner, returned) -> None:
    from lo_uno import lo_texts

    plain, _, plain_merged = _import_and_merge(runner, returned, "plain")
    retouched, _, retouched_merged = _import_and_merge(runner, returned, "retouched")
    assert [(p["action"], p.get("target")) for p in plain] == PROPOSED
    assert [(p["action"], p.get("target")) for p in retouched] == PROPOSED
    # the quotes are the version's words, whatever the file's apostrophes
    assert {(p.get("old"), p.get("new")) for p in retouched} == {(p.get("old"), p.get("new")) for p in plain}
    assert ("children's rights", "the rights of children") in {(p.get("old"), p.get("new")) for p in plain}
    for proposals in (plain, retouched):
        changes = {(p.get("target"), p.get("old") or "", p.get("new") or "") for p in proposals}
        # each recorded edit is its own proposal, on the paragraph it was made in, in the version's words
        assert any(t == "pp-stressing-role-of-parliaments" and "irreplaceable" in n and "irreplaceable" not in o
                   for t, o, n in changes)
        assert any(t == "pp-condemning-csea" and "in the strongest terms" in o and "strongest" not in n
                   for t, o, n in changes)
        assert any(t == "pp-convinced-legislation" and "decisive" in o and "central" in n and "decisive" not in n
                   for t, o, n in changes)
        assert any(t == "op-review-legislation" and "of this resolution" in n and "of this resolution" not in o
                   for t, o, n in changes)
        # the move: the paragraph now stands before 'Welcoming the Terminology Guidelines…'
        (move,) = [p for p in proposals if p["action"] == "move-paragraph"]
        assert move["position"] == {"after": "pp-recognizing-coe-conventions"}
    new = next(p for p in plain if p["action"] == "new-paragraph")
    assert (new["paragraph"]["opening"], new["paragraph"]["text"]) == (
        {"en": "Recognizing"}, {"en": "the work of civil society organizations"})
    root = returned["root"]
    merged_plain, merged_retouched = lo_texts([(plain_merged, "none"), (retouched_merged, "none")])
    assert _body(merged_plain) == _body((root / "plain.txt").read_text(encoding="utf-8"))
    # the annex and its table as LibreOffice reads them: the annex's note numbered on from the resolution's 7
    assert _body(merged_plain)[-8:] == ["Annex", "Hotlines reporting to the INTERPOL database8", "Region", "Hotlines",
                                        "Africa", "12", "Europe", "31"]
    # retouched: the same words; the merged draft keeps the version's punctuation by rule
    words = [re.findall(r"\w+", fold(line)) for line in _body(merged_retouched)]
    assert words == [re.findall(r"\w+", fold(line)) for line in _body((root / "retouched.txt").read_text("utf-8"))]


def test_retouched_punctuation_is_reported_as_ignored(runner, returned) -> None:
    root = returned["root"]
    result = invoke(runner, "import", "--contribution", root / "retouched.docx", "--against", "2", "-p",
                    returned["project"], "-o", root / "kenya-report.yaml")
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "PP1 differs from draft 2 only in '’' for \"'\"; ';' for ','" in out
    assert "PP8 differs from draft 2 only in '\"' for '“'; '\"' for '”'" in out
    assert "PP7 differs from draft 2 only in spacing" in out


def test_word_markup_and_updated_fields_do_not_matter(runner, returned) -> None:
    """The same returned files as Word writes them (rsids, runs split inside words, proofing
    marks, _GoBack inside a word, smart tags, the cross-reference number as a REF field Word
    updated to 3) import to the same proposals; the field's result is reported as ignored."""
    from import_corpus.wordlike import as_word_saves_it

    root = returned["root"]
    expected = None
    for name in ("plain", "retouched"):
        word = as_word_saves_it(root / f"{name}.docx", root / f"{name}-word.docx",
                                fields={"paragraph 2 above": ("2", "3")})
        result = invoke(runner, "import", "--contribution", word, "--against", "2", "-p", returned["project"],
                        "-o", root / f"{name}-word.yaml")
        assert result.exit_code == 0, result.output
        assert "OP14 differs from draft 2 only in a field shows '3' for '2'" in " ".join(result.output.split())
        proposals = yaml.safe_load((root / f"{name}-word.yaml").read_text(encoding="utf-8"))["proposals"]
        found = [(p["action"], p.get("target"), p.get("old"), p.get("new")) for p in proposals]
        assert [f[:2] for f in found] == PROPOSED
        expected = expected or found
        assert found == expected


@pytest.mark.parametrize("name, proposed", [
    ("un-draft.python-docx", [("amend-text", "pp-noting-concern-increasing-use", "use", "and rapid use"),
                              ("new-paragraph", None, None, None),
                              ("amend-text", "op-decides-establish-open", "of experts", ""),
                              ("amend-text", "op-decides-establish-open(b)", "August 2020", "January 2021")]),
    ("ipu-draft.libreoffice", [("amend-text", "pp-condemning-strongest-terms", "in the strongest terms", ""),
                               ("amend-text", "op-urges-parliaments-ensure", "to", "urgently to")]),
])
def test_a_resolution_imported_then_returned_with_tracked_changes(runner, returned, name, proposed) -> None:
    """The case that failed on real files: a resolution draftkit did not write is imported as
    draft 1 (draftkit then adds its own punctuation, drops typed numbers and the masthead),
    and the same file comes back edited with Record Changes: its changes are draft 1's
    proposals, and they all merge."""
    root = returned["root"]
    project = root / f"{name}-project"
    assert invoke(runner, "import", CORPUS / f"{name}.docx", "-o", project).exit_code == 0
    result = invoke(runner, "import", "--contribution", root / f"{name}-chile.docx", "--against", "1",
                    "-p", project, "--round", "round-1")
    assert result.exit_code == 0, result.output
    (path,) = (project / "contributions" / "round-1").glob("*.yaml")
    proposals = yaml.safe_load(path.read_text(encoding="utf-8"))["proposals"]
    assert [(p["action"], p.get("target"), p.get("old"), p.get("new")) for p in proposals] == proposed
    (project / "accept.yaml").write_text("".join(f"- {{proposal: {p['id']}, decision: accept}}\n"
                                                 for p in proposals), encoding="utf-8")
    result = invoke(runner, "merge", "-p", project, "--decisions", project / "accept.yaml", "--date", "2021-07-01",
                    "--include-late")
    assert result.exit_code == 0, result.output
    assert f"{len(proposed)} proposals applied" in result.output


def test_a_file_of_another_version_is_refused_naming_it(runner, returned) -> None:
    """plain.docx answers draft 2: against draft 1 it is refused in one line, naming draft 1's
    paragraph and words that are not the file's, and the version that fits."""
    root = returned["root"]
    result = invoke(runner, "import", "--contribution", root / "plain.docx", "--against", "1", "-p",
                    returned["project"], "-o", root / "wrong.yaml")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "the file is not based on draft 1:" in result.stderr
    assert result.stderr.rstrip().endswith("(it matches draft 2: use --against 2)")
    assert not (root / "wrong.yaml").exists()
