"""The floor of every command, where the time goes, and `diff` against other redline engines.

    python benchmarks/bench_cli.py                 # floors and breakdown, on the bundled example
    python benchmarks/bench_cli.py --peers         # also DOCX diff ratios against Docxodus and jubarte
    python benchmarks/bench_cli.py --runs 11

Whole processes, warm cache (bytecode written, parsed YAML cached), median of --runs.
Targets (issue 13): `--help`, `status`, `check`, `diff 1 2` of the example under 0.12 s;
a 300-paragraph DOCX pair at least 3x faster than Docxodus, a small pair no slower than
jubarte. The peers are benchmark-only installs, never test or CI dependencies:

    pip install python-redlines python-redlines-docxodus jubarte-redlines

(Docxodus runs as the binary python-redlines unpacks, so its own start-up is all it pays.)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "child-online-exploitation"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import run_timed  # noqa: E402

# Time draftkit as installed for a user: with its bytecode cache (some shells set
# PYTHONDONTWRITEBYTECODE, which makes every run compile every module again).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

COMMANDS = [
    ("--help", ["--help"]),
    ("status", ["status"]),
    ("check", ["check"]),
    ("diff 1 2", ["diff", "1", "2"]),
    ("diff 1 2 --color always", ["diff", "1", "2", "--color", "always"]),
    ("contributions", ["contributions"]),
    ("clauses", ["clauses"]),
    ("history OP2", ["history", "OP2"]),
    ("build -l en -f txt -o -", ["build", "-l", "en", "-f", "txt", "-o", "-"]),
    ("build -l en (docx)", ["build", "-l", "en", "-o", "{tmp}/out.docx"]),
    ("compile -f txt -o -", ["compile", "-f", "txt", "-o", "-"]),
]
GROUPS = (("click", ("click",)), ("yaml", ("yaml", "_yaml")), ("docx/lxml", ("docx", "lxml")),
          ("diff-match-patch", ("diff_match_patch",)), ("jinja2", ("jinja2", "markupsafe")),
          ("draftkit", ("draftkit",)))


def draftkit() -> list[str]:
    beside = Path(sys.executable).with_name("draftkit")  # the draftkit of this interpreter
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "draftkit"]


class Timing:
    """Whole-process seconds of `runs` runs: wall median and minimum, CPU (user + system) median.
    On a loaded machine the wall figures grow with the load; the CPU figure much less."""

    def __init__(self, walls: list[float], cpus: list[float]):
        self.median, self.min = statistics.median(walls), min(walls)
        self.cpu = statistics.median(cpus)

    def __str__(self) -> str:
        return f"{self.median * 1000:>5.0f} {self.min * 1000:>5.0f} {self.cpu * 1000:>5.0f} ms"


def timed(command: list[str], runs: int, cwd: Path | None = None, succeed: bool = False) -> Timing:
    """Whole-process timings; with `succeed`, a run that fails stops the benchmark (a peer
    refusing its input in a few milliseconds must never be timed as its speed)."""
    warm = subprocess.run(command, cwd=cwd, capture_output=True)  # warm-up: bytecode, caches
    if succeed and warm.returncode != 0:
        raise SystemExit(f"{command[0]} failed (exit {warm.returncode}): {warm.stderr.decode(errors='replace')[-300:]}")
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu, done = run_timed(command, cwd=cwd)
        if succeed and done.returncode != 0:
            raise SystemExit(f"{command[0]} failed (exit {done.returncode}) on a timed run")
        walls.append(wall)
        cpus.append(cpu)
    return Timing(walls, cpus)


def breakdown(args: list[str], cwd: Path) -> dict[str, float]:
    """Milliseconds of imports per group (self times from -X importtime), for one run."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "draftkit", *args], cwd=cwd,
                          capture_output=True, text=True)
    totals = {name: 0.0 for name, _ in GROUPS}
    totals["stdlib and other"] = 0.0
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, module = _fields(line)
        top = module.split(".")[0]
        group = next((name for name, roots in GROUPS if top in roots), "stdlib and other")
        totals[group] += int(self_us) / 1000
    return totals


