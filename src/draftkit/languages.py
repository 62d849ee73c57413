"""The languages draftkit writes: one data folder per language, read into typed values.

`src/draftkit/data/languages/<code>/` holds `language.yaml` (script, punctuation, quotation
marks, numbering, cross-reference words, dates, ordinals, "Ibid.", heading and compilation
labels), `phrases.yaml` (opening phrases, agreement, where the list comes from) and
`terminology.yaml`. Adding a language is adding a folder: every other module asks this
one (`language("ar").punctuation.operative`) and holds no per-language table of its own.
Knows YAML only through `loading`; knows no draft, no Word, no terminal.
"""

from __future__ import annotations

import re
from dataclasses import field
from functools import cache
from pathlib import Path
from typing import Mapping

from draftkit.errors import InputError, Location, did_you_mean
from draftkit.records import record

#: Formats a numbering level may use: Word's ST_NumberFormat values draftkit can also count.
NUMBER_FORMATS = ("decimal", "lowerLetter", "lowerRoman", "russianLower", "arabicAbjad")
SCRIPTS = ("latin", "cyrillic", "han", "arabic")

#: A list of paragraph numbers as typed ("4", "4 (a)", "4 and 5", "4-6"): `{list}` in the
#: `cross_references: typed` pattern of a language file.
NUMBER_LIST = (r"\d+(?:\s*\([a-z]+\))*(?:(?:\s*,\s*|\s+(?:and|or|to|et|ou|à|y|o|и|или|و)\s+|\s*[-–]\s*)"
               r"\d+(?:\s*\([a-z]+\))*)*")


@record
class Punctuation:
    """The marks draftkit adds by rule, and the spacing around marks."""

    preambular: str  # end of a preambular paragraph: "," / "،" / "，"
    operative: str  # end of an operative paragraph or sub-paragraph: ";" / "؛" / "；"
    last: str  # end of the last operative paragraph: "." / "。"
    introduces: str  # before sub-paragraphs: ":" / "："
    authoring: str  # after the organ line when a preamble follows
    space_before: Mapping[str, str]  # mark → space written before it (French no-break spaces)
    footnote_call: str  # "after" or "before" the final mark
    list_comma: str  # between the items of an enumeration
    citation_comma: str  # between the elements of a citation ("Ibid., vol. 1577"; Chinese "，")

    @property
    def added(self) -> str:
        """Every mark the rules add (a text ending with one of them has punctuated itself)."""
        return "".join(dict.fromkeys(self.preambular + self.operative + self.last + self.introduces))


@record
class Quotes:
    """Quotation marks: the outer pair, the pair inside it, and the space inside the marks."""

    primary: tuple[str, str]
    secondary: tuple[str, str]
    inner_space: str = ""


@record
class Typography:
    """What rendering changes in the text itself (the YAML stays plain)."""

    italics: bool = True  # False: the language sets no titles in italics (Chinese uses 《》)
    apostrophe: str = ""  # replaces ' between letters (French ’)
    straight_quotes: bool = False  # "…" becomes the primary quotation marks
    superscript_ordinals: str = ""  # regular expression of ordinal suffixes set in superscript (1er, 143e)
    superscript_numero: bool = False  # n^o^ before a number
    range_dash: str = ""  # replaces the hyphen of a number range (26-30 → 26–30)


@record
class NumberLevel:
    """One list level: Word's number format and level text ('%1.' → '1.', '(%2)' → '(a)')."""

    format: str
    text: str


