"""Commands: clauses (list, show), add, move, remove, status — drafting from the terminal.

Each parses its arguments, makes one library call (`draftkit.search`, `draftkit.edit`,
`draftkit.status`) and prints whole lines; user text is never read as markup.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import click

from draftkit.cli.app import CONTEXT, DraftkitGroup, app
from draftkit.cli.completion import complete_clause, complete_paragraph
from draftkit.cli.options import (color_option, lang_option, languages, project_option,
                                  project_path)
from draftkit.cli.output import echo
from draftkit.errors import DraftkitError, UsageError

_EXCERPT = 60
_AFFECTED_SHOWN = 12
KINDS = ("preambular", "operative")  # model.Kind, spelled out so that --help does not load the model


_REF_HELP = "a paragraph id or the number shown now (OP4, PP2)"


def _open_project(project: Optional[Path]) -> Any:
    from draftkit.loading import Project

    return Project.open(project_path(project))


# --- clauses -----------------------------------------------------------------------------


class _ListByDefault(DraftkitGroup):
    """`draftkit clauses …` lists clauses unless the first word names a subcommand (`show`)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ctx.help_option_names):
            args = ["list", *args]
        return super().parse_args(ctx, args)


@app.group("clauses", cls=_ListByDefault, invoke_without_command=False, no_args_is_help=False,
           context_settings=CONTEXT)
def clauses_app() -> None:
    """List, search and show the clauses of the project's libraries. `draftkit clauses` alone lists them all."""


@clauses_app.command("list", context_settings=CONTEXT)
@click.argument("search", metavar="[WORDS]...", nargs=-1)
@project_option
@click.option("--tag", metavar="TAG", default=None, help="Only clauses with this tag.")
@click.option("--kind", type=click.Choice(KINDS), default=None, help="Only preambular or operative clauses.")
@lang_option("Search and show these languages only (repeatable; default: all).")
@click.option("--opening", metavar="WORDS", default=None, help="Only clauses whose opening phrase begins so.")
def clauses_list(search: tuple[str, ...], project: Optional[Path], tag: Optional[str], kind: Optional[str],
                 langs: tuple[str, ...], opening: Optional[str]) -> None:
    """List the clauses matching WORDS (default: all) as a table of id, kind, opening, text."""
    from draftkit.cli.output import width
    from draftkit.search import ClauseQuery, cached_library, search_clauses

    from draftkit.languages import codes as language_codes
    from draftkit.model import Kind

    chosen = languages(langs)
    for lang in chosen:
        if lang not in language_codes():
            raise UsageError(f"--lang {lang!r} is not a draft language", fix=f"use one of {', '.join(language_codes())}")
    words = search
    library = cached_library(_open_project(project))
    hits = []
    for lang in chosen or (None,):
        query = ClauseQuery(tuple(" ".join(words).split()), opening or "", tag or "", Kind(kind) if kind else None,
                            lang)
        hits += [hit for hit in search_clauses(library, query) if hit not in hits]
    if not hits:
        hint = _command_hint(words)
        echo(f"No clause matches (of {len(library.clauses)}); try fewer words or filters" + (
            f", or did you mean `draftkit clauses {hint}`?" if hint else "."))
        return
    echo(_clause_table(hits, width() or 10_000), nl=False)
    echo(f"{len(hits)} of {len(library.clauses)} clauses")


def _command_hint(words: tuple[str, ...]) -> str | None:
    """A subcommand the first search word looks like ('shwo' → 'show'), |None| when none."""
    import difflib

    if not words:
        return None
    found = difflib.get_close_matches(words[0].lower(), ["show", "list"], n=1, cutoff=0.6)
    return found[0] if found and found[0] != words[0] else None


def _clause_table(hits: list[Any], columns: int) -> str:
    """The id / kind / opening / text table, its lines cut to `columns` (only the excerpt
    shortens: ids are what the user copies and are never cut)."""
    from draftkit.search import excerpt

    id_width = max(2, *(len(h.clause.id) for h in hits))
    opening_width = min(24, max(7, *(len(h.opening) for h in hits)))
    text_width = max(20, columns - id_width - opening_width - 4 - 6)
    lines = [f"{'id':<{id_width}}  kind  {'opening':<{opening_width}}  text"]
    for hit in hits:
        lines.append(f"{hit.clause.id:<{id_width}}  {hit.clause.kind.prefix:<4}  "
                     f"{excerpt(hit.opening, opening_width):<{opening_width}}  {excerpt(hit.excerpt, text_width)}")
    return "\n".join(lines) + "\n"


@clauses_app.command("show", context_settings=CONTEXT)
@click.argument("clause_id", metavar="ID", shell_complete=complete_clause)
@project_option
def clauses_show(clause_id: str, project: Optional[Path]) -> None:
    """Show one clause in every language, with its sub-paragraphs and footnotes."""
    from draftkit.search import cached_library

    clause = cached_library(_open_project(project)).get(clause_id)
    echo("\n".join(_clause_lines(clause)))


