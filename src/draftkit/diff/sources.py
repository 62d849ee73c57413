"""Read what the user names as OLD or NEW: a draft version of a project ('2', 'v2'), a
draft file, a git revision of a file ('HEAD~1:drafts/draft-2.yaml'), or a DOCX file.

Each becomes a `Side`: a document tree plus date, default author and provenance.
Knows loaders, the layout and the DOCX reader; knows nothing of diffing or printing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from typing import TYPE_CHECKING

from draftkit.errors import InputError, ToolMissing
from draftkit.render.tree import DocTree
from draftkit.records import record

if TYPE_CHECKING:  # the model is imported only when a draft is read
    from draftkit.model import ChangeRecord, Draft

_VERSION = re.compile(r"^[vV]?(\d+)$")
_GIT = re.compile(r"^(?P<rev>[^:\s]+):(?P<path>.+)$")
_RANGE = re.compile(r"^(?P<old>[^:\s.][^:\s]*?)?(?P<dots>\.\.\.?)(?P<new>[^:\s.][^:\s]*)?$")


def split_range(old: str, new: str, *, project: Path | None = None) -> tuple[str, str]:
    """`main..feature` with a draft file `path` → (`main:path`, `feature:path`), as `git diff`
    reads a range; `main...feature` compares from where the branches forked. Either end may
    be left out (HEAD). Anything else comes back as given."""
    match = _RANGE.match(old)
    if match is None or old.startswith(("./", "../")) or Path(old).exists() or ":" in new:
        return old, new
    start, end = match.group("old") or "HEAD", match.group("new") or "HEAD"
    if match.group("dots") == "...":
        start = _git(["merge-base", start, end], old, project).strip()
    return f"{start}:{new}", f"{end}:{new}"


def _git(arguments: list[str], spec: str, project: Path | None) -> str:
    """Run git (arguments after the subcommand and `--end-of-options`, never read as options)."""
    if shutil.which("git") is None:
        raise ToolMissing("git is not installed", where=spec, fix="install git, or give the old draft as a file")
    command, *rest = arguments
    done = subprocess.run(["git", command, "--end-of-options", *rest], cwd=project or Path.cwd(),
                          capture_output=True, check=False)
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(f"git {command}: {lines[0].removeprefix('fatal: ') if lines else 'failed'}", where=spec,
                         fix="check the branch or revision names with `git branch` and `git log`")
    return done.stdout.decode("utf-8", "replace")


@record
class Side:
    """One side of a comparison: its tree and what the redline needs to know about it.

    `parts` are the parts of the package when the side was read from a DOCX (the tree is
    then empty: DOCX sides are compared as packages, see `diff.ooxml`); `inputs` are
    files an output must never overwrite.
    """

    name: str
    tree: DocTree
    date: datetime | None = None
    author: str = "Co-rapporteurs"
    provenance: tuple[ChangeRecord, ...] = ()
    parts: dict[str, bytes] | None = None
    inputs: tuple[Path, ...] = ()
    reference: Path | None = None  # a project's reference DOCX (styles of the output)

    def package(self) -> dict[str, bytes]:
        """The side as DOCX parts: its own, or the draft rendered by draftkit's writer."""
        if self.parts is not None:
            return self.parts
        from draftkit.render.docx import docx_parts

        return docx_parts(self.tree, self.reference, author=self.author)


def load_side(spec: str, *, project: Path | None = None, language: str | None = None) -> Side:
    """Return the side named by `spec` (see the module docstring), in `language` for drafts.

    Raises `InputError` when the input is missing, unreadable, not a DOCX, has no
    paragraphs, or names a git revision that does not exist.
    """
    path = Path(spec)
    if path.exists():
        if path.suffix.lower() in _DOCUMENT_SUFFIXES or _is_document(path):
            return _docx_side(path, spec)  # the DOCX reader names a .doc, .odt or PDF for what it is
        return _draft_side(path, spec, project, language, text=None)
    version = _VERSION.match(spec)
    if version:
        return _version_side(int(version.group(1)), spec, project, language)
    git = _GIT.match(spec)
    if git and not re.match(r"^[A-Za-z]:[\\/]", spec):
        return _git_side(git.group("rev"), git.group("path"), spec, project, language)
    raise InputError("no such file, draft version or git revision", where=spec,
                     fix="give a draft version (2 or v2), a draft or DOCX file, or REV:path such as HEAD~1:drafts/draft-2.yaml")