@record
class CrossReferences:
    """How `{ref:ID}` reads, and how a number typed by hand is recognized."""

    above: str  # "paragraph {n} above"
    below: str
    same: str
    typed: re.Pattern[str] | None = None
    elsewhere: re.Pattern[str] | None = None
    preambular_words: tuple[str, ...] = ()
    number_words: tuple[str, ...] = ()  # "one", "two"… in order from one ("paragraph four")
    ref_forms: tuple[str, ...] = ()  # a declined noun's forms that {ref:ID} writes ("пункт"); () = any

    def reads_as_ref(self, typed_words: str) -> bool:
        """Whether `typed_words` ("пункте", "paragraph") are the words `{ref:ID}` writes, so
        that it can replace them; a declined form ("в пункте 5") keeps its words and takes
        `{num:ID}` instead."""
        return not self.ref_forms or typed_words.casefold() in {w.casefold() for w in self.ref_forms}

    def number(self, written: str) -> int | None:
        """The first number of a typed reference ("4", "4 (a)", "four"), |None| when unreadable."""
        digits = re.match(r"\d+", written.strip())
        if digits:
            return int(digits.group()) if len(digits.group()) <= 9 else None  # int() refuses 4,300 digits
        word = written.strip().split()[0].casefold() if written.strip() else ""
        words = [w.casefold() for w in self.number_words]
        return words.index(word) + 1 if word in words else None


@record
class RepeatedOpening:
    """How a repeated opening is varied: the adverbs and where they go."""

    also: str
    further: str
    place: str  # before | after | after:N (after the first N words)
    place_un_preambular: str


@record
class Dates:
    """Long dates: "18 December 2019", "18 de diciembre de 2019", "2019年12月18日"."""

    pattern: str  # {day} {month} {month_number} {year}
    months: tuple[str, ...]
    first_day: str = "1"
    range_dash: str = "-"

    def long(self, day_of_month: int, month: int, year: int) -> str:
        """Return the date as this language writes it."""
        day = self.first_day if day_of_month == 1 else str(day_of_month)
        return self.pattern.format(day=day, month=self.months[month - 1], month_number=month, year=year)


@record
class OrdinalRule:
    """'143rd', '143e', '143.ª', '143-я', '第143': a pattern and its exceptions, by number."""

    pattern: str
    exact: Mapping[str, str] = field(default_factory=dict)
    last_two: Mapping[str, str] = field(default_factory=dict)
    last_digit: Mapping[str, str] = field(default_factory=dict)

    def write(self, number: int) -> str:
        """Return `number` as an ordinal in figures."""
        text = str(number)
        pattern = (self.exact.get(text) or (self.last_two.get(text[-2:]) if len(text) >= 2 else None)
                   or self.last_digit.get(text[-1]) or self.pattern)
        return pattern.format(n=number)


@record
class OrdinalWords:
    """Ordinals in words, one form: written by num2words where it knows the language and
    the form ('seventy-fourth', 'семьдесят четвертая'), else composed from the language's
    own words ('الرابعة والسبعون'), then changed by `replace` (ё → е)."""

    num2words: Mapping[str, str] = field(default_factory=dict)  # lang, to, gender
    exact: Mapping[str, str] = field(default_factory=dict)
    units: tuple[str, ...] = ()  # 1 … 9
    tens: tuple[str, ...] = ()  # 10, 20 … 90
    compound_units: Mapping[str, str] = field(default_factory=dict)
    teens: str = ""  # 11 … 19: {unit}
    compound: str = ""  # 21 … 99: {unit} {ten}
    hundreds: str = ""  # 101 … 199: {rest}
    replace: tuple[tuple[re.Pattern[str], str], ...] = ()

    def write(self, number: int) -> str | None:
        """Return `number` in words, |None| where this form cannot write it."""
        words = self.exact.get(str(number))
        if words is None:
            words = self._library(number) if self.num2words else self._composed(number)
        if words is None:
            return None
        for pattern, replacement in self.replace:
            words = pattern.sub(replacement, words)
        return words

    def _library(self, number: int) -> str | None:
        from num2words import num2words

        options = dict(self.num2words)
        try:
            return num2words(number, lang=options.pop("lang"), to=options.pop("to", "ordinal"), **options)
        except (NotImplementedError, KeyError, ValueError, OverflowError, TypeError):
            return None

    def _composed(self, number: int) -> str | None:
        if not self.units or number < 1:
            return None
        if number < 10:
            return self.units[number - 1]
        if number < 100:
            ten, unit = divmod(number, 10)
            if len(self.tens) < ten:
                return None
            if not unit:
                return self.tens[ten - 1]
            unit_words = self.compound_units.get(str(unit)) or self.units[unit - 1]
            if ten == 1 and self.teens:
                return self.teens.format(unit=unit_words)
            return self.compound.format(unit=unit_words, ten=self.tens[ten - 1]) if self.compound else None
        if not (100 < number < 200 and self.hundreds):
            return None
        # a unit after the hundred is written as in a compound: الحادية بعد المائة (101st)
        rest = self.compound_units.get(str(number - 100)) or self.write(number - 100)
        return self.hundreds.format(rest=rest) if rest is not None else None