def _fields(line: str) -> tuple[str, str]:
    """'import time:   123 |   456 | package.module' → ('123', 'package.module')."""
    self_us, _cumulative, module = (part.strip() for part in line.replace("import time:", "").split("|"))
    return self_us, module


def floors(runs: int) -> None:
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; whole process, {runs} runs")
    print(f"{'':<28} {'wall median':>11} {'min':>5} {'cpu':>5}")
    print(f"{'python start-up alone':<28} {timed([sys.executable, '-c', 'pass'], runs)}")
    print(f"{'python -S (without site)':<28} {timed([sys.executable, '-S', '-c', 'pass'], runs)}")
    print(f"{'command (on the example)':<28} {'wall median':>11} {'min':>5} {'cpu':>5}   imports by group (ms, one run)")
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as tmp:
        for label, args in COMMANDS:
            args = [a.replace("{tmp}", tmp) for a in args]
            timing = timed([*draftkit(), *args], runs, cwd=EXAMPLE)
            groups = breakdown(args, EXAMPLE)
            shown = ", ".join(f"{name} {ms:.0f}" for name, ms in groups.items() if ms >= 0.5)
            print(f"{label:<28} {timing}   {shown}")


def peers(runs: int) -> None:
    from gen_docx_pairs import write_pair

    docxodus = _docxodus()
    jubarte = shutil.which("jubarte-redlines") or str(Path(sys.executable).with_name("jubarte-redlines"))
    if not Path(jubarte).exists():
        jubarte = None
    with tempfile.TemporaryDirectory(prefix="bench-peers-") as tmp:
        folder = Path(tmp)
        pairs = {"300 paragraphs / 60 changes": write_pair(folder / "big", 300, 60, lists=True),
                 "example draft 1 → 2, French (33 paragraphs)": _example_pair(folder)}
        for label, (old, new) in pairs.items():
            ours = timed([*draftkit(), "diff", str(old), str(new), "-o", str(folder / "dk.docx")], runs, succeed=True)
            line = f"{label}: draftkit {ours.median:.3f} s (min {ours.min:.3f}, cpu {ours.cpu:.3f})"
            if docxodus:
                theirs = timed([docxodus, str(old), str(new), str(folder / "dx.docx"), "--author=bench"], runs, succeed=True)
                line += (f" · Docxodus {theirs.median:.3f} s (min {theirs.min:.3f}, cpu {theirs.cpu:.3f};"
                         f" {theirs.median / ours.median:.1f}x)")
            if jubarte:
                # --force: without it every run after the first refuses the existing output (exit 1 in
                # a few ms), and that refusal is what would be timed
                theirs = timed([jubarte, "compare", str(old), str(new), "-o", str(folder / "jb.docx"), "--force"],
                               runs, succeed=True)
                line += (f" · jubarte {theirs.median:.3f} s (min {theirs.min:.3f}, cpu {theirs.cpu:.3f};"
                         f" {theirs.median / ours.median:.2f}x)")
            print(line)
        if not docxodus or not jubarte:
            print("(a peer is missing: pip install python-redlines python-redlines-docxodus jubarte-redlines)")


def _docxodus() -> str | None:
    try:
        from python_redlines.engines import DocxodusEngine
    except ImportError:
        return None
    return DocxodusEngine().extracted_binaries_path


def _example_pair(folder: Path) -> tuple[Path, Path]:
    """The example's drafts 1 and 2 built as French DOCX: a realistic small pair."""
    out = []
    for version in (1, 2):
        path = folder / f"example-{version}.fr.docx"
        subprocess.run([*draftkit(), "build", "-p", str(EXAMPLE), "--draft", str(version), "-l", "fr", "-o", str(path)],
                       check=True, capture_output=True)
        out.append(path)
    return out[0], out[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--peers", action="store_true", help="also compare diff with Docxodus and jubarte")
    options = parser.parse_args()
    floors(options.runs)
    if options.peers:
        peers(options.runs)


if __name__ == "__main__":
    main()
