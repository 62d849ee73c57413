"""Contribution and decision files (YAML) → `Contribution` and `Decision` values.

Knows the file formats (declared in loading/keys.py: `draftkit schema contribution|decisions`) and
checks what one file or one round can check alone; resolving targets against drafts is
the merge's job. Knows nothing of drafts' text, Word or the terminal.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any, Mapping

from draftkit.errors import DraftkitError, InputError, Location, MergeError, UnknownReference
from draftkit.loading.draft import read_paragraph
from draftkit.loading import keys
from draftkit.loading.fields import Fields, parse_moment, read_by_language
from draftkit.loading.project import Project
from draftkit.loading.yamlsource import MAX_DIGITS, load_yaml, read_text
from draftkit.model import (
    Contribution,
    Decision,
    Draft,
    Kind,
    Position,
    Proposal,
    ProposalAction,
    ProposalId,
    SubParagraph,
    Verdict,
)
from draftkit.records import record

ACTIONS = [a.value for a in ProposalAction]
VERDICTS = [v.value for v in Verdict]
KINDS = [k.value for k in Kind]
_PUNCTUATION_FIRST = tuple(",.;:)]»”")

#: Actions that name an existing paragraph (or sub-paragraph) in `target`.
TARGETED = {a for a in ProposalAction if a is not ProposalAction.NEW_PARAGRAPH}


@record
class Unreadable:
    """A contribution file that could not be read, and the one-line error that says why."""

    path: Path
    error: DraftkitError

    def __str__(self) -> str:
        return self.error.message


@record
class Round:
    """All contributions of one round (one folder), in file order, and where they came from."""

    folder: Path
    contributions: tuple[Contribution, ...]
    responds_at: tuple[Location, ...] = ()  # where each contribution's 'responds_to' is written
    problems: tuple[Unreadable, ...] = ()  # files left out of a tolerant load (see `load_round`)

    @property
    def name(self) -> str:
        return self.folder.name

    def proposals(self) -> dict[ProposalId, tuple[Contribution, Proposal]]:
        """Every proposal of the round by id."""
        return {p.id: (c, p) for c in self.contributions for p in c.proposals}


def round_folders(contributions: Path) -> list[Path]:
    """Return the round folders under `contributions/`, the latest last: round-<n> by number
    (round-9 before round-10); folders not named round-<n> (round-x, spring) come first,
    in natural order, so they are never taken as the latest round (give them with
    --contributions).

    Raises when a contribution file lies loose in `contributions/` itself: every file
    belongs to a round, whose decisions are `decisions/<round>.yaml`.
    """
    if not contributions.is_dir():
        return []
    loose = _yaml_files(contributions)
    if loose:
        raise InputError(
            "a contribution file outside a round folder", where=loose[0],
            fix=f"move it into a round folder, e.g. {contributions.name}/{next_round_name(contributions)}/",
        )
    return sorted((d for d in contributions.iterdir() if d.is_dir() and _yaml_files(d)), key=lambda d: _round_order(d.name))


def next_round_name(contributions: Path) -> str:
    """The name of a new round after the existing ones: round-<n+1> (round-1 when there is
    none) — or the latest round-<n> itself while it holds no contribution yet, so an
    emptied folder is filled again rather than skipped."""
    numbered = {int(m.group(1)): d for d in (contributions.iterdir() if contributions.is_dir() else ())
                if d.is_dir() and (m := re.fullmatch(r"round-(\d+)", d.name))}
    latest = max(numbered, default=0)
    if latest and not _yaml_files(numbered[latest]):
        return f"round-{latest}"
    return f"round-{latest + 1}"


@record
class Response:
    """A contribution file and the draft version it responds to, read without loading it."""

    round: str
    path: Path
    responds_to: int


def responses(contributions: Path) -> tuple[Response, ...]:
    """Every contribution file of every round with its `responds_to` (files that do not say
    are left out: loading them reports the problem). Cheap: one line per file is read."""
    found = []
    for folder in (d for d in sorted(contributions.iterdir()) if d.is_dir()) if contributions.is_dir() else ():
        for path in _yaml_files(folder):
            version = _peek_responds_to(path)
            if version is not None:
                found.append(Response(folder.name, path, version))
    return tuple(found)


def _peek_responds_to(path: Path) -> int | None:
    try:
        text = read_text(path)
    except InputError:  # loading it reports the problem with the file's name
        return None
    match = re.search(r"^responds_to:\s*['\"]?([0-9]+)", text, re.MULTILINE)
    if match is None or len(match.group(1)) > MAX_DIGITS:
        return None  # loading the file says what is wrong (int() refuses 4,300 digits and more)
    return int(match.group(1))


def load_round(folder: Path, *, tolerant: bool = False) -> Round:
    """Load every `*.yaml` contribution of a round; proposal ids must be unique across it.

    `tolerant` (for listings: `contributions`, `status`, `decide`): a file that cannot be
    read, or that reuses another file's proposal id, is left out and named in `problems`
    instead of stopping the whole round.
    """
    loaded: list[tuple[Contribution, Location]] = []
    problems: list[Unreadable] = []
    seen: dict[str, Proposal] = {}
    for path in _yaml_files(folder):
        try:
            contribution, at = _read_contribution(path)
            for proposal in contribution.proposals:
                if proposal.id in seen:
                    raise InputError(
                        f"proposal id {proposal.id!r} is used twice (also at {seen[proposal.id].location})",
                        where=proposal.location,
                        fix="give each proposal of the round its own id, e.g. FRA-1, FRA-2",
                    )
        except DraftkitError as exc:
            if not tolerant:
                raise
            problems.append(Unreadable(path, exc))
            continue
        seen.update((p.id, p) for p in contribution.proposals)
        loaded.append((contribution, at))
    return Round(folder=folder, contributions=tuple(c for c, _ in loaded), responds_at=tuple(at for _, at in loaded),
                 problems=tuple(problems))


def load_contribution(path: Path, text: str | None = None) -> Contribution:
    """Load one delegation's contribution file (or `text`, read as that file)."""
    return _read_contribution(path, text)[0]


