"""A project's round of contributions on disk: list it, merge it into the next draft file
(or redo that merge), write its compilation. Files in, files out; the rules are in
`draftkit.merge` and `draftkit.compilation`. Never prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable

from draftkit.errors import DraftkitError, Location, MergeError, UsageError
from draftkit.files import STDOUT
from draftkit.instants import in_zone
from draftkit.loading.contributions import RoundInputs, next_round_name, open_round, round_folders
from draftkit.loading.project import Project
from draftkit.merge import MergeResult, Review, merge, review

#: `-o -`: standard output


@dataclass(frozen=True)
class ProposalRow:
    """One proposal as `draftkit contributions` lists it."""

    id: str
    action: str
    seen_as: str
    target: str
    collides_with: tuple[str, ...]
    decision: str | None
    status: str


@dataclass(frozen=True)
class ContributionRow:
    """One contribution as `draftkit contributions` lists it; `submitted` and `deadline`
    are in the draft's time zone."""

    delegation: str
    file: str
    submitted: datetime | None
    deadline: datetime | None
    on_time: bool
    included: bool
    responds_to: int | None
    proposals: tuple[ProposalRow, ...]
    error: str = ""  # the file could not be read (or a proposal of it understood): it is left out


@dataclass(frozen=True)
class Listing:
    """The round as listed: its name, the current draft, its deadline, one row per contribution."""

    round: str
    version: int
    deadline: datetime | None
    timezone: str | None
    rows: tuple[ContributionRow, ...]
    terminology: tuple[TermWarning, ...] = ()

    @property
    def errors(self) -> tuple[ContributionRow, ...]:
        """The rows of files left out because they could not be read."""
        return tuple(r for r in self.rows if r.error)

    def as_json(self) -> dict[str, Any]:
        """Return plain data for `--format json`: instants in ISO 8601 with their offset."""
        return {
            "round": self.round,
            "draft": self.version,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "contributions": [{
                "delegation": r.delegation, "file": r.file, "submitted": r.submitted.isoformat() if r.submitted else None,
                "deadline": r.deadline.isoformat() if r.deadline else None, "on_time": r.on_time,
                "included": r.included, "responds_to": r.responds_to, "error": r.error or None,
                "proposals": [{"id": p.id, "action": p.action, "seen_as": p.seen_as, "target": p.target,
                               "collides_with": list(p.collides_with), "decision": p.decision, "status": p.status}
                              for p in r.proposals],
            } for r in self.rows],
            "terminology": [{"proposal": w.proposal, "delegation": w.delegation, "language": w.language,
                             "term": w.term, "prefer": w.prefer} for w in self.terminology],
        }


@dataclass(frozen=True)
class TermWarning:
    """A discouraged term in words a proposal brings (a warning, never a refusal)."""

    proposal: str
    delegation: str
    language: str
    term: str
    prefer: str

    def line(self) -> str:
        return f"{self.proposal} ({self.delegation}, {self.language}): {self.term!r} → use {self.prefer!r}"


def term_warnings(project: Project, texts: Iterable[tuple[str, str, str, str]]) -> tuple[TermWarning, ...]:
    """Return the terminology warnings on (proposal, delegation, language, proposed text),
    with the project's own terminology file added to the built-in rules."""
    from draftkit.check import check_text_terminology
    from draftkit.check.rules import project_terminology

    terms = project_terminology(project.config.terminology)
    found = [TermWarning(p, d, lang, hit.term, hit.prefer) for p, d, lang, text in texts if text
             for hit in check_text_terminology(text, lang, terms)]
    return tuple(dict.fromkeys(found))


def proposed_texts(items: Iterable[Any]) -> list[tuple[str, str, str, str]]:
    """(proposal, delegation, language, text) for the words each understood proposal brings."""
    out = []
    for item in items:
        who = (item.id, item.contribution.delegation)
        out += [(*who, e.spot.language, e.new) for e in item.edits]
        for made in (item.new_paragraph, item.new_subparagraph):
            if made is not None:
                out += [(*who, lang, text) for lang, text in made.text.items()]
    return out


def review_round(project: Project, contributions: Path | None = None, decisions: Path | None = None, *,
                 include_late: bool = False, tolerant: bool = False) -> tuple[RoundInputs, Review]:
    """Open the project's round and read it against its current draft (`round_base`);
    `tolerant` leaves out (and names) the contribution files that cannot be read."""
    loaded = open_round(project, contributions, decisions, tolerant=tolerant)
    return loaded, review(loaded.versions, loaded.current, loaded.round.contributions, loaded.decisions,
                          include_late=include_late, tolerant=tolerant)


