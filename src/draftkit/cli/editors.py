"""Commands that fit draftkit into the tools drafters already use: schema (JSON Schemas for
editors' YAML language servers), textconv (what git shows of a DOCX or a draft) and validate
(what the pre-commit hooks run).
Parse, call the library once, print.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from draftkit.cli.app import CONTEXT, app, write_stdout
from draftkit.cli.completion import SHELLS, complete_kind
from draftkit.cli.options import color_option, output_option, project_option, project_path

from draftkit.cli.output import echo, safe
#: The kinds of file `schema` knows (loading/keys.py FILE_KINDS; a test keeps them equal),
#: spelled out so that `--help` does not import the loaders.
KINDS_HELP = ("project (draftkit.yaml), draft, library, contribution, decisions, phrases, terminology, "
              "language, language-phrases or language-terminology (a language's data folder)")


@app.command("schema", context_settings=CONTEXT)
@click.argument("kind", metavar="[KIND]", required=False, shell_complete=complete_kind)
@output_option("Write the schema to PATH (default, or -: standard output).")
@click.option("--install", is_flag=True,
              help="Write the schema of every kind into the project's .draftkit/schemas/, which its files' "
                   "first lines point at (draftkit init does it; run again after upgrading draftkit).")
@project_option
def schema_command(kind: Optional[str], output: Optional[Path], install: bool, project: Optional[Path]) -> None:
    """Print the JSON Schema of one kind of draftkit file, for an editor's YAML language server
    or check-jsonschema; it is generated from the keys draftkit itself reads.

    KIND is the kind of file: project (draftkit.yaml), draft, library, contribution,
    decisions, phrases, terminology, or a language's data: language, language-phrases,
    language-terminology.
    """
    from draftkit.errors import UsageError
    from draftkit.loading.schema import schema_text

    if install:
        if kind is not None or output is not None:
            raise UsageError("--install writes every kind into the project", fix="leave out KIND and -o")
        from draftkit.loading import Project
        from draftkit.scaffold import install_schemas

        written = install_schemas(Project.open(project_path(project)).root)
        echo(f"wrote {len(written)} schemas in {written[0].parent}")
        return
    if kind is None:
        raise UsageError("which kind of file?", fix=f"give KIND: {KINDS_HELP}")
    text = schema_text(kind)
    if output is None or str(output) == "-":
        write_stdout(text.encode("utf-8"))
        return
    from draftkit.files import write_atomic

    write_atomic(output, text)
    echo(f"wrote {output}")


@app.command("textconv", context_settings=CONTEXT)
@click.argument("file", metavar="FILE", type=click.Path(path_type=Path))
@click.option("-p", "--project", "project", metavar="DIR", type=click.Path(path_type=Path), default=None,
              help="The project of a draft file (default: found from the file, or among the projects here).")
def textconv_command(file: Path, project: Optional[Path]) -> None:
    """Print a DOCX or a draft as plain text for git: one paragraph a line with its number,
    footnotes at the end, so `git diff --word-diff` shows the words that changed.

    Set it up once per repository: in .gitattributes, `*.docx diff=draftkit` and
    `drafts/*.yaml diff=draftkit`; then `git config diff.draftkit.textconv "draftkit textconv"`.
    What cannot be rendered is printed as it is after one line saying why: the exit status is 0.
    """
    from draftkit.textconv import text_of

    # what git shows on a terminal: a DOCX's U+009B (a CSI) or bidi override as an escape
    write_stdout(safe(text_of(file, project=project)).encode("utf-8"))


@app.command("validate", context_settings=CONTEXT)
@click.argument("files", metavar="FILE...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--check", "drafting", is_flag=True,
              help="Also run `draftkit check` on each changed draft, and on the latest draft of a project whose "
                   "libraries, settings, phrases or terminology changed.")
@click.option("--fail-on", type=click.Choice(("error", "warning", "info")), default="error", show_default=True,
              help="Exit 1 when a finding is at or above this severity.")
@color_option
def validate_command(files: tuple[Path, ...], drafting: bool, fail_on: str, color: str) -> None:
    """Check that each draftkit file loads as its kind: the keys and values of its JSON Schema
    and the references draftkit resolves. Other files are skipped; nothing is printed when all
    is well.

    Made for pre-commit (.pre-commit-hooks.yaml at the root of draftkit's repository), which
    gives the files that changed. Each finding is one line, as `draftkit check` writes them.
    Exit status: 0 when every file loads and no finding reaches --fail-on, 1 otherwise.
    """
    from draftkit.check import Severity, failing
    from draftkit.check.files import check_files
    from draftkit.cli.check import finding_lines
    from draftkit.cli.output import painter, write_lines

    result = check_files(files, drafting=drafting)
    write_lines(finding_lines(result.findings, painter(color)))
    if failing(result.findings, Severity(fail_on)):
        raise click.exceptions.Exit(1)


@app.command("completion", context_settings=CONTEXT)
@click.argument("shell", metavar="SHELL", type=click.Choice(list(SHELLS)))
def completion_command(shell: str) -> None:
    """Print the script that makes SHELL (bash, zsh or fish) complete draftkit's commands and
    options, draft versions, paragraph numbers and ids, clause ids, rounds and proposal ids.

    Install it once (`draftkit init` prints the line for your shell):

    \b
      bash: draftkit completion bash > ~/.local/share/bash-completion/completions/draftkit
      zsh:  draftkit completion zsh > ~/.zfunc/_draftkit   (with fpath+=~/.zfunc before compinit in ~/.zshrc)
      fish: draftkit completion fish > ~/.config/fish/completions/draftkit.fish
    """
    from draftkit.cli.completion import completion_script

    write_stdout(completion_script(shell).encode("utf-8"))
