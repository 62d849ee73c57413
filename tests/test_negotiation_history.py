"""history and blame: each change with its round, delegation and decision; each word with its version."""

from __future__ import annotations

import json

from conftest import invoke
from test_negotiation_decide import example


def test_history_follows_a_paragraph_through_moves_and_names_each_change(tmp_path, runner):
    root = example(tmp_path)
    assert invoke(runner, "merge", "-p", root, "--date", "2021-06-16").exit_code == 0
    result = invoke(runner, "history", "OP8", "-p", root)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "op-international-cooperation (en)"
    assert lines[1].startswith("draft 1  OP10   first text as OP10 — co-rapporteurs (draft 1)")
    assert lines[2] == "draft 2  OP8    moved: OP10 → OP8 — co-rapporteurs (draft 2)"
    assert "{+, le gel et la confiscation des avoirs d'origine criminelle+}" in lines[3]
    assert lines[3].endswith("France (FRA-2, round-1, accept: English to follow from the secretariat)")
    # the same paragraph by its number in draft 1, and as JSON
    again = invoke(runner, "history", "OP10", "--draft", "1", "-p", root, "-f", "json")
    data = json.loads(again.stdout)
    assert data["paragraph"] == "op-international-cooperation"
    assert [s["label"] for s in data["versions"]] == ["OP10", "OP8", "OP8"]
    assert data["versions"][2]["changes"][0]["by"][0]["proposal"] == "FRA-2"


def test_blame_names_the_version_and_delegation_of_each_word(tmp_path, runner):
    root = example(tmp_path)
    assert invoke(runner, "merge", "-p", root, "--date", "2021-06-16").exit_code == 0
    result = invoke(runner, "blame", "OP2", "OP5", "-p", root, "-f", "json")
    assert result.exit_code == 0, result.output
    runs = {(a["label"], r["words"]): (r["version"], r["who"], r["proposal"]) for a in json.loads(result.stdout)
            for r in a["runs"]}
    assert runs[("OP2", "or platform")] == (3, "United Kingdom, Canada", "GBR-1")  # CAN-1 merged into GBR-1
    assert runs[("OP5 (opening)", "Urges")] == (3, "France", "FRA-1")
    assert any(key[0] == "OP2" and value == (1, "co-rapporteurs", None) for key, value in runs.items())
    shown = invoke(runner, "blame", "OP5", "-p", root)
    assert "  (opening)    draft 3   France (FRA-1)" in shown.stdout


def test_a_revision_is_named_in_the_heading_and_the_file_names(tmp_path, runner):
    root = example(tmp_path)
    result = invoke(runner, "merge", "-p", root, "--date", "2021-06-16", "--revision", "1")
    assert result.exit_code == 0, result.output
    draft = (root / "drafts" / "draft-3.yaml").read_text()
    assert "\nrevision: 1\n" in draft
    built = invoke(runner, "build", "-p", root, "-l", "en", "-f", "txt", "--keep-brackets")
    assert built.exit_code == 0, built.output
    out = next((root / "build").glob("*-rev1.en.txt"))
    assert "C-III/143/DR/Rev.1" in out.read_text()