def _read_contribution(path: Path, text: str | None = None) -> tuple[Contribution, Location]:
    data = load_yaml(path, text)
    fields = Fields(data, Location(path, 1, 1), f"contribution {path.name}", keys.CONTRIBUTION)
    delegation = fields.text("delegation") or ""
    submitted = fields.text("submitted_at")
    assert submitted is not None
    submitted_at = parse_moment(submitted, fields.where("submitted_at"), "'submitted_at'")
    responds_to = fields.integer("responds_to")
    assert responds_to is not None
    if responds_to < 1:
        raise InputError("'responds_to' must be a draft version (1 or more)", where=fields.where("responds_to"))
    language = _language(fields, "language")
    proposals = tuple(read_proposal(item, where, language) for item, where in fields.items("proposals"))
    fields.finish()
    if not proposals:
        raise InputError(f"contribution of {delegation} has no proposals", where=fields.location,
                         fix="add 'proposals:' with at least one '- id: …' entry")
    return Contribution(delegation=delegation, submitted_at=submitted_at, responds_to=responds_to,
                        proposals=proposals, language=language, path=path), fields.where("responds_to")


class _Problems:
    """Every problem of one proposal, so that one error names them all (writing a proposal
    by hand should not take a round trip per mistake)."""

    def __init__(self) -> None:
        self.found: list[InputError] = []

    def attempt(self, read: Any, default: Any = None) -> Any:
        try:
            return read()
        except InputError as error:
            self.found.append(error)
            return default

    def raise_any(self, what: str, where: Location) -> None:
        if len(self.found) == 1:
            raise self.found[0]
        if self.found:
            listed = "; ".join(e.what.removeprefix(f"{what} ") + (f" ({e.fix})" if e.fix else "") for e in self.found)
            raise InputError(f"{what} has {len(self.found)} problems: {listed}", where=where,
                             fix="fix them all, then run the command again")


