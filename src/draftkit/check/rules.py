"""The rule data of `draftkit check`: opening phrase lists and terminology rules.

Built-in lists come from `draftkit/data/phrases.yaml` and `terminology.yaml`; a project
extends them with files of the same shape (`phrases:` / `terminology:` in
draftkit.yaml). Knows YAML only through `loading`; knows no paragraph.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from draftkit import languages
from draftkit.check.units import normalize
from draftkit.errors import InputError, Location
from draftkit.loading import keys
from draftkit.loading.fields import Fields
from draftkit.loading.yamlsource import load_yaml
from draftkit.records import record


@record
class PhraseList:
    """Known openings of one language, normalized (see `units.normalize`).

    `agreement` maps a masculine word to its feminine form (display case), for French;
    `agreement_in_text` does the same for phrases inside operative text.
    """

    preambular: frozenset[str] = frozenset()
    operative: frozenset[str] = frozenset()
    modifiers: tuple[str, ...] = ()
    agreement: Mapping[str, str] = field(default_factory=dict)
    agreement_in_text: Mapping[str, str] = field(default_factory=dict)
    shown: Mapping[str, str] = field(default_factory=dict)  # normalized → as written in the list
    spaced: bool = True  # False: no spaces between words (Chinese): phrases are matched as prefixes

    def extended(self, other: PhraseList) -> PhraseList:
        """Return this list with `other`'s phrases added (a project never removes built-ins)."""
        return PhraseList(
            preambular=self.preambular | other.preambular,
            operative=self.operative | other.operative,
            modifiers=tuple(sorted(set(self.modifiers) | set(other.modifiers), key=len, reverse=True)),
            agreement={**self.agreement, **other.agreement},
            agreement_in_text={**self.agreement_in_text, **other.agreement_in_text},
            shown={**self.shown, **other.shown},
            spaced=self.spaced,
        )


@record
class TermRule:
    """Discouraged forms of one term, the preferred wording and why."""

    avoid: tuple[str, ...]
    prefer: str
    note: str = ""


@record
class TermList:
    """The terminology rules and instrument-title exceptions of one language."""

    rules: tuple[TermRule, ...] = ()
    exceptions: tuple[str, ...] = ()
    spaced: bool = True  # False: no spaces between words (Chinese): a term needs no word boundary

    def extended(self, other: TermList) -> TermList:
        """Return these rules with `other`'s rules and exceptions added."""
        return TermList(self.rules + other.rules, self.exceptions + other.exceptions, self.spaced)

    @property
    def matcher(self) -> TermMatcher:
        return _matcher(self)


