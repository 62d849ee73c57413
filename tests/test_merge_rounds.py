"""Rounds on disk: round 2 after a merge, merging a round again (--replace), the one
current-draft rule, one lateness rule shared by status, contributions and merge."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest
from conftest import FIXTURES, invoke, write

from draftkit.loading.project import Project
from draftkit.status import project_status

MINI = FIXTURES / "contributions" / "mini"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The mini project (drafts 1 and 2) with a round-1 on draft 1 and its decisions."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    write(root / "contributions" / "round-1" / "kenya.yaml", """
        delegation: Kenya
        submitted_at: 2021-06-14T20:00:00+02:00
        responds_to: 1
        language: en
        proposals:
          - {id: KEN-1, action: amend-text, target: OP1, old: all forms, new: every form}
          - {id: KEN-2, action: amend-text, target: OP3, old: technology companies, new: technology firms}
        """)
    write(root / "contributions" / "round-1" / "brazil.yaml", """
        delegation: Brazil
        submitted_at: 2021-06-15T09:00:00+02:00
        responds_to: 1
        language: en
        proposals:
          - {id: BRA-1, action: delete-paragraph, target: OP4}
        """)
    write(root / "decisions" / "round-1.yaml", "- {proposal: KEN-1, decision: accept}\n")
    return root


def merged(runner, root: Path, *args: str) -> str:
    result = invoke(runner, "merge", "-p", root, "--date", "2021-06-16", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def text(root: Path, version: int, paragraph: str) -> str:
    return Project.open(root).draft(version).by_id()[paragraph].text["en"]


def test_merge_again_refuses_then_replace_redoes_it_from_the_source(project: Path, runner) -> None:
    merged(runner, project)
    draft = Project.open(project).draft(3)
    assert (draft.meta.merged.round, draft.meta.merged.source, draft.meta.deadline) == ("round-1", 2, None)
    assert text(project, 3, "op-a") == "parliaments to criminalize every form of online child sexual exploitation"

    # the review and the compilation still read round 1 against draft 2, not against its own merge
    listed = invoke(runner, "contributions", "-p", project, "-f", "json")
    assert listed.exit_code == 0, listed.output
    assert json.loads(listed.stdout)["draft"] == 2
    assert invoke(runner, "compile", "-p", project, "-f", "txt").exit_code == 0

    again = invoke(runner, "merge", "-p", project, "--date", "2021-06-16")
    assert again.exit_code == 1
    assert "draft 3 is already the merge of round-1 on draft 2" in again.stderr
    assert "--replace" in again.stderr
    assert sorted(p.name for p in (project / "drafts").iterdir()) == ["draft-1.yaml", "draft-2.yaml", "draft-3.yaml"]

    # decisions change between the two runs; the redo starts from draft 2 again
    write(project / "decisions" / "round-1.yaml",
          "- {proposal: KEN-1, decision: reject}\n- {proposal: KEN-2, decision: accept}\n")
    out = merged(runner, project, "--replace")
    assert out.startswith(f"replaced {project / 'drafts' / 'draft-3.yaml'}: draft 3 from draft 2")
    assert sorted(p.name for p in (project / "drafts").iterdir()) == ["draft-1.yaml", "draft-2.yaml", "draft-3.yaml"]
    assert text(project, 3, "op-a") == "parliaments to criminalize all forms of online child sexual exploitation"
    assert text(project, 3, "op-c") == "technology firms to remove abuse material without delay"
    assert [r.proposal for r in Project.open(project).draft(3).provenance] == ["KEN-2"]

    # the same decisions once more: nothing is applied twice
    merged(runner, project, "--replace")
    assert text(project, 3, "op-c") == "technology firms to remove abuse material without delay"


def test_replace_without_an_earlier_merge_is_refused(project: Path, runner) -> None:
    result = invoke(runner, "merge", "-p", project, "--replace")
    assert result.exit_code == 1
    assert "--replace redoes a merge of round-1, but no draft is one (draft 2 is the latest)" in result.stderr
    assert "leave out --replace to write draft 3" in result.stderr


def test_a_round_merged_before_later_versions_is_not_merged_again(project: Path, runner) -> None:
    merged(runner, project)
    moved = invoke(runner, "move", "op-c", "-p", project, "--after", "op-d", "--new-version")
    assert moved.exit_code == 0, moved.output
    drafts = sorted(p.name for p in (project / "drafts").iterdir())
    for args in ((), ("--replace",)):
        again = invoke(runner, "merge", "-p", project, "--date", "2021-06-18", *args)
        assert again.exit_code == 1, again.output
        assert again.stderr.startswith("error: ")
        assert ("round-1 is already merged into draft 3 (from draft 2), and draft 4 came after it "
                "(for new contributions, start a round folder such as contributions/round-2/; "
                "for decisions changed after the fact, edit the latest draft (draft 4))") in again.stderr
    assert sorted(p.name for p in (project / "drafts").iterdir()) == drafts
    # the review and the compilation still read round 1 against the draft it was merged from
    listed = invoke(runner, "contributions", "-p", project, "-f", "json")
    assert json.loads(listed.stdout)["draft"] == 2
    compiled = invoke(runner, "compile", "-p", project, "-f", "txt")
    assert compiled.exit_code == 0 and "draft 2" in compiled.stdout.lower()


def test_deadline_without_a_time_is_named_once(project: Path, runner) -> None:
    result = invoke(runner, "merge", "-p", project, "--date", "2021-06-16", "--deadline", "2021-07-01")
    assert result.exit_code == 2
    assert result.stderr.count("--deadline") == 1
    assert "--deadline ('2021-07-01') has no time of day" in result.stderr


def test_latest_round_is_the_highest_number_and_unnumbered_folders_come_first(project: Path, runner) -> None:
    body = (project / "contributions" / "round-1" / "kenya.yaml").read_text()
    for name in ("round-9", "round-10", "round-x"):
        write(project / "contributions" / name / "kenya.yaml", body)
    listed = invoke(runner, "contributions", "-p", project, "-f", "json")
    assert json.loads(listed.stdout)["round"] == "round-10"
    from draftkit.loading.contributions import round_folders

    assert [d.name for d in round_folders(project / "contributions")] == [
        "round-x", "round-1", "round-9", "round-10"]


def test_round_two_has_its_own_decisions_and_deadline(project: Path, runner) -> None:
    out = merged(runner, project, "--deadline", "2021-07-01T18:00:00")
    assert "deadline of the new draft: 2021-07-01 18:00 CEST (Europe/Zurich)" in out
    assert Project.open(project).draft(3).meta.deadline.isoformat() == "2021-07-01T18:00:00+02:00"
    # round 2 answers draft 3; a proposal id of round 1 is used again, undecided this time
    write(project / "contributions" / "round-2" / "kenya.yaml", """
        delegation: Kenya
        submitted_at: 2021-06-30T12:00:00+02:00
        responds_to: 3
        language: en
        proposals:
          - {id: KEN-1, action: amend-text, target: OP2, old: every form, new: every single form}
          - {id: KEN-3, action: amend-text, target: OP5, old: remain seized, new: remain actively seized}
        """)
    listed = json.loads(invoke(runner, "contributions", "-p", project, "--format", "json").stdout)
    assert (listed["round"], listed["draft"], listed["deadline"]) == ("round-2", 3, "2021-07-01T18:00:00+02:00")
    kenya, = listed["contributions"]
    # on time: round 1's deadline is not round 2's; round 1's decision on KEN-1 does not leak
    assert kenya["on_time"] is True
    assert [(p["id"], p["decision"], p["status"]) for p in kenya["proposals"]] == [
        ("KEN-1", None, "undecided"), ("KEN-3", None, "undecided")]
    state = project_status(project, now=datetime(2021, 6, 30, tzinfo=timezone.utc))
    assert (state.contributions.round, state.contributions.undecided, state.contributions.late) == (
        "round-2", ("KEN-1", "KEN-3"), ())

    no_decisions = invoke(runner, "merge", "-p", project)
    assert no_decisions.exit_code == 1 and "no decisions file for round-2" in no_decisions.stderr
    write(project / "decisions" / "round-2.yaml", "- {proposal: KEN-3, decision: accept}\n")
    out = merged(runner, project)
    assert "draft 4 from draft 3 and round-2 (1 proposal applied)" in out
    draft = Project.open(project).draft(4)
    assert (draft.meta.merged.round, draft.meta.merged.source) == ("round-2", 3)
    assert draft.by_id()["op-a"].text["en"] == "parliaments to criminalize every form of online child sexual exploitation"
    assert draft.by_id()["op-d"].text["en"] == "to remain actively seized of the matter"
    assert [r.proposal for r in draft.provenance] == ["KEN-3"]


def test_loose_contribution_file_is_refused_with_the_fix(project: Path, runner) -> None:
    shutil.move(project / "contributions" / "round-1" / "kenya.yaml", project / "contributions" / "kenya.yaml")
    result = invoke(runner, "contributions", "-p", project)
    assert result.exit_code == 1
    assert "kenya.yaml: a contribution file outside a round folder" in result.stderr
    assert "move it into a round folder, e.g. contributions/round-2/" in result.stderr


def test_lateness_is_the_same_for_status_contributions_merge_and_compile(project: Path, runner) -> None:
    # Draft 2 has a later deadline than draft 1, which Brazil answered: draft 1's decides.
    draft = project / "drafts" / "draft-2.yaml"
    draft.write_text(draft.read_text().replace("2021-06-14T23:59:00+02:00", "2021-06-20T23:59:00+02:00"))
    status = project_status(project, now=datetime(2021, 6, 16, tzinfo=timezone.utc)).contributions
    assert (status.late, status.undecided, status.late_proposals) == (("Brazil",), ("KEN-2",), 1)
    rows = json.loads(invoke(runner, "contributions", "-p", project, "-f", "json").stdout)["contributions"]
    assert [(r["delegation"], r["on_time"], [p["status"] for p in r["proposals"]]) for r in rows] == [
        ("Kenya", True, ["applied", "undecided"]), ("Brazil", False, ["late"])]
    compiled = invoke(runner, "compile", "-p", project, "-f", "txt").stdout
    assert compiled.rstrip().endswith("Not compiled: Brazil (late)")
    out = merged(runner, project)
    assert "late (excluded; --include-late counts them): 1\n  BRA-1 (Brazil)" in out
    assert "undecided (not applied): 1\n  KEN-2 (Kenya)" in out
