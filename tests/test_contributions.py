"""Contribution and decision files: formats, pinned errors, the deadline, `draftkit contributions`."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import FIXTURES, invoke, write

from draftkit.errors import DraftkitError
from draftkit.loading.contributions import load_contribution, load_decisions, load_round

MINI = FIXTURES / "contributions" / "mini"
HEAD = "delegation: France\nsubmitted_at: 2021-06-14T18:30:00+02:00\nresponds_to: 1\nlanguage: fr\n"
REST = HEAD.split("\n", 1)[1]
DEADLINE = datetime(2021, 6, 14, 23, 59, tzinfo=timezone(timedelta(hours=2)))


def error(path: Path, loader=load_contribution) -> str:
    with pytest.raises(DraftkitError) as caught:
        loader(path)
    return caught.value.message


def test_text_amendment_is_normalized_per_language(tmp_path: Path) -> None:
    path = write(tmp_path / "fra.yaml", HEAD + """
proposals:
  - id: FRA-1
    action: amend-text
    target: OP5
    after: enfants
    new: et adolescents
    justification: Inclure les adolescents.
""")
    proposal, = load_contribution(path).proposals
    assert (proposal.old_by_language, proposal.new_by_language, proposal.anchor_after) == (
        {"fr": "enfants"}, {"fr": "enfants et adolescents"}, "enfants")


@pytest.mark.parametrize(("body", "message"), [
    ("submitted_at: 14/06/2021 18:30\nresponds_to: 1\nproposals: []\n",
     "fra.yaml:2:1: 'submitted_at' is '14/06/2021 18:30', not a date and time (write it as 2021-06-14T23:59:00+02:00"),
    ("submitted_at: 2021-06-14T18:30:00\nresponds_to: 1\nproposals: []\n",
     "fra.yaml:2:1: 'submitted_at' ('2021-06-14T18:30:00') has no time zone (add the offset"),
    (REST + "proposals:\n  - {id: FRA-1, action: amend-text, target: OP1, old: '', new: ''}\n",
     "fra.yaml:6:5: proposal FRA-1: amend-text gives no text (give 'old:'"),
    (REST + "proposals:\n  - {id: FRA-1, action: amend-text, target: OP1, old: a, new: a}\n",
     "fra.yaml:6:5: proposal FRA-1: 'new' is the same as 'old' (fr), so it changes nothing"),
    (REST + "proposals:\n  - {id: FRA-1, action: replace-text, target: OP1, text: ''}\n",
     "fra.yaml:6:52: 'text' of proposal FRA-1 is empty (give the text)"),
    (REST + "proposals:\n  - {id: FRA-1, action: amend-txt, target: OP1}\n",
     "fra.yaml:6:17: 'action' of proposal FRA-1 is 'amend-txt'; expected one of"),
    (REST + "proposals:\n  - {id: FRA-1, action: amend-text, target: OP1, old: a, neww: b}\n",
     "fra.yaml:6:58: unknown key 'neww' in proposal FRA-1 (did you mean 'new'?)"),
])
def test_contribution_errors_are_pinned(tmp_path: Path, body: str, message: str) -> None:
    path = write(tmp_path / "fra.yaml", "delegation: France\n" + body)
    assert error(path).startswith(f"{tmp_path}/{message}")


def test_duplicate_proposal_ids_name_both_places(tmp_path: Path) -> None:
    proposal = "proposals:\n  - {id: X-1, action: delete-paragraph, target: OP1}\n"
    write(tmp_path / "a.yaml", HEAD + proposal)
    write(tmp_path / "b.yaml", HEAD.replace("France", "Kenya") + proposal)
    assert error(tmp_path, load_round) == (
        f"{tmp_path}/b.yaml:6:5: proposal id 'X-1' is used twice (also at {tmp_path}/a.yaml:6:5) "
        "(give each proposal of the round its own id, e.g. FRA-1, FRA-2)")


@pytest.mark.parametrize(("text", "message"), [
    ("- {proposal: A-1, decision: accept}\n- {proposal: A-1, decision: reject}\n",
     "decisions.yaml:2:3: proposal A-1 is decided twice (accept at line 1, reject here) (keep one decision per proposal)"),
    ("- {proposal: A-1, decision: accept-revised}\n",
     "decisions.yaml:1:3: decision on A-1: accept-revised needs the revised 'text' (add 'text: {en: …}')"),
    ("- {proposal: A-1, decision: merged}\n", "decisions.yaml:1:3: decision on A-1: merged needs 'into: PROPOSAL-ID'"),
    ("- {proposal: A-1, decision: accepted}\n",
     "decisions.yaml:1:19: 'decision' of decision on A-1 is 'accepted'; expected one of: accept, reject, accept-revised, merged, pending"),
])
def test_decision_errors_are_pinned(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / "decisions.yaml", text)
    assert error(path, load_decisions).startswith(f"{tmp_path}/{message}")


@pytest.mark.parametrize(("submitted", "on_time"), [
    ("2021-06-14T23:58:59+02:00", True),   # one second before
    ("2021-06-14T23:59:00+02:00", True),   # at the deadline
    ("2021-06-14T23:59:01+02:00", False),  # one second after
    ("2021-06-14T21:59:00Z", True),        # the same instant in UTC
    ("2021-06-14T17:59:01-04:00", False),  # one second after, written in New York time
    ("2021-06-15T06:58:59+09:00", True),   # Tokyo, the next calendar day, still on time
])
def test_deadline_compares_instants(tmp_path: Path, submitted: str, on_time: bool) -> None:
    path = write(tmp_path / "c.yaml", HEAD.replace("2021-06-14T18:30:00+02:00", submitted)
                 + "proposals:\n  - {id: X-1, action: delete-paragraph, target: OP1}\n")
    assert load_contribution(path).on_time(DEADLINE) is on_time


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    write(root / "contributions" / "round-1" / "kenya.yaml", """
        delegation: Kenya
        submitted_at: 2021-06-14T23:30:00+03:00
        responds_to: 1
        language: en
        proposals:
          - {id: KEN-1, action: amend-text, target: OP1, old: all forms, new: every form}
          - {id: KEN-2, action: amend-text, target: OP3, old: promptly, new: at once}
        """)
    write(root / "contributions" / "round-1" / "brazil.yaml", """
        delegation: Brazil
        submitted_at: 2021-06-14T19:00:00-03:00
        responds_to: 1
        language: en
        proposals:
          - {id: BRA-1, action: amend-text, target: OP1, old: forms, new: kinds}
        """)
    return root


def test_contributions_json(project: Path, runner) -> None:
    result = invoke(runner, "contributions", "-p", project, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["deadline"] == "2021-06-14T23:59:00+02:00"
    kenya, brazil = data["contributions"]
    # ISO 8601 instants, in the draft's zone (its offset here)
    assert (kenya["delegation"], kenya["submitted"], kenya["on_time"]) == ("Kenya", "2021-06-14T22:30:00+02:00", True)
    assert (kenya["deadline"], kenya["proposals"][0]["status"]) == ("2021-06-14T23:59:00+02:00", "undecided")
    assert [(p["id"], p["seen_as"], p["target"], p["collides_with"]) for p in kenya["proposals"]] == [
        ("KEN-1", "OP1", "OP2", []), ("KEN-2", "OP3", "OP4", ["co-rapporteurs"])]
    assert (brazil["on_time"], brazil["included"]) == (False, False)


def test_contributions_table_with_late_included(project: Path, runner) -> None:
    result = invoke(runner, "contributions", "-p", project, "--include-late")
    assert result.exit_code == 0, result.output
    words = result.stdout.split()
    for expected in ("Kenya", "OP1→OP2,", "OP3→OP4", "Brazil", "LATE", "(included)", "00:00", "BRA-1"):
        assert expected in words, expected


def test_no_contributions_yet_is_not_an_error(tmp_path: Path, runner) -> None:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    result = invoke(runner, "contributions", "-p", root)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == ("No contributions yet · current draft 2 · deadline "
                                     "2021-06-14 23:59 CEST (Europe/Zurich)" + _your_time())
    data = json.loads(invoke(runner, "contributions", "-p", root, "-f", "json").stdout)
    assert (data["round"], data["draft"], data["contributions"]) == ("", 2, [])


def _your_time() -> str:
    from datetime import datetime

    from draftkit.instants import shown_both

    return shown_both(datetime.fromisoformat("2021-06-14T23:59:00+02:00"), "Europe/Zurich").removeprefix(
        "2021-06-14 23:59 CEST (Europe/Zurich)")


def test_terminology_warnings_on_proposed_words(project: Path, runner) -> None:
    write(project / "contributions" / "round-1" / "kenya.yaml", """
        delegation: Kenya
        submitted_at: 2021-06-14T12:00:00+02:00
        responds_to: 1
        language: en
        proposals:
          - {id: KEN-1, action: amend-text, target: OP1, old: all forms, new: all forms of child pornography and}
        """)
    write(project / "decisions" / "round-1.yaml", "- {proposal: KEN-1, decision: accept}\n")
    data = json.loads(invoke(runner, "contributions", "-p", project, "-f", "json").stdout)
    assert [(w["proposal"], w["term"]) for w in data["terminology"]] == [("KEN-1", "child pornography")]
    for command in (["contributions"], ["compile", "-f", "md"], ["merge", "--date", "2021-06-16"]):
        result = invoke(runner, *command[:1], "-p", project, *command[1:])
        assert result.exit_code == 0, result.output
        assert "KEN-1 (Kenya, en): 'child pornography' → use" in result.output, command


def test_next_round_reuses_an_emptied_latest_round(tmp_path: Path) -> None:
    from draftkit.loading.contributions import next_round_name

    contributions = tmp_path / "contributions"
    assert next_round_name(contributions) == "round-1"
    write(contributions / "round-1" / "kenya.yaml", "delegation: Kenya\n")
    (contributions / "round-2").mkdir()
    assert next_round_name(contributions) == "round-2"  # empty: filled again, not skipped
    write(contributions / "round-2" / "chile.yaml", "delegation: Chile\n")
    assert next_round_name(contributions) == "round-3"
