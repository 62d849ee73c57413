"""DocTree → markdown or plain text for quick review, with the numbers Word would show.

Numbers come from `render.numbering`, the same definitions the DOCX writer uses.
Knows no Word XML and no drafting rules.
"""

from __future__ import annotations

from draftkit.inline import Style
from draftkit.render.numbering import PREAMBULAR_LEVELS, Counter, operative_levels
from draftkit.render.tree import Block, DocTree, RevisionKind, Role, Run, Table

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
INDENT = "    "


def labels(tree: DocTree) -> list[str]:
    """Return the number each block shows ('1.', '(a)', 'PP2'), '' for unnumbered blocks.

    Sub-paragraphs under anything but a numbered operative paragraph restart at (a),
    as the DOCX writer's restarted lists do.
    """
    operative = Counter(operative_levels(tree.language))
    preambular = Counter(PREAMBULAR_LEVELS)
    subs = operative
    memorandum = Counter(operative_levels(tree.language))
    out: list[str] = []
    for block in tree.blocks:
        if block.role is Role.MEMORANDUM:
            out.append(memorandum.next(0) if block.numbered else "")
            continue
        if block.role is Role.SUBPARAGRAPH:
            out.append(subs.next(block.level) if block.numbered else "")
            continue
        if block.numbered and block.role is Role.OPERATIVE:
            out.append(operative.next(0))
            subs = operative
            continue
        out.append(preambular.next(0) if block.numbered and block.role is Role.PREAMBULAR else "")
        subs = Counter(operative_levels(tree.language))
    return out


def _visible(run: Run) -> bool:
    """Text outputs show the document as it reads with every revision accepted."""
    return run.revision is None or run.revision.kind in (RevisionKind.INSERT, RevisionKind.MOVE_TO)


def _markdown_escape(text: str) -> str:
    """Escape what pandoc's markdown would read as markup: emphasis, scripts, code, links
    ("[shall][may]" is negotiation text, not a reference link) and HTML."""
    for char in "\\*_`[]<>^~":
        text = text.replace(char, "\\" + char)
    return text


#: pandoc markdown for each style, innermost last: (open, close).
_MARKDOWN = ((Style.SMALL_CAPS, "[", "]{.smallcaps}"), (Style.SUPERSCRIPT, "^", "^"), (Style.SUBSCRIPT, "~", "~"),
             (Style.BOLD, "**", "**"), (Style.ITALIC, "*", "*"))


def styled_markdown(text: str, style: Style) -> str:
    """`text` in pandoc markdown for `style`; spaces at the edges stay outside the marks."""
    core = text.strip()
    if style is Style.NONE or not core:
        return _markdown_escape(text)
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    body = _markdown_escape(core)
    if style & (Style.SUPERSCRIPT | Style.SUBSCRIPT):
        body = body.replace(" ", "\\ ")  # a script holds no plain space in pandoc
    opening = "".join(start for flag, start, _ in _MARKDOWN if flag in style)
    closing = "".join(end for flag, _, end in reversed(_MARKDOWN) if flag in style)
    return f"{_markdown_escape(lead)}{opening}{body}{closing}{_markdown_escape(trail)}"


def _runs_markdown(runs: tuple[Run, ...]) -> str:
    out = ""
    pending: list[tuple[str, Style]] = []

    def flush() -> str:
        joined = "".join(styled_markdown(text, style) for text, style in pending)
        pending.clear()
        return joined

    for run in runs:
        if not _visible(run):
            continue
        if run.footnote is not None:
            out += flush() + f"[^{run.footnote}]"
        elif pending and pending[-1][1] == run.style:
            pending[-1] = (pending[-1][0] + run.text, run.style)
        else:
            pending.append((run.text, run.style))
    return out + flush()


def _runs_plain(runs: tuple[Run, ...]) -> str:
    return "".join(
        str(run.footnote).translate(_SUPERSCRIPT) if run.footnote is not None else run.text
        for run in runs if _visible(run)
    )


def _prefix(block: Block, label: str, *, indent_subparagraphs: bool = True) -> str:
    # markdown reads an indented line as code, so there the label alone shows the level
    indent = INDENT * block.level if block.role is Role.SUBPARAGRAPH and indent_subparagraphs else ""
    return f"{indent}{label} " if label else indent


def _blank(block: Block) -> bool:
    """A heading line with no text (a rule under the masthead), a section break: nothing to
    show in text."""
    return block.role in (Role.HEADER, Role.SECTION_BREAK) and not block.runs


def to_markdown(tree: DocTree) -> str:
    """Return markdown: italic openings (`*Recalling*`), numbers written out, footnotes at the end."""
    paragraphs: list[str] = []
    for block, label in zip(tree.blocks, labels(tree)):
        if block.role is Role.SECTION_BREAK:
            paragraphs.append("* * *")  # a document of its own follows (the memorandum)
            continue
        if _blank(block):
            continue
        text = _runs_markdown(block.runs)
        if (table := block.shown_table) is not None:
            paragraphs.append(_table_markdown(table))
        elif block.role is Role.TITLE:
            paragraphs.append(f"# {text}")
        elif block.role is Role.ANNEX_TITLE:
            paragraphs.append(f"## {text}")
        else:
            # a backslash keeps "1." from becoming a markdown list that renumbers itself
            shown = label.replace(".", "\\.", 1) if label.endswith(".") else label
            paragraphs.append(_prefix(block, shown, indent_subparagraphs=False) + text)
    paragraphs.extend(f"[^{note.number}]: {_runs_markdown(note.runs)}" for note in tree.footnotes)
    return "\n\n".join(paragraphs) + "\n"


def _table_markdown(table: Table) -> str:
    """A pandoc pipe table; without heading rows, an empty heading (pandoc reads it as none)."""
    width = max((len(row) for row in table.rows), default=1) or 1

    def line(cells) -> str:
        texts = [_runs_markdown(cell).replace("|", "\\|") for cell in cells]
        return "| " + " | ".join(texts + [""] * (width - len(texts))) + " |"

    heads = table.rows[:table.header_rows] or ((),)
    body = table.rows[table.header_rows:] if table.header_rows else table.rows
    lines = [line(heads[0]), "|" + "---|" * width]
    lines += [line(row) for row in [*heads[1:], *body]]
    return "\n".join(lines)


def _table_plain(table: Table) -> str:
    """One line per row, cells apart with ' | '."""
    return "\n".join(" | ".join(_runs_plain(cell) for cell in row) for row in table.rows)


def to_plain(tree: DocTree) -> str:
    """Return plain text with the computed numbers ('1.', '(a)') and footnotes listed at the end."""
    paragraphs = [_table_plain(table) if (table := block.shown_table) is not None
                  else _prefix(block, label) + _runs_plain(block.runs)
                  for block, label in zip(tree.blocks, labels(tree)) if not _blank(block)]
    if tree.footnotes:
        paragraphs.append("__________")
        paragraphs.extend(f"{str(note.number).translate(_SUPERSCRIPT)} {_runs_plain(note.runs)}"
                          for note in tree.footnotes)
    return "\n\n".join(paragraphs) + "\n"
