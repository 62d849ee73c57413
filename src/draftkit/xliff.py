"""XLIFF 2.0, the OASIS format translators' CAT tools read, written and read on lxml as the
core specification has it (no module): `<xliff version srcLang trgLang>` / `<file id>` /
`<unit id name>` holding its `<notes>` first, then `<originalData>`, then `<segment
state>` with `<source>` and `<target>`.

A draft's inline markup becomes inline codes that a translator moves but cannot break:
footnote calls `[^key]` and cross-references `{ref:ID}` / `{num:ID}` are standalone codes
(`<ph>`); formatting (`*italic*`, `**bold**`, `^sup^`, `~sub~`, `{sc:…}`) and negotiation
brackets are paired codes (`<pc>`, or `<sc>`/`<ec>` where two overlap). Each code keeps the
markup it stands for in `<originalData>` and says `canCopy="no" canDelete="no"`.
`decode` writes a translated text back with exactly that markup, and refuses (one line)
a text that drops, repeats or invents a code.

Knows XML and the inline markup (through `draftkit.inline`); not drafts, not files.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Union

from lxml import etree

from draftkit.inline import FOOTNOTE, XML_FORBIDDEN, CrossRef, FootnoteCall, Plain, Style, escape, problems, segments

NS = "urn:oasis:names:tc:xliff:document:2.0"
STATES = ("initial", "translated", "reviewed", "final")


class FormatError(ValueError):
    """A file that is not an XLIFF 2.0 document draftkit can read (the message says why)."""


class CodeError(ValueError):
    """A translated text whose inline codes do not match its source's (the message says how)."""


# --- content: a text as a sequence of text and inline codes -------------------------------


@dataclass(frozen=True)
class Open:
    """The start of paired code `id` (`<pc>` or `<sc>`)."""

    id: str


@dataclass(frozen=True)
class Close:
    """The end of paired code `id` (`</pc>` or `<ec startRef>`)."""

    id: str


@dataclass(frozen=True)
class Placeholder:
    """Standalone code `id` (`<ph>`)."""

    id: str


Token = Union[str, Open, Close, Placeholder]


@dataclass(frozen=True)
class Code:
    """One inline code of a text: the markup it stands for (`start`, and `end` for a paired
    code), its XLIFF `type`/`subType`, and how a message names it."""

    id: str
    start: str
    end: str | None  # None: a standalone code
    type: str
    subtype: str
    name: str

    @property
    def paired(self) -> bool:
        return self.end is not None


@dataclass(frozen=True)
class Coded:
    """A text of a draft as XLIFF content: text and codes in order, and the codes. The
    source's negotiation brackets are codes, so square brackets a translator types are
    literal text."""

    tokens: tuple[Token, ...]
    codes: tuple[Code, ...]


#: Formatting, outermost first where two start and end together: emphasis outside ('*^o^*',
#: never '^*o*^', which after a bracket would read as '[^'); bold around italic ('***' either way).
_STYLES = (
    (Style.BOLD, "**", "**", "xlf:b", "bold"),
    (Style.ITALIC, "*", "*", "xlf:i", "italic"),
    (Style.SMALL_CAPS, "{sc:", "}", "draftkit:sc", "small capitals"),
    (Style.SUPERSCRIPT, "^", "^", "draftkit:sup", "superscript"),
    (Style.SUBSCRIPT, "~", "~", "draftkit:sub", "subscript"),
)
_SCRIPTS = frozenset({"draftkit:sup", "draftkit:sub"})
_FLANKING = frozenset({"xlf:i", "xlf:b"})  # asterisks: they open and close only next to a word
BRACKET = "draftkit:bracket"
#: Escaped (literal) square brackets while the text is parsed: noncharacters, never in real text.
_LITERAL_OPEN, _LITERAL_CLOSE = "\ufdd0", "\ufdd1"
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


_PROTECTED = re.compile(r"\\(.)|\[(?=\^)", re.DOTALL)


