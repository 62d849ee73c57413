"""The small inline language inside every text of a draft (paragraphs, sub-paragraphs,
footnotes, titles): formatting marks, footnote calls and cross-references.

    "the *United Nations, Treaty Series*"   → italic             (pandoc's emphasis)
    "**Decides**", "***both***"             → bold, bold italic
    "n^o^ 27531", "143^e^"                  → superscript        (pandoc's ^…^)
    "H~2~O"                                 → subscript          (pandoc's ~…~)
    "{sc:Nations Unies}"                    → small capitals
    "a\\ b" (backslash, space)               → a no-break space
    "\\*", "\\^", "\\~", "\\\\", "\\{"          → the character itself
    "the Convention[^crc]"                  → a footnote call
    "{ref:op-legislation}" / "{num:op-a}"   → "paragraph 5 above" / "5" (computed)

Flanking rules (CommonMark's, which pandoc follows) decide whether an asterisk opens or
closes: "A/69/L.52*", "5 * 3" and a lone asterisk stay literal. `^…^` and `~…~` hold no
space (write `\\ ` for one). Square brackets are never markup: they are negotiation
brackets; only `[^key]` is a footnote call.

Every module that tokenizes, compares or prints text reads it through this API:
`segments` (styled pieces, for renderers), `plain_text` / `strip_markup` (the visible
text), `blank_markup` (same offsets, for finders), `printed` (which characters print), `problems` (unclosed marks, for
check), `to_markup` / `escape` (styled text → markup, for importers). Member and clause
text is data: nothing is ever evaluated as a template. Knows no YAML, no Word.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from typing import Iterable, Iterator, Union
from draftkit.records import record

FOOTNOTE = re.compile(r"\[\^([A-Za-z0-9_.:-]+)\]")
CROSSREF = re.compile(r"\{(ref|num):([A-Za-z0-9_.:-]+)\}")
_ATOM = re.compile(FOOTNOTE.pattern + "|" + CROSSREF.pattern)

#: Characters XML 1.0 forbids (control characters except tab, newline, carriage return).
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

NBSP = "\u00a0"
#: What a backslash escapes (ASCII punctuation, as in pandoc); `\ ` is a no-break space.
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
SMALL_CAPS_OPEN = "{sc:"
#: Characters that may start markup: a text without any of them is plain as written.
_SPECIAL = re.compile(r"[*^~\\{\[]")


class Style(enum.Flag):
    """The formatting of a stretch of text; combinable (`Style.BOLD | Style.ITALIC`)."""

    NONE = 0
    ITALIC = enum.auto()
    BOLD = enum.auto()
    SUPERSCRIPT = enum.auto()
    SUBSCRIPT = enum.auto()
    SMALL_CAPS = enum.auto()

    @property
    def words(self) -> str:
        """'italic', 'bold italic', 'roman' — how messages and diff reports name it."""
        names = [n for n, s in _STYLE_WORDS if s in self]
        return " ".join(names) if names else "roman"


_STYLE_WORDS = (("bold", Style.BOLD), ("italic", Style.ITALIC), ("superscript", Style.SUPERSCRIPT),
                ("subscript", Style.SUBSCRIPT), ("small capitals", Style.SMALL_CAPS))


@record
class Plain:
    """Visible text (escapes resolved) in one style."""

    text: str
    style: Style = Style.NONE


@record
class FootnoteCall:
    key: str
    style: Style = Style.NONE


@record
class CrossRef:
    """`form` is 'ref' ("paragraph 5 above") or 'num' (just "5")."""

    target: str
    form: str
    style: Style = Style.NONE


Segment = Union[Plain, FootnoteCall, CrossRef]


@record
class Problem:
    """A mark that opens and is never closed: `offset` in the text, the `mark`, and why."""

    offset: int
    mark: str
    message: str
    fix: str


# --- parsing -------------------------------------------------------------------------------


@dataclass
class _Node:
    """One piece of the text while parsing: literal text, an atom, or a `*` delimiter run."""

    text: str = ""
    atom: Segment | None = None
    style: Style = Style.NONE
    # a delimiter run of asterisks: how many are left, and what flanking allows
    count: int = 0
    length: int = 0
    can_open: bool = False
    can_close: bool = False
    offset: int = 0


def _kind(char: str) -> str:
    """'space', 'punct' or 'word' for flanking (the text's edges count as space)."""
    if not char or char.isspace():
        return "space"
    if not char.isalnum() and char != "_" and not char.isalpha():
        return "punct"
    return "word"


def _flanking(before: str, after: str) -> tuple[bool, bool]:
    """(left-flanking, right-flanking) of a delimiter run between `before` and `after`."""
    b, a = _kind(before), _kind(after)
    left = a != "space" and (a != "punct" or b in ("space", "punct"))
    right = b != "space" and (b != "punct" or a in ("space", "punct"))
    return left, right


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.problems: list[Problem] = []

    def parse(self, start: int, end: int, style: Style) -> list[_Node]:
        """Nodes of text[start:end] with `style` as the base, emphasis resolved."""
        text = self.text
        nodes: list[_Node] = []
        buffer: list[str] = []

        def flush() -> None:
            if buffer:
                nodes.append(_Node(text="".join(buffer), style=style))
                buffer.clear()

        i = start
        while i < end:
            char = text[i]
            if char == "\\" and i + 1 < end and (text[i + 1] in _ESCAPABLE or text[i + 1] == " "):
                buffer.append(NBSP if text[i + 1] == " " else text[i + 1])
                i += 2
                continue
            if char in "[{":
                atom = _ATOM.match(text, i, end)
                if atom is not None:
                    flush()
                    if atom.group(1) is not None:
                        nodes.append(_Node(atom=FootnoteCall(atom.group(1), style), style=style, offset=i))
                    else:
                        nodes.append(_Node(atom=CrossRef(atom.group(3), atom.group(2), style), style=style, offset=i))
                    i = atom.end()
                    continue
                if text.startswith(SMALL_CAPS_OPEN, i):
                    close = self._closing_brace(i + len(SMALL_CAPS_OPEN), end)
                    if close is None:
                        self.problems.append(Problem(i, SMALL_CAPS_OPEN, "“{sc:” (small capitals) is never closed",
                                                     "close it with “}”, or write “\\{” for a literal brace"))
                    else:
                        flush()
                        nodes.extend(self.parse(i + len(SMALL_CAPS_OPEN), close, style | Style.SMALL_CAPS))
                        i = close + 1
                        continue
            elif char in "^~":
                close = self._script_close(char, i, end)
                if close is not None:
                    flush()
                    extra = Style.SUPERSCRIPT if char == "^" else Style.SUBSCRIPT
                    nodes.extend(self.parse(i + 1, close, style | extra))
                    i = close + 1
                    continue
                self._unclosed_script(char, i, end)
            elif char == "*":
                run_end = i
                while run_end < end and text[run_end] == "*":
                    run_end += 1
                flush()
                before = text[i - 1] if i > start else ""
                after = text[run_end] if run_end < end else ""
                left, right = _flanking(before, after)
                length = run_end - i
                nodes.append(_Node(text="*" * length, style=style, count=length, length=length,
                                   can_open=left, can_close=right, offset=i))
                i = run_end
                continue
            buffer.append(char)
            i += 1
        flush()
        self._emphasis(nodes)
        return nodes

    def _closing_brace(self, start: int, end: int) -> int | None:
        """The `}` closing a `{sc:` (escaped braces and cross-references skipped)."""
        i = start
        while i < end:
            char = self.text[i]
            if char == "\\" and i + 1 < end:
                i += 2
                continue
            if char == "{":
                atom = CROSSREF.match(self.text, i, end)
                if atom is not None:
                    i = atom.end()
                    continue
            if char == "}":
                return i
            i += 1
        return None

    def _script_close(self, mark: str, start: int, end: int) -> int | None:
        """The closing `^`/`~` of a script opened at `start`: no space in between, not empty."""
        text = self.text
        if start > 0 and text[start - 1] == "[" and mark == "^" and not _escaped(text, start - 1):
            return None  # "[^" that is not a valid footnote call: literal (check reports it)
        i = start + 1
        while i < end:
            char = text[i]
            if char == "\\" and i + 1 < end:
                i += 2
                continue
            if char.isspace():
                return None
            if char == mark:
                return i if i > start + 1 else None
            i += 1
        return None

    def _unclosed_script(self, mark: str, at: int, end: int) -> None:
        """Inside a word ("n^o 27531", "H~2O") an unclosed script mark is a mistake."""
        text = self.text
        before = text[at - 1] if at > 0 else ""
        after = text[at + 1] if at + 1 < end else ""
        if before.isalnum() and after.isalnum():
            name = "superscript" if mark == "^" else "subscript"
            self.problems.append(Problem(at, mark, f"“{mark}” ({name}) is never closed",
                                         f"close it with “{mark}” (e.g. n^o^), or write “\\{mark}” for the character"))

    def _emphasis(self, nodes: list[_Node]) -> None:
        """Match `*` delimiter runs (CommonMark's rules, simplified to one pass per closer)."""
        delimiters = [k for k, n in enumerate(nodes) if n.count]
        if not delimiters:
            return
        active = list(delimiters)
        position = 0
        while position < len(active):
            closer = nodes[active[position]]
            if not closer.can_close or closer.count == 0:
                position += 1
                continue
            found = None
            for back in range(position - 1, -1, -1):
                opener = nodes[active[back]]
                if not opener.can_open or opener.count == 0:
                    continue
                both = opener.can_close or closer.can_open
                if both and (opener.length + closer.length) % 3 == 0 and not (
                        opener.length % 3 == 0 and closer.length % 3 == 0):
                    continue
                found = back
                break
            if found is None:
                if not closer.can_open:
                    active.pop(position)
                else:
                    position += 1
                continue
            opener = nodes[active[found]]
            use = 2 if opener.count >= 2 and closer.count >= 2 else 1
            added = Style.BOLD if use == 2 else Style.ITALIC
            for node in nodes[active[found] + 1 : active[position]]:
                node.style |= added
                if node.atom is not None:
                    node.atom = _restyle(node.atom, node.style)
            opener.count -= use
            closer.count -= use
            del active[found + 1 : position]
            position = found + 1
            if opener.count == 0:
                active.pop(found)
                position -= 1
            if closer.count == 0:
                active.pop(position)
        for k in delimiters:
            node = nodes[k]
            node.text = "*" * node.count
            if node.count and node.can_open and not node.can_close and node.count == node.length:
                self.problems.append(Problem(node.offset, node.text,
                                             f"“{node.text}” ({'bold' if node.length == 2 else 'italic'}) is never closed",
                                             f"close it with “{node.text}”, or write “\\*” for a literal asterisk"))


def _escaped(text: str, at: int) -> bool:
    """Whether the character at `at` is escaped (an odd run of backslashes before it)."""
    run = 0
    while at - run - 1 >= 0 and text[at - run - 1] == "\\":
        run += 1
    return run % 2 == 1


def _restyle(atom: Segment, style: Style) -> Segment:
    if isinstance(atom, FootnoteCall):
        return FootnoteCall(atom.key, style)
    if isinstance(atom, CrossRef):
        return CrossRef(atom.target, atom.form, style)
    return Plain(atom.text, style)


@lru_cache(maxsize=8192)
def _parsed(text: str) -> tuple[tuple[Segment, ...], tuple[Problem, ...]]:
    if not _SPECIAL.search(text):
        return ((Plain(text),) if text else ()), ()
    parser = _Parser(text)
    nodes = parser.parse(0, len(text), Style.NONE)
    out: list[Segment] = []
    for node in nodes:
        if node.atom is not None:
            out.append(node.atom)
        elif node.text:
            last = out[-1] if out else None
            if isinstance(last, Plain) and last.style == node.style:
                out[-1] = Plain(last.text + node.text, node.style)
            else:
                out.append(Plain(node.text, node.style))
    return tuple(out), tuple(sorted(parser.problems, key=lambda p: p.offset))


def segments(text: str) -> Iterator[Segment]:
    """Split text into styled plain runs, footnote calls and cross-references, in order.

    Adjacent text of one style is one `Plain`; escapes are resolved (`\\*` → "*",
    `\\ ` → a no-break space). Never fails: a mark that does not open or close stays
    literal (see `problems` for the ones a drafter should fix).
    """
    return iter(_parsed(text)[0])


def problems(text: str) -> list[Problem]:
    """Return the marks of `text` that open and never close ('*Treaty Series', 'n^o 3')."""
    return list(_parsed(text)[1])


def has_formatting(text: str) -> bool:
    """Return whether any part of `text` is formatted (italic, bold, scripts, small caps)."""
    return any(s.style is not Style.NONE for s in _parsed(text)[0])


def plain_text(text: str) -> str:
    """The visible characters of `text`: marks and footnote calls removed, escapes
    resolved, cross-references kept as written (their words depend on the draft)."""
    return "".join(_visible(s) for s in _parsed(text)[0])


def _visible(segment: Segment) -> str:
    if isinstance(segment, Plain):
        return segment.text
    if isinstance(segment, CrossRef):
        return f"{{{segment.form}:{segment.target}}}"
    return ""


def styled(text: str) -> list[tuple[str, Style]]:
    """The visible text as (text, style) stretches; footnote calls dropped, cross-references
    as their markup. Two texts with equal `styled` read and look the same."""
    out: list[tuple[str, Style]] = []
    for segment in _parsed(text)[0]:
        shown = _visible(segment)
        if not shown:
            continue
        if out and out[-1][1] == segment.style:
            out[-1] = (out[-1][0] + shown, segment.style)
        else:
            out.append((shown, segment.style))
    return out


def style_counts(text: str) -> dict[Style, int]:
    """How many separate stretches of each single style `text` has (for bilingual parity)."""
    counts: dict[Style, int] = {}
    previous = Style.NONE
    for _, style in styled(text):
        for single in (Style.ITALIC, Style.BOLD, Style.SUPERSCRIPT, Style.SUBSCRIPT, Style.SMALL_CAPS):
            if single in style and single not in previous:
                counts[single] = counts.get(single, 0) + 1
        previous = style
    return counts


def footnote_keys(text: str) -> list[str]:
    """Keys of the footnote calls in `text`, in order."""
    return FOOTNOTE.findall(text)


def crossref_targets(text: str) -> list[str]:
    """Paragraph ids named by cross-references in `text`, in order."""
    return [m.group(2) for m in CROSSREF.finditer(text)]


def strip_markup(text: str) -> str:
    """The visible words: footnote calls removed, cross-references shown as their id,
    formatting marks removed and escapes resolved (for searching and comparing)."""
    out = []
    for segment in _parsed(text)[0]:
        if isinstance(segment, Plain):
            out.append(segment.text)
        elif isinstance(segment, CrossRef):
            out.append(segment.target)
    return "".join(out)


@lru_cache(maxsize=4096)
def printed(text: str) -> tuple[bool, ...]:
    """For each character of markup `text`, whether it prints: False for the formatting marks
    that take effect (`*`, `^`, `~`, `{sc:` and its `}`), footnote calls and an escape's
    backslash; True for every other character (a cross-reference counts as printed: its
    words stand there). Lets a finder match the words a reader saw and map them back onto
    the markup (merge: a delegate quotes "Treaty Series, vol." across an italic's end)."""
    if not _SPECIAL.search(text):
        return (True,) * len(text)
    visible = plain_text(text)
    out = [False] * len(text)
    j = 0
    for i, char in enumerate(text):
        if j < len(visible) and (char == visible[j] or (
                visible[j] == NBSP and char == " " and i and text[i - 1] == "\\")):
            out[i] = True
            j += 1
    # the visible text is the markup less its marks, in order: a greedy walk finds it; should
    # it not (an input this reading does not foresee), everything counts as printed
    return tuple(out) if j == len(visible) else (True,) * len(text)


_ESCAPED = re.compile(r"\\([ !-/:-@\[-`{-~])")
_MARKS_BLANK = str.maketrans("*^~}", "    ")


@lru_cache(maxsize=8192)
def blank_markup(text: str) -> str:
    """`text` with footnote calls, cross-references and formatting marks replaced by spaces
    of their length (an escaped character keeps its place): offsets stay the original's,
    and neither an id such as `{ref:op4}` nor a mark ever reads as a word."""
    formatted = has_formatting(text)  # literal marks ("A/69/L.52*", an unclosed "[^x") stay as typed
    if "[^" in text or "{" in text:
        text = _ATOM.sub(lambda m: " " * (m.end() - m.start()), text)
        if formatted:
            text = text.replace(SMALL_CAPS_OPEN, "    ")
    if not formatted:
        return text
    if "\\" not in text:
        return text.translate(_MARKS_BLANK)
    # escaped characters are text: keep them (the backslash becomes a space), blank the rest
    out, pos = [], 0
    for match in _ESCAPED.finditer(text):
        out.append(text[pos : match.start()].translate(_MARKS_BLANK))
        out.append(" " + ("\u00a0" if match.group(1) == " " else match.group(1)))
        pos = match.end()
    out.append(text[pos:].translate(_MARKS_BLANK))
    return "".join(out)


# --- styled text: what typography and the renderers work on ---------------------------------


@record
class StyledText:
    """Visible text with one `Style` per character, so that rules written as regular
    expressions over the text (French spacing, ordinals) keep each character's style."""

    text: str = ""
    styles: tuple[Style, ...] = ()

    @classmethod
    def of(cls, text: str, style: Style = Style.NONE) -> "StyledText":
        return cls(text, (style,) * len(text))

    @classmethod
    def join(cls, pieces: Iterable[tuple[str, Style]]) -> "StyledText":
        text, styles = [], []
        for piece, style in pieces:
            text.append(piece)
            styles.extend([style] * len(piece))
        return cls("".join(text), tuple(styles))

    def __add__(self, other: "StyledText") -> "StyledText":
        return StyledText(self.text + other.text, self.styles + other.styles)

    def __getitem__(self, key: slice) -> "StyledText":
        return StyledText(self.text[key], self.styles[key])

    def __len__(self) -> int:
        return len(self.text)

    def pieces(self) -> list[tuple[str, Style]]:
        """The text as maximal (text, style) stretches, in order."""
        if not self.text:
            return []
        first = self.styles[0]
        if self.styles.count(first) == len(self.styles):  # one style throughout: the usual case
            return [(self.text, first)]
        out: list[tuple[str, Style]] = []
        start = 0
        for style, group in groupby(self.styles):
            size = len(list(group))
            out.append((self.text[start : start + size], style))
            start += size
        return out

    def sub(self, pattern: re.Pattern[str], replace) -> "StyledText":
        """Replace each match of `pattern`. `replace(match)` returns a string (taking the
        style of the match's first character, or of the one before an empty match) or a
        list of (text, extra style) pairs whose extra style is added to that style."""
        if not pattern.search(self.text):
            return self
        text: list[str] = []
        styles: list[Style] = []
        pos = 0
        for match in pattern.finditer(self.text):
            start, end = match.span()
            text.append(self.text[pos:start])
            styles.extend(self.styles[pos:start])
            base = self.styles[start] if start < len(self.styles) and end > start else (
                self.styles[start - 1] if start else (self.styles[0] if self.styles else Style.NONE))
            out = replace(match)
            for piece, extra in ([(out, Style.NONE)] if isinstance(out, str) else out):
                text.append(piece)
                styles.extend([base | extra] * len(piece))
            pos = end
        text.append(self.text[pos:])
        styles.extend(self.styles[pos:])
        return StyledText("".join(text), tuple(styles))


# --- writing markup ------------------------------------------------------------------------

_NEEDS_ESCAPE = re.compile(r"[\\*^~}]|\{(?=sc:|ref:|num:)")


def escape(text: str) -> str:
    """Return literal `text` written so that it reads back as itself (no mark, no call)."""
    return _NEEDS_ESCAPE.sub(lambda m: "\\" + m.group(), text)


_ORDER = ((Style.SMALL_CAPS, SMALL_CAPS_OPEN, "}"), (Style.SUPERSCRIPT, "^", "^"), (Style.SUBSCRIPT, "~", "~"),
          (Style.BOLD, "**", "**"), (Style.ITALIC, "*", "*"))


def to_markup(pieces: Iterable[tuple[str, Style]], *, keep_calls: bool = False) -> str:
    """Return markup for literal text in styles, e.g. [("the ", NONE), ("Treaty Series", ITALIC)]
    → "the *Treaty Series*". The inverse of `styled` for ordinary text.

    With `keep_calls`, footnote calls `[^key]` in the text stay calls (an importer's text
    holds them where the note references stood); otherwise they are escaped as text.
    """
    if not keep_calls:
        return _markup(pieces)
    groups: list[list[tuple[str, Style]]] = [[]]
    calls: list[str] = []
    for text, style in pieces:
        pos = 0
        for match in FOOTNOTE.finditer(text):
            groups[-1].append((text[pos : match.start()], style))
            calls.append(match.group())
            groups.append([])
            pos = match.end()
        groups[-1].append((text[pos:], style))
    return _markup(groups[0]) + "".join(call + _markup(group) for call, group in zip(calls, groups[1:]))


#: Spaces a script (^…^, ~…~) cannot hold: every space but the no-break one, which it holds as `\\ `.
_SCRIPT_SPACE = re.compile(f"([^\\S{NBSP}]+)")


_EMPHASIS, _SCRIPT = Style.BOLD | Style.ITALIC, Style.SUPERSCRIPT | Style.SUBSCRIPT


def _edge(spaces: str, style: Style) -> list[tuple[str, Style]]:
    """The spaces at the edge of a stretch in `style`, out of its marks; a no-break space
    stays in its script (`^\\ er^`), out of `*` only (`*foo\\ *` would not close)."""
    bare = style & ~(_EMPHASIS | _SCRIPT)
    return [(char, style & ~_EMPHASIS if char == NBSP else bare) for char in spaces]


def _markup(pieces: Iterable[tuple[str, Style]]) -> str:
    """`to_markup` of text without calls.

    Spaces at the edge of an italic, bold or script stretch go outside its marks (a
    Word run 'st ' in superscript is `^st^ `: marks cannot hold a space at their edge, and
    `\\ ` would read as a no-break space), and so do the spaces inside a script stretch
    (`^a^ ^b^`); an italic or bold stretch keeps the spaces inside it. A no-break space
    stays in its script, written `\\ ` (`^n\\ os^`, `^\\ ^`: a script holds that escape, not
    the character itself, which reads as a space); at the edge of an italic or bold stretch
    it goes outside the `*` marks as a space does (`*foo\\ *` cannot close), keeping its script.
    Where marks could not read back (a stretch the flanking rules cannot open or close
    where it stands), that stretch's style is dropped and its text kept: text is never lost.
    """
    marked = _EMPHASIS | _SCRIPT
    stretches: list[tuple[str, Style]] = []
    for text, style in _joined(pieces):
        if not style & marked:
            stretches.append((text, style))
            continue
        bare = style & ~marked  # spaces cannot be italic or raised where marks cannot hold them
        # 'a b' raised is `^a^ ^b^`, 'a\u00a0b' is `^a\\ b^`; italic or bold keeps its inner spaces
        for part in _SCRIPT_SPACE.split(text) if style & _SCRIPT else [text]:
            core = part.strip()  # str.strip takes every space, the no-break one too
            if _SCRIPT_SPACE.fullmatch(part):
                stretches.append((part, bare))
            elif not core:  # only spaces (once: they are both its lead and its trail)
                stretches += _edge(part, style)
            else:
                lead, trail = part[: len(part) - len(part.lstrip())], part[len(part.rstrip()):]
                stretches += _edge(lead, style) + [(core, style)] + _edge(trail, style)
    stretches = _joined(stretches)
    styles = [style for _, style in stretches]
    for _ in range(len(stretches) + 1):
        result = "".join(_stretch(text, style) for (text, _), style in zip(stretches, styles))
        wanted = _joined((text, style) for (text, _), style in zip(stretches, styles))
        got = styled(result)
        if got == wanted:
            return _fewer_escapes(result, wanted)
        k = _first_wrong(got, wanted, stretches)
        while k > 0 and styles[k] is Style.NONE:
            k -= 1
        styles[k] = Style.NONE
    return escape("".join(text for text, _ in stretches))


_ESCAPED_MARK = re.compile(r"\\[*^~]")


def _fewer_escapes(markup: str, wanted: list[tuple[str, Style]]) -> str:
    """Drop each backslash before * ^ ~ that the text reads the same without ("A/69/L.52*"
    needs none), so written markup stays as a drafter would type it."""
    if "\\" not in markup:
        return markup
    out = markup
    for match in reversed(list(_ESCAPED_MARK.finditer(markup))):
        candidate = out[: match.start()] + out[match.start() + 1 :]
        if styled(candidate) == wanted and not problems(candidate):
            out = candidate
    return out


def _joined(pieces: Iterable[tuple[str, Style]]) -> list[tuple[str, Style]]:
    out: list[tuple[str, Style]] = []
    for text, style in pieces:
        if not text:
            continue
        if out and out[-1][1] == style:
            out[-1] = (out[-1][0] + text, style)
        else:
            out.append((text, style))
    return out


def _first_wrong(got: list[tuple[str, Style]], wanted: list[tuple[str, Style]],
                 stretches: list[tuple[str, Style]]) -> int:
    """The index of the stretch where `got` first differs from `wanted`, character by character."""
    def chars(pieces: list[tuple[str, Style]]) -> list[tuple[str, Style]]:
        return [(c, s) for text, s in pieces for c in text]

    a, b = chars(got), chars(wanted)
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    total = 0
    for index, (text, _) in enumerate(stretches):
        total += len(text)
        if at < total:
            return index
    return len(stretches) - 1


def _stretch(text: str, style: Style) -> str:
    body = escape(text)
    if style & (Style.SUPERSCRIPT | Style.SUBSCRIPT):  # a script holds no space but `\\ `
        body = body.replace(NBSP, "\\ ")
    opening, closing = "", ""
    for flag, start, end in _ORDER:
        if flag in style:
            opening += start
            closing = end + closing
    return opening + body + closing