def read_proposal(item: Any, where: Location, language: str | None) -> Proposal:
    """One entry of `proposals:`; text amendments are normalized to per-language old/new.
    Every problem of the entry is reported at once, in one `InputError`."""
    problems = _Problems()
    fields = Fields(item, where, "proposal", keys.PROPOSAL)
    proposal_id = problems.attempt(lambda: fields.text("id"), "") or ""
    fields.what = f"proposal {proposal_id}" if proposal_id else "proposal"
    action_name = problems.attempt(lambda: fields.choice("action", ACTIONS))
    action = ProposalAction(action_name) if action_name else None
    language = problems.attempt(lambda: _language(fields, "language")) or language
    justification = problems.attempt(lambda: fields.text("justification", required=False, default="")) or ""
    target = problems.attempt(lambda: fields.text("target", required=action in TARGETED))
    head = Proposal(id=ProposalId(proposal_id), action=action or ProposalAction.DELETE_PARAGRAPH,
                    justification=justification, target=target, language=language, location=where)
    proposal = head
    if action is ProposalAction.AMEND_TEXT:
        proposal = problems.attempt(lambda: _amendment(fields, head, language), head)
    elif action is ProposalAction.REPLACE_TEXT:
        proposal = replace(head, new_by_language=problems.attempt(
            lambda: _per_language(fields, "text", language, required=True), {}))
    elif action is ProposalAction.NEW_PARAGRAPH:
        position = problems.attempt(lambda: _position(fields, required=True))
        paragraph = _new_paragraph(fields, proposal_id, language, problems)
        proposal = replace(head, position=position, paragraph=paragraph)
    elif action is ProposalAction.MOVE_PARAGRAPH:
        proposal = replace(head, position=problems.attempt(lambda: _position(fields, required=True)))
    elif action is ProposalAction.ADD_SUBPARAGRAPH:
        text = problems.attempt(lambda: _per_language(fields, "text", language, required=True), {})
        new_id = problems.attempt(lambda: fields.text("new_id", required=False)) or ""
        sub = SubParagraph(id=new_id, text=text, location=where)
        proposal = replace(head, position=problems.attempt(lambda: _position(fields, required=False)), subparagraph=sub)
    problems.attempt(fields.finish)
    problems.raise_any(fields.what, where)
    return proposal


def _amendment(fields: Fields, head: Proposal, language: str | None) -> Proposal:
    """old/new (or after/before + new) → per-language old/new; anchors become part of `old`."""
    old = _per_language(fields, "old", language)
    new = _per_language(fields, "new", language)
    after = _per_language(fields, "after", language)
    before = _per_language(fields, "before", language)
    where = fields.location
    pid = head.id
    if not old and not new:
        raise InputError(f"proposal {pid}: amend-text gives no text", where=where,
                         fix="give 'old:' (the words as in the draft) and 'new:' (what they become)")
    olds: dict[str, str] = {}
    news: dict[str, str] = {}
    for lang in sorted(set(old) | set(new) | set(after) | set(before)):
        o, n = old.get(lang, ""), new.get(lang, "")
        if not o:
            if not (after.get(lang) or before.get(lang)):
                raise InputError(f"proposal {pid}: nothing says where to insert {n!r} ({lang})", where=where,
                                 fix="quote the words it follows with 'after:' (or precedes with 'before:'), or use 'old:'")
            if not n:
                raise InputError(f"proposal {pid}: empty text ({lang})", where=where, fix="give 'new:'")
            o = " ".join(x for x in (after.get(lang, ""), before.get(lang, "")) if x)
            n = _join(_join(after.get(lang, ""), n), before.get(lang, ""))
        elif after.get(lang) or before.get(lang):
            raise InputError(f"proposal {pid}: give either 'old:' or 'after:'/'before:', not both", where=where)
        if o == n:
            raise InputError(f"proposal {pid}: 'new' is the same as 'old' ({lang}), so it changes nothing",
                             where=where, fix="check the quoted words")
        olds[lang], news[lang] = o, n
    single = next(iter(olds)) if len(olds) == 1 else None
    return replace(
        head,
        language=single or head.language,
        old=olds[single] if single else None,
        new=news[single] if single else None,
        anchor_after=after.get(single) if single else None,
        anchor_before=before.get(single) if single else None,
        old_by_language=olds,
        new_by_language=news,
    )


def _join(left: str, right: str) -> str:
    """Join two fragments with a space, except before punctuation."""
    if not left or not right:
        return left or right
    return left + ("" if right.startswith(_PUNCTUATION_FIRST) else " ") + right


