"""Which kind of draftkit file a path is (draft, library, contribution…): from where it lies in
its project, else from its `# yaml-language-server: $schema=…` line. A YAML file that is
neither (a CI configuration beside the project) is no draftkit file. Knows the project
layout; reads at most a file's first lines.
"""

from __future__ import annotations

import re
from pathlib import Path

from draftkit.loading.keys import FILE_KINDS
from draftkit.loading.project import PROJECT_FILE, ProjectConfig, find_root, read_config

YAML_SUFFIXES = (".yaml", ".yml")
_MODELINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(?:\S*/)?([a-z-]+)\.schema\.json\s*$")
#: The files of a language's data folder (draftkit/data/languages/CODE/), by name.
LANGUAGE_FILES = {"language.yaml": "language", "phrases.yaml": "language-phrases",
                  "terminology.yaml": "language-terminology"}


def kind_of(path: Path, config: ProjectConfig | None = None) -> str | None:
    """Return the kind of `path` (a key of `keys.FILE_KINDS`), |None| for a file draftkit
    does not read. `config` is the project holding it (default: found from `path`)."""
    path = path.resolve()
    if path.name == PROJECT_FILE:
        return "project"
    if path.suffix not in YAML_SUFFIXES:
        return None
    if config is None:
        root = find_root(path.parent)
        config = read_config(root) if root is not None else None
    if config is not None:
        found = _by_place(path, config)
        if found is not None:
            return found
    if path.name in LANGUAGE_FILES and (path.parent / "language.yaml").is_file():
        return LANGUAGE_FILES[path.name]
    return _by_modeline(path)


def _by_place(path: Path, config: ProjectConfig) -> str | None:
    if path == config.phrases:
        return "phrases"
    if path == config.terminology:
        return "terminology"
    places = [("draft", config.drafts), *(("library", p) for p in config.libraries),
              ("contribution", config.contributions), ("decisions", config.decisions)]
    for kind, place in places:
        if path == place or path.parent == place or (kind == "contribution" and path.parent.parent == place):
            return kind
    return None


def _by_modeline(path: Path) -> str | None:
    from draftkit.errors import InputError
    from draftkit.files import read_input

    try:  # the start of a regular file only: a named pipe would block, /dev/zero never end a line
        head = read_input(path, limit=4096, start=True).decode("utf-8-sig", "replace")
    except InputError:
        return None
    for line in head.splitlines()[:5]:
        match = _MODELINE.match(line.strip())
        if match and match.group(1) in FILE_KINDS:
            return match.group(1)
    return None


def project_files(config: ProjectConfig) -> list[tuple[Path, str]]:
    """Every YAML file the project at `config` reads, with its kind, in a stable order."""
    found: list[tuple[Path, str]] = []
    settings = config.root / PROJECT_FILE
    if settings.is_file():
        found.append((settings, "project"))
    folders = [("library", p) for p in config.libraries] + [("draft", config.drafts), ("decisions", config.decisions)]
    for kind, place in folders:
        found.extend((p, kind) for p in _yaml_in(place))
    if config.contributions.is_dir():
        for round_folder in sorted(d for d in config.contributions.iterdir() if d.is_dir()):
            found.extend((p, "contribution") for p in _yaml_in(round_folder))
    for kind, file in (("phrases", config.phrases), ("terminology", config.terminology)):
        if file is not None and file.is_file():
            found.append((file, kind))
    return found


def _yaml_in(place: Path) -> list[Path]:
    if place.is_file():
        return [place]
    if place.is_dir():
        return sorted(p for p in place.iterdir() if p.is_file() and p.suffix in YAML_SUFFIXES)
    return []
