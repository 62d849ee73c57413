"""`draftkit decide`: the decisions skeleton, its updates, decisions from the terminal."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, MINI_DRAFT, MINI_LIBRARY, invoke, write
from draftkit.loading import Project
from draftkit.loading.contributions import load_decisions
from draftkit.model import Verdict
from draftkit.negotiation.decide import decide


def example(tmp_path: Path) -> Path:
    root = tmp_path / "example"
    shutil.copytree(EXAMPLES / "child-online-exploitation", root)
    (root / "draftkit.yaml").write_text((root / "draftkit.yaml").read_text().replace(
        "../../clauses", str(EXAMPLES.parent / "clauses")))
    return root


def verdicts(path: Path) -> dict[str, str]:
    return {d.proposal: d.verdict.value for d in load_decisions(path)}


def test_skeleton_lists_every_proposal_in_paragraph_order_with_overlaps_and_keeps_what_was_typed(tmp_path, runner):
    root = example(tmp_path)
    path = root / "decisions" / "round-1.yaml"
    typed = verdicts(path)
    result = invoke(runner, "decide", "-p", root)
    assert result.exit_code == 0, result.output
    assert "16 proposals of round-1 on draft 2, 2 pending" in result.stdout
    assert "new since the last run: BRA-1, SEN-2" in result.stdout
    assert "overlap B: DEU-1, GBR-2" in result.stdout
    text = path.read_text()
    assert verdicts(path) == {**typed, "BRA-1": "pending", "SEN-2": "pending"}
    assert text.index("# The co-rapporteurs' decisions") < text.index("MEX-1")  # the user's header stays on top
    assert "- {proposal: DEU-2, decision: reject, note: preservation with safeguards is needed for investigations}" in text
    assert "##   OP10 as seen in draft 1 → OP8 in draft 2" in text  # FRA-2: moved by the co-rapporteurs
    assert "new, after OP11 (draft 1) → becomes OP12 in draft 2" in text  # FRA-3 lands as OP12
    assert "overlaps with the co-rapporteurs' edits since draft 1" in text  # KEN-2
    assert "LATE: submitted after the deadline" in text  # BRA-1
    assert text.index("DEU-1") < text.index("GBR-2") < text.index("FRA-3")  # overlap B sits together
    again = invoke(runner, "decide", "-p", root)
    assert again.exit_code == 0 and path.read_text() == text  # a second run changes nothing


def test_decide_records_one_decision_in_place_keeping_comments_and_other_lines(tmp_path, runner):
    root = example(tmp_path)
    path = root / "decisions" / "round-1.yaml"
    invoke(runner, "decide", "-p", root)
    text = path.read_text().replace("- proposal: SEN-2\n", "# asked the delegation on 16 June\n- proposal: SEN-2\n")
    path.write_text(text)
    for args in (["SEN-2", "accept-revised", "--text", "que les [parlements] [États]", "-l", "fr"],
                 ["BRA-1", "merged", "--into", "GBR-1", "--note", "same idea"],
                 ["MEX-1", "reject"], ["CAN-1", "accept"]):
        result = invoke(runner, "decide", "-p", root, *args)
        assert result.exit_code == 0, result.output
    decisions = {d.proposal: d for d in load_decisions(path)}
    assert decisions["SEN-2"].verdict is Verdict.ACCEPT_REVISED
    assert decisions["SEN-2"].text == {"fr": "que les [parlements] [États]"}
    assert (decisions["BRA-1"].verdict, decisions["BRA-1"].into, decisions["BRA-1"].note) == (
        Verdict.MERGED, "GBR-1", "same idea")
    assert decisions["MEX-1"].verdict is Verdict.REJECT and not decisions["MEX-1"].text  # text: removed
    assert decisions["CAN-1"].verdict is Verdict.ACCEPT and decisions["CAN-1"].into is None
    assert "# asked the delegation on 16 June\n- proposal: SEN-2\n  decision: accept-revised\n" in path.read_text()
    again = invoke(runner, "decide", "-p", root, "SEN-2", "accept-revised")
    assert again.stdout == "SEN-2: accept-revised (stays) — decisions/round-1.yaml\n"


def test_decide_refuses_unknown_proposals_and_decisions_in_one_line(tmp_path, runner):
    root = example(tmp_path)
    before = (root / "decisions" / "round-1.yaml").read_text()
    cases = [(["FRA-9", "accept"], 1, "'FRA-9' is not a proposal of round-1 (did you mean"),
             (["FRA-1", "acept"], 2, "unknown decision 'acept' (did you mean 'accept'"),
             (["FRA-1", "merged"], 2, "merged needs the proposal FRA-1 is folded into"),
             (["FRA-1", "accept", "--into", "GBR-1"], 2, "--into goes with merged"),
             (["FRA-1"], 2, "give a proposal and its decision, or neither")]
    for args, code, message in cases:
        result = invoke(runner, "decide", "-p", root, *args)
        assert result.exit_code == code and message in result.stderr, (args, result.output)
        assert result.stderr.count("\n") == 1
    assert (root / "decisions" / "round-1.yaml").read_text() == before


def test_a_bad_contribution_file_is_named_and_the_rest_still_written(tmp_path, runner):
    root = example(tmp_path)
    write(root / "contributions" / "round-1" / "zambia.yaml", "delegation: Zambia\nsubmitted_at: soon\n")
    result = invoke(runner, "decide", "-p", root)
    assert result.exit_code == 1
    assert "zambia.yaml" in result.stderr and "'submitted_at'" in result.stderr
    text = (root / "decisions" / "round-1.yaml").read_text()
    assert "## left out: " in text and "zambia.yaml" in text and "- proposal: SEN-2" in text


# --- never loses a typed decision ---------------------------------------------------------

MINI_ROUND = """
delegation: {name}
submitted_at: 2021-06-1{day}T12:00:00+02:00
responds_to: 1
language: en
proposals:
{proposals}
"""

TEMPLATES = [
    "  - {{id: {id}, action: amend-text, target: OP1, old: criminalize, new: criminalize and prosecute}}",
    "  - {{id: {id}, action: amend-text, target: OP1, old: all forms, new: every form}}",
    "  - {{id: {id}, action: delete-paragraph, target: OP3}}",
    "  - {{id: {id}, action: amend-text, target: PP2, after: growth, new: and spread}}",
]

steps = st.lists(st.one_of(
    st.tuples(st.just("arrive"), st.integers(1, 3), st.integers(0, 3), st.booleans()),
    st.tuples(st.just("decide"), st.integers(0, 30),
              st.sampled_from(["accept", "reject", "pending", "merged", "accept-revised"])),
    st.tuples(st.just("type"), st.integers(0, 30), st.sampled_from(["accept", "reject"]), st.booleans()),
    st.tuples(st.just("rerun"),),
), min_size=1, max_size=6)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps)
def test_decide_never_loses_a_typed_decision(tmp_path_factory, program):
    root = tmp_path_factory.mktemp("decide")
    write(root / "draftkit.yaml", "name: mini\n")
    write(root / "clauses" / "standard.yaml", MINI_LIBRARY)
    write(root / "drafts" / "draft-1.yaml", MINI_DRAFT)
    project = lambda: Project.open(root)  # noqa: E731 - a fresh project sees new files
    path = root / "decisions" / "round-1.yaml"
    expected: dict[str, str] = {}
    comments: list[str] = []
    arrivals = 0
    for step in program:
        ids = sorted(verdicts(path)) if path.exists() else []
        if step[0] == "arrive" or not ids:
            count, template, late = (step[1], step[2], step[3]) if step[0] == "arrive" else (1, 0, False)
            arrivals += 1
            name = f"D{arrivals}"
            proposals = "\n".join(TEMPLATES[(template + n) % len(TEMPLATES)].format(id=f"{name}-{n + 1}")
                                  for n in range(count))
            write(root / "contributions" / "round-1" / f"{name.lower()}.yaml",
                  MINI_ROUND.format(name=name, day=5 if late else 3, proposals=proposals))
            decide(project())
        elif step[0] == "decide":
            target = ids[step[1] % len(ids)]
            verdict = step[2]
            into = next((i for i in ids if i != target), None) if verdict == "merged" else None
            if verdict == "merged" and into is None:
                continue
            text = "and [prosecute]" if verdict == "accept-revised" else None
            decide(project(), proposal=target, verdict=verdict, into=into, text=text, language="en")
            expected[target] = verdict
        elif step[0] == "type":  # the co-rapporteurs edit the file by hand, with a comment of their own
            pending = [i for i in ids if verdicts(path)[i] == "pending"]
            if not pending:
                continue
            target = pending[step[1] % len(pending)]
            text = path.read_text()
            old = f"- proposal: {target}\n  decision: pending\n"
            if old not in text:  # written on one line by an earlier step: typed by hand another way
                old = f"- {{proposal: {target}, decision: pending}}\n"
            comment = f"# typed by hand for {target}\n"
            typed = f"- {{proposal: {target}, decision: {step[2]}}}\n" if step[3] else old.replace("pending", step[2])
            path.write_text(text.replace(old, comment + typed))
            expected[target] = step[2]
            comments.append(comment)
        else:
            decide(project())
        now = verdicts(path)
        for proposal, verdict in expected.items():
            assert now[proposal] == verdict, (proposal, program)
        text = path.read_text()
        assert all(comment in text for comment in comments)
    before = path.read_text()
    decide(project())
    assert path.read_text() == before  # settled: a re-run changes nothing
