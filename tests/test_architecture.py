"""Import direction over ``auditor/`` (docs/architecture.md, "Rules of the road"), read from the source
with ``ast``: every import counts, including ones inside functions, since a lazy import still ties the
lower module to the upper one.

Known exceptions are listed with a reason; a listed exception that no longer occurs fails too, so the
lists can only shrink.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "auditor"

#: Rank of each top-level part of the package, lowest first: a module may import its own rank or lower.
#: Stages are ranked in pipeline order; extraction works per document, so clustering may use it.
LAYERS: list[set[str]] = [
    {"auditor", "errors", "model", "fileio", "cache", "datacache", "text", "rules", "gcpolicy", "blas", "workers"},  # foundation
    {"lexicon", "backends", "cached_encoder", "sentence_vectors", "textdiff", "spool"},  # shared tools over the foundation
    {"ingest"},
    {"segment"},
    {"extract"},
    {"cluster"},
    {"align"},
    {"drift"},
    {"rank", "authority"},  # score, labels, provenance
    {"pipeline", "stream"},  # the audit of documents in memory, and of a spooled folder or archive
    {"report", "baseline"},
    {"scan"},  # archive scan: audits groups through the pipeline, writes serialised reports
    {"commands", "_cli", "__main__"},  # the CLI shell: click, config resolution, exit codes
]
RANK = {part: i for i, layer in enumerate(LAYERS) for part in layer}

#: (importing file, imported part): why it is still allowed.
UPWARD_EXCEPTIONS: dict[tuple[str, str], str] = {}
CLICK_EXCEPTIONS: dict[str, str] = {}
RICH_EXCEPTIONS = {
    "cached_encoder.py": "progress bar while a long encode runs (issue 15: warnings/progress through logging)",
}
#: Low stages that must never reach the output side, whatever the ranks say.
NEVER_UP = {"drift", "extract", "align", "text"}


def _part(module: str) -> str:
    """'auditor.report.serialize' -> 'report'; 'auditor' -> 'auditor'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _imports(path: Path) -> set[str]:
    """Absolute names of every module ``path`` imports (relative imports resolved)."""
    # the package a relative import starts from ("auditor/drift/x.py" and "auditor/drift/__init__.py": drift)
    package = list(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                out.add(".".join(base + ([node.module] if node.module else [])))
            else:
                out.add(node.module or "")
    return out


def _files() -> dict[str, set[str]]:
    return {p.relative_to(PACKAGE).as_posix(): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def _own_part(rel: str) -> str:
    """'drift/units.py' -> 'drift'; 'errors.py' -> 'errors'; '__init__.py' -> 'auditor'."""
    return "auditor" if rel == "__init__.py" else rel.split("/")[0].removesuffix(".py")


def test_every_part_of_the_package_has_a_rank():
    parts = {_own_part(rel) for rel in _files()}
    assert parts - RANK.keys() == set(), "add new modules to LAYERS in tests/test_architecture.py"


def _upward() -> set[tuple[str, str]]:
    found = set()
    for rel, imports in _files().items():
        own = _own_part(rel)
        for name in imports:
            if name.split(".")[0] != "auditor":
                continue
            target = _part(name)
            if target != own and RANK[target] > RANK[own]:
                found.add((rel, target))
    return found


def test_stages_import_only_down_the_pipeline():
    assert _upward() - UPWARD_EXCEPTIONS.keys() == set()


def test_low_stages_never_import_report_or_commands():
    bad = {(rel, t) for rel, t in _upward() if _own_part(rel) in NEVER_UP and t in {"report", "commands", "_cli"}}
    assert bad == set()


def _users(library: str) -> set[str]:
    return {rel for rel, imports in _files().items() if any(n.split(".")[0] == library for n in imports)}


def test_click_only_in_the_cli_shell():
    outside = {rel for rel in _users("click") if not (rel.startswith("commands/") or rel == "_cli.py")}
    assert outside - CLICK_EXCEPTIONS.keys() == set()


def test_command_line_flags_are_spelled_only_in_the_cli_shell():
    """Stages name the parameter at fault (``UsageError(..., option="reference")``); how a command
    line spells it ("--reference") is the CLI shell's business, so a library caller never sees a
    flag it did not type. Docstrings and comments may mention flags; string values may not. The
    report formats are exempt: they tell the editor which of the options they typed hid findings."""
    import re

    flag = re.compile(r"--[a-z][a-z-]+\b")
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith(("commands/", "report/")) or rel == "_cli.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                      and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                found += [f"{rel}:{node.lineno} {m}" for m in flag.findall(node.value)]
    assert found == []


def test_rich_only_in_the_cli_shell_and_report_formats():
    allowed = ("commands/", "report/")
    outside = {rel for rel in _users("rich") if not (rel.startswith(allowed) or rel == "_cli.py")}
    assert outside - RICH_EXCEPTIONS.keys() == set()


@pytest.mark.parametrize(
    "listed,found",
    [
        (lambda: set(UPWARD_EXCEPTIONS), _upward),
        (lambda: set(CLICK_EXCEPTIONS), lambda: _users("click")),
        (lambda: set(RICH_EXCEPTIONS), lambda: _users("rich")),
    ],
    ids=["upward", "click", "rich"],
)
def test_exceptions_are_not_stale(listed, found):
    """An exception that no longer occurs is taken off its list, so the lists only shrink."""
    assert listed() - found() == set()


def test_the_import_reader_resolves_relative_and_lazy_imports(tmp_path, monkeypatch):
    """The checker itself: relative imports inside functions are seen under their absolute names."""
    pkg = tmp_path / "auditor" / "drift"
    pkg.mkdir(parents=True)
    (pkg / "x.py").write_text("def f():\n    from ..report import serialize\n    import click.testing\n")
    (pkg / "__init__.py").write_text("from .units import a\nfrom . import x\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path / "auditor")
    assert _imports(pkg / "x.py") == {"auditor.report", "click.testing"}
    assert _imports(pkg / "__init__.py") == {"auditor.drift.units", "auditor.drift"}
    assert _part("auditor.report.serialize") == "report"
