"""`draftkit init`: a new project folder that builds out of the box.

Copies the starter files of `data/scaffold/`, filling in the body, languages and date.
Knows the project layout; knows no rendering.
"""

from __future__ import annotations

import re

from datetime import date
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Sequence

from draftkit.errors import InputError, UsageError
from draftkit.files import write_atomic
from draftkit.loading.schema import with_modeline
from draftkit.loading.yamlsource import dump_yaml
from draftkit.languages import codes as language_codes
from draftkit.model import Body

#: Session and document symbol the starter draft gets for each body.
STARTER = {
    Body.IPU_ASSEMBLY: ("150", "C-III/150/DR"),
    Body.UN_GENERAL_ASSEMBLY: ("80", "A/C.3/80/L.1"),
}


def _files(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    out: list[tuple[str, Traversable]] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            out.extend(_files(entry, f"{prefix}{entry.name}/"))
        elif not entry.name.startswith("."):
            out.append((prefix + entry.name, entry))
    return out


def scaffold(folder: Path, *, body: str = "ipu-assembly", languages: Sequence[str] = ("en", "fr"),
             today: date | None = None) -> list[Path]:
    """Create a project in `folder` (absent or empty); return the files written.

    Raises `InputError` when the folder holds anything, `UsageError` for an unknown
    body or language.
    """
    bodies = {b.value: b for b in Body}
    if body not in bodies:
        raise UsageError(f"unknown body {body!r}", fix=f"use one of: {', '.join(bodies)}")
    for language in languages:
        if language not in language_codes():
            raise UsageError(f"unknown language {language!r}", fix=f"use one of {', '.join(language_codes())}")
    if folder.exists() and not folder.is_dir():
        raise InputError("is a file, not a folder", where=folder, fix="choose a new folder name")
    if folder.exists() and any(folder.iterdir()):
        raise InputError("folder is not empty", where=folder, fix="choose a new folder name")
    session, symbol = STARTER[bodies[body]]
    values = {
        # through the YAML writer: a folder named "true", "1.0" or "a: b" must stay text
        "name: @NAME@\n": dump_yaml({"name": folder.resolve().name}),
        "@BODY@": body,
        "@DATE@": (today or date.today()).isoformat(),
        "@SESSION@": session,
        "@SYMBOL@": symbol,
        "@LANGUAGES@": ", ".join(dict.fromkeys(languages)),
    }
    written = install_schemas(folder)
    for name, source in _files(resources.files("draftkit") / "data" / "scaffold"):
        text = source.read_text(encoding="utf-8")
        for key, value in values.items():
            text = text.replace(key, value)
        if name.endswith(".yaml"):
            text = _only_languages(text, languages)
        kind = _KINDS.get(name.split("/")[0])
        written.append(write_atomic(folder / name, with_modeline(text, kind, folder / name, folder) if kind else text))
    return written


def _only_languages(text: str, languages: Sequence[str]) -> str:
    """The starter text without the lines of languages the project does not use (the starter
    files give every text in all six languages, one language per line)."""
    others = [code for code in language_codes() if code not in languages]
    if not others:
        return text
    line = re.compile(r"^[ \t]+(?:" + "|".join(others) + r"): .*\n", re.MULTILINE)
    return line.sub("", text)


#: The kind of each starter file (by its name or folder), for its schema line.
_KINDS = {"draftkit.yaml": "project", "clauses": "library", "drafts": "draft"}


def install_schemas(root: Path) -> list[Path]:
    """Write the JSON Schema of every kind of draftkit file into the project's
    .draftkit/schemas/ (replacing older copies: run again after upgrading draftkit), so an
    editor validates and completes the project's files offline; return the files written."""
    from draftkit.loading.schema import kinds, schema_path, schema_text

    return [write_atomic(schema_path(root, kind), schema_text(kind)) for kind in kinds()]
