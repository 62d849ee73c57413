"""Quoted words against a text as delegates saw it printed: each cross-reference read as its
words in that version's numbering ("paragraph 2 above"), formatting marks and footnote
calls unseen ("Treaty Series, vol." across the end of an italic title), and a match mapped
back onto the markup, marks kept. Knows tokens, cross-references and marks; no files, no
decisions.
"""

from __future__ import annotations


from draftkit.errors import DraftkitError, MergeError
from draftkit.inline import CROSSREF, FOOTNOTE, CrossRef, Style, printed, problems, style_counts, styled
from draftkit.merge.words import Change, cores, find, splice, tokenize, trailing, word_diff
from draftkit.model import Draft, Paragraph, Proposal
from draftkit.records import record


@record
class Rendered:
    """A markup text's tokens as printed: `tokens` (with their spacing), and for each the
    index of the markup token it comes from, whether that token is a cross-reference, and
    its style. `hidden` says, per markup token, that it prints nothing (a formatting mark,
    a footnote call): it has no printed token."""

    markup: tuple[str, ...]
    tokens: tuple[str, ...]
    owner: tuple[int, ...]
    computed: tuple[bool, ...]
    styles: tuple[Style, ...] = ()
    hidden: tuple[bool, ...] = ()
    last: tuple[int, ...] = ()  # the last markup token each printed token comes from ("n^o^" prints "no")

    def end(self, token: int) -> int:
        """The last markup token printed token `token` comes from."""
        return self.last[token] if self.last else self.owner[token]

    def words(self, start: int, end: int) -> str:
        """The printed words of markup tokens `start..end` (for messages)."""
        return "".join(t for t, o in zip(self.tokens, self.owner) if start <= o < end).strip()


def rendered(draft: Draft, language: str, paragraph: Paragraph, text: str) -> Rendered | None:
    """Return `text` (of `paragraph` in `draft`) as printed: cross-references as their words,
    marks and footnote calls left out; |None| when it prints as written or a reference
    cannot be rendered (the markup match stands alone)."""
    from draftkit.render.layout import crossref_words

    markup = tokenize(text)
    hidden, styles_of = _hidden_and_styles(text, markup)
    tokens: list[str] = []
    owner: list[int] = []
    computed: list[bool] = []
    styles: list[Style] = []
    last: list[int] = []
    glue = False  # the previous printed word and this one print as one ("n^o^": "no")
    for index, token in enumerate(markup):
        if hidden[index]:
            if tokens and trailing(token) and not trailing(tokens[-1]):
                tokens[-1] += trailing(token)  # the printed words keep their spacing
            glue = glue or bool(tokens and not trailing(tokens[-1]) and not trailing(token)
                                and tokens[-1][-1:].isalnum())
            continue
        found = CROSSREF.fullmatch(token.strip())
        if found is None:
            if glue and not computed[-1] and token[:1].isalnum() and not trailing(tokens[-1]):
                tokens[-1] += token
                last[-1] = index
                glue = False
                continue
            glue = False
            tokens.append(token)
            owner.append(index)
            last.append(index)
            computed.append(False)
            styles.append(styles_of[index])
            continue
        glue = False
        try:
            words = crossref_words(draft, language, paragraph, CrossRef(found.group(2), found.group(1)))
        except DraftkitError:
            return None
        expanded = list(tokenize(words + token[len(token.rstrip()):]))
        tokens += expanded
        owner += [index] * len(expanded)
        last += [index] * len(expanded)
        computed += [True] * len(expanded)
        styles += [styles_of[index]] * len(expanded)
    if not any(computed) and not any(hidden):
        return None
    return Rendered(tuple(markup), tuple(tokens), tuple(owner), tuple(computed), tuple(styles), tuple(hidden),
                    tuple(last))


def _hidden_and_styles(text: str, markup: tuple[str, ...]) -> tuple[list[bool], list[Style]]:
    """Per markup token: whether it prints nothing, and the style of its first printed character."""
    shows = printed(text)
    chars = [style for piece, style in styled(text) for _ in piece]  # the printed characters' styles
    hidden, styles = [], []
    offset = seen = 0
    for token in markup:
        core = [k for k in range(offset, offset + len(token.rstrip())) if not text[k].isspace()]
        visible = [k for k in core if shows[k]]
        hidden.append(bool(core) and not visible)
        before = sum(shows[offset:visible[0]]) if visible else 0
        styles.append(chars[seen + before] if visible and seen + before < len(chars) else Style.NONE)
        seen += sum(shows[offset:offset + len(token)])
        offset += len(token)
    return hidden, styles


def find_rendered(shown: Rendered, needle: tuple[str, ...], same) -> list[int]:
    """Start indexes (printed tokens) where the token cores `needle` occur; `same`
    normalizes cores as the markup match does."""
    return find(same(cores(shown.tokens)), needle)


