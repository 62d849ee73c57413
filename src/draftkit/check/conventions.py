"""Drafting conventions: opening phrases (kind, known list, French agreement, repetition),
own final punctuation, empty items, sub-paragraph levels, and the word limit.

Knows the model and the phrase lists; knows no Word and no terminal.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Iterable, Iterator, Mapping

from draftkit.check.findings import Finding, Severity, Where
from draftkit.check.rules import PhraseList
from draftkit.check.units import Part, Unit, blank_markup, normalize
from draftkit.errors import closest
from draftkit.inline import CROSSREF, FOOTNOTE, strip_markup
from draftkit.languages import known, language
from draftkit.model import Body, Draft, Kind, Paragraph
from draftkit.render.typography import FINAL_MARKS, ends_with_abbreviation, mark

_TRAILING_CALLS = re.compile(r"(?:\s*\[\^[^\]]+\])+\s*$")
#: Marks a text must not end with: every language's marks added by rule (",;:." and the
#: full-width Chinese and the Arabic ones), so "…的原则。" and "…للأطفال؛" are caught too.
_OWN_PUNCTUATION = FINAL_MARKS
#: ASCII marks a language writes in its own form (Chinese ，；：, Arabic ، ؛) when written next
#: to that language's letters: "儿童,并" and "الأطفال, و" are typed in the wrong script.
_ASCII_MARKS = {",": "preambular", ";": "operative", ":": "introduces"}
_TYPED_LABEL = re.compile(r"^\s*\(?(?:[a-z]|[ivx]{1,5})\)\s")
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_SPACE = " \t\u00a0\u202f"


def opening_findings(draft: Draft, labels: Mapping[str, str], phrases: Mapping[str, PhraseList],
                     languages: Iterable[str]) -> Iterator[Finding]:
    """Yield findings on each paragraph's opening phrase, then on back-to-back repeats."""
    langs = [lang for lang in languages if lang in phrases]
    for paragraph in draft.paragraphs():
        where = Where(label=labels[paragraph.id], paragraph=paragraph.id, location=paragraph.location)
        for lang in langs:
            yield from _opening(paragraph, where, lang, phrases[lang], draft.meta.body)
    for sequence in (draft.preambular, draft.operative):
        for before, paragraph in zip(sequence, sequence[1:]):
            for lang in langs:
                yield from _repeated(before, paragraph, labels, lang, phrases[lang], draft.meta.body)
        for lang in langs:
            yield from _orphan_also(sequence, labels, lang)


def title_findings(draft: Draft, languages: Iterable[str], where: Where) -> Iterator[Finding]:
    """A title still reading as `draftkit init` wrote it ("Title of the resolution")."""
    placeholders = _placeholder_titles()
    for lang in languages:
        title = draft.meta.title.get(lang, "").strip()
        if title and normalize(title) in placeholders:
            yield Finding(Severity.WARNING, "title-placeholder", where,
                          f"the title is still the placeholder “{title}”", lang,
                          "write the resolution's title under 'title:'")


@lru_cache(maxsize=1)
def _placeholder_titles() -> frozenset[str]:
    """The titles `draftkit init` writes (read from its starter draft, so the two agree)."""
    from draftkit import DATA

    starter = DATA / "scaffold" / "drafts" / "draft-1.yaml"
    try:
        lines = starter.read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    found, inside = set(), False
    for line in lines:
        if line.startswith("title:"):
            inside = True
        elif inside and re.match(r"^\s+[\w-]+:\s*\S", line):
            found.add(normalize(line.split(":", 1)[1].strip().strip("'\"")))
        elif inside:
            break
    return frozenset(found)


def _orphan_also(sequence: Iterable[Paragraph], labels: Mapping[str, str], lang: str) -> Iterator[Finding]:
    """"Also recalling" (or « Rappelant également ») continues a "Recalling" earlier in the
    same part: without one, the "also" points at nothing."""
    seen: set[str] = set()
    for paragraph in sequence:
        opening = paragraph.opening.get(lang, "").strip()
        if not opening:
            continue
        base, had_adverb = _opening_base(opening, lang)
        if had_adverb and base and not any(b == base or b.startswith(base + " ") for b in seen):
            where = Where(label=labels[paragraph.id], paragraph=paragraph.id, location=paragraph.location)
            plain = base[:1].upper() + base[1:]
            yield Finding(Severity.WARNING, "opening-also", where,
                          f"“{opening}” continues a “{plain}” that no paragraph before it in this part opens with",
                          lang, f"write “{plain}”, or move the paragraph after the one it continues")
        if base:
            seen.add(base)


