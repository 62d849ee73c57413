"""A round of contributions: the deadline, the co-rapporteurs' decisions, collisions, and
the outcome of every proposal (applied, rejected, merged, undecided, collision, late).

Pure: drafts, contributions and decisions in; a review or the next draft and a report
out. Knows no files, no Word, no terminal.
"""

from __future__ import annotations

import enum
from dataclasses import field, replace
from datetime import date, datetime
from typing import Iterable, Mapping

from draftkit.errors import DraftkitError, MergeError, UnknownReference, did_you_mean
from draftkit.merge.apply import apply
from draftkit.merge.plan import Drafts, Understood, collisions, understand
from draftkit.model import Contribution, Decision, Draft, MergedFrom, Verdict, check_ids
from draftkit.records import record


class Status(enum.Enum):
    """What became of a proposal: every proposal gets exactly one."""

    APPLIED = "applied"
    REJECTED = "rejected"
    MERGED = "merged"
    UNDECIDED = "undecided"
    COLLISION = "collision"
    LATE = "late"


@record
class Collision:
    """A proposal that cannot be applied without a choice; `other` |None| means the co-rapporteurs."""

    proposal: str
    other: str | None
    label: str
    reason: str
    ours: str
    theirs: str


@record
class Outcome:
    """What became of one proposal; `collides_with` names the other proposals (or
    "co-rapporteurs") a collision is with."""

    proposal: str
    delegation: str
    status: Status
    seen_as: str
    label: str
    detail: str = ""
    collides_with: tuple[str, ...] = ()


@record
class Pending:
    """A language of the draft a proposal was not written in: the translation must follow."""

    proposal: str
    label: str
    language: str


@record
class MergeReport:
    """What became of every proposal; `applied` holds the proposals carried into the draft."""

    outcomes: tuple[Outcome, ...]
    collisions: tuple[Collision, ...]
    late: tuple[Contribution, ...]
    pending: tuple[Pending, ...]
    applied: tuple[Understood, ...] = ()

    def with_status(self, status: Status) -> list[Outcome]:
        return [o for o in self.outcomes if o.status is status]


@record
class MergeResult:
    draft: Draft
    report: MergeReport


@record
class Entry:
    """One contribution of the round, the deadline of the draft it responds to, and whether it counts."""

    contribution: Contribution
    on_time: bool
    included: bool
    deadline: datetime | None = None


@record
class Settlement:
    """What the decisions make of the counted proposals: an outcome for every proposal of
    the round (by id), the collisions, and the proposals to apply with their credits."""

    outcomes: Mapping[str, Outcome]
    collisions: tuple[Collision, ...]
    applied: tuple[tuple[Understood, str], ...]


@record
class Review:
    """The round as submitted, read against the current draft (for listing and compiling).

    `items` holds every proposal of every contribution in canonical order (late ones
    too); `collisions` the possible collisions between included proposals as submitted;
    `outcomes` what `merge` would make of each proposal with the decisions as they stand.
    """

    current: Draft
    deadline: datetime | None
    entries: tuple[Entry, ...]
    items: tuple[Understood, ...]
    collisions: Mapping[str, tuple[str, ...]]
    decisions: Mapping[str, Decision]
    outcomes: Mapping[str, Outcome] = field(default_factory=dict)
    #: Contributions left out of a tolerant review, each with the error that stopped it.
    problems: tuple[tuple[Contribution, DraftkitError], ...] = ()

    def included(self, item: Understood) -> bool:
        return self.entry(item).included

    def entry(self, item: Understood) -> Entry:
        """The entry of the contribution `item` belongs to."""
        return next(e for e in self.entries if e.contribution is item.contribution)


def canonical(contributions: Iterable[Contribution]) -> list[Contribution]:
    """Contributions in a fixed order (submission instant, then delegation), whatever order they came in."""
    return sorted(contributions, key=lambda c: (c.submitted_at, c.delegation))


def entries(contributions: Iterable[Contribution], versions: Mapping[int, Draft], include_late: bool) -> list[Entry]:
    """Every contribution in canonical order, judged late by `Contribution.late` (the deadline
    of the draft it responds to); late ones are included only with `include_late`."""
    out = []
    for contribution in canonical(contributions):
        answered = versions.get(contribution.responds_to)
        on_time = not contribution.late(versions)
        out.append(Entry(contribution, on_time, on_time or include_late,
                         answered.meta.deadline if answered is not None else None))
    return out


def round_deadline(listed: Iterable[Entry]) -> datetime | None:
    """The deadline shown for a round: that of the latest draft version its contributions respond to."""
    latest = max(listed, key=lambda e: e.contribution.responds_to, default=None)
    return latest.deadline if latest is not None else None


