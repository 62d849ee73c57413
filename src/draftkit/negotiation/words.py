"""The fixed words of negotiation texts per language: alternative labels, standings, the
status column, XLIFF notes — read from the language data folders (`labels: negotiation:`).

Knows words only.
"""

from __future__ import annotations

import functools
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


@functools.cache
def words_for(language: str) -> Words:
    """The words in `language`, from its data folder (`labels: negotiation:` in its
    language.yaml); English for a language draftkit has no data for."""
    from draftkit.languages import known, language as language_data

    labels = language_data(language if known(language) else "en").section("negotiation")
    return Words(alternative=labels.text("alternative"), bracketed=labels.text("bracketed"),
                 text_column=labels.text("text_column"), status_column=labels.text("status_column"),
                 standings=labels.mapping("standings"), previous_translation=labels.text("previous_translation"),
                 source_change=labels.text("source_change"), colon=labels.text("colon"))
