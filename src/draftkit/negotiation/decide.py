"""`draftkit decide`: the decisions file of a round written for the co-rapporteurs, and
one decision recorded from the terminal.

The skeleton lists every proposal where the compilation puts it (paragraph order, the
overlapping ones together), with its target as the delegation saw it and as it is now,
and `decision: pending`. Run again when late proposals arrive: what was typed stays
(see `decisions_file`). Files in, the decisions file out; never prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from draftkit.compilation import Amendment, Mark, compile_round
from draftkit.errors import InputError, UnknownReference, UsageError, did_you_mean
from draftkit.files import edit_lock, read_input, snapshot, write_atomic
from draftkit.loading.contributions import decisions_file, load_decisions, open_round
from draftkit.loading.project import Project
from draftkit.merge import Review, Understood, review
from draftkit.model import Decision, Draft, Kind, Verdict
from draftkit.negotiation.translations import around_marks
from draftkit.negotiation.decisions_file import GENERATED, Fields, Item, new_item, read_layout, render, set_fields

VERDICTS = [v.value for v in Verdict]
_EXCERPT = 160


def lands_as(item: Understood, current: Draft) -> str | None:
    """Where a new paragraph lands in the current draft if it is accepted alone ('OP8'),
    |None| for other proposals or when its reference is gone."""
    new = item.new_paragraph
    if new is None:
        return None
    sequence = [p.id for p in (current.preambular if new.kind is Kind.PREAMBULAR else current.operative)]
    position = item.proposal.position
    if position is None or position.where == "at-end" or item.reference is None:
        index = len(sequence)
    elif item.reference not in sequence:
        return None
    else:
        index = sequence.index(item.reference) + (1 if position.where == "after" else 0)
    return f"{new.kind.prefix}{index + 1}"


@dataclass(frozen=True)
class Context:
    """What the skeleton says above one proposal's entry (each line becomes a `##` comment)."""

    proposal: str
    group: str
    lines: tuple[str, ...]