def listing(project: Project, contributions: Path | None = None, decisions: Path | None = None, *,
            include_late: bool = False) -> Listing:
    """Return the round's contributions: submitted, on time or late, proposals, targets,
    collisions, decisions and what merging now would make of each proposal. With no round
    folder yet, the listing is empty (round '') and shows the latest draft's deadline."""
    if contributions is None and not round_folders(project.config.contributions):
        draft = project.draft()
        zone = draft.meta.timezone
        return Listing(round="", version=draft.meta.version, timezone=zone, rows=(),
                       deadline=in_zone(draft.meta.deadline, zone) if draft.meta.deadline else None)
    loaded, result = review_round(project, contributions, decisions, include_late=include_late, tolerant=True)
    zone = loaded.current.meta.timezone
    rows = [ContributionRow(delegation="", file=u.path.name, submitted=None, deadline=None, on_time=False,
                            included=False, responds_to=None, proposals=(), error=short_error(u.error))
            for u in loaded.problems]
    rows += [ContributionRow(delegation=c.delegation, file=c.path.name if c.path else "", submitted=in_zone(
                 c.submitted_at, zone), deadline=None, on_time=False, included=False, responds_to=c.responds_to,
             proposals=(), error=short_error(exc)) for c, exc in result.problems]
    for entry in result.entries:
        mine = [i for i in result.items if i.contribution is entry.contribution]
        rows.append(ContributionRow(
            delegation=entry.contribution.delegation,
            file=entry.contribution.path.name if entry.contribution.path else "",
            submitted=in_zone(entry.contribution.submitted_at, zone),
            deadline=in_zone(entry.deadline, zone) if entry.deadline else None,
            on_time=entry.on_time, included=entry.included, responds_to=entry.contribution.responds_to,
            proposals=tuple(ProposalRow(
                id=i.id, action=i.proposal.action.value, seen_as=i.seen_as, target=_target(i, result.current),
                collides_with=tuple(result.collisions.get(i.id, ())) + (("co-rapporteurs",) if i.blocked else ()),
                decision=result.decisions[i.id].verdict.value if i.id in result.decisions else None,
                status=result.outcomes[i.id].status.value if i.id in result.outcomes else "",
            ) for i in mine),
        ))
    return Listing(round=loaded.round.name, version=loaded.current.meta.version,
                   deadline=in_zone(result.deadline, zone) if result.deadline else None, timezone=zone,
                   rows=tuple(rows), terminology=term_warnings(project, proposed_texts(result.items)))


def short_error(error: DraftkitError) -> str:
    """An error as a row of its file shows it: the line, what is wrong, the fix (no path)."""
    where = error.where
    line = f"line {where.line}: " if isinstance(where, Location) and where.line else ""
    return line + error.what + (f" ({error.fix})" if error.fix else "")


def _target(item: Any, current: Any) -> str:
    """Where the proposal lands now: its paragraph's current label, or for a new paragraph
    the number it would take ('new, after OP11 (draft 1) → becomes OP12')."""
    from draftkit.negotiation.decide import lands_as

    landing = lands_as(item, current)
    return f"becomes {landing}" if landing else item.label


@dataclass(frozen=True)
class Merged:
    """A merge written to `path`: the result, the round and version it came from, and
    whether it replaced an earlier merge of the same round."""

    result: MergeResult
    path: Path
    round: str
    source: int
    replaced: bool
    timezone: str | None
    text: str | None = None  # the draft's YAML when written to standard output (-o -)
    terminology: tuple[TermWarning, ...] = ()
    warnings: tuple[str, ...] = ()  # said, not refused: a date before the draft it follows


def merge_round(project: Project, contributions: Path | None = None, decisions: Path | None = None, *,
                day: date, include_late: bool = False, deadline: datetime | None = None, replace: bool = False,
                output: Path | None = None, revision: int | None = None) -> Merged:
    """Merge the decided proposals of the round into the next draft file and return what was done.

    When the latest draft is already the merge of this round, refuse unless `replace`:
    then the merge is redone from the version it was made from and atomically replaces
    that file (only it), so no proposal is ever applied twice. When the round was merged
    into an earlier draft, refuse even with `replace` (later versions build on it). `deadline` is the next
    round's (by default none; a replaced merge keeps its own).
    """
    from draftkit.files import edit_lock

    with edit_lock(project.root):  # a second merge waits, then finds the round merged
        return _merge_round(project, contributions, decisions, day=day, include_late=include_late,
                            deadline=deadline, replace=replace, output=output, revision=revision)


