"""The inline markup: what each form means, what stays literal, what check reports, and
that styled text written as markup reads back as itself."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from draftkit.inline import (
    CrossRef,
    FootnoteCall,
    Plain,
    Style,
    StyledText,
    blank_markup,
    escape,
    plain_text,
    problems,
    segments,
    strip_markup,
    style_counts,
    styled,
    to_markup,
)

I, B, SUP, SUB, SC, N = Style.ITALIC, Style.BOLD, Style.SUPERSCRIPT, Style.SUBSCRIPT, Style.SMALL_CAPS, Style.NONE


@pytest.mark.parametrize("text, expected", [
    ("the *United Nations, Treaty Series*, vol. 1577",
     [("the ", N), ("United Nations, Treaty Series", I), (", vol. 1577", N)]),
    ("**Decides**", [("Decides", B)]),
    ("***both***", [("both", B | I)]),
    ("*a **b** c*", [("a ", I), ("b", I | B), (" c", I)]),
    ("n^o^ 27531", [("n", N), ("o", SUP), (" 27531", N)]),
    ("143^e^ Assemblée, 1^er^ juin", [("143", N), ("e", SUP), (" Assemblée, 1", N), ("er", SUP), (" juin", N)]),
    ("H~2~O", [("H", N), ("2", SUB), ("O", N)]),
    ("{sc:Nations Unies}", [("Nations Unies", SC)]),
    ("*{sc:Unies}*", [("Unies", SC | I)]),
    ("^a\\ b^", [("a\u00a0b", SUP)]),
    ("x\\ y", [("x\u00a0y", N)]),
    ("\\[^o^", [("[", N), ("o", SUP)]),  # an escaped bracket is no footnote call
    ("\\*not italic\\*", [("*not italic*", N)]),
    ("un*believ*able", [("un", N), ("believ", I), ("able", N)]),
    ("l'*Official Records*", [("l'", N), ("Official Records", I)]),
])
def test_marks(text, expected):
    assert styled(text) == expected


@pytest.mark.parametrize("text", [
    "A/69/L.52*",
    "A/69/L.52* and A/69/L.53*",
    "5 * 3 = 15",
    "* a lone asterisk",
    "~50 per cent",
    "[shall][may] consider",
    "[[alternative]]",
    "a ^ b ~ c",
    "C:\\temp\\x",  # a backslash before a letter is itself
])
def test_literal_text_stays_literal_and_is_not_a_problem(text):
    assert styled(text) == [(text, N)]
    assert problems(text) == []


def test_an_asterisk_after_a_symbol_stays_literal_next_to_real_italics():
    assert styled("A/69/L.52*, see *Official Records*") == [("A/69/L.52*, see ", N), ("Official Records", I)]


@pytest.mark.parametrize("text, mark, offset", [
    ("the *Recueil des Traités, vol. 3", "*", 4),
    ("**Decides to", "**", 0),
    ("n^o 27531", "^", 1),
    ("2^10 bytes", "^", 1),
    ("H~2O", "~", 1),
    ("{sc:Nations Unies", "{sc:", 0),
])
def test_unclosed_marks_are_problems(text, mark, offset):
    found = problems(text)
    assert [(p.mark, p.offset) for p in found] == [(mark, offset)]
    assert styled(text) == [(text, N)]  # rendered as typed, never lost


def test_footnote_calls_and_cross_references_keep_their_meaning_and_take_styles():
    assert list(segments("*the Convention*[^crc] and {ref:op-a}")) == [
        Plain("the Convention", I), FootnoteCall("crc"), Plain(" and "), CrossRef("op-a", "ref")]
    assert list(segments("*see {num:op-a}*")) == [Plain("see ", I), CrossRef("op-a", "num", I)]
    # negotiation brackets around marks are text
    assert styled("[*shall*][may]") == [("[", N), ("shall", I), ("][may]", N)]


def test_visible_text_helpers():
    text = "the *Treaty Series*[^crc], n^o^\\ 3 in {ref:op-a}"
    assert plain_text(text) == "the Treaty Series, no\u00a03 in {ref:op-a}"
    assert strip_markup(text) == "the Treaty Series, no\u00a03 in op-a"
    blank = blank_markup(text)
    assert len(blank) == len(text)
    assert blank.split() == ["the", "Treaty", "Series", ",", "n", "o", "3", "in"]
    assert style_counts("*a* and *b*, **c**") == {I: 2, B: 1}


def test_escape_reads_back_as_the_literal_text():
    literal = "5 * 3 ^ 2 ~ {sc:x} {ref:op-a} [^crc] \\ end}"
    assert styled(escape(literal)) == [(literal, N)]
    assert list(segments(escape(literal))) == [Plain(literal)]


@pytest.mark.parametrize("pieces, markup", [
    ([("the ", N), ("Treaty Series", I), (", vol. 3", N)], "the *Treaty Series*, vol. 3"),
    ([("the ", N), ("Treaty Series ", I), ("vol. 3", N)], "the *Treaty Series* vol. 3"),
    ([("n", N), ("o", SUP), (" 3", N)], "n^o^ 3"),
    ([("Nations Unies", SC)], "{sc:Nations Unies}"),
    ([("both", I | B)], "***both***"),
    ([("5 * 3", N)], "5 * 3"),  # no escape where none is needed
    ([("*not* italic", N)], "\\*not* italic"),
])
def test_to_markup(pieces, markup):
    assert to_markup(pieces) == markup
    assert plain_text(markup) == "".join(text for text, _ in pieces)


def test_to_markup_keeps_the_text_where_marks_cannot_hold():
    # an italic stretch starting with punctuation right after a letter cannot open
    pieces = [("word", N), ("(x)", I), ("y", N)]
    assert plain_text(to_markup(pieces)) == "word(x)y"


_WORDS = st.text(alphabet="abcXYZ1é'’,.;:()[]*^~\\{}/-", min_size=1, max_size=6)
_STYLES = st.sampled_from([N, I, B, I | B, SUP, SUB, SC, SC | I])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_WORDS, _STYLES), min_size=1, max_size=6))
def test_to_markup_never_loses_text(words):
    """Any text in any styles: the markup reads back to the same characters."""
    pieces = [(w + " ", s) for w, s in words]
    assert plain_text(to_markup(pieces)) == "".join(w for w, _ in pieces)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet="abcdéXYZ019", min_size=1, max_size=6), _STYLES), min_size=1, max_size=6),
       st.sampled_from([" ", ", ", " (", ") "]))
def test_word_level_styles_round_trip(words, separator):
    """Styles that start and end at word boundaries (what Word files hold) round-trip."""
    pieces: list[tuple[str, Style]] = []
    for k, (word, style) in enumerate(words):
        if k:
            pieces.append((separator, N))
        pieces.append((word, style))
    expected = StyledText.join(pieces).pieces()
    assert styled(to_markup(pieces)) == expected


@pytest.mark.parametrize("pieces, markup", [
    ([("the 21", N), ("st ", SUP), ("century", N)], "the 21^st^ century"),  # it was plain
    ([("H", N), (" 2 ", SUB), ("O", N)], "H ~2~ O"),
    ([("x", N), ("a b", SUP), ("y", N)], "x^a^ ^b^y"),
    ([("during", N), (" ", I), ("the", N)], "during the"),  # it was 'during  the'
    ([("the", N), (" global", B), (" pandemic", N)], "the **global** pandemic"),
])
def test_spaces_at_the_edge_of_a_stretch_go_outside_its_marks(pieces, markup):
    """Word runs often end (or start) with a space in the run's own style."""
    assert to_markup(pieces) == markup


