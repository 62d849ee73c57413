"""`draftkit build` as a library call: a draft → DOCX / markdown / text / PDF files.

The pipeline: require translations → (error-level checks) → layout → write each format
atomically. Knows which files a project reads (so they are never overwritten); knows
no Word XML.
"""

from __future__ import annotations

import enum
import re
import tempfile
from pathlib import Path
from typing import Sequence

from draftkit.errors import CheckFailed, DraftkitError, InputError, UsageError
from draftkit.files import write_atomic
from draftkit.loading import Project, require_language
from draftkit.languages import codes as language_codes
from draftkit.model import Draft
from draftkit.negotiation.render import CLEAN, Edition
from draftkit.records import record
from draftkit.render.layout import LayoutOptions, layout
from draftkit.render.tree import DocTree


class Format(enum.Enum):
    """Output formats of `draftkit build`; the value is the file extension."""

    DOCX = "docx"
    MARKDOWN = "md"
    TEXT = "txt"
    PDF = "pdf"


def project_name(project: Project) -> str:
    """The name used in output files: `name:` from draftkit.yaml as a file-safe slug
    ("Legislation worldwide to combat…" → "legislation-worldwide-to-combat…", at most
    60 characters), else the folder's name."""
    slug = re.sub(r"[^a-z0-9]+", "-", project.config.name.lower()).strip("-")
    if len(slug) > 60:
        slug = slug[:61].rsplit("-", 1)[0]
    return slug or project.root.name


def output_paths(project: Project, draft: Draft, languages: Sequence[str], formats: Sequence[Format],
                 output: Path | None, edition: Edition = CLEAN) -> dict[tuple[str, Format], Path]:
    """Return the file each (language, format) goes to.

    Default: `<output folder>/<name>-draft<N>.<lang>.<ext>`. `output` is a folder, or a
    file whose extension is the one format asked for (several languages then get
    `.en`, `.fr` before the extension, in place of one the name already has).
    """
    # a version issued as a revision is named as the body names it: …-rev2, not …-draft5
    issued = f"rev{draft.meta.revision}" if draft.meta.revision else f"draft{draft.meta.version}"
    stem = f"{project_name(project)}-{issued}{edition.suffix}"
    known = {f".{f.value}" for f in Format}
    if output is not None and output.suffix not in known and not output.is_dir():
        _refuse_odd_output(output, known)
    if output is not None and output.suffix in known and not output.is_dir():
        if len(formats) != 1 or f".{formats[0].value}" != output.suffix:
            raise UsageError(
                f"-o {output} names a .{output.suffix[1:]} file but the formats asked for are "
                + ", ".join(f.value for f in formats),
                fix="give a folder with -o, or one --format matching the file's extension",
            )
        if len(languages) == 1:
            return {(languages[0], formats[0]): output}
        base = output.name[: -len(output.suffix)]
        # -o out.en.docx already names one language: out.en.docx and out.fr.docx, not out.en.en.docx
        base = next((base[: -len(lang) - 1] for lang in languages if base.endswith(f".{lang}")), base)
        return {(lang, formats[0]): output.with_name(f"{base}.{lang}{output.suffix}") for lang in languages}
    folder = output if output is not None else project.config.output
    return {(lang, fmt): folder / f"{stem}.{lang}.{fmt.value}" for lang in languages for fmt in formats}


def _refuse_odd_output(output: Path, known: set[str]) -> None:
    """Raise `InputError` for an `-o` that is neither a folder nor an output file: an
    existing file (`-o drafts/draft-2.yaml`), or a new name with a file extension, which
    would otherwise become a folder named like a file (`-o drafts/draft-9.yaml`)."""
    *first, last = sorted(known)
    formats = f"{', '.join(first)} or {last}"
    if output.exists():
        raise InputError(f"-o names an existing file that is not a {formats} file", where=output,
                         fix="give an output folder, or a file name ending in " + formats)
    if re.fullmatch(r"\.[A-Za-z]{1,5}", output.suffix):
        raise InputError(f"-o names a .{output.suffix[1:]} file, which build does not write", where=output,
                         fix=f"end the name in {formats}, or create the folder first to write into it")


def project_inputs(project: Project, draft: Draft) -> list[Path]:
    """Every file the build reads (the project's, and the draft file given by path, which
    may live elsewhere): outputs must never land on one of them."""
    return [*project.inputs(), *([draft.path] if draft.path is not None else [])]


def check_before_writing(project: Project, draft: Draft, languages: Sequence[str]) -> None:
    """Hook: the error-level checks of `draftkit check` run here, before anything is written.

    Raise a `DraftkitError` to refuse the build. Rendering itself already refuses
    missing translations and broken cross-references.
    """
    from draftkit.check import require_clean

    require_clean(draft, project_config=project.config, languages=languages)


def render_tree(project: Project, draft: Draft, language: str, *, number_preambular: bool = False) -> DocTree:
    """Return the document tree of `draft` in `language` with the project's templates."""
    options = LayoutOptions(number_preambular=number_preambular, templates=project.config.templates,
                            paper=project.config.paper)
    return layout(draft, language, options)


