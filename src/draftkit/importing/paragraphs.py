"""The body of an imported resolution: each line classified as a preambular or operative
paragraph (opening phrase, list numbering, typed number, position), its opening split from
the text, sub-paragraphs joined to it, footnotes collected. Knows `Line`s; no XML, no YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Mapping

from draftkit.docxread import DocxDocument
from draftkit.docxread.values import OBJECT_KINDS
from draftkit.errors import InputError
from draftkit.importing.classify import (TYPED_OP, TYPED_PP, TYPED_SUB, PhraseMatch, Phrases, detect_language,
                                         is_body_evidence, match_phrase, phrase_tables, strip_number)
from draftkit.importing.annexes import split_annexes, split_memorandum
from draftkit.importing.heading import JOB, SYMBOL, body_start, read_heading
from draftkit.importing.references import resolve_references
from draftkit.importing.text import Line, as_markup, clean_styled, document_lines, normalize, note_text
from draftkit.inline import StyledText
from draftkit.importing.values import ImportedDraft, ImportedParagraph, ImportedSub, ImportWarning, excerpt
from draftkit.loading.fields import TERMINAL_CONTROLS
from draftkit.model import Kind
from draftkit.render.typography import FINAL_MARKS

_CLOSING = re.compile(r"plenary meeting|s[ée]ance pl[ée]ni[èe]re|^\d{1,2}(er)? \w+ \d{4}$", re.IGNORECASE)


def import_document(doc: DocxDocument, language: str | None = None,
                    phrases: Mapping[str, Phrases] | None = None) -> ImportedDraft:
    """Classify the paragraphs of `doc` into a draft in `language` (detected when |None|).

    `phrases` are the opening phrases per language (`classify.phrase_tables`; draftkit's
    own when |None|). Raises `InputError` when no preambular or operative paragraph is found.
    """
    tables = phrases or phrase_tables()
    refuse_controls(doc)
    lines = document_lines(doc)
    lang = language or detect_language(lines, doc.language, tables)
    table = tables.get(lang) or tables["en"]
    start = body_start(lines, table)
    heading, warnings = read_heading([line for line in lines[:start] if line.text.strip()], doc.title,
                                     doc.path.stem)
    footers = [normalize(text) for part in doc.headers for text in part.splitlines()]
    if not heading.symbol:  # a UN document's symbol often stands only in the running header
        heading = replace(heading, symbol=next((text for text in footers if SYMBOL.match(text)), ""))
    job = next((found.group(1) for text in footers if (found := JOB.search(text))), "")
    heading = replace(heading, job=job)  # the first page's footer: '19-17623 (E)'
    body = _Body(doc, table)
    memorandum = split_memorandum(doc, lines[start:], lambda line: is_body_evidence(line, table))
    split = split_annexes(doc, memorandum.body, _annex_title(lang), lambda line: is_body_evidence(line, table))
    preambular, operative = body.read(split.body)
    if not preambular and not operative:
        raise InputError("found no preambular or operative paragraphs in the DOCX", where=doc.path,
                         fix="check that it is a resolution; paragraphs must open with a phrase such as "
                             "'Recalling' or 'Decides', or be numbered")
    read = [*split.body, *split.annex_lines]
    preambular, operative, annexes, said_of_references = resolve_references(preambular, operative, read, lang,
                                                                            split.annexes)
    handled = {line.index: {r.instruction for r in line.references} for line in read if line.references}
    warnings += _not_text(doc, handled) + said_of_references
    said = sorted(warnings + split.warnings + body.warnings, key=lambda warning: warning.paragraph)
    return ImportedDraft(doc.path, lang, heading, tuple(preambular), tuple(operative), tuple(said),
                         annexes=tuple(annexes), memorandum=memorandum.paragraphs,
                         memorandum_symbol=memorandum.symbol)


def _not_text(doc: DocxDocument, references: Mapping[int, set[str]]) -> list[ImportWarning]:
    """What the body holds besides text, said once per paragraph: images and objects (not
    imported), fields (imported as the text they show) but for the cross-references
    `references` names (paragraph index → field instructions; see `importing.references`)."""
    out: list[ImportWarning] = []
    for paragraph in doc.paragraphs:
        kinds = sorted({o.kind for o in paragraph.objects if o.kind in ("image", "object", "equation")})
        if kinds:
            out.append(ImportWarning(paragraph.index + 1, f"{' and '.join(OBJECT_KINDS[k] for k in kinds)}: not "
                                     "imported (a draft holds text)", excerpt(normalize(paragraph.text))))
        fields: dict[str, str] = {}
        for run in paragraph.runs:
            if run.field and not run.deleted and run.field not in references.get(paragraph.index, ()):
                fields[run.field] = fields.get(run.field, "") + run.text
        for instruction, shown in fields.items():
            name = instruction.split()[0].upper() if instruction.split() else "?"
            out.append(ImportWarning(paragraph.index + 1, f"the {name} field is imported as the text it shows, "
                                                          f"{normalize(shown)!r}", excerpt(normalize(paragraph.text))))
    return out


def _annex_title(language: str) -> str:
    """What an untitled annex is called in `language` ('Annex', 'Annexe')."""
    from draftkit.languages import known, language as language_data

    return language_data(language).section("heading").get("annex", "Annex") if known(language) else "Annex"


def refuse_controls(doc: DocxDocument) -> None:
    """Refuse a control character in the DOCX's text where it is, before any YAML is made."""
    notes = [(f"footnote {number}", p.text) for number, note in sorted(doc.footnotes.items()) for p in note.paragraphs]
    for place, text in [(f"paragraph {p.index + 1}", p.text) for p in doc.paragraphs] + notes:
        found = TERMINAL_CONTROLS.search(text)  # XML lets a DOCX hold them; a draft may not
        if found:
            raise InputError(f"{place} holds the control character U+{ord(found.group()):04X}, which a draft cannot"
                             " contain", where=doc.path, fix="delete it in Word (often pasted from a PDF), then import again")


