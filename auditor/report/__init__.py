"""Report formats, all rendered from one ``Report`` (the ``auditor.report/1`` JSON is its saved form).

Formats are looked up by name (``get_format``) or by output file extension (``format_for_path``); the
modules are imported on first use so rendering JSON never imports rich or the HTML templates.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from auditor.errors import UsageError
from auditor.report.base import ReportFormat
from auditor.report.serialize import SCHEMA_ID, load_report, report_from_dict, report_to_dict

#: format name -> (module, class, file extension); the extension is repeated here so choosing a
#: format from ``-o report.html`` does not import every format module.
FORMATS: dict[str, tuple[str, str, str]] = {
    "rich": ("rich_format", "RichFormat", ".txt"),
    "json": ("json_format", "JsonFormat", ".json"),
    "markdown": ("markdown", "MarkdownFormat", ".md"),
    "html": ("html", "HtmlFormat", ".html"),
    "csv": ("csv_format", "CsvFormat", ".csv"),
    "sarif": ("sarif", "SarifFormat", ".sarif"),
    "concise": ("concise", "ConciseFormat", ".concise.txt"),
}

#: extra spellings accepted from file names
_EXTENSION_ALIASES = {".htm": "html", ".markdown": "markdown", ".sarif.json": "sarif", ".text": "rich",
                      ".concise.txt": "concise"}


def get_format(name: str) -> type[ReportFormat]:
    """The format class called ``name``; an unknown name is a usage error listing the known ones."""
    try:
        module, cls, _ = FORMATS[name]
    except KeyError:
        raise UsageError(None, f"unknown format {name!r} (choose from {', '.join(FORMATS)})",
                         option="format") from None
    found: type[ReportFormat] = getattr(importlib.import_module(f"auditor.report.{module}"), cls)
    return found


def format_for_path(path: str | Path) -> str | None:
    """The format name a file name implies (``x.html`` -> "html", ``x.sarif.json`` -> "sarif"), else None."""
    name = Path(path).name.lower()
    for ext, fmt in _EXTENSION_ALIASES.items():
        if name.endswith(ext):
            return fmt
    for fmt, (_, _, ext) in FORMATS.items():
        if name.endswith(ext):
            return fmt
    return None


__all__ = [
    "FORMATS",
    "SCHEMA_ID",
    "ReportFormat",
    "format_for_path",
    "get_format",
    "load_report",
    "report_from_dict",
    "report_to_dict",
]
