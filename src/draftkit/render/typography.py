"""Language rules for output text, applied at render time (the YAML stays plain):
French spacing, apostrophe, quotation marks and superscript ordinals/abbreviations
(1^er^, 143^e^, n^o^), en dashes in number ranges, the punctuation added by rule, and the
abbreviations whose full stop is part of the word.

Knows characters and `inline.StyledText` only; no model, no Word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from draftkit.inline import StyledText, Style

NBSP = "\u00a0"
NNBSP = "\u202f"
_SPACES = f"[ {NBSP}{NNBSP}\t]*"
_URL = re.compile(r"\S*://\S*|\S+@\S+\.\S+")
_HIGH = re.compile(_SPACES + r"([;!?]+)")
_COLON = re.compile(_SPACES + ":")
_OPEN = re.compile("«" + _SPACES)
_CLOSE = re.compile(_SPACES + "»")


def french_spacing(text: str) -> str:
    """Return `text` with French spacing: U+202F before ; ! ?, U+00A0 before : and inside « ».

    Ordinary spaces there are replaced, missing ones added, none doubled; URLs, e-mail
    addresses and times such as 14:30 are left alone.
    """
    out: list[str] = []
    pos = 0
    for match in _URL.finditer(text):
        out.append(_french_words(text[pos : match.start()]))
        out.append(match.group())
        pos = match.end()
    out.append(_french_words(text[pos:]))
    return "".join(out)


def _french_words(text: str) -> str:
    text = _HIGH.sub(lambda m: NNBSP + m.group(1), text)
    text = _COLON.sub(lambda m: _colon(m, text), text)
    text = _OPEN.sub("«" + NBSP, text)
    return _CLOSE.sub(NBSP + "»", text)


def _colon(match: re.Match[str], text: str) -> str:
    """A colon between two digits is a time (14:30) or a ratio: no space there."""
    start, end = match.start(), match.end()
    if start > 0 and text[start - 1].isdigit() and end < len(text) and text[end].isdigit():
        return match.group()
    return NBSP + ":"


@dataclass(frozen=True)
class Typography:
    """Which rules a language's output follows (see `TYPOGRAPHY`)."""

    spacing: bool = False  # French spacing before ; : ! ? and inside « »
    apostrophe: str = ""  # the typographic apostrophe replacing ' between letters
    quotes: tuple[str, str] = ("", "")  # what a pair of straight double quotes becomes
    superscripts: bool = False  # 1er, 143e, XXIe, no/nos before a number
    range_dash: bool = True  # 26-30 → 26–30


#: Per-language typography (kept here until the language data folders hold it).
TYPOGRAPHY = {
    "en": Typography(),
    "fr": Typography(spacing=True, apostrophe="\u2019", quotes=("«", "»"), superscripts=True),
}

_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_QUOTED = re.compile(r'"([^"\n]+)"')
_ORDINAL = re.compile(r"(?<![\w/.-])(\d+|[IVX]+)(ers?|res?|es?|èmes?)\b(?![-/])")
_NUMERO = re.compile(r"\b([Nn])(os?)[ \u00a0\u202f]*(?=\d)")
_RANGE = re.compile(r"(?<![\w/.-])(\d{1,4})-(\d{1,4})(?![\w/-])")


def typeset(text: StyledText, language: str) -> StyledText:
    """Return `text` typeset for `language`; characters keep their styles (an ordinal's
    letters become superscript, the number keeps its own style).

    URLs and e-mail addresses are left alone.
    """
    rules = TYPOGRAPHY.get(language, Typography())
    if not text.text:
        return text
    out = StyledText()
    pos = 0
    for match in _URL.finditer(text.text):
        out += _typeset_words(text[pos : match.start()], rules)
        out += text[match.start() : match.end()]
        pos = match.end()
    return out + _typeset_words(text[pos:], rules)


def _typeset_words(text: StyledText, rules: Typography) -> StyledText:
    if rules.range_dash:
        text = text.sub(_RANGE, lambda m: [(m.group(1), Style.NONE), ("\u2013", Style.NONE), (m.group(2), Style.NONE)])
    if rules.apostrophe:
        text = text.sub(_APOSTROPHE, lambda m: rules.apostrophe)
    if rules.quotes[0]:
        text = text.sub(_QUOTED, lambda m: [(rules.quotes[0], Style.NONE), (m.group(1), Style.NONE),
                                            (rules.quotes[1], Style.NONE)])
    if rules.superscripts:
        text = text.sub(_ORDINAL, lambda m: [(m.group(1), Style.NONE), (m.group(2), Style.SUPERSCRIPT)])
        text = text.sub(_NUMERO, lambda m: [(m.group(1), Style.NONE), (m.group(2), Style.SUPERSCRIPT),
                                            (NBSP, Style.NONE)])
    if rules.spacing:
        text = text.sub(_HIGH, lambda m: NNBSP + m.group(1))
        text = text.sub(_COLON, lambda m: _colon(m, text.text))
        text = text.sub(_OPEN, lambda m: "«" + NBSP)
        text = text.sub(_CLOSE, lambda m: NBSP + "»")
    return text


def for_language(text: str, language: str) -> str:
    """Return plain `text` typeset for `language` (as `typeset`, without the superscripts a
    plain string cannot hold: for labels and table cells)."""
    return typeset(StyledText.of(text), language).text


#: Marks a paragraph may end with; the rule's mark replaces them, so none is doubled.
FINAL_MARKS = ",;.:"

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
    """Return the final mark as it is written in `language` (French: spaced ; and :)."""
    if language == "fr" and punctuation == ";":
        return NNBSP + ";"
    if language == "fr" and punctuation == ":":
        return NBSP + ":"
    return punctuation
