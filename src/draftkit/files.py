"""Writing outputs safely: atomic replace, never over one of the user's inputs, a
read-only file or a file changed on disk since it was read.

Knows files and folders only; every failure is an `InputError` naming the path.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from draftkit.errors import InputError

#: What `-o -` names: standard output instead of a file.
STDOUT = Path("-")

OTHER_PATH = "choose another output path with -o"


@dataclass(frozen=True)
class Snapshot:
    """What a file held when it was read: a save since changes one of these (the digest
    catches a same-size save within the file system's timestamp tick)."""

    mtime_ns: int
    size: int
    inode: int
    digest: str


def snapshot(path: Path) -> Snapshot | None:
    """Return the state of `path` now (None when there is no file), to hand to
    `write_atomic(..., unchanged_since=)` once the edit is ready."""
    try:
        found = path.stat()
        digest = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError(f"cannot read it ({exc.strerror})", where=path) from None
    return Snapshot(found.st_mtime_ns, found.st_size, found.st_ino, digest)


def changed_on_disk(path: Path) -> InputError:
    """Return the error for a file saved by someone else while draftkit was editing it."""
    return InputError("changed on disk while draftkit was editing it; nothing written", where=path,
                      fix="run the command again to edit the saved file")


def write_atomic(path: Path, data: bytes | str, *, inputs: Iterable[Path] = (),
                 unchanged_since: Snapshot | None = None, fix: str | None = OTHER_PATH) -> Path:
    """Write `data` to `path` through a temporary file and a rename; return `path`.

    A reader (Word, a file watcher) sees the old file or the new one, never half of
    one, and a crash leaves the previous output intact. Raises `InputError`, with
    nothing written, for a path that is one of `inputs` (an unlucky `-o` never destroys
    the user's source), a folder, a read-only file (chmod 444 means "do not touch", even
    to root), a place that cannot be written (full disk, immutable file), or, given
    `unchanged_since`, a file saved by someone else after it was read. `fix` is the
    advice added for a read-only file or an unwritable place (None: none).
    """
    target = path.resolve()
    for source in inputs:
        if source.exists() and target == source.resolve():
            raise InputError("refusing to overwrite an input file", where=path, fix=OTHER_PATH)
    if target.is_dir():
        raise InputError("is a folder, not a file", where=path, fix=OTHER_PATH)
    _refuse_read_only(target, path, fix)
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
        raise InputError(f"cannot write here ({exc.strerror})", where=path, fix=fix) from None
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        os.chmod(tmp, _mode_for(target))
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if unchanged_since is not None and snapshot(target) != unchanged_since:
            # Checked last, right before the rename, so the window for a lost save is
            # as small as a rename allows.
            raise changed_on_disk(path)
        os.replace(tmp, target)
    except OSError as exc:  # ENOSPC, EPERM on an immutable file, EIO: nothing was replaced
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write it ({exc.strerror or exc}); nothing written", where=path, fix=fix) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _refuse_read_only(target: Path, path: Path, fix: str | None) -> None:
    """A rename replaces a file whatever its permissions, and root may write anything:
    so the write bits are checked here, as the user's own "do not touch"."""
    try:
        mode = target.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):  # a new file; mkdir reports what is in the way
        return
    except OSError as exc:
        raise InputError(f"cannot write it ({exc.strerror})", where=path, fix=fix) from None
    if not mode & 0o222 or not os.access(target, os.W_OK):
        writable = "make it writable (chmod u+w) if it may change"
        raise InputError("is read-only", where=path, fix=f"{writable}, or {fix}" if fix else writable)


def _mode_for(target: Path) -> int:
    """The existing file's mode, or what the umask allows for a new file."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