def _position(fields: Fields, *, required: bool) -> Position | None:
    """`position: end`, `position: {after: OP3}` or `position: {before: OP3}`."""
    value = fields.raw("position")
    where = fields.where("position")
    if value is None:
        if required:
            raise InputError(f"{fields.what} has no 'position'", where=fields.location,
                             fix="add 'position: {after: OP3}', 'position: {before: PP2}' or 'position: end'")
        return None
    if value in ("end", "at-end"):
        return Position("at-end")
    if isinstance(value, dict) and len(value) == 1:
        section = Fields(value, where, f"'position' of {fields.what}", keys.POSITION)
        for side in ("after", "before"):
            reference = section.raw(side)
            if isinstance(reference, (str, int)) and not isinstance(reference, bool):
                return Position(side, str(reference))
    raise InputError(f"'position' of {fields.what} must be 'end', '{{after: REF}}' or '{{before: REF}}'", where=where,
                     fix="e.g. 'position: {after: OP3}'")


def _new_paragraph(fields: Fields, proposal_id: str, language: str | None, problems: _Problems) -> Any:
    """`paragraph: {kind: operative, id: …, opening: …, text: …}`: read like an inline draft
    paragraph. `opening` and `text` take the shapes `old`/`new` take: a plain string is in
    the contribution's language. With no `id`, it carries `provisional_id` until merge names
    it from its words."""
    section = problems.attempt(lambda: fields.mapping("paragraph", "new paragraph", required=True))
    if section is None:
        return None
    kind_name = problems.attempt(lambda: section.choice("kind", KINDS))
    data = {k: v for k, v in section.data.items() if k != "kind"}
    for key in ("opening", "text"):
        value = data.get(key)
        if isinstance(value, str):
            if language is None:
                problems.found.append(InputError(
                    f"{key!r} of the new paragraph of {fields.what} does not say its language",
                    where=section.where(key), fix=f"write '{key}: {{en: …}}' or add 'language: en' to the contribution"))
                data.pop(key)
            else:
                data[key] = {language: value}
    if "id" not in data:
        data["id"] = provisional_id(proposal_id)
    return problems.attempt(lambda: read_paragraph(_relocated(section.data, data), section.location,
                                                   Kind(kind_name or "operative"), None, keys.NEW_PARAGRAPH))


def provisional_id(proposal_id: str) -> str:
    """The id a new paragraph without one carries until merge names it from its words
    (FRA-2 → 'fra-2'): the rounds, the compilation and `decide` know it by this."""
    return re.sub(r"[^a-z0-9]+", "-", proposal_id.lower()).strip("-") or "new"


def _relocated(source: Any, data: dict) -> Any:
    """A copy of a located mapping without some keys, keeping the locations."""
    copy = type(source)(data)
    for attr in ("location", "key_locations"):
        if hasattr(source, attr):
            setattr(copy, attr, getattr(source, attr))
    return copy


def _language(fields: Fields, key: str) -> str | None:
    value = fields.text(key, required=False)
    if value is not None:
        read_by_language({value: "x"}, fields.where(key), f"{key!r} of {fields.what}")
    return value


def _per_language(fields: Fields, key: str, language: str | None, *, required: bool = False) -> dict[str, str]:
    """Text in one language (a plain string, in `language`) or per language (`{en: …, fr: …}`)."""
    if not fields.has(key) or fields.raw(key) is None:
        if required:
            raise InputError(f"{fields.what} has no {key!r}", where=fields.location, fix=f"add '{key}: {{en: …}}'")
        return {}
    value = fields.raw(key)
    if isinstance(value, dict):
        out = read_by_language(value, fields.where(key), f"{key!r} of {fields.what}")
    else:
        text = fields.text(key) or ""
        if language is None:
            raise InputError(f"{key!r} of {fields.what} does not say its language", where=fields.where(key),
                             fix=f"write '{key}: {{en: …}}' or add 'language: en' to the contribution")
        out = {language: text.strip()} if text.strip() else {}
    if required and not out:
        raise InputError(f"{key!r} of {fields.what} is empty", where=fields.where(key), fix="give the text")
    return out


# --- decisions -------------------------------------------------------------------------


