"""add/move/remove never edit a draft version contributions respond to; --new-version
writes the edit as the next version, a copy that keeps the file's comments."""

from __future__ import annotations

from datetime import date

from pathlib import Path

import pytest
from conftest import invoke, write

from draftkit.loading.project import Project


@pytest.fixture
def answered(mini_project: Path) -> Path:
    """The mini project with a comment in its draft and two contributions on draft 1."""
    draft = mini_project / "drafts" / "draft-1.yaml"
    draft.write_text("# circulated on 24 May\n" + draft.read_text(encoding="utf-8"), encoding="utf-8")
    for name, delegation in (("kenya", "Kenya"), ("chile", "Chile")):
        write(mini_project / "contributions" / "round-1" / f"{name}.yaml", f"""
            delegation: {delegation}
            submitted_at: 2021-06-12T10:00:00+02:00
            responds_to: 1
            language: en
            proposals:
              - {{id: {name.upper()}-1, action: delete-paragraph, target: OP2}}
            """)
    return mini_project


@pytest.mark.parametrize("command", [
    ("move", "OP3", "--after", "OP1"), ("remove", "OP3"), ("add", "op-urges", "--id", "op-again", "--at-end")])
def test_an_answered_version_is_not_edited(answered: Path, runner, command: tuple[str, ...]) -> None:
    before = (answered / "drafts" / "draft-1.yaml").read_bytes()
    result = invoke(runner, *command, "-p", answered)
    assert result.exit_code == 1
    assert ("2 contributions of round-1 respond to draft 1; editing it would change the"
            " paragraphs they quote (use --new-version to write the edit as draft 2)") in result.stderr
    assert (answered / "drafts" / "draft-1.yaml").read_bytes() == before
    assert sorted(p.name for p in (answered / "drafts").iterdir()) == ["draft-1.yaml"]


def test_new_version_copies_then_edits(answered: Path, runner) -> None:
    result = invoke(runner, "move", "OP3", "--after", "OP1", "-p", answered, "--new-version")
    assert result.exit_code == 0, result.output
    assert "draft-2.yaml: moved op-seized from OP3 to OP2" in " ".join(result.stdout.split())
    copy = (answered / "drafts" / "draft-2.yaml").read_text(encoding="utf-8")
    # a fresh header: the copied one described draft 1
    assert copy.startswith(f"# Version 2: a copy of draft 1, made on {date.today().isoformat()} to edit it while "
                           "contributions answer draft 1.\nversion: 2\ndate: ")
    assert "circulated on 24 May" not in copy
    project = Project.open(answered)
    assert [p.id for p in project.draft(2).operative] == ["op-urges", "op-seized", "op-cooperation"]
    assert [p.id for p in project.draft(1).operative] == ["op-urges", "op-cooperation", "op-seized"]
    # the contributions still read draft 1 as the delegations saw it
    assert project.draft(1).resolve("OP2").paragraph == "op-cooperation"


def test_a_refused_edit_with_new_version_leaves_no_copy(answered: Path, runner) -> None:
    result = invoke(runner, "remove", "OP1", "-p", answered, "--new-version")  # op-urges is cross-referenced
    assert result.exit_code == 1 and "cross-referenced" in result.stderr
    assert sorted(p.name for p in (answered / "drafts").iterdir()) == ["draft-1.yaml"]


def test_new_version_drops_how_the_old_one_was_made(answered: Path, runner) -> None:
    draft = answered / "drafts" / "draft-1.yaml"
    draft.write_text(draft.read_text(encoding="utf-8") + "merged:\n  round: round-0\n  from: 1\n"
                     "provenance:\n- paragraph: op-seized\n  action: delete-paragraph\n  proposal: X-1\n"
                     "  delegation: X\n", encoding="utf-8")
    result = invoke(runner, "remove", "OP3", "-p", answered, "--new-version")
    assert result.exit_code == 0, result.output
    copy = Project.open(answered).draft(2)
    assert (copy.meta.merged, copy.provenance) == (None, ())


def test_new_version_has_no_deadline_so_the_next_round_is_not_late(answered: Path, runner) -> None:
    """The copied deadline closed round 1; kept, it would make every answer to draft 2 late."""
    result = invoke(runner, "move", "OP3", "--after", "OP1", "-p", answered, "--new-version")
    assert result.exit_code == 0, result.output
    assert Project.open(answered).draft(1).meta.deadline is not None
    assert Project.open(answered).draft(2).meta.deadline is None
    write(answered / "contributions" / "round-2" / "kenya.yaml", """
        delegation: Kenya
        submitted_at: 2026-11-26T10:00:00+01:00
        responds_to: 2
        language: en
        proposals:
          - {id: KEN-9, action: delete-paragraph, target: OP2}
        """)
    listing = invoke(runner, "contributions", "-p", answered, "-f", "json")
    assert listing.exit_code == 0, listing.output
    import json

    (answer,) = json.loads(listing.stdout)["contributions"]
    assert (answer["delegation"], answer["responds_to"], answer["on_time"], answer["included"]) == ("Kenya", 2, True, True)
