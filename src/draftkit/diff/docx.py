"""Write a redline tree of two drafts as a DOCX with draftkit's own writer, and how a
printed redline keeps its list levels. Paragraphs, runs and the zip are written by
`render.docx`. Knows nothing of diffing. (Redlines of DOCX files: `diff.ooxml`.)
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from draftkit.render import docx as writer
from draftkit.render.tree import DocTree, Role


def tracked_docx(tree: DocTree, *, reference: Path | None = None, author: str = "draftkit",
                 printed: bool = False) -> bytes:
    """Return the DOCX bytes of a redline tree of drafts, identical for identical input:
    draftkit's writer builds the package with `reference`'s styles. `printed`: list
    numbers typed as text (see `redline.numbers_as_text`), each paragraph keeping its
    list level's indentation. (DOCX files are redlined in their own package: `diff.ooxml`.)"""
    if printed:
        tree = _typed_numbers(tree)
    return writer.write_docx(tree, reference, author=author)


def _typed_numbers(tree: DocTree) -> DocTree:
    """The tree with numbers as text; a paragraph that lost its list keeps the list level's
    indent and tab through its own properties (a foreign paragraph keeps its numbering)."""
    from draftkit.diff.redline import numbers_as_text

    typed = numbers_as_text(tree)
    blocks = []
    for before, block in zip(tree.blocks, typed.blocks):
        if before.numbered and not block.numbered and block.raw_ppr is None:
            block = replace(block, raw_ppr=_indented_ppr(block.role, block.level), format_change=None)
        blocks.append(block)
    return replace(typed, blocks=tuple(blocks))


def _indented_ppr(role: Role, level: int) -> str:
    if role is Role.PREAMBULAR:
        indent, tabs = '<w:ind w:left="0" w:firstLine="0"/>', ""
    else:
        indent = writer.LEVEL_INDENTS[min(level, len(writer.LEVEL_INDENTS) - 1)]
        tabs = '<w:tabs><w:tab w:val="left" w:pos="1134"/></w:tabs>' if level == 0 else ""
    return f'<w:pPr><w:pStyle w:val="{writer.ROLE_STYLES[role]}"/>{tabs}{indent}</w:pPr>'
