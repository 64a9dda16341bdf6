"""Waivers: findings an editor has looked at and accepted, by finding id, with a reason and who.

The counterpart of ruff's ``noqa`` for an article: a baseline hides everything an earlier report had,
a waiver hides one finding someone vouched for. The file is what the HTML report exports when an
editor ticks findings as accepted::

    [[waiver]]
    id = "C001-4f2a9c1d07"
    reason = "the paraphrase is the agency's own"
    who = "desk editor"

``--ignore`` takes finding ids too (no reason needed on the command line). A waiver whose id matches
no finding is harmless: the finding may have been fixed since.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from auditor.errors import ConfigError

#: a finding id as the drift stage writes it ("Q002-11aa3d2627", "c1-N001-..." with several stories):
#: told apart from a code prefix ("Q002", "N") by its hash part
FINDING_ID = re.compile(r"^(?:c\d+-)?[A-Za-z]\d{3}-[0-9a-fA-F]{6,}$")


@dataclass(frozen=True)
class Waiver:
    id: str
    reason: str = ""
    who: str = ""


def is_finding_id(value: str) -> bool:
    return bool(FINDING_ID.match(value.strip()))


def load_waivers(path: str | Path) -> dict[str, Waiver]:
    """finding id -> waiver from a waivers TOML file; a malformed file is a one-line ConfigError."""
    where = str(path)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(where, "waivers file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(where, f"cannot read waivers file: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(where, f"not valid TOML: {exc}") from None
    entries = data.get("waiver", [])
    if not isinstance(entries, list) or any(not isinstance(e, dict) for e in entries):
        raise ConfigError(where, "expected [[waiver]] tables with id, reason and who")
    out: dict[str, Waiver] = {}
    for n, entry in enumerate(entries, 1):
        fid = entry.get("id")
        if not isinstance(fid, str) or not is_finding_id(fid):
            raise ConfigError(where, f"waiver {n}: id must be a finding id such as \"C001-4f2a9c1d07\" (got {fid!r})")
        out[fid.strip()] = Waiver(fid.strip(), str(entry.get("reason", "")), str(entry.get("who", "")))
    return out


__all__ = ["FINDING_ID", "Waiver", "is_finding_id", "load_waivers"]
