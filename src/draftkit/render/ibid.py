"""Ibid.: a footnote citing the same work as the note just before it gives only what
changes ("Ibid., vol. 1577, No. 27531."), or "Ibid." alone when it is the same reference
(UN Editorial Manual, footnotes). Decided at render time from the notes' `source`, so a
moved paragraph never leaves an "Ibid." pointing at the wrong work.

Knows styled text only; no model, no Word.
"""

from __future__ import annotations

from draftkit.inline import StyledText
from draftkit.languages import known, language as language_data



def ibid(previous: StyledText, note: StyledText, language: str) -> StyledText | None:
    """Return `note` as written after `previous` when both cite the same work: "Ibid." for
    the same reference, "Ibid., <the elements that differ>" otherwise; |None| when the two
    share no leading element (the note is then written in full).

    Elements are the parts between ", "; they compare with their formatting, so an
    italic title and the same words in roman are different elements.
    """
    data = language_data(language if known(language) else "en")
    separator = data.punctuation.citation_comma  # ", " / "，" / "، "
    if _same(previous, note):
        return StyledText.of(data.ibid)
    common = 0
    limit = min(len(previous), len(note))
    while common < limit and previous.text[common] == note.text[common] and \
            previous.styles[common] == note.styles[common]:
        common += 1
    cut = note.text.rfind(separator, 0, common)  # the last separator both notes share
    if cut <= 0:
        return None
    return StyledText.of(data.ibid_continued + separator) + note[cut + len(separator):]


def _same(a: StyledText, b: StyledText) -> bool:
    """The same reference, whatever the final full stop and outer spaces."""
    def core(text: StyledText) -> tuple:
        stripped = text.text.rstrip(" .")
        start = len(stripped) - len(stripped.lstrip())
        return stripped[start:], text.styles[start:len(stripped)]

    return core(a) == core(b)
