"""`check`, merge's word anchors, the word diff, compile and import in every language, and
redlines of Chinese and Arabic texts, on the six-language example."""

from __future__ import annotations

import json
import re

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, invoke
from draftkit.check import run_checks
from draftkit.loading import open_draft

EXAMPLE = EXAMPLES / "un-ga-six-languages"
LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar")

#: Per language: (PP1's opening, a wrong one, the rule it breaks), and PP1's text with a
#: final mark typed by hand.
WRONG = {
    "en": ("Reaffirming", "Reaffirms", "opening-kind"),
    "fr": ("Réaffirmant", "Réaffirmé", "opening-unknown"),
    "es": ("Reafirmando", "Reafirmado", "opening-unknown"),
    "ru": ("вновь подтверждая", "Вновь подтверждая", "opening-case"),
    "zh": ("重申", "回忆", "opening-unknown"),
    "ar": ("إذ تعيد تأكيد", "إذ يعيد تأكيد", "opening-agreement"),  # masculine verb: the Assembly is feminine
}
MARK = {"en": ";", "fr": ".", "es": ";", "ru": ".", "zh": "。", "ar": "؛"}


@pytest.fixture()
def example(tmp_path: Path) -> Path:
    target = tmp_path / "six"
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("build"))
    return target


def _draft_text(project: Path) -> Path:
    return project / "drafts" / "draft-1.yaml"


def test_the_example_is_clean_in_all_six_languages() -> None:
    for version in (1, 2):
        project, draft = open_draft(EXAMPLE, version)
        assert tuple(draft.meta.languages) == LANGUAGES
        assert [f.as_dict() for f in run_checks(draft, project_config=project.config)] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_check_flags_a_wrong_opening_and_a_wrong_final_mark(language: str, example: Path, runner) -> None:
    path = _draft_text(example)
    right, wrong, rule = WRONG[language]
    text = path.read_text(encoding="utf-8")
    pp1 = text.index("id: pp-reaffirming-charter")
    opening = text.index(f"      {language}: {right}\n", pp1)
    text = text[:opening] + f"      {language}: {wrong}\n" + text[opening + len(f"      {language}: {right}\n"):]
    body = text.index("    text:\n", pp1)
    line_start = text.index(f"      {language}: ", body)
    line_end = text.index("\n", line_start)
    text = text[:line_end] + MARK[language] + text[line_end:]
    path.write_text(text, encoding="utf-8")
    project, draft = open_draft(example, 1)
    found = {(f.rule, f.where.label, f.language) for f in run_checks(draft, project_config=project.config)}
    assert (rule, "PP1", language) in found
    assert ("punctuation-own", "PP1", language) in found
    assert {lang for _, _, lang in found} == {language}
    # the same through the command line, as a drafter runs it
    result = invoke(runner, "check", "-p", example, "--draft", "1", "-f", "json")
    shown = {(f["rule"], f["label"], f["language"]) for f in json.loads(result.stdout)["findings"]}
    assert {(rule, "PP1", language), ("punctuation-own", "PP1", language)} <= shown, result.stdout


def test_chinese_and_arabic_ascii_marks_and_spaces_are_flagged(example: Path) -> None:
    path = _draft_text(example)
    text = path.read_text(encoding="utf-8")
    text = text.replace("zh: 私营部门迅速删除儿童性虐待材料", "zh: 私营部门迅速删除儿童 性虐待材料,并报告")
    text = text.replace("ar: بالقطاع الخاص أن يزيل مواد الاعتداء", "ar: بالقطاع الخاص, أن يزيل مواد الاعتداء")
    path.write_text(text, encoding="utf-8")
    project, draft = open_draft(example, 1)
    found = {(f.rule, f.where.label, f.language, f.suggestion) for f in run_checks(draft, project_config=project.config)}
    assert found == {("punctuation-script", "OP2", "zh", "write “，”"), ("spacing-cjk", "OP2", "zh", "delete the space"),
                     ("punctuation-script", "OP2", "ar", "write “،”")}


def test_repeated_openings_in_each_language() -> None:
    from draftkit.check.conventions import _next_form
    from draftkit.model import Body, Kind

    un, pp = Body.UN_GENERAL_ASSEMBLY, Kind.PREAMBULAR
    assert _next_form("Recordando", "es", pp, un) == "Recordando también"
    assert _next_form("Recordando también", "es", pp, un) == "Recordando además"
    assert _next_form("ссылаясь", "ru", pp, un) == "ссылаясь также"
    assert _next_form("回顾", "zh", pp, un) == "又回顾"
    assert _next_form("又回顾", "zh", pp, un) == "还回顾"
    assert _next_form("وإذ تشير إلى", "ar", pp, un) == "وإذ تشير أيضا إلى"
    assert _next_form("Prenant en considération", "fr", pp, un) == "Prenant en considération également"


