"""Resolution DOCX → draftkit draft + clause library: heading, authoring line, preambular
and operative paragraphs, openings, sub-paragraphs and footnotes, with warnings for what
could not be classified; then the YAML files. Reads only what `docxread` gives; knows
no Word XML and writes YAML only through `loading.yamlsource.dump_yaml`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from draftkit.docxread import DocxDocument, DocxNumbering, DocxParagraph
from draftkit.errors import InputError
from draftkit.model import Body, Kind
from draftkit.render.typography import FINAL_MARKS, NBSP, NNBSP, strip_final

_SPACE = re.compile(f"[ \t\n\r{NNBSP}]+")

# --- the text of one paragraph, as flat text with footnote calls ---------------------


@dataclass(frozen=True)
class Line:
    """One logical paragraph of a document view, flattened for classification.

    `text` holds `[^fnN]` calls where footnote references stand; `italic` has one flag per
    character of `text`; `index` is the paragraph's position in the DOCX (0-based).
    """

    index: int
    text: str
    italic: tuple[bool, ...]
    numbering: DocxNumbering | None = None
    style: str = ""
    footnotes: tuple[tuple[str, int], ...] = ()  # (key, note id) in order of the calls


def document_lines(doc: DocxDocument, *, accepted: bool = True) -> list[Line]:
    """Return the body paragraphs as `Line`s with every change accepted (or rejected).

    A paragraph whose mark is deleted (accepted view) or inserted (rejected view) is
    joined to the next one, as Word does; paragraphs left empty are dropped.
    """
    lines: list[Line] = []
    pending: list[DocxParagraph] = []
    keys: dict[tuple[str, int], str] = {}
    for paragraph in doc.paragraphs:
        pending.append(paragraph)
        joins = paragraph.mark_deleted if accepted else paragraph.mark_inserted
        if joins:
            continue
        line = _flatten(pending, accepted, keys)
        pending = []
        if line.text.strip():
            lines.append(line)
    if pending:
        line = _flatten(pending, accepted, keys)
        if line.text.strip():
            lines.append(line)
    return lines


def _flatten(paragraphs: list[DocxParagraph], accepted: bool, keys: dict[tuple[str, int], str]) -> Line:
    """One `Line` from a paragraph (and those joined to it); notes are keyed fn1, fn2… in reading order."""
    text: list[str] = []
    italic: list[bool] = []
    notes: list[tuple[str, int]] = []
    for paragraph in paragraphs:
        for run in paragraph.runs:
            if (run.deleted if accepted else run.inserted):
                continue
            note = run.footnote if run.footnote is not None else run.endnote
            if note is not None:
                kind = "fn" if run.footnote is not None else "en"
                key = keys.setdefault((kind, note), f"{kind}{sum(1 for k in keys if k[0] == kind) + 1}")
                piece, flag = f"[^{key}]", False
                notes.append((key, note))
            else:
                piece, flag = run.text, run.italic
            text.append(piece)
            italic.extend([flag] * len(piece))
    # a joined paragraph keeps the numbering and style of its first part, as Word shows it
    first = paragraphs[0]
    owner = next((p for p in paragraphs if p.numbering), first) if not first.numbering else first
    return Line(index=first.index, text="".join(text), italic=tuple(italic), numbering=owner.numbering,
                style=first.style_name, footnotes=tuple(notes))


def note_text(doc: DocxDocument, key: str, note: int, *, accepted: bool = True) -> str:
    """The text of the footnote (or endnote) a `[^key]` call names, spaces normalized."""
    notes = doc.footnotes if key.startswith("fn") else doc.endnotes
    found = notes.get(note)
    if found is None:
        return ""
    return normalize(found.text if accepted else found.rejected_text)


def normalize(text: str) -> str:
    """Collapse line breaks, tabs and runs of spaces; no-break spaces inside words are kept."""
    text = _SPACE.sub(" ", text)
    text = re.sub(f" ?{NBSP} ?", NBSP, text)
    return text.strip(" " + NBSP)


# --- opening phrases -----------------------------------------------------------------


@dataclass(frozen=True)
class Phrases:
    """Known opening phrases of one language, lower-cased, longest first."""

    preambular: tuple[str, ...]
    operative: tuple[str, ...]
    modifiers: tuple[str, ...]


_FALLBACK = {
    "en": {"preambular": ["Recalling", "Reaffirming", "Noting", "Taking note", "Emphasizing", "Stressing",
                          "Bearing in mind", "Mindful", "Conscious", "Aware", "Convinced", "Guided by",
                          "Determined", "Taking into account", "Recognizing", "Considering", "Welcoming",
                          "Concerned", "Expressing", "Affirming", "Condemning", "Acknowledging",
                          "Having considered", "Having examined", "Alarmed"],
           "operative": ["Decides", "Requests", "Calls upon", "Calls on", "Urges", "Encourages", "Invites",
                         "Welcomes", "Takes note", "Reaffirms", "Affirms", "Recognizes", "Stresses",
                         "Emphasizes", "Condemns", "Recommends", "Expresses", "Notes", "Approves",
                         "Endorses", "Declares"],
           "modifiers": ["also", "further", "deeply", "gravely", "strongly"]},
    "fr": {"preambular": ["Rappelant", "Réaffirmant", "Notant", "Prenant note", "Soulignant", "Ayant à l'esprit",
                          "Consciente", "Convaincue", "Guidée", "Résolue", "Déterminée", "Tenant compte",
                          "Considérant", "Reconnaissant", "Constatant", "Se félicitant", "Préoccupée",
                          "Se déclarant", "Affirmant", "Condamnant", "Ayant examiné", "Alarmée"],
           "operative": ["Décide", "Prie", "Demande", "Engage", "Exhorte", "Encourage", "Invite",
                         "Se félicite", "Accueille", "Prend note", "Réaffirme", "Affirme", "Considère",
                         "Constate", "Reconnaît", "Souligne", "Insiste", "Condamne", "Recommande",
                         "Se déclare", "Relève", "Note", "Approuve", "Fait siennes", "Déclare"],
           "modifiers": ["profondément", "gravement", "également", "en outre"]},
}


def load_phrases(language: str) -> Phrases:
    """The shipped phrase lists (`draftkit/data/phrases.yaml`) for `language`, or a small built-in set."""
    data = None
    source = resources.files("draftkit") / "data" / "phrases.yaml"
    if source.is_file():
        from draftkit.loading.yamlsource import load_yaml

        with resources.as_file(source) as path:
            loaded = load_yaml(path)
        if isinstance(loaded, dict) and isinstance(loaded.get(language), dict):
            data = loaded[language]
    table = data or _FALLBACK.get(language, _FALLBACK["en"])

    def words(key: str) -> tuple[str, ...]:
        values = [str(v).lower() for v in table.get(key) or [] if isinstance(v, (str, int))]
        return tuple(sorted(set(values), key=lambda v: (-len(v.split()), -len(v))))

    return Phrases(words("preambular"), words("operative"), words("modifiers"))


@dataclass(frozen=True)
class PhraseMatch:
    kind: Kind
    length: int  # characters of the text the opening takes


def match_phrase(text: str, phrases: Phrases) -> PhraseMatch | None:
    """Find a known opening at the start of `text`: optional modifiers, a phrase, optional
    trailing modifiers ('Recalling also', 'Deeply concerned', 'Calls upon')."""
    lowered = text.lower().replace("’", "'")
    pos = _skip_modifiers(lowered, 0, phrases.modifiers)
    pos += len(lowered[pos:]) - len(lowered[pos:].lstrip(" "))
    for kind, table in ((Kind.OPERATIVE, phrases.operative), (Kind.PREAMBULAR, phrases.preambular)):
        for phrase in table:
            if lowered.startswith(phrase, pos) and _boundary(lowered, pos + len(phrase)):
                end = _skip_modifiers(lowered, pos + len(phrase), phrases.modifiers)
                # only a lead modifier before the phrase ('Also recalling'), never a lone word
                return PhraseMatch(kind, end)
    return None


def _skip_modifiers(text: str, pos: int, modifiers: tuple[str, ...]) -> int:
    moved = True
    while moved:
        moved = False
        stripped = pos + (len(text[pos:]) - len(text[pos:].lstrip(" ")))
        for modifier in modifiers:
            if text.startswith(modifier, stripped) and _boundary(text, stripped + len(modifier)):
                rest = text[stripped + len(modifier):]
                if rest.startswith((" ", ",")) or not rest:
                    pos, moved = stripped + len(modifier), True
                    break
    return pos


def _boundary(text: str, pos: int) -> bool:
    return pos >= len(text) or not (text[pos].isalnum() or text[pos] in "-'")


# --- classification ------------------------------------------------------------------


@dataclass(frozen=True)
class ImportWarning:
    """Something the importer could not classify or chose to leave out, with where it was."""

    paragraph: int  # 1-based paragraph number in the DOCX
    message: str
    excerpt: str = ""

    def __str__(self) -> str:
        return f"paragraph {self.paragraph}: {self.message}" + (f": {self.excerpt!r}" if self.excerpt else "")


@dataclass(frozen=True)
class ImportedSub:
    text: str
    children: tuple[ImportedSub, ...] = ()


@dataclass(frozen=True)
class ImportedParagraph:
    """A classified paragraph: kind, opening split from the text, sub-paragraphs, footnotes."""

    index: int
    kind: Kind
    opening: str
    text: str
    subparagraphs: tuple[ImportedSub, ...] = ()
    footnotes: tuple[tuple[str, str], ...] = ()  # (key, text)

    def texts(self) -> list[str]:
        """The paragraph's text and every sub-paragraph's, in reading order."""
        out = [self.text]
        stack = list(self.subparagraphs)
        while stack:
            sub = stack.pop(0)
            out.append(sub.text)
            stack[0:0] = list(sub.children)
        return out


@dataclass(frozen=True)
class ImportedHeading:
    """What the heading lines said: title, authoring line, body, session, symbol, dates."""

    title: str = ""
    authoring: str = ""
    body: Body = Body.IPU_ASSEMBLY
    session: str = ""
    symbol: str = ""
    committee: str = ""
    place: str = ""
    date: date | None = None
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class ImportedDraft:
    """A whole imported resolution in one language, before it is written as YAML."""

    source: Path
    language: str
    heading: ImportedHeading
    preambular: tuple[ImportedParagraph, ...]
    operative: tuple[ImportedParagraph, ...]
    warnings: tuple[ImportWarning, ...] = ()


_TYPED_OP = re.compile(r"^\s*(?:OP\s*)?(\d{1,3})\s*[.)]\s+")
_TYPED_PP = re.compile(r"^\s*(?:PP\s*(\d{1,3})\s*[.):]?|\((\d{1,3})\))\s+")
_TYPED_SUB = re.compile(r"^\s*(\(([a-z]{1,2}|[ivxlc]{1,6})\)|([a-z]{1,2}|[ivxlc]{1,6})[.)])\s+")
_AUTHORING = re.compile(
    r"^(the\b.{0,80}\b(assembly|council|conference|commission|committee|union)\b"
    r"|(l['’]|le |la |les ).{0,80}\b(assemblée|conseil|conférence|commission|comité|union)\b).{0,80}[,:]?$",
    re.IGNORECASE,
)
_SUBTITLE = re.compile(r"^(draft )?resolution\b|^(projet de )?r[ée]solution\b|^(submitted|pr[ée]sent[ée])",
                       re.IGNORECASE)
_CLOSING = re.compile(r"plenary meeting|s[ée]ance pl[ée]ni[èe]re|^\d{1,2}(er)? \w+ \d{4}$", re.IGNORECASE)
_SYMBOL = re.compile(r"^[A-Z][A-Z0-9.\-]*(/[A-Za-z0-9.\-]+)+$")
_SESSION = re.compile(r"^(\d{1,4})\s*(?:st|nd|rd|th|e|re|ème)\b", re.IGNORECASE)
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
}
_DAY = r"(\d{1,2})(?:er)?"
_MONTH = r"([A-Za-zéû]+)"
_DATE = re.compile(rf"^{_DAY}\s+{_MONTH}\s+(\d{{4}})$")
_RANGE = re.compile(rf"^{_DAY}(?:\s+{_MONTH})?\s*[-–]\s*{_DAY}\s+{_MONTH}\s+(\d{{4}})$")


def detect_language(lines: list[Line], declared: str | None) -> str:
    """'en' or 'fr': the language whose opening phrases start more paragraphs (then the DOCX's own)."""
    scores = {}
    for language in ("en", "fr"):
        phrases = load_phrases(language)
        scores[language] = sum(1 for line in lines if match_phrase(_strip_number(line.text)[0], phrases))
    if scores["en"] != scores["fr"]:
        return max(scores, key=scores.__getitem__)
    return "fr" if (declared or "").lower().startswith("fr") else "en"


def _strip_number(text: str) -> tuple[str, int]:
    """Text without a typed number ('5.', '(a)', 'PP3', '(1)'), and how many characters were cut."""
    stripped = text.lstrip()
    cut = len(text) - len(stripped)
    for pattern in (_TYPED_OP, _TYPED_PP, _TYPED_SUB):
        match = pattern.match(stripped)
        if match:
            return stripped[match.end():], cut + match.end()
    return stripped, cut


def import_document(doc: DocxDocument, language: str | None = None) -> ImportedDraft:
    """Classify the paragraphs of `doc` into a draft in `language` (detected when |None|).

    Raises `InputError` when no preambular or operative paragraph can be found.
    """
    lines = document_lines(doc)
    lang = language or detect_language(lines, doc.language)
    return _Classifier(doc, lines, lang).run()


class _Classifier:
    def __init__(self, doc: DocxDocument, lines: list[Line], language: str):
        self.doc = doc
        self.lines = lines
        self.language = language
        self.phrases = load_phrases(language)
        self.warnings: list[ImportWarning] = []

    def warn(self, line: Line, message: str) -> None:
        excerpt = normalize(line.text)
        self.warnings.append(ImportWarning(line.index + 1, message, excerpt[:60] + ("…" if len(excerpt) > 60 else "")))

    def run(self) -> ImportedDraft:
        start = self.body_start()
        heading = self.heading(self.lines[:start])
        body = self.lines[start:]
        preambular, operative = self.body(body)
        if not preambular and not operative:
            raise InputError("found no preambular or operative paragraphs in the DOCX", where=self.doc.path,
                             fix="check that it is a resolution; paragraphs must open with a phrase such as "
                                 "'Recalling' or 'Decides', or be numbered")
        return ImportedDraft(self.doc.path, self.language, heading, tuple(preambular), tuple(operative),
                             tuple(self.warnings))

    # heading

    def body_start(self) -> int:
        """Index of the first body paragraph: after the authoring line, or the first that looks like one."""
        for position, line in enumerate(self.lines[:40]):
            text = normalize(line.text)
            if _AUTHORING.match(text) and not self.evidence(line) and len(text) < 200:
                return position + 1
        for position, line in enumerate(self.lines):
            if self.evidence(line):
                return position
        return 0

    def evidence(self, line: Line) -> bool:
        text, _ = _strip_number(line.text)
        return bool(match_phrase(text, self.phrases) or line.numbering or _TYPED_OP.match(line.text))

    def heading(self, lines: list[Line]) -> ImportedHeading:
        values: dict[str, object] = {}
        header: list[Line] = []
        for line in lines:
            text = normalize(line.text)
            style = line.style.lower()
            if _AUTHORING.match(text) and line is lines[-1]:
                values["authoring"] = strip_final(text)
            elif "title" in style and "subtitle" not in style and "title" not in values:
                values["title"] = text
            else:
                header.append(line)
        if "title" not in values:
            # without a Title style, the title is the last heading line that is not a
            # date, symbol or subtitle
            for line in reversed(header):
                text = normalize(line.text)
                if not (_SUBTITLE.match(text) or _SYMBOL.match(text) or _parse_date(text) or _RANGE.match(text)):
                    values["title"] = text
                    header.remove(line)
                    break
        for line in header:
            self.header_line(line, normalize(line.text), values)
        if "title" not in values and self.doc.title:
            values["title"] = self.doc.title
        if "title" not in values:
            values["title"] = self.doc.path.stem
            self.warnings.append(ImportWarning(1, "no title found; the file name is used"))
        authoring = str(values.get("authoring", ""))
        body = Body.UN_GENERAL_ASSEMBLY if re.search(r"general assembly|assemblée générale", authoring + " " +
                                                       " ".join(normalize(x.text) for x in header), re.I) \
            else Body.IPU_ASSEMBLY
        return ImportedHeading(
            title=str(values["title"]), authoring=authoring, body=body,
            session=str(values.get("session", "")), symbol=str(values.get("symbol", "")),
            committee=str(values.get("committee", "")), place=str(values.get("place", "")),
            date=values.get("date"), start=values.get("start"), end=values.get("end"),  # type: ignore[arg-type]
        )

    def header_line(self, line: Line, text: str, values: dict[str, object]) -> None:
        session = _SESSION.match(text)
        day = _parse_date(text)
        span = _parse_range(text)
        if session and "session" not in values:
            values["session"] = session.group(1)
            values["session_line"] = line.index
        elif _SYMBOL.match(text) and "symbol" not in values:
            values["symbol"] = text
        elif day is not None:
            values["date"] = day
        elif span is not None:
            values["start"], values["end"] = span
        elif re.search(r"\b(committee|commission)\b", text, re.I) and "committee" not in values:
            values["committee"] = text
        elif _SUBTITLE.match(text):
            pass  # "Draft resolution submitted by …": written again by the template
        elif values.get("session_line") == line.index - 1 and "place" not in values and len(text) < 80:
            values["place"] = text
        elif text.lower() not in ("united nations", "nations unies", "general assembly", "assemblée générale"):
            self.warn(line, "heading line not imported")

    # body

    def body(self, lines: list[Line]) -> tuple[list[ImportedParagraph], list[ImportedParagraph]]:
        preambular: list[ImportedParagraph] = []
        operative: list[ImportedParagraph] = []
        current: dict | None = None  # the paragraph being built, so sub-paragraphs can join it
        last_evidence = max((i for i, line in enumerate(lines) if self.evidence(line) or self.sub_level(line)),
                            default=-1)

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
            current = self.start(line, seen_operative=bool(operative) or (
                current is not None and current["kind"] is Kind.OPERATIVE))
            if current["kind"] is Kind.PREAMBULAR and operative:
                self.warn(line, "preambular paragraph after the operative part: moved to the end of the preamble")
        flush()
        return preambular, operative

    def closing_like(self, line: Line) -> bool:
        text = normalize(line.text)
        return bool(_CLOSING.search(text)) or (len(text.split()) <= 12 and text[-1:] not in FINAL_MARKS)

    def sub_level(self, line: Line) -> int:
        """1 for (a), 2 for (i), 0 for a main paragraph."""
        numbering = line.numbering
        if numbering is not None and numbering.format != "bullet":
            if numbering.level >= 1 or numbering.format in ("lowerLetter", "upperLetter"):
                return 2 if numbering.format in ("lowerRoman", "upperRoman") or numbering.level >= 2 else 1
            return 0
        stripped = line.text.lstrip()
        if _TYPED_OP.match(stripped) or _TYPED_PP.match(stripped):
            return 0
        match = _TYPED_SUB.match(stripped)
        if not match:
            return 0
        label = match.group(2) or match.group(3)
        return 2 if self.is_roman(label) else 1

    def is_roman(self, label: str) -> bool:
        """'i', 'v', 'x' are letters after (h), (u), (w) and numerals otherwise."""
        if not re.fullmatch(r"[ivxlc]+", label):
            return False
        if len(label) > 1:
            return True
        expected = getattr(self, "next_letter", "a")
        return label != expected

    def start(self, line: Line, *, seen_operative: bool) -> dict:
        self.next_letter = "a"
        text, cut = _strip_number(line.text)
        italic = line.italic[cut:]
        typed_op = bool(_TYPED_OP.match(line.text))
        numbered = (line.numbering is not None and line.numbering.format not in ("bullet", "none")) or typed_op
        opening, rest, match = self.opening(text, italic)
        if match is not None:
            kind = match.kind
        elif numbered and not _TYPED_PP.match(line.text):
            kind = Kind.OPERATIVE
            self.warn(line, "opening not in the phrase list; numbered, so kept as operative")
        else:
            kind = Kind.OPERATIVE if seen_operative else Kind.PREAMBULAR
            self.warn(line, f"could not tell preambular from operative; kept as {kind.value} by its position")
        return {"line": line, "kind": kind, "opening": opening, "text": rest, "subs": [],
                "footnotes": list(line.footnotes)}

    def opening(self, text: str, italic: tuple[bool, ...]) -> tuple[str, str, PhraseMatch | None]:
        """Split the opening phrase from the text: the italic lead, else a known phrase."""
        lead = 0
        while lead < len(text) and (italic[lead] if lead < len(italic) else False):
            lead += 1
        # the italic lead ends at a word boundary and leaves some text after it
        italic_opening = normalize(text[:lead]).rstrip(",")
        match = match_phrase(text, self.phrases)
        if italic_opening and lead < len(text.rstrip()) and (lead == len(text) or not text[lead].isalnum()):
            found = match_phrase(italic_opening, self.phrases)
            return italic_opening, text[lead:], found
        if match is not None:
            return normalize(text[:match.length]), text[match.length:], match
        return "", text, None

    def add_sub(self, current: dict, line: Line, level: int) -> None:
        text, _ = _strip_number(line.text) if not line.numbering else (line.text, 0)
        current["footnotes"].extend(line.footnotes)
        subs = current["subs"]
        if level == 2 and subs:
            subs[-1][1].append(text)
            return
        if level == 2:
            self.warn(line, "second-level sub-paragraph without a first level: kept at the first level")
        subs.append((text, []))
        letters = len(subs)
        self.next_letter = chr(ord("a") + letters) if letters < 26 else ""

    def finish(self, current: dict) -> ImportedParagraph:
        line: Line = current["line"]
        keys = [key for key, _ in current["footnotes"]]
        notes = tuple((key, note_text(self.doc, key, note)) for key, note in current["footnotes"])
        subs = tuple(
            ImportedSub(clean(text, keys), tuple(ImportedSub(clean(child, keys)) for child in children))
            for text, children in current["subs"]
        )
        text = clean(current["text"], keys)
        if not text:
            self.warn(line, "paragraph has an opening but no text")
        return ImportedParagraph(index=line.index, kind=current["kind"], opening=current["opening"], text=text,
                                 subparagraphs=subs, footnotes=notes)


def clean(text: str, footnote_keys: list[str] | None = None) -> str:
    """Normalize spaces and strip the final punctuation (draftkit applies it by rule),
    keeping footnote calls that stood after it ('Child,[^fn1]' → 'Child[^fn1]')."""
    text = normalize(text)
    calls = ""
    while True:
        match = re.search(r"\[\^[A-Za-z0-9_.:-]+\]\s*$", text)
        stripped = strip_final(text)
        if match:
            calls = match.group().strip() + calls
            text = text[: match.start()]
            continue
        if stripped != text:
            text = stripped
            continue
        break
    # a trailing '; and' / '; et' between sub-paragraphs is kept as written
    return (text + calls).strip()


def _parse_date(text: str) -> date | None:
    match = _DATE.match(text.strip())
    if not match or match.group(2).lower() not in MONTHS:
        return None
    try:
        return date(int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1)))
    except ValueError:
        return None


