"""Writing outputs safely: atomic replace, never over one of the user's inputs, a
read-only file or a file changed on disk since it was read; and the project's edit lock,
which every read-modify-write of a user file holds (`editing`, `edit_lock`).

Knows files and folders only; every failure is an `InputError` naming the path.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from typing import Iterable, Iterator

from draftkit.errors import InputError
from draftkit.records import record

#: The file that marks a project's folder.
PROJECT_FILE = "draftkit.yaml"

#: The edit lock's file, in the project's folder while a command edits (the lock itself is the system's).
LOCK_FILE = ".draftkit.lock"

#: Seconds a command waits for another one editing the same project before giving up.
LOCK_WAIT = 60.0

#: What `-o -` names: standard output instead of a file.
STDOUT = Path("-")

OTHER_PATH = "choose another output path with -o"


@record
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
    import hashlib

    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError(f"cannot read it ({exc.strerror})", where=path) from None
    # A regular file within the size cap: a named pipe here would block, /dev/zero never end.
    digest = hashlib.blake2b(read_input(path), digest_size=16).hexdigest()
    return Snapshot(found.st_mtime_ns, found.st_size, found.st_ino, digest)


def changed_on_disk(path: Path) -> InputError:
    """Return the error for a file saved by someone else while draftkit was editing it."""
    return InputError("changed on disk while draftkit was editing it; nothing written", where=path,
                      fix="run the command again to edit the saved file")


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding `draftkit.yaml`, |None| when none."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        if (folder / PROJECT_FILE).is_file():
            return folder
    return None


# --- reading -----------------------------------------------------------------------------

#: The largest YAML or text file draftkit reads (a 100,000-paragraph draft is a few MB).
MAX_INPUT_BYTES = 32 * 1024 * 1024


def read_input(path: Path, *, limit: int = MAX_INPUT_BYTES, what: str = "file", start: bool = False) -> bytes:
    """The bytes of the user's file at `path`: a regular file (symbolic links followed) of
    at most `limit` bytes. A device (`/dev/zero`), a named pipe or a socket is refused
    without waiting on it, like a file over the limit: `InputError` naming the path.
    With `start`, the first `limit` bytes of a regular file of any size (to sniff its kind)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)  # non-blocking: opening a pipe nobody writes returns at once
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError("is a symbolic link to a file that does not exist", where=path,
                             fix="remove the link, or point it at the file") from None
        raise InputError("file not found", where=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", where=path) from None
    except OSError as exc:
        raise InputError(f"cannot read it ({exc.strerror or exc})", where=path) from None
    try:
        found = os.fstat(fd)  # of what was opened, not of what the name meant a moment before
        if stat.S_ISDIR(found.st_mode):
            raise InputError("is a folder, not a file", where=path)
        if not stat.S_ISREG(found.st_mode):
            raise InputError(f"is not a regular file (a device, a pipe or a socket), so draftkit does not read it",
                             where=path, fix=f"give a {what} saved on disk")
        if found.st_size > limit and not start:
            raise InputError(f"is {megabytes(found.st_size)}; draftkit reads a {what} of up to {megabytes(limit)}",
                             where=path, fix="split it, or check that it is the right file")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            data = handle.read(limit + 1)  # a file still growing stops at the limit too
    except OSError as exc:
        raise InputError(f"cannot read it ({exc.strerror or exc})", where=path) from None
    finally:
        if fd >= 0:
            os.close(fd)
    if start:
        return data[:limit]
    if len(data) > limit:
        raise InputError(f"grew past {megabytes(limit)} while draftkit read it", where=path)
    return data


def megabytes(size: int) -> str:
    """'32 MB', '1.5 MB': a size for a message."""
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0") + " MB"


# --- the edit lock -----------------------------------------------------------------------


class _Held(threading.local):
    """The lock files this thread holds, with how many `edit_lock` blocks hold each."""

    def __init__(self) -> None:
        self.counts: dict[Path, int] = {}


_held = _Held()


def lock_path(place: Path) -> Path:
    """The lock file guarding `place` (a file or folder, existing or not): `.draftkit.lock`
    in the nearest project folder at or above it, else in the nearest existing folder."""
    here = place.resolve()
    while not here.is_dir() and here != here.parent:
        here = here.parent
    return (find_root(here) or here) / LOCK_FILE


@contextmanager
def edit_lock(*places: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the edit lock of every project holding one of `places` for the block.

    Another draftkit process (or thread) taking the same lock waits until the block ends,
    so a read-modify-write inside it never interleaves with another. Re-entrant: a block
    inside a block of the same thread costs nothing. Locks are taken in one order, so
    two commands each locking two projects cannot deadlock. The lock is the operating
    system's (`flock`/`LockFileEx` through `filelock`): a killed process releases it, so a
    stale `.draftkit.lock` never blocks anyone. Raises `InputError` after `wait` seconds
    of waiting, or when the lock file cannot be made.
    """
    with ExitStack() as stack:
        for path in sorted({lock_path(place) for place in places}):
            stack.enter_context(_locked(path, wait))
        yield


@contextmanager
def _locked(path: Path, wait: float) -> Iterator[None]:
    import filelock

    if _held.counts.get(path):
        _held.counts[path] += 1
        try:
            yield
        finally:
            _held.counts[path] -= 1
        return
    lock = filelock.FileLock(str(path), timeout=wait, poll_interval=0.01)  # edits take milliseconds
    try:
        lock.acquire()
    except filelock.Timeout:
        raise InputError(f"another draftkit command has been editing this project for {wait:g} s; nothing written",
                         where=path.parent, fix="let it finish, then run the command again") from None
    except OSError as exc:
        raise InputError(f"cannot lock the project for editing ({exc.strerror or exc}); nothing written",
                         where=path, fix="make the project folder writable") from None
    _held.counts[path] = 1
    try:
        yield
    finally:
        _held.counts.pop(path, None)
        if _unlink_is_safe(filelock.__version__):
            # Removed while still held, so no project keeps a stray lock file: a process
            # that opened this file meanwhile finds it unlinked once it gets the lock,
            # and filelock (4.2.1 on) then opens a fresh one instead of holding a dead lock.
            with suppress(OSError):  # Windows: filelock removes it on release instead
                path.unlink(missing_ok=True)
        lock.release()


def _unlink_is_safe(version: str) -> bool:
    """Whether this filelock retries when the file it locked was unlinked (4.2.1 and later);
    with an older one the lock file must stay, or two processes could hold the lock."""
    try:
        return tuple(int(part) for part in version.split(".")[:3]) >= (4, 2, 1)
    except ValueError:
        return False


@record
class Editing:
    """A user file being edited under its project's lock (see `editing`)."""

    path: Path
    before: Snapshot | None

    def read_text(self) -> str:
        """The file's text as it is on disk (line ends as written), `InputError` when unreadable."""
        try:
            # Bytes, not read_text: universal newlines would turn a CRLF file into LF.
            return read_input(self.path).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"cannot read it ({exc})", where=self.path) from None

    def write(self, data: bytes | str, *, inputs: Iterable[Path] = (), fix: str | None = None) -> Path:
        """Replace the file with `data`, refused when someone saved it since `editing` began
        (or made it, when it did not exist)."""
        return write_atomic(self.path, data, inputs=inputs, unchanged_since=self.before, new_file=self.before is None,
                            fix=fix)


@contextmanager
def editing(path: Path, *, wait: float = LOCK_WAIT) -> Iterator[Editing]:
    """Hold the project's edit lock and yield the file at `path` as it is now.

    The one way to read-modify-write a user file::

        with editing(path) as edit:
            text = edit.read_text()
            edit.write(changed(text))

    Other draftkit commands editing the project wait for the block to end; a save by
    anything else (an editor) between the read and the write is caught by `write`,
    which re-checks the file under the lock right before the rename.
    """
    with edit_lock(path, wait=wait):
        yield Editing(path, snapshot(path))


# --- writing -----------------------------------------------------------------------------


def write_atomic(path: Path, data: bytes | str, *, inputs: Iterable[Path] = (),
                 unchanged_since: Snapshot | None = None, new_file: bool = False,
                 fix: str | None = OTHER_PATH) -> Path:
    """Write `data` to `path` through a temporary file and a rename; return `path`.

    A reader (Word, a file watcher) sees the old file or the new one, never half of
    one, and a crash leaves the previous output intact. Raises `InputError`, with
    nothing written, for a path that is one of `inputs` (an unlucky `-o` never destroys
    the user's source), a folder, a read-only file (chmod 444 means "do not touch", even
    to root), a place that cannot be written (full disk, immutable file), or, given
    `unchanged_since`, a file saved by someone else after it was read; with `new_file`,
    a file that exists by the time of the rename. Both checks run under the project's
    edit lock, right before the rename. `fix` is the advice added for a read-only file or
    an unwritable place (None: none).
    """
    if _is_special(path):
        return _write_into(path, data.encode("utf-8") if isinstance(data, str) else data)
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
        import tempfile

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
        if new_file:
            _create(Path(tmp), target, path)
        elif unchanged_since is None:
            os.replace(tmp, target)
        else:
            # Checked last, under the lock, right before the rename: another draftkit
            # command cannot slip in between, and an editor's window is as small as a
            # rename allows.
            with edit_lock(target):
                if snapshot(target) != unchanged_since:
                    raise changed_on_disk(path)
                os.replace(tmp, target)
    except OSError as exc:  # ENOSPC, EPERM on an immutable file, EIO: nothing was replaced
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write it ({exc.strerror or exc}); nothing written", where=path, fix=fix) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _is_special(path: Path) -> bool:
    """Whether `path` is a pipe, a device or a name for one (`/dev/stdout`, `/proc/self/fd/1`):
    those are written into, never renamed over (as root that would replace `/dev/null`)."""
    if path.is_absolute() and path.parts[1:2] in (("dev",), ("proc",)):
        return True
    try:
        mode = path.stat().st_mode
    except OSError:  # absent (a new file) or unreachable: the usual path reports it
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _write_into(path: Path, payload: bytes) -> Path:
    """Write `payload` into the pipe, terminal or character device at `path` (never made,
    never replaced). A named pipe nobody reads and a block device (a disk) are refused."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise InputError(f"cannot write it ({exc.strerror})", where=path, fix=OTHER_PATH) from None
    if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISREG(mode)):
        kind = "a block device (a disk)" if stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "a special file"
        raise InputError(f"is {kind}; draftkit writes only into files, pipes and terminals", where=path,
                         fix=OTHER_PATH)
    try:
        # Non-blocking open: a pipe with no reader fails now (ENXIO) instead of waiting for ever.
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK | (os.O_TRUNC if stat.S_ISREG(mode) else 0))
    except OSError as exc:
        reason = "a named pipe that nobody reads" if exc.errno == errno.ENXIO else exc.strerror
        raise InputError(f"cannot write into it ({reason})", where=path, fix=OTHER_PATH) from None
    try:
        os.set_blocking(fd, True)
        with os.fdopen(fd, "wb", closefd=True) as handle:
            fd = -1
            handle.write(payload)
    except BrokenPipeError:
        raise InputError("the program reading this pipe stopped before the end", where=path) from None
    except OSError as exc:
        raise InputError(f"cannot write into it ({exc.strerror or exc})", where=path, fix=OTHER_PATH) from None
    finally:
        if fd >= 0:
            os.close(fd)
    return path


def _create(tmp: Path, target: Path, path: Path) -> None:
    """Give `tmp` the name `target` only if no file has it: a hard link fails on an
    existing name atomically; where links are not supported, the check and the rename
    run under the edit lock."""
    made_elsewhere = InputError("was made by someone else while draftkit was writing it; nothing written",
                                where=path, fix="run the command again")
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise made_elsewhere from None
    except OSError:  # FAT, some network shares: no hard links
        with edit_lock(target):
            if target.exists():
                raise made_elsewhere from None
            os.replace(tmp, target)
        return
    tmp.unlink()


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
