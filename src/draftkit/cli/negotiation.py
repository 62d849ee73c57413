"""Commands of the negotiation after the first round: decide (see `draftkit.negotiation`).

Each parses its options, makes one library call and prints whole lines; user text is
never read as markup (square brackets are negotiation brackets).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from draftkit.cli.app import CONTEXT, app
from draftkit.cli.completion import complete_proposal, complete_round, complete_verdict
from draftkit.cli.options import lang_option, one_language, output_option, project_option
from draftkit.cli.output import echo, json_text
from draftkit.wording import count as plural


def round_option(function):
    return click.option("--round", "round_name", metavar="NAME", default=None, shell_complete=complete_round,
                        help="The round, as its folder under contributions/ is named (default: the latest).")(function)


def open_project(folder: Optional[Path]):
    """The project at `folder`, or the nearest one at or above the current folder."""
    from draftkit.loading.project import Project

    return Project.open(folder if folder is not None else Path.cwd())


def round_folder(project, name: Optional[str]) -> Optional[Path]:
    """`--round NAME` as the round's folder (None: the latest round)."""
    from draftkit.errors import InputError
    from draftkit.loading.contributions import round_folders

    if name is None:
        return None
    folder = project.config.contributions / name
    if not folder.is_dir():
        known = ", ".join(f.name for f in round_folders(project.config.contributions)) or "none yet"
        raise InputError(f"no round {name!r}", where=project.config.contributions, fix=f"rounds here: {known}")
    return folder


@app.command("decide", context_settings=CONTEXT)
@click.argument("proposal", metavar="[ID]", required=False, shell_complete=complete_proposal)
@click.argument("verdict", metavar="[DECISION]", required=False, shell_complete=complete_verdict)
@project_option
@round_option
@click.option("--text", metavar="WORDS", default=None, help="accept-revised: the revised words (in --lang).")
@lang_option("The language of --text (default: the draft's first).")
@click.option("--into", metavar="ID", default=None, help="merged: the proposal this one is folded into.")
@click.option("--note", metavar="NOTE", default=None, help="A note recorded with the decision.")
def decide_command(proposal: Optional[str], verdict: Optional[str], project: Optional[Path],
                   round_name: Optional[str], text: Optional[str], langs: tuple[str, ...], into: Optional[str],
                   note: Optional[str]) -> None:
    """Write the round's decisions file: every proposal, where it was seen and where it is
    now, overlaps grouped, decision pending; with ID and DECISION, record that decision.

    DECISION is accept, reject, accept-revised, merged or pending. Run it again when late
    contributions arrive: new proposals are added, and every decision and comment already
    in the file stays as typed. Lines starting with ## are draftkit's and are rewritten;
    exit status 1 when a contribution file could not be read (the others are still written).
    """
    from draftkit.errors import UsageError
    from draftkit.negotiation.decide import decide

    if (proposal is None) != (verdict is None):
        raise UsageError("give a proposal and its decision, or neither", fix="e.g. draftkit decide KEN-2 accept")
    if proposal is None and (text or into or note):
        raise UsageError("--text, --into and --note go with a decision", fix="e.g. draftkit decide KEN-2 reject --note …")
    lang = one_language(langs, "decide")
    opened = open_project(project)
    done = decide(opened, round_folder(opened, round_name), proposal=proposal, verdict=verdict, text=text,
                  language=lang, into=into, note=note)
    where = done.path.relative_to(opened.root) if done.path.is_relative_to(opened.root) else done.path
    if done.changed is not None:
        verb = "stays" if done.before == done.after else f"was {done.before}"
        echo(f"{done.changed}: {done.after} ({verb}) — {where}")
    else:
        echo(f"wrote {where}: {plural(done.proposals, 'proposal')} of {done.round} on draft "
                   f"{done.current}, {done.pending} pending")
    if done.added:
        echo(f"new since the last run: {', '.join(done.added)}")
    for name, members in done.groups if done.changed is None else ():
        echo(f"overlap {name}: {', '.join(members)}")
    if done.orphans:
        echo(f"kept as typed, not proposals of {done.round}: {', '.join(done.orphans)}")
    if done.problems:
        for problem in done.problems:
            echo(f"error: {problem}", err=True)
        raise click.exceptions.Exit(1)




