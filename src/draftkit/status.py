"""The data of `draftkit status`: where a project stands on deadline day, as one `Status`.

Reads the project (latest draft, checks, contributions, decisions); never prints.
"Now" and the user's time zone are parameters, so the clock is testable.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

from draftkit.check import counts, run_checks
from draftkit.errors import DraftkitError
from draftkit.instants import in_zone, local
from draftkit.loading import Project, missing_translations, open_draft
from draftkit.loading.contributions import decisions_file, load_decisions, open_round, round_folders
from draftkit.merge.round import Review, review
from draftkit.model import Draft, Kind, Verdict
from draftkit.model import Standing as Stand
from draftkit.negotiation.brackets import paragraph_texts
from draftkit.records import record


@record
class LanguageStatus:
    """How complete one language of the draft is; `missing` as `missing_translations` names them."""

    language: str
    paragraphs: int
    missing: tuple[str, ...]
    #: A translation provided for information beside the authentic texts (`authentic:`).
    provided: bool = False


@record
class Deadline:
    """The contributions deadline: in the draft's zone, in the user's, and the time left
    (negative once closed)."""

    at: datetime
    local: datetime
    left: timedelta

    @property
    def closed(self) -> bool:
        return self.left <= timedelta(0)


@record
class ContributionStatus:
    """The latest round of contributions: who sent one, who was late, what is undecided
    (proposals of on-time contributions with no decision; late ones are counted apart)."""

    round: str
    responds_to: tuple[int, ...]
    delegations: tuple[str, ...]
    late: tuple[str, ...]
    proposals: int
    undecided: tuple[str, ...]
    late_proposals: int = 0
    #: Proposals on time that touch the same words, as groups ("co-rapporteurs": their own edits since).
    overlaps: tuple[tuple[str, ...], ...] = ()


@record
class Standing:
    """Where the paragraphs stand in negotiation: how many are agreed, agreed ad ref, open
    or not marked, and how many still hold bracketed words."""

    agreed: int
    ad_ref: int
    open: int
    unmarked: int
    bracketed: int


@record
class Status:
    """Everything `draftkit status` shows. `problems` are files that could not be read
    (the rest of the status is still right); `findings` counts check findings by severity."""

    name: str
    root: Path
    draft_path: Path
    version: int
    date: date
    versions: tuple[int, ...]
    paragraphs: tuple[tuple[Kind, int], ...]
    languages: tuple[LanguageStatus, ...]
    findings: tuple[tuple[str, int], ...]
    deadline: Deadline | None
    contributions: ContributionStatus | None
    problems: tuple[str, ...] = ()
    standing: Standing | None = None
    #: (language, item label) of every translation made from a source text that has changed since.
    stale: tuple[tuple[str, str], ...] = ()


def project_status(target: Path, *, now: datetime | None = None, local_zone: tzinfo | None = None) -> Status:
    """Return the status of the project (or draft file) at `target`, as of `now` (default: the clock)."""
    project, draft = open_draft(target)
    moment = now or datetime.now().astimezone()
    problems: list[str] = []
    findings = counts(run_checks(draft, project_config=project.config))
    from draftkit.negotiation.translations import stale

    outdated = stale(draft)
    if outdated:  # item by item: the earlier versions say which texts changed
        outdated = stale(draft, [project.draft(v) for v in project.versions() if v < draft.meta.version])
    contributions = None
    try:
        contributions = contribution_status(project, problems)
    except DraftkitError as exc:
        # One broken contribution file must not hide the draft's status on deadline day.
        problems.append(exc.message)
    return Status(
        name=project.config.name or project.root.name,
        root=project.root,
        draft_path=draft.path or target,
        version=draft.meta.version,
        date=draft.meta.date,
        versions=tuple(project.versions()),
        paragraphs=((Kind.PREAMBULAR, len(draft.preambular)), (Kind.OPERATIVE, len(draft.operative))),
        languages=tuple(_language(draft, lang) for lang in draft.meta.languages),
        findings=tuple(findings.items()),
        deadline=deadline(draft, moment, local_zone, problems),
        contributions=contributions,
        problems=tuple(problems),
        standing=standing(draft),
        stale=tuple(sorted({(s.language, s.item.label) for s in outdated}, key=lambda x: (x[0], _order(draft, x[1])))),
    )


def _order(draft: Draft, label: str) -> int:
    labels = list(draft.labels().values())
    head = label.split("(")[0].split(" ")[0]
    return labels.index(head) if head in labels else len(labels)


def standing(draft: Draft) -> Standing:
    """Count the paragraphs by standing, and those still holding brackets."""
    from draftkit.negotiation.brackets import bracketed

    marks = [p.status for p in draft.paragraphs()]
    held = sum(1 for p in draft.paragraphs() if any(bracketed(t) for lang in p.text for t in paragraph_texts(p, lang)))
    return Standing(agreed=marks.count(Stand.AGREED), ad_ref=marks.count(Stand.AGREED_AD_REF),
                    open=marks.count(Stand.OPEN), unmarked=marks.count(None), bracketed=held)


def deadline(draft: Draft, now: datetime, local_zone: tzinfo | None, problems: list[str]) -> Deadline | None:
    """Return the draft's deadline seen from `now`, |None| when the draft sets none.

    (The loader has already refused an unknown `timezone:`.)
    """
    at = draft.meta.deadline
    if at is None:
        return None
    at = in_zone(at, draft.meta.timezone)
    return Deadline(at=at, local=local(at, local_zone), left=at - now)


def contribution_status(project: Project, problems: list[str] | None = None) -> ContributionStatus | None:
    """Return the latest round's counts, |None| when the project has no round yet.

    Lateness and undecided proposals follow the rules `draftkit merge` applies: late means
    after the deadline of the draft responded to; a late proposal is late, not undecided.
    Overlaps are those `contributions` and `compile` show, before any decision. A
    contribution file that cannot be read is left out and named in `problems`.
    """
    folders = round_folders(project.config.contributions)
    if not folders:
        return None
    loaded = open_round(project, tolerant=True, with_decisions=False)
    round_ = loaded.round
    result = review(loaded.versions, loaded.current, round_.contributions, tolerant=True)
    if problems is not None:
        problems.extend(str(u) for u in loaded.problems)
        problems.extend(exc.message for _, exc in result.problems)
    listed = result.entries
    found = decisions_file(project.config.decisions, round_.name)
    decided = {d.proposal for d in load_decisions(found) if d.verdict is not Verdict.PENDING} if found else set()
    counted = [p.id for e in listed if e.included for p in e.contribution.proposals]
    return ContributionStatus(
        round=round_.name,
        responds_to=tuple(sorted({c.responds_to for c in round_.contributions})),
        delegations=tuple(c.delegation for c in round_.contributions),
        late=tuple(e.contribution.delegation for e in listed if not e.on_time),
        proposals=len(round_.proposals()),
        undecided=tuple(p for p in counted if p not in decided),
        late_proposals=sum(len(e.contribution.proposals) for e in listed if not e.included),
        overlaps=overlap_groups(result),
    )


def overlap_groups(result: Review) -> tuple[tuple[str, ...], ...]:
    """The proposals that touch the same words, as connected groups in round order; a
    proposal whose words the co-rapporteurs changed since forms a group with "co-rapporteurs"."""
    order = [i.id for i in result.items if result.included(i)]
    seen: set[str] = set()
    groups: list[tuple[str, ...]] = []
    for start in order:
        if start in seen or start not in result.collisions:
            continue
        group, stack = [], [start]
        while stack:
            pid = stack.pop()
            if pid in seen:
                continue
            seen.add(pid)
            group.append(pid)
            stack.extend(result.collisions.get(pid, ()))
        groups.append(tuple(sorted(group, key=order.index)))
    groups += [(i.id, "co-rapporteurs") for i in result.items if result.included(i) and i.blocked is not None]
    return tuple(groups)


def time_left(left: timedelta) -> str:
    """Return '2 days 5 hours left', '40 minutes left' or 'closed 3 days ago'."""
    seconds = abs(int(left.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days and left <= timedelta(0):
        parts = [(days, "day")]  # once closed, hours no longer matter
    elif days:
        parts = [(days, "day"), (hours, "hour")]
    else:
        parts = [(hours, "hour"), (minutes, "minute")]
    shown = " ".join(f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n) or "less than a minute"
    return f"{shown} left" if left > timedelta(0) else f"closed {shown} ago"


def _language(draft: Draft, language: str) -> LanguageStatus:
    present = sum(1 for p in draft.paragraphs() if language in p.text)
    return LanguageStatus(language, present, tuple(missing_translations(draft, language)),
                          provided=not draft.meta.is_authentic(language))
