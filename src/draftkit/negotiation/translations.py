"""Translations that go stale: each translation records the source text it was made from
(a fingerprint of the paragraph in the source language); when the source changes and the
translation does not, the translation is stale, item by item, with the source's word diff.

Pure: drafts in, stale items out; `record_sources` is what a merge writes. Knows the
model and the word diff; no files, no Word.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable, Iterator, Mapping

from draftkit.model import Draft, Paragraph, SubParagraph, TranslationSource, subparagraph_label
from draftkit.records import record


def fingerprint(paragraph: Paragraph, language: str) -> str:
    """A short fingerprint of everything of `paragraph` in `language`: opening, text,
    sub-paragraphs (with their ids) and footnotes (with their keys)."""
    parts = [f"o:{paragraph.opening.get(language, '')}", f"t:{paragraph.text.get(language, '')}"]
    for path, sub in _subs(paragraph.subparagraphs, ()):
        parts.append(f"s{'/'.join(path)}:{sub.text.get(language, '')}")
    for footnote in paragraph.footnotes:
        parts.append(f"f{footnote.key}:{footnote.text.get(language, '')}")
    from hashlib import blake2b  # here: hashlib loads OpenSSL (~4 ms), and most drafts record no source

    return blake2b("\n".join(parts).encode("utf-8"), digest_size=5).hexdigest()


def _subs(children: tuple[SubParagraph, ...], path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], SubParagraph]]:
    for child in children:
        yield path + (child.id,), child
        yield from _subs(child.children, path + (child.id,))


def source_of(paragraph: Paragraph, language: str, languages: tuple[str, ...]) -> str:
    """The language `paragraph`'s `language` text is translated from: as recorded, else the
    draft's first language."""
    recorded = paragraph.translations.get(language)
    return recorded.language if recorded is not None else languages[0]


@record
class Item:
    """One translatable text of a paragraph: `key` names it ('text', 'opening', 'sub/b/ii',
    'footnote/crc'), `label` shows it ('OP5(b)(ii)', 'OP5 [^crc]')."""

    key: str
    label: str
    text: Mapping[str, str]


def items(paragraph: Paragraph, label: str) -> list[Item]:
    """The translatable texts of a paragraph, in reading order."""
    out = []
    if paragraph.opening:
        out.append(Item("opening", f"{label} (opening)", paragraph.opening))
    out.append(Item("text", label, paragraph.text))
    for path, sub in _subs(paragraph.subparagraphs, ()):
        out.append(Item("sub/" + "/".join(path), label + _sub_labels(paragraph, path), sub.text))
    for footnote in paragraph.footnotes:
        out.append(Item(f"footnote/{footnote.key}", f"{label} [^{footnote.key}]", footnote.text))
    return out


def _sub_labels(paragraph: Paragraph, path: tuple[str, ...]) -> str:
    shown, children = "", paragraph.subparagraphs
    for level, sub_id in enumerate(path, start=1):
        index = next(i for i, c in enumerate(children) if c.id == sub_id)
        shown += f"({subparagraph_label(index, level)})"
        children = children[index].children
    return shown


@record
class Stale:
    """A translation whose source changed since it was made: the item, the languages, the
    source as it was (|None| when no earlier version holds it) and as it is now."""

    paragraph: str
    item: Item
    language: str
    source: str
    before: str | None
    now: str
    translation: str


def stale(draft: Draft, history: Iterable[Draft] = (), languages: Iterable[str] | None = None) -> list[Stale]:
    """Every stale translation of `draft`, item by item. `history` (any order) is searched
    for the source as it was when the translation was made, to name the items that changed
    and show how; without it, every item of a stale paragraph is listed."""
    wanted = tuple(languages) if languages is not None else draft.meta.languages
    earlier = sorted(history, key=lambda d: -d.meta.version)
    labels = draft.labels()
    out: list[Stale] = []
    for paragraph in draft.paragraphs():
        for language, recorded in paragraph.translations.items():
            if language not in wanted or recorded.language not in paragraph.text:
                continue
            if fingerprint(paragraph, recorded.language) == recorded.fingerprint:
                continue
            before = _as_translated(paragraph, recorded, earlier)
            old_items = {i.key: i for i in items(before, "")} if before is not None else {}
            for item in items(paragraph, labels[paragraph.id]):
                now = item.text.get(recorded.language, "")
                old = old_items.get(item.key)
                was = old.text.get(recorded.language, "") if old is not None else ("" if before is not None else None)
                if was is not None and was == now:
                    continue
                out.append(Stale(paragraph.id, item, language, recorded.language, was, now,
                                 item.text.get(language, "")))
    return out