def _merge_round(project: Project, contributions: Path | None, decisions: Path | None, *, day: date,
                 include_late: bool, deadline: datetime | None, replace: bool, output: Path | None,
                 revision: int | None) -> Merged:
    from draftkit.files import snapshot, write_atomic
    from draftkit.loading.schema import with_modeline
    from draftkit.loading.serialize import dump_draft

    loaded = open_round(project, contributions, decisions, need_decisions=True)
    base, name = loaded.base, loaded.round.name
    merged_before = snapshot(base.merged) if replace and base.merged else None  # what --replace rewrites
    if base.merged is not None and base.later:
        later = ", ".join(map(str, base.later))
        raise MergeError(
            f"{name} is already merged into draft {base.merged_version} (from draft {base.current}), "
            f"and {'drafts' if len(base.later) > 1 else 'draft'} {later} came after it",
            where=base.merged,
            fix=f"for new contributions, start a round folder such as {project.config.contributions.name}/{next_round_name(project.config.contributions)}/; "
                f"for decisions changed after the fact, edit the latest draft (draft {base.later[-1]})",
        )
    if base.merged is not None and not replace:
        raise MergeError(
            f"draft {base.merged_version} is already the merge of {name} on draft {base.current}",
            where=base.merged,
            fix=f"to redo it from draft {base.current} with the decisions as they are now, run `draftkit merge "
                f"--replace` (it rewrites {base.merged.name}); for new contributions, start a round folder "
                f"such as {project.config.contributions.name}/{next_round_name(project.config.contributions)}/",
        )
    if replace and base.merged is None:
        latest = project.latest_version()
        raise MergeError(
            f"--replace redoes a merge of {name}, but no draft is one (draft {latest} is the latest)",
            where=project.draft_files[latest],
            fix=f"leave out --replace to write draft {latest + 1}",
        )
    if replace and output is not None:
        raise UsageError("--replace rewrites the merged draft in place; it takes no -o",
                         fix="leave out -o, or leave out --replace")
    if replace and deadline is None:
        deadline = project.draft(base.merged_version).meta.deadline
    result = merge(loaded.versions, loaded.current, loaded.round.contributions, loaded.decisions, day=day,
                   include_late=include_late, round_name=name, deadline=deadline,
                   version=base.merged_version if replace else None, revision=revision)
    version = result.draft.meta.version
    target = base.merged if replace and base.merged else output or project.config.drafts / f"draft-{version}.yaml"
    header = (f"Version {version}: draft {loaded.current.meta.version} with the decided proposals of {name}, "
              "made by `draftkit merge`.\n'provenance' names the proposal and delegation behind each change.")
    inputs = [p for p in [*project.inputs(), *loaded.inputs()]
              if not (replace and base.merged and p.resolve() == base.merged.resolve())]
    text = _redrafted(loaded.current, result.draft, header, project, target)
    warnings = _date_warnings(loaded.current, day, version)
    if text is None:
        text = dump_draft(result.draft, header, library=project.library)
        warnings += _afresh_warnings(loaded.current, version)
        if not _reads_back(text, result.draft, project, target):  # (a redrafted text has read back whole)
            text = dump_draft(result.draft, header)  # every paragraph inline: always reads back
    if target != STDOUT:
        text = with_modeline(text, "draft", target, project.root)
        # a replaced merge must still be the file read; a new version must still be new
        write_atomic(target, text, inputs=inputs, unchanged_since=merged_before if target == base.merged else None,
                     new_file=output is None and not replace)
    return Merged(result=result, path=target, round=name, source=loaded.current.meta.version,
                  replaced=replace, timezone=loaded.current.meta.timezone,
                  text=text if target == STDOUT else None, terminology=term_warnings(project, proposed_texts(result.report.applied)),
                  warnings=warnings)


def _redrafted(current: Any, draft: Any, header: str, project: Project, target: Path) -> str | None:
    """The merged draft written as an edit of the file of the draft it was merged into
    (its comments and layout kept, see `redraft`), |None| when that file cannot be read
    or the edit would not load as exactly the merged draft."""
    from draftkit.files import read_input
    from draftkit.redraft import redraft

    if current.path is None:
        return None
    try:
        # Bytes, not read_text: universal newlines would turn a CRLF file into LF.
        previous = read_input(current.path).decode("utf-8")
    except (DraftkitError, UnicodeDecodeError):
        return None
    text = redraft(previous, current.path, current, draft, header, project.library)
    if text is not None and text.startswith("# yaml-language-server:") and (
            target == STDOUT or target.parent.resolve() != current.path.parent.resolve()):
        text = text.split("\n", 1)[1]  # its schema path is relative to the previous file's folder
    return text if text is not None and _reads_back(text, draft, project, target, whole=True) else None


