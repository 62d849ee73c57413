"""Benchmark: reading and importing a large resolution DOCX (draftkit import), and checking a
returned file against its version (draftkit import --contribution).

    python benchmarks/bench_import.py [PARAGRAPHS]

Generates a project with PARAGRAPHS paragraphs (default 1,000: 30% preambular, operative
ones with two sub-paragraphs every fifth, a footnote every tenth), builds its DOCX with
draftkit's renderer, then times each stage (best of 3).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from draftkit.docxread import read_docx
from draftkit.importing import import_contribution, import_document, write_import
from draftkit.loading import open_draft
from draftkit.render.docx import write_docx
from draftkit.render.layout import layout

# Time draftkit as installed for a user: with its bytecode cache (some shells set
# PYTHONDONTWRITEBYTECODE, which makes every run compile every module again).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def project(root: Path, count: int) -> Path:
    lines = ["version: 1", "date: 2021-07-15", "body: ipu-assembly", "session: '143'", "languages: [en]",
             "title: {en: A generated resolution}", "preambular:"]
    pp = int(count * 0.3)
    for i in range(count):
        if i == pp:
            lines.append("operative:")
        opening = "Recalling" if i < pp else "Urges"
        note = f"[^n{i}]" if i % 10 == 0 else ""
        lines += [f"  - id: p{i}", f"    opening: {{en: {opening}}}",
                  f"    text: {{en: 'the commitment number {i} made by the parliaments of the world{note}'}}"]
        if note:
            lines.append(f"    footnotes: {{n{i}: {{en: 'Document A/{i}.'}}}}")
        if i >= pp and i % 5 == 0:
            lines += ["    subparagraphs:", f"      - text: {{en: to act on item {i}}}",
                      f"      - text: {{en: to report on item {i}}}"]
    (root / "drafts").mkdir(parents=True)
    (root / "draftkit.yaml").write_text("name: bench\n", encoding="utf-8")
    (root / "drafts" / "draft-1.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def best(function, runs: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as folder:
        root = project(Path(folder) / "bench", count)
        _, draft = open_draft(root)
        docx = Path(folder) / "bench.docx"
        docx.write_bytes(write_docx(layout(draft, "en")))
        read_s, doc = best(lambda: read_docx(docx))
        classify_s, imported = best(lambda: import_document(doc, "en"))
        targets = iter(range(10))
        write_s, _ = best(lambda: write_import(imported, Path(folder) / f"out{next(targets)}"))
        check_s, _ = best(lambda: import_contribution(doc, root, 1))
        print(f"{count} paragraphs, DOCX {docx.stat().st_size // 1024} KB")
        print(f"  read_docx            {read_s * 1000:7.1f} ms")
        print(f"  classify (import)    {classify_s * 1000:7.1f} ms")
        print(f"  check in memory + write {write_s * 1000:4.1f} ms")
        print(f"  --contribution match {check_s * 1000:7.1f} ms (render the version, pair every paragraph)")


if __name__ == "__main__":
    main()
