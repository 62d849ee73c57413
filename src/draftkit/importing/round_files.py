"""Where imported contributions go and under which ids: the round folder answering the
version (or the one named), proposal ids unique across that round, one file per author.
Every path and id is checked and every file loaded back in memory before the first write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

from draftkit.errors import InputError, UsageError
from draftkit.slugs import slug
from draftkit.importing.values import ImportWarning
from draftkit.model import Contribution, ProposalId

HEADER = ("# Imported from {source} by `draftkit import --contribution`: tracked changes became\n"
          "# proposals; check them, and 'submitted_at' (the author's last change in the file, else the file's date).\n")


@dataclass(frozen=True)
class Drafted:
    """One revision author's contribution before it has ids and a file."""

    author: str
    contribution: Contribution


@dataclass(frozen=True)
class WrittenContribution:
    delegation: str
    author: str
    path: Path
    proposals: int


@dataclass(frozen=True)
class ContributionImport:
    """The files written (one per revision author), the round folder, and what could not be
    imported; `tracked`: the file held tracked changes or comments (none of which may have
    become a proposal)."""

    files: tuple[WrittenContribution, ...]
    warnings: tuple[ImportWarning, ...] = ()
    folder: Path | None = None
    tracked: bool = False


def round_for(contributions: Path, version: int, name: str | None = None) -> Path:
    """Return the round folder for contributions answering draft `version`: `name` when
    given; else the latest round whose files respond to `version`; else a new round-<n+1>."""
    from draftkit.loading.contributions import next_round_name, responses, round_folders

    if name is not None:
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._ -]*", name) or name.endswith((".yaml", ".yml")):
            raise UsageError(f"--round {name!r} is not a round folder name", fix="e.g. --round round-2")
        return contributions / name
    answering: dict[str, bool] = {}
    for response in responses(contributions):
        answering[response.round] = answering.get(response.round, True) and response.responds_to == version
    chosen = next((d for d in reversed(round_folders(contributions)) if answering.get(d.name)), None)
    return chosen or contributions / next_round_name(contributions)


def write_contributions(drafted: list[Drafted], project, source: Path, *, output: Path | None = None,
                        round_name: str | None = None) -> ContributionImport:
    """Give each contribution ids unique across its round and a file of its own, check that
    all of them load and that no file exists, then write them all (or none)."""
    from draftkit.files import edit_lock

    if not drafted:
        return ContributionImport(())
    with edit_lock(project.root):  # ids unique across the round even when two imports run at once
        return _write_contributions(drafted, project, source, output, round_name)


def _write_contributions(drafted: list[Drafted], project, source: Path, output: Path | None,
                         round_name: str | None) -> ContributionImport:
    from draftkit.importing.write import write_all
    from draftkit.loading.serialize import contribution_data
    from draftkit.loading.yamlsource import dump_yaml

    contributions = project.config.contributions
    single_file = output is not None and output.suffix in (".yaml", ".yml") and len(drafted) == 1
    if output is not None:
        folder = output.parent if output.suffix in (".yaml", ".yml") else output
    else:
        folder = round_for(contributions, drafted[0].contribution.responds_to, round_name)
    taken = _round_ids(folder) if _inside(folder, contributions) else set()
    texts: dict[Path, str] = {}
    written: list[WrittenContribution] = []
    for item in drafted:
        name = item.contribution.delegation
        prefix = _prefix(name, taken)
        ids = [ProposalId(f"{prefix}-{n}") for n in range(1, len(item.contribution.proposals) + 1)]
        taken.update(ids)
        contribution = replace(item.contribution, proposals=tuple(
            replace(p, id=i) for p, i in zip(item.contribution.proposals, ids)))
        path = output if single_file else _free_name(folder, slug(name, 6) or "contribution", texts)
        assert path is not None
        if path.exists():
            what = _what(path, project)
            raise InputError(f"refusing to overwrite {what}", where=path,
                             fix="give the contribution its own .yaml path, or a folder, with -o"
                             if what.startswith("a project input") else "move it away or give another path with -o"
                             + ("" if output else ", or another round with --round"))
        texts[path] = HEADER.format(source=source.name) + dump_yaml(contribution_data(contribution))
        _check_loads(path, texts[path])
        written.append(WrittenContribution(name, item.author, path, len(ids)))
    write_all(texts, inputs=[source])
    return ContributionImport(tuple(written), folder=folder)


def _what(path: Path, project) -> str:
    """'an existing contribution', 'a project input' (settings, library, draft…) or 'an existing file'."""
    if _inside(path, project.config.contributions):
        return "an existing contribution"
    if path.resolve() in {p.resolve() for p in project.inputs()}:
        return "a project input (a file the project reads)"
    return "an existing file"


def _inside(folder: Path, contributions: Path) -> bool:
    return folder.resolve().is_relative_to(contributions.resolve())


def _round_ids(folder: Path) -> set[str]:
    """The proposal ids already in the round folder (none for a new folder)."""
    from draftkit.loading.contributions import load_round

    if not folder.is_dir() or not any(folder.glob("*.y*ml")):
        return set()
    return set(load_round(folder).proposals())


def _prefix(name: str, taken: Iterable[str]) -> str:
    """Return the id prefix for `name`: its first three letters ('KEN'), more letters when
    those are another delegation's in the round ('AUS' Austria, 'AUST' Australia)."""
    used = {i.rsplit("-", 1)[0] for i in taken}
    letters = re.sub(r"[^A-Z0-9]", "", (slug(name, 6) or "del").upper()) or "DEL"
    for length in range(min(3, len(letters)), len(letters) + 1):
        if letters[:length] not in used:
            return letters[:length]
    n = 2
    while f"{letters[:3]}{n}" in used:
        n += 1
    return f"{letters[:3]}{n}"


def _free_name(folder: Path, stem: str, planned: dict[Path, str]) -> Path:
    """`folder/stem.yaml`, or stem-2… when another author of this import has that name."""
    path, n = folder / f"{stem}.yaml", 2
    while path in planned:
        path, n = folder / f"{stem}-{n}.yaml", n + 1
    return path


def _check_loads(path: Path, text: str) -> None:
    """Read `text` as the contribution file it will be (in memory): the whole file must load
    as draftkit will read it later, its delegation's name included."""
    from draftkit.loading.contributions import load_contribution

    load_contribution(path, text)