def _reads_back(text: str, draft: Any, project: Project, target: Path, *, whole: bool = False) -> bool:
    """Whether the draft written with clause references loads as the merged draft itself
    (`whole`: metadata, annexes and provenance too)."""
    from draftkit.loading.draft import load_draft

    try:
        again = load_draft(target if target != STDOUT else Path("draft.yaml"), project.library, text=text)
    except DraftkitError:
        return False
    if whole:  # the metadata as the serializer sees it ('stage' follows 'revision')
        from dataclasses import replace as with_fields

        from draftkit.loading.serialize import meta_data

        return again == with_fields(draft, meta=again.meta) and meta_data(again.meta) == meta_data(draft.meta)
    return again.preambular == draft.preambular and again.operative == draft.operative


def _afresh_warnings(current: Any, version: int) -> tuple[str, ...]:
    """A merged draft written afresh (the previous file laid out in a way the edit does not
    follow) says so when the previous file had comments of its own below its header:
    they are not in the new file."""
    from draftkit.versions import fresh_header

    try:
        body = fresh_header(current.path.read_text(encoding="utf-8-sig"), "") if current.path is not None else ""
    except (OSError, UnicodeDecodeError):
        return ()
    if not any(line.lstrip().startswith("#") or " #" in line for line in body.splitlines()):
        return ()
    return (f"draft {version} is written afresh, without the comments of draft {current.meta.version}: its "
            f"layout could not be followed (for example a paragraph list written '[…]'); copy the comments "
            f"you need by hand",)


def _date_warnings(current: Any, day: date, version: int) -> tuple[str, ...]:
    """A merge dated before the draft it merges into says so (its --date may be a typo)."""
    if day >= current.meta.date:
        return ()
    return (f"draft {version} is dated {day.isoformat()}, before draft {current.meta.version} "
            f"({current.meta.date.isoformat()}) that it follows; give --date on or after that day if this is a slip",)


def _pdf_bytes(docx: bytes) -> bytes:
    """The PDF of `docx` through LibreOffice, by way of a temporary folder."""
    import tempfile

    from draftkit.render.pdf import write_pdf

    with tempfile.TemporaryDirectory(prefix="draftkit-compile-") as folder:
        return write_pdf(docx, Path(folder) / "compilation.pdf").read_bytes()


@dataclass(frozen=True)
class Compiled:
    """A compilation: its text for md/txt without an output file, else the file written."""

    amendments: int
    text: str | None = None
    path: Path | None = None
    data: bytes | None = None  # a DOCX or PDF for standard output (-o -)
    terminology: tuple[TermWarning, ...] = ()


def compile_project(project: Project, contributions: Path | None = None, decisions: Path | None = None, *,
                    include_late: bool = False, language: str | None = None, format: str | None = None,
                    output: Path | None = None) -> Compiled:
    """Compile the round's amendments in `language` (default: the draft's first) as `format`
    (docx, md, txt or pdf; by default txt for standard output, else the extension of
    `output` when it names a format, else docx, as `build` chooses); md and txt without
    `output` are returned as text, and every format with `output` '-' (standard output)
    as text or bytes, nothing written."""
    from draftkit.compilation import compile_round
    from draftkit.files import write_atomic
    from draftkit.render.compilation import FORMATS, rendered

    if format is None:
        suffix = output.suffix.lstrip(".").lower() if output not in (None, STDOUT) else ""
        format = "txt" if output == STDOUT else suffix if suffix in FORMATS else "docx"
    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r}", fix="use " + ", ".join(FORMATS))
    loaded, result = review_round(project, contributions, decisions, include_late=include_late)
    current = loaded.current
    language = language or current.meta.languages[0]
    if language not in current.meta.languages:
        raise UsageError(f"draft {current.meta.version} has no {language!r} text",
                         fix=f"use --lang {' or '.join(current.meta.languages)}")
    compilation = compile_round(result, language)
    count = len(compilation.amendments)
    warned = term_warnings(project, proposed_texts(i for i in result.items if result.included(i)))
    if format in ("md", "txt") and output in (None, STDOUT):
        return Compiled(count, text=str(rendered(compilation, format)), terminology=warned)
    name = f"compilation-draft{current.meta.version}.{language}.{format}"
    # -o FOLDER (an existing folder) writes the usual name into it, as build does
    target = output / name if output is not None and output.is_dir() else output or project.config.output / name
    created = datetime.combine(current.meta.date, datetime.min.time())
    data = rendered(compilation, "docx" if format == "pdf" else format, created=created,
                    reference=project.config.reference_docx)
    if output == STDOUT:
        return Compiled(count, data=_pdf_bytes(data) if format == "pdf" else data,  # type: ignore[arg-type]
                        terminology=warned)
    if format == "pdf":
        from draftkit.render.pdf import write_pdf

        assert isinstance(data, bytes)
        write_pdf(data, target, inputs=[*project.inputs(), *loaded.inputs()])
    else:
        write_atomic(target, data, inputs=[*project.inputs(), *loaded.inputs()])
    return Compiled(count, path=target, terminology=warned)
