"""Short ascii slugs of text, for ids people read: 'Recalling the Convention' → 'recalling-convention'.

Shared by import (clause and file names) and merge (the id of a new paragraph). Knows
nothing of drafts.
"""

from __future__ import annotations

import re
import unicodedata

_STOP = {"the", "of", "a", "an", "and", "to", "in", "on", "for", "by", "that", "with", "all", "its", "their",
         "le", "la", "les", "de", "des", "du", "et", "à", "au", "aux", "en", "que", "l", "d", "sur", "par"}


def slug(text: str, words: int = 3) -> str:
    """Return a short ascii slug of the first significant words ('Recalling the Convention' → 'recalling-convention')."""
    plain = unicodedata.normalize("NFKD", re.sub(r"\[\^[^\]]*\]|\{[^}]*\}", " ", text))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    tokens = [t for t in re.split(r"[^a-z0-9]+", plain) if t and t not in _STOP]
    return "-".join(tokens[:words])
