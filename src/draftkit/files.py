"""Writing outputs safely: atomic replace, and never over one of the user's inputs."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

from draftkit.errors import InputError

OTHER_PATH = "choose another output path with -o"


def write_atomic(path: Path, data: bytes | str, *, inputs: Iterable[Path] = ()) -> Path:
    """Write `data` to `path` through a temporary file and a rename.

    A reader (Word, a file watcher) sees the old file or the new one, never half of
    one, and a crash leaves the previous output intact. Refuses to write over any
    of `inputs`, so an unlucky `-o` can never destroy the user's source. Raises
    `InputError` for an input, a folder, or a place that cannot be written.
    """
    target = path.resolve()
    for source in inputs:
        if source.exists() and target == source.resolve():
            raise InputError("refusing to overwrite an input file", where=path, fix=OTHER_PATH)
    if target.is_dir():
        raise InputError("is a folder, not a file", where=path, fix=OTHER_PATH)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise InputError("cannot make the output's folder: a file of that name is in the way", where=path,
                         fix=OTHER_PATH) from None
    except OSError as exc:
        raise InputError(f"cannot make the output's folder ({exc.strerror})", where=path,
                         fix=OTHER_PATH) from None
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:  # a read-only or full folder is the user's to fix, not a crash
        raise InputError(f"cannot write here ({exc.strerror})", where=path,
                         fix=OTHER_PATH) from None
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        os.chmod(tmp, _mode_for(target))
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _mode_for(target: Path) -> int:
    """The existing file's mode, or what the umask allows for a new file."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