def _excerpt(text: str, limit: int = _EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _change(amendment: Amendment, context: int = 50) -> str:
    """The proposed change as plain word-diff marks ([-deleted-] {+inserted+}), with at
    most `context` characters of unchanged text on either side of the changes."""
    out = []
    for piece in amendment.change:
        if piece.mark is Mark.INSERTED:
            out.append(f"{{+{piece.text}+}}")
        elif piece.mark is Mark.DELETED:
            out.append(f"[-{piece.text}-]")
        else:
            out.append(piece.text)
    text = " ".join("".join(out).split())
    return around_marks(text, context) if "[-" in text or "{+" in text else _excerpt(text)


def contexts(result: Review, language: str) -> list[Context]:
    """The skeleton's context for every proposal of the round, late ones included, in the
    compilation's order (paragraph order, overlapping proposals together)."""
    compilation = compile_round(result, language)
    by_id = {i.id: i for i in result.items}
    current = result.current
    out = []
    for row in compilation.amendments:
        item = by_id[row.proposal]
        seen, now = item.seen_as, item.label or item.seen_as
        version = current.meta.version
        head = [f"{row.proposal} · {row.delegation} · {row.instruction.rstrip('.:')}"]
        if item.new_paragraph is not None:
            landing = lands_as(item, current)
            head.append(f"  {row.label}" + (f" → becomes {landing} in draft {version}" if landing else ""))
        elif seen == now:
            head.append(f"  {seen} as seen in draft {item.contribution.responds_to}; {now} in draft {version}")
        else:
            head.append(f"  {seen} as seen in draft {item.contribution.responds_to} → {now} in draft {version}")
        if row.late:
            head.append("  LATE: submitted after the deadline; merged only with --include-late")
        if row.collides_with:
            others = ", ".join("the co-rapporteurs' edits since draft "
                               f"{item.contribution.responds_to}" if o == "co-rapporteurs" else o
                               for o in row.collides_with)
            head.append(f"  overlaps with {others}")
        if item.blocked is not None:
            head.append(f"  as seen:  {_excerpt(item.blocked.seen)}")
            head.append(f"  now:      {_excerpt(item.blocked.now)}")
        change = _change(row)
        if change and (item.blocked is None or item.new_paragraph is not None):
            head.append(f"  proposed: {change}")
        out.append(Context(row.proposal, row.group, tuple(head)))
    return out


# --- the file -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decided:
    """What `decide` wrote: the file, how many entries, which were new, which stand as typed,
    the overlap groups, entries naming no proposal of the round, files that could not be
    read, and (when one decision was set) that decision before and after."""

    path: Path
    round: str
    current: int
    proposals: int
    pending: int
    added: tuple[str, ...]
    groups: tuple[tuple[str, tuple[str, ...]], ...]
    orphans: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    changed: str | None = None
    before: str | None = None
    after: str | None = None


def _header(name: str, result: Review, path: Path) -> list[str]:
    versions = sorted({e.contribution.responds_to for e in result.entries})
    seen = ", ".join(map(str, versions)) or "—"
    return [
        f"{GENERATED} Decisions on {name}: contributions on draft {seen}; the current draft is {result.current.meta.version}.",
        f"{GENERATED} Written by `draftkit decide`: lines starting with {GENERATED} are rewritten each time it runs;",
        f"{GENERATED} your decisions and your own # comments stay as you typed them.",
        f"{GENERATED} decision: pending | accept | reject | accept-revised (with text: {{en: …}}) |"
        " merged (with into: ID); note: optional.",
    ]


def decide(project: Project, contributions: Path | None = None, *, proposal: str | None = None,
           verdict: str | None = None, text: str | None = None, language: str | None = None,
           into: str | None = None, note: str | None = None) -> Decided:
    """Write (or bring up to date) the decisions file of the round, and record one decision
    when `proposal` and `verdict` are given. Entries already in the file keep every line as
    typed; entries of proposals no longer in the round are kept at the end. Files that
    cannot be read are listed in `problems` (the rest is written). The whole read → write
    holds the project's edit lock."""
    from draftkit.loading.fields import check_text

    for option, value in (("--text", text), ("--note", note), ("--into", into), ("ID", proposal)):
        if value is not None:
            check_text(value, option)  # typed text the decisions file could hold but draftkit not read back
    with edit_lock(project.root):
        return _decide(project, contributions, proposal=proposal, verdict=verdict, text=text, language=language,
                       into=into, note=note)


def _decide(project: Project, contributions: Path | None, *, proposal: str | None, verdict: str | None,
            text: str | None, language: str | None, into: str | None, note: str | None) -> Decided:
    loaded = open_round(project, contributions, tolerant=True, with_decisions=False)
    name = loaded.round.name
    path = decisions_file(project.config.decisions, name) or project.config.decisions / f"{name}.yaml"
    result = review(loaded.versions, loaded.current, loaded.round.contributions, include_late=True, tolerant=True)
    problems = [str(u) for u in loaded.problems] + [exc.message for _, exc in result.problems]
    before_state = snapshot(path)
    old_text = _read(path) if before_state is not None else ""
    typed = load_decisions(path) if old_text.strip() else ()  # parsed once per version of the file (user cache)
    layout = read_layout(path, old_text, [(d.location.line - 1, d.location.column - 1, d.proposal)
                                          for d in typed if d.location is not None])
    language = language or loaded.current.meta.languages[0]
    found = contexts(result, loaded.current.meta.languages[0])
    kept = {item.proposal: item for item in layout.items if item.proposal is not None}
    newline = layout.newline
    blocks: list[tuple[list[str], Item]] = []
    added = []
    group_members: dict[str, list[str]] = {}
    for context in found:
        lines = [f"{GENERATED} {line}" for line in context.lines]
        if context.group:
            members = group_members.setdefault(context.group, [])
            if not members:
                lines.insert(0, f"{GENERATED} ── overlap {context.group} ──")
            members.append(context.proposal)
        item = kept.pop(context.proposal, None)
        if item is None:
            added.append(context.proposal)
            item = Item(context.proposal, new_item(context.proposal, newline))
        blocks.append((lines, item))
    leftover = [i for i in layout.items if i.proposal is None or i.proposal in kept]
    for index, item in enumerate(leftover):
        lines = [f"{GENERATED} not a proposal of {name} (kept as typed)"] if index == 0 else []
        blocks.append((lines, item))
    for problem in problems:
        blocks.insert(0, ([f"{GENERATED} left out: {problem}"], Item(None, ())))
    header = _header(name, result, path) + [line.rstrip("\r\n") for line in layout.header]
    changed = before = after = None
    if proposal is not None:  # edit that one item's own lines: the rest of the file is not even parsed
        index = next((i for i, (_, item) in enumerate(blocks) if item.proposal == proposal), None)
        snippet = "".join(blocks[index][1].lines) if index is not None else ""
        changed, before, after, snippet = _set(path, snippet, result, typed, proposal, verdict, text, language,
                                               into, note)
        context, item = blocks[index]  # type: ignore[index]  # _set refused a proposal not in the round
        blocks[index] = (context, Item(item.proposal, tuple(snippet.splitlines(keepends=True)), item.lead))
    new_text = render(header, blocks, list(layout.tail), newline)
    decisions = _check_kept(new_text, layout, typed, blocks, changed)
    if new_text != old_text or before_state is None:  # a file already up to date is left untouched
        write_atomic(path, new_text.encode("utf-8"), unchanged_since=before_state, new_file=before_state is None,
                     fix="run `draftkit decide` again")
    ids = [c.proposal for c in found]
    return Decided(
        path=path, round=name, current=loaded.current.meta.version, proposals=len(ids),
        pending=sum(1 for p in ids if decisions.get(p, "pending") == "pending"),
        added=tuple(added) if old_text.strip() else (), groups=tuple((g, tuple(m)) for g, m in group_members.items()),
        orphans=tuple(i.proposal or "?" for i in leftover), problems=tuple(problems),
        changed=changed, before=before, after=after)


def _read(path: Path) -> str:
    try:
        return read_input(path).decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", where=path, fix="save the file as UTF-8") from None


def _set(path: Path, text: str, result: Review, typed: tuple[Decision, ...], proposal: str, verdict: str | None,
         revised: str | None, language: str, into: str | None, note: str | None) -> tuple[str, str, str, str]:
    """Record one decision in `text`; return (proposal, old verdict, new verdict, new text)."""
    ids = [i.id for i in result.items]
    if proposal not in ids:
        raise UnknownReference(f"{proposal!r} is not a proposal of {result.entries and path.stem or 'the round'}",
                               fix=did_you_mean(proposal, ids) or "run `draftkit decide` to list the proposals")
    if verdict not in VERDICTS:
        raise UsageError(f"unknown decision {verdict!r}", fix=did_you_mean(verdict or "", VERDICTS)
                         or f"use one of {', '.join(VERDICTS)}")
    chosen = Verdict(verdict)
    old = next((d for d in typed if d.proposal == proposal), None)
    if chosen is Verdict.ACCEPT_REVISED and not revised and not (old and old.text):
        raise UsageError(f"accept-revised needs the revised text of {proposal}", fix="add --text 'the revised words'")
    if revised and chosen is not Verdict.ACCEPT_REVISED:
        raise UsageError("--text goes with accept-revised", fix=f"draftkit decide {proposal} accept-revised --text …")
    if chosen is Verdict.MERGED and not into:
        raise UsageError(f"merged needs the proposal {proposal} is folded into", fix="add --into ID")
    if into and chosen is not Verdict.MERGED:
        raise UsageError("--into goes with merged", fix=f"draftkit decide {proposal} merged --into ID")
    if into is not None and into not in ids:
        raise UnknownReference(f"--into {into!r} is not a proposal of the round",
                               fix=did_you_mean(into, ids) or "name a proposal of the round")
    if into == proposal:
        raise UsageError(f"{proposal} cannot be merged into itself", fix="name the proposal it is folded into")
    texts = None
    if chosen is Verdict.ACCEPT_REVISED:
        texts = dict(old.text) if old and old.verdict is Verdict.ACCEPT_REVISED else {}
        if revised:
            texts[language] = revised
    wanted = Fields(decision=chosen.value, text=texts, into=into if chosen is Verdict.MERGED else None, note=note)
    new_text = set_fields(path, text, proposal, wanted, keep_note=True)
    return proposal, old.verdict.value if old else "pending", chosen.value, new_text


def _check_kept(text: str, layout, typed: tuple[Decision, ...], blocks: list, changed: str | None) -> dict[str, str]:
    """Every item already in the file must be in the new text line for line (but the one
    just changed, which must read back as one decision): a rewrite that lost one is a bug,
    and nothing is written. Returns proposal → decision, as the new file says."""
    from draftkit.loading.yamlsource import load_plain

    decisions = {d.proposal: d.verdict.value for d in typed}
    rows = [row.rstrip("\r\n") for row in text.splitlines()]
    starts: dict[str, list[int]] = {}
    for number, row in enumerate(rows):
        starts.setdefault(row, []).append(number)
    for item in layout.items:
        lines = [line.rstrip("\r\n") for line in item.lines]
        if item.proposal != changed and lines and not any(
                rows[at:at + len(lines)] == lines for at in starts.get(lines[0], ())):
            raise RuntimeError(f"decide would have changed the entry of {item.proposal}; nothing written")
    if changed is not None:
        snippet = "".join(next(item.lines for _, item in blocks if item.proposal == changed))
        try:
            (entry,) = load_plain(snippet)
            decisions[changed] = str(entry["decision"])
        except Exception as exc:  # noqa: BLE001 - whatever it is, the edit is broken
            raise RuntimeError(f"decide wrote an entry for {changed} that does not read back ({exc})") from None
    return decisions
