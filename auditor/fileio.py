"""Atomic output: a report is either the old file or the whole new one, never half written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write to a temporary file in the target folder, fsync, then rename over the target."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates 0600; a shared report must get the usual permissions (0666 less umask)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_output(path: str | os.PathLike[str], data: str | bytes) -> None:
    """``write_atomic`` for a file the user asked for: a folder that cannot be made or written (read-only,
    a file in the way, disk full) is an ``InputError`` naming the path, so the CLI says so in one line
    and exits 2; the target keeps its old content and no temporary file is left behind."""
    from auditor.errors import InputError

    try:
        write_atomic(path, data)
    except (FileExistsError, NotADirectoryError) as exc:  # mkdir/open met a file where a folder must be
        raise InputError(str(path), f"cannot write: {exc.filename or Path(path).parent} is not a folder") from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        culprit = exc.filename if isinstance(exc.filename, str) and exc.filename != str(path) else None
        raise InputError(str(path), f"cannot write: {reason}{' (' + culprit + ')' if culprit else ''}") from None
