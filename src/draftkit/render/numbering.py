"""The list numbering of a resolution: formats per language, and the numbers they show.

One definition serves both the DOCX writer (Word `w:abstractNum` levels) and the text
writers (which print the same numbers), so they cannot disagree. Knows no Word XML.
"""

from __future__ import annotations

from dataclasses import dataclass

from draftkit.languages import language as language_data
from draftkit.model import roman, subparagraph_label

#: Letter sequences of Word's alphabetic number formats, as Word and LibreOffice count them.
LETTERS = {
    # а б в г д е ж з и к л м н о п р с т у ф х ц ч ш щ э ю я (no ё й ъ ы ь)
    "russianLower": "абвгдежзиклмнопрстуфхцчшщэюя",
    # the abjad order: أ ب ج د هـ و ز ح ط ي ك ل م ن س ع ف ص ق ر ش ت ث خ ذ ض ظ غ
    "arabicAbjad": ("أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف",
                    "ص", "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ"),
}


@dataclass(frozen=True)
class Level:
    """One list level: Word's number format and level text ('%1.' → '1.')."""

    format: str  # Word ST_NumberFormat: decimal, lowerLetter, lowerRoman
    text: str  # Word lvlText, '%1' standing for the number

    def show(self, number: int) -> str:
        """Return the label Word shows for `number` (1-based) at this level."""
        if self.format == "lowerLetter":
            value = subparagraph_label(number - 1, 1)
        elif self.format in LETTERS:
            letters = LETTERS[self.format]
            value = letters[(number - 1) % len(letters)] * ((number - 1) // len(letters) + 1)
        elif self.format == "lowerRoman":
            value = roman(number)
        else:
            value = str(number)
        return self.text.replace("%1", value).replace("%2", value).replace("%3", value)


#: Preambular numbering when asked for (drafts circulated for amendment). "PP1" rather
#: than IPU's "(1)": it is the label contributions, compilations and diffs already use
#: ("PP3"), it reads the same in English and French, and it cannot be taken for an
#: operative "1." or a sub-paragraph "(a)".
PREAMBULAR_LEVELS = (Level("decimal", "PP%1"),)


def operative_levels(language: str) -> tuple[Level, ...]:
    """Return the operative list levels for `language`: operative paragraphs and their
    sub-paragraphs are one list of three levels ('1.', '(a)', '(i)' in English)."""
    from draftkit.languages import known

    data = language_data(language if known(language) else "en")
    return tuple(Level(level.format, level.text) for level in data.numbering)


def label_number(value: str, level: int) -> int:
    """Return the 1-based position a draft label names at `level` ('b' → 2 at level 1,
    'iii' → 3 at level 2); 0 when `value` is not such a label."""
    if level == 1 and value.isalpha() and value.isascii() and value.islower():
        number = 0
        for char in value:
            number = number * 26 + ord(char) - ord("a") + 1
        return number
    for number in range(1, 200):
        if roman(number) == value:
            return number
    return 0


class Counter:
    """Counts list items the way Word does: a level restarts after a higher one."""

    def __init__(self, levels: tuple[Level, ...]):
        self.levels = levels
        self.counts = [0] * len(levels)

    def next(self, level: int) -> str:
        """Return the label of the next item at `level`."""
        self.counts[level] += 1
        for deeper in range(level + 1, len(self.counts)):
            self.counts[deeper] = 0
        return self.levels[level].show(self.counts[level])
