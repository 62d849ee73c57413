"""Commands: clauses (list, show), add, move, remove, status — drafting from the terminal.

Each parses its arguments, makes one library call (`draftkit.search`, `draftkit.edit`,
`draftkit.status`) and prints; user text always goes through `rich.text.Text`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer

from draftkit.cli.app import DraftkitGroup, app
from draftkit.errors import DraftkitError, UsageError
from draftkit.model import LANGUAGES, Kind

_EXCERPT = 60
_AFFECTED_SHOWN = 12


# --- completion (called by the shell through typer; must never fail loudly) --------------


def _project_arg(ctx: typer.Context) -> Path:
    return Path(ctx.params.get("project") or ".")


def complete_paragraph(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Return the paragraph numbers (OP4) and ids of the latest draft starting with `incomplete`."""
    from draftkit.loading import open_draft
    from draftkit.search import paragraph_choices

    try:
        _, draft = open_draft(_project_arg(ctx))
    except (DraftkitError, OSError):
        return []
    return [(c.value, c.help) for c in paragraph_choices(draft) if c.value.startswith(incomplete)]


def complete_clause(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Return the clause ids of the project's libraries starting with `incomplete`."""
    from draftkit.loading import Project
    from draftkit.search import ClauseQuery, cached_library, excerpt, search_clauses

    try:
        library = cached_library(Project.open(_project_arg(ctx)))
    except (DraftkitError, OSError):
        return []
    return [
        (hit.clause.id, excerpt(f"{hit.opening} {hit.excerpt}", 50))
        for hit in search_clauses(library, ClauseQuery())
        if hit.clause.id.startswith(incomplete)
    ]


_PROJECT = typer.Argument(Path("."), help="The project folder, or a draft file (default: the current folder).",
                          show_default=False)
_REF_HELP = "a paragraph id or the number shown now (OP4, PP2)"


# --- clauses -----------------------------------------------------------------------------


class _ListByDefault(DraftkitGroup):
    """`draftkit clauses …` lists clauses unless the first word names a subcommand (`show`)."""

    def list_commands(self, ctx: typer.Context) -> list[str]:
        return list(self.commands)

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ctx.help_option_names):
            args = ["list", *args]
        return super().parse_args(ctx, args)


clauses_app = typer.Typer(
    cls=_ListByDefault,
    help="List, search and show the clauses of the project's libraries. `draftkit clauses` alone lists them all.",
    no_args_is_help=False,
    rich_markup_mode=None,
)
app.add_typer(clauses_app, name="clauses")