def _clause_lines(clause: Any) -> list[str]:
    from draftkit.languages import codes as language_codes
    from draftkit.model import subparagraph_label

    head = f"{clause.id}  {clause.kind.value}"
    if clause.tags:
        head += f"  tags: {', '.join(clause.tags)}"
    if clause.source:
        head += f"  source: {clause.source}"
    lines = [head]
    if clause.location is not None:
        lines.append(f"defined at {clause.location}")
    for lang in [*(l for l in language_codes() if l in clause.text), *(l for l in clause.text if l not in language_codes())]:
        lines.append("")
        lines.append(f"{lang}  {clause.opening.get(lang, '')} {clause.text[lang]}")
        stack = [(sub, i, 1) for i, sub in enumerate(clause.subparagraphs)]
        while stack:
            sub, index, level = stack.pop(0)
            lines.append("    " * level + f"({subparagraph_label(index, level)}) {sub.text.get(lang, '—')}")
            stack[0:0] = [(child, i, level + 1) for i, child in enumerate(sub.children)]
        for footnote in clause.footnotes:
            lines.append(f"    [^{footnote.key}] {footnote.text.get(lang, '—')}")
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


def position_options(function: Any) -> Any:
    """--after REF, --before REF, --at-end: where a paragraph goes."""
    function = click.option("--at-end", is_flag=True, help="Put it last among the paragraphs of its kind.")(function)
    function = click.option("--before", metavar="REF", default=None, shell_complete=complete_paragraph,
                            help=f"Put it before this paragraph: {_REF_HELP}.")(function)
    return click.option("--after", metavar="REF", default=None, shell_complete=complete_paragraph,
                        help=f"Put it after this paragraph: {_REF_HELP}.")(function)


def new_version_option(function: Any) -> Any:
    return click.option("--new-version", is_flag=True, help="Write the edit as the next draft version (a copy of "
                        "the latest, comments kept): needed once contributions respond to the latest.")(function)


@app.command("add", context_settings=CONTEXT)
@click.argument("clause_id", metavar="ID", shell_complete=complete_clause)
@project_option
@position_options
@click.option("--kind", type=click.Choice(KINDS), default=None, help="Refuse unless the clause is of this kind.")
@click.option("--id", "new_id", metavar="ID", default=None,
              help="Id of the new paragraph (needed when the clause is already in the draft).")
@new_version_option
def add(clause_id: str, project: Optional[Path], after: Optional[str],
        before: Optional[str], at_end: bool, kind: Optional[str], new_id: Optional[str], new_version: bool) -> None:
    """Add a library clause to the latest draft: `draftkit add op-urges --after OP4`.

    ID is a clause id (`draftkit clauses` lists them). The draft file is edited in place;
    its comments and formatting are kept.
    """
    from draftkit.edit import add_paragraph
    from draftkit.model import Kind

    _report(add_paragraph(project_path(project), clause_id, _position(after, before, at_end),
                          kind=Kind(kind) if kind else None, new_id=new_id, new_version=new_version))


@app.command("move", context_settings=CONTEXT)
@click.argument("ref", metavar="REF", shell_complete=complete_paragraph)
@project_option
@position_options
@new_version_option
def move(ref: str, project: Optional[Path], after: Optional[str],
         before: Optional[str], at_end: bool, new_version: bool) -> None:
    """Move a paragraph of the latest draft: `draftkit move OP7 --after OP2`.

    REF is a paragraph id or the number shown now (OP4, PP2); a paragraph stays
    preambular or operative.
    """
    from draftkit.edit import move_paragraph

    _report(move_paragraph(project_path(project), ref, _position(after, before, at_end),
                           new_version=new_version))


@app.command("remove", context_settings=CONTEXT)
@click.argument("ref", metavar="REF", shell_complete=complete_paragraph)
@project_option
@click.option("--force", is_flag=True, help="Remove it even if other paragraphs cross-refer to it.")
@new_version_option
def remove(ref: str, project: Optional[Path], force: bool, new_version: bool) -> None:
    """Remove a paragraph from the latest draft: `draftkit remove OP9`.

    REF is a paragraph id or the number shown now. Refused while other paragraphs refer
    to it with {ref:…} or {num:…}, unless --force. The removed lines are printed, so
    they can be put back.
    """
    from draftkit.edit import remove_paragraph

    _report(remove_paragraph(project_path(project), ref, force=force, new_version=new_version))


