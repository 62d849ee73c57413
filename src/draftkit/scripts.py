"""Writing systems of text: which script a text is in, where Han characters stand (one
word each for diffs and anchors: Chinese has no spaces), and which stretches of a
right-to-left text are left-to-right inserts ("A/RES/74/174", "2019").

Knows characters only; no languages data, no model, no Word.
"""

from __future__ import annotations

import re
from collections import Counter

#: Han ideographs (with extensions A and compatibility), kana, and the CJK marks and
#: full-width forms: each is a word of its own for diffs and anchors.
CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"

#: Combining marks that belong to the letter before them (Latin accents typed apart, Arabic
#: short vowels and shadda, the tatweel): never a word boundary.
MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed"
#: One word: letters, digits, combining marks — Han characters excepted (each is a word).
WORD = f"(?:(?![{CJK}])[\\w{MARKS}])+"

#: Letters of each script (first code point, last), counted by `script_of`.
_SCRIPTS = (
    ("han", ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))),
    ("arabic", ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))),
    ("cyrillic", ((0x0400, 0x04FF),)),
    ("latin", ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F))),
)


def script_of(text: str) -> str:
    """Return the script most letters of `text` are written in: latin, cyrillic, han or arabic
    ('latin' for text without letters)."""
    counts: Counter[str] = Counter()
    for char in text:
        code = ord(char)
        for name, ranges in _SCRIPTS:
            if any(low <= code <= high for low, high in ranges):
                counts[name] += 1
                break
    found = counts.most_common(1)
    return found[0][0] if found else "latin"


def has_cjk(text: str) -> bool:
    """Return whether `text` holds a Han character, kana or a full-width mark."""
    return any(_is_cjk(char) for char in text)


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _CJK_RANGES)


_CJK_RANGES = ((0x2E80, 0x2FFF), (0x3000, 0x303F), (0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
               (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF))


#: A left-to-right insert in right-to-left text: Latin letters or digits, with the marks
#: that join them inside a symbol, a number or a name ("A/RES/74/174", "1 000", "E/2019/30").
LTR_INSERT = re.compile(r"[A-Za-z0-9\u00c0-\u024f](?:[A-Za-z0-9\u00c0-\u024f./\-–_:,]*[A-Za-z0-9\u00c0-\u024f])?"
                        r"(?:\s+[A-Za-z0-9\u00c0-\u024f](?:[A-Za-z0-9\u00c0-\u024f./\-–_:,]*[A-Za-z0-9\u00c0-\u024f])?)*")


def direction_runs(text: str) -> list[tuple[str, bool]]:
    """Cut right-to-left `text` into (piece, is_rtl) stretches: each left-to-right insert
    is a stretch of its own so a writer can mark the rest right-to-left (`w:rtl`) and keep
    the insert's characters in their order; joined, the pieces give `text`."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for match in LTR_INSERT.finditer(text):
        if match.start() > pos:
            out.append((text[pos : match.start()], True))
        out.append((match.group(), False))
        pos = match.end()
    if pos < len(text):
        out.append((text[pos:], True))
    return out
