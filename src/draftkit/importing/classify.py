"""Telling paragraphs apart: known opening phrases (the check package's lists, with the
project's `phrases:` file), typed numbers ('5.', '(a)', 'PP3') and the language of a
document. Knows `Line`s and phrase lists; no Word XML, no YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Mapping

from draftkit.importing.text import Line
from draftkit.model import Kind

TYPED_OP = re.compile(r"^\s*(?:OP\s*)?(\d{1,3})\s*[.)]\s+")
TYPED_PP = re.compile(r"^\s*(?:PP\s*(\d{1,3})\s*[.):]?|\((\d{1,3})\))\s+")
TYPED_SUB = re.compile(r"^\s*(\(([a-z]{1,2}|[ivxlc]{1,6})\)|([a-z]{1,2}|[ivxlc]{1,6})[.)])\s+")


_FIRST_WORD = re.compile(r"[^\s,;:.]+")


def _first_word(text: str, pos: int = 0) -> str:
    found = _FIRST_WORD.match(text, pos)
    return found.group() if found else ""


@dataclass(frozen=True)
class Phrases:
    """Known opening phrases of one language, lower-cased, longest first."""

    preambular: tuple[str, ...]
    operative: tuple[str, ...]
    modifiers: tuple[str, ...]
    spaced: bool = True  # False: no spaces between words (Chinese), so a phrase needs no boundary

    @cached_property
    def by_first_word(self) -> dict[str, tuple[tuple[Kind, str], ...]]:
        """(kind, phrase) by the phrase's first word, operative first then longest first: a
        paragraph is compared with the few phrases that can start it, not with all of them."""
        index: dict[str, list[tuple[Kind, str]]] = {}
        for kind, table in ((Kind.OPERATIVE, self.operative), (Kind.PREAMBULAR, self.preambular)):
            for phrase in table:
                index.setdefault(_first_word(phrase), []).append((kind, phrase))
        return {word: tuple(found) for word, found in index.items()}


@dataclass(frozen=True)
class PhraseMatch:
    kind: Kind
    length: int  # characters of the text the opening takes
    ambiguous: bool = False  # the phrase opens both kinds of paragraph (Chinese 重申, 欢迎): numbering decides


def phrase_tables(phrases_file: Path | None = None) -> Mapping[str, Phrases]:
    """Return the opening phrases per language: draftkit's lists (`check.rules`) extended
    with the project's phrases file, when given. Read once per import and passed down."""
    from draftkit.check.rules import project_phrases

    def longest_first(values) -> tuple[str, ...]:
        return tuple(sorted(set(values), key=lambda v: (-len(v.split()), -len(v), v)))

    from draftkit.languages import known, language

    return {lang: Phrases(longest_first(found.preambular), longest_first(found.operative),
                          longest_first(found.modifiers), spaced=not known(lang) or language(lang).word_spacing)
            for lang, found in project_phrases(phrases_file).items()}


def load_phrases(language: str, phrases_file: Path | None = None) -> Phrases:
    """Return the phrases of `language` (English ones for a language draftkit has no list for)."""
    tables = phrase_tables(phrases_file)
    return tables.get(language) or tables["en"]


def match_phrase(text: str, phrases: Phrases) -> PhraseMatch | None:
    """Find a known opening at the start of `text`: optional modifiers, a phrase, optional
    trailing modifiers ('Recalling also', 'Deeply concerned', 'Calls upon')."""
    lowered = text.lower().replace("’", "'")
    pos = _skip_modifiers(lowered, 0, phrases.modifiers, phrases.spaced)
    pos += len(lowered[pos:]) - len(lowered[pos:].lstrip(" "))
    if phrases.spaced:
        candidates = phrases.by_first_word.get(_first_word(lowered, pos), ())
    else:  # no spaces between words (Chinese): every phrase may start the text, longest first
        candidates = tuple((kind, phrase) for kind, table in ((Kind.OPERATIVE, phrases.operative),
                                                              (Kind.PREAMBULAR, phrases.preambular))
                           for phrase in table)
    for kind, phrase in candidates:
        if lowered.startswith(phrase, pos) and (not phrases.spaced or _boundary(lowered, pos + len(phrase))):
            other = phrases.preambular if kind is Kind.OPERATIVE else phrases.operative
            return PhraseMatch(kind, _skip_modifiers(lowered, pos + len(phrase), phrases.modifiers, phrases.spaced),
                               ambiguous=phrase in other)
    return None


def _skip_modifiers(text: str, pos: int, modifiers: tuple[str, ...], spaced: bool = True) -> int:
    moved = True
    while moved:
        moved = False
        stripped = pos + (len(text[pos:]) - len(text[pos:].lstrip(" ")))
        for modifier in modifiers:
            if text.startswith(modifier, stripped) and (not spaced or _boundary(text, stripped + len(modifier))):
                rest = text[stripped + len(modifier):]
                if not spaced or rest.startswith((" ", ",")) or not rest:
                    pos, moved = stripped + len(modifier), True
                    break
    return pos


def _boundary(text: str, pos: int) -> bool:
    return pos >= len(text) or not (text[pos].isalnum() or text[pos] in "-'")


def strip_number(text: str) -> tuple[str, int]:
    """Return the text without a typed number ('5.', '(a)', 'PP3', '(1)'), and how many characters were cut."""
    stripped = text.lstrip()
    cut = len(text) - len(stripped)
    for pattern in (TYPED_OP, TYPED_PP, TYPED_SUB):
        match = pattern.match(stripped)
        if match:
            return stripped[match.end():], cut + match.end()
    return stripped, cut


def is_body_evidence(line: Line, phrases: Phrases) -> bool:
    """True when `line` looks like a resolution paragraph: a known opening, list numbering or a typed number."""
    text, _ = strip_number(line.text)
    return bool(match_phrase(text, phrases) or line.numbering or TYPED_OP.match(line.text))


def detect_language(lines: list[Line], declared: str | None, tables: Mapping[str, Phrases]) -> str:
    """Return the language of a document from its text: the script its letters are in
    (Arabic, Chinese, Cyrillic), then, among the languages of that script, the one whose
    opening phrases start more paragraphs, then the DOCX's own language tag, then English."""
    from draftkit.languages import codes, language
    from draftkit.scripts import script_of

    script = script_of(" ".join(line.text for line in lines[:300]))
    candidates = [lang for lang in codes() if language(lang).script == script and lang in tables] or ["en"]
    if len(candidates) == 1:
        return candidates[0]
    scores = {lang: sum(1 for line in lines if match_phrase(strip_number(line.text)[0], tables[lang]))
              for lang in candidates}
    if len(set(scores.values())) > 1:
        return max(scores, key=scores.__getitem__)
    tag = (declared or "").lower()[:2]
    return tag if tag in candidates else candidates[0]