def _as_translated(paragraph: Paragraph, recorded: TranslationSource, earlier: list[Draft]) -> Paragraph | None:
    """The paragraph as it stood when its translation was made: the latest earlier version
    whose source text has the recorded fingerprint."""
    for draft in earlier:
        old = draft.by_id().get(paragraph.id)
        if old is not None and fingerprint(old, recorded.language) == recorded.fingerprint:
            return old
    return None


def record_sources(before: Draft, after: Draft) -> Draft:
    """`after` (made from `before` by a merge) with each translation's source recorded: a
    translation the merge changed together with its source, or a new paragraph's, is made
    from the new source; one whose source changed alone keeps the source it had (so it is
    now stale); a paragraph without a record is taken as translated from `before`."""
    languages = after.meta.languages
    old_paragraphs = before.by_id()

    def recorded(paragraph: Paragraph) -> Paragraph:
        old = old_paragraphs.get(paragraph.id)
        sources: dict[str, TranslationSource] = {}
        for language in languages:
            if language not in paragraph.text:
                continue
            source = source_of(paragraph, language, languages)
            if source == language or source not in paragraph.text:
                continue
            now = fingerprint(paragraph, source)
            if old is None:
                sources[language] = TranslationSource(source, now)
                continue
            previous = old.translations.get(language) or TranslationSource(source, fingerprint(old, source))
            source_changed = fingerprint(old, source) != now
            translation_changed = fingerprint(old, language) != fingerprint(paragraph, language)
            sources[language] = TranslationSource(source, now) if source_changed and translation_changed \
                else previous
        return paragraph if sources == dict(paragraph.translations) else replace(paragraph, translations=sources)

    return replace(after, preambular=tuple(recorded(p) for p in after.preambular),
                   operative=tuple(recorded(p) for p in after.operative))


def around_marks(text: str, context: int = 50) -> str:
    """`text` (with [-…-] / {+…+} marks) cut to at most `context` characters of unchanged
    words on either side of the marks, an ellipsis where it is cut."""
    marks = [i for i in (text.find("[-"), text.find("{+")) if i >= 0]
    if not marks:
        return text
    first = min(marks)
    last = max(text.rfind("-]") + 2, text.rfind("+}") + 2)
    head = text[:first] if first <= context else "…" + text[first - context:first].split(" ", 1)[-1]
    tail = text[last:] if len(text) - last <= context else text[last:last + context].rsplit(" ", 1)[0] + "…"
    return head + text[first:last] + tail


def marked_change(before: str, now: str, context: int | None = 50) -> str:
    """The source change as plain word-diff marks: '…to [-consider making-]{+make+} such…'
    (`context` characters of unchanged words around the changes; |None|: the whole text)."""
    from draftkit.merge.words import cores, tokenize, word_diff

    old, new = tokenize(before), tokenize(now)
    out: list[str] = []
    position = 0
    for change in word_diff(cores(old), cores(new)):
        out.append("".join(old[position:change.start]).strip())
        deleted = "".join(old[change.start:change.end]).strip()
        inserted = "".join(new[change.new_start:change.new_end]).strip()
        out.append((f"[-{deleted}-]" if deleted else "") + (f"{{+{inserted}+}}" if inserted else ""))
        position = change.end
    out.append("".join(old[position:]).strip())
    out = [re.sub(r"\s+([,.;:!?)»])", r"\1", " ".join(part for part in out if part))]
    text = " ".join("".join(out).split())
    return text if context is None else around_marks(text, context)