def _report(result: Any) -> None:
    """Print the summary line, then the paragraphs whose number is new."""
    from draftkit.edit import EditAction
    from draftkit.search import excerpt
    from draftkit.wording import join, verb

    lines = [f"{result.path}: {result.summary()}"]
    if result.changed:
        draft = result.draft
        labels = draft.labels()
        shown = [result.paragraph] if result.action is not EditAction.REMOVE else []
        shown += [r.paragraph for r in result.renumbered]
        by_id = draft.by_id()
        for pid in shown[:_AFFECTED_SHOWN]:
            paragraph = by_id[pid]
            lang = next(iter(paragraph.text))
            lines.append(f"  {labels[pid]:<5} {pid}  "
                         + excerpt(f"{paragraph.opening.get(lang, '')} {paragraph.text[lang]}".strip(), _EXCERPT))
        if len(shown) > _AFFECTED_SHOWN:
            lines.append(f"  … and {len(shown) - _AFFECTED_SHOWN} more")
        if result.removed:
            lines.append("removed lines:")
            lines.append(result.removed.rstrip("\n"))
    echo("\n".join(lines))
    if result.changed and result.dangling:
        labels = result.draft.labels()
        names = join(f"{labels[d]} ({d})" for d in result.dangling)
        echo(f"warning: {names} still {verb(len(result.dangling), 'refers')} to {result.paragraph}: "
                   f"edit {'it' if len(result.dangling) == 1 else 'them'}, or the draft will not build", err=True)


# --- status ------------------------------------------------------------------------------


@app.command("status", context_settings=CONTEXT)
@project_option
@color_option
def status(project: Optional[Path], color: str) -> None:
    """Show where the project stands: draft, counts, translations, checks, deadline, contributions,
    overlaps, negotiation standing (exit status 1 when a contribution file cannot be read)."""
    from draftkit.cli.output import painter, write_lines
    from draftkit.status import project_status

    paint = painter(color)
    state = project_status(project_path(project))
    lines = []
    for label, value in _status_lines(state, paint):
        lines.append(paint(f"{label:<15}", "bold") + value if label else " " * 15 + value)
    write_lines(lines)
    if state.problems:  # shown with the rest; the exit status says a file needs fixing
        raise click.exceptions.Exit(1)


def _status_lines(state: Any, paint: Any) -> list[tuple[str, str]]:
    """(label, text) rows of `draftkit status`, in the order a rapporteur reads them; a
    status is always a word (LATE, closed, error), coloured when colour is on."""
    from draftkit.instants import shown as instant
    from draftkit.status import time_left
    from draftkit.wording import count

    versions = ", ".join(map(str, state.versions))
    rows: list[tuple[str, str]] = [
        ("project", f"{state.name} ({state.root})"),
        ("draft", f"version {state.version} of {state.date.isoformat()} — {state.draft_path.name} (versions: {versions})"),
        ("paragraphs", ", ".join(f"{n} {kind.value}" for kind, n in state.paragraphs)),
    ]
    for language in state.languages:
        text = count(language.paragraphs, "paragraph")
        if language.provided:
            text += " (translation provided for information)"
        if language.missing:
            text += "; " + paint(f"missing {len(language.missing)}", "warning") + ": " + ", ".join(language.missing[:8])
            text += " …" if len(language.missing) > 8 else ""
        outdated = [label for lang, label in state.stale if lang == language.language]
        if outdated:
            text += "; " + paint(f"stale {len(outdated)}", "warning") + " (source changed since): " \
                + ", ".join(outdated[:8]) + (" …" if len(outdated) > 8 else "")
        rows.append((f"  {language.language}", text))
    parts = [paint(count(n, severity), severity) if n else count(n, severity) for severity, n in state.findings]
    check = ", ".join(parts) + ("  (draftkit check)" if any(n for _, n in state.findings) else "")
    rows.append(("check", check))
    if state.deadline is None:
        rows.append(("deadline", "none set (add 'deadline:' to the draft)"))
    else:
        due = state.deadline
        rows.append(("deadline", f"{instant(due.at)} — " + paint(time_left(due.left), "late" if due.closed else "ok")))
        if due.local.utcoffset() != due.at.utcoffset():
            rows.append(("", f"{instant(due.local)} your time"))
    if state.contributions is not None:
        c = state.contributions
        drafts = ", ".join(map(str, c.responds_to))
        rows.append(("contributions", f"{len(c.delegations)} received in {c.round} (on draft {drafts}): "
                                      + ", ".join(c.delegations)))
        if c.late:
            rows.append(("  late", paint(", ".join(c.late), "late")))
        counted = c.proposals - c.late_proposals
        rows.append(("  undecided", f"{len(c.undecided)} of {count(counted, 'proposal')} on time"
                                    + (f": {', '.join(c.undecided[:10])}" if c.undecided else "")
                                    + (" …" if len(c.undecided) > 10 else "")
                                    + (f" ({c.late_proposals} late, not counted)" if c.late_proposals else "")))
        if c.overlaps:
            groups = "; ".join(" × ".join(g) for g in c.overlaps)
            rows.append(("  overlaps", paint(str(len(c.overlaps)), "collision")
                         + f" (draftkit decide groups them): {groups}"))
    negotiation = state.standing
    if negotiation is not None and (negotiation.unmarked < sum(n for _, n in state.paragraphs) or negotiation.bracketed):
        rows.append(("negotiation", f"{negotiation.agreed} agreed, {negotiation.ad_ref} agreed ad ref, "
                                    f"{negotiation.open} open, {negotiation.unmarked} not marked; "
                                    f"{negotiation.bracketed} with brackets"))
    for problem in state.problems:
        rows.append(("problem", paint("error", "error") + ": " + problem))
    return rows
