"""Commands: build (a draft → DOCX / md / txt / PDF) and init (a new project).

Each parses its arguments, makes one library call (`draftkit.build.build`,
`draftkit.scaffold.scaffold`) and prints what it wrote.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, List, Optional

import click

from draftkit.cli.app import CONTEXT, app, refuse_bytes_on_terminal, stdout_errors, warning_line, write_stdout
from draftkit.cli.options import (draft_option, format_option, lang_option, languages,
                                  open_project_draft, output_option, project_option, project_path)

from draftkit.cli.output import echo
FORMATS = ("docx", "md", "txt", "pdf")
BODIES = ("ipu-assembly", "un-general-assembly")


def _print_written(paths: list[Path]) -> None:
    with stdout_errors():
        for path in paths:
            echo(f"wrote {path}")  # a whole line: a path is never wrapped


@app.command(context_settings=CONTEXT)
@project_option
@draft_option()
@lang_option("Language to build (repeatable; default: the draft's languages).")
@format_option(FORMATS, "Output format (repeatable; default: docx, or the extension of -o; txt with -o -).",
               multiple=True)
@output_option("Output folder, or output file for one format; - for standard output (one language, one "
               "format; docx/pdf only into a pipe).")
@click.option("--number-preambular", is_flag=True, help="Number preambular paragraphs PP1, PP2… (drafts for amendment).")
@click.option("--watch", is_flag=True, help="Rebuild after every save of a draft, library, template or contribution "
              "(Ctrl-C stops, exit status 0).")
@click.option("--negotiation", is_flag=True, help="The negotiation version: brackets kept, alternatives labelled, "
              "their holders named (file names end in -negotiation).")
@click.option("--status-column", is_flag=True, help="In the negotiation version, each paragraph's standing (agreed "
              "ad ref, open …) in a column beside it.")
@click.option("--keep-brackets", is_flag=True, help="Build the clean version although brackets remain, printing "
              "them as they are.")
def build(project: Optional[Path], draft: Optional[str],
          langs: tuple[str, ...], format: tuple[str, ...], output: Optional[Path], number_preambular: bool,
          watch: bool, negotiation: bool, status_column: bool, keep_brackets: bool) -> None:
    """Render a draft as a numbered resolution: build/<name>-draft<N>.<lang>.docx by default.

    The clean version is refused while bracketed words remain (naming the paragraphs):
    build the negotiation version with --negotiation, or use --keep-brackets.
    """
    from draftkit.build import Format, build as build_draft
    from draftkit.errors import UsageError
    from draftkit.negotiation.render import Edition

    edition = Edition(negotiation=negotiation or status_column, status_column=status_column,
                      keep_brackets=keep_brackets)

    lang = list(languages(langs))
    formats = [Format(v) for v in dict.fromkeys(format)]
    if output == Path("-"):  # files.STDOUT
        if watch:
            raise UsageError("--watch writes files, not standard output", fix="give an output folder with -o")
        return _to_stdout(project, draft, lang, formats, number_preambular, edition)
    if not formats:
        suffix = output.suffix[1:] if output is not None and not output.is_dir() else ""
        formats = [Format(suffix)] if suffix in FORMATS else [Format.DOCX]

    def once() -> list[Path]:
        opened, chosen = open_project_draft(project, draft)
        return build_draft(opened, chosen, languages=lang or _default_languages(opened, chosen, edition),
                           formats=formats, output=output, number_preambular=number_preambular, edition=edition)

    if watch:
        return watch_builds(project_path(project), once, output)
    _print_written(once())


def _default_languages(opened, chosen, edition) -> list[str]:
    """The draft's languages, less a translation provided for information that is not
    ready (said on stderr, with what building it would refuse)."""
    from draftkit.build import default_languages
    from draftkit.languages import language as language_data

    languages, unready = default_languages(opened, chosen, edition)
    for left in unready:
        name = language_data(left.language).english_name
        warning_line(f"{name} ({left.language}) not built, a translation provided for information that is not "
                     f"ready: {left.reason} (draftkit build -l {left.language} once it is)")
    return languages


def _to_stdout(project: Optional[Path], draft: Optional[str], lang: List[str], formats: list, number_preambular: bool,
               edition: object) -> None:
    """`build -o -`: one language in one format on standard output. Text by default; a
    DOCX or PDF only into a pipe or a file, never onto a terminal."""
    from draftkit.build import Format, build_bytes
    from draftkit.errors import UsageError

    if len(formats) > 1:
        raise UsageError("standard output takes one format", fix="give one --format with -o -")
    fmt = formats[0] if formats else Format.TEXT
    refuse_bytes_on_terminal(fmt.value, "draft")
    if len(lang) > 1:
        raise UsageError("standard output takes one language", fix="give one --lang with -o -")
    opened, chosen = open_project_draft(project, draft)
    data = build_bytes(opened, chosen, fmt, language=lang[0] if lang else None, number_preambular=number_preambular,
                       edition=edition)  # type: ignore[arg-type]
    write_stdout(data)


def watch_builds(target: Path, rebuild: Callable[[], list[Path]], output: Optional[Path] = None) -> None:
    """Run `draftkit.watch.watch` on `target`, printing one line per build until Ctrl-C,
    which is how watching ends: quietly, exit status 0."""
    from datetime import datetime

    from draftkit.loading import Project
    from draftkit.watch import watch

    # Outputs written elsewhere (-o) are skipped by the loop itself, once written.
    out = output if output is not None and output.is_dir() else Project.open(target).config.output

    def report(event) -> None:
        stamp = datetime.now().strftime("%H:%M:%S")
        cause = ", ".join(p.name for p in event.changed[:3]) + (" …" if len(event.changed) > 3 else "")
        head = f"[{stamp}] " + (f"{cause} changed: " if cause else "")
        if event.error is not None:
            echo(f"{head}error: {event.error.message}; the previous output is kept", err=True)
        else:
            echo(f"{head}wrote {', '.join(str(p) for p in event.outputs)}")

    echo(f"watching {target} (Ctrl-C to stop)")
    try:
        watch(target, rebuild, report, output=out)
    except KeyboardInterrupt:
        # outputs are written atomically: stopping mid-build leaves the previous ones
        echo()  # end the line the terminal's "^C" started
        raise click.exceptions.Exit(0) from None


@app.command(context_settings=CONTEXT)
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path))
@click.option("--body", type=click.Choice(BODIES), default=BODIES[0], show_default=True,
              help="The body whose templates the project uses.")
@lang_option("Language of the draft (repeatable; default: en and fr).")
def init(folder: Path, body: str, langs: tuple[str, ...]) -> None:
    """Create a project that builds out of the box: settings, a clause library, draft 1."""
    import os

    from draftkit.cli.completion import install_lines
    from draftkit.loading.schema import PROJECT_SCHEMAS
    from draftkit.scaffold import scaffold

    written = scaffold(folder, body=body, languages=list(languages(langs)) or ["en", "fr"])
    schemas = folder / PROJECT_SCHEMAS
    _print_written([p for p in written if schemas not in p.parents])
    with stdout_errors():
        echo(f"wrote {schemas}/ (the JSON Schemas of draftkit's files: your editor's YAML language server "
                   "validates and completes them)")
        echo("\n".join(install_lines(os.environ.get("SHELL"))))
