"""Quoted words against a text as delegates saw it rendered: each cross-reference read as
its words in that version's numbering ("paragraph 2 above"), and a match mapped back onto
the markup. Knows tokens and cross-references; no files, no decisions.
"""

from __future__ import annotations


from draftkit.errors import DraftkitError, MergeError
from draftkit.inline import CROSSREF, CrossRef
from draftkit.merge.words import cores, find, tokenize, word_diff
from draftkit.model import Draft, Paragraph, Proposal
from draftkit.records import record


@record
class Rendered:
    """A markup text's tokens as rendered: `tokens` (with their spacing), and for each the
    index of the markup token it comes from and whether that token is a cross-reference."""

    markup: tuple[str, ...]
    tokens: tuple[str, ...]
    owner: tuple[int, ...]
    computed: tuple[bool, ...]

    def words(self, start: int, end: int) -> str:
        """The rendered words of markup tokens `start..end` (for messages)."""
        return "".join(t for t, o in zip(self.tokens, self.owner) if start <= o < end).strip()


def rendered(draft: Draft, language: str, paragraph: Paragraph, text: str) -> Rendered | None:
    """Return `text` (of `paragraph` in `draft`) with its cross-references as their words,
    |None| when it has none or one cannot be rendered (the markup match stands alone)."""
    from draftkit.render.layout import crossref_words

    markup = tokenize(text)
    tokens: list[str] = []
    owner: list[int] = []
    computed: list[bool] = []
    for index, token in enumerate(markup):
        found = CROSSREF.fullmatch(token.strip())
        if found is None:
            tokens.append(token)
            owner.append(index)
            computed.append(False)
            continue
        try:
            words = crossref_words(draft, language, paragraph, CrossRef(found.group(2), found.group(1)))
        except DraftkitError:
            return None
        expanded = list(tokenize(words + token[len(token.rstrip()):]))
        tokens += expanded
        owner += [index] * len(expanded)
        computed += [True] * len(expanded)
    if not any(computed):
        return None
    return Rendered(tuple(markup), tuple(tokens), tuple(owner), tuple(computed))


def find_rendered(shown: Rendered, needle: tuple[str, ...], same) -> list[int]:
    """Start indexes (rendered tokens) where the token cores `needle` occur; `same`
    normalizes cores as the markup match does."""
    return find(same(cores(shown.tokens)), needle)


def to_markup(shown: Rendered, at: int, quoted: str, proposed: str, where: Proposal) -> tuple[int, str, str]:
    """Map a match of `quoted` at rendered token `at` onto the markup: (first markup token,
    old words, new words) with each cross-reference as its markup again.

    Raises when the change from `quoted` to `proposed` touches a cross-reference's words:
    they are computed from the numbering, not text to amend.
    """
    old, new = list(tokenize(quoted)), list(tokenize(proposed))
    end = at + len(old)
    # a quote that begins or ends inside a cross-reference's words takes all of them
    while at > 0 and shown.computed[at] and shown.owner[at - 1] == shown.owner[at]:
        at -= 1
        old.insert(0, shown.tokens[at])
        new.insert(0, shown.tokens[at])
    while end < len(shown.tokens) and shown.computed[end - 1] and shown.owner[end] == shown.owner[end - 1]:
        old.append(shown.tokens[end])
        new.append(shown.tokens[end])
        end += 1
    owner, computed = shown.owner[at:end], shown.computed[at:end]
    changes = word_diff(cores(old), cores(new))
    for change in changes:
        inside = any(computed[change.start:change.end]) or (
            change.start == change.end and 0 < change.start < len(old)
            and computed[change.start] and owner[change.start - 1] == owner[change.start])
        if inside:
            first = owner[min(change.start, len(owner) - 1)]
            words = shown.words(first, first + 1)
            raise MergeError(
                f"the cross-reference {words!r} is computed from the numbering: it cannot be amended",
                where=where.location,
                fix="quote the words around it; to point at another paragraph, ask the co-rapporteurs")
    kept, made, cursor = _collapse(shown, at, 0, len(old)), [], 0
    for change in changes:
        made += _collapse(shown, at, cursor, change.start) + new[change.new_start:change.new_end]
        cursor = change.end
    made += _collapse(shown, at, cursor, len(old))
    return owner[0], "".join(kept), "".join(made)


def _collapse(shown: Rendered, at: int, start: int, end: int) -> list[str]:
    """Rendered tokens `at+start..at+end` with each cross-reference's words as its one markup token."""
    out: list[str] = []
    for i in range(at + start, at + end):
        if not shown.computed[i]:
            out.append(shown.tokens[i])
        elif i == at + start or shown.owner[i - 1] != shown.owner[i]:
            out.append(shown.markup[shown.owner[i]])
    return out
