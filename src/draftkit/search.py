"""Finding clauses in a library (text, opening phrase, tag, kind, language), listing
paragraph references for completion, and a cache that makes both instant on big libraries.
Knows the model and the project's library files; no YAML parsing, no terminal.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from draftkit import __version__
from draftkit.cache import cache_folder
from draftkit.errors import DraftkitError
from draftkit.files import write_atomic
from draftkit.inline import strip_markup
from draftkit.loading import Project
from draftkit.loading.library import library_files
from draftkit.languages import codes as language_codes
from draftkit.model import Clause, Draft, Kind, Library, SubParagraph


@dataclass(frozen=True)
class ClauseQuery:
    """What to look for; every field left empty matches everything.

    `words` must all appear (accents and case ignored) in the id, opening, text,
    sub-paragraphs or footnotes; `opening` must begin the opening phrase.
    `language` limits the text searched (and shown) to one language.
    """

    words: tuple[str, ...] = ()
    opening: str = ""
    tag: str = ""
    kind: Kind | None = None
    language: str | None = None


@dataclass(frozen=True)
class ClauseHit:
    """One clause that matched, with the language its opening and excerpt are shown in."""

    clause: Clause
    language: str
    opening: str
    excerpt: str


def fold(text: str) -> str:
    """Return `text` lower-cased without accents, so 'preoccupee' finds 'Préoccupée'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_clauses(library: Library, query: ClauseQuery) -> list[ClauseHit]:
    """Return the clauses matching `query`, in library order."""
    words = [fold(w) for w in query.words if w.strip()]
    opening = fold(query.opening.strip())
    tag = fold(query.tag.strip())
    hits: list[ClauseHit] = []
    for clause in library.clauses.values():
        if query.kind is not None and clause.kind is not query.kind:
            continue
        if tag and tag not in (fold(t) for t in clause.tags):
            continue
        languages = _languages(clause, query.language)
        if not languages:
            continue
        if opening and not any(fold(clause.opening.get(lang, "")).startswith(opening) for lang in languages):
            continue
        if words:
            haystack = fold(" ".join([clause.id, *_texts(clause, languages)]))
            if not all(word in haystack for word in words):
                continue
        shown = languages[0]
        hits.append(ClauseHit(clause, shown, clause.opening.get(shown, ""), strip_markup(clause.text.get(shown, ""))))
    return hits


def excerpt(text: str, width: int) -> str:
    """Return `text` cut at a word boundary to at most `width` characters, with '…' when cut."""
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0] or text[: width - 1]
    return cut.rstrip(" ,;") + "…"


def _languages(clause: Clause, wanted: str | None) -> list[str]:
    """Languages to search and show: `wanted` only, or the clause's, English first."""
    if wanted is not None:
        return [wanted] if wanted in clause.text else []
    present = [lang for lang in language_codes() if lang in clause.text]
    return present + [lang for lang in clause.text if lang not in present]


def _texts(clause: Clause, languages: list[str]) -> Iterator[str]:
    for lang in languages:
        yield clause.opening.get(lang, "")
        yield clause.text.get(lang, "")
        for footnote in clause.footnotes:
            yield footnote.text.get(lang, "")
        stack: list[SubParagraph] = list(clause.subparagraphs)
        while stack:
            sub = stack.pop()
            yield sub.text.get(lang, "")
            stack.extend(sub.children)
    yield from clause.tags


@dataclass(frozen=True)
class ParagraphChoice:
    """A value a REF argument accepts (an id or a shown number) and what it points at."""

    value: str
    help: str


def paragraph_choices(draft: Draft, kind: Kind | None = None) -> list[ParagraphChoice]:
    """Return every paragraph's number (OP4) and stable id, each described by the other."""
    labels = draft.labels()
    numbers: list[ParagraphChoice] = []
    ids: list[ParagraphChoice] = []
    for paragraph in draft.paragraphs():
        if kind is not None and paragraph.kind is not kind:
            continue
        lang = "en" if "en" in paragraph.text else next(iter(paragraph.text))
        words = excerpt(f"{paragraph.opening.get(lang, '')} {strip_markup(paragraph.text[lang])}".strip(), 50)
        label = labels[paragraph.id]
        numbers.append(ParagraphChoice(label, f"{paragraph.id}: {words}"))
        ids.append(ParagraphChoice(paragraph.id, f"{label}: {words}"))
    return numbers + ids


# --- library cache -----------------------------------------------------------------------


def cached_library(project: Project) -> Library:
    """Return the project's library, from the cache when no library file changed since.

    Parsing a 2,000-clause library with locations takes about a second; `draftkit
    clauses` and shell completion run often and must answer at once. The cache is keyed
    by every library file's path, size and modification time, and by the draftkit
    version; any error reading it falls back to the normal loader.
    """
    folder = cache_folder()
    files = library_files(list(project.config.libraries))
    if folder is None or not files:
        return project.library
    stamps = []
    for path in files:
        info = path.stat()
        stamps.append(f"{path.resolve()}\0{info.st_size}\0{info.st_mtime_ns}")
    key = "\n".join([__version__, *stamps])
    entry = folder / f"library-{hashlib.sha256(str(project.root.resolve()).encode()).hexdigest()[:24]}.pickle"
    try:
        stored_key, library = pickle.loads(entry.read_bytes())
        if stored_key == key and isinstance(library, Library):
            return library
    except Exception:  # noqa: BLE001 - a missing, stale or unreadable cache is just a miss
        pass
    library = project.library
    try:
        write_atomic(entry, pickle.dumps((key, library), protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, DraftkitError):
        pass  # a read-only or full home must not stop `draftkit clauses` (write_atomic says InputError)
    return library
