"""The legend a printed or tracked redline begins with: each author and how many paragraphs
they changed ("Changes from draft 1 to draft 2: France 3, Kenya 2, Co-rapporteurs 7"), so a
reader can tell who asked for what whatever colours their word processor gives authors.

It goes in the first page's header: the body keeps exactly the tracked text, so accepting
or rejecting every change still gives NEW or OLD. Knows the change model and the document
tree; no Word XML.
"""

from __future__ import annotations

from dataclasses import replace

from draftkit.diff.changes import Comparison
from draftkit.languages import known, language as language_data
from draftkit.render.tree import Block, DocTree, PageSetup, Role, Run


def legend_text(comparison: Comparison, language: str) -> list[Run]:
    """The legend's runs: the label, then each author in bold with their count."""
    summary = comparison.summary()
    labels = language_data(language if known(language) else "en").section("redline")
    template = labels.text("legend")
    names = [(name, count) for name, count in summary.by_author]
    head, _, tail = template.replace("{old}", comparison.old_name).replace("{new}", comparison.new_name) \
        .partition("{authors}")
    runs = [Run(head)]
    for index, (name, count) in enumerate(names):
        if index:
            runs.append(Run(labels.text("separator")))
        runs.append(Run(name, bold=True))
        runs.append(Run(f" {count}"))
    if not names:
        runs.append(Run(labels.text("none")))
    runs.append(Run(tail))
    return [r for r in runs if r.text]


def with_legend(tree: DocTree, comparison: Comparison) -> DocTree:
    """`tree` whose first page's header is the legend (any first-page header it had is replaced)."""
    block = Block(Role.HEADER, tuple(legend_text(comparison, tree.language)), style="legend")
    page = tree.page or PageSetup()
    regions = tuple((name, blocks) for name, blocks in page.regions if name != "first-header")
    return replace(tree, page=replace(page, regions=(("first-header", (block,)), *regions)))