@pytest.mark.parametrize("pieces, markup", [
    ([("n", N), ("\u00a0os", SUP), (" 27531", N)], "n^\\ os^ 27531"),  # it was plain: a script holds `\ `
    ([("n\u00a0os", SUP)], "^n\\ os^"),
    ([("1\u00a0er ", SUP), ("juin", N)], "^1\\ er^ juin"),
    ([("a", N), ("\u00a0", SUP), ("b", N)], "a^\\ ^b"),  # a run that is only a no-break space
    ([("H", N), ("2\u202f3", SUB)], "H~2~\u202f~3~"),  # a narrow no-break space has no escape
    ([("la ", N), ("\u00a0Charte\u00a0des\u00a0Nations\u00a0", I), ("unies", N)],
     "la \u00a0*Charte\u00a0des\u00a0Nations*\u00a0unies"),  # `*…\ *` cannot close
    ([("x", N), ("\u00a0", B), ("y", N)], "x\u00a0y"),
    ([("x ", N), ("a\u00a0b", SC), (" y", N)], "x {sc:a\u00a0b} y"),
])
def test_a_no_break_space_in_a_stretch(pieces, markup):
    """A no-break space in a raised run ('n\u00a0os', '1\u00a0er') kept the text but lost the
    superscript (a script does not hold the character, which reads as a space, only `\\ `)."""
    assert to_markup(pieces) == markup