def to_markup(shown: Rendered, at: int, quoted: str, proposed: str,
              where: Proposal) -> tuple[int, str, str, list[Change] | None]:
    """Map a match of `quoted` at printed token `at` onto the markup: (first markup token,
    old words, new words, the changes between their tokens) as markup, each cross-reference
    as its markup again and the marks and footnote calls among the words kept where they
    stand. The changes are given because a word diff of the two would not keep a mark
    between two changed words (|None|: diff them).

    Raises when the change from `quoted` to `proposed` touches a cross-reference's words
    (computed from the numbering, not text to amend), or replaces words on both sides of
    a mark or a footnote call (it cannot say which of the new words are formatted, or
    where the call goes).
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
    first, last = owner[0], shown.end(end - 1)
    markup = shown.markup
    made: list[str] = []
    edits: list[Change] = []  # in markup tokens from `first` (old) and in `made` (new)
    done = first  # the next markup token to copy

    def put(start: int, stop: int, words: list[str]) -> None:
        """Markup tokens start..stop become `words` (the last one spaced from what follows:
        `splice` sets the spacing where the words go)."""
        if words and not trailing(words[-1]):
            words = [*words[:-1], words[-1] + " "]
        edits.append(Change(start - first, stop - first, len(made), len(made) + len(words)))
        made.extend(words)

    for change in changes:
        s, e = at + change.start, at + change.end
        words = new[change.new_start:change.new_end]
        if s < e:  # printed tokens s..e-1 go (replaced by `words`)
            made.extend(markup[done:shown.owner[s]])  # marks before the words stay before the new ones
            span = range(shown.owner[s], shown.end(e - 1) + 1)
            between = [k for k in span if shown.hidden[k]]
            if between and words:
                raise MergeError(_across(shown, s, e, between, old[change.start:change.end], words),
                                 where=where.location, fix=_across_fix(shown, between))
            if not between:
                put(span.start, span.stop, words)
            else:  # a deletion: the marks and calls it spans stay, the words around them go
                start = span.start
                for k in between:
                    if start < k:
                        put(start, k, [])
                    made.append(markup[k])
                    start = k + 1
                if start < span.stop:
                    put(start, span.stop, [])
            done = span.stop
        elif at < s < end:  # an insertion between two printed tokens: after the marks and
            # calls that end the words before it, before those that open the words after it
            made.extend(markup[done:shown.end(s - 1) + 1])
            done = shown.end(s - 1) + 1
            spaced = bool(trailing(markup[done - 1]))
            while done < shown.owner[s] and shown.hidden[done] and not spaced:
                made.append(markup[done])
                spaced = bool(trailing(markup[done]))
                done += 1
            put(done, done, words)
        else:  # at either end of the quote: the new words go with the quoted ones
            if s == end:
                made.extend(markup[done:last + 1])
                done = last + 1
            put(done, done, words)
    made.extend(markup[done:last + 1])
    kept, written = "".join(markup[first:last + 1]), "".join(made)
    given = edits if tokenize(written) == tuple(made) and tokenize(kept) == markup[first:last + 1] else None
    _refuse_split_marks(shown, first, kept, written, given, proposed, where)
    return first, kept, written, given


def _across(shown: Rendered, s: int, e: int, between: list[int], old: list[str], new: list[str]) -> str:
    """One line: which mark or call the change runs across."""
    change = f"the change from {''.join(old).strip()!r} to {''.join(new).strip()!r}"
    if any(FOOTNOTE.fullmatch(shown.markup[k].strip()) for k in between):
        return f"{change} runs across a footnote call: it cannot say where the call goes"
    styles = [st for st in shown.styles[s:e] if st is not Style.NONE]
    if not styles:  # a word printed in two styles ("no" of n^o^)
        words = "".join(shown.tokens[s:e]).strip()
        return f"{change} runs across the edge of formatted characters in {words!r}: it cannot say which are formatted"
    style = styles[0]
    stretch = _stretch(shown, s if shown.styles[s] == style else e - 1, style)
    return (f"{change} runs across the edge of the {style.words} words {stretch!r}: it cannot say which new words "
            f"are {style.words}")


def _across_fix(shown: Rendered, between: list[int]) -> str:
    if any(FOOTNOTE.fullmatch(shown.markup[k].strip()) for k in between):
        return "propose the change of the words before the call and of those after it separately"
    return "propose the change of the formatted words and of the words beside them separately"


def _stretch(shown: Rendered, at: int, style: Style) -> str:
    """The printed words of one style around printed token `at` (for messages)."""
    start, end = at, at + 1
    while start > 0 and shown.styles[start - 1] == style:
        start -= 1
    while end < len(shown.tokens) and shown.styles[end] == style:
        end += 1
    return "".join(shown.tokens[start:end]).strip()


def _refuse_split_marks(shown: Rendered, first: int, kept: str, made: str, given: list[Change] | None,
                        proposed: str, where: Proposal) -> None:
    """The change as `merge.apply` will make it, on the whole text: refused when it would
    leave a mark unclosed or cut a formatted stretch in two (never written broken)."""
    tokens = list(shown.markup)
    old, new = tokenize(kept), tokenize(made)
    for change in reversed(given if given is not None else word_diff(cores(old), cores(new))):
        splice(tokens, first + change.start, first + change.end, "".join(new[change.new_start:change.new_end]))
    before, after = "".join(shown.markup), "".join(tokens).strip()
    had, brought = style_counts(before), style_counts(proposed)  # stretches the delegation's words bring
    grown = any(count > had.get(style, 0) + brought.get(style, 0) for style, count in style_counts(after).items())
    if len(problems(after)) > len(problems(before)) or grown:
        raise MergeError(f"the change from {quoted_words(kept)!r} to {quoted_words(made)!r} would split a formatted "
                         "stretch in two", where=where.location,
                         fix="propose the change of the formatted words and of the words beside them separately")


def quoted_words(markup: str) -> str:
    """Markup as the words a reader sees (for messages)."""
    from draftkit.inline import plain_text

    return " ".join(plain_text(markup).split())