def _opening_base(opening: str, lang: str) -> tuple[str, bool]:
    """The opening without the language's "also"/"further" adverb, lower case, and whether it
    had one: "Also recalling" → ("recalling", True); "Recalling" → ("recalling", False)."""
    stripped, found = _without_adverbs(opening, lang)
    return (" " if language(lang).word_gap else "").join(stripped.split()).casefold(), found


def _without_adverbs(opening: str, lang: str) -> tuple[str, bool]:
    """`opening` with the language's "also" and "further" adverbs blanked out (spaces left
    where they stood), and whether it had one."""
    rule = language(lang).repeated_opening
    gap = language(lang).word_gap
    stripped, found = opening, False
    for adverb in (rule.also, rule.further):
        if not adverb:
            continue
        pattern = (r"(?<!\w)" + re.escape(adverb) + r"(?!\w)") if gap else re.escape(adverb)
        stripped, n = re.subn(pattern, " ", stripped, flags=re.IGNORECASE)
        found = found or n > 0
    return stripped, found


def _opening(paragraph: Paragraph, where: Where, lang: str, phrases: PhraseList, body: Body) -> Iterator[Finding]:
    if lang not in paragraph.text or (paragraph.opening and lang not in paragraph.opening):
        return  # parity reports the missing translation
    written = paragraph.opening.get(lang, "").strip()
    kind = paragraph.kind
    if not written:
        # No separate opening: the lead words are in the text and will not be italic.
        lead = _match(normalize(strip_markup(paragraph.text[lang])), phrases, kind)
        if lead:
            yield Finding(Severity.INFO, "opening-inline", where,
                          f"the opening “{lead}” is written in the text, so it will not be in italics",
                          lang, f"move it to 'opening: {{{lang}: {lead}}}'")
        else:
            yield Finding(Severity.WARNING, "opening-missing", where, f"the {kind.value} paragraph has no opening phrase",
                          lang, f"add 'opening: {{{lang}: …}}' with a {_expected(kind)}")
        return
    normalized = _agreed(normalize(written), phrases, body)
    case = language(lang).opening_case
    if case == "upper" and written[:1].islower():
        yield Finding(Severity.WARNING, "opening-case", where, f"the opening “{written}” starts with a small letter",
                      lang, f"write “{written[:1].upper() + written[1:]}”")
    elif case == "lower" and written[:1].isupper():
        yield Finding(Severity.WARNING, "opening-case", where,
                      f"the opening “{written}” starts with a capital; {language(lang).english_name} resolutions write it in "
                      "lower case", lang, f"write “{written[:1].lower() + written[1:]}”")
    if _match(normalized, phrases, kind):
        pass
    elif _match(normalized, phrases, _other(kind)):
        yield Finding(Severity.ERROR, "opening-kind", where,
                      f"{_article(kind)} {kind.value} paragraph opens with “{written}”, "
                      f"which opens {_other(kind).value} paragraphs",
                      lang, f"use a {_expected(kind)}, or move the paragraph to the {_other(kind).value} part")
    else:
        pool = phrases.preambular if kind is Kind.PREAMBULAR else phrases.operative
        near = [phrases.shown.get(p, p) for p in _closest_phrases(normalize(written), pool)]
        hint = f"did you mean {' or '.join('“' + n + '”' for n in near)}? " if near else ""
        yield Finding(Severity.WARNING, "opening-unknown", where,
                      f"“{written}” is not a known {kind.value} opening in {lang!r}",
                      lang, hint + "if it is right, add it to the project's phrases file ('phrases:' in draftkit.yaml)")
    yield from _agreement(paragraph, where, lang, written, phrases, body)


@lru_cache(maxsize=1024)
def _closest_phrases(written: str, pool: frozenset[str]) -> tuple[str, ...]:
    """Suggestions for an unknown opening; cached because drafts repeat their openings."""
    return tuple(closest(written, sorted(pool)))


def _match(normalized: str, phrases: PhraseList, kind: Kind) -> str:
    """Return the known phrase `normalized` starts with (modifiers set aside), '' when none."""
    known = phrases.preambular if kind is Kind.PREAMBULAR else phrases.operative
    text = normalized
    stripped = True
    while stripped:
        stripped = False
        for modifier in phrases.modifiers:
            lead = modifier + (" " if phrases.spaced else "")
            if text.startswith(lead) and len(text) > len(lead):
                text, stripped = text[len(lead):], True
                break
    if not phrases.spaced:  # no spaces between words: the longest known phrase the text starts with
        text = text.replace(" ", "")
        found = max((p for p in known if text.startswith(p)), key=len, default="")
        return phrases.shown.get(found, found)
    words = text.split(" ")
    for count in range(min(len(words), 5), 0, -1):
        candidate = " ".join(words[:count])
        if candidate in known:
            return phrases.shown.get(candidate, candidate)
    return ""