_DOCUMENT_SUFFIXES = (".docx", ".docm", ".dotx", ".doc", ".odt", ".rtf", ".pdf")
#: How a zip (DOCX), an old Word file, an RTF and a PDF begin.
_DOCUMENT_MAGIC = (b"PK", b"\xd0\xcf\x11\xe0", b"{\\rtf", b"%PDF")


def _is_document(path: Path) -> bool:
    if not path.is_file():  # a pipe or a device is refused by the reader it goes to, unopened
        return False
    try:
        with path.open("rb") as handle:
            return handle.read(4).startswith(_DOCUMENT_MAGIC)
    except OSError:
        return False


def draft_side(draft: Draft, name: str, language: str | None, templates: Path | None = None,
               reference: Path | None = None) -> Side:
    """Return the side of an already loaded draft, laid out in `language` (default: its first)."""
    from draftkit.loading import require_language
    from draftkit.render.layout import LayoutOptions, layout

    lang = language or draft.meta.languages[0]
    require_language(draft, lang)
    tree = layout(draft, lang, LayoutOptions(templates=templates))
    day = draft.meta.date
    return Side(name=name, tree=tree, date=datetime(day.year, day.month, day.day, tzinfo=timezone.utc),
                author=draft.meta.author, provenance=draft.provenance,
                inputs=(draft.path,) if draft.path else (), reference=reference)


def _project(project: Path | None, near: Path | None = None):
    """The project named by --project, else the one holding the draft file `near`.

    A draft file may lie outside any project: its folder then stands for one, as for
    `build` and `check` (a git revision of a file that is gone: the nearest folder that is).
    """
    from draftkit.loading import Project
    from draftkit.loading.project import find_root, read_config

    if project is not None or near is None:
        return Project.open(Path(project or Path.cwd()))
    if near.exists():
        return Project.open(near)
    folder = next((p for p in near.parents if p.exists()), Path.cwd()).resolve()
    return Project.open(folder) if find_root(folder) else Project(read_config(folder))


def _version_side(version: int, spec: str, project: Path | None, language: str | None) -> Side:
    proj = _project(project)
    return draft_side(proj.draft(version), f"draft {version}", language, proj.config.templates, proj.config.reference_docx)


def _draft_side(path: Path, spec: str, project: Path | None, language: str | None, text: str | None) -> Side:
    from draftkit.loading import load_draft

    if path.is_dir():
        proj = _project(path)
        return draft_side(proj.draft(), f"draft {proj.latest_version()}", language, proj.config.templates, proj.config.reference_docx)
    proj = _project(project, path)
    draft = load_draft(path, proj.library, text)
    return draft_side(draft, spec, language, proj.config.templates, proj.config.reference_docx)