@dataclass
class _Pending:
    """The paragraph being built, so that the sub-paragraphs after it can join it."""

    line: Line
    kind: Kind
    opening: str
    text: StyledText
    subs: list[tuple[StyledText, list[StyledText]]] = field(default_factory=list)  # (text, second-level texts)
    footnotes: list[tuple[str, int]] = field(default_factory=list)


class _Body:
    def __init__(self, doc: DocxDocument, phrases: Phrases):
        self.doc = doc
        self.phrases = phrases
        self.warnings: list[ImportWarning] = []
        self.next_letter = "a"  # the letter a first-level sub-paragraph would have next

    def warn(self, line: Line, message: str) -> None:
        self.warnings.append(ImportWarning(line.index + 1, message, excerpt(normalize(line.text))))

    def read(self, lines: list[Line]) -> tuple[list[ImportedParagraph], list[ImportedParagraph]]:
        """Return the preambular and operative paragraphs of the body `lines`."""
        preambular: list[ImportedParagraph] = []
        operative: list[ImportedParagraph] = []
        current: _Pending | None = None
        last_evidence = max((i for i, line in enumerate(lines)
                             if is_body_evidence(line, self.phrases) or self.sub_level(line)), default=-1)

        def flush() -> None:
            if current is not None:
                paragraph = self.finish(current)
                (preambular if paragraph.kind is Kind.PREAMBULAR else operative).append(paragraph)

        for position, line in enumerate(lines):
            level = self.sub_level(line)
            if level:
                if current is None:
                    self.warn(line, "sub-paragraph before any paragraph: kept as an operative paragraph")
                else:
                    self.add_sub(current, line, level)
                    continue
            if position > last_evidence and self.closing_like(line):
                self.warn(line, "closing line not imported")
                continue
            flush()
            seen_operative = bool(operative) or (current is not None and current.kind is Kind.OPERATIVE)
            current = self.start(line, seen_operative=seen_operative)
            if current.kind is Kind.PREAMBULAR and operative:
                self.warn(line, "preambular paragraph after the operative part: moved to the end of the preamble")
        flush()
        return preambular, operative

    def closing_like(self, line: Line) -> bool:
        text = normalize(line.text)
        return bool(_CLOSING.search(text)) or (len(text.split()) <= 12 and text[-1:] not in FINAL_MARKS)

    def sub_level(self, line: Line) -> int:
        """Return 1 for (a), 2 for (i), 0 for a main paragraph."""
        numbering = line.numbering
        if numbering is not None and numbering.format != "bullet":
            if numbering.level >= 1 or numbering.format in ("lowerLetter", "upperLetter"):
                return 2 if numbering.format in ("lowerRoman", "upperRoman") or numbering.level >= 2 else 1
            return 0
        stripped = line.text.lstrip()
        if TYPED_OP.match(stripped) or TYPED_PP.match(stripped):
            return 0
        match = TYPED_SUB.match(stripped)
        if not match:
            return 0
        return 2 if self.is_roman(match.group(2) or match.group(3)) else 1

    def is_roman(self, label: str) -> bool:
        """'i', 'v', 'x' are letters after (h), (u), (w) and numerals otherwise."""
        if not re.fullmatch(r"[ivxlc]+", label):
            return False
        return len(label) > 1 or label != self.next_letter

    def start(self, line: Line, *, seen_operative: bool) -> _Pending:
        self.next_letter = "a"
        text, cut = strip_number(line.text)
        numbered = (line.numbering is not None and line.numbering.format not in ("bullet", "none")) \
            or bool(TYPED_OP.match(line.text))
        opening, rest, match = self.opening(text, line.italic[cut:])
        unknown = f" opening with {opening!r}, a phrase draftkit does not know" if opening else " with no opening"
        if match is not None:
            kind = match.kind
            if match.ambiguous:  # the same verb opens both kinds (Chinese 重申): a number makes it operative
                kind = Kind.OPERATIVE if numbered or seen_operative else Kind.PREAMBULAR
        elif numbered and not TYPED_PP.match(line.text):
            kind = Kind.OPERATIVE
            self.warn(line, f"kept as an operative paragraph{unknown} (it is numbered)")
        else:
            kind = Kind.OPERATIVE if seen_operative else Kind.PREAMBULAR
            self.warn(line, f"kept as {_a(kind)} paragraph{unknown} (by its position)")
        styled = line.referenced[cut:]
        return _Pending(line, kind, opening, styled[len(text) - len(rest):], footnotes=list(line.footnotes))

    def opening(self, text: str, italic: tuple[bool, ...]) -> tuple[str, str, PhraseMatch | None]:
        """Split the opening phrase from the text: the italic lead, else a known phrase."""
        lead = 0
        while lead < len(text) and (italic[lead] if lead < len(italic) else False):
            lead += 1
        # the italic lead ends at a word boundary and leaves some text after it
        italic_opening = normalize(text[:lead]).rstrip(",")
        if italic_opening and lead < len(text.rstrip()) and (lead == len(text) or not text[lead].isalnum()):
            return italic_opening, text[lead:], match_phrase(italic_opening, self.phrases)
        match = match_phrase(text, self.phrases)
        if match is not None:
            return normalize(text[:match.length]), text[match.length:], match
        return "", text, None

    def add_sub(self, current: _Pending, line: Line, level: int) -> None:
        text = line.referenced if line.numbering else line.referenced[strip_number(line.text)[1]:]
        current.footnotes.extend(line.footnotes)
        if level == 2 and current.subs:
            current.subs[-1][1].append(text)
            return
        if level == 2:
            self.warn(line, "second-level sub-paragraph without a first level: kept at the first level")
        current.subs.append((text, []))
        count = len(current.subs)
        self.next_letter = chr(ord("a") + count) if count < 26 else ""

    def finish(self, current: _Pending) -> ImportedParagraph:
        notes = tuple((key, note_text(self.doc, key, note)) for key, note in current.footnotes)
        subs = tuple(ImportedSub(_markup(text), tuple(ImportedSub(_markup(child)) for child in children))
                     for text, children in current.subs)
        text = _markup(current.text)
        if not text:
            self.warn(current.line, "paragraph has an opening but no text")
        return ImportedParagraph(index=current.line.index, kind=current.kind, opening=current.opening, text=text,
                                 subparagraphs=subs, footnotes=notes)


def _markup(text: StyledText) -> str:
    """A text as the draft holds it: cleaned (spaces, final punctuation), formatting as markup."""
    return as_markup(clean_styled(text))


def _a(kind: Kind) -> str:
    return f"an {kind.value}" if kind is Kind.OPERATIVE else f"a {kind.value}"