def _agreed(normalized: str, phrases: PhraseList, body: Body) -> str:
    """The opening with words of the wrong gender put right, so lookup finds the phrase."""
    pairs = _gender_pairs(phrases, body)
    return " ".join(normalize(pairs.get(w, w)) for w in normalized.split(" ")) if pairs else normalized


def _gender_pairs(phrases: PhraseList, body: Body) -> dict[str, str]:
    """Wrong word → right word for `body` ({} for languages without agreement)."""
    if body.feminine:
        return dict(phrases.agreement)
    return {normalize(feminine): masculine for masculine, feminine in phrases.agreement.items()}


def _agreement(paragraph: Paragraph, where: Where, lang: str, written: str,
               phrases: PhraseList, body: Body) -> Iterator[Finding]:
    pairs = _gender_pairs(phrases, body)
    gender = "feminine" if body.feminine else "masculine"
    words = written.split()
    fixed = [_same_case(pairs[normalize(w)], w) if normalize(w) in pairs else w for w in words]
    if fixed != words:
        yield Finding(Severity.WARNING, "opening-agreement", where,
                      f"“{written}” does not agree with the {gender} « {_body_name(body, lang)} »",
                      lang, f"write “{' '.join(fixed)}”")
    if paragraph.kind is Kind.OPERATIVE and body.feminine:
        text = normalize(paragraph.text.get(lang, ""))
        for wrong, right in phrases.agreement_in_text.items():
            if re.search(rf"(?<!\w){re.escape(wrong)}(?!\w)", text):
                yield Finding(Severity.WARNING, "opening-agreement", where,
                              f"“{wrong}” does not agree with the {gender} « {_body_name(body, lang)} »",
                              lang, f"write “{right}”")


