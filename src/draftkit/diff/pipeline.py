"""The `draftkit diff` pipeline as two library calls: compare two named inputs, write a result.

Knows sources, comparison, redline and report; Word writing is `render.docx`'s.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from draftkit.diff.changes import Comparison
from draftkit.diff.sources import Side, load_side, split_range
from draftkit.errors import UsageError

#: Output formats by file suffix.
FORMATS = {".docx": "docx", ".pdf": "pdf", ".md": "md", ".html": "html", ".json": "json"}


def compare_sides(old: Side, new: Side, *, author: str | None = None, date: datetime | None = None) -> Comparison:
    """Return the comparison of two loaded sides, revisions credited from NEW's provenance.

    The date of every revision is `date`, else NEW's own date (a draft's `date:`, a
    DOCX's core properties), else OLD's, else today (each fallback said in a notice);
    never a file's modification time, so the same inputs give the same output.
    Unattributed revisions go to `author` (default: NEW's `meta.author`, "Co-rapporteurs").

    When either side is a DOCX, both are compared as DOCX packages (`diff.ooxml`): the
    comparison then also knows how to write its tracked DOCX (`Comparison.tracked`).
    """
    notices: list[str] = []
    if date is None:
        date = new.date or old.date
        if new.date is None and old.date is not None:
            notices.append(f"{new.name} says not when it was written: the changes are dated {old.date:%Y-%m-%d}, "
                           f"the date of {old.name} (give another with --date)")
        elif date is None:
            date = datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
            notices.append(f"neither {old.name} nor {new.name} says when it was written: the changes are dated "
                           f"today, {date:%Y-%m-%d} (give another with --date)")
    if date.tzinfo is None:
        date = date.replace(tzinfo=timezone.utc)
    author = author or new.author
    if old.parts is not None or new.parts is not None:
        from draftkit.diff.ooxml.redline import DocxRedline

        redline = DocxRedline(old.package(), new.package(), old_name=old.name, new_name=new.name,
                              author=author, date=date)
        comparison = redline.comparison()
        return replace(comparison, notices=(*notices, *comparison.notices), tracked=redline.package)
    from draftkit.diff.authors import attribution
    from draftkit.diff.compare import compare_trees

    comparison = compare_trees(
        old.tree, new.tree, date=date, default_author=author,
        attribute=attribution(new.provenance, new.tree.language),
        old_name=old.name, new_name=new.name,
    )
    return replace(comparison, notices=tuple(notices))


def compare_inputs(old: str, new: str, *, project: Path | None = None, language: str | None = None,
                   author: str | None = None, date: datetime | None = None) -> tuple[Comparison, Side, Side]:
    """Load OLD and NEW as the user named them and compare them (see `sources.load_side`
    and `compare_sides`); OLD may be a git range, `main..feature`, with NEW a draft file."""
    old, new = split_range(old, new, project=project)
    new_side = load_side(new, project=project, language=language)
    old_side = load_side(old, project=project, language=language or new_side.tree.language)
    return compare_sides(old_side, new_side, author=author, date=date), old_side, new_side


def output_format(path: Path) -> str:
    """Return the format an output path asks for, or raise `UsageError`."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UsageError(f"cannot write {path.suffix or 'a file without suffix'}", where=path,
                         fix="use -o changes.docx, .pdf, .md, .html or .json")
    return fmt


def render(comparison: Comparison, fmt: str, *, reference: Path | None = None, printed: bool = False) -> bytes:
    """Return the bytes of `comparison` in `fmt` ('docx', 'md', 'html', 'json').

    For 'docx': the tracked DOCX package when the comparison was of DOCX files (NEW's
    package, styles, sections and all), else draftkit's own document with `reference`'s
    styles. `printed` makes the DOCX for a PDF (see `docx.tracked_docx`).
    """
    from draftkit.diff import report

    if fmt == "json":
        return report.as_json(comparison).encode("utf-8")
    if fmt == "md":
        return report.as_markdown(comparison).encode("utf-8")
    if fmt == "html":
        return report.as_html(comparison).encode("utf-8")
    if comparison.tracked is not None:
        from draftkit.render.docx import zip_parts

        # the legend only in print: in the tracked DOCX, NEW's headers and sections stay its own
        return zip_parts(comparison.tracked(legend=printed), created=comparison.date)
    from draftkit.diff.docx import tracked_docx
    from draftkit.diff.legend import with_legend
    from draftkit.diff.redline import redline

    return tracked_docx(with_legend(redline(comparison), comparison), reference=reference,
                        author=comparison.default_author, printed=printed)


def _project_inputs(path: Path) -> list[Path]:
    """The inputs of the project around `path` (the loaders are imported only when there is one)."""
    folder = path.resolve().parent
    if not any((place / "draftkit.yaml").is_file() for place in (folder, *folder.parents)):
        return []
    from draftkit.loading.project import inputs_near

    return inputs_near(path)


def write(comparison: Comparison, path: Path, *, old: Side, new: Side) -> Path:
    """Write the comparison to `path` in the format its suffix names (PDF through LibreOffice)."""
    from draftkit.files import write_atomic

    fmt = output_format(path)
    inputs = [*old.inputs, *new.inputs, *_project_inputs(path)]  # never over a project's input
    data = render(comparison, "docx" if fmt == "pdf" else fmt, reference=new.reference, printed=fmt == "pdf")
    if fmt != "pdf":
        return write_atomic(path, data, inputs=inputs)
    from draftkit.render.pdf import write_pdf

    return write_pdf(data, path, inputs=inputs)
