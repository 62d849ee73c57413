"""Language rules for output text, applied at render time (the YAML stays plain): the
spacing a language puts around marks (French no-break spaces), its apostrophe and
quotation marks, superscript ordinals and abbreviations (1^er^, 143^e^, n^o^), en dashes
in number ranges, the punctuation added by rule, and the abbreviations whose full stop is
part of the word. The rules themselves are data (`draftkit.languages`: `punctuation`,
`quotes`, `typography` in each language.yaml).

Knows characters and `inline.StyledText` only; no model, no Word.
"""

from __future__ import annotations

import re
from functools import cache

from draftkit.inline import StyledText, Style
from draftkit.languages import Language, known, language as language_data

NBSP = "\u00a0"
NNBSP = "\u202f"
_SPACES = f"[ {NBSP}{NNBSP}\t]*"
_URL = re.compile(r"\S*://\S*|\S+@\S+\.\S+")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_QUOTED = re.compile(r'"([^"\n]+)"')
_NUMERO = re.compile(r"\b([Nn])(os?)[ \u00a0\u202f]*(?=\d)")
_RANGE = re.compile(r"(?<![\w/.-])(\d{1,4})-(\d{1,4})(?![\w/-])")


@cache
def _spacing_rules(code: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, space) pairs for `code`: marks sharing one space form one class ('[;!?]+'),
    and the inside of the primary quotation marks gets the language's inner space."""
    lang = language_data(code)
    by_space: dict[str, str] = {}
    for mark, space in lang.punctuation.space_before.items():
        by_space[space] = by_space.get(space, "") + mark
    rules = [(re.compile(_SPACES + "([" + re.escape(marks) + "]+)"), space) for space, marks in by_space.items()]
    inner = lang.quotes.inner_space
    if inner:
        opening, closing = lang.quotes.primary
        rules.append((re.compile("(" + re.escape(opening) + ")" + _SPACES), inner))
        rules.append((re.compile(_SPACES + "(" + re.escape(closing) + ")"), inner))
    return tuple(rules)


@cache
def _ordinal_pattern(code: str) -> re.Pattern[str] | None:
    suffixes = language_data(code).typography.superscript_ordinals
    if not suffixes:
        return None
    return re.compile(r"(?<![\w/.-])(\d+|[IVX]+)(" + suffixes + r")\b(?![-/])")


def _spacing(text: StyledText, lang: Language) -> StyledText:
    opening = lang.quotes.primary[0]
    for pattern, space in _spacing_rules(lang.code):
        def put(match: re.Match[str], space: str = space, source: str = text.text) -> str:
            mark = match.group(1)
            start, end = match.start(), match.end()
            if mark.startswith(opening):
                return mark + space
            # a mark between two digits is a time (14:30) or a ratio: no space there
            if start > 0 and source[start - 1].isdigit() and end < len(source) and source[end].isdigit():
                return match.group()
            return space + mark
        text = text.sub(pattern, put)
    return text


def spaced(text: str, lang: Language) -> str:
    """Return plain `text` with `lang`'s spaces around marks (French: U+202F before ; ! ?,
    U+00A0 before : and inside « »), URLs and e-mail addresses left alone."""
    return _typeset_urls(StyledText.of(text), lambda piece: _spacing(piece, lang)).text


def french_spacing(text: str) -> str:
    """Return `text` with French spacing (see `spaced`)."""
    return spaced(text, language_data("fr"))


def typeset(text: StyledText, language: str) -> StyledText:
    """Return `text` typeset for `language`; characters keep their styles (an ordinal's
    letters become superscript, the number keeps its own style).

    URLs and e-mail addresses are left alone. A language draftkit has no data for is
    typeset as English.
    """
    if not text.text:
        return text
    lang = language_data(language if known(language) else "en")
    return _typeset_urls(text, lambda piece: _typeset_words(piece, lang))