@record
class Labels:
    """Fixed wording of one kind (heading, compilation…): text, lists and mappings by key."""

    section: str
    values: Mapping[str, object]
    path: Path

    def text(self, key: str) -> str:
        """Return the label `key`; raise `InputError` naming the language file when it lacks it."""
        value = self._get(key)
        if not isinstance(value, str):
            raise InputError(f"label '{self.section}.{key}' must be text", where=self.path)
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self._get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError(f"label '{self.section}.{key}' must be a list of texts", where=self.path)
        return tuple(value)

    def mapping(self, key: str) -> Mapping[str, str]:
        value = self._get(key)
        if not isinstance(value, dict):
            raise InputError(f"label '{self.section}.{key}' must be a mapping", where=self.path)
        return {str(k): str(v) for k, v in value.items()}

    def get(self, key: str, default: str = "") -> str:
        value = self.values.get(key, default)
        return value if isinstance(value, str) else default

    def _get(self, key: str) -> object:
        if key not in self.values:
            raise InputError(f"the language file has no label '{self.section}.{key}'", where=self.path,
                             fix=f"add '{key}:' under 'labels: {self.section}:' (see languages/en/language.yaml)")
        return self.values[key]


@record
class Language:
    """Everything draftkit knows about writing resolutions in one language."""

    code: str
    name: str  # in the language itself: "Русский"
    english_name: str  # in messages: "Russian"
    tag: str  # Word proofing language: en-GB, ar-SA, zh-CN
    script: str
    direction: str  # ltr | rtl
    word_spacing: bool  # False: no spaces between words (Chinese)
    italic_openings: bool
    opening_case: str  # upper | lower | none: how an opening phrase starts ("Recalling", "ссылаясь")
    fonts: Mapping[str, str]  # latin / east_asia / complex → font name
    punctuation: Punctuation
    quotes: Quotes
    typography: Typography
    numbering: tuple[NumberLevel, ...]
    cross_references: CrossReferences
    repeated_opening: RepeatedOpening
    dates: Dates
    ordinals: Mapping[str, OrdinalRule]
    ordinal_words: Mapping[str, OrdinalWords]
    ibid: str  # a note citing the same reference: "Ibid.", "Там же.", "同上。"
    ibid_continued: str  # before what changes: "Ibid." ("Ibid., vol. 2171"), "Там же" ("Там же, т. 2171")
    id_skip: tuple[str, ...]  # words left out of the ids import and merge make ("the", "على")
    labels: Mapping[str, Labels]
    folder: Path

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    @property
    def word_gap(self) -> str:
        """What separates two words (an opening and its text): a space, or nothing in Chinese."""
        return " " if self.word_spacing else ""

    def ordinal(self, number: int, form: str = "default") -> str:
        """Return `number` as an ordinal ('143rd'); `form` picks a gender where the language has one."""
        rule = self.ordinals.get(form) or self.ordinals["default"]
        return rule.write(number)

    def ordinal_in_words(self, number: int, form: str = "default") -> str | None:
        """Return `number` as an ordinal in words ('seventy-fourth', 'الرابعة والسبعون' in
        the form 'feminine'); |None| where the language's data cannot write it."""
        rule = self.ordinal_words.get(form) or self.ordinal_words.get("default")
        return rule.write(number) if rule is not None else None

    def label(self, section: str, key: str) -> str:
        """Return one label: `label("heading", "general_assembly")`."""
        return self.section(section).text(key)

    def section(self, name: str) -> Labels:
        """Return the labels of one kind (`heading`, `compilation`); empty when the file has none."""
        return self.labels.get(name) or Labels(name, {}, self.folder / "language.yaml")

    @property
    def phrases_path(self) -> Path:
        return self.folder / "phrases.yaml"

    @property
    def english_openings(self) -> Mapping[str, Mapping[str, str]]:
        """Opening phrase → its English, by part ('preambular', 'operative', 'modifiers'):
        `english` in phrases.yaml, the aligned lists ids are made from ('تحث' → 'urges')."""
        return _english_openings(self.phrases_path)

    @property
    def terminology_path(self) -> Path:
        return self.folder / "terminology.yaml"


