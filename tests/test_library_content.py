"""The shipped content: clause libraries (`clauses/`) and the example drafts (`examples/`).

These pin the drafting conventions the content must follow (English and French, with
Spanish and Arabic illustrative translations; punctuation left to the renderer, Luxembourg
Guidelines terminology, French agreement and typography) and
the story the example's versions tell, which the contributions and diff examples rely on.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO

from draftkit.inline import FOOTNOTE, crossref_targets, plain_text
from draftkit.loading import open_draft
from draftkit.loading.draft import missing_translations
from draftkit.loading.library import load_library
from draftkit.model import Draft, Kind, SubParagraph

CLAUSES = REPO / "clauses"
EXAMPLE = EXAMPLES / "child-online-exploitation"
DRAFT_FILES = sorted(EXAMPLES.glob("*/drafts/*.yaml"))

#: Proper nouns a paragraph text may open with (otherwise it starts lower-case).
PROPER_NOUN_START = ("Member States", "United Nations", "États Membres", "Estados Miembros")
#: The library's languages: English and French, Spanish and Arabic translations (Arabic has no capitals).
LANGUAGES = ("en", "fr", "es", "ar")
CASED = ("en", "fr", "es")

#: Terms the Luxembourg Guidelines advise against, per language.
DISCOURAGED = {
    "en": ("child pornography", "child prostitution", "child prostitute", "child sex tourism", "webcam child sex"),
    "fr": ("pédopornographi", "pornographie enfantine", "pornographie infantile", "prostitution enfantine",
           "tourisme sexuel impliquant"),
    "es": ("pornografía infantil", "pornografía de menores", "prostitución infantil", "turismo sexual infantil"),
    "ar": ("المواد الإباحية المتعلقة بالأطفال", "المواد الإباحية للأطفال", "بغاء الأطفال"),
}
#: Official titles of instruments and mandates, quoted as adopted: the only allowed uses.
OFFICIAL_TITLES = {
    "en": ("on the sale of children, child prostitution and child pornography",),
    "fr": ("la vente d'enfants, la prostitution des enfants et la pornographie mettant en scène des enfants",),
    "es": ("la venta de niños, la prostitución infantil y la utilización de niños en la pornografía",),
    "ar": (),
}
#: French preambular openings that would agree with a masculine body: the bodies here are feminine.
MASCULINE_FR = {"Conscient", "Convaincu", "Résolu", "Déterminé", "Guidé", "préoccupé", "Alarmé", "Soucieux"}


def library():
    return load_library([CLAUSES])


def draft(version: int, root: Path = EXAMPLE) -> Draft:
    return open_draft(root, version)[1]


def all_subs(subs: tuple[SubParagraph, ...]):
    for sub in subs:
        yield sub
        yield from all_subs(sub.children)


def text_problems(owner: str, opening: dict, text: dict, subs: tuple[SubParagraph, ...],
                  languages: tuple[str, ...] = LANGUAGES) -> list[str]:
    """Conventions every paragraph body must follow; returns one line per problem."""
    problems = []
    for lang in languages:
        body = FOOTNOTE.sub("", text[lang])
        if body[-1] in ",;.:،؛":
            problems.append(f"{owner} {lang}: ends with its own punctuation {body[-1]!r}")
        if lang in CASED and not body[0].islower() and not body.startswith(PROPER_NOUN_START):
            problems.append(f"{owner} {lang}: text starts with a capital: {body[:20]!r}")
        if lang in CASED and not opening[lang][0].isupper():
            problems.append(f"{owner} {lang}: opening {opening[lang]!r} is not capitalized")
        for sub in all_subs(subs):
            sub_text = FOOTNOTE.sub("", sub.text[lang])
            if (lang in CASED and not sub_text[0].isupper()) or sub_text[-1] in ",;.:،؛":
                problems.append(f"{owner}({sub.id}) {lang}: starts lower-case or ends with punctuation")
        for piece in [text[lang], *(s.text[lang] for s in all_subs(subs))]:
            problems.extend(f"{owner} {lang}: {p}" for p in typography_problems(piece, lang))
    return problems


def typography_problems(text: str, lang: str) -> list[str]:
    problems = []
    if "\u00a0" in text or "\u202f" in text:
        problems.append("no-break space typed by hand (the renderer inserts them)")
    if '"' in text:
        problems.append("straight double quote; use “ ” (en) or « » (fr)")
    if lang == "fr" and (re.search(r"«(?! )", text) or re.search(r"(?<! )»", text)):
        problems.append("« » without an inner space")
    # Mid-text calls: English puts the number after punctuation, French before it.
    if lang == "en" and re.search(r"\[\^[^\]]+\][,;:]", text):
        problems.append("English footnote call before punctuation")
    if lang in ("fr", "es") and re.search(r"[,;:]\[\^", text):
        problems.append("French or Spanish footnote call after punctuation")
    if lang == "ar" and re.search(r"[,;]", text):
        problems.append("Latin comma or semicolon in Arabic text; use ، ؛")
    lowered = text.lower()
    for title in OFFICIAL_TITLES[lang]:
        lowered = lowered.replace(title.lower(), "")
    problems.extend(f"discouraged term {term!r} outside an official title" for term in DISCOURAGED[lang]
                    if term in lowered)
    return problems


# --- clause libraries ------------------------------------------------------------------


def test_library_is_large_in_four_languages_tagged_and_sourced():
    clauses = library().clauses
    assert len(clauses) >= 35
    four = {"en", "fr", "es", "ar"}  # Spanish and Arabic: illustrative translations
    incomplete = [c.id for c in clauses.values()
                  if set(c.opening) != four or set(c.text) != four or not c.tags or not c.source
                  or any(set(s.text) != four for s in all_subs(c.subparagraphs))
                  or any(set(f.text) != four for f in c.footnotes)]
    assert incomplete == []
    assert all(re.fullmatch(r"(pp|op)-[a-z0-9]+(-[a-z0-9]+)*", c) for c in clauses)
    assert all(c.startswith("pp-" if clauses[c].kind is Kind.PREAMBULAR else "op-") for c in clauses)


def test_library_clauses_follow_the_drafting_conventions():
    problems = [p for c in library().clauses.values()
                for p in text_problems(c.id, dict(c.opening), dict(c.text), c.subparagraphs)]
    assert problems == []


def test_library_french_preambular_openings_agree_with_a_feminine_body():
    wrong = [(c.id, c.opening["fr"]) for c in library().clauses.values()
             if c.kind is Kind.PREAMBULAR and set(c.opening["fr"].split()) & MASCULINE_FR]
    assert wrong == []


@pytest.mark.parametrize(
    ("clause_id", "en", "fr"),
    [
        ("pp-recalling-crc", "United Nations, Treaty Series, vol. 1577, No. 27531.",
         "Nations Unies, Recueil des Traités, vol. 1577, no 27531."),
        ("pp-recalling-opsc", "United Nations, Treaty Series, vol. 2171, No. 27531.",
         "Nations Unies, Recueil des Traités, vol. 2171, no 27531."),
        ("pp-recalling-untoc", "United Nations, Treaty Series, vol. 2225, No. 39574.",
         "Nations Unies, Recueil des Traités, vol. 2225, no 39574."),
        ("pp-noting-crc-guidelines", "CRC/C/156.", "CRC/C/156."),
    ],
)
def test_treaty_clauses_carry_their_official_references(clause_id, en, fr):
    (footnote,) = library().clauses[clause_id].footnotes
    assert (plain_text(footnote.text["en"]), plain_text(footnote.text["fr"])) == (en, fr)
    if "Treaty Series" in en:  # the publication's title in italics (UN Editorial Manual)
        assert "*United Nations, Treaty Series*" in footnote.text["en"]
        assert "*Recueil des Traités*" in footnote.text["fr"]


def test_council_of_europe_clause_cites_both_treaty_numbers():
    notes = {f.key: plain_text(f.text["en"]) for f in library().clauses["pp-recognizing-coe-conventions"].footnotes}
    assert notes == {"lanzarote": "Council of Europe, Council of Europe Treaty Series, No. 201.",
                     "budapest": "Council of Europe, European Treaty Series, No. 185."}


# --- example drafts ---------------------------------------------------------------------


@pytest.mark.parametrize("path", DRAFT_FILES, ids=lambda p: f"{p.parents[1].name}/{p.name}")
def test_example_drafts_are_complete_and_follow_the_conventions(path: Path):
    loaded = open_draft(path)[1]
    assert all(missing_translations(loaded, lang) == [] for lang in loaded.meta.languages)
    assert {"en", "fr"} <= set(loaded.meta.languages)
    known = tuple(lang for lang in loaded.meta.languages if lang in LANGUAGES)
    problems = [p for para in loaded.paragraphs() if para.clause is None
                for p in text_problems(para.id, dict(para.opening), dict(para.text), para.subparagraphs, known)]
    for lang in known:
        for seq in (loaded.preambular, loaded.operative):
            problems += [f"{a.id}, {b.id}: same opening {a.opening[lang]!r} twice in a row"
                         for a, b in zip(seq, seq[1:]) if a.opening[lang] == b.opening[lang]]
        problems += [f"{p.id} {lang}: masculine agreement" for p in loaded.preambular
                     if set(p.opening[lang].split()) & MASCULINE_FR]
        words = sum(len(t.split()) for p in loaded.paragraphs()
                    for t in [p.opening[lang], p.text[lang], *(s.text[lang] for s in all_subs(p.subparagraphs))])
        if words >= 3300:
            problems.append(f"{lang}: {words} words, over the 3,300-word limit")
    assert problems == []
    assert loaded.operative[-1].opening["en"] == "Decides"


def test_draft_1_has_the_shape_the_issue_asks_for():
    first = draft(1)
    assert (first.meta.version, str(first.meta.date), first.meta.symbol) == (1, "2021-05-24", "C-III/143/DR")
    assert first.meta.deadline.isoformat() == "2021-06-14T23:59:00+02:00"
    assert len(first.preambular) >= 11 and len(first.operative) >= 13
    with_subs = [p.id for p in first.operative if p.subparagraphs]
    assert len(with_subs) >= 2
    assert any(s.children for p in first.operative for s in p.subparagraphs)
    assert sum(len(p.footnotes) for p in first.paragraphs()) >= 5
    refs = [t for p in first.operative for t in crossref_targets(p.text["en"])]
    assert refs and all(first.by_id()[t].kind is Kind.OPERATIVE for t in refs)
    inline = [p.id for p in first.paragraphs() if p.clause is None]
    assert inline and len(inline) < len(first.preambular) + len(first.operative)
    assert first.meta.authoring == {"en": "The 143rd Assembly of the Inter-Parliamentary Union",
                                    "fr": "La 143e Assemblée de l'Union interparlementaire",
                                    "es": "La 143.ª Asamblea de la Unión Interparlamentaria",
                                    "ar": "إن الجمعية 143 للاتحاد البرلماني الدولي"}


def test_draft_2_makes_exactly_the_edits_its_readme_describes():
    first, second = draft(1), draft(2)
    ids1, ids2 = first.by_id(), second.by_id()
    assert set(ids1) - set(ids2) == {"op-covid-risks"}
    assert set(ids2) - set(ids1) == {"pp-noting-technology"}
    assert len(second.preambular) >= 10 and len(second.operative) >= 12
    # The move: up two places among the paragraphs both versions share.
    shared1 = [p.id for p in first.operative if p.id in ids2]
    shared2 = [p.id for p in second.operative if p.id in ids1]
    moved = "op-international-cooperation"
    assert shared1.index(moved) - shared2.index(moved) == 2
    assert [i for i in shared1 if i != moved] == [i for i in shared2 if i != moved]
    assert (first.label(moved), second.label(moved)) == ("OP10", "OP8")
    # Words changed inside two paragraphs, most words kept.
    changed = sorted(i for i in ids2 if i in ids1 and ids1[i].text != ids2[i].text)
    assert changed == ["op-safety-by-design", "pp-concerned-covid"]
    for i in changed:
        for lang in ("en", "fr"):
            old, new = set(ids1[i].text[lang].split()), set(ids2[i].text[lang].split())
            assert len(old & new) >= 0.7 * len(old)
    # One sub-paragraph added at the end; the others keep their ids and text.
    old_subs, new_subs = ids1["op-victim-support"].subparagraphs, ids2["op-victim-support"].subparagraphs
    assert new_subs[:-1] == old_subs and new_subs[-1].id == "removal-right"
    assert first.meta.deadline == second.meta.deadline and first.meta.title == second.meta.title
    assert (second.meta.version, str(second.meta.date)) == (2, "2021-06-10")
