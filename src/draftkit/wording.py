"""Whole sentences about counts and lists: "1 contribution", "3 contributions",
"OP3 refers" / "OP3 and OP5 refer", "Kenya, Chile and Peru".

Used by the library (summaries, error messages) and the CLI alike, so that no message
says "contribution(s)". English only: messages of the tool are in English; the texts of
a resolution never pass through here.
"""

from __future__ import annotations

from typing import Iterable, Sequence

_IRREGULAR = {
    "is": "are", "was": "were", "has": "have", "does": "do", "this": "these", "that": "those",
    "it": "they", "its": "their", "info": "info", "analysis": "analyses", "person": "people",
}


def plural_of(word: str) -> str:
    """The plural of an English noun or of a verb in the third person ('refers' → 'refer')."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def count(number: int, singular: str, plural: str | None = None) -> str:
    """'1 proposal', '0 proposals', '2 collisions' (`plural` when it is not regular)."""
    return f"{number} {singular if number == 1 else (plural or plural_of(singular))}"


def noun(number: int, singular: str, plural: str | None = None) -> str:
    """The noun alone, agreeing with `number`: noun(2, 'paragraph') → 'paragraphs'."""
    return singular if number == 1 else (plural or plural_of(singular))


def verb(number: int, singular: str, plural: str | None = None) -> str:
    """The verb agreeing with a subject of `number` things: verb(2, 'refers') → 'refer'."""
    if number == 1:
        return singular
    if plural is not None:
        return plural
    if singular in _IRREGULAR:
        return _IRREGULAR[singular]
    if singular.endswith("ies"):
        return singular[:-3] + "y"
    if singular.endswith(("sses", "xes", "ches", "shes", "zes")):
        return singular[:-2]
    return singular[:-1] if singular.endswith("s") else singular


def join(items: Iterable[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c' (no serial comma, as UN documents write)."""
    listed: Sequence[str] = list(items)
    if len(listed) <= 1:
        return "".join(listed)
    return f"{', '.join(listed[:-1])} {conjunction} {listed[-1]}"


def sentence(text: str) -> str:
    """`text` with a capital first letter and a full stop, unless it already ends one."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?", ":")) else text + "."