@app.group("translations", invoke_without_command=True, context_settings=CONTEXT)
@project_option
@lang_option("Only this language (repeatable).")
@click.pass_context
def translations_command(ctx: click.Context, project: Optional[Path], langs: tuple[str, ...]) -> None:
    """List the translations to make or update in the latest draft: each text whose source
    changed since it was translated (the change as [-deleted-]{+inserted+}), and each text
    with no translation; exit status 1 when there are some.

    `translations export -l CODE` writes them as XLIFF 2.0 for translators' CAT tools;
    `translations import FILE` takes the translated file back.
    """
    if ctx.invoked_subcommand is not None:
        return
    from draftkit.cli.options import languages
    from draftkit.negotiation.translations import around_marks
    from draftkit.negotiation.xliff import to_translate

    opened = open_project(project)
    draft = opened.draft()
    history = [opened.draft(v) for v in opened.versions() if v < draft.meta.version]
    source = draft.meta.languages[0]
    total = 0
    for language in languages(langs) or [x for x in draft.meta.languages if x != source]:
        other = next((x for x in draft.meta.languages if x != language), source)
        for unit in to_translate(draft, history, language, other):
            total += 1
            what = f"source changed: {around_marks(unit.change)}" if unit.change else (
                "source changed (its earlier wording is in no draft version)" if unit.previous else "no translation yet")
            echo(f"{unit.item.label} ({language}): {what}")
    if not total:
        echo(f"draft {draft.meta.version}: every translation is up to date")
        return
    echo(f"{plural(total, 'text')} to translate: draftkit translations export -l CODE")
    raise click.exceptions.Exit(1)


@translations_command.command("export", context_settings=CONTEXT)
@project_option
@lang_option("A language to translate into (repeatable; default: every language of the draft but its first).")
@output_option("The .xlf file, with one --lang (default: build/<project>-draft<N>.<source>-<lang>.xlf).")
def export_command(project: Optional[Path], langs: tuple[str, ...], output: Optional[Path]) -> None:
    """Write what the latest draft needs translated as XLIFF 2.0, one file per language (for
    each language's translators): one unit per text, the previous translation and the
    source's change as notes, footnote calls, references, formatting and brackets as
    inline codes the CAT tool protects."""
    from draftkit.cli.options import languages
    from draftkit.errors import UsageError
    from draftkit.negotiation.xliff import export_xliff

    chosen = languages(langs)
    if output is not None and len(chosen) != 1:
        raise UsageError("-o names one file: give it with one --lang", fix="e.g. draftkit translations export -l fr -o fr.xlf")
    opened = open_project(project)
    draft = opened.draft()
    for lang in chosen or draft.meta.languages[1:]:
        done = export_xliff(opened, draft, lang, output)
        if not done.units:
            echo(f"nothing to translate into {lang}: every text is up to date")
        else:
            echo(f"wrote {done.path}: {plural(done.units, 'unit')} to translate from {done.source} into {lang}")


@translations_command.command("import", context_settings=CONTEXT)
@click.argument("files", metavar="FILE...", nargs=-1, required=True, type=click.Path(path_type=Path))
@project_option
def import_command(files: tuple[Path, ...], project: Optional[Path]) -> None:
    """Write the translated units of XLIFF files (one per language, as the translators send
    them back) into the latest draft, in place. A unit whose source text changed since the
    export, or whose inline codes the translation broke, is refused (one line each, exit
    status 1); the others are applied."""
    from draftkit.negotiation.xliff import import_xliff

    opened = open_project(project)
    refused = False
    for path in files:
        done = import_xliff(opened, path)  # each on the draft as the file before left it
        echo(f"{done.path.name}: {plural(len(done.applied), 'translation')} into {done.language} imported"
             + (f"; up to date: {', '.join(done.refreshed)}" if done.refreshed else ""))
        for refusal in done.refused:
            echo(f"error: {refusal.reason}", err=True)
        refused = refused or bool(done.refused)
    if refused:
        raise click.exceptions.Exit(1)


