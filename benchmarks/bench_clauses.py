"""Benchmark: `draftkit clauses` over a 2,000-clause library, whole process (target < 0.5 s).

    python benchmarks/bench_clauses.py [--clauses 2000] [--runs 5]

Writes a throw-away project with one library file of N bilingual clauses (footnotes,
sub-paragraphs, tags) in a temporary folder, then times `draftkit clauses` (list all),
a text search and `clauses show`, each as a fresh process; prints the best and median.
The first run parses the library (cold: no cache yet); later runs read the parsed
library from the cache (DRAFTKIT_CACHE, pointed at the temporary folder here).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Time draftkit as installed for a user: with its bytecode cache (some shells set
# PYTHONDONTWRITEBYTECODE, which makes every run compile every module again).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def library(count: int) -> str:
    out = ["clauses:"]
    for n in range(count):
        kind = "preambular" if n % 3 else "operative"
        out += [
            f"  - id: clause-{n:04d}",
            f"    kind: {kind}",
            "    opening: {en: Recalling, fr: Rappelant}" if kind == "preambular" else "    opening: {en: Urges, fr: Exhorte}",
            "    text:",
            f"      en: the resolution {n} on [the rights of the child] and its follow-up in the digital environment[^fn]",
            f"      fr: la résolution {n} sur [les droits de l'enfant] et son suivi dans l'environnement numérique[^fn]",
            "    footnotes:",
            f"      fn: {{en: Document A/RES/{n}., fr: Document A/RES/{n}.}}",
            f"    tags: [topic-{n % 17}, children]",
        ]
        if n % 5 == 0:
            out += ["    subparagraphs:",
                    "      - text: {en: by adopting legislation, fr: en adoptant une législation}",
                    "      - text: {en: by training officers, fr: en formant les agents}"]
    return "\n".join(out) + "\n"


def time_command(args: list[str], cwd: Path, runs: int, env: dict[str, str]) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "draftkit", *args], cwd=cwd, capture_output=True, text=True,
                              env=env)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"draftkit {' '.join(args)} failed: {done.stderr}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clauses", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "draftkit.yaml").write_text("name: bench\n", encoding="utf-8")
        (root / "clauses").mkdir()
        (root / "clauses" / "big.yaml").write_text(library(options.clauses), encoding="utf-8")
        env = {**os.environ, "DRAFTKIT_CACHE": str(root / "cache"), "COLUMNS": "120"}
        cold = time_command(["clauses"], root, 1, env)[0]
        print(f"{'clauses (cold: parse + fill cache)':<34} {cold:.3f} s")
        for label, args in [
            ("clauses (list all)", ["clauses"]),
            ("clauses 'digital 1999'", ["clauses", "digital 1999"]),
            ("clauses --tag topic-3 --lang fr", ["clauses", "--tag", "topic-3", "--lang", "fr"]),
            ("clauses show clause-1500", ["clauses", "show", "clause-1500"]),
            ("--help (start-up floor)", ["--help"]),
        ]:
            times = time_command(args, root, options.runs, env)
            print(f"{label:<34} best {min(times):.3f} s  median {statistics.median(times):.3f} s"
                  f"  ({options.clauses} clauses, {options.runs} runs)")


if __name__ == "__main__":
    main()