def load_decisions(path: Path, text: str | None = None) -> tuple[Decision, ...]:
    """Load a decisions file: a list (or `decisions:` list) of `{proposal, decision, …}`
    (`text`, when given, is read instead of the file)."""
    data = load_yaml(path, text)
    where = Location(path, 1, 1)
    if isinstance(data, dict):
        fields = Fields(data, where, f"decisions file {path.name}", keys.DECISIONS)
        items = list(fields.items("decisions"))
        fields.text("round", required=False)
        fields.finish()
    elif isinstance(data, list):
        items = [(item, data.where(i) if hasattr(data, "where") else where) for i, item in enumerate(data)]
    elif data is None:
        items = []
    else:
        raise InputError("a decisions file is a list of '- proposal: … decision: …' entries", where=where)
    decisions: dict[str, Decision] = {}
    for item, at in items:
        decision = read_decision(item, at)
        if decision.proposal in decisions:
            first = decisions[decision.proposal]
            raise MergeError(
                f"proposal {decision.proposal} is decided twice ({first.verdict.value} at line "
                f"{first.location.line if first.location else '?'}, {decision.verdict.value} here)",
                where=at,
                fix="keep one decision per proposal",
            )
        decisions[decision.proposal] = decision
    return tuple(decisions.values())


def read_decision(item: Any, where: Location) -> Decision:
    fields = Fields(item, where, "decision", keys.DECISION)
    proposal = fields.text("proposal") or ""
    fields.what = f"decision on {proposal}"
    verdict = Verdict(fields.choice("decision", VERDICTS))
    text = fields.by_language("text", required=False)
    into = fields.text("into", required=False)
    note = fields.text("note", required=False, default="") or ""
    fields.finish()
    if verdict is Verdict.ACCEPT_REVISED and not text:
        raise InputError(f"decision on {proposal}: accept-revised needs the revised 'text'", where=where,
                         fix="add 'text: {en: …}'")
    if verdict is not Verdict.ACCEPT_REVISED and text:
        raise InputError(f"decision on {proposal}: 'text' only goes with accept-revised", where=fields.where("text"))
    if verdict is Verdict.MERGED and not into:
        raise InputError(f"decision on {proposal}: merged needs 'into: PROPOSAL-ID'", where=where)
    if verdict is not Verdict.MERGED and into:
        raise InputError(f"decision on {proposal}: 'into' only goes with merged", where=fields.where("into"))
    if into == proposal:
        raise MergeError(f"decision on {proposal}: merged into itself", where=fields.where("into"))
    return Decision(proposal=ProposalId(proposal), verdict=verdict, text=text,
                    into=ProposalId(into) if into else None, note=note, location=where)


def _yaml_files(folder: Path) -> list[Path]:
    # Not only regular files: a pipe, a device or a broken link named like a contribution is
    # reported by the loader (read_input), never silently left out of the round.
    return sorted((p for p in folder.glob("*.y*ml") if not p.is_dir()), key=lambda p: _natural(p.name))


def _round_order(name: str) -> tuple:
    numbered = re.fullmatch(r"round-(\d+)", name)
    return (1, int(numbered.group(1)), []) if numbered else (0, 0, _natural(name))


def _natural(name: str) -> list:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


# --- a project's round -----------------------------------------------------------------


@record
class RoundBase:
    """Which draft a round is read against: `current`, the version `draftkit merge` made
    the round's merge from (the latest version when the round is not merged yet).
    `merged` is the draft file that merge wrote, `merged_version` its version, and `later`
    the versions written after it (a merge can be redone only while `later` is empty)."""

    current: int
    merged: Path | None = None
    merged_version: int | None = None
    later: tuple[int, ...] = ()


def round_base(project: Project, round_name: str) -> RoundBase:
    """The one rule for the current draft of round `round_name` (contributions, compile,
    status and merge all use it): the version the round was merged from when a draft is
    the merge of this round (the latest such draft), else the latest version."""
    for version in reversed(project.versions()):
        path = project.draft_files[version]
        if not _peek_merged(path):  # only a draft that says 'merged:' is worth loading
            continue
        merged = project.draft(version).meta.merged
        if merged is not None and merged.round == round_name and merged.source in project.draft_files:
            later = tuple(v for v in project.versions() if v > version)
            return RoundBase(current=merged.source, merged=path, merged_version=version, later=later)
    return RoundBase(current=project.latest_version())


