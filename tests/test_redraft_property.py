"""redraft, the writer of merged drafts: for any set of changes a merge can make to a
hand-written draft (paragraphs deleted, moved, added, texts changed in some languages,
standing and translation records set, metadata changed), the edited file loads as
exactly the new draft and keeps the comments of every paragraph still there."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from hypothesis import HealthCheck, example as case, given, settings
from hypothesis import strategies as st

from draftkit.loading import Project, open_draft
from draftkit.loading.draft import load_draft
from draftkit.loading.serialize import meta_data
from draftkit.model import Kind, Paragraph, ParagraphId, Standing, TranslationSource
from draftkit.redraft import redraft
from test_merge_writes import commented
from test_negotiation_decide import example

OPS = st.lists(st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 40)),
    st.tuples(st.just("move"), st.integers(0, 40), st.integers(0, 40)),
    st.tuples(st.just("amend"), st.integers(0, 40), st.sampled_from(["en", "fr", "es", "ar"])),
    st.tuples(st.just("add"), st.integers(0, 40)),
    st.tuples(st.just("standing"), st.integers(0, 40), st.sampled_from(list(Standing))),
    st.tuples(st.just("record"), st.integers(0, 40)),
), max_size=8)


def changed(draft, ops):
    """`draft` with `ops` applied to its operative paragraphs, as a merge would change them."""
    operative = list(draft.operative)
    for n, op in enumerate(ops):
        at = op[1] % len(operative) if operative else 0
        if op[0] == "delete" and len(operative) > 1:
            operative.pop(at)
        elif op[0] == "move":
            operative.insert(op[2] % len(operative), operative.pop(at))
        elif op[0] == "amend":
            p = operative[at]
            operative[at] = replace(p, text={**p.text, op[2]: p.text.get(op[2], "") + f" and review {n}"})
        elif op[0] == "add":
            words = {"en": f"parliaments to act {n}", "fr": f"les parlements à agir {n}",
                     "es": f"a los parlamentos a actuar {n}", "ar": f"البرلمانات إلى العمل {n}"}
            opening = {"en": "Calls upon", "fr": "Demande", "es": "Exhorta", "ar": "تهيب"}
            operative.insert(at, Paragraph(id=ParagraphId(f"op-act-{n}"), kind=Kind.OPERATIVE, opening=opening,
                                           text=words, source="Kenya, KEN-9"))
        elif op[0] == "standing":
            operative[at] = replace(operative[at], status=op[2])
        elif op[0] == "record":
            operative[at] = replace(operative[at], translations={"fr": TranslationSource("en", f"{n:010x}")})
    meta = replace(draft.meta, version=3, date=date(2021, 6, 20), deadline=None)
    return replace(draft, meta=meta, operative=tuple(operative))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(OPS)
def test_the_edited_file_loads_as_the_new_draft_and_keeps_the_comments(tmp_path_factory, ops):
    root = example(tmp_path_factory.mktemp("redraft"))
    comments = commented(root)
    library = Project.open(root).library
    _, before = open_draft(root, 2)
    after = changed(before, ops)
    text = redraft(before.path.read_text(encoding="utf-8"), before.path, before, after, "Version 3", library)
    assert text is not None
    again = load_draft(root / "drafts" / "draft-3.yaml", library, text=text)
    assert again == replace(after, meta=again.meta) and meta_data(again.meta) == meta_data(after.meta)
    assert text.startswith("# Version 3\n")
    kept = {p.id for p in after.operative}
    expected = [c for c in comments if not ("op-ratify-instruments" not in kept and "Secretariat" in c)
                and not ("op-criminalize-all-forms" not in kept and "core of the text" in c)]
    assert [c for c in expected if c not in text.splitlines()] == []


def _unindented(text: str, key: str) -> str:
    """The `key` list written with its '- ' at the key's column (as many editors do)."""
    lines = text.split("\n")
    start = lines.index(f"{key}:") + 1
    end = next((n for n in range(start, len(lines)) if lines[n] and not lines[n].startswith((" ", "#"))), len(lines))
    lines[start:end] = [line[2:] if line.startswith("  ") else line for line in lines[start:end]]
    return "\n".join(lines)


