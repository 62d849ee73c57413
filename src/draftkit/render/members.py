"""Names of member States in each language, for sponsors lines and the compilation's
delegation column: "Mexico" → « Mexique », "United Kingdom" → « Royaume-Uni de
Grande-Bretagne et d'Irlande du Nord ».

The names come from a maintained source, pycountry (ISO 3166 with the translations of
Debian's iso-codes, in the six UN languages); where the UN writes a name otherwise
(UNTERM short names: "Republic of Korea", "Venezuela (Bolivarian Republic of)"), the
language's data says so (`labels: members:` in its language.yaml, by ISO alpha-3 code).
A delegation draftkit cannot place (a parliament, a group) keeps the name it was given.
Knows names only; no model, no Word.
"""

from __future__ import annotations

from functools import cache
from typing import Iterable

#: pycountry's locale folder names, where they are not the language code.
_LOCALES = {"zh": "zh_CN"}


def member_names(names: Iterable[str], language: str) -> list[str]:
    """Return each name as written in `language` (unknown names unchanged)."""
    return [member_name(name, language) for name in names]


def member_name(name: str, language: str) -> str:
    """Return the name of the member State `name` (any of its English names, or its ISO
    code) in `language`; `name` itself when it names no State draftkit knows."""
    code = _code(name.strip())
    if code is None:
        return name
    return _name(code, language) or name


@cache
def _code(name: str) -> str | None:
    """The ISO alpha-3 code of a State named `name` in English (UN or ISO form) or by its code."""
    key = name.casefold()
    if key in _english_index():
        return _english_index()[key]
    try:
        import pycountry

        found = pycountry.countries.lookup(name)
    except (LookupError, ImportError):
        return None
    return found.alpha_3


@cache
def _english_index() -> dict[str, str]:
    """Every English name draftkit knows for a State (UN override, ISO name, official and
    common names, codes), folded to lower case → alpha-3."""
    import pycountry

    index: dict[str, str] = {}
    for country in pycountry.countries:
        for value in (country.alpha_3, country.alpha_2, country.name, getattr(country, "official_name", None),
                      getattr(country, "common_name", None)):
            if value:
                index.setdefault(value.casefold(), country.alpha_3)
    for code, value in _overrides("en").items():
        index[value.casefold()] = code
    return index


@cache
def _name(code: str, language: str) -> str | None:
    override = _overrides(language).get(code)
    if override:
        return override
    try:
        import gettext

        import pycountry
    except ImportError:
        return None
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return None
    if language == "en":
        return getattr(country, "common_name", None) if "," in country.name else country.name
    try:
        translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[_LOCALES.get(language, language)])
    except OSError:
        return None
    return translation.gettext(country.name)


@cache
def _overrides(language: str) -> dict[str, str]:
    """The UN's own names in `language` (`labels: members:`), by alpha-3 code."""
    from draftkit.languages import known, language as language_data

    if not known(language):
        return {}
    values = language_data(language).section("members").values
    return {str(k): str(v) for k, v in values.items() if isinstance(v, str)}