@record
class TermMatcher:
    """Compiled form of a `TermList`: one regex for every avoided form (spelling variants
    included: "child-pornography", "pedopornographie", "pédo-pornographie"), one for the
    titles; `rule_for` finds the rule of a matched spelling.

    Both regexes are made for one text at a time, of the forms and titles that text may
    hold: whatever a form's (or a title's) pattern matches has that form's spelling key,
    and a text's spelling key holds the key of each of its pieces (it is made character
    by character), so a form whose key is not in the text's cannot match and leaving it
    out of the alternation changes no match. Compiling the whole alternations cost more
    than checking a draft that holds no term.
    """

    forms: tuple[tuple[str, str], ...]  # (normalized avoided form, its spelling key), in rule order
    exceptions: tuple[tuple[str, str], ...]  # (normalized instrument title, its spelling key)
    spaced: bool
    by_form: Mapping[str, TermRule]

    def patterns(self, text: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        """The regexes of the avoided forms and of the titles that `text` may hold."""
        squeezed = spelling_key(text)
        forms = tuple(form for form, key in self.forms if key in squeezed)
        if not forms:
            return None, None
        titles = tuple(title for title, key in self.exceptions if key in squeezed)
        return _alternation_of(forms, self.spaced, True), _alternation_of(titles, self.spaced, False)

    def rule_for(self, written: str) -> TermRule:
        return self.by_form[spelling_key(written)]


@lru_cache(maxsize=32)
def _matcher(terms: TermList) -> TermMatcher:
    forms = {normalize(form): rule for rule in terms.rules for form in rule.avoid}
    titles = dict.fromkeys(normalize(t) for t in terms.exceptions)
    return TermMatcher(
        forms=tuple((form, spelling_key(form)) for form in forms),
        exceptions=tuple((title, spelling_key(title)) for title in titles),
        spaced=terms.spaced,
        by_form={spelling_key(form): rule for form, rule in forms.items()},
    )


@lru_cache(maxsize=256)
def _alternation_of(phrases: tuple[str, ...], spaced: bool, variants: bool) -> re.Pattern[str] | None:
    return _alternation(dict.fromkeys(phrases), spaced, variants)


#: Letters a discouraged term may be written with or without an accent on.
_ACCENTED = {"a": "àâä", "c": "ç", "e": "éèêë", "i": "îï", "o": "ôö", "u": "ùûü", "n": "ñ"}
_BASE_OF = {accented: base for base, all_ in _ACCENTED.items() for accented in all_}
#: ... and the letters a case-insensitive regex takes for i and s besides their cases
#: (dotless ı, long ſ), so that a matched spelling always has its form's key.
_KEY_TABLE = str.maketrans({**_BASE_OF, "ı": "i", "ſ": "s"})
_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")


def spelling_key(text: str) -> str:
    """`text` without case, accents, hyphens or spaces: the spellings of one term meet here."""
    return _NOT_LETTER_OR_DIGIT.sub("", text.casefold().translate(_KEY_TABLE))


def _variant_pattern(phrase: str) -> str:
    """A term as written in the wild: a hyphen or a space between its words, a hyphen
    inside a word ("pédo-pornographie"), accents present or left out."""
    words = []
    for word in phrase.split(" "):
        letters = []
        for char in word:
            base = _BASE_OF.get(char, char)
            if base in _ACCENTED:
                letters.append("[" + base + _ACCENTED[base] + "]")
            elif char == "'":
                letters.append("['\u2019]")
            else:
                letters.append(re.escape(char))
        words.append("-?".join(letters))
    return r"[\s\-\u2010\u2011]+".join(words)


def _alternation(phrases: Mapping[str, object], spaced: bool = True, variants: bool = False) -> re.Pattern[str] | None:
    """One case-insensitive regex matching any phrase as whole words, longest first.

    Spaces match any run of spaces (no-break ones included) and an apostrophe matches
    either apostrophe, so a title typed with ’ or a line break still matches.
    """
    if not phrases:
        return None
    parts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        if variants and spaced:
            parts.append(_variant_pattern(phrase))
            continue
        escaped = re.escape(phrase).replace(r"\ ", " ").replace("'", "['\u2019]")
        parts.append(r"\s+".join(escaped.split(" ")))
    if not spaced:
        return re.compile("(?:" + "|".join(parts) + ")", re.IGNORECASE)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


# --- reading --------------------------------------------------------------------------------


def builtin_phrases(only: Iterable[str] | None = None) -> dict[str, PhraseList]:
    """Return the phrase lists shipped with draftkit, per language (each language folder's
    `phrases.yaml`): of every language, or of those in `only` (the others are not read)."""
    return {code: found for code in _wanted(only) if (found := _builtin_phrases(code)) is not None}


def _wanted(only: Iterable[str] | None) -> tuple[str, ...]:
    if only is None:
        return languages.codes()
    return tuple(code for code in dict.fromkeys(only) if languages.known(code))


@lru_cache(maxsize=None)
def _builtin_phrases(code: str) -> PhraseList | None:
    path = languages.language(code).phrases_path
    if not path.is_file():
        return None
    return dataclasses.replace(read_language_phrases(path), spaced=languages.language(code).word_spacing)


def read_language_phrases(path: Path) -> PhraseList:
    """Read a language folder's `phrases.yaml` (the folder's name is the language code)."""
    fields = Fields(load_yaml(path) or {}, Location(path, 1, 1), f"{path.parent.name} phrases file",
                    keys.LANGUAGE_PHRASES)
    fields.strings("sources")  # where the list comes from: for readers, not for checking
    languages.read_english_openings(fields)  # the English of each opening: for ids, not for checking
    return _phrase_list(fields)


def builtin_terminology(only: Iterable[str] | None = None) -> dict[str, TermList]:
    """Return the terminology rules shipped with draftkit, per language (each language
    folder's `terminology.yaml`): of every language, or of those in `only`."""
    return {code: found for code in _wanted(only) if (found := _builtin_terminology(code)) is not None}


@lru_cache(maxsize=None)
def _builtin_terminology(code: str) -> TermList | None:
    path = languages.language(code).terminology_path
    if not path.is_file():
        return None
    return dataclasses.replace(read_language_terminology(path), spaced=languages.language(code).word_spacing)


def read_language_terminology(path: Path) -> TermList:
    """Read a language folder's `terminology.yaml` (the folder's name is the language code)."""
    fields = Fields(load_yaml(path) or {}, Location(path, 1, 1), f"{path.parent.name} terminology file",
                    keys.LANGUAGE_TERMS)
    fields.strings("sources")
    return _term_list(path.parent.name, fields)


def project_phrases(path: Path | None, only: Iterable[str] | None = None) -> dict[str, PhraseList]:
    """Return the built-in phrase lists (of the languages `only`, default all) extended
    with the project file at `path`, if any."""
    return _extend(builtin_phrases(only), read_phrases(path) if path else {})


def project_terminology(path: Path | None, only: Iterable[str] | None = None) -> dict[str, TermList]:
    """Return the built-in terminology (of the languages `only`, default all) extended
    with the project file at `path`, if any."""
    return _extend(builtin_terminology(only), read_terminology(path) if path else {})


def _extend(base: dict, extra: dict) -> dict:
    out = dict(base)
    for lang, value in extra.items():
        out[lang] = out[lang].extended(value) if lang in out else value
    return out


def read_phrases(path: Path, text: str | None = None) -> dict[str, PhraseList]:
    """Read a phrases file: per language `preambular`, `operative`, `modifiers`, `agreement`."""
    return {lang: _phrase_list(fields) for lang, fields in _languages(path, text, "phrases file", keys.PHRASES)}


def _phrase_list(fields: Fields) -> PhraseList:
    preambular = fields.strings("preambular")
    operative = fields.strings("operative")
    found = PhraseList(
        preambular=frozenset(normalize(p) for p in preambular),
        operative=frozenset(normalize(p) for p in operative),
        modifiers=tuple(sorted((normalize(m) for m in fields.strings("modifiers")), key=len, reverse=True)),
        agreement={normalize(k): v for k, v in _pairs(fields, "agreement").items()},
        agreement_in_text={normalize(k): v for k, v in _pairs(fields, "agreement_in_text").items()},
        shown={normalize(p): p for p in (*preambular, *operative)},
    )
    fields.finish()
    return found


def read_terminology(path: Path, text: str | None = None) -> dict[str, TermList]:
    """Read a terminology file: per language `terms` (avoid/prefer/note) and `exceptions`."""
    return {lang: _term_list(lang, fields) for lang, fields in _languages(path, text, "terminology file",
                                                                       keys.TERMINOLOGY)}


def _term_list(lang: str, fields: Fields) -> TermList:
    rules = []
    for item, where in fields.items("terms"):
        term = Fields(item, where, f"{lang} term", keys.TERM)
        avoid = term.strings("avoid")
        if not avoid:
            raise InputError(f"{lang} term has no 'avoid' forms", where=where, fix="add 'avoid: [old term]'")
        rules.append(TermRule(avoid=avoid, prefer=term.text("prefer") or "", note=term.text("note", required=False) or ""))
        term.finish()
    found = TermList(rules=tuple(rules), exceptions=fields.strings("exceptions"))
    fields.finish()
    return found


def _languages(path: Path, text: str | None, what: str, shape: keys.Shape):
    data = load_yaml(path, text)
    top = Fields(data if data is not None else {}, Location(path, 1, 1), what, shape)
    for lang in list(top.data):
        section = top.mapping(str(lang), f"{lang!s} section of the {what}")
        if section is not None:
            yield str(lang), section


def _pairs(fields: Fields, key: str) -> dict[str, str]:
    section = fields.mapping(key, f"'{key}'")
    if section is None:
        return {}
    return {str(k): section.text(str(k)) or "" for k in list(section.data)}