_EDGES = st.sampled_from(["", " ", "\u00a0", " \u00a0"])


@settings(max_examples=120, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet="abcdéXYZ019\u00a0", min_size=1, max_size=6),
                          st.sampled_from([N, I, B, I | B, SUP, SUB, SC, SC | I, SUP | I, SUB | B, SC | SUP]),
                          _EDGES, _EDGES), min_size=1, max_size=6))
def test_runs_with_spaces_at_their_edges_keep_their_words_styles(runs):
    """Runs like Word's ('global ' in italics, ' urgent' in bold, 'st ' raised, 'n\u00a0os'
    raised), spaced so that words stay apart: the markup reads back with the same
    characters, each letter and each no-break space in its run's style, and no space doubled
    or lost. Only a space may leave its marks (`^a b^` cannot be written), and a no-break
    space at the edge of an italic or bold stretch its `*` (`*a\\ *` cannot close)."""
    pieces = []
    for k, (word, style, lead, trail) in enumerate(runs):
        if k and not lead.endswith(" ") and not runs[k - 1][3].endswith(" "):
            lead = lead + " "
        pieces.append((lead + word + trail, style))
    text = "".join(p for p, _ in pieces)
    wanted = [style for piece, style in pieces for _ in piece]
    got = StyledText.join(styled(to_markup(pieces)))
    assert got.text == text
    for k, (char, was, now) in enumerate(zip(text, wanted, got.styles)):
        inside = 0 < k < len(text) - 1 and all(text[j].strip() and wanted[j] == was for j in (k - 1, k + 1))
        if char == "\u00a0" and not inside:
            assert now in (was, was & ~(I | B)), (k, text)
        elif char != " ":
            assert now == was, (k, text)


def test_styled_text_substitution_keeps_styles():
    text = StyledText.join([("le ", N), ("143e", I), (" jour", N)])
    import re

    out = text.sub(re.compile(r"(\d+)(e)"), lambda m: [(m.group(1), N), (m.group(2), SUP)])
    assert out.pieces() == [("le ", N), ("143", I), ("e", I | SUP), (" jour", N)]


def test_printed_marks_which_characters_a_reader_sees():
    from draftkit.inline import printed

    def shown(text: str) -> str:
        return "".join(c if p else "_" for c, p in zip(text, printed(text)))

    assert shown("the *Treaty Series*, vol.") == "the _Treaty Series_, vol."
    assert shown("A/69/L.52* and *x*") == "A/69/L.52* and _x_"  # a literal asterisk prints
    assert shown("n^o^ 3, Child,[^crc] {sc:UN}") == "n_o_ 3, Child,______ ____UN_"
    assert shown("26\\ mai \\*") == "26_ mai _*"
    assert shown("see {ref:op-a}") == "see {ref:op-a}"  # a cross-reference prints (its words)