def _same_case(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word[:1].lower() + word[1:]


def _body_name(body: Body, lang: str) -> str:
    """The noun the openings agree with, in `lang` (« Assemblée », «Ассамблея», «الجمعية»)."""
    return language(lang).section("check").get("assembly", body.value)


def _repeated(before: Paragraph, paragraph: Paragraph, labels: Mapping[str, str], lang: str,
              phrases: PhraseList, body: Body) -> Iterator[Finding]:
    first, second = before.opening.get(lang, ""), paragraph.opening.get(lang, "")
    if not second or normalize(first) != normalize(second):
        return
    where = Where(label=labels[paragraph.id], paragraph=paragraph.id, location=paragraph.location)
    yield Finding(Severity.WARNING, "opening-repeated", where,
                  f"“{second}” repeats the opening of {labels[before.id]} just before it",
                  lang, f"write “{_next_form(second, lang, paragraph.kind, body)}”")


def _next_form(opening: str, lang: str, kind: Kind, body: Body) -> str:
    """The usual form for a repeated opening: "Also recalling" (IPU), "Recalling also" (UN PP),
    « Rappelant également », then the "further" form; the words and places are the
    language's (`repeated_opening` in its language.yaml)."""
    rule = language(lang).repeated_opening
    gap = language(lang).word_gap
    also, further = rule.also, rule.further
    stripped, _ = _without_adverbs(opening, lang)
    base = stripped.split() if gap else ["".join(stripped.split())]
    had_also = re.search(r"(?<!\w)" + re.escape(also) + r"(?!\w)" if gap else re.escape(also), opening,
                         re.IGNORECASE) is not None
    adverb = further if had_also else also
    place = rule.place_un_preambular if body is Body.UN_GENERAL_ASSEMBLY and kind is Kind.PREAMBULAR else rule.place
    if not base:
        return opening
    if place == "after":
        return gap.join(base + [adverb])
    if place.startswith("after:"):
        count = int(place.split(":", 1)[1])
        return gap.join(base[:count] + [adverb] + base[count:])
    first = base[0][:1].lower() + base[0][1:] if gap and base[0][:1].isupper() and adverb[:1].isalpha() else base[0]
    lead = adverb[:1].upper() + adverb[1:] if gap else adverb
    return gap.join([lead, first, *base[1:]])


def _other(kind: Kind) -> Kind:
    return Kind.OPERATIVE if kind is Kind.PREAMBULAR else Kind.PREAMBULAR


def _article(kind: Kind) -> str:
    return "an" if kind is Kind.OPERATIVE else "a"


def _expected(kind: Kind) -> str:
    return "participle or adjective (“Recalling”, “Deeply concerned”)" if kind is Kind.PREAMBULAR \
        else "present-tense verb (“Urges”, “Calls upon”)"


# --- text units ----------------------------------------------------------------------------


def unit_findings(items: Iterable[Unit], languages: Iterable[str]) -> Iterator[Finding]:
    """Yield empty-item, own-punctuation and sub-paragraph findings for every text unit."""
    langs = tuple(languages)
    for unit in items:
        if unit.part in (Part.TITLE, Part.OPENING):
            continue
        if unit.part is Part.SUBPARAGRAPH:
            yield from _subparagraph_shape(unit)
        for lang in langs:
            text = unit.text.get(lang)
            if text is None:
                continue
            yield from _empty(unit, lang, text)
            if unit.part is not Part.FOOTNOTE:
                yield from _own_punctuation(unit, lang, text)
            yield from _script_punctuation(unit, lang, text)


def _empty(unit: Unit, lang: str, text: str) -> Iterator[Finding]:
    if strip_markup(text).strip(_SPACE):
        return
    if unit.part is Part.SUBPARAGRAPH and unit.children:
        if any(strip_markup(t).strip(_SPACE) for t in unit.text.values()):
            # written in another language: this language's (a) lost its text above (i)–(iii)
            yield Finding(Severity.ERROR, "empty-subparagraph", unit.where,
                          f"sub-paragraph ({unit.where.subparagraph}) has no text in {lang!r}, though it has in "
                          f"{', '.join(l for l, t in unit.text.items() if strip_markup(t).strip(_SPACE))} and "
                          "holds sub-paragraphs of its own", lang, "write its text in this language")
        return  # no text in any language: reported once as a skipped level
    if unit.part is Part.TEXT and unit.children and unit.paragraph is not None and unit.paragraph.opening.get(lang):
        return  # "*Decides*:" followed by its sub-paragraphs: the opening leads straight into them
    rule = {Part.TEXT: "empty-paragraph", Part.SUBPARAGRAPH: "empty-subparagraph",
            Part.FOOTNOTE: "empty-footnote"}[unit.part]
    yield Finding(Severity.ERROR, rule, unit.where, f"the {unit.part.noun} has no text in {lang!r}",
                  lang, "write the text, or delete the item")


def _own_punctuation(unit: Unit, lang: str, text: str) -> Iterator[Finding]:
    body = _TRAILING_CALLS.sub("", text).rstrip(_SPACE)
    end = body[-1:]
    if not end or end not in _OWN_PUNCTUATION or ends_with_abbreviation(body) or body.endswith("..."):
        return
    applied = f"'{mark(':', lang).strip()}'" if unit.children else _applied(unit, lang)
    yield Finding(Severity.WARNING, "punctuation-own", unit.where,
                  f"the {unit.part.noun} ends with its own “{end}”; draftkit adds {applied} when it renders",
                  lang, f"delete the final “{end}”")


def _applied(unit: Unit, lang: str) -> str:
    if unit.paragraph is not None and unit.paragraph.kind is Kind.PREAMBULAR:
        return f"'{mark(',', lang).strip()}'"
    return f"'{mark(';', lang).strip()}' (a '{mark('.', lang).strip()}' after the last operative paragraph)"


def _script_punctuation(unit: Unit, lang: str, text: str) -> Iterator[Finding]:
    """Warn where a language with marks of its own (Chinese, Arabic) has an ASCII mark next
    to its letters, or (Chinese) a space between two characters."""
    if not known(lang):
        return
    data = language(lang)
    own = {ascii_mark: getattr(data.punctuation, name) for ascii_mark, name in _ASCII_MARKS.items()}
    own = {a: o for a, o in own.items() if o != a}
    plain = blank_markup(text)
    letters = _SCRIPT_LETTERS.get(data.script)
    if own and letters is not None:
        for match in re.finditer(f"(?<=[{letters}])[{''.join(map(re.escape, own))}]", plain):
            wrong = match.group()
            yield Finding(Severity.WARNING, "punctuation-script", unit.where,
                          f"“{wrong}” after “{plain[max(0, match.start() - 6):match.start()]}” is the ASCII mark; "
                          f"{data.english_name} writes “{own[wrong]}”", lang, f"write “{own[wrong]}”")
            break  # one finding per text is enough to send the translator to it
    first = _OPENING_QUOTE.search(plain)
    if first is not None and first.group() not in (data.quotes.primary[0], data.quotes.secondary[0]):
        outer, inner = data.quotes.primary, data.quotes.secondary
        yield Finding(Severity.WARNING, "quotes-style", unit.where,
                      f"the quotation opens with “{first.group()}”; {data.english_name} quotes with "
                      f"{outer[0]} {outer[1]}, and {inner[0]} {inner[1]} inside them", lang,
                      f"write {outer[0]}…{outer[1]} (or type \"…\", which draftkit sets as {outer[0]}…{outer[1]})"
                      if data.typography.straight_quotes else f"write {outer[0]}…{outer[1]}")
    if not data.word_spacing:
        joined = FOOTNOTE.sub("", CROSSREF.sub("段", text))  # calls print no space; a reference prints Chinese
        found = _cjk_space().search(joined)
        if found:
            yield Finding(Severity.WARNING, "spacing-cjk", unit.where,
                          f"a space between “{found.group()[0]}” and “{found.group()[-1]}”: {data.english_name} puts no "
                          "spaces between words", lang, "delete the space")


#: The opening quotation marks of the languages draftkit writes (“ « „ ‘ 「).
_OPENING_QUOTE = re.compile("[\u201c\u00ab\u201e\u2018\u300c]")
#: Letters of the scripts whose languages have punctuation of their own.
_SCRIPT_LETTERS = {"han": "\u3400-\u4dbf\u4e00-\u9fff\u3001-\u303f\uff01-\uff5e", "arabic": "\u0600-\u06ff"}


@cache
def _cjk_space() -> re.Pattern[str]:
    """A space between two Chinese characters or marks (compiled when a Chinese text is
    checked: its ranges cost 4 ms to compile)."""
    return re.compile("[\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff5e] +"
                      "[\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff5e]")


def _subparagraph_shape(unit: Unit) -> Iterator[Finding]:
    texts = [t for t in unit.text.values() if strip_markup(t).strip(_SPACE)]
    if unit.children and not texts:
        yield Finding(Severity.ERROR, "subparagraph-level", unit.where,
                      f"sub-paragraph ({unit.where.subparagraph}) has no text of its own, so its "
                      "sub-paragraphs skip a level", "",
                      "give it text, or move its sub-paragraphs up one level")
    for lang, text in unit.text.items():
        if _TYPED_LABEL.match(text):
            yield Finding(Severity.WARNING, "subparagraph-label-typed", unit.where,
                          f"the text starts with a typed label “{text.split()[0]}”; draftkit numbers "
                          "sub-paragraphs itself", lang, "delete the typed label")


def single_subparagraph_findings(draft: Draft, labels: Mapping[str, str]) -> Iterator[Finding]:
    """Yield an info finding for every list of exactly one sub-paragraph — not when that one
    item only holds sub-paragraphs of its own (the error on its level says what to do: the
    list is really its sub-paragraphs) or has no text somewhere (an error says so)."""
    for paragraph in draft.paragraphs():
        if len(paragraph.subparagraphs) == 1:
            only = paragraph.subparagraphs[0]
            if only.children or any(not strip_markup(t).strip(_SPACE) for t in only.text.values()):
                continue
            yield Finding(Severity.INFO, "subparagraph-single",
                          Where(label=labels[paragraph.id], paragraph=paragraph.id, location=paragraph.location),
                          "a list of one sub-paragraph", "", "fold (a) into the paragraph text, or add a second item")


# --- word count ----------------------------------------------------------------------------


def word_count(items: Iterable[Unit], language: str) -> int:
    """Words of a draft in `language`: a cross-reference counts as the words it renders."""
    total = 0
    for unit in items:
        text = unit.text.get(language, "")
        text = CROSSREF.sub(lambda m: " paragraph 1 above " if m.group(1) == "ref" else " 1 ", text)
        total += len(_WORD.findall(FOOTNOTE.sub(" ", text)))
    return total


def word_limit_findings(items: list[Unit], languages: Iterable[str], limit: int, where: Where) -> Iterator[Finding]:
    """Yield a warning per language whose word count exceeds `limit`."""
    for lang in languages:
        count = word_count(items, lang)
        if count > limit:
            yield Finding(Severity.WARNING, "word-limit", where,
                          f"the draft has {count:,} words in {lang!r}, over the limit of {limit:,}",
                          lang, f"shorten it by {count - limit:,} words, or set 'word_limit:' in draftkit.yaml")
