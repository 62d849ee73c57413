"""The language data folders and the typed module that reads them."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from draftkit import languages
from draftkit.check.rules import builtin_phrases, builtin_terminology
from draftkit.errors import InputError
from draftkit.languages import Language, language
from draftkit.loading.yamlsource import load_yaml
from draftkit.render.numbering import Counter, operative_levels
from draftkit.render.typography import for_language, mark
from draftkit.templating import date_range, long_date, ordinal

ALL = ("en", "fr", "ar", "es", "ru", "zh")


def test_six_languages_english_and_french_first() -> None:
    assert languages.codes() == ALL


def _keys(value: object, prefix: str = "") -> set[str]:
    if isinstance(value, dict):
        out = set()
        for key, item in value.items():
            out |= {f"{prefix}{key}"} | _keys(item, f"{prefix}{key}.")
        return out
    return set()


@pytest.mark.parametrize("code", ALL[1:])
def test_every_language_has_every_label_english_has(code: str) -> None:
    english = load_yaml(language("en").folder / "language.yaml")
    other = load_yaml(language(code).folder / "language.yaml")
    labels = {k for k in _keys(english["labels"])}
    assert labels - _keys(other["labels"]) == set()
    assert set(english) == set(other)
    assert len(language(code).section("compilation").texts("headers")) == 6


@pytest.mark.parametrize("code", ALL)
def test_every_language_has_phrases_with_sources_and_terminology(code: str) -> None:
    phrases = builtin_phrases()[code]
    assert phrases.preambular and phrases.operative
    assert load_yaml(language(code).phrases_path)["sources"]
    assert builtin_terminology()[code].rules


def test_phrase_lists_come_from_the_language_folders() -> None:
    assert "recordando" in builtin_phrases()["es"].preambular
    assert "ссылаясь" in builtin_phrases()["ru"].preambular
    assert "回顾" in builtin_phrases()["zh"].preambular and not builtin_phrases()["zh"].spaced
    assert "وإذ تشير" in builtin_phrases()["ar"].preambular
    assert builtin_phrases()["ar"].agreement["يشير"] == "تشير"


@pytest.mark.parametrize("code, labels", [
    ("en", ["1.", "(a)", "(b)", "(i)", "(ii)", "2."]),
    ("fr", ["1.", "a)", "b)", "i)", "ii)", "2."]),
    ("es", ["1.", "a)", "b)", "i)", "ii)", "2."]),
    ("ru", ["1.", "а)", "б)", "i)", "ii)", "2."]),
    ("zh", ["1.", "(a)", "(b)", "(i)", "(ii)", "2."]),
    ("ar", ["1 -", "(أ)", "(ب)", "(i)", "(ii)", "2 -"]),
])
def test_numbering_as_each_language_writes_it(code: str, labels: list[str]) -> None:
    counter = Counter(operative_levels(code))
    assert [counter.next(level) for level in (0, 1, 1, 2, 2, 0)] == labels


def test_arabic_letters_follow_the_abjad_order() -> None:
    counter = Counter(operative_levels("ar"))
    counter.next(0)
    assert [counter.next(1) for _ in range(6)] == ["(أ)", "(ب)", "(ج)", "(د)", "(هـ)", "(و)"]


@pytest.mark.parametrize("code, final, operative, preambular", [
    ("en", ".", ";", ","), ("fr", ".", "\u202f;", ","), ("es", ".", ";", ","), ("ru", ".", ";", ","),
    ("zh", "。", "；", "，"), ("ar", ".", "؛", "،"),
])
def test_marks_added_by_rule(code: str, final: str, operative: str, preambular: str) -> None:
    assert (mark(".", code), mark(";", code), mark(",", code)) == (final, operative, preambular)


def test_dates_and_ordinals() -> None:
    day = date(2019, 12, 18)
    assert [long_date(day, code) for code in ALL] == [
        "18 December 2019", "18 décembre 2019", "18 كانون الأول/ديسمبر 2019", "18 de diciembre de 2019",
        "18 декабря 2019 года", "2019年12月18日"]
    assert [ordinal(143, code) for code in ALL] == ["143rd", "143e", "143", "143.ª", "143-я", "第143"]
    assert ordinal(74, "es", "masculine") == "74.º" and ordinal(50, "ru", "neuter") == "50-е"
    ranges = [date_range(date(2021, 11, 26), date(2021, 11, 30), code) for code in ALL]
    assert ranges == ["26-30 November 2021", "26-30 novembre 2021", "26-30 تشرين الثاني/نوفمبر 2021",
                      "26 a 30 de noviembre de 2021", "26–30 ноября 2021 года", "2021年11月26日至30日"]
    assert date_range(date(2021, 11, 30), date(2021, 12, 2), "zh") == "2021年11月30日至12月2日"
    assert date_range(date(2021, 11, 30), date(2021, 12, 2), "es") == "30 de noviembre a 2 de diciembre de 2021"


def test_french_spacing_is_data() -> None:
    assert for_language("« Oui » : non; 14:30", "fr") == "«\u00a0Oui\u00a0»\u00a0: non\u202f; 14:30"
    assert for_language("« Oui » : non; 14:30", "en") == "« Oui » : non; 14:30"


def test_a_malformed_language_file_names_file_and_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "xx"
    folder.mkdir()
    text = (language("en").folder / "language.yaml").read_text(encoding="utf-8")
    (folder / "language.yaml").write_text(text.replace("direction: ltr", "direction: sideways"), encoding="utf-8")
    monkeypatch.setattr(languages, "languages_folder", lambda: tmp_path)
    with pytest.raises(InputError) as caught:
        languages._read("xx", folder, folder / "language.yaml")
    assert "language.yaml:" in str(caught.value.where) and "direction" in str(caught.value)


def test_a_missing_label_names_the_section_and_key() -> None:
    with pytest.raises(InputError, match="no label 'heading.nonexistent'"):
        language("en").label("heading", "nonexistent")


def test_language_values_are_typed() -> None:
    arabic = language("ar")
    assert isinstance(arabic, Language) and arabic.rtl and arabic.fonts["complex"]
    assert not language("zh").word_spacing and language("zh").word_gap == ""
    assert language("ru").opening_case == "lower"
    assert language("fr").punctuation.footnote_call == "before"


#: The session line of a General Assembly heading as issued texts write it (domain notes, 1c).
ISSUED_SESSION = {"en": "Seventy-fourth session", "fr": "Soixante-quatorzième session",
                  "es": "Septuagésimo cuarto período de sesiones", "ru": "Семьдесят четвертая сессия",
                  "zh": "第七十四届会议", "ar": "الدورة الرابعة والسبعون"}


@pytest.mark.parametrize("code", ALL)
def test_the_session_in_words_as_issued_texts_write_it(code: str) -> None:
    from draftkit.build import Format, build_bytes
    from draftkit.loading import Project

    project = Project.open(Path(__file__).resolve().parent.parent / "examples" / "un-ga-six-languages")
    text = build_bytes(project, project.draft(1), Format.TEXT, language=code).decode("utf-8")
    assert ISSUED_SESSION[code] in text.splitlines()


def test_ordinal_words_are_language_data() -> None:
    from draftkit.templating import ordinal_words

    feminine = [ordinal_words(n, "ar", "feminine") for n in (1, 11, 12, 21, 30, 100, 101, 143)]
    assert feminine == ["الأولى", "الحادية عشرة", "الثانية عشرة", "الحادية والعشرون", "الثلاثون", "المائة",
                        "الحادية بعد المائة", "الثالثة والأربعون بعد المائة"]
    assert [ordinal_words(n, "ar") for n in (1, 11, 74)] == ["الأول", "الحادي عشر", "الرابع والسبعون"]
    assert ordinal_words(1000, "ar", "feminine") == "1000"  # no words for it: the ordinal in figures
    assert [ordinal_words(n, "zh") for n in (74, 100, 101, 110, 143)] == ["七十四", "一百", "一百零一", "一百一十",
                                                                        "一百四十三"]
    assert (ordinal_words(1, "fr", "feminine"), ordinal_words(1, "fr")) == ("première", "premier")
    assert (ordinal_words(74, "ru"), ordinal_words(74, "ru", "feminine")) == ("семьдесят четвертый",
                                                                            "семьдесят четвертая")
    assert ordinal_words(74, "ar", "figures") == "74" and ordinal_words("74 bis", "en") == "74 bis"


def test_a_malformed_ordinal_words_form_names_file_and_key(tmp_path: Path) -> None:
    folder = tmp_path / "xx"
    folder.mkdir()
    text = (language("en").folder / "language.yaml").read_text(encoding="utf-8")
    assert "  default: {num2words: {lang: en}}\n" in text
    for wrong, message in (("  default: {replace: {a: b}}\n", "gives neither 'num2words' nor 'units'"),
                           ("  default: {num2words: {lang: en}, replace: {'(': x}}\n", "not a valid regular expression")):
        (folder / "language.yaml").write_text(text.replace("  default: {num2words: {lang: en}}\n", wrong),
                                              encoding="utf-8")
        with pytest.raises(InputError, match=re.escape(message)) as caught:
            languages.read_language(folder / "language.yaml")
        assert "language.yaml:" in str(caught.value.where)


@pytest.mark.parametrize("code", [c for c in ALL if language(c).script != "latin"])
def test_every_opening_of_a_non_latin_language_has_its_english_for_ids(code: str) -> None:
    """Each opening phrase of the language's lists reads, in an id, as English words from
    its `english:` lists ('تقرر أيضا' → decides also), never as a transliteration; a phrase
    added without its English fails here."""
    from draftkit.slugs import opening_words

    data = load_yaml(language(code).phrases_path)
    english = language(code).english_openings
    for part in ("preambular", "operative"):
        known = {w for table in (english[part], english["modifiers"]) for v in table.values() for w in v.split()}
        for phrase in data[part]:
            words = opening_words(phrase, code, part)
            assert words and set(words) <= known, (part, phrase, words)
