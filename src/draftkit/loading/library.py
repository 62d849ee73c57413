"""Clause libraries: `clauses/*.yaml` → `Library`."""

from __future__ import annotations

from pathlib import Path

from draftkit.errors import InputError, Location
from draftkit.loading import keys
from draftkit.loading.fields import Fields
from draftkit.loading.paragraphs import all_texts, check_footnote_calls, lead_text, read_footnotes, read_subparagraphs
from draftkit.loading.yamlsource import load_yaml
from draftkit.model import Clause, ClauseId, Kind, Library

KINDS = [k.value for k in Kind]


def library_files(paths: list[Path]) -> list[Path]:
    """Expand folders into their `*.yaml`/`*.yml` files, sorted, so ids load in a stable order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml")))
        elif path.exists():
            files.append(path)
        else:
            raise InputError("clause library not found", where=path, fix="check 'libraries:' in draftkit.yaml")
    return files


def load_library(paths: list[Path]) -> Library:
    """Load every clause of the given files and folders; ids must be unique across them."""
    clauses: dict[ClauseId, Clause] = {}
    for path in library_files(paths):
        for clause in load_library_file(path):
            if clause.id in clauses:
                first = clauses[clause.id].location
                raise InputError(
                    f"clause id {clause.id!r} is defined twice (also at {first})",
                    where=clause.location,
                    fix="rename one of them",
                )
            clauses[clause.id] = clause
    return Library(clauses)


def load_library_file(path: Path, text: str | None = None) -> list[Clause]:
    """Load the clauses of one library file (`text`, when given, is read instead of the file)."""
    data = load_yaml(path, text)
    if data is None:
        return []
    top = Fields(data, Location(path, 1, 1), f"clause library {path.name}", keys.LIBRARY)
    top.text("library", required=False)
    top.text("description", required=False)
    clauses = [read_clause(item, where) for item, where in top.items("clauses")]
    top.finish()
    seen: dict[str, Location] = {}
    for clause in clauses:
        if clause.id in seen:
            raise InputError(
                f"clause id {clause.id!r} is defined twice (also at {seen[clause.id]})",
                where=clause.location,
                fix="rename one of them",
            )
        seen[clause.id] = clause.location  # type: ignore[assignment]
    return clauses


def read_clause(item: object, where: Location) -> Clause:
    fields = Fields(item, where, "clause", keys.CLAUSE)
    clause_id = fields.text("id")
    assert clause_id is not None
    owner = f"clause {clause_id!r}"
    fields.what = owner
    kind = Kind(fields.choice("kind", KINDS))
    opening = fields.by_language("opening", required=False)
    subs = read_subparagraphs(fields, owner)
    text = lead_text(fields, owner, opening, subs)
    footnotes = read_footnotes(fields, owner)
    tags = fields.strings("tags")
    source = fields.text("source", required=False)
    fields.finish()
    check_footnote_calls(owner, where, footnotes, all_texts(text, subs))
    return Clause(
        id=ClauseId(clause_id),
        kind=kind,
        opening=opening,
        text=text,
        subparagraphs=subs,
        footnotes=footnotes,
        tags=tags,
        source=source,
        location=where,
    )