def _protect_literal_brackets(markup: str) -> str:
    """`markup` with its literal square brackets (escaped ones, and a '[^' that is no
    footnote call) set apart, so that every bracket left is a negotiation bracket."""
    def sub(match: re.Match[str]) -> str:
        if match.group(1) is None:  # '[^'
            return match.group() if FOOTNOTE.match(markup, match.start()) else _LITERAL_OPEN + "\\"
        char = match.group(1)
        return _LITERAL_OPEN if char == "[" else _LITERAL_CLOSE if char == "]" else match.group()

    return _PROTECTED.sub(sub, markup) if "\\" in markup or "[^" in markup else markup


def _brackets_pair(pieces: list) -> bool:
    """Whether the negotiation brackets of the parsed text open and close in turn (as
    `negotiation.brackets` requires); unpaired ones stay text."""
    depth = 0
    for piece in pieces:
        if not isinstance(piece, Plain):
            continue
        for char in piece.text:
            if char == "[":
                if depth:
                    return False
                depth = 1
            elif char == "]":
                if not depth:
                    return False
                depth = 0
    return depth == 0


def encode(markup: str) -> Coded:
    """`markup` (a draft's text) as XLIFF content: visible text, and a code for each
    footnote call, cross-reference, formatted stretch and bracketed span."""
    pieces = list(segments(_protect_literal_brackets(markup)))
    paired = _brackets_pair(pieces)
    tokens: list[Token] = []
    codes: list[Code] = []
    stack: list[tuple[Style, str]] = []
    bracket: str | None = None

    def new(start: str, end: str | None, type_: str, subtype: str) -> str:
        code = Code(str(len(codes) + 1), start, end, type_, subtype, _name(subtype, start, end))
        codes.append(code)
        return code.id

    def lasting(at: int, flag: Style) -> int:
        """For how many pieces from `at` on `flag` holds."""
        count = 0
        while at + count < len(pieces) and flag in pieces[at + count].style:
            count += 1
        return count

    def restyle(at: int) -> None:
        """Close and open formatting codes for piece `at`: what holds longest opens first
        (outermost), as the markup nested it."""
        style = pieces[at].style if at < len(pieces) else Style.NONE
        keep = 0
        while keep < len(stack) and stack[keep][0] in style:
            keep += 1
        while len(stack) > keep:
            tokens.append(Close(stack.pop()[1]))
        opening = [entry for entry in _STYLES if entry[0] in style and all(entry[0] is not f for f, _ in stack)]
        after_bracket = bool(tokens) and (isinstance(tokens[-1], str) and tokens[-1].endswith("[") or
                                          not isinstance(tokens[-1], str) and codes[int(tokens[-1].id) - 1].start == "[")
        for flag, start, end, subtype, _ in sorted(opening, key=lambda e: (
                after_bracket and e[0] is Style.SUPERSCRIPT, -lasting(at, e[0]))):  # '[^' would read as a call
            stack.append((flag, new(start, end, "fmt", subtype)))
            tokens.append(Open(stack[-1][1]))

    def text(value: str) -> None:
        if value:
            tokens.append(value.replace(_LITERAL_OPEN, "[").replace(_LITERAL_CLOSE, "]"))

    for at, piece in enumerate(pieces):
        restyle(at)
        if isinstance(piece, FootnoteCall):
            tokens.append(Placeholder(new(f"[^{piece.key}]", None, "other", "draftkit:footnote")))
        elif isinstance(piece, CrossRef):
            shown = f"{{{piece.form}:{piece.target}}}"
            tokens.append(Placeholder(new(shown, None, "link", "draftkit:ref")))
        else:
            for part in re.split(r"([\[\]])", piece.text):
                if part in "[]" and part and not paired:  # an unpaired bracket (check reports it)
                    tokens.append(Placeholder(new(part, None, "other", BRACKET)))
                elif part == "[":
                    bracket = new("[", "]", "other", BRACKET)
                    tokens.append(Open(bracket))
                elif part == "]":
                    tokens.append(Close(bracket))  # type: ignore[arg-type]  # paired: checked above
                else:
                    text(part)
    restyle(len(pieces))
    return Coded(tuple(_joined(tokens)), tuple(codes))