# --- finding the folders ---------------------------------------------------------------------


def languages_folder() -> Path:
    """Return the folder holding one sub-folder per language."""
    from draftkit import DATA

    return DATA / "languages"


@cache
def codes() -> tuple[str, ...]:
    """Return the codes of every language draftkit has data for: English and French first,
    then the others alphabetically (the order messages and `--help` list them in)."""
    found = sorted(p.name for p in languages_folder().iterdir() if (p / "language.yaml").is_file())
    first = [c for c in ("en", "fr") if c in found]
    return tuple(first + [c for c in found if c not in first])


def known(code: str) -> bool:
    """Return whether draftkit has a data folder for language `code`."""
    return code in codes()


def require(code: str, where: Location | Path | str | None = None) -> Language:
    """Return language `code`; raise `InputError` naming the known ones when there is none."""
    if not known(code):
        raise InputError(f"draftkit has no language {code!r}", where=where,
                         fix=did_you_mean(code, codes()) or f"use one of {', '.join(codes())}")
    return language(code)


@cache
def language(code: str) -> Language:
    """Return the language `code` read from its folder (once per process).

    Raises `InputError` naming the file and key for a malformed folder, and for an
    unknown code (see `require` for a message that lists the known ones).
    """
    folder = languages_folder() / code
    path = folder / "language.yaml"
    if not path.is_file():
        raise InputError(f"draftkit has no language {code!r}", fix=f"use one of {', '.join(codes())}")
    return _read(code, folder, path)


def read_language(path: Path) -> Language:
    """Read a language folder's `language.yaml` at `path`, cached or not (`draftkit validate`)."""
    return _read(path.parent.name, path.parent, path)


# --- reading ---------------------------------------------------------------------------------


def _read(code: str, folder: Path, path: Path) -> Language:
    from draftkit.loading import keys
    from draftkit.loading.fields import Fields
    from draftkit.loading.yamlsource import load_yaml

    fields = Fields(load_yaml(path), Location(path, 1, 1), f"language {code}", keys.LANGUAGE_FILE)
    script = fields.choice("script", list(SCRIPTS))
    direction = fields.choice("direction", ["ltr", "rtl"])
    result = Language(
        code=code,
        name=fields.text("name") or code,
        english_name=fields.text("english_name") or code,
        tag=fields.text("tag") or code,
        script=script or "latin",
        direction=direction or "ltr",
        word_spacing=fields.boolean("word_spacing", True),
        italic_openings=fields.boolean("italic_openings", True),
        opening_case=fields.choice("opening_case", ["upper", "lower", "none"]) or "upper",
        fonts=_strings_map(fields, "fonts", ("latin", "east_asia", "complex")),
        punctuation=_punctuation(fields),
        quotes=_quotes(fields),
        typography=_typography(fields),
        numbering=_numbering(fields),
        cross_references=_cross_references(fields),
        repeated_opening=_repeated(fields),
        dates=_dates(fields),
        ordinals=_ordinals(fields),
        ordinal_words=_ordinal_words(fields),
        ibid=fields.text("ibid") or "Ibid.",
        ibid_continued=fields.text("ibid_continued", required=False) or fields.text("ibid") or "Ibid.",
        id_skip=_id_skip(fields),
        labels=_labels(fields, path),
        folder=folder,
    )
    fields.finish()
    return result


