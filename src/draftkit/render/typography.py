"""Language rules for output text: French spacing and the punctuation added by rule.

Knows characters only; no model, no Word.
"""

from __future__ import annotations

import re

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


def for_language(text: str, language: str) -> str:
    """Return `text` typeset for `language` (French spacing; English unchanged)."""
    return french_spacing(text) if language == "fr" else text


#: Marks a paragraph may end with; the rule's mark replaces them, so none is doubled.
FINAL_MARKS = ",;.:"


def strip_final(text: str) -> str:
    """Return `text` without trailing spaces and its final , ; . or : (the rule adds its own)."""
    text = text.rstrip(" " + NBSP + NNBSP)
    while text and text[-1] in FINAL_MARKS:
        text = text[:-1].rstrip(" " + NBSP + NNBSP)
    return text


def mark(punctuation: str, language: str) -> str:
    """Return the final mark as it is written in `language` (French: spaced ; and :)."""
    if language == "fr" and punctuation == ";":
        return NNBSP + ";"
    if language == "fr" and punctuation == ":":
        return NBSP + ":"
    return punctuation