def _git_side(rev: str, file: str, spec: str, project: Path | None, language: str | None) -> Side:
    if shutil.which("git") is None:
        raise ToolMissing("git is not installed", where=spec, fix="install git, or give the old draft as a file")
    if rev.startswith("-") or file.startswith("-") or "\0" in spec:
        # never an option of git's (`--output=PATH:x` would make git write a file)
        raise InputError("a git revision cannot start with '-'", where=spec,
                         fix="give REV:path such as HEAD~1:drafts/draft-2.yaml")
    where = project or Path.cwd()
    data = b""
    message = ""
    for name in (file, f"./{file}"):  # as given from the repository root, then from here
        kind = _run_git(["cat-file", "-t", "--end-of-options", f"{rev}:{name}"], where)
        if kind.returncode == 0 and kind.stdout.strip() != b"blob":
            raise InputError(f"names a {kind.stdout.strip().decode('ascii', 'replace')} in git, not a file",
                             where=spec, fix="name one draft or DOCX file, such as HEAD~1:drafts/draft-2.yaml")
        if kind.returncode == 0:
            _refuse_large_blob(f"{rev}:{name}", spec, where)
        done = _run_git(["cat-file", "blob", "--end-of-options", f"{rev}:{name}"], where) if kind.returncode == 0 else kind
        if done.returncode == 0:
            data = done.stdout
            break
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        message = message or (lines[0] if lines else "")
    else:
        raise InputError(f"git revision not found ({message.removeprefix('fatal: ')})" if message
                         else "git revision not found", where=spec,
                         fix="check the revision and the path with `git log -- PATH`")
    if file.lower().endswith(".docx") or data[:2] == b"PK":
        with tempfile.TemporaryDirectory(prefix="draftkit-") as folder:
            copy = Path(folder) / Path(file).name
            copy.write_bytes(data)
            side = _docx_side(copy, spec)
        return replace(side, inputs=())
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", where=spec, fix="give a draft YAML file or a DOCX") from None
    return _draft_side(where / file, spec, project, language, text=text)


def _refuse_large_blob(object_name: str, spec: str, where: Path) -> None:
    """Refuse a blob larger than draftkit reads from disk before git unpacks it into memory
    (a repository of a megabyte can hold a draft of gigabytes of one repeated letter)."""
    from draftkit.docxread.package import MAX_FILE_BYTES
    from draftkit.files import MAX_INPUT_BYTES, megabytes

    sized = _run_git(["cat-file", "-s", "--end-of-options", object_name], where)
    size = int(sized.stdout.strip()) if sized.returncode == 0 and sized.stdout.strip().isdigit() else 0
    limit = MAX_FILE_BYTES if spec.lower().endswith(".docx") else MAX_INPUT_BYTES
    if size > limit:
        raise InputError(f"is {megabytes(size)} in git; draftkit reads a draft or DOCX file of up to"
                         f" {megabytes(limit)}", where=spec, fix="check the revision and the path")


def _run_git(arguments: list[str], where: Path) -> subprocess.CompletedProcess[bytes]:
    """Run git with `arguments` (revisions after `--end-of-options`) as it is, never reading a terminal."""
    return subprocess.run(["git", *arguments], cwd=where, capture_output=True, check=False,
                          stdin=subprocess.DEVNULL)


# --- DOCX ---------------------------------------------------------------------------


def _docx_side(path: Path, spec: str) -> Side:
    from draftkit.docxread import read_package

    parts = read_package(path)
    language = _LANGUAGE.search(parts.get("word/styles.xml", b""))
    tree = DocTree(language=language.group(1).decode("ascii")[:2].lower() if language else "en", blocks=())
    return Side(name=spec, tree=tree, date=_core_date(parts.get("docProps/core.xml", b"")), parts=parts,
                inputs=(path,))


_LANGUAGE = re.compile(rb"<w:docDefaults>.*?<w:lang\b[^>]*?w:val=\"([A-Za-z]{2})", re.DOTALL)
_CORE_DATE = re.compile(rb"<dcterms:(modified|created)\b[^>]*>\s*(\d{4}-\d\d-\d\d(?:T[\d:.]+)?(?:Z|[+-]\d\d:\d\d)?)\s*<")


def _core_date(core: bytes) -> datetime | None:
    """The DOCX's own date (core properties: last modified, else created), |None| without one.

    Not the file's modification time: the same files must give the same tracked DOCX.
    """
    dates = dict(m.groups() for m in _CORE_DATE.finditer(core))
    for name in (b"modified", b"created"):
        if name in dates:
            try:
                moment = datetime.fromisoformat(dates[name].decode("ascii").replace("Z", "+00:00"))
            except ValueError:
                continue
            if moment.year > 1980:  # 1980-01-01 and 1601-01-01 are writers' "no date"
                return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return None