def test_word_diff_and_anchors_take_chinese_characters_as_words() -> None:
    from draftkit.diff.words import tokens
    from draftkit.merge.words import render, splice, tokenize

    assert tokens("吁请私营部门迅速删除") == list("吁请私营部门迅速删除")
    words = list(tokenize("吁请私营部门迅速删除材料"))
    splice(words, 6, 8, "立即")
    assert render(words) == "吁请私营部门立即删除材料"  # no space put between Chinese words
    assert tokens("المتّحدة A/RES/74/174") == ["المتّحدة ", "A", "/", "RES", "/", "74", "/", "174"]  # shadda inside


def test_diff_of_chinese_drafts_marks_characters(runner) -> None:
    result = invoke(runner, "diff", "-p", EXAMPLE, "1", "2", "-l", "zh", "--color", "never")
    assert result.exit_code == 0, result.output
    assert "吁请私营部门[-迅速-]{+立即+}删除儿童性虐待材料{+并向当局报告+}；" in result.output


@pytest.mark.parametrize("language", ["ar", "zh", "ru", "es"])
def test_import_detects_the_language_from_the_text(language: str, tmp_path: Path, runner) -> None:
    out = tmp_path / "out"
    result = invoke(runner, "build", "-p", EXAMPLE, "--draft", "1", "-l", language, "-o", out)
    assert result.exit_code == 0, result.output
    (docx,) = out.glob("*.docx")
    imported = tmp_path / "imported"
    result = invoke(runner, "import", docx, "-o", imported)
    assert result.exit_code == 0, result.output
    assert f"({language})" in result.output
    _, draft = open_draft(imported)
    assert draft.meta.languages == (language,) or list(draft.meta.languages) == [language]
    assert len(draft.preambular) == 4 and len(draft.operative) == 4
    assert draft.operative[0].opening[language] == WRONG_FREE_OPENINGS[language]
    assert str(draft.meta.date) == "2019-11-01"  # the heading's date, as the language writes it
    assert draft.meta.body.value == "un-general-assembly"  # "General Assembly" in the language's words


WRONG_FREE_OPENINGS = {"ar": "تحث", "zh": "敦促", "ru": "настоятельно призывает", "es": "Insta"}


def test_quotation_marks_of_another_language_are_flagged(example: Path) -> None:
    path = _draft_text(example)
    text = path.read_text(encoding="utf-8")
    text = text.replace("ru: частный сектор оперативно удалять материалы,", "ru: частный сектор оперативно удалять “материалы”,")
    text = text.replace("en: the private sector to remove", "en: the private sector to remove « all »")
    path.write_text(text, encoding="utf-8")
    project, draft = open_draft(example, 1)
    found = {(f.rule, f.where.label, f.language) for f in run_checks(draft, project_config=project.config)}
    assert found == {("quotes-style", "OP2", "ru"), ("quotes-style", "OP2", "en")}
    ru = [f for f in run_checks(draft, project_config=project.config) if f.language == "ru"][0]
    assert "«" in ru.message and "„" in ru.message


def test_compilation_in_chinese_and_arabic(example: Path, runner, tmp_path: Path) -> None:
    """Labels in the language; no spaces put around a Chinese edit; an Arabic table right to left."""
    import zipfile

    from conftest import write

    write(example / "contributions" / "round-1" / "china.yaml", """
        delegation: China
        submitted_at: 2019-11-10T12:00:00-05:00
        responds_to: 2
        language: zh
        proposals:
          - id: CHN-1
            action: amend-text
            target: OP2
            old: 儿童性虐待材料
            new: 儿童性剥削和性虐待材料
        """)
    result = invoke(runner, "compile", "-p", example, "-l", "zh", "-f", "txt", "-o", "-")
    assert result.exit_code == 0, result.output
    assert "修正案汇编" in result.output and "修改如下：" in result.output
    assert "吁请私营部门立即删除儿童性{+剥削和性+}虐待材料并向当局报告" in result.output
    result = invoke(runner, "compile", "-p", example, "-l", "ar", "-o", tmp_path / "c.docx")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "c.docx") as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    assert "تجميع التعديلات" in document and "<w:bidiVisual/>" in document
    assert document.count("<w:p>") + document.count("<w:p ") == document.count("<w:bidi/>")


# --- property: redlines of Chinese and Arabic texts -------------------------------------------

_PIECES = {"zh": ["儿童", "立即", "网上", "会员国", "性剥削", "并", "报告", "，", "A/RES/74/174"],
           "ar": ["الأطفال", "فورا", "عبر", "الإنترنت", "الدول", "و", "تقرير", "،", "A/RES/74/174", "2019"]}


