"""Commands that fit draftkit into the tools drafters already use: schema (JSON Schemas for
editors' YAML language servers) and textconv (what git shows of a DOCX or a draft).
Parse, call the library once, print.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from draftkit.cli.app import app, write_stdout

#: The kinds of file `schema` knows (loading/keys.py FILE_KINDS; a test keeps them equal),
#: spelled out so that `--help` does not import the loaders.
KINDS_HELP = "project (draftkit.yaml), draft, library, contribution, decisions, phrases or terminology"


@app.command("schema")
def schema_command(
    kind: str = typer.Argument(..., help=f"The kind of file: {KINDS_HELP}."),
    output: Optional[Path] = typer.Option(
        None, "-o", "--output", metavar="PATH", help="Write the schema to PATH (default, or -: standard output)."),
) -> None:
    """Print the JSON Schema of one kind of draftkit file, for an editor's YAML language server
    or check-jsonschema; it is generated from the keys draftkit itself reads.
    """
    from draftkit.loading.schema import schema_text

    text = schema_text(kind)
    if output is None or str(output) == "-":
        write_stdout(text.encode("utf-8"))
        return
    from draftkit.files import write_atomic

    write_atomic(output, text)
    typer.echo(f"wrote {output}")


@app.command("textconv")
def textconv_command(
    file: Path = typer.Argument(..., help="The DOCX or draft file git hands over."),
    project: Optional[Path] = typer.Option(
        None, "-p", "--project", metavar="DIR",
        help="The project of a draft file (default: found from the file, or among the projects here)."),
) -> None:
    """Print a DOCX or a draft as plain text for git: one paragraph a line with its number,
    footnotes at the end, so `git diff --word-diff` shows the words that changed.

    Set it up once per repository: in .gitattributes, `*.docx diff=draftkit` and
    `drafts/*.yaml diff=draftkit`; then `git config diff.draftkit.textconv "draftkit textconv"`.
    What cannot be rendered is printed as it is after one line saying why: the exit status is 0.
    """
    from draftkit.textconv import text_of

    write_stdout(text_of(file, project=project).encode("utf-8"))
