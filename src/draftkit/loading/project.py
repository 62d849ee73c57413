"""A draftkit project: a folder with `draftkit.yaml`, clause libraries and draft versions.

    my-resolution/
      draftkit.yaml          project settings (all optional)
      clauses/*.yaml         clause libraries
      drafts/draft-1.yaml    one file per draft version ('version: 1', 'version: 2', …)
      contributions/         member contributions (one YAML per delegation per round)
      decisions/             the co-rapporteurs' decisions
      build/                 outputs
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Callable

from draftkit.errors import DraftkitError, InputError, Location, UnknownReference, shown
from draftkit.files import PROJECT_FILE, find_root
from draftkit.loading.draft import load_draft
from draftkit.loading import keys
from draftkit.loading.fields import Fields
from draftkit.loading.library import load_library
from draftkit.loading.yamlsource import MAX_DIGITS, load_yaml, read_text
from draftkit.model import Draft, Library, Paper
from draftkit.records import record

@record
class ProjectConfig:
    """Settings from `draftkit.yaml`; every path is already absolute."""

    root: Path
    name: str = ""
    libraries: tuple[Path, ...] = ()
    drafts: Path = Path("drafts")
    contributions: Path = Path("contributions")
    decisions: Path = Path("decisions")
    output: Path = Path("build")
    templates: Path | None = None
    reference_docx: Path | None = None
    phrases: Path | None = None
    terminology: Path | None = None
    word_limit: int = 3300
    paper: Paper | None = None  # None: the body's (Letter for the UN General Assembly, A4 otherwise)


def _paper(fields: Fields) -> Paper | None:
    value = fields.choice("paper", [p.value for p in Paper], required=False)
    return Paper(value) if value else None


def default_config(root: Path) -> ProjectConfig:
    """The settings of a project at `root` without a draftkit.yaml: the usual layout."""
    return ProjectConfig(root=root, libraries=_libraries(root, ()), drafts=root / "drafts",
                         contributions=root / "contributions", decisions=root / "decisions", output=root / "build")


def read_config(root: Path) -> ProjectConfig:
    path = root / PROJECT_FILE
    if not path.exists():
        return default_config(root)
    data = load_yaml(path) or {}
    fields = Fields(data, Location(path, 1, 1), PROJECT_FILE, keys.PROJECT)

    def folder(key: str, default: str | None) -> Path | None:
        value = fields.text(key, required=False, default=default)
        return (root / value).resolve() if value else None

    config = ProjectConfig(
        root=root,
        name=fields.text("name", required=False, default="") or "",
        libraries=_libraries(root, fields.strings("libraries")),
        drafts=folder("drafts", "drafts"),  # type: ignore[arg-type]
        contributions=folder("contributions", "contributions"),  # type: ignore[arg-type]
        decisions=folder("decisions", "decisions"),  # type: ignore[arg-type]
        output=folder("output", "build"),  # type: ignore[arg-type]
        templates=folder("templates", None),
        reference_docx=folder("reference_docx", None),
        phrases=folder("phrases", None),
        terminology=folder("terminology", None),
        word_limit=fields.integer("word_limit", required=False, default=3300) or 3300,
        paper=_paper(fields),
    )
    fields.finish()
    return config


def _libraries(root: Path, listed: tuple[str, ...]) -> tuple[Path, ...]:
    """Libraries named in draftkit.yaml (each must exist), else `clauses/` when there is one."""
    if listed:
        return tuple((root / p).resolve() for p in listed)
    default = root / "clauses"
    return (default.resolve(),) if default.exists() else ()


@dataclass
class Project:
    """A project on disk; loads its library and drafts lazily, once."""

    config: ProjectConfig

    @classmethod
    def open(cls, path: Path) -> Project:
        """Open the project holding `path` (a project folder, or any file inside one)."""
        if not path.exists():
            raise InputError("no such file or folder", where=path)
        root = find_root(path)
        if root is None:
            if path.is_dir():
                raise InputError(
                    f"no {PROJECT_FILE} here or above", where=path, fix="run `draftkit init` to make a project"
                )
            root = path.resolve().parent
        return cls(read_config(root))

    @property
    def root(self) -> Path:
        return self.config.root

    @cached_property
    def library(self) -> Library:
        return load_library([p for p in self.config.libraries])

    @cached_property
    def draft_files(self) -> dict[int, Path]:
        """Draft files by version number, read from each file's `version:`."""
        folder = self.config.drafts
        files: dict[int, Path] = {}
        if not folder.is_dir():
            return files
        for path in sorted(folder.glob("*.y*ml")):
            if path.is_dir():  # a folder named like a draft is not one; a pipe or a broken link is refused
                continue
            version = _peek_version(path)
            if version in files:
                raise InputError(
                    f"draft version {version} is also {files[version].name}",
                    where=path,
                    fix="each draft file needs its own 'version:'",
                )
            files[version] = path
        return dict(sorted(files.items()))

    def versions(self) -> list[int]:
        return list(self.draft_files)

    def latest_version(self) -> int:
        if not self.draft_files:
            raise InputError("no draft files", where=self.config.drafts, fix="add drafts/draft-1.yaml")
        return max(self.draft_files)

    def draft(self, version: int | None = None) -> Draft:
        """Load draft `version` (the latest when |None|)."""
        number = self.latest_version() if version is None else version
        if number not in self.draft_files:
            raise UnknownReference(
                f"no draft version {number}",
                where=self.config.drafts,
                fix=f"versions here: {', '.join(map(str, self.draft_files)) or 'none'}",
            )
        return self._load(number)

    def load_draft_file(self, path: Path) -> Draft:
        """Load a draft file given by path (it need not be in `drafts/`)."""
        return load_draft(path, self.library)

    def inputs(self) -> list[Path]:
        """Return every file the project reads (settings, libraries, drafts, contributions,
        decisions, templates, reference DOCX, phrases, terminology), so that no command's
        output is ever written over one of them. Folders stand for the files in them and in their sub-folders."""
        return project_inputs(self.config)

    def _load(self, number: int) -> Draft:
        cache = self.__dict__.setdefault("_drafts", {})
        if number not in cache:
            cache[number] = load_draft(self.draft_files[number], self.library)
        return cache[number]