def _strings_map(fields, key: str, allowed: tuple[str, ...] | None = None) -> dict[str, str]:
    section = fields.mapping(key, f"'{key}'")
    if section is None:
        return {}
    out = {}
    for name in list(section.data):
        if allowed is not None and str(name) not in allowed:
            raise InputError(f"unknown key '{name}' in '{key}'", where=section.where(str(name)),
                             fix=did_you_mean(str(name), allowed) or f"use {', '.join(allowed)}")
        out[str(name)] = section.text(str(name)) or ""
    return out


def _punctuation(fields) -> Punctuation:
    section = fields.mapping("punctuation", "'punctuation'", required=True)
    result = Punctuation(
        preambular=section.text("preambular"),
        operative=section.text("operative"),
        last=section.text("last"),
        introduces=section.text("introduces"),
        authoring=section.text("authoring"),
        space_before=_strings_map(section, "space_before"),
        footnote_call=section.choice("footnote_call", ["after", "before"]),
        list_comma=section.text("list_comma"),
        citation_comma=section.text("citation_comma"),
    )
    section.finish()
    return result


def _pair(section, key: str) -> tuple[str, str]:
    marks = section.strings(key)
    if len(marks) != 2:
        raise InputError(f"'{key}' must be two marks, opening and closing", where=section.where(key),
                         fix=f'write {key}: ["«", "»"]')
    return marks[0], marks[1]


def _typography(fields) -> Typography:
    section = fields.mapping("typography", "'typography'")
    if section is None:
        return Typography()
    result = Typography(
        italics=section.boolean("italics", True),
        apostrophe=section.text("apostrophe", required=False, default="") or "",
        straight_quotes=section.boolean("straight_quotes", False),
        superscript_ordinals=section.text("superscript_ordinals", required=False, default="") or "",
        superscript_numero=section.boolean("superscript_numero", False),
        range_dash=section.text("range_dash", required=False, default="") or "",
    )
    section.finish()
    return result


def _quotes(fields) -> Quotes:
    section = fields.mapping("quotes", "'quotes'", required=True)
    result = Quotes(_pair(section, "primary"), _pair(section, "secondary"),
                    section.text("inner_space", required=False, default="") or "")
    section.finish()
    return result


def _numbering(fields) -> tuple[NumberLevel, ...]:
    from draftkit.loading import keys
    from draftkit.loading.fields import Fields

    levels = []
    for item, where in fields.items("numbering"):
        level = Fields(item, where, "numbering level", keys.NUMBER_LEVEL)
        levels.append(NumberLevel(level.choice("format", list(NUMBER_FORMATS)) or "decimal", level.text("text") or ""))
        level.finish()
    if len(levels) != 3:
        raise InputError("'numbering' must give three levels: operative paragraphs, (a), (i)",
                         where=fields.where("numbering"))
    return tuple(levels)


def _pattern(section, key: str, words: tuple[str, ...] = ()) -> re.Pattern[str] | None:
    text = section.text(key, required=False)
    if not text:
        return None
    spelled = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"
    try:
        return re.compile(text.replace("{list}", NUMBER_LIST).replace("{words}", rf"(?:{spelled})\b"), re.IGNORECASE)
    except re.error as exc:
        raise InputError(f"'{key}' is not a valid regular expression ({exc})", where=section.where(key)) from None


def _cross_references(fields) -> CrossReferences:
    section = fields.mapping("cross_references", "'cross_references'", required=True)
    words = section.strings("number_words")
    result = CrossReferences(
        above=section.text("above"), below=section.text("below"), same=section.text("same"),
        typed=_pattern(section, "typed", words), elsewhere=_pattern(section, "elsewhere"),
        preambular_words=section.strings("preambular_words"), number_words=words,
        ref_forms=section.strings("ref_forms"),
    )
    section.finish()
    return result


def _repeated(fields) -> RepeatedOpening:
    section = fields.mapping("repeated_opening", "'repeated_opening'", required=True)
    result = RepeatedOpening(section.text("also"), section.text("further"), section.text("place"),
                             section.text("place_un_preambular"))
    section.finish()
    return result