def _typeset_urls(text: StyledText, rule) -> StyledText:
    out = StyledText()
    pos = 0
    for match in _URL.finditer(text.text):
        out += rule(text[pos : match.start()])
        out += text[match.start() : match.end()]
        pos = match.end()
    return out + rule(text[pos:])


def _typeset_words(text: StyledText, lang: Language) -> StyledText:
    rules = lang.typography
    if rules.range_dash:
        text = text.sub(_RANGE, lambda m: [(m.group(1), Style.NONE), (rules.range_dash, Style.NONE),
                                           (m.group(2), Style.NONE)])
    if rules.apostrophe:
        text = text.sub(_APOSTROPHE, lambda m: rules.apostrophe)
    if rules.straight_quotes:
        opening, closing = lang.quotes.primary
        text = text.sub(_QUOTED, lambda m: [(opening, Style.NONE), (m.group(1), Style.NONE), (closing, Style.NONE)])
    ordinals = _ordinal_pattern(lang.code)
    if ordinals is not None:
        text = text.sub(ordinals, lambda m: [(m.group(1), Style.NONE), (m.group(2), Style.SUPERSCRIPT)])
    if rules.superscript_numero:
        text = text.sub(_NUMERO, lambda m: [(m.group(1), Style.NONE), (m.group(2), Style.SUPERSCRIPT),
                                            (NBSP, Style.NONE)])
    return _spacing(text, lang)


def for_language(text: str, language: str) -> str:
    """Return plain `text` typeset for `language` (as `typeset`, without the superscripts a
    plain string cannot hold: for labels and table cells)."""
    return typeset(StyledText.of(text), language).text


#: Marks a paragraph may end with, in any language draftkit writes (",;.:" and the
#: full-width and Arabic forms); the rule's mark replaces them, so none is doubled.
FINAL_MARKS = ",;.:\uff0c\uff1b\u3002\uff1a\u060c\u061b"

#: A text ending with one of these keeps its full stop: it belongs to the word ("the U.S.",
#: « les É.-U. », "etc."), and the rule's mark goes after it ("the U.S.,").
ABBREVIATION = re.compile(
    r"(?:\betc|\bet al|\bInc|\bLtd|\bCo|\bNo|\bNos|\bcf|\be\.g|\bi\.e|\bU\.S|\bU\.N|\bU\.K"
    r"|\bU\.S\.A|\bÉ\.-U|\bc\.-à-d|\bp\. ex)\.$"
)
_BLANKS = " " + NBSP + NNBSP


def ends_with_abbreviation(text: str) -> bool:
    """Return whether `text` ends with an abbreviation's full stop ("the U.S.", "etc.")."""
    return bool(ABBREVIATION.search(text.rstrip(_BLANKS)))


def strip_final(text: str) -> str:
    """Return `text` without trailing spaces and its final , ; . or : (the rule adds its own).

    An abbreviation's full stop stays: "the U.S.," → "the U.S.".
    """
    text = text.rstrip(_BLANKS)
    while text and text[-1] in FINAL_MARKS and not ends_with_abbreviation(text):
        text = text[:-1].rstrip(_BLANKS)
    return text


def mark_after(text: str, punctuation: str, language: str) -> str:
    """Return the rule's final mark as written after `text` (already through `strip_final`):
    '' for a full stop after an abbreviation's full stop ("etc." ends the resolution)."""
    if punctuation == "." and ends_with_abbreviation(text):
        return ""
    return mark(punctuation, language)


def mark(punctuation: str, language: str) -> str:
    """Return the final mark as it is written in `language`: `punctuation` names the rule's
    mark in English (',', ';', '.', ':') and comes back in the language's own form and
    spacing (French ' ;', Arabic '؛', Chinese '；')."""
    rules = language_data(language).punctuation
    own = {",": rules.preambular, ";": rules.operative, ".": rules.last, ":": rules.introduces}.get(punctuation, punctuation)
    return rules.space_before.get(own, "") + own
