"""`draftkit status`: the `Status` data with an injected clock, and its one screen."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import invoke, write

from draftkit.model import Kind
from draftkit.status import project_status, time_left

NOW = datetime(2021, 6, 12, 9, 30, tzinfo=timezone.utc)


@pytest.fixture
def busy(mini_project: Path) -> Path:
    """The mini project with a Geneva deadline, a missing French text, two contributions and decisions."""
    draft = mini_project / "drafts" / "draft-1.yaml"
    text = draft.read_text(encoding="utf-8")
    text = text.replace("deadline: 2021-06-14T23:59:00+02:00", "deadline: 2021-06-14T23:59:00\ntimezone: Europe/Zurich")
    text = text.replace("text: {en: to remain seized of the matter, fr: de demeurer saisie de la question}",
                        "text: {en: to remain seized of the matter}")
    draft.write_text(text, encoding="utf-8")
    write(mini_project / "contributions" / "round-1" / "kenya.yaml", """
        delegation: Kenya
        submitted_at: 2021-06-12T10:00:00+03:00
        responds_to: 1
        language: en
        proposals:
          - id: KEN-1
            action: amend-text
            target: OP3
            old: remain seized
            new: remain actively seized
          - id: KEN-2
            action: delete-paragraph
            target: PP2
        """)
    write(mini_project / "contributions" / "round-1" / "brazil.yaml", """
        delegation: Brazil
        submitted_at: 2021-06-15T08:00:00-03:00
        responds_to: 1
        proposals:
          - id: BRA-1
            action: delete-paragraph
            target: OP2
        """)
    write(mini_project / "decisions" / "round-1.yaml", """
        - proposal: KEN-1
          decision: accept
        """)
    return mini_project


def test_status_data(busy):
    state = project_status(busy, now=NOW, local_zone=ZoneInfo("America/New_York"))
    assert (state.name, state.version, state.versions) == ("mini", 1, (1,))
    assert state.paragraphs == ((Kind.PREAMBULAR, 2), (Kind.OPERATIVE, 3))
    assert [(lang.language, lang.paragraphs, lang.missing) for lang in state.languages] == [
        ("en", 5, ()), ("fr", 4, ("op-seized",))]
    assert dict(state.findings)["error"] >= 1  # the missing French text
    due = state.deadline
    assert due is not None and due.at.isoformat() == "2021-06-14T23:59:00+02:00"
    assert due.local.isoformat() == "2021-06-14T17:59:00-04:00"
    assert due.left == timedelta(days=2, hours=12, minutes=29) and not due.closed
    contributions = state.contributions
    assert contributions is not None
    assert (contributions.round, contributions.responds_to) == ("round-1", (1,))
    assert contributions.delegations == ("Brazil", "Kenya") and contributions.late == ("Brazil",)
    # Brazil is late: its proposal is late, not undecided (as `draftkit merge` reports it)
    assert (contributions.proposals, contributions.undecided, contributions.late_proposals) == (3, ("KEN-2",), 1)
    assert state.problems == ()


def test_time_left_wording():
    assert time_left(timedelta(days=2, hours=12, minutes=29)) == "2 days 12 hours left"
    assert time_left(timedelta(hours=1, minutes=1)) == "1 hour 1 minute left"
    assert time_left(timedelta(seconds=20)) == "less than a minute left"
    assert time_left(-timedelta(days=3, hours=5)) == "closed 3 days ago"
    assert time_left(-timedelta(minutes=40)) == "closed 40 minutes ago"


def test_status_screen(runner, busy, monkeypatch):
    import draftkit.status as status

    monkeypatch.setattr(status, "datetime", type("Clock", (datetime,), {"now": classmethod(lambda cls, tz=None: NOW)}))
    result = invoke(runner, "status", "-p", busy)
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines[1] == "draft          version 1 of 2021-07-15 — draft-1.yaml (versions: 1)"
    assert lines[2:5] == ["paragraphs     2 preambular, 3 operative", "  en           5 paragraphs",
                          "  fr           4 paragraphs; missing 1: op-seized"]
    assert "deadline       2021-06-14 23:59 CEST (Europe/Zurich) — 2 days 12 hours left" in lines
    assert "contributions  2 received in round-1 (on draft 1): Brazil, Kenya" in lines
    assert "  late         Brazil" in lines
    assert "  undecided    1 of 2 proposals on time: KEN-2 (1 late, not counted)" in lines


def test_a_broken_contribution_is_reported_and_the_rest_still_shown(runner, busy):
    (busy / "contributions" / "round-1" / "kenya.yaml").write_text("delegation: [\n", encoding="utf-8")
    state = project_status(busy, now=NOW)
    assert state.contributions is not None and state.version == 1
    assert "Kenya" not in state.contributions.delegations and state.contributions.delegations
    assert len(state.problems) == 1 and "kenya.yaml:2" in state.problems[0] and "YAML syntax error" in state.problems[0]
    result = invoke(runner, "status", "-p", busy)
    assert result.exit_code == 1 and "kenya.yaml:2" in result.stdout  # shown with the rest; the exit says so


def test_status_without_deadline_or_contributions(runner, mini_project):
    draft = mini_project / "drafts" / "draft-1.yaml"
    draft.write_text(draft.read_text(encoding="utf-8").replace("deadline: 2021-06-14T23:59:00+02:00\n", ""),
                     encoding="utf-8")
    result = invoke(runner, "status", "-p", mini_project)
    assert result.exit_code == 0, result.output
    assert "deadline       none set (add 'deadline:' to the draft)" in result.stdout
    assert "contributions" not in result.stdout


def test_your_time_is_the_offset_at_the_deadline_not_today(busy, monkeypatch):
    import time

    from draftkit.instants import shown, shown_both

    monkeypatch.setenv("TZ", "Europe/Zurich")
    time.tzset()
    try:
        winter = datetime(2021, 1, 10, 12, 0, tzinfo=timezone.utc)
        state = project_status(busy, now=winter)
        assert state.deadline is not None
        assert shown(state.deadline.local) == "2021-06-14 23:59 CEST"
        assert shown_both(state.deadline.at, "Europe/Zurich") == "2021-06-14 23:59 CEST (Europe/Zurich)"
        monkeypatch.setenv("TZ", "Asia/Tokyo")
        time.tzset()
        assert shown_both(state.deadline.at, "Europe/Zurich") == (
            "2021-06-14 23:59 CEST (Europe/Zurich) = 2021-06-15 06:59 JST your time")
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_a_submission_within_the_deadline_minute_shows_its_seconds():
    from draftkit.instants import shown

    deadline = datetime(2021, 6, 14, 23, 59, tzinfo=ZoneInfo("Europe/Zurich"))
    assert shown(deadline + timedelta(milliseconds=500), deadline=deadline, named=False) == "2021-06-14 23:59:00.5 CEST"
    assert shown(deadline, deadline=deadline, named=False) == "2021-06-14 23:59 CEST"
    assert shown(deadline + timedelta(minutes=3), deadline=deadline, named=False) == "2021-06-15 00:02 CEST"