def _draft_number(value: Optional[str]) -> Optional[int]:
    from draftkit.errors import UsageError

    if value is None:
        return None
    try:
        return int(value.lower().lstrip("v"))
    except ValueError:
        raise UsageError(f"--draft {value!r} is not a version number", fix="e.g. --draft 3") from None


@app.command("history", context_settings=CONTEXT)
@click.argument("reference", metavar="REF")
@project_option
@click.option("--draft", "draft", metavar="N", default=None, help="The version REF's number is read in (default: the latest).")
@lang_option("The language of the texts shown (default: the draft's first).")
@click.option("-f", "--format", "format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text or json.")
def history_command(reference: str, project: Optional[Path], draft: Optional[str], langs: tuple[str, ...],
                    format: str) -> None:
    """Show a paragraph (an id, or a number such as OP5 as numbered in --draft) through every
    version: its number and text in each, each change as [-deleted-]{+inserted+}, and the
    round, delegation, proposal and decision behind it (else the co-rapporteurs)."""
    from draftkit.negotiation.history import project_history

    found = project_history(open_project(project), reference, draft=_draft_number(draft),
                            language=one_language(langs, "history"))
    if format == "json":
        echo(json_text({"paragraph": found.paragraph, "language": found.language, "versions": [
            {"draft": s.version, "label": s.label, "text": s.text, "changes": [
                {"what": c.what, "kind": c.kind, "language": c.language, "by": [credit.__dict__ for credit in c.credits]}
                for c in s.changes]} for s in found.steps]}))
        return
    echo(f"{found.paragraph} ({found.language})")
    for step in found.steps:
        where = step.label or "—"
        if step.label is None and not step.changes:
            continue
        head = f"draft {step.version}  {where:<6}"
        if not step.changes:
            echo(f"{head} unchanged")
            continue
        for index, change in enumerate(step.changes):
            by = "; ".join(c.shown() for c in change.credits)
            lang = f"({change.language}) " if change.language else ""
            echo(f"{head if index == 0 else ' ' * len(head)} {lang}{change.what} — {by}")


@app.command("blame", context_settings=CONTEXT)
@click.argument("references", metavar="[REF]...", nargs=-1)
@project_option
@click.option("--draft", "draft", metavar="N", default=None, help="The version to annotate (default: the latest).")
@lang_option("The language of the texts (default: the draft's first).")
@click.option("-f", "--format", "format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text or json.")
def blame_command(references: tuple[str, ...], project: Optional[Path], draft: Optional[str],
                  langs: tuple[str, ...], format: str) -> None:
    """Annotate each word of a draft (default: the latest; or only the paragraphs REF) with
    the version that introduced it and whose it was: a delegation's proposal (with its
    round) or the co-rapporteurs, followed through every version and move."""
    from draftkit.negotiation.history import project_blame

    found = project_blame(open_project(project), references, draft=_draft_number(draft),
                          language=one_language(langs, "blame"))
    if format == "json":
        echo(json_text([{"paragraph": a.paragraph, "label": a.label, "item": a.item, "runs": [
            {"words": r.words, **r.credit.__dict__} for r in a.runs]} for a in found]))
        return
    shown = None
    for annotated in found:
        if annotated.paragraph != shown:
            shown = annotated.paragraph
            echo(f"{annotated.label.split(' ')[0].split('(')[0]}  {annotated.paragraph}")
        part = annotated.label.split(" ", 1)[1] if annotated.item == "opening" or annotated.item.startswith("footnote/") \
            else annotated.label
        for run in annotated.runs:
            who = run.credit.who if run.credit.proposal is None else f"{run.credit.who} ({run.credit.proposal})"
            echo(f"  {part:<12} draft {run.credit.version:<3} {who[:30]:<30} {run.words}")
