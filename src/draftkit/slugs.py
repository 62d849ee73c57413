"""Short ascii slugs of text, for ids people read: 'Recalling the Convention' → 'recalling-convention'.

Shared by import (clause and file names) and merge (the id of a new paragraph). An id is
ASCII and must still say something whatever the language: the words of another script are
transliterated (anyascii: 'Конвенцию' → 'konventsiyu', 'البرلمانات' → 'lbrlmnt', a pair of
Chinese characters → one pinyin word, '议会' → 'yihui'), and an opening is given in English
through the language's aligned phrase lists ('تحث' → 'urges', '请' → 'requests'), so an
Arabic paragraph is 'op-urges-lbrlmnt-tkfl', not 'op'. The words left out and the English
of the openings are language data (`ids` in language.yaml, `english` in phrases.yaml). The
same text gives the same slug on every run. Knows nothing of drafts.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: What is no word of the text: footnote calls, cross-references, inline marks.
_MARKUP = re.compile(r"\[\^[^\]]*\]|\{[^}]*\}")
_WORD = re.compile(r"\w+")
_HAN_CHARACTER = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
_HAN = re.compile(_HAN_CHARACTER)
_HAN_OR_OTHER = re.compile(rf"{_HAN_CHARACTER}|(?:(?!{_HAN_CHARACTER}).)+")
#: Whose skipped words apply when the text's language is not known (file and delegation names).
_DEFAULT_SKIP = ("en", "fr")


def slug(text: str, words: int = 3, language: str | None = None) -> str:
    """Return a short ascii slug of the first significant words ('Recalling the Convention' →
    'recalling-convention'); `language` says which words are left out (English and French
    ones when it is not given)."""
    return "-".join(_tokens(text, language)[:words])


def paragraph_words(opening: str, text: str, language: str | None, kind: str) -> tuple[list[str], list[str]]:
    """The words of a `kind` ('preambular', 'operative') paragraph as ascii slug words: its
    opening's (see `opening_words`), with an adverb the text starts with ('أيضا' of 'وإذ تشير'
    'أيضا إلى …' → also), and its text's significant words."""
    lead = opening_words(opening, language, kind)
    modifiers = _english(language, "modifiers") if _spaced(language) else {}
    rest = " ".join(_MARKUP.sub(" ", text).split())
    while rest and modifiers:
        first = rest.split(" ", 1)[0]
        if first.casefold() not in modifiers:
            break
        lead += modifiers[first.casefold()].split()
        rest = rest[len(first):].lstrip()
    return lead, _tokens(rest, language)


def opening_words(opening: str, language: str | None, kind: str) -> list[str]:
    """The words of a `kind` ('preambular', 'operative') paragraph's opening as ascii slug
    words: in English where the language's aligned phrase lists give it ('وإذ تشير أيضا إلى'
    → recalling, also; '请' → requests), the others transliterated."""
    english = _english(language, kind)
    plain = " ".join(_MARKUP.sub(" ", opening).split())
    if not english:
        return _tokens(plain, language)
    spaced = _spaced(language)
    out: list[str] = []
    rest = plain.casefold()
    while rest:
        found = max((p for p in english if rest.startswith(p) and (
            not spaced or len(rest) == len(p) or not rest[len(p)].isalnum())), key=len, default="")
        word = found or (rest.split(" ", 1)[0] if spaced else rest[0])
        out.extend(english[found].split() if found else _tokens(word, language))
        rest = rest[len(word):].lstrip()
    return out


def _tokens(text: str, language: str | None) -> list[str]:
    skip = _skip(language)
    out: list[str] = []
    for word in _WORD.findall(_MARKUP.sub(" ", text)):
        if word.casefold() in skip:
            continue
        if _HAN.search(word):
            out.extend(_han_words(word, skip))
        else:  # "l'enfant", "COVID-19": the ascii pieces of a word, each left out as a word would be
            out.extend(t for t in _ascii(word).split("-") if t and t not in skip)
    return out


def _ascii(text: str) -> str:
    """`text` in lower-case ASCII letters and digits, other characters as '-': accents dropped
    ('é' → 'e'), other scripts transliterated ('Конвенцию' → 'konventsiyu')."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    if not plain.isascii():
        from anyascii import anyascii

        # hamza and ayn come out as ' and `: marks inside a word, not word breaks
        plain = "".join(c if c.isascii() else anyascii(c).replace("'", "").replace("`", "") for c in plain)
    return re.sub(r"[^a-z0-9]+", "-", plain.lower())


def _han_words(run: str, skip: frozenset[str]) -> list[str]:
    """Chinese has no spaces: its characters in pairs, a pair one pinyin word ('议会' →
    'yihui'), those of `skip` ('的', '和') left out; Latin letters and digits as words."""
    out: list[str] = []
    pending: list[str] = []

    def pairs() -> None:
        out.extend("".join(pending[i:i + 2]) for i in range(0, len(pending), 2))
        pending.clear()

    for piece in _HAN_OR_OTHER.findall(run):
        if _HAN.fullmatch(piece):
            if piece not in skip:
                pending.append(_ascii(piece).strip("-"))
            continue
        pairs()
        out.extend(t for t in _ascii(piece).split("-") if t)
    pairs()
    return [w for w in out if w]


@lru_cache(maxsize=None)
def _skip(language: str | None) -> frozenset[str]:
    from draftkit.languages import known, language as language_data

    codes = (language,) if language and known(language) else _DEFAULT_SKIP
    return frozenset(w.casefold() for code in codes for w in language_data(code).id_skip)


@lru_cache(maxsize=None)
def _spaced(language: str | None) -> bool:
    from draftkit.languages import known, language as language_data

    return not language or not known(language) or language_data(language).word_spacing


@lru_cache(maxsize=None)
def _english(language: str | None, kind: str) -> dict[str, str]:
    """Opening phrase (case-folded) → its English words for `kind` ('preambular',
    'operative'), with the language's modifiers ('أيضا' → 'also'); `kind` 'modifiers': those alone."""
    from draftkit.languages import known, language as language_data

    if not language or not known(language):
        return {}
    table = language_data(language).english_openings
    return {k.casefold(): v for k, v in {**table.get("modifiers", {}), **table.get(kind, {})}.items()}