#: Ways drafters and their editors save the same draft: each keeps what it loads as.
STYLES = {
    "unindented operative": lambda t: _unindented(t, "operative"),
    "unindented preambular": lambda t: _unindented(t, "preambular"),
    "flow items": lambda t: re.sub(r"(?m)^( *)- clause: (op-criminalize-all-forms|op-decides-review-progress)\b(.*)$",
                                   r"\1- {clause: \2}\3", t),
    "literal texts": lambda t: t.replace("en: >-\n", "en: |-\n").replace("fr: >-\n", "fr: >\n"),
    "quoted keys": lambda t: re.sub(r"(?m)^( *)- clause: op-", r'\1- "clause": op-', t).replace("\n    text:\n", "\n    'text':\n"),
    "comments between items": lambda t: re.sub(r"(?m)^( *)- clause: op-digital", r"\1# between items\n\n\1- clause: op-digital", t)
                                         .replace("\npreambular:\n", "\npreambular:   # the preamble\n"),
    "deadline last": lambda t: t.replace("deadline: 2021-06-14T23:59:00+02:00\n", "")
                                + "deadline: 2021-06-14T23:59:00+02:00  # Geneva time\n",
    "non-ascii comments": lambda t: re.sub(r"(?m)^( *)- clause: op-gender", r"\1# 中文注释 تعليق\n\1- clause: op-gender", t),
    "trailing spaces": lambda t: "\n".join(line + "  " if line.strip() and not line.endswith(">-") else line
                                          for line in t.split("\n")),
    "document markers": lambda t: t.replace("\nversion:", "\n---\nversion:", 1) + "...\n# after the document\n",
    "no final line end": lambda t: t.rstrip("\n"),
}
SAVED = st.tuples(st.sets(st.sampled_from(sorted(STYLES))), st.sampled_from(["\n", "\r\n"]), st.booleans())


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(SAVED, OPS)
# the list ran past a document end ('...'): a paragraph added last was written after it
@case(({"document markers"}, "\n", False), [("delete", 0), ("delete", 0), ("delete", 0), ("add", 0), ("move", 0, 15)])
def test_a_draft_saved_in_any_style_is_edited_into_the_new_draft(tmp_path_factory, saved, ops):
    """The same draft written in styles a YAML editor allows (and a byte-order mark, CRLF):
    the edit is made, not given up, and loads as exactly the new draft with every comment."""
    styles, newline, mark = saved
    root = example(tmp_path_factory.mktemp("styles"))
    commented(root)
    path = root / "drafts" / "draft-2.yaml"
    text = path.read_text(encoding="utf-8")
    for name in (name for name in STYLES if name in styles):  # in this order
        text = STYLES[name](text)
    text = ("\ufeff" if mark else "") + text.replace("\n", newline)
    path.write_bytes(text.encode("utf-8"))
    library = Project.open(root).library
    _, before = open_draft(root, 2)
    after = changed(before, ops)
    edited = redraft(text, before.path, before, after, "Version 3", library)
    assert edited is not None
    again = load_draft(root / "drafts" / "draft-3.yaml", library, text=edited)
    assert again == replace(after, meta=again.meta) and meta_data(again.meta) == meta_data(after.meta)
    body = text[text.index("version:"):]
    kept = {p.id for p in after.operative}
    owners = {"Secretariat": "op-ratify-instruments", "between items": "op-digital-literacy",
              "中文注释": "op-gender-responsive"}  # a comment above a paragraph goes with it
    comments = [line.strip() for line in body.splitlines() if line.lstrip().startswith("#")
                and all(owner in kept or words not in line for words, owner in owners.items())]
    assert [c for c in comments if c not in edited] == []
