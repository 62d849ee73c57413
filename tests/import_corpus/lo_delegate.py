"""LibreOffice as a delegation's word processor, for the import tests and corpus.

`lo_edit(jobs)` runs ONE headless LibreOffice (tests/corpus/lo_edit.py's `Office` and
`Editor`) for a batch of DOCX files: each is loaded hidden, edited through the UNO text API
— first without Record Changes (a base retouched by hand: punctuation, apostrophes), then
with it on under the job's author — and saved with LibreOffice's "MS Word 2007 XML" filter.
Nothing of the file is written by draftkit. The UNO side runs under Debian's /usr/bin/python3
(python3-uno); this file is also that worker script.

A job: {"docx": IN, "out": OUT, "author": NAME, "ops": [...], "accepted": TEXT FILE (optional)}.
Operations (applied in order; `find` is literal text, its first occurrence):
    {"op": "untracked", "find": S, "text": T}       every S replaced by T, changes not recorded
    {"op": "track"}                                  Record Changes on from here
    {"op": "insert", "after": S, "text": T}          T typed after S
    {"op": "delete", "find": S}                      S deleted
    {"op": "replace", "find": S, "text": T}          S overtyped by T
    {"op": "paragraph", "after": S, "italic": O, "text": T}
                                                     a new paragraph after the one holding S: O in
                                                     italics, then T
    {"op": "move", "find": S, "before": S2}          the paragraph holding S cut and pasted before
                                                     the one holding S2
`accepted` names a text file where LibreOffice writes the document with every tracked change
accepted ("Text (encoded)", list numbers included): what the imported proposals, merged,
must read as.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

UNO_PYTHON = "/usr/bin/python3"
CORPUS_TOOLS = Path(__file__).resolve().parents[1] / "corpus"


def lo_edit(jobs: list[dict], timeout: float = 240) -> None:
    """Edit each job's `docx` into its `out` (see the module docstring)."""
    with tempfile.TemporaryDirectory(prefix="lo-delegate-") as tmp:
        folder = Path(tmp)
        spec = [{**job, "docx": str(Path(job["docx"]).resolve()), "out": str(Path(job["out"]).resolve()),
                 "accepted": str(Path(job["accepted"]).resolve()) if job.get("accepted") else ""} for job in jobs]
        (folder / "jobs.json").write_text(json.dumps(spec), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        done = subprocess.run([UNO_PYTHON, __file__, str(folder)], capture_output=True, text=True,
                              timeout=timeout, env=env)
        if done.returncode != 0:
            raise RuntimeError(f"LibreOffice worker failed: {done.stderr[-3000:]}")


# --- the worker, run under /usr/bin/python3 ---------------------------------------------


def _worker(folder: Path) -> None:  # pragma: no cover - runs in the other interpreter
    sys.path.insert(0, str(CORPUS_TOOLS))
    from lo_edit import Editor, Office, prop

    office = Office(folder / "profile")
    try:
        dispatcher = office.context.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper",
                                                                             office.context)
        for job in json.loads((folder / "jobs.json").read_text(encoding="utf-8")):
            doc = office.desktop.loadComponentFromURL(Path(job["docx"]).as_uri(), "_blank", 0,
                                                      (prop("Hidden", True),))
            editor = Editor(office.context, office.desktop, doc)
            editor.op_author(job.get("author", "Delegation"))
            for op in job["ops"]:
                _apply(editor, op)
            doc.storeToURL(Path(job["out"]).as_uri(), (prop("FilterName", "MS Word 2007 XML"),))
            if job["accepted"]:
                dispatcher.executeDispatch(doc.getCurrentController().getFrame(), ".uno:AcceptAllTrackedChanges",
                                           "", 0, ())
                doc.storeToURL(Path(job["accepted"]).as_uri(),
                               (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8,LF")))
            doc.close(True)
    finally:
        office.close()


def _apply(editor, op: dict) -> None:  # pragma: no cover - runs in the other interpreter
    from com.sun.star.awt.FontSlant import ITALIC, NONE

    kind, doc = op["op"], editor.doc
    if kind == "untracked":
        doc.RecordChanges = False
        replace = doc.createReplaceDescriptor()
        replace.SearchString, replace.ReplaceString = op["find"], op["text"]
        replace.SearchCaseSensitive = True
        if doc.replaceAll(replace) == 0:
            raise SystemExit(f"not found: {op['find']!r}")
    elif kind == "track":
        editor.op_record(True)
    elif kind == "insert":
        editor.op_insert_after(op["after"], op["text"])
    elif kind == "delete":
        editor.op_delete(op["find"])
    elif kind == "replace":
        editor.op_replace(op["find"], op["text"])
    elif kind == "paragraph":
        cursor = editor.paragraph(op["after"])
        cursor.collapseToEnd()
        cursor.Text.insertControlCharacter(cursor, 0, False)  # PARAGRAPH_BREAK
        cursor.setPropertyValue("CharPosture", ITALIC)
        cursor.Text.insertString(cursor, op["italic"], False)
        cursor.setPropertyValue("CharPosture", NONE)
        cursor.Text.insertString(cursor, op["text"], False)
    elif kind == "move":
        editor.op_move_paragraph(op["find"], op["before"])
    else:
        raise SystemExit(f"unknown operation {kind!r}")


if __name__ == "__main__":
    _worker(Path(sys.argv[1]))
