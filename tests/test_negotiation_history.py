"""history and blame: each change with its round, delegation and decision; each word with its version."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

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


HEAD = """version: {version}
date: 2021-06-{version:02d}
body: ipu-assembly
session: "143"
languages: [en]
title: {{en: Negotiated resolution}}
"""


def _project(root, versions: list[str], decisions: dict[str, str]):
    """A project whose draft versions are written as given (each after HEAD), with its
    rounds' decisions files."""
    (root / "drafts").mkdir(parents=True)
    (root / "decisions").mkdir()
    (root / "draftkit.yaml").write_text("name: negotiated\nlibraries: []\n")
    for number, body in enumerate(versions, start=1):
        (root / "drafts" / f"draft-{number}.yaml").write_text(HEAD.format(version=number) + body)
    for name, text in decisions.items():
        (root / "decisions" / f"{name}.yaml").write_text(text)
    return root


def _paragraph(text: str, extra: str = "") -> str:
    return f"operative:\n  - id: op-measures\n    opening: {{en: Encourages}}\n    text: {{en: \"{text}\"}}\n{extra}"


def test_history_lists_changes_of_standing_and_of_bracket_holders(tmp_path, runner):
    bracketed = "parliaments to [make] [consider making] such measures mandatory"
    root = _project(tmp_path / "p", [
        _paragraph(bracketed, "    status: open\n    brackets:\n      - [[Kenya], [France, Mexico]]\n"),
        "merged: {round: round-1, from: 1}\n"
        + _paragraph(bracketed, "    status: open\n    brackets:\n      - [[Kenya], [France]]\n"),
        "merged: {round: round-2, from: 2}\n"
        + _paragraph("parliaments to make such measures mandatory", "    status: agreed-ad-ref\n")
        + "provenance:\n  - {paragraph: op-measures, action: amend-text, proposal: KEN-31, delegation: Kenya, "
          "language: en, inserted: make, deleted: '[make] [consider making]'}\n",
        _paragraph("parliaments to make such measures mandatory", "    status: agreed\n"),
    ], {"round-2": "- proposal: KEN-31\n  decision: accept\n"})
    result = invoke(runner, "history", "op-measures", "-p", root)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1] == "draft 1  OP1    first text as OP1 — co-rapporteurs (draft 1)"
    pad = " " * len("draft 1  OP1    ")
    assert lines[2] == pad + "standing: not marked → open — co-rapporteurs (draft 1)"
    assert lines[3] == (pad + "held: [make] (Kenya) [consider making] (France, Mexico) — co-rapporteurs (draft 1)")
    assert lines[4] == ("draft 2  OP1    holders: [make] (Kenya) [consider making] (France, Mexico) → [make] (Kenya) "
                        "[consider making] (France) — co-rapporteurs (draft 2)")
    assert lines[5].startswith("draft 3  OP1    (en) OP1: parliaments to [-[make] [consider making]-]{+make+} such")
    assert lines[5].endswith("— Kenya (KEN-31, round-2, accept)")
    assert lines[6] == pad + "standing: open → agreed ad ref — co-rapporteurs (draft 3)"
    assert lines[7] == (pad + "holders: [make] (Kenya) [consider making] (France) → none (no bracket left) — "
                        "Kenya (KEN-31, round-2, accept)")
    assert lines[8] == "draft 4  OP1    standing: agreed ad ref → agreed — co-rapporteurs (draft 4)"
    data = json.loads(invoke(runner, "history", "OP1", "-p", root, "-f", "json").stdout)
    assert [c["kind"] for v in data["versions"] for c in v["changes"]] == [
        "added", "standing", "holders", "holders", "text", "standing", "holders", "standing"]


def test_blame_credits_a_stretch_of_two_proposals_word_by_word(tmp_path, runner):
    root = _project(tmp_path / "p", [
        _paragraph("parliaments to act on reports"),
        "merged: {round: round-1, from: 1}\n" + _paragraph("parliaments to act swiftly and decisively on reports")
        + "provenance:\n"
          "  - {paragraph: op-measures, action: amend-text, proposal: DEU-1, delegation: Germany, language: en, "
          "inserted: swiftly}\n"
          "  - {paragraph: op-measures, action: amend-text, proposal: GBR-2, delegation: United Kingdom, "
          "language: en, inserted: and decisively}\n",
    ], {"round-1": "- proposal: DEU-1\n  decision: accept\n- proposal: GBR-2\n  decision: accept\n"})
    result = invoke(runner, "blame", "-p", root, "-f", "json")
    assert result.exit_code == 0, result.output
    runs = [(r["words"], r["version"], r["proposal"]) for a in json.loads(result.stdout) if a["item"] == "text"
            for r in a["runs"]]
    assert runs == [("parliaments to act", 1, None), ("swiftly", 2, "DEU-1"), ("and decisively", 2, "GBR-2"),
                    ("on reports", 1, None)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from("abcde"), max_size=10),
       st.lists(st.tuples(st.integers(0, 2), st.integers(0, 10), st.sampled_from("abcdexyz")), min_size=1, max_size=3))
def test_the_word_diff_of_one_stretch_is_diff_match_patch_s(old, edits):
    """merge.words.word_diff answers a change of one stretch without diff-match-patch
    (blame, history and every proposal of a round ask for thousands): the same script."""
    from draftkit.diff.words import Op, diff_sequences
    from draftkit.merge.words import Change, word_diff

    new = list(old)
    for kind, at, word in edits:
        if kind == 0:
            new.insert(min(at, len(new)), word)
        elif new:
            del new[at % len(new)]
            if kind == 2:
                new.insert(at % (len(new) + 1), word)
    wanted: list[Change] = []
    for span in diff_sequences(tuple(old), tuple(new)):
        if span.op is Op.EQUAL:
            continue
        if wanted and wanted[-1].end == span.a0 and wanted[-1].new_end == span.b0:
            wanted[-1] = Change(wanted[-1].start, span.a1, wanted[-1].new_start, span.b1)
        else:
            wanted.append(Change(span.a0, span.a1, span.b0, span.b1))
    assert word_diff(tuple(old), tuple(new)) == wanted