def read_places(config: ProjectConfig) -> list[Path]:
    """The files and folders a project reads: settings, libraries, drafts, contributions,
    decisions, templates, reference DOCX, phrases, terminology (never its output)."""
    read = (config.root / PROJECT_FILE, *config.libraries, config.drafts, config.contributions, config.decisions,
            config.templates, config.reference_docx, config.phrases, config.terminology)
    return [p for p in read if p is not None]


def project_inputs(config: ProjectConfig) -> list[Path]:
    """Return the files a project at `config` reads (see `Project.inputs`)."""
    found: list[Path] = []
    for path in read_places(config):
        found.extend(place_files(path) if path.is_dir() else [path])
    return found


def place_files(folder: Path) -> list[Path]:
    """The files a project reads in `folder`: those in it and in its sub-folders (round
    folders), sorted; no deeper, since no reader looks deeper (settings naming `/` as a
    library folder must not walk the whole disk on every build)."""
    found: list[Path] = []
    for place in (folder, *(p for p in _entries(folder) if _is(p, stat.S_ISDIR))):
        found.extend(p for p in _entries(place) if _is(p, stat.S_ISREG))
    return sorted(found)


def _entries(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:  # unreadable, or removed meanwhile: nothing the project can read there
        return []


def _is(path: Path, kind: Callable[[int], bool]) -> bool:
    try:
        return kind(path.stat().st_mode)
    except OSError:
        return False


def inputs_near(path: Path) -> list[Path]:
    """Return the inputs of the project holding `path` (which need not exist), [] outside
    one; a project whose settings cannot be read still protects its `draftkit.yaml`."""
    root = find_root(path.parent if not path.exists() else path)
    if root is None:
        return []
    try:
        return project_inputs(read_config(root))
    except DraftkitError:
        return [root / PROJECT_FILE]


def _peek_version(path: Path) -> int:
    """Read only the 'version:' line, so listing versions does not parse every draft."""
    text = read_text(path).lstrip("\ufeff")  # a byte-order mark is not part of line 1
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("version:"):
            value = line.split(":", 1)[1].split("#", 1)[0].strip().strip("'\"")
            if value.isascii() and value.isdigit() and len(value) <= MAX_DIGITS:  # not '²', which int() refuses
                return int(value)
            raise InputError(f"'version' is {shown(value)}, not a number of draftkit's size",
                             where=Location(path, number, 1), fix="number versions 1, 2, 3…")
    raise InputError("draft file has no top-level 'version:' line", where=path, fix="add 'version: 1'")


def open_draft(target: Path, version: int | None = None) -> tuple[Project, Draft]:
    """A project and one of its drafts from what the user typed: a folder or a draft file."""
    project = Project.open(target)
    if target.is_file() and target.name != PROJECT_FILE:
        return project, project.load_draft_file(target)
    return project, project.draft(version)