def review(versions: Mapping[int, Draft], current: Draft, contributions: Iterable[Contribution],
           decisions: Iterable[Decision] = (), *, include_late: bool = False, tolerant: bool = False) -> Review:
    """Read every proposal as submitted against the current draft, find possible collisions,
    and settle the round with the decisions as they stand (nothing is applied).

    With `tolerant`, a contribution holding a proposal that cannot be read as written
    (quoted words not in the draft, an unknown paragraph) is left out and named in
    `problems`; decisions on its proposals are then not checked either."""
    contributions = list(contributions)
    drafts = Drafts(versions, current)
    items: list[Understood] = []
    problems: list[tuple[Contribution, DraftkitError]] = []
    for entry in entries(contributions, versions, include_late):
        try:
            understood = [understand(drafts, entry.contribution, p, len(items) + n)  # numbered as `settle` does
                          for n, p in enumerate(entry.contribution.proposals, start=1)]
        except DraftkitError as exc:
            if not tolerant:
                raise
            problems.append((entry.contribution, exc))
            continue
        items.extend(understood)
    if problems:
        left_out = {id(c) for c, _ in problems}
        kept = {p.id for c in contributions if id(c) not in left_out for p in c.proposals}
        contributions = [c for c in contributions if id(c) not in left_out]
        decisions = [d for d in decisions if d.proposal in kept and (d.into is None or d.into in kept)]
    decided = _decisions(decisions, contributions)
    listed = entries(contributions, versions, include_late)
    counted = [i for i, e in zip(items, _entry_of(items, listed)) if e.included]
    found = collisions([i for i in counted if i.blocked is None])
    settled = settle(drafts, listed, decided)
    return Review(current=current, deadline=round_deadline(listed), entries=tuple(listed), items=tuple(items),
                  collisions={k: tuple(v) for k, v in found.items()}, decisions=decided, outcomes=settled.outcomes,
                  problems=tuple(problems))


def merge(versions: Mapping[int, Draft], current: Draft, contributions: Iterable[Contribution],
          decisions: Iterable[Decision], *, day: date, include_late: bool = False, round_name: str | None = None,
          deadline: datetime | None = None, version: int | None = None, revision: int | None = None) -> MergeResult:
    """Return the next draft (`version`, default current + 1, dated `day`) and what became of every proposal.

    Accepted proposals are carried onto the current draft; those whose words the
    co-rapporteurs changed, or that touch the same words as another accepted proposal,
    are collisions: not applied, reported with both texts. Late contributions count only
    with `include_late`. The new draft records `merged: {round, from}` when `round_name`
    is given; its deadline is `deadline` (the next round's), never the current draft's.
    """
    contributions = list(contributions)
    decided = _decisions(decisions, contributions)
    drafts = Drafts(versions, current)
    listed = entries(contributions, versions, include_late)
    settled = settle(drafts, listed, decided)
    merged = MergedFrom(round_name, current.meta.version) if round_name else None
    # a document issued as Rev.N comes out of the merge as Rev.N+1
    meta = replace(current.meta, version=version or current.meta.version + 1, date=day, deadline=deadline,
                   merged=merged, revision=revision or (current.meta.revision + 1 if current.meta.revision else None))
    draft = apply(current, settled.applied, meta=meta)
    from draftkit.negotiation.merged import carried  # holders follow their brackets; translation sources

    draft = carried(current, draft)
    _check(draft)
    pending = tuple(Pending(item.id, item.label, lang) for item, _ in settled.applied for lang in item.pending)
    ordered = tuple(settled.outcomes[p.id] for e in listed for p in e.contribution.proposals)
    report = MergeReport(outcomes=ordered, collisions=settled.collisions,
                         late=tuple(e.contribution for e in listed if not e.included), pending=pending,
                         applied=tuple(item for item, _ in settled.applied))
    return MergeResult(draft=draft, report=report)


def settle(drafts: Drafts, listed: list[Entry], decided: Mapping[str, Decision]) -> Settlement:
    """Decide the fate of every proposal of `listed`: late, applied, collision, rejected,
    merged or undecided (exactly one each)."""
    outcomes: dict[str, Outcome] = {}
    candidates: list[Understood] = []
    others: list[Understood] = []
    order = 0
    for entry in listed:
        contribution = entry.contribution
        for proposal in contribution.proposals:
            order += 1
            if not entry.included:
                outcomes[proposal.id] = Outcome(proposal.id, contribution.delegation, Status.LATE,
                                                proposal.target or "", "", "submitted after the deadline")
                continue
            decision = decided.get(proposal.id)
            verdict = decision.verdict if decision else None
            revised = decision.text if verdict is Verdict.ACCEPT_REVISED else None
            item = understand(drafts, contribution, proposal, order, revised)
            (candidates if verdict in (Verdict.ACCEPT, Verdict.ACCEPT_REVISED) else others).append(item)
    credit = _credits(candidates, others, decided)
    found: list[Collision] = []
    clashes = collisions([c for c in candidates if c.blocked is None])
    applied: list[tuple[Understood, str]] = []
    by_id = {c.id: c for c in candidates}
    for item in candidates:
        if item.blocked is not None:
            found.append(Collision(item.id, None, item.label or item.seen_as, item.blocked.reason,
                                   describe(item), item.blocked.now))
            outcomes[item.id] = _outcome(item, Status.COLLISION, "with the co-rapporteurs' edits", ("co-rapporteurs",))
        elif item.id in clashes:
            for other in clashes[item.id]:
                found.append(Collision(item.id, other, item.label, "touches the same words",
                                       describe(item), describe(by_id[other])))
            outcomes[item.id] = _outcome(item, Status.COLLISION, "with " + ", ".join(clashes[item.id]),
                                         tuple(clashes[item.id]))
        else:
            applied.append((item, credit[item.id]))
            detail = "as revised" if decided[item.id].verdict is Verdict.ACCEPT_REVISED else ""
            outcomes[item.id] = _outcome(item, Status.APPLIED, detail)
    for item in others:
        decision = decided.get(item.id)
        if decision is None:
            outcomes[item.id] = _outcome(item, Status.UNDECIDED, "no decision")
        elif decision.verdict is Verdict.REJECT:
            outcomes[item.id] = _outcome(item, Status.REJECTED, decision.note)
        else:
            into = decided.get(decision.into or "")
            lost = into is None or into.verdict not in (Verdict.ACCEPT, Verdict.ACCEPT_REVISED)
            warning = (f" — warning: {decision.into} is {'rejected' if into else 'undecided'} or merged itself, "
                       "so nothing of this proposal is applied") if lost else ""
            outcomes[item.id] = _outcome(item, Status.MERGED, f"into {decision.into}{warning}")
    return Settlement(outcomes=outcomes, collisions=tuple(found), applied=tuple(applied))


