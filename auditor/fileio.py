"""Atomic output: a report is either the old file or the whole new one, never half written.

Output goes only to regular files. A symlink at the target is written *through*: the file it points
to gets the new content (atomically) and the link stays a link, which is what ``echo > link`` does and
what a user who links ``latest.html`` to a dated report expects. A device, FIFO, socket or folder at
the target (or behind the link) is refused: renaming a temporary file over ``/dev/full`` would replace
the device node itself, and writing into a FIFO can block forever.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


class NotRegularFileError(OSError):
    """The output path exists and is not a regular file (device, FIFO, socket, folder)."""


def file_kind(mode: int, other: str = "not a regular file") -> str:
    """What a non-regular file is, in words, for one-line errors (``other`` for anything else)."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return other


def resolve_output(path: str | os.PathLike[str]) -> Path:
    """The file a write to ``path`` must replace: symlinks followed (written through), and anything
    that exists but is not a regular file refused with ``NotRegularFileError``."""
    target = Path(path)
    if target.is_symlink():
        # realpath also resolves a dangling link to where its file would be created
        target = Path(os.path.realpath(target))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target
    except NotADirectoryError:
        return target  # reported by mkdir/open below with the usual message
    if not stat.S_ISREG(mode):
        raise NotRegularFileError(f"{file_kind(mode)}, not a regular file")
    return target


def check_input_file(path: str | os.PathLike[str]) -> None:
    """Refuse a named input file (config, baseline, names, saved report) that exists but is not a
    regular file: reading a FIFO blocks forever and a device never ends. An ``InputError`` naming it;
    a missing file is left to the reader, which says "no such file" in its own words."""
    from auditor.errors import InputError

    if str(path) == "-":
        return
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if not stat.S_ISREG(mode) and not (stat.S_ISCHR(mode) and os.path.realpath(path) == os.devnull):
        raise InputError(str(path), f"cannot read: {file_kind(mode)}, not a regular file")


def write_atomic(path: str | os.PathLike[str], data: str | bytes | Iterable[str]) -> None:
    """Write to a temporary file in the target folder, fsync, then rename over the target. ``data``
    may come in pieces (a report rendered a part at a time); if making them fails, the target keeps
    its old content.

    Raises ``NotRegularFileError`` when the target is a device, FIFO, socket or folder.
    """
    target = resolve_output(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    pieces = (data,) if isinstance(data, (str, bytes)) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in pieces:
                handle.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates 0600; a shared report must get the usual permissions (0666 less umask)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:  # also KeyboardInterrupt and SIGTERM (the CLI turns it into an exception)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_output(path: str | os.PathLike[str], data: str | bytes | Iterable[str]) -> None:
    """``write_atomic`` for a file the user asked for: a folder that cannot be made or written (read-only,
    a file in the way, disk full) or a target that is not a regular file is an ``InputError`` naming the
    path, so the CLI says so in one line and exits 2; the target keeps its old content and no temporary
    file is left behind."""
    from auditor.errors import InputError

    try:
        write_atomic(path, data)
    except NotRegularFileError as exc:
        raise InputError(str(path), f"cannot write: {exc} (reports are written only to regular files)") from None
    except IsADirectoryError:
        raise InputError(str(path), "cannot write: a folder, not a regular file") from None
    except (FileExistsError, NotADirectoryError) as exc:  # mkdir/open met a file where a folder must be
        raise InputError(str(path), f"cannot write: {exc.filename or Path(path).parent} is not a folder") from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        culprit = exc.filename if isinstance(exc.filename, str) and exc.filename != str(path) else None
        raise InputError(str(path), f"cannot write: {reason}{' (' + culprit + ')' if culprit else ''}") from None
