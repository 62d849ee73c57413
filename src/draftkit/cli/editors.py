"""Commands that fit draftkit into the tools drafters already use: schema (JSON Schemas for
editors' YAML language servers). Parse, call the library once, print.
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
