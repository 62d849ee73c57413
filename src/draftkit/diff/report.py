"""A comparison as text for sharing and scripting: plain text, JSON, markdown and HTML.

Knows the change model; builds strings and prints nothing (the CLI prints, and
draws the coloured terminal view itself; `as_text` is the same view without colour).
"""

from __future__ import annotations

from typing import Callable

from draftkit.diff.changes import BlockChange, Comparison, Piece, Status
from draftkit.diff.words import Op
from draftkit.render.tree import Run


def as_json(comparison: Comparison) -> str:
    """Return the comparison as JSON: summary, then every reported paragraph's word diff."""
    summary = comparison.summary()

    def pieces(items: tuple[Piece, ...]) -> list[dict]:
        return [{"op": p.op.value, "text": p.text, **({"author": p.author} if p.author else {})} for p in items]

    data = {
        "old": comparison.old_name,
        "new": comparison.new_name,
        "notices": list(comparison.notices),
        "summary": {
            "inserted": summary.inserted,
            "deleted": summary.deleted,
            "changed": summary.changed,
            "moved": summary.moved,
            "by_author": dict(summary.by_author),
        },
        "changes": [
            {
                "status": change.status.value,
                "key": (change.new or change.old).key,  # type: ignore[union-attr]
                "old_label": change.old_label,
                "new_label": change.new_label,
                "heading": change.heading,
                "author": change.author or None,
                "edited": change.edited,
                "pieces": pieces(change.pieces),
                "formatting": formatting_changes(change),
                "footnotes": [{"old_number": f.old_number, "new_number": f.new_number, "pieces": pieces(f.pieces)}
                              for f in change.footnotes if f.changed],
            }
            for change in comparison.reported()
        ],
    }
    import json  # here: only -f json needs it

    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _html(text: str) -> str:
    import html  # here, not at the top: a DOCX redline never needs it

    return html.escape(text, quote=False)


def _marked(change: BlockChange, ins: tuple[str, str], dele: tuple[str, str], escape: Callable[[str], str] = _html) -> str:
    parts = []
    for piece in change.pieces:
        text = escape(piece.text)
        if piece.op is Op.INSERT:
            parts.append(f"{ins[0]}{text}{ins[1]}")
        elif piece.op is Op.DELETE:
            parts.append(f"{dele[0]}{text}{dele[1]}")
        elif piece.restyled:
            parts.append("".join(_restyled(run, escape) for run in piece.runs if run.footnote is None))
        else:
            parts.append(text)
    for note in change.footnotes:
        if note.changed:
            body = _marked(BlockChange(change.status, None, None, note.pieces), ins, dele, escape)
            parts.append(f" [footnote {note.new_number}: {body}]")
    return "".join(parts)


def _restyled(run: Run, escape: Callable[[str], str]) -> str:
    """A run whose formatting changed: its words, then what changed ('{~italic added~}')."""
    if run.was is None:
        return escape(run.text)
    words = run.text.rstrip()
    return f"{escape(words)}{{~{run.was.described(run.style)}~}}{escape(run.text[len(words):])}"


def formatting_changes(change: BlockChange) -> list[str]:
    """What each formatting change of the paragraph did: ['“Treaty Series”: italic added']."""
    runs = [r for p in change.pieces if p.restyled for r in p.runs if r.was is not None]
    runs += [r for f in change.footnotes for p in f.pieces if p.restyled for r in p.runs if r.was is not None]
    return [f"“{r.text.strip()}”: {r.was.described(r.style)}" for r in runs if r.was is not None]


def heading_line(change: BlockChange) -> tuple[str, str, str]:
    """Return the three parts of a paragraph's line in the text report: its heading
    ('OP5 → OP6'), what happened ('moved and edited'), who ('France, Kenya' or '')."""
    status = change.status.value
    if change.status is Status.MOVED and change.edited:
        status += " and edited"
    if change.status is Status.CHANGED and not any(p.op is not Op.EQUAL for p in change.pieces) and not any(
            p.op is not Op.EQUAL for f in change.footnotes for p in f.pieces):
        status = "formatting changed"
    return change.heading, status, ", ".join(sorted(change.authors()))


def shows_words(change: BlockChange) -> bool:
    """False for a paragraph only moved: its words need not be shown again."""
    return change.status is not Status.MOVED or change.edited


def as_text(comparison: Comparison) -> str:
    """Return the plain-text report: each paragraph's words with `[-deleted-]` and
    `{+inserted+}` marks (as `git diff --word-diff=plain`), then the summary."""
    reported = comparison.reported()
    if not reported:
        return f"No changes between {comparison.old_name} and {comparison.new_name}.\n"
    lines = []
    for change in reported:
        lines.append("  ".join(part for part in heading_line(change) if part))
        if shows_words(change):
            lines.append(_marked(change, ("{+", "+}"), ("[-", "-]"), str))
        lines.append("")
    lines.append(summary_line(comparison))
    by_author = comparison.summary().by_author
    if by_author:
        lines.append("changes per author: " + ", ".join(f"{n} {c}" for n, c in by_author))
    return "\n".join(lines) + "\n"


def _title(change: BlockChange) -> str:
    heading, status, by = heading_line(change)
    return f"{heading} ({status}{'; ' + by if by else ''})"


def summary_line(comparison: Comparison) -> str:
    """Return 'N inserted · N deleted · N changed · N moved paragraphs'."""
    s = comparison.summary()
    return f"{s.inserted} inserted · {s.deleted} deleted · {s.changed} changed · {s.moved} moved paragraphs"


def as_markdown(comparison: Comparison) -> str:
    """Return the comparison as markdown (insertions in <ins>, deletions in <del>)."""
    lines = [f"# Changes from {comparison.old_name} to {comparison.new_name}", ""]
    for change in comparison.reported():
        lines += [f"## {_title(change)}", "", _marked(change, ("<ins>", "</ins>"), ("<del>", "</del>")), ""]
    import html

    lines += ["## Summary", "", summary_line(comparison), "", "| author | paragraphs |", "|---|---|"]
    lines += [f"| {html.escape(name)} | {count} |" for name, count in comparison.summary().by_author]
    return "\n".join(lines) + "\n"


def as_html(comparison: Comparison) -> str:
    """Return the comparison as a standalone HTML page."""
    import html

    title = html.escape(f"Changes from {comparison.old_name} to {comparison.new_name}")
    body = [f"<h1>{title}</h1>"]
    for change in comparison.reported():
        body.append(f"<h2>{html.escape(_title(change))}</h2>")
        body.append(f"<p>{_marked(change, ('<ins>', '</ins>'), ('<del>', '</del>'))}</p>")
    body.append(f"<h2>Summary</h2><p>{html.escape(summary_line(comparison))}</p><table>")
    body += [f"<tr><td>{html.escape(n)}</td><td>{c}</td></tr>" for n, c in comparison.summary().by_author]
    body.append("</table>")
    style = "ins{color:#1a7f37;text-decoration:underline}del{color:#cf222e}body{font-family:serif;max-width:50em}"
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{style}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")