def _parse_range(text: str) -> tuple[date, date] | None:
    match = _RANGE.match(text.strip())
    if not match:
        return None
    first_month = (match.group(2) or match.group(4)).lower()
    month = match.group(4).lower()
    if first_month not in MONTHS or month not in MONTHS:
        return None
    year = int(match.group(5))
    try:
        return date(year, MONTHS[first_month], int(match.group(1))), date(year, MONTHS[month], int(match.group(3)))
    except ValueError:
        return None


# --- ids -----------------------------------------------------------------------------

_STOP = {"the", "of", "a", "an", "and", "to", "in", "on", "for", "by", "that", "with", "all", "its", "their",
         "le", "la", "les", "de", "des", "du", "et", "à", "a", "au", "aux", "en", "que", "l", "d", "sur", "par"}


def slug(text: str, words: int = 3) -> str:
    """A short ascii slug of the first significant words ('Recalling the Convention' → 'recalling-convention')."""
    plain = unicodedata.normalize("NFKD", re.sub(r"\[\^[^\]]*\]|\{[^}]*\}", " ", text))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    tokens = [t for t in re.split(r"[^a-z0-9]+", plain) if t and t not in _STOP]
    return "-".join(tokens[:words])


def clause_id(paragraph: ImportedParagraph, taken: set[str]) -> str:
    """A unique id from the kind, the opening and a short slug of the text ('op-urges-parliaments')."""
    prefix = "pp" if paragraph.kind is Kind.PREAMBULAR else "op"
    opening = slug(paragraph.opening, 2)
    base = "-".join(p for p in (prefix, opening, slug(paragraph.text, 2 if opening else 3)) if p)
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate




