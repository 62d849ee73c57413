"""Word stand-in: every kind of DOCX draftkit writes has no openxml-audit finding.

One folder holds a resolution in each language (with and without preambular
numbers), the compilation of amendments in each language, tracked diffs of draft
versions and of two DOCX files, and a build after an import round-trip; one
openxml-audit run checks them all.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, invoke, needs

pytestmark = [pytest.mark.clients, needs("openxml-audit")]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    runner = CliRunner()
    work = tmp_path_factory.mktemp("audit")
    shutil.copytree(REPO / "clauses", work / "clauses")
    project = work / "examples" / "child-online-exploitation"
    shutil.copytree(REPO / "examples" / "child-online-exploitation", project)
    out = work / "out"

    def run(*args: object) -> None:
        result = invoke(runner, *args)
        assert result.exit_code == 0, result.output

    run("build", "-p", project, "-o", out / "resolution.docx")
    run("build", "-p", project, "--draft", "1", "--number-preambular", "-o", out / "numbered.docx")
    run("compile", "-p", project, "-o", out / "compilation.en.docx")
    run("compile", "-p", project, "-l", "fr", "-o", out / "compilation.fr.docx")
    run("diff", "1", "2", "--project", project, "-o", out / "diff-1-2.en.docx")
    run("diff", "1", "2", "--project", project, "-l", "fr", "-o", out / "diff-1-2.fr.docx")
    run("diff", out / "numbered.en.docx", out / "resolution.en.docx", "-o", out / "diff-docx.docx")
    imported = work / "imported"
    run("import", out / "resolution.fr.docx", "-o", imported)
    run("build", "-p", imported, "-o", out / "reimported.docx")
    return out


def test_every_docx_kind_opens_clean(outputs: Path) -> None:
    written = sorted(p.name for p in outputs.glob("*.docx"))
    assert len(written) >= 10, written
    done = subprocess.run(["openxml-audit", "--recursive", "-o", "json", "-m", "0", str(outputs)],
                          capture_output=True, text=True, timeout=300)
    reports = json.loads(done.stdout)
    assert sorted(Path(r["file"]).name for r in reports) == written
    findings = {Path(r["file"]).name: r["errors"] for r in reports if r["error_count"] or r["warning_count"]}
    assert findings == {}
