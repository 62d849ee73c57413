"""The cache of parsed YAML: an unchanged file is not parsed again; a changed, fresh or
damaged one is; the cache never makes an error of its own."""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

import pytest

from draftkit import cache
from draftkit.loading import yamlsource


def settled_file(path: Path, text: str) -> Path:
    """Write `text` and date the file a minute back, as a file the user saved earlier."""
    path.write_text(text, encoding="utf-8")
    old = time.time() - 60
    os.utime(path, (old, old))
    return path


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DRAFTKIT_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def no_settling(monkeypatch, private_cache):
    """ctime cannot be set back: let files count as settled at once."""
    monkeypatch.setattr(cache, "SETTLE", -1.0)


def test_an_unchanged_file_comes_from_the_cache(tmp_path, no_settling, monkeypatch):
    path = settled_file(tmp_path / "a.yaml", "title: {en: One}\nitems: [a, b]\n")
    first = yamlsource.load_yaml(path)
    monkeypatch.setattr(yamlsource, "_load", lambda *a: pytest.fail("parsed again"))
    again = yamlsource.load_yaml(path)
    assert again == first and again is not first
    assert again.where("items") == first.where("items")
    assert again["items"].where(1).line == 2


def test_a_changed_file_is_parsed_again(tmp_path, no_settling):
    path = settled_file(tmp_path / "a.yaml", "title: One\n")
    assert yamlsource.load_yaml(path) == {"title": "One"}
    settled_file(path, "title: Two\n")  # same size, other content, other times
    assert yamlsource.load_yaml(path) == {"title": "Two"}


def test_a_file_changed_a_moment_ago_is_not_stored(tmp_path, private_cache):
    path = tmp_path / "fresh.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    yamlsource.load_yaml(path)
    assert not (private_cache / "yaml").exists()


def test_a_damaged_entry_is_a_miss_and_off_means_off(tmp_path, no_settling, private_cache, monkeypatch):
    path = settled_file(tmp_path / "a.yaml", "a: 1\n")
    yamlsource.load_yaml(path)
    [entry] = (private_cache / "yaml").iterdir()
    entry.write_bytes(b"not a pickle")
    assert yamlsource.load_yaml(path) == {"a": 1}
    monkeypatch.setenv("DRAFTKIT_CACHE", "off")
    other = settled_file(tmp_path / "b.yaml", "b: 2\n")
    assert yamlsource.load_yaml(other) == {"b": 2}
    assert len(list((private_cache / "yaml").iterdir())) == 1


def test_an_unwritable_cache_folder_is_no_error(tmp_path, no_settling, monkeypatch):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("DRAFTKIT_CACHE", str(blocker / "cache"))
    path = settled_file(tmp_path / "a.yaml", "a: 1\n")
    assert yamlsource.load_yaml(path) == {"a": 1}


def test_errors_are_not_cached(tmp_path, no_settling):
    path = settled_file(tmp_path / "bad.yaml", "a: [1\n")
    for _ in range(2):
        with pytest.raises(Exception, match="YAML syntax error"):
            yamlsource.load_yaml(path)


def test_a_heading_comes_from_the_cache_only_for_the_same_template_values_and_language_data(
        tmp_path, no_settling, monkeypatch):
    import shutil

    from draftkit import languages
    from draftkit.render import heading

    rendered = []
    real = heading.render_template
    monkeypatch.setattr(heading, "render_template", lambda *a: rendered.append(a[0]) or real(*a))
    folder = tmp_path / "languages"
    shutil.copytree(languages.languages_folder(), folder)
    monkeypatch.setattr(languages, "languages_folder", lambda: folder)
    template, values = "TITLE: {{ title }} {{ date | longdate }}\n", {"title": "One", "date": date(2021, 6, 14)}
    assert heading._rendered(template, "t.j2", values, "en") == "TITLE: One 14 June 2021\n"
    assert heading._rendered(template, "t.j2", values, "en") == "TITLE: One 14 June 2021\n"
    assert len(rendered) == 1  # the second time from the cache
    assert heading._rendered(template, "t.j2", {**values, "title": "Two"}, "en") == "TITLE: Two 14 June 2021\n"
    assert heading._rendered(template + "\n", "t.j2", values, "en") == "TITLE: One 14 June 2021\n\n"
    assert len(rendered) == 3
    heading._rendered(template, "t.j2", {**values, "title": object()}, "en")  # not plain: never cached
    heading._rendered(template, "t.j2", {**values, "title": object()}, "en")
    assert len(rendered) == 5
    data = folder / "en" / "language.yaml"  # the filters' words changed: rendered again
    data.write_text(data.read_text(encoding="utf-8").replace("June", "Juin"), encoding="utf-8")
    languages.language.cache_clear()
    try:
        assert heading._rendered(template, "t.j2", values, "en") == "TITLE: One 14 Juin 2021\n"
    finally:
        monkeypatch.undo()  # the real folder again before English is read again
        languages.language.cache_clear()
    assert len(rendered) == 6
