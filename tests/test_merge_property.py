"""Hypothesis: merging non-overlapping proposals in any order gives the same draft, and no
proposal is ever silently lost (each is applied, rejected, merged, undecided or a collision)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from draftkit.loading.project import Project
from draftkit.merge import Status, merge
from draftkit.model import Contribution, Decision, Proposal, ProposalAction, ProposalId, Verdict

PROJECT = Project.open(FIXTURES / "contributions" / "mini")
VERSIONS = {1: PROJECT.draft(1), 2: PROJECT.draft(2)}
CURRENT = VERSIONS[2]
WORDS = VERSIONS[1].by_id()["op-a"].text["en"].split()  # 10 distinct words, unchanged in draft 2
START = datetime(2021, 6, 1, tzinfo=timezone.utc)
VERDICTS = [Verdict.ACCEPT, Verdict.REJECT, None]


def proposal(n: int, start: int, end: int) -> Proposal:
    """Replace words start..end of OP1 (draft 1) by a marker word."""
    return Proposal(id=ProposalId(f"P-{n}"), action=ProposalAction.AMEND_TEXT, target="OP1", language="en",
                    old=" ".join(WORDS[start:end]), new=f"w{n}")


def contributions(proposals: list[Proposal], owners: list[int]) -> list[Contribution]:
    grouped: dict[int, list[Proposal]] = {}
    for item, owner in zip(proposals, owners):
        grouped.setdefault(owner, []).append(item)
    return [Contribution(delegation=f"D{owner}", submitted_at=START + timedelta(hours=owner), responds_to=1,
                         proposals=tuple(items), language="en") for owner, items in grouped.items()]


def run(proposals: list[Proposal], owners: list[int], verdicts: list[Verdict | None], shuffle):
    decisions = [Decision(p.id, v) for p, v in zip(proposals, verdicts) if v is not None]
    pool = contributions(proposals, owners)
    return merge(VERSIONS, CURRENT, shuffle(pool), shuffle(decisions), day=date(2021, 6, 16))


@st.composite
def disjoint_spans(draw):
    """Word spans of OP1 with at least one untouched word between any two."""
    cuts = sorted(draw(st.sets(st.integers(0, len(WORDS)), min_size=2, max_size=8)))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if b > a]
    return [(a, b) for i, (a, b) in enumerate(spans) if i == 0 or a > spans[i - 1][1]]


@settings(max_examples=60, deadline=None)
@given(spans=disjoint_spans(), data=st.data())
def test_non_overlapping_proposals_merge_the_same_in_any_order(spans, data) -> None:
    proposals = [proposal(n, a, b) for n, (a, b) in enumerate(spans)]
    owners = data.draw(st.lists(st.integers(0, 3), min_size=len(proposals), max_size=len(proposals)))
    verdicts = data.draw(st.lists(st.sampled_from(VERDICTS), min_size=len(proposals), max_size=len(proposals)))
    first = run(proposals, owners, verdicts, lambda items: list(items))
    again = run(proposals, owners, verdicts, lambda items: data.draw(st.permutations(list(items))))
    assert first.draft == again.draft
    text = first.draft.by_id()["op-a"].text["en"]
    for item, verdict in zip(proposals, verdicts):
        assert (f"w{item.id[2:]}" in text.split()) is (verdict is Verdict.ACCEPT)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_no_proposal_is_ever_silently_lost(data) -> None:
    count = data.draw(st.integers(1, 6))
    spans = [sorted(data.draw(st.lists(st.integers(0, len(WORDS)), min_size=2, max_size=2, unique=True)))
             for _ in range(count)]
    proposals = [proposal(n, a, b) for n, (a, b) in enumerate(spans)]
    owners = data.draw(st.lists(st.integers(0, 3), min_size=count, max_size=count))
    verdicts = data.draw(st.lists(st.sampled_from(VERDICTS), min_size=count, max_size=count))
    result = run(proposals, owners, verdicts, lambda items: list(items))
    outcomes = {o.proposal: o.status for o in result.report.outcomes}
    assert sorted(outcomes) == sorted(p.id for p in proposals)
    text = result.draft.by_id()["op-a"].text["en"].split()
    for item, verdict in zip(proposals, verdicts):
        status = outcomes[item.id]
        expected = {Verdict.REJECT: {Status.REJECTED}, None: {Status.UNDECIDED},
                    Verdict.ACCEPT: {Status.APPLIED, Status.COLLISION}}[verdict]
        assert status in expected
        assert (f"w{item.id[2:]}" in text) is (status is Status.APPLIED)
        if status is Status.COLLISION:
            assert any(c.proposal == item.id for c in result.report.collisions)