def _joined(tokens: Iterable[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        if isinstance(token, str) and out and isinstance(out[-1], str):
            out[-1] += token
        elif token != "":
            out.append(token)
    return out


def plain(tokens: Iterable[Token]) -> str:
    """The text of `tokens` without its codes."""
    return "".join(t for t in tokens if isinstance(t, str))


def comparable(tokens: Iterable[Token]) -> tuple:
    """`tokens` as compared when checking a source: runs of white space as one space, text
    trimmed at both ends, codes by id (a tool may write `<pc>` as `<sc>`/`<ec>`)."""
    out: list = []
    for token in _joined(tokens):
        out.append(" ".join(token.split()) if isinstance(token, str) else token)
    if out and isinstance(out[0], str):
        out[0] = out[0].lstrip()
    if out and isinstance(out[-1], str):
        out[-1] = out[-1].rstrip()
    return tuple(t for t in out if t != "")


# --- back to markup -----------------------------------------------------------------------


def decode(tokens: Iterable[Token], source: Coded) -> str:
    """The translated `tokens` as draft markup, each code of `source` written back as the
    markup it stands for. Raises `CodeError` when a code of the source is missing,
    repeated, unknown, closed before it opens, or its formatting cannot be written where
    the translator put it."""
    tokens = [_WHITE.sub(" ", t) if isinstance(t, str) else t for t in _joined(tokens)]
    by_id = {code.id: code for code in source.codes}
    _check_codes(tokens, by_id)
    tokens = _single_spaces(_outside_spaces(_without_empty_formatting(tokens, by_id), by_id))
    out: list[str] = []
    scripts = 0
    for token in tokens:
        if isinstance(token, str):
            out.append(_literal(token, scripts > 0))
            continue
        code = by_id[token.id]
        if isinstance(token, Close):
            out.append(code.end or "")
            scripts -= code.subtype in _SCRIPTS
        else:
            out.append(code.start)
            scripts += isinstance(token, Open) and code.subtype in _SCRIPTS
    wanted = _view(tokens, by_id)
    markup = _fewer_escapes("".join(out), wanted)
    if _view_of(markup) != wanted:
        formatting = next((by_id[t.id].name for t in tokens if isinstance(t, Open)
                           and by_id[t.id].type == "fmt"), "the formatting")
        raise CodeError(f"the {formatting} cannot be written back where the translation puts it "
                        "(a formatted stretch must start and end next to its words)")
    return markup


_WHITE = re.compile(r"[ \t\r\n]+")


def _check_codes(tokens: list[Token], by_id: dict[str, Code]) -> None:
    opened: Counter[str] = Counter()
    closed: Counter[str] = Counter()
    bracket = False
    for token in tokens:
        if isinstance(token, str):
            continue
        code = by_id.get(token.id)
        if code is None or code.paired != (not isinstance(token, Placeholder)):
            raise CodeError(f"the translation has an inline code the source does not have (id {token.id!r})")
        if code.subtype == BRACKET:
            if bracket and isinstance(token, Open):
                raise CodeError("the translation puts a pair of square brackets inside another")
            bracket = isinstance(token, Open)
        if isinstance(token, Close):
            closed[token.id] += 1
            if closed[token.id] > opened[token.id]:
                raise CodeError(f"the translation closes {code.name} before opening it")
        else:
            opened[token.id] += 1
    for code in by_id.values():
        if opened[code.id] == 0:
            raise CodeError(f"the translation drops {code.name}; keep each code of the source once")
        if opened[code.id] > 1:
            raise CodeError(f"the translation repeats {code.name}; keep each code of the source once")
        if code.paired and closed[code.id] != 1:
            raise CodeError(f"the translation never closes {code.name}")


def _without_empty_formatting(tokens: list[Token], by_id: dict[str, Code]) -> list[Token]:
    """`tokens` less formatting that holds nothing (an italic pair around no word)."""
    empty = {t.id for t, after in zip(tokens, tokens[1:]) if isinstance(t, Open) and after == Close(t.id)
             and by_id[t.id].type == "fmt"}
    return [t for t in tokens if isinstance(t, str) or t.id not in empty] if empty else tokens


def _outside_spaces(tokens: list[Token], by_id: dict[str, Code]) -> list[Token]:
    """Spaces just inside an italic or bold stretch moved just outside it: '*word*', never
    '* word*' (an asterisk next to a space does not open or close)."""
    out = list(tokens)
    changed = True
    while changed:
        changed = False
        for at in range(len(out) - 1):
            here, after = out[at], out[at + 1]
            if isinstance(here, Open) and by_id[here.id].subtype in _FLANKING and isinstance(after, str) \
                    and after[:1] == " ":
                out[at:at + 2] = [" ", here, after[1:]]
                changed = True
                break
            if isinstance(after, Close) and by_id[after.id].subtype in _FLANKING and isinstance(here, str) \
                    and here[-1:] == " ":
                out[at:at + 2] = [here[:-1], after, " "]
                changed = True
                break
        out = _joined(t for t in out if t != "")
    return out


def _single_spaces(tokens: list[Token]) -> list[Token]:
    """No two spaces in a row across codes, none at either end of the text."""
    out: list[Token] = []
    space = True  # at the start, a space is dropped
    for token in tokens:
        if isinstance(token, str):
            token = re.sub("  +", " ", token)
            if space:
                token = token.lstrip(" ")
            if not token:
                continue
            space = token.endswith(" ")
        else:
            space = False
        out.append(token)
    if out and isinstance(out[-1], str):
        out[-1] = out[-1].rstrip(" ")
    return [t for t in out if t != ""]


def _literal(text: str, in_script: bool) -> str:
    """`text` typed by the translator, written so that it reads as itself. A no-break space
    is written `\\ ` where a mark may stand next to it (a literal one would read as a space
    there); a superscript or subscript holds no plain space, so it gets `\\ ` too."""
    text = escape(text).replace("[", "\\[").replace("]", "\\]")
    if in_script:
        return text.replace(" ", "\\ ").replace("\u00a0", "\\ ")
    if text[:1] == "\u00a0":
        text = "\\ " + text[1:]
    if text[-1:] == "\u00a0":
        text = text[:-1] + "\\ "
    return text


_DROPPABLE = re.compile(r"\\[*^~}]")


def _fewer_escapes(markup: str, wanted: tuple) -> str:
    """`markup` without the backslashes it reads the same without ('A/69/L.52*' needs none),
    so a text comes back as a drafter types it."""
    if "\\" not in markup:
        return markup
    out = markup
    for match in reversed(list(_DROPPABLE.finditer(markup))):
        if match.group() == "\\^" and "[" in markup:
            continue  # '[^' reads as a call or a script mark depending on what follows: keep it escaped
        candidate = out[: match.start()] + out[match.start() + 1:]
        if _view_of(candidate) == wanted and not problems(candidate):
            out = candidate
    return out


def _view_of(markup: str) -> tuple:
    found = encode(markup)
    return _view(found.tokens, {c.id: c for c in found.codes})


def _view(tokens: Iterable[Token], by_id: dict[str, Code]) -> tuple:
    """What a text shows, code ids aside: each character with the formatting around it,
    brackets and standalone codes in place (no-break and plain spaces alike)."""
    active: list[str] = []
    out: list = []
    for token in tokens:
        if isinstance(token, str):
            style = tuple(sorted(active))
            out.extend((char if char != "\u00a0" else " ", style) for char in token)
            continue
        code = by_id[token.id]
        if code.subtype == BRACKET and not isinstance(token, Placeholder):
            out.append(("code", "[" if isinstance(token, Open) else "]"))
        elif isinstance(token, Placeholder):
            out.append(("code", code.start, tuple(sorted(active))))
        elif isinstance(token, Open):
            active.append(code.subtype)
        elif code.subtype in active:
            active.remove(code.subtype)
    return tuple(out)


# --- documents ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    category: str
    text: str


@dataclass(frozen=True)
class Unit:
    """One text to translate: `source` with its codes, `target` (|None|: not translated),
    notes for the translator, and the segment's state."""

    id: str
    name: str
    source: tuple[Token, ...]
    codes: tuple[Code, ...] = ()
    target: tuple[Token, ...] | None = None
    notes: tuple[Note, ...] = ()
    state: str = "initial"


@dataclass(frozen=True)
class Document:
    source_language: str
    target_language: str | None
    file_id: str
    units: tuple[Unit, ...]
    original: str | None = None


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def write(document: Document) -> bytes:
    """The XLIFF 2.0 file of `document` (UTF-8, one element a line down to the segments;
    texts are written as they are, never re-indented)."""
    root = etree.Element(_q("xliff"), nsmap={None: NS})
    root.set("version", "2.0")
    root.set("srcLang", document.source_language)
    if document.target_language:
        root.set("trgLang", document.target_language)
    file = _child(root, "file", 1, id=document.file_id)
    if document.original:
        file.set("original", document.original)
    for unit in document.units:
        _write_unit(file, unit)
    _close(file, 1)
    _close(root, 0)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def _child(parent: etree._Element, tag: str, depth: int, **attributes: str | None) -> etree._Element:
    """A new last child of `parent`, on a line of its own at `depth`."""
    if len(parent):
        parent[-1].tail = "\n" + "  " * depth
    else:
        parent.text = "\n" + "  " * depth
    return etree.SubElement(parent, _q(tag), {k: v for k, v in attributes.items() if v is not None})


def _close(element: etree._Element, depth: int) -> None:
    if len(element):
        element[-1].tail = "\n" + "  " * depth


def _write_unit(file: etree._Element, unit: Unit) -> None:
    element = _child(file, "unit", 2, id=unit.id, name=unit.name)
    if unit.notes:
        notes = _child(element, "notes", 3)
        for note in unit.notes:
            _child(notes, "note", 4, category=note.category).text = note.text
        _close(notes, 3)
    data: dict[str, str] = {}  # markup → data id
    for code in unit.codes:
        for markup in (code.start, code.end):
            if markup is not None and markup not in data:
                data[markup] = f"d{len(data) + 1}"
    if data:
        original = _child(element, "originalData", 3)
        for markup, data_id in data.items():
            _child(original, "data", 4, id=data_id).text = markup
        _close(original, 3)
    segment = _child(element, "segment", 3, state=unit.state)
    by_id = {code.id: code for code in unit.codes}
    _inline(_child(segment, "source", 4), unit.source, by_id, data)
    if unit.target is not None:
        _inline(_child(segment, "target", 4), unit.target, by_id, data)
    _close(segment, 3)
    _close(element, 2)


def _overlapping(tokens: tuple[Token, ...]) -> set[str]:
    """Paired codes that cannot nest as `<pc>` (they overlap another): written `<sc>`/`<ec>`."""
    stack: list[str] = []
    out: set[str] = set()
    for token in tokens:
        if isinstance(token, Open):
            stack.append(token.id)
        elif isinstance(token, Close):
            if stack and stack[-1] == token.id:
                stack.pop()
            else:
                out.add(token.id)
                if token.id in stack:
                    stack.remove(token.id)
    return out | set(stack)


def _inline(element: etree._Element, tokens: tuple[Token, ...], by_id: dict[str, Code],
            data: dict[str, str]) -> None:
    spanning = _overlapping(tokens)
    current = [element]
    pcs: dict[str, etree._Element] = {}  # the <pc> elements open at this point, by code id
    around: dict[str, list[set[str]]] = {}  # a spanning code → the <pc>s open at its start and at its end

    def add_text(text: str) -> None:
        holder = current[-1]
        if len(holder):
            holder[-1].tail = (holder[-1].tail or "") + text
        else:
            holder.text = (holder.text or "") + text

    def attributes(code: Code, *keys: str) -> dict[str, str]:
        found = {"type": code.type, "subType": code.subtype, "canCopy": "no", "canDelete": "no"}
        if code.subtype == BRACKET:
            found.update({"dispStart": "[", "dispEnd": "]", "equivStart": "[", "equivEnd": "]"})
        return {k: v for k, v in found.items() if k in keys}

    common = ("type", "subType", "canCopy", "canDelete")
    every: dict[str, etree._Element] = {}
    for token in tokens:
        if isinstance(token, str):
            add_text(token)
            continue
        code = by_id[token.id]
        if isinstance(token, Placeholder):
            etree.SubElement(current[-1], _q("ph"), id=code.id, dataRef=data[code.start], disp=code.start,
                             **attributes(code, *common))
        elif token.id in spanning:
            around.setdefault(token.id, []).append(set(pcs))
            if isinstance(token, Open):
                extra = {"disp" if k == "dispStart" else "equiv": v
                         for k, v in attributes(code, "dispStart", "equivStart").items()}
                etree.SubElement(current[-1], _q("sc"), id=code.id, dataRef=data[code.start],
                                 **attributes(code, *common), **extra)
            else:
                extra = {"disp" if k == "dispEnd" else "equiv": v
                         for k, v in attributes(code, "dispEnd", "equivEnd").items()}
                etree.SubElement(current[-1], _q("ec"), startRef=code.id, dataRef=data[code.end or ""],
                                 **attributes(code, *common), **extra)
        elif isinstance(token, Open):
            pc = etree.SubElement(current[-1], _q("pc"), id=code.id, dataRefStart=data[code.start],
                                  dataRefEnd=data[code.end or ""],
                                  **attributes(code, *common, "dispStart", "dispEnd", "equivStart", "equivEnd"))
            current.append(pc)
            pcs[code.id] = pc
            every[code.id] = pc
        else:
            current.pop()
            pcs.pop(token.id, None)
    for ends in around.values():
        for code_id in ends[0] ^ ends[-1]:  # it holds a start or an end code whose other half is outside
            every[code_id].set("canOverlap", "yes")


# --- reading --------------------------------------------------------------------------------

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                          remove_comments=True, remove_pis=True)


def read(data: bytes) -> Document:
    """The document in `data`, as a CAT tool may have saved it: units inside groups,
    segments split or joined (a unit's text is its segments' and ignorables' in order),
    `<pc>` written as `<sc>`/`<ec>`, annotations (`<mrk>`) around words. Raises
    `FormatError` for anything that is not an XLIFF 2 document."""
    try:
        tree = etree.fromstring(data, _PARSER).getroottree()
    except etree.XMLSyntaxError as exc:
        raise FormatError(f"not well-formed XML ({str(exc).splitlines()[0][:120]})") from None
    if tree.docinfo.doctype:
        # the parser drops an entity it does not resolve: "par &x; fin" would come back "par fin"
        raise FormatError("it declares a DOCTYPE (XML entities), which no CAT tool writes; the text of an entity "
                          "would silently be lost")
    root = tree.getroot()
    if root.tag != _q("xliff") or not str(root.get("version", "")).startswith("2."):
        found = etree.QName(root).localname if isinstance(root.tag, str) else "?"
        version = root.get("version")
        raise FormatError(f"not an XLIFF 2.0 file (its root is <{found}>"
                          + (f" version {version!r}" if version else "") + ")")
    source_language = root.get("srcLang")
    if not source_language:
        raise FormatError("the <xliff> element has no srcLang")
    file = root.find(_q("file"))
    units = tuple(_read_unit(element) for element in root.iter(_q("unit")))
    return Document(source_language, root.get("trgLang"), file.get("id", "") if file is not None else "", units,
                    file.get("original") if file is not None else None)


def _read_unit(element: etree._Element) -> Unit:
    notes = tuple(Note(note.get("category") or "", note.text or "")
                  for holder in element.iter(_q("notes")) for note in holder.iter(_q("note")))
    source: list[Token] = []
    target: list[Token] | None = []
    states = []
    for part in element:
        if part.tag not in (_q("segment"), _q("ignorable")):
            continue
        got_source = part.find(_q("source"))
        got_target = part.find(_q("target"))
        part_source = _tokens(got_source) if got_source is not None else []
        source.extend(part_source)
        if part.tag == _q("segment"):
            states.append(part.get("state", "initial"))
        if target is None:
            continue
        if got_target is not None:
            target.extend(_tokens(got_target))
        elif part.tag == _q("ignorable"):
            target.extend(part_source)
        else:
            target = None  # a segment not translated: the unit is not
    state = min(states, key=lambda s: STATES.index(s) if s in STATES else 0) if states else "initial"
    return Unit(element.get("id", ""), element.get("name") or "", tuple(_joined(source)), _read_codes(element),
                tuple(_joined(target)) if target is not None and plain(target).strip() else None, notes, state)


def _read_codes(unit: etree._Element) -> tuple[Code, ...]:
    """The codes of the unit's sources, with the markup `<originalData>` gives for each
    (what a file written by `write` says; empty markup where a tool wrote none)."""
    data = {d.get("id"): "".join(d.itertext()) for d in unit.iterfind(f"{_q('originalData')}/{_q('data')}")}
    ends = {ec.get("startRef"): ec for source in unit.iter(_q("source")) for ec in source.iter(_q("ec"))}
    codes: dict[str, Code] = {}
    for source in unit.iter(_q("source")):
        for element in source.iter(_q("ph"), _q("pc"), _q("sc")):
            code_id = element.get("id", "")
            tag = etree.QName(element).localname
            start = data.get(element.get("dataRef" if tag != "pc" else "dataRefStart"), "")
            end = None
            if tag == "pc":
                end = data.get(element.get("dataRefEnd"), "")
            elif tag == "sc":
                closing = ends.get(code_id)
                end = data.get(closing.get("dataRef"), "") if closing is not None else ""
            subtype = element.get("subType", "")
            codes.setdefault(code_id, Code(code_id, start, end, element.get("type", "other"), subtype,
                                           _name(subtype, start, end)))
    return tuple(codes.values())


def _name(subtype: str, start: str, end: str | None) -> str:
    """How messages name a code: 'italic', 'the footnote call [^crc]'."""
    if subtype == "draftkit:footnote":
        return f"the footnote call {start}"
    if subtype == "draftkit:ref":
        return f"the cross-reference {start}"
    if subtype == BRACKET:
        return "a pair of square brackets" if end is not None else f"the unpaired bracket {start}"
    return next((name for _, _, _, sub, name in _STYLES if sub == subtype), "an inline code")


def _tokens(element: etree._Element) -> list[Token]:
    out: list[Token] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            out.append(node.text)
        for child in node:
            name = etree.QName(child).localname if isinstance(child.tag, str) and child.tag.startswith(
                f"{{{NS}}}") else None
            if name == "ph":
                out.append(Placeholder(child.get("id", "")))
            elif name == "pc":
                out.append(Open(child.get("id", "")))
                walk(child)
                out.append(Close(child.get("id", "")))
            elif name == "sc":
                out.append(Open(child.get("id", "")))
            elif name == "ec":
                out.append(Close(child.get("startRef") or child.get("id", "")))
            elif name == "mrk":
                walk(child)  # an annotation: its words are the text's
            elif name == "cp":
                out.append(_code_point(child.get("hex", "")))
            if child.tail:
                out.append(child.tail)

    walk(element)
    return out


def _code_point(value: str) -> str:
    try:
        char = chr(int(value, 16))
    except ValueError:
        raise FormatError(f"<cp hex={value!r}> is not a code point") from None
    if XML_FORBIDDEN.match(char):
        raise FormatError(f"a translation holds the control character U+{ord(char):04X}, which no draft may hold")
    return char


__all__ = ["BRACKET", "Close", "Code", "CodeError", "Coded", "Document", "FormatError", "Note", "Open",
           "Placeholder", "Token", "Unit", "comparable", "decode", "encode", "plain", "read", "write"]
