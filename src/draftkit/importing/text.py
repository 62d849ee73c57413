"""The text of DOCX paragraphs as the importers read it: logical lines with footnote calls
and italic flags, spaces normalized, final punctuation stripped, short slugs for ids.
Reads only what `docxread` gives; knows no classification and no YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterable

from draftkit.docxread import DocxDocument, DocxNumbering, DocxParagraph, DocxRun
from draftkit.inline import Style, StyledText, to_markup
from draftkit.model import Kind
from draftkit.render.typography import NBSP, NNBSP, strip_final
from draftkit.slugs import paragraph_words

_SPACE = re.compile(f"[ \t\n\r{NNBSP}]+")
_NO_SPACE = re.compile(r"[\s\u00a0\u202f]+")
_TRAILING_CALL = re.compile(r"\[\^[A-Za-z0-9_.:-]+\]\s*$")


#: A REF field's switches that make it show the paragraph number of its bookmark (\r relative
#: context, \n none, \w full context); without one it shows the bookmarked text itself.
_NUMBER_SWITCHES = {"\\r", "\\n", "\\w"}
#: Cross-references are carried through classification as characters of the Private Use
#: Area (one per reference, as long as the field's result), so offsets do not move.
REFERENCE_BASE = 0xE000
_REFERENCE_LIMIT = 0x1900  # up to U+F8FF
#: Any character of that area: a reference's mark (or text that would be taken for one).
REFERENCE_MARK = re.compile("[\ue000-\uf8ff]")


@dataclass(frozen=True)
class LineReference:
    """A REF field in a line that shows the number of the paragraph its bookmark is on:
    characters `start`..`end` of the line's text are its result; `target` is that
    paragraph's index in the DOCX; `number` tells it from the document's other references."""

    start: int
    end: int
    target: int
    number: int
    instruction: str

    @property
    def mark(self) -> str:
        """The character that stands for each character of the result in `Line.referenced`."""
        return chr(REFERENCE_BASE + self.number)


@dataclass(frozen=True)
class Line:
    """One logical paragraph of a document view, flattened for classification.

    `text` holds `[^fnN]` calls where footnote references stand; `styles` has the inline
    style of each character of `text` (italic, bold, superscript…); `index` is the
    paragraph's position in the DOCX (0-based).
    """

    index: int
    text: str
    styles: tuple[Style, ...]
    numbering: DocxNumbering | None = None
    style: str = ""
    footnotes: tuple[tuple[str, int], ...] = ()  # (key, note id) in order of the calls
    in_table: bool = False  # a table cell's paragraph (tables become annexes: see importing.annexes)
    table: int | None = None  # the index of that table in DocxDocument.tables
    references: tuple[LineReference, ...] = ()  # REF fields showing a paragraph number

    @property
    def italic(self) -> tuple[bool, ...]:
        """One flag per character of `text`: in italics or not."""
        return tuple(Style.ITALIC in s for s in self.styles)

    @property
    def styled(self) -> StyledText:
        return StyledText(self.text, self.styles)

    @property
    def referenced(self) -> StyledText:
        """`styled` with each character of a reference's result as that reference's mark (see
        `importing.references`): as long as `styled`, so every offset into `text` holds."""
        if not self.references:
            return self.styled
        chars = list(self.text)
        for reference in self.references:
            chars[reference.start:reference.end] = reference.mark * (reference.end - reference.start)
        return StyledText("".join(chars), self.styles)


def document_lines(doc: DocxDocument, *, accepted: bool = True) -> list[Line]:
    """Return the body paragraphs as `Line`s with every change accepted (or rejected).

    A paragraph whose mark is deleted (accepted view) or inserted (rejected view) is
    joined to the next one, as Word does; paragraphs left empty are dropped, but for the
    cells of a table (so that a table of empty cells is still a table).
    """
    lines: list[Line] = []
    pending: list[DocxParagraph] = []
    keys: dict[tuple[str, int], str] = {}
    references = _References(doc)
    for paragraph in doc.paragraphs:
        pending.append(paragraph)
        if paragraph.mark_deleted if accepted else paragraph.mark_inserted:
            continue
        lines.append(_flatten(pending, accepted, keys, references))
        pending = []
    if pending:
        lines.append(_flatten(pending, accepted, keys, references))
    return [line for line in lines if line.text.strip() or line.table is not None]  # an empty cell is a cell


class _References:
    """Numbers the document's REF fields that show a paragraph number of a bookmark it has.
    None when the text already holds Private Use characters (they could not be told from
    the references' marks): such fields stay the text they show."""

    def __init__(self, doc: DocxDocument):
        self.bookmarks = doc.bookmarks
        self.count = 0
        self.off = not doc.bookmarks or any(REFERENCE_MARK.search(p.text) or REFERENCE_MARK.search(p.rejected_text)
                                            for p in doc.paragraphs)

    def target(self, instruction: str) -> int | None:
        """The paragraph a REF field's `instruction` numbers, |None| for any other field."""
        words = instruction.split()
        if self.off or len(words) < 2 or words[0].upper() != "REF" or self.count >= _REFERENCE_LIMIT:
            return None
        if not _NUMBER_SWITCHES & {word.lower() for word in words[2:]}:
            return None
        return self.bookmarks.get(words[1])

    def add(self, start: int, end: int, target: int, instruction: str) -> LineReference:
        self.count += 1
        return LineReference(start, end, target, self.count - 1, instruction)


def _flatten(paragraphs: list[DocxParagraph], accepted: bool, keys: dict[tuple[str, int], str],
             references: _References) -> Line:
    """One `Line` from a paragraph (and those joined to it); notes are keyed fn1, fn2… in
    reading order; the results of REF fields that number a paragraph are noted."""
    text: list[str] = []
    styles: list[Style] = []
    notes: list[tuple[str, int]] = []
    found: list[LineReference] = []
    at = 0
    for paragraph in paragraphs:
        for run in paragraph.runs:
            if run.deleted if accepted else run.inserted:
                continue
            target = references.target(run.field) if run.field and run.text else None
            if target is not None:
                last = found[-1] if found else None
                if last is not None and last.end == at and last.instruction == run.field:  # a result in split runs
                    found[-1] = replace(last, end=at + len(run.text))
                else:
                    found.append(references.add(at, at + len(run.text), target, run.field))
            note = run.footnote if run.footnote is not None else run.endnote
            if note is not None:
                kind = "fn" if run.footnote is not None else "en"
                key = keys.setdefault((kind, note), f"{kind}{sum(1 for k in keys if k[0] == kind) + 1}")
                piece, style = f"[^{key}]", Style.NONE
                notes.append((key, note))
            else:
                piece, style = run.text, run_style(run)
            text.append(piece)
            styles.extend([style] * len(piece))
            at += len(piece)
    # a joined paragraph keeps the numbering and style of its first part, as Word shows it
    first = paragraphs[0]
    owner = first if first.numbering else next((p for p in paragraphs if p.numbering), first)
    return Line(index=first.index, text="".join(text), styles=tuple(styles), numbering=owner.numbering,
                style=first.style_name, footnotes=tuple(notes), in_table=first.in_table, table=first.table,
                references=tuple(found))


def run_style(run: DocxRun) -> Style:
    """The inline style of a DOCX run (what draftkit's markup can say of it)."""
    style = Style.NONE
    for flag, on in ((Style.ITALIC, run.italic), (Style.BOLD, run.bold), (Style.SUPERSCRIPT, run.superscript),
                     (Style.SUBSCRIPT, run.subscript), (Style.SMALL_CAPS, run.small_caps)):
        if on:
            style |= flag
    return style


def note_text(doc: DocxDocument, key: str, note: int, *, accepted: bool = True) -> str:
    """Return the text of the footnote (or endnote) a `[^key]` call names, spaces normalized,
    as markup: its italic, bold, superscript… runs marked (`*Treaty Series*`)."""
    notes = doc.footnotes if key.startswith("fn") else doc.endnotes
    found = notes.get(note)
    if found is None:
        return ""
    pieces: list[tuple[str, Style]] = []
    for k, paragraph in enumerate(found.paragraphs):
        if k:
            pieces.append(("\n", Style.NONE))
        pieces += [(r.text, run_style(r)) for r in paragraph.runs
                   if r.footnote is None and r.endnote is None and not (r.deleted if accepted else r.inserted)]
    return as_markup(normalize_styled(StyledText.join(pieces)))


def normalize(text: str) -> str:
    """Return `text` with line breaks, tabs and runs of spaces collapsed; no-break spaces inside words are kept."""
    return normalize_styled(StyledText.of(text)).text


_AROUND_NBSP = re.compile(f" ?{NBSP} ?")


def normalize_styled(text: StyledText) -> StyledText:
    """`normalize`, each character keeping its style."""
    text = text.sub(_SPACE, lambda m: " ").sub(_AROUND_NBSP, lambda m: NBSP)
    edge = " " + NBSP
    start = len(text.text) - len(text.text.lstrip(edge))
    return text[start : len(text.text.rstrip(edge))]


def spaceless(text: str) -> str:
    """Return `text` without any spaces: how two texts are compared whatever the spacing."""
    return _NO_SPACE.sub("", text)


def clean(text: str) -> str:
    """Return `text` normalized without its final punctuation (draftkit applies it by rule),
    keeping footnote calls that stood after it ('Child,[^fn1]' → 'Child[^fn1]')."""
    return clean_styled(StyledText.of(text)).text


def clean_styled(styled: StyledText) -> StyledText:
    """`clean`, each character keeping its style."""
    text = normalize_styled(styled)
    calls = StyledText()
    while True:
        match = _TRAILING_CALL.search(text.text)
        if match:
            calls = StyledText.of(match.group().strip()) + calls
            text = text[: match.start()]
            continue
        stripped = strip_final(text.text)
        if stripped == text.text:
            break
        text = text[: len(stripped)]
    # a trailing '; and' / '; et' between sub-paragraphs is kept as written
    joined = text + calls
    start = len(joined.text) - len(joined.text.lstrip())
    return joined[start : len(joined.text.rstrip())]


def as_markup(text: StyledText) -> str:
    """Styled text holding `[^key]` calls → draftkit markup (`*Treaty Series*`, `n^o^`)."""
    return to_markup(text.pieces(), keep_calls=True)


# --- ids -----------------------------------------------------------------------------

class IdPool:
    """Ids already taken, handing out new ones: 'base', then 'base-2', 'base-3'…

    Remembers the next free number of each base, so that giving n paragraphs of the same
    slug their ids costs n steps, not n² (a 100,000-paragraph import of one repeated line).
    """

    def __init__(self, taken: Iterable[str] = ()):
        self.taken = set(taken)
        self._next: dict[str, int] = {}

    def __contains__(self, candidate: str) -> bool:
        return candidate in self.taken

    def unique(self, base: str) -> str:
        """Return `base`, or `base-N` with the first free N ≥ 2, and take it."""
        candidate = base
        if candidate in self.taken:
            n = self._next.get(base, 2)
            while f"{base}-{n}" in self.taken:
                n += 1
            candidate = f"{base}-{n}"
            self._next[base] = n + 1
        self.taken.add(candidate)
        return candidate


def clause_id(kind: Kind, opening: str, text: str, pool: IdPool, language: str | None = None) -> str:
    """Return a unique id from the kind, the opening and a short slug of the text
    ('op-urges-parliaments'; in Arabic 'op-urges-lbrlmnt-tkfl': see `slugs`), taken from `pool`."""
    prefix = "pp" if kind is Kind.PREAMBULAR else "op"
    lead, body = paragraph_words(opening, text, language, kind.value)
    lead = lead[:2]
    return pool.unique("-".join([prefix, *lead, *body[: 2 if lead else 3]]))
