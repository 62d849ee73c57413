"""What git shows of a resolution: a DOCX or a draft file as plain text, one paragraph a line
with the numbers a reader sees ('5.', '(a)'), footnotes after the text — so that `git diff
--word-diff` and `git log -p` show the words that changed (git's `textconv`).

Git hands the old side over as a copy in a temporary folder, under the file's own name and
outside its project: a draft is then read with the clause libraries of the project (in the
repository, run from its top) holding a draft of that name. A textconv must never fail —
git would show no diff at all — so what cannot be rendered is shown as it is, after one
line saying why. Knows docxread, the loaders and the text renderer; no git, no terminal.
"""

from __future__ import annotations

import os
from pathlib import Path

from draftkit.errors import DraftkitError
from draftkit.files import read_input

INDENT = "    "
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SKIPPED = {".git", ".venv", "venv", "node_modules", "__pycache__", "build", ".tox"}


def text_of(path: Path, *, project: Path | None = None, here: Path | None = None) -> str:
    """Return the text git shows for `path`: a DOCX's text, a draft rendered in each of its
    languages, anything else as it is. `project` is the project folder of a draft when known;
    else it is found from `path`, or among the projects below `here` (default: the current
    folder, which git makes the repository's top)."""
    if path.suffix.lower() == ".docx":
        data = b"PK"  # the DOCX reader checks the file itself, with the limits of DOCX files
    else:
        try:
            data = read_input(path)  # a regular file within the size cap: a pipe or /dev/zero never hangs git
        except DraftkitError as exc:
            return f"(draftkit cannot read this file: {exc.message})\n"
    if data[:2] == b"PK":
        try:
            return docx_text(path)
        except DraftkitError as exc:
            return f"(draftkit cannot read this DOCX: {exc.message})\n"
    text = data.decode("utf-8", "replace")
    if path.suffix.lower() not in (".yaml", ".yml") or not _is_draft(text):
        return text
    try:
        return draft_text(path, text, _project_of(path, project, here or Path.cwd()))
    except DraftkitError as exc:
        return f"# (draftkit cannot render this draft: {exc.message}; its YAML follows)\n{text}"


def _is_draft(text: str) -> bool:
    return any(line.startswith("version:") for line in text.splitlines())


def docx_text(path: Path) -> str:
    """A DOCX as it reads with every tracked change accepted: one paragraph a line, its list
    label first and sub-levels indented, table rows as cells between '|', footnotes at the end."""
    from draftkit.docxread import read_docx

    document = read_docx(path)
    lines: list[str] = []
    for paragraph in document.paragraphs:
        if paragraph.table is not None:
            table = document.tables[paragraph.table]
            if paragraph.index == table.first:
                lines.extend("| " + " | ".join(row) + " |" for row in table.rows)
            continue
        text = "".join(str(r.footnote).translate(_SUPERSCRIPT) if r.footnote is not None else r.text
                       for r in paragraph.runs if not r.deleted).strip()
        numbering = paragraph.numbering
        label = numbering.label.strip() if numbering and numbering.label else ""
        if text or label:
            indent = INDENT * numbering.level if numbering else ""
            lines.append(f"{indent}{label} {text}".rstrip() if label else text)
    notes = [(number, note.text) for number, note in sorted(document.footnotes.items()) if note.text]
    if notes:
        lines.append("__________")
        lines.extend(f"{str(number).translate(_SUPERSCRIPT)} {text}" for number, text in notes)
    return "\n".join(lines) + "\n"


def draft_text(path: Path, text: str, project_root: Path | None) -> str:
    """A draft file rendered as plain text in each of its languages (one paragraph a line)."""
    from draftkit.loading import Project, load_draft
    from draftkit.loading.project import default_config, read_config
    from draftkit.render.layout import LayoutOptions, layout
    from draftkit.render.text import to_plain

    project = Project(read_config(project_root) if project_root else default_config(path.parent))
    draft = load_draft(path, project.library, text)
    options = LayoutOptions(number_preambular=draft.meta.number_preambular, templates=project.config.templates)
    sections = []
    for language in draft.meta.languages:
        rendered = to_plain(layout(draft, language, options))
        lines = [line for line in rendered.splitlines() if line.strip()]
        sections.append("\n".join(lines) if len(draft.meta.languages) == 1 else f"[{language}]\n" + "\n".join(lines))
    return "\n\n".join(sections) + "\n"


def _project_of(path: Path, given: Path | None, here: Path) -> Path | None:
    """The project of a draft: given, holding the file, or the one below `here` whose drafts
    folder has a file of that name (git's copy of an old version keeps only the name)."""
    from draftkit.loading.project import find_root

    if given is not None:
        return given
    root = find_root(path.parent)
    if root is not None:
        return root
    candidates = [p for p in _projects_below(here) if _holds_draft_named(p, path.name)]
    return candidates[0] if len(candidates) == 1 else None


def _projects_below(here: Path, depth: int = 4) -> list[Path]:
    found: list[Path] = []
    for folder, subfolders, files in os.walk(here):
        if "draftkit.yaml" in files:
            found.append(Path(folder))
        level = Path(folder).relative_to(here).parts
        subfolders[:] = [] if len(level) >= depth else sorted(s for s in subfolders if s not in _SKIPPED)
    return found


def _holds_draft_named(root: Path, name: str) -> bool:
    from draftkit.loading.project import read_config

    try:
        return (read_config(root).drafts / name).is_file()
    except DraftkitError:
        return False