def describe(item: Understood) -> str:
    """One line saying what a proposal does, in the words of the draft."""
    action = item.proposal.action.value
    if item.edits:
        return "; ".join(f"({e.spot.language}) " + (f"insert {e.new!r}" if not e.old else f"delete {e.old!r}"
                                                     if not e.new else f"{e.old!r} → {e.new!r}")
                         for e in item.edits)
    if item.new_paragraph is not None:
        text = next(iter(item.new_paragraph.text.values()), "")
        return f"new paragraph {item.label}: {text!r}"
    if item.new_subparagraph is not None:
        return f"new sub-paragraph in {item.label}: {next(iter(item.new_subparagraph.text.values()), '')!r}"
    if item.proposal.old_by_language:
        return "; ".join(f"({lang}) {old!r} → {item.proposal.new_by_language.get(lang, '')!r}"
                         for lang, old in item.proposal.old_by_language.items())
    where = f" {item.proposal.position.where} {item.proposal.position.reference or ''}" if item.proposal.position else ""
    return f"{action} {item.seen_as}{where}".strip()


def _outcome(item: Understood, status: Status, detail: str, collides_with: tuple[str, ...] = ()) -> Outcome:
    return Outcome(item.id, item.contribution.delegation, status, item.seen_as, item.label, detail, collides_with)


def _credits(candidates: list[Understood], others: list[Understood], decided: Mapping[str, Decision]) -> dict[str, str]:
    """Delegations credited for each accepted proposal: its own, then those merged into it."""
    credit = {c.id: [c.contribution.delegation] for c in candidates}
    for item in others:
        decision = decided.get(item.id)
        if decision is not None and decision.verdict is Verdict.MERGED and decision.into in credit:
            if item.contribution.delegation not in credit[decision.into]:
                credit[decision.into].append(item.contribution.delegation)
    return {k: ", ".join(v) for k, v in credit.items()}


def _decisions(decisions: Iterable[Decision], contributions: list[Contribution]) -> dict[str, Decision]:
    """The decisions by proposal; a `pending` one (a skeleton entry not decided yet) is no decision."""
    decided: dict[str, Decision] = {}
    for decision in decisions:
        if decision.proposal in decided:
            raise MergeError(f"proposal {decision.proposal} is decided twice", where=decision.location,
                             fix="keep one decision per proposal")
        decided[decision.proposal] = decision
    check_decisions(decided.values(), (p.id for c in contributions for p in c.proposals))
    return {k: d for k, d in decided.items() if d.verdict is not Verdict.PENDING}


def check_decisions(decisions: Iterable[Decision], known: Iterable[str]) -> None:
    """Raise unless every decision (and every `into`) names a proposal of the round."""
    ids = set(known)
    for decision in decisions:
        for name in (decision.proposal, decision.into):
            if name is not None and name not in ids:
                raise UnknownReference(
                    f"decision for unknown proposal {name!r}",
                    where=decision.location,
                    fix=did_you_mean(name, sorted(ids)) or "use a proposal id from the contribution files",
                )


def _entry_of(items: list[Understood], listed: list[Entry]) -> list[Entry]:
    by_contribution = {id(e.contribution): e for e in listed}
    return [by_contribution[id(i.contribution)] for i in items]


def _check(draft: Draft) -> None:
    """The merged draft must load again: ids unique, cross-references resolved."""
    try:
        check_ids(draft)
    except DraftkitError as exc:
        raise MergeError(f"the merged draft would be invalid: {exc.what}",
                         fix="reject or revise the proposal that removes a paragraph still referred to") from None