def _dates(fields) -> Dates:
    section = fields.mapping("dates", "'dates'", required=True)
    months = section.strings("months")
    if len(months) != 12:
        raise InputError("'months' must name the twelve months", where=section.where("months"))
    result = Dates(section.text("pattern"), months, section.text("first_day", required=False, default="1") or "1",
                   section.text("range_dash", required=False, default="-") or "-")
    section.finish()
    return result


def _ordinals(fields) -> dict[str, OrdinalRule]:
    section = fields.mapping("ordinals", "'ordinals'", required=True)
    out = {}
    for form in list(section.data):
        rule = section.mapping(str(form), f"ordinal form '{form}'", required=True)
        out[str(form)] = OrdinalRule(rule.text("pattern"), _strings_map(rule, "exact"),
                                     _strings_map(rule, "last_two"), _strings_map(rule, "last_digit"))
        rule.finish()
    if "default" not in out:
        raise InputError("'ordinals' has no 'default' form", where=fields.where("ordinals"))
    section.finish()
    return out


def _id_skip(fields) -> tuple[str, ...]:
    section = fields.mapping("ids", "'ids'")
    if section is None:
        return ()
    words = section.strings("skip")
    section.finish()
    return words


@cache
def _english_openings(path: Path) -> dict[str, dict[str, str]]:
    from draftkit.loading import keys
    from draftkit.loading.fields import Fields
    from draftkit.loading.yamlsource import load_yaml

    if not path.is_file():
        return {}
    data = load_yaml(path) or {}
    return read_english_openings(Fields(data, Location(path, 1, 1), f"{path.parent.name} phrases file",
                                        keys.LANGUAGE_PHRASES))


def read_english_openings(fields) -> dict[str, dict[str, str]]:
    """The `english` section of a phrases file's fields: part → phrase → its English."""
    section = fields.mapping("english", "'english'")
    if section is None:
        return {}
    out = {part: _strings_map(section, part) for part in ("preambular", "operative", "modifiers")}
    section.finish()
    return out


def _ordinal_words(fields) -> dict[str, OrdinalWords]:
    section = fields.mapping("ordinal_words", "'ordinal_words'")
    if section is None:
        return {}
    out = {}
    for form in list(section.data):
        rule = section.mapping(str(form), f"ordinal words form '{form}'", required=True)
        replace = []
        for pattern, replacement in _strings_map(rule, "replace").items():
            try:
                replace.append((re.compile(pattern), replacement))
            except re.error as exc:
                raise InputError(f"'{pattern}' in 'replace' is not a valid regular expression ({exc})",
                                 where=rule.where("replace")) from None
        out[str(form)] = OrdinalWords(
            num2words=_strings_map(rule, "num2words", ("lang", "to", "gender")), exact=_strings_map(rule, "exact"),
            units=rule.strings("units"), tens=rule.strings("tens"),
            compound_units=_strings_map(rule, "compound_units"),
            teens=rule.text("teens", required=False, default="") or "",
            compound=rule.text("compound", required=False, default="") or "",
            hundreds=rule.text("hundreds", required=False, default="") or "", replace=tuple(replace))
        if not out[str(form)].num2words and not out[str(form)].units and not out[str(form)].exact:
            raise InputError(f"ordinal words form '{form}' gives neither 'num2words' nor 'units'",
                             where=section.where(str(form)), fix="see en/language.yaml and ar/language.yaml")
        rule.finish()
    section.finish()
    return out


def _labels(fields, path: Path) -> dict[str, Labels]:
    section = fields.mapping("labels", "'labels'")
    if section is None:
        return {}
    out = {}
    for name in list(section.data):
        raw = section.raw(str(name))
        if not isinstance(raw, dict):
            raise InputError(f"'labels: {name}' must be a mapping of label names to texts", where=section.where(str(name)))
        out[str(name)] = Labels(str(name), _plain(raw), path)
    section.finish()
    return out


def _plain(value: object) -> object:
    """YAML values as plain dicts, lists and strings (labels are read by key, not by location)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value)
