"""The list numbering of a resolution: formats per language, and the numbers they show.

One definition serves both the DOCX writer (Word `w:abstractNum` levels) and the text
writers (which print the same numbers), so they cannot disagree. Knows no Word XML.
"""

from __future__ import annotations

from dataclasses import dataclass

from draftkit.model import roman, subparagraph_label


@dataclass(frozen=True)
class Level:
    """One list level: Word's number format and level text ('%1.' → '1.')."""

    format: str  # Word ST_NumberFormat: decimal, lowerLetter, lowerRoman
    text: str  # Word lvlText, '%1' standing for the number

    def show(self, number: int) -> str:
        """Return the label Word shows for `number` (1-based) at this level."""
        if self.format == "lowerLetter":
            value = subparagraph_label(number - 1, 1)
        elif self.format == "lowerRoman":
            value = roman(number)
        else:
            value = str(number)
        return self.text.replace("%1", value).replace("%2", value).replace("%3", value)


#: Operative paragraphs and their sub-paragraphs: one list, three levels.
OPERATIVE_LEVELS = {
    "en": (Level("decimal", "%1."), Level("lowerLetter", "(%2)"), Level("lowerRoman", "(%3)")),
    "fr": (Level("decimal", "%1."), Level("lowerLetter", "%2)"), Level("lowerRoman", "%3)")),
}

#: Preambular numbering when asked for (drafts circulated for amendment). "PP1" rather
#: than IPU's "(1)": it is the label contributions, compilations and diffs already use
#: ("PP3"), it reads the same in English and French, and it cannot be taken for an
#: operative "1." or a sub-paragraph "(a)".
PREAMBULAR_LEVELS = (Level("decimal", "PP%1"),)


def operative_levels(language: str) -> tuple[Level, ...]:
    """Return the operative list levels for `language` (English forms for others)."""
    return OPERATIVE_LEVELS.get(language, OPERATIVE_LEVELS["en"])


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