@clauses_app.command("list")
def clauses_list(
    project: Path = typer.Argument(Path("."), help="The project folder (may be left out inside it).", show_default=False),
    search: Optional[str] = typer.Argument(None, help="Words that must all appear (accents and case ignored)."),
    tag: Optional[str] = typer.Option(None, "--tag", help="Only clauses with this tag."),
    kind: Optional[Kind] = typer.Option(None, "--kind", help="Only preambular or operative clauses."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Search and show this language only (en, fr)."),
    opening: Optional[str] = typer.Option(None, "--opening", help="Only clauses whose opening phrase begins so."),
) -> None:
    """List the clauses matching SEARCH (default: all) as a table of id, kind, opening, text."""
    from rich.console import Console
    from rich.text import Text

    from draftkit.loading import Project
    from draftkit.search import ClauseQuery, cached_library, search_clauses

    if lang is not None and lang not in LANGUAGES:
        raise UsageError(f"--lang {lang!r} is not a draft language", fix=f"use one of {', '.join(LANGUAGES)}")
    if not project.exists() and project != Path("."):
        # `draftkit clauses rights child` inside a project: the first word is a search word.
        search = " ".join(w for w in (str(project), search) if w)
        project = Path(".")
    library = cached_library(Project.open(project))
    query = ClauseQuery(tuple((search or "").split()), opening or "", tag or "", kind, lang)
    hits = search_clauses(library, query)
    console = Console()
    if not hits:
        console.print(Text(f"no clause matches (of {len(library.clauses)}); try fewer words or filters"))
        return
    console.print(_clause_table(hits, console.width), soft_wrap=True, end="")
    console.print(Text(f"{len(hits)} of {len(library.clauses)} clauses", style="dim"))


def _clause_table(hits: list[Any], width: int) -> Any:
    """The id / kind / opening / text table as one `Text`, its lines cut to `width`.

    Built by hand rather than with `rich.table.Table`, which takes ten times longer on a
    2,000-clause library. Ids are never shortened: they are what the user copies.
    """
    from rich.text import Text

    from draftkit.search import excerpt

    id_width = max(2, *(len(h.clause.id) for h in hits))
    opening_width = min(24, max(7, *(len(h.opening) for h in hits)))
    text_width = max(20, width - id_width - opening_width - 4 - 6)
    table = Text()
    table.append(f"{'id':<{id_width}}  kind  {'opening':<{opening_width}}  text\n", style="bold")
    for hit in hits:
        table.append(f"{hit.clause.id:<{id_width}}  {hit.clause.kind.prefix:<4}  ")
        table.append(f"{excerpt(hit.opening, opening_width):<{opening_width}}", style="italic")
        table.append(f"  {excerpt(hit.excerpt, text_width)}\n")
    return table


@clauses_app.command("show")
def clauses_show(
    clause_id: str = typer.Argument(..., help="The clause id.", autocompletion=complete_clause),
    project: Path = _PROJECT,
) -> None:
    """Show one clause in every language, with its sub-paragraphs and footnotes."""
    from rich.console import Console

    from draftkit.loading import Project
    from draftkit.search import cached_library

    clause = cached_library(Project.open(project)).get(clause_id)
    console = Console(highlight=False)
    for line in _clause_lines(clause):
        console.print(line, soft_wrap=True)  # whole lines: the text is for copying


def _clause_lines(clause: Any) -> list[Any]:
    from rich.text import Text

    from draftkit.model import subparagraph_label

    head = Text(clause.id, style="bold")
    head.append(f"  {clause.kind.value}")
    if clause.tags:
        head.append(f"  tags: {', '.join(clause.tags)}")
    if clause.source:
        head.append(f"  source: {clause.source}")
    lines = [head]
    if clause.location is not None:
        lines.append(Text(f"defined at {clause.location}", style="dim"))
    for lang in [*(l for l in LANGUAGES if l in clause.text), *(l for l in clause.text if l not in LANGUAGES)]:
        lines.append(Text(""))
        body = Text(f"{lang}  ", style="bold")
        body.append(clause.opening.get(lang, ""), style="italic")
        body.append(" " + clause.text[lang])
        lines.append(body)
        stack = [(sub, i, 1) for i, sub in enumerate(clause.subparagraphs)]
        while stack:
            sub, index, level = stack.pop(0)
            lines.append(Text("    " * level + f"({subparagraph_label(index, level)}) {sub.text.get(lang, '—')}"))
            stack[0:0] = [(child, i, level + 1) for i, child in enumerate(sub.children)]
        for footnote in clause.footnotes:
            lines.append(Text(f"    [^{footnote.key}] {footnote.text.get(lang, '—')}", style="dim"))
    return lines


# --- add, move, remove -------------------------------------------------------------------


def _position(after: str | None, before: str | None, at_end: bool) -> Any:
    from draftkit.model import Position

    given = [p for p in (("after", after), ("before", before), ("at-end", at_end or None)) if p[1] is not None]
    if len(given) != 1:
        raise UsageError("say where: exactly one of --after REF, --before REF or --at-end",
                         fix="e.g. --after OP4 or --before pp-crc")
    where, value = given[0]
    return Position(where, None if where == "at-end" else str(value))


_AFTER = typer.Option(None, "--after", metavar="REF", help=f"Put it after this paragraph: {_REF_HELP}.",
                      autocompletion=complete_paragraph)
_BEFORE = typer.Option(None, "--before", metavar="REF", help=f"Put it before this paragraph: {_REF_HELP}.",
                       autocompletion=complete_paragraph)
_AT_END = typer.Option(False, "--at-end", help="Put it last among the paragraphs of its kind.")
_NEW_VERSION = typer.Option(False, "--new-version", help="Write the edit as the next draft version (a copy of "
                            "the latest, comments kept): needed once contributions respond to the latest.")


@app.command("add")
def add(
    clause_id: str = typer.Argument(..., help="A clause id (`draftkit clauses` lists them).",
                                    autocompletion=complete_clause),
    project: Path = _PROJECT,
    after: Optional[str] = _AFTER,
    before: Optional[str] = _BEFORE,
    at_end: bool = _AT_END,
    kind: Optional[Kind] = typer.Option(None, "--kind", help="Refuse unless the clause is of this kind."),
    new_id: Optional[str] = typer.Option(None, "--id", metavar="NEW_ID",
                                         help="Id of the new paragraph (needed when the clause is already in the draft)."),
    new_version: bool = _NEW_VERSION,
) -> None:
    """Add a library clause to the latest draft: `draftkit add op-urges --after OP4`.

    The draft file is edited in place; its comments and formatting are kept.
    """
    from draftkit.edit import add_paragraph

    _report(add_paragraph(project, clause_id, _position(after, before, at_end), kind=kind, new_id=new_id,
                          new_version=new_version))


@app.command("move")
def move(
    ref: str = typer.Argument(..., help=f"The paragraph to move: {_REF_HELP}.",
                                    autocompletion=complete_paragraph),
    project: Path = _PROJECT,
    after: Optional[str] = _AFTER,
    before: Optional[str] = _BEFORE,
    at_end: bool = _AT_END,
    new_version: bool = _NEW_VERSION,
) -> None:
    """Move a paragraph of the latest draft: `draftkit move OP7 --after OP2`.

    Numbers are those shown now; a paragraph stays preambular or operative.
    """
    from draftkit.edit import move_paragraph

    _report(move_paragraph(project, ref, _position(after, before, at_end), new_version=new_version))


@app.command("remove")
def remove(
    ref: str = typer.Argument(..., help=f"The paragraph to remove: {_REF_HELP}.",
                                    autocompletion=complete_paragraph),
    project: Path = _PROJECT,
    force: bool = typer.Option(False, "--force", help="Remove it even if other paragraphs cross-refer to it."),
    new_version: bool = _NEW_VERSION,
) -> None:
    """Remove a paragraph from the latest draft: `draftkit remove OP9`.

    Refused while other paragraphs refer to it with {ref:…} or {num:…}, unless --force.
    The removed lines are printed, so they can be put back.
    """
    from draftkit.edit import remove_paragraph

    _report(remove_paragraph(project, ref, force=force, new_version=new_version))


def _report(result: Any) -> None:
    """Print the summary line, then the paragraphs whose number is new."""
    from rich.console import Console
    from rich.text import Text

    from draftkit.edit import EditAction
    from draftkit.search import excerpt

    console = Console(highlight=False)
    console.print(Text(f"{result.path}: {result.summary()}"), soft_wrap=True)
    if not result.changed:
        return
    draft = result.draft
    labels = draft.labels()
    shown = [result.paragraph] if result.action is not EditAction.REMOVE else []
    shown += [r.paragraph for r in result.renumbered]
    by_id = draft.by_id()
    for pid in shown[:_AFFECTED_SHOWN]:
        paragraph = by_id[pid]
        lang = next(iter(paragraph.text))
        line = Text(f"  {labels[pid]:<5} {pid}  ")
        line.append(excerpt(f"{paragraph.opening.get(lang, '')} {paragraph.text[lang]}".strip(), _EXCERPT), style="dim")
        console.print(line)
    if len(shown) > _AFFECTED_SHOWN:
        console.print(Text(f"  … and {len(shown) - _AFFECTED_SHOWN} more"))
    if result.removed:
        console.print(Text("removed lines:"))
        console.print(Text(result.removed.rstrip("\n"), style="dim"), soft_wrap=True)
    if result.dangling:
        names = ", ".join(f"{labels[d]} ({d})" for d in result.dangling)
        Console(stderr=True, highlight=False).print(Text(
            f"warning: {names} still refer to {result.paragraph}: edit them, or the draft will not build"))


# --- status ------------------------------------------------------------------------------


@app.command("status")
def status(project: Path = _PROJECT) -> None:
    """Show where the project stands: draft, counts, translations, checks, deadline, contributions,
    overlaps, negotiation standing (exit status 1 when a contribution file cannot be read)."""
    from rich.console import Console
    from rich.text import Text

    from draftkit.status import project_status

    console = Console(highlight=False)
    state = project_status(project)
    for label, value in _status_lines(state):
        line = Text(f"{label:<15}", style="bold") if label else Text(" " * 15)
        line.append_text(value if isinstance(value, Text) else Text(value))
        console.print(line)
    if state.problems:  # shown with the rest; the exit status says a file needs fixing
        raise typer.Exit(1)


def _status_lines(state: Any) -> list[tuple[str, Any]]:
    """(label, text) rows of `draftkit status`, in the order a rapporteur reads them."""
    from rich.text import Text

    from draftkit.instants import shown as instant
    from draftkit.status import time_left

    versions = ", ".join(map(str, state.versions))
    rows: list[tuple[str, Any]] = [
        ("project", f"{state.name} ({state.root})"),
        ("draft", f"version {state.version} of {state.date.isoformat()} — {state.draft_path.name} (versions: {versions})"),
        ("paragraphs", ", ".join(f"{n} {kind.value}" for kind, n in state.paragraphs)),
    ]
    for language in state.languages:
        text = f"{language.paragraphs} paragraphs"
        if language.missing:
            text += f"; missing {len(language.missing)}: " + ", ".join(language.missing[:8])
            text += " …" if len(language.missing) > 8 else ""
        rows.append((f"  {language.language}", Text(text, style="yellow" if language.missing else "")))
    shown = {"error": "red", "warning": "yellow", "info": ""}
    check = Text()
    for index, (severity, count) in enumerate(state.findings):
        check.append(", " if index else "")
        check.append(f"{count} {severity}{'s' if count != 1 and severity != 'info' else ''}",
                     style=shown.get(severity, "") if count else "")
    check.append("  (draftkit check)" if any(n for _, n in state.findings) else "")
    rows.append(("check", check))
    if state.deadline is None:
        rows.append(("deadline", "none set (add 'deadline:' to the draft)"))
    else:
        due = state.deadline
        rows.append(("deadline", Text(f"{instant(due.at)} — {time_left(due.left)}", style="red" if due.closed else "green")))
        if due.local.utcoffset() != due.at.utcoffset():
            rows.append(("", f"{instant(due.local)} your time"))
    if state.contributions is not None:
        c = state.contributions
        drafts = ", ".join(map(str, c.responds_to))
        rows.append(("contributions", f"{len(c.delegations)} received in {c.round} (on draft {drafts}): "
                                      + ", ".join(c.delegations)))
        if c.late:
            rows.append(("  late", Text(", ".join(c.late), style="yellow")))
        counted = c.proposals - c.late_proposals
        rows.append(("  undecided", f"{len(c.undecided)} of {counted} proposals on time"
                                    + (f": {', '.join(c.undecided[:10])}" if c.undecided else "")
                                    + (" …" if len(c.undecided) > 10 else "")
                                    + (f" ({c.late_proposals} late, not counted)" if c.late_proposals else "")))
        if c.overlaps:
            groups = "; ".join(" × ".join(g) for g in c.overlaps)
            rows.append(("  overlaps", Text(f"{len(c.overlaps)} (draftkit decide groups them): {groups}",
                                            style="yellow")))
    negotiation = state.standing
    if negotiation is not None and (negotiation.unmarked < sum(n for _, n in state.paragraphs) or negotiation.bracketed):
        rows.append(("negotiation", f"{negotiation.agreed} agreed, {negotiation.ad_ref} agreed ad ref, "
                                    f"{negotiation.open} open, {negotiation.unmarked} not marked; "
                                    f"{negotiation.bracketed} with brackets"))
    for problem in state.problems:
        rows.append(("problem", Text(problem, style="red")))
    return rows