# --- writing the project -------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    """What `write_import` wrote: the draft file, the clause library, and the warnings."""

    draft_path: Path
    library_path: Path
    version: int
    imported: ImportedDraft
    clause_ids: tuple[str, ...] = ()
    project_file: Path | None = None

    @property
    def warnings(self) -> tuple[ImportWarning, ...]:
        return self.imported.warnings


def _by_lang(language: str, text: str) -> dict[str, str]:
    return {language: text}


def _sub_data(sub: ImportedSub, language: str) -> dict:
    data: dict = {"text": _by_lang(language, sub.text)}
    if sub.children:
        data["subparagraphs"] = [_sub_data(child, language) for child in sub.children]
    return data


def clause_data(paragraph: ImportedParagraph, clause: str, language: str, source: str) -> dict:
    """The clause-library entry of one imported paragraph (plain data for YAML)."""
    data: dict = {"id": clause, "kind": paragraph.kind.value}
    data["opening"] = _by_lang(language, paragraph.opening) if paragraph.opening else {}
    data["text"] = _by_lang(language, paragraph.text or "…")
    if paragraph.subparagraphs:
        data["subparagraphs"] = [_sub_data(sub, language) for sub in paragraph.subparagraphs]
    if paragraph.footnotes:
        data["footnotes"] = {key: _by_lang(language, text or "…") for key, text in paragraph.footnotes}
    data["source"] = f"{source}, paragraph {paragraph.index + 1}"
    return data


