"""Proposals that are easy to write by hand: every problem of an entry at once; `opening` and
`text` of a new paragraph take the shapes `old`/`new` take; every form in the README loads."""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from draftkit.errors import InputError
from draftkit.loading.contributions import read_proposal
from draftkit.loading.yamlsource import load_yaml
from pathlib import Path


def proposal(tmp_path: Path, text: str, language: str | None = "en"):
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    data = load_yaml(path)
    return read_proposal(data, data.location, language)


def test_a_new_paragraph_with_every_problem_reports_them_all_at_once(tmp_path):
    with pytest.raises(InputError) as error:
        proposal(tmp_path, """
id: DEU-2
action: new-paragraph
target: OP3
paragraph:
  kind: operative
  opening: {en: Invites}
  txt: {en: the IPU to monitor progress}
""")
    message = error.value.message
    assert "proposal DEU-2 has 2 problems: has no 'position' (add 'position: {after: OP3}'" in message
    assert "unknown key 'txt' in paragraph 'deu-2' (did you mean 'text'?)" in message


def test_opening_and_text_take_a_plain_string_in_the_contribution_language(tmp_path):
    found = proposal(tmp_path, """
id: DEU-2
action: new-paragraph
position: {after: OP3}
paragraph:
  kind: operative
  opening: Invites
  text: the IPU to monitor progress
""", language="en")
    assert found.paragraph.opening == {"en": "Invites"}
    assert found.paragraph.text == {"en": "the IPU to monitor progress"}
    with pytest.raises(InputError, match="does not say its language"):
        proposal(tmp_path, """
id: DEU-2
action: new-paragraph
position: end
paragraph: {kind: operative, opening: Invites, text: the IPU to monitor progress}
""", language=None)


def test_every_proposal_form_in_the_readme_loads(tmp_path):
    """The README shows each action with an example; each example loads as a proposal."""
    from draftkit.model import ProposalAction

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- section: proposals -->", 1)[1].split("<!-- /section: proposals -->", 1)[0]
    blocks = re.findall(r"```yaml\n(.*?)```", section, re.S)
    seen = set()
    for block in blocks:
        path = tmp_path / "p.yaml"
        path.write_text(block, encoding="utf-8")
        data = load_yaml(path)
        for item in data["proposals"]:
            seen.add(read_proposal(item, data.location, data.get("language", "en")).action)
    assert seen == set(ProposalAction)
