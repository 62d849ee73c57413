"""Draft versions on disk: a version contributions respond to is frozen (its numbers and
words are what delegations quoted), and the next version starts as a copy of the latest.

Knows draft files as text and where contributions are; not the edits themselves (`edit`).
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Iterator

from draftkit.errors import InputError
from draftkit.files import edit_lock, write_atomic
from draftkit.loading import Project, open_draft
from draftkit.loading.contributions import responses
from draftkit.model import Draft

#: A directive or a document start among a file's opening lines (kept where the header is replaced).
_DOCUMENT_START = re.compile(r"%|---(?:[ \t]+#.*)?\s*$")


@contextmanager
def version_to_edit(target: Path, new_version: bool) -> Iterator[tuple[Project, Draft]]:
    """Yield the project and the draft to edit: the one at `target`, refused when
    contributions respond to it; with `new_version`, a copy of it as the next version
    (removed again when the edit fails, so a refused edit leaves no file behind). The
    project's edit lock is held for the whole block."""
    with edit_lock(target):  # held from the read to the write: parallel edits queue, none is lost
        project, draft = open_draft(target)
        if not new_version:
            _refuse_answered(project, draft)
            yield project, draft
            return
        path = copy_as_next_version(project, draft, date.today())
        try:
            yield open_draft(path)
        except BaseException:
            path.unlink(missing_ok=True)
            raise


def _refuse_answered(project: Project, draft: Draft) -> None:
    """Contributions quote a version's words and numbers: editing it would retarget them."""
    own = draft.path is not None and draft.path.resolve() in {p.resolve() for p in project.draft_files.values()}
    found = [r for r in responses(project.config.contributions) if r.responds_to == draft.meta.version] if own else []
    if found:
        from draftkit.wording import count, join, verb

        rounds = join(sorted({r.round for r in found}))
        raise InputError(
            f"{count(len(found), 'contribution')} of {rounds} {verb(len(found), 'responds')} to draft"
            f" {draft.meta.version}; editing it would change the paragraphs they quote",
            where=draft.path,
            fix=f"use --new-version to write the edit as draft {project.latest_version() + 1}",
        )


_TOP_KEY = re.compile(r"^[^\s#-][^:]*:")

#: Top-level keys a new version does not take from the one it copies.
NOT_INHERITED = ("merged:", "provenance:", "deadline:")


def copy_as_next_version(project: Project, draft: Draft, day: date) -> Path:
    """Write `draft`'s file as the next version (`drafts/draft-<N+1>.yaml`) and return its path.

    Every byte is kept (comments included) except `version:` and `date:`, the
    `merged:` and `provenance:` blocks, which say how `draft` itself was made, and
    `deadline:`, which closed the round on `draft`: like a merged draft, the new version
    has no deadline until the co-rapporteurs set the next one (else every contribution
    to it would count as late).
    """
    number = project.latest_version() + 1
    refuse_earlier_date(draft, day, f"draft {number}")
    path = project.config.drafts / f"draft-{number}.yaml"
    if path.exists():
        raise InputError(f"{path.name} exists but is not version {number}", where=path,
                         fix="give it the 'version:' its name says, or rename it")
    assert draft.path is not None
    try:
        # Bytes, not read_text: universal newlines would turn a CRLF file into LF.
        original = draft.path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the draft: {exc}", where=draft.path) from None
    kept: list[str] = []
    dropping = False
    for line in original.splitlines(keepends=True):
        if _TOP_KEY.match(line):
            dropping = line.startswith(NOT_INHERITED)
        if not dropping:
            kept.append(line)
    text = fresh_header("".join(kept), f"Version {number}: a copy of draft {draft.meta.version}, made on "
                        f"{day.isoformat()} to edit it while contributions answer draft {draft.meta.version}.")
    text = re.sub(r"^(version:[ \t]*)['\"]?\d+['\"]?", rf"\g<1>{number}", text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^(date:[ \t]*)['\"]?[0-9-]+['\"]?", rf"\g<1>{day.isoformat()}", text, count=1, flags=re.MULTILINE)
    write_atomic(path, text.encode("utf-8"), inputs=project.draft_files.values(), new_file=True)
    return path


def refuse_earlier_date(previous: Draft, day: date, what: str) -> None:
    """A new version is never dated before the version it follows: the order of dates is
    the order delegations read the drafts in (and `status` and `diff` show)."""
    if day < previous.meta.date:
        raise InputError(
            f"{what} would be dated {day.isoformat()}, before draft {previous.meta.version} "
            f"({previous.meta.date.isoformat()}) that it follows",
            where=previous.path,
            fix=f"give a date on or after {previous.meta.date.isoformat()} (merge --date), or correct draft "
                f"{previous.meta.version}'s 'date:'",
        )


def fresh_header(text: str, header: str) -> str:
    """`text` with its opening comment block (which described the version it was copied
    from) replaced by `header`; comments further down, about paragraphs, are kept."""
    lines = text.splitlines(keepends=True)
    modeline = lines.pop(0) if lines and lines[0].startswith("# yaml-language-server:") else ""  # stays first
    end, marks = 0, []  # a '%YAML' directive or a '---' among the opening lines stays, the comments go
    while end < len(lines) and (lines[end].lstrip().startswith("#") or not lines[end].strip()
                                or _DOCUMENT_START.match(lines[end])):
        if lines[end].strip() and not lines[end].lstrip().startswith("#"):
            marks.append(lines[end])
        end += 1
    newline = "\r\n" if text.count("\r\n") * 2 > text.count("\n") else "\n"
    block = "".join(f"# {line}{newline}" for line in header.splitlines())
    return modeline + block + "".join(marks) + "".join(lines[end:])