def draft_data(imported: ImportedDraft, ids: list[str], version: int, today: date) -> dict:
    """The draft file (plain data for YAML): metadata and `clause:` references in order."""
    heading, lang = imported.heading, imported.language
    data: dict = {"version": version, "date": (heading.date or today).isoformat(), "body": heading.body.value,
                  "session": heading.session or "", "languages": [lang]}
    if heading.symbol:
        data["symbol"] = heading.symbol
    data["title"] = _by_lang(lang, heading.title)
    if heading.committee:
        data["committee"] = _by_lang(lang, heading.committee)
    if heading.authoring:
        data["authoring"] = _by_lang(lang, heading.authoring)
    if heading.place or heading.start:
        meeting: dict = {}
        if heading.place:
            meeting["place"] = _by_lang(lang, heading.place)
        if heading.start and heading.end:
            meeting["start"], meeting["end"] = heading.start.isoformat(), heading.end.isoformat()
        data["meeting"] = meeting
    count = len(imported.preambular)
    data["preambular"] = [{"clause": clause} for clause in ids[:count]]
    data["operative"] = [{"clause": clause} for clause in ids[count:]]
    return data


def write_import(imported: ImportedDraft, target: Path, *, today: date | None = None) -> ImportResult:
    """Write the imported draft and its clause library under `target`, then load them back.

    `target` is a project folder (created when missing; an existing project gets the
    next draft version and a new library file) or a draft `.yaml` path (its library
    goes to `clauses/` beside it). Raises `InputError` rather than overwrite a file.
    """
    from draftkit.files import write_atomic
    from draftkit.loading import Project, open_draft
    from draftkit.loading.project import PROJECT_FILE
    from draftkit.loading.yamlsource import dump_yaml

    today = today or date.today()
    stem = slug(imported.source.stem, 6) or "imported"
    project_file = None
    if target.suffix in (".yaml", ".yml"):
        draft_path = target
        root = target.parent
        version = 1
        existing: set[str] = set()
    else:
        root = target
        if (root / PROJECT_FILE).is_file():
            project = Project.open(root)
            existing = set(project.library.clauses)
            version = (max(project.versions()) + 1) if project.versions() else 1
            draft_path = project.config.drafts / f"draft-{version}.yaml"
        else:
            if root.exists() and any(root.iterdir()):
                raise InputError("folder exists and is not a draftkit project", where=root,
                                 fix="give an empty or new folder, a project folder, or a draft .yaml path with -o")
            existing, version = set(), 1
            draft_path = root / "drafts" / "draft-1.yaml"
            project_file = root / PROJECT_FILE
    library_path = root / "clauses" / f"imported-{stem}.yaml"
    n = 2
    while library_path.exists():  # a second import into the same project gets its own library file
        library_path, n = root / "clauses" / f"imported-{stem}-{n}.yaml", n + 1
    if draft_path.exists():
        raise InputError("refusing to overwrite an existing file", where=draft_path,
                         fix="choose another output with -o, or move the file away")
    paragraphs = [*imported.preambular, *imported.operative]
    ids = [clause_id(p, existing) for p in paragraphs]
    source = f"imported from {imported.source.name}"
    library = {"library": f"imported-{stem}", "description": f"Paragraphs {source} on {today.isoformat()}",
               "clauses": [clause_data(p, i, imported.language, source) for p, i in zip(paragraphs, ids)]}
    header = f"# Imported from {imported.source.name} by `draftkit import`; check the warnings it printed.\n"
    draft = draft_data(imported, ids, version, today)
    inputs = [imported.source]
    if project_file is not None:
        write_atomic(project_file, f"name: {stem}\n", inputs=inputs)
    write_atomic(library_path, header + dump_yaml(library), inputs=inputs)
    write_atomic(draft_path, header + dump_yaml(draft), inputs=inputs)
    open_draft(draft_path)  # the files must load; a failure here is a bug worth a loud error
    return ImportResult(draft_path, library_path, version, imported, tuple(ids), project_file)
