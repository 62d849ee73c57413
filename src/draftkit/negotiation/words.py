"""The fixed words of negotiation texts per language: alternative labels, standings, the
status column, XLIFF notes. Kept in one place until the language data folders take them.

Knows words only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping


@dataclass(frozen=True)
class Words:
    alternative: str  # "Alt" in "[Alt 1: shall]"
    bracketed: str  # the status column's word for a paragraph still holding brackets
    text_column: str
    status_column: str
    standings: Mapping[str, str] = field(default_factory=dict)  # Standing value → label
    previous_translation: str = ""  # XLIFF note: the translation as it stood
    source_change: str = ""  # XLIFF note: how the source text changed since
    colon: str = ":"  # French sets a no-break space before it


_WORDS = {
    "en": Words(alternative="Alt", bracketed="bracketed", text_column="Text", status_column="Status",
                standings={"open": "Open", "agreed-ad-ref": "Agreed ad ref", "agreed": "Agreed"},
                previous_translation="Previous translation", source_change="Source changed since"),
    "fr": Words(alternative="Variante", bracketed="entre crochets", text_column="Texte", status_column="État",
                standings={"open": "En suspens", "agreed-ad-ref": "Approuvé ad referendum", "agreed": "Approuvé"},
                previous_translation="Traduction précédente", source_change="Modification de l’original depuis",
                colon="\u00a0:"),
}


def words_for(language: str) -> Words:
    """The words in `language` (English for a language without its own yet)."""
    return _WORDS.get(language, _WORDS["en"])