def _peek_merged(path: Path) -> bool:
    """Whether the draft file has a top-level 'merged:' line (what `draftkit merge` writes)."""
    try:
        return any(line.startswith("merged:") for line in read_text(path).lstrip("\ufeff").splitlines())
    except InputError:
        return True  # loading it reports the problem with the file's name



def decisions_file(folder: Path, round_name: str) -> Path | None:
    """`decisions/<round>.yaml` (or .yml), |None| when the round has none yet: another
    round's decisions never stand in for it."""
    # Anything of that name but a folder (a pipe, a broken link) is the file, reported by its loader.
    return next((p for p in (folder / f"{round_name}.yaml", folder / f"{round_name}.yml")
                 if (p.exists() or p.is_symlink()) and not p.is_dir()), None)


@record
class RoundInputs:
    """Everything a round needs from a project: the drafts it responds to and the current
    one by version, the round, its decisions and where they were read."""

    versions: Mapping[int, Draft]
    current: Draft
    base: RoundBase
    round: Round
    decisions: tuple[Decision, ...]
    decisions_file: Path | None
    draft_files: tuple[Path, ...]

    @property
    def problems(self) -> tuple[Unreadable, ...]:
        """Contribution files left out because they could not be read (a tolerant open)."""
        return self.round.problems

    def inputs(self) -> list[Path]:
        """Every file read, so outputs never overwrite one (the merged draft a
        `merge --replace` redoes is the caller's to allow)."""
        files = [*self.draft_files, *(c.path for c in self.round.contributions if c.path)]
        return files + ([self.decisions_file] if self.decisions_file else [])


def open_round(project: Project, contributions: Path | None = None, decisions: Path | None = None, *,
               need_decisions: bool = False, tolerant: bool = False, with_decisions: bool = True) -> RoundInputs:
    """Load a project's round: `contributions` (a round folder; default: the latest round
    under `contributions/`), its decisions (default: `decisions/<round>.yaml`; none read
    without `with_decisions`), the drafts the contributions respond to and the round's
    current draft (`round_base`). With `tolerant`, a contribution file that cannot be read,
    or that answers a draft version there is not, is left out and named in `problems`."""
    root = project.config.contributions
    chosen = contributions if contributions is not None and contributions.resolve() != root.resolve() else None
    if chosen is None:
        folders = round_folders(root)
        if not folders:
            raise InputError("no contribution files", where=root,
                             fix="put one YAML file per delegation in a round folder, e.g. contributions/round-1/")
        chosen = folders[-1]
    elif not chosen.is_dir() or not _yaml_files(chosen):
        raise InputError("no contribution files (*.yaml) in this round folder", where=chosen,
                         fix="give the folder of one round, e.g. contributions/round-1")
    round_ = load_round(chosen, tolerant=tolerant)
    found = decisions or decisions_file(project.config.decisions, round_.name) if with_decisions else None
    if found is None and need_decisions:
        raise InputError(
            f"no decisions file for {round_.name}", where=project.config.decisions / f"{round_.name}.yaml",
            fix="write the co-rapporteurs' decisions there, or pass --decisions FILE",
        )
    decided = load_decisions(found) if found else ()
    answering: list[tuple[Contribution, Location]] = []
    problems = list(round_.problems)
    for contribution, at in zip(round_.contributions, round_.responds_at):
        if contribution.responds_to not in project.draft_files:
            error = UnknownReference(
                f"responds_to {contribution.responds_to}: there is no draft version {contribution.responds_to}",
                where=at,
                fix=f"draft versions: {', '.join(map(str, project.draft_files))}",
            )
            if not tolerant:
                raise error
            problems.append(Unreadable(at.file, error))
            continue
        answering.append((contribution, at))
    round_ = replace(round_, contributions=tuple(c for c, _ in answering), responds_at=tuple(a for _, a in answering),
                     problems=tuple(problems))
    base = round_base(project, round_.name)
    wanted = {base.current} | {c.responds_to for c in round_.contributions}
    versions = {v: project.draft(v) for v in sorted(wanted)}
    return RoundInputs(versions=versions, current=versions[base.current], base=base, round=round_,
                       decisions=decided, decisions_file=found, draft_files=tuple(project.draft_files.values()))