def build(project: Project, draft: Draft, *, languages: Sequence[str] = (), formats: Sequence[Format] = (Format.DOCX,),
          output: Path | None = None, number_preambular: bool = False, edition: Edition = CLEAN) -> list[Path]:
    """Render `draft` in each language and format; return the files written, in order.

    `languages` defaults to the draft's languages. Raises `InputError` naming every
    paragraph without text in a language, or (a clean `edition`) still holding brackets,
    and refuses to write over an input file.
    """
    languages = _ready(project, draft, languages, edition)
    formats = list(dict.fromkeys(formats))
    inputs = project_inputs(project, draft)
    if output is not None and any(output.resolve() == p.resolve() for p in inputs):
        raise InputError("-o names one of the build's input files", where=output,
                         fix="give an output folder, or a new .docx, .md, .txt or .pdf file name")
    targets = output_paths(project, draft, languages, formats, output, edition)
    written: list[Path] = []
    pdfs: list[tuple[bytes, Path]] = []
    for language in languages:
        rendered = _render(project, draft, language, formats, number_preambular=number_preambular, edition=edition)
        for fmt in formats:
            target = targets[(language, fmt)]
            if fmt is Format.PDF:
                pdfs.append((rendered[Format.DOCX], target))  # converted together: one LibreOffice start
            else:
                written.append(write_atomic(target, rendered[fmt], inputs=inputs))
    if pdfs:
        from draftkit.render.pdf import write_pdfs

        written.extend(write_pdfs(pdfs, inputs=inputs))
    return written


def build_bytes(project: Project, draft: Draft, fmt: Format, *, language: str | None = None,
                number_preambular: bool = False, edition: Edition = CLEAN) -> bytes:
    """Return `draft` rendered in one language and format (`build -o -`), writing nothing.

    `language` may be left out when the draft has one language; raises `UsageError`
    otherwise, and what `build` raises.
    """
    languages = _ready(project, draft, [language] if language else [], edition)
    if len(languages) != 1:
        raise UsageError(f"standard output takes one language; the draft has {', '.join(languages)}",
                         fix=f"add --lang {languages[0]}")
    data = _render(project, draft, languages[0], [fmt], number_preambular=number_preambular, edition=edition)
    if fmt is not Format.PDF:
        return data[fmt]
    from draftkit.render.pdf import write_pdf

    with tempfile.TemporaryDirectory(prefix="draftkit-build-") as folder:
        pdf = Path(folder) / f"{project_name(project)}-draft{draft.meta.version}.{languages[0]}.pdf"
        return write_pdf(data[Format.DOCX], pdf).read_bytes()


@record
class Unready:
    """A translation provided for information that `build` leaves out when no language is
    asked for, and why (the refusal building it would give)."""

    language: str
    reason: str


def default_languages(project: Project, draft: Draft, edition: Edition = CLEAN) -> tuple[list[str], list[Unready]]:
    """Return the languages `build` writes when none is asked for, and those it leaves out:
    every authentic language, and each translation provided for information that can be
    built. A translation that lags behind (texts still to translate, brackets not yet
    carried over) never stops the authentic texts; asked for by name, it is refused."""
    chosen, unready = [], []
    for language in draft.meta.languages:
        if draft.meta.is_authentic(language):
            chosen.append(language)
            continue
        try:
            _ready(project, draft, [language], edition)
        except DraftkitError as exc:  # what is wrong, without the file and the fix for building it anyway
            unready.append(Unready(language, exc.headline if isinstance(exc, CheckFailed) else exc.what))
        else:
            chosen.append(language)
    return chosen, unready


def _ready(project: Project, draft: Draft, languages: Sequence[str], edition: Edition = CLEAN) -> list[str]:
    """Return the languages to build (default: the draft's) once the draft may be built:
    known languages, every text translated, no error-level finding, and for a clean
    edition no brackets left (unless it keeps them)."""
    languages = list(dict.fromkeys(languages or draft.meta.languages))
    for language in languages:
        if language not in language_codes():
            raise UsageError(f"draftkit has no language {language!r}", fix=f"use one of {', '.join(language_codes())}")
    # every error of every language at once (check knows missing texts too), then what only
    # rendering knows: a refusal should not hide the next one
    check_before_writing(project, draft, languages)
    for language in languages:
        require_language(draft, language)
    if not (edition.negotiation or edition.status_column or edition.keep_brackets):
        from draftkit.negotiation.render import refuse_brackets

        refuse_brackets(draft, languages)
    return languages


def _render(project: Project, draft: Draft, language: str, formats: Sequence[Format], *,
            number_preambular: bool, edition: Edition = CLEAN) -> dict[Format, bytes]:
    """Return the bytes of each format in one language; a PDF is asked for as its DOCX."""
    shown = draft
    if edition.negotiation or edition.status_column:
        from draftkit.negotiation.render import negotiation_draft

        shown = negotiation_draft(draft, language)
    tree = render_tree(project, shown, language, number_preambular=number_preambular)
    out: dict[Format, bytes] = {}
    if Format.DOCX in formats or Format.PDF in formats:
        from draftkit.render.docx import docx_parts, zip_parts

        parts = docx_parts(tree, project.config.reference_docx, author=draft.meta.author)
        if edition.status_column:
            from draftkit.negotiation.render import with_status_column

            ids = draft.by_id()  # the memorandum's paragraphs stay outside the table, as the heading does
            keys = [key if key in ids else "" for key in (block.key.split("/", 1)[0] for block in tree.blocks)]
            document = with_status_column(parts["word/document.xml"].decode("utf-8"), keys, draft, language)
            parts["word/document.xml"] = document.encode("utf-8")
        out[Format.DOCX] = zip_parts(parts, created=tree.created)
    if {Format.MARKDOWN, Format.TEXT} & set(formats):
        from draftkit.render.text import to_markdown, to_plain

        if Format.MARKDOWN in formats:
            out[Format.MARKDOWN] = to_markdown(tree).encode("utf-8")
        if Format.TEXT in formats:
            out[Format.TEXT] = to_plain(tree).encode("utf-8")
    return out