def _inside_markup(words: list[str], at: int) -> bool:
    """Whether position `at` (before words[at]) falls inside a {ref:…}/{num:…} of the text."""
    depth = 0
    for word in words[:at]:
        depth += word.count("{") - word.count("}")
    return depth > 0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(language=st.sampled_from(["zh", "ar"]), seed=st.integers(0, 10**9))
def test_redline_of_chinese_and_arabic_accepts_to_new_and_rejects_to_old(language: str, seed: int) -> None:
    """Words (Chinese characters) inserted, deleted and replaced anywhere: accepting every
    revision gives NEW, rejecting every revision gives OLD, and the DOCX part is well formed."""
    import dataclasses
    import random

    from lxml import etree

    from draftkit.diff.compare import compare_trees
    from draftkit.diff.redline import plain, redline, resolve
    from draftkit.render.docx import docx_parts
    from draftkit.render.layout import layout

    rnd = random.Random(seed)
    _, old = open_draft(EXAMPLE, 1)
    gap = "" if language == "zh" else " "
    operative = []
    for paragraph in old.operative:
        # Chinese: one character a word, but a cross-reference or footnote call stays whole
        words = (re.findall(r"\{[^}]*\}|\[\^[^\]]*\]|.", paragraph.text[language]) if language == "zh"
                 else paragraph.text[language].split(" "))
        for _ in range(rnd.randint(0, 3)):
            at = rnd.randrange(len(words) + 1)
            if _inside_markup(words, at):
                continue  # a character of '{ref:op-urges}' is not a word to edit
            if rnd.random() < 0.5 or len(words) < 3:
                words.insert(at, rnd.choice(_PIECES[language]))
            elif at < len(words) and "{" not in words[at] and "}" not in words[at]:
                if rnd.random() < 0.5:
                    del words[at]
                else:
                    words[at] = rnd.choice(_PIECES[language])
        operative.append(dataclasses.replace(paragraph, text={**paragraph.text, language: gap.join(words)}))
    new = dataclasses.replace(old, operative=tuple(operative))
    before = layout(old, language)
    comparison = compare_trees(before, layout(new, language), date=before.created, default_author="Co-rapporteurs")
    tree = redline(comparison)
    assert resolve(tree, accept=True) == plain(comparison.new)
    assert resolve(tree, accept=False) == plain(comparison.old)
    etree.fromstring(docx_parts(tree)["word/document.xml"])


@pytest.mark.parametrize("languages", [("ar",), ("en", "ar"), ("zh", "ru", "es")])
def test_init_in_any_languages_gives_a_clean_draft_in_them(languages: tuple[str, ...], tmp_path: Path, runner) -> None:
    args = [a for code in languages for a in ("-l", code)]
    result = invoke(runner, "init", tmp_path / "p", *args)
    assert result.exit_code == 0, result.output
    project, draft = open_draft(tmp_path / "p")
    assert tuple(draft.meta.languages) == languages
    # clean, but for the title, which is the placeholder init writes until the drafters write theirs
    found = run_checks(draft, project_config=project.config)
    assert [(f.rule, f.language) for f in found] == [("title-placeholder", lang) for lang in languages]
    assert set(draft.preambular[0].text) == set(languages)  # only the project's languages are written


def test_a_russian_number_typed_in_another_case_is_suggested_with_its_words(example: Path) -> None:
    """Russian declines 'пункт' and {ref:ID} writes the nominative: 'с учетом пункта 1' is
    suggested as 'пункта {num:op-urges}' ('с учетом пункт 1 выше' would be wrong), 'пункт 1'
    as {ref:op-urges}; written so, the text is clean."""
    path = _draft_text(example)
    text = path.read_text(encoding="utf-8")
    ours = "в котором учитывался бы {ref:op-urges}"
    assert text.count(ours) == 1

    def hand_typed(replacement: str) -> list[str]:
        path.write_text(text.replace(ours, replacement), encoding="utf-8")
        project, draft = open_draft(example, 1)
        return [f.suggestion for f in run_checks(draft, project_config=project.config)
                if f.rule == "xref-hand-typed" and f.language == "ru"]

    (declined,) = hand_typed("с учетом пункта 1 выше")
    assert declined.startswith("write пункта {num:op-urges} (OP1 is now 'op-urges')"), declined
    assert "“пункт 1”" in declined
    (instrumental,) = hand_typed("в соответствии с пунктом 1 выше")
    assert instrumental.startswith("write пунктом {num:op-urges}"), instrumental
    (nominative,) = hand_typed("в котором учитывался бы пункт 1 выше")
    assert nominative.startswith("write {ref:op-urges}"), nominative
    assert hand_typed("с учетом пункта {num:op-urges} выше") == []
