"""The user's cache of parsed files: what was read from an unchanged file is not parsed again.

Every command reads the same YAML files again and again (the draft, the libraries, the
round's contributions); parsing them with locations costs more than the rest of a
`check`. An entry is keyed by the file's path, size, modification and change times and
inode, by draftkit's version and by the parser module that made it; a file changed less
than `SETTLE` seconds ago is not stored (two writes within one clock tick would share a
modification time: the "racy" case git knows too). Any problem with the cache — a
missing, damaged or unwritable folder — is a miss, never an error.

$DRAFTKIT_CACHE names the folder (`off` turns the cache off); otherwise the user's
cache folder (~/.cache/draftkit, %LOCALAPPDATA%\\draftkit\\cache). Knows files, not YAML.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

#: Seconds a file must have been left alone before what was parsed from it is stored.
SETTLE = 2.0


def cache_folder() -> Path | None:
    """Where parsed files are cached, |None| when DRAFTKIT_CACHE is 'off'."""
    chosen = os.environ.get("DRAFTKIT_CACHE")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "draftkit" / "cache"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "draftkit"


def fingerprint(info: os.stat_result) -> tuple[int, int, int, int]:
    """What changes whenever a file's content may have: size, mtime, ctime, inode."""
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def settled(info: os.stat_result) -> bool:
    """Whether the file was last changed long enough ago for its fingerprint to be trusted."""
    return time.time() - max(info.st_mtime, info.st_ctime) > SETTLE


def stamp(path: Path | str) -> tuple[str, tuple[int, int, int, int]] | None:
    """What keys a result derived from the file at `path` (a template, a language file,
    a module): its path and fingerprint; |None| when it is missing or changed too
    recently to be trusted (then the result is not cached)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (str(path), fingerprint(info)) if settled(info) else None


def module_stamp(name: str) -> tuple[str, tuple[int, int, int, int]] | None:
    """`stamp` of an installed library's top module, found without importing it: it
    changes when the library is upgraded or reinstalled."""
    from importlib.util import find_spec

    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        return None
    return stamp(spec.origin) if spec is not None and spec.origin else None


def _entry(kind: str, path: Path) -> Path | None:
    folder = cache_folder()
    if folder is None:
        return None
    import zlib  # a name, not a secret: the path itself is part of every key

    name = str(path).encode("utf-8", "surrogatepass")
    return folder / kind / f"{zlib.crc32(name):08x}{zlib.adler32(name):08x}.pickle"


def load(kind: str, path: Path, key: tuple) -> Any | None:
    """The value stored for `path` under `key`, |None| on any miss."""
    entry = _entry(kind, path)
    if entry is None:
        return None
    import pickle

    try:
        with open(entry, "rb") as handle:
            stored_key, value = pickle.load(handle)
    except Exception:  # noqa: BLE001 - missing, damaged or from another version: a miss
        return None
    return value if stored_key == (str(path), *key) else None


def store(kind: str, path: Path, key: tuple, value: Any) -> None:
    """Keep `value` for `path` under `key` (atomically; silently not when impossible)."""
    entry = _entry(kind, path)
    if entry is None:
        return
    import pickle
    import tempfile

    handle = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile("wb", dir=entry.parent, prefix=".tmp-", delete=False)
        with handle:
            pickle.dump(((str(path), *key), value), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, entry)
    except BaseException as exc:  # a read-only or full cache folder must not stop a command; Ctrl-C must
        if handle is not None:
            try:
                os.unlink(handle.name)
            except OSError:
                pass
        if not isinstance(exc, Exception):
            raise
