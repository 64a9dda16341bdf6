"""Facts about a rule code live in auditor/rules.py only: other modules name a rule by its constant
(``QUOTE_ALTERED.code``) and ask the ``Rule`` for its kind, severity, phrase, MT signal or score part."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from auditor.rules import RULES, RULES_BY_CODE, rule_phrase

ROOT = Path(__file__).resolve().parents[1]
CODE = re.compile(r"[A-Z]\d{3}")

#: modules that still spell codes literally, with the reason; an entry that no longer needs it fails
#: the test, so the list only shrinks
EXCEPTIONS: dict[str, str] = {}


def _literal_codes(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.fullmatch(node.value)
            and node.value in RULES_BY_CODE]


def test_no_module_but_the_registry_spells_a_rule_code():
    found = {str(p.relative_to(ROOT)): hits for p in sorted((ROOT / "auditor").rglob("*.py"))
             if p.name != "rules.py" and (hits := _literal_codes(p))}
    assert {k: v for k, v in found.items() if k not in EXCEPTIONS} == {}
    assert [k for k in EXCEPTIONS if k not in found] == [], "an exception is no longer needed: remove it"


def test_every_rule_is_a_complete_registry_entry():
    assert len(RULES_BY_CODE) == len(RULES)  # codes are unique
    for r in RULES:
        assert CODE.fullmatch(r.code) and r.severity in ("critical", "major", "minor", "info")
        assert r.scored in ("drift", "omission", "coverage", "garble")
    # what labels and score rely on: garble rules are scored as garble and count as MT traces
    assert all(r.scored == "garble" and r.mt_signal is not None for r in RULES if r.kind == "garble")
    assert {r.code for r in RULES if r.standalone} <= {r.code for r in RULES if r.kind == "garble"}


@pytest.mark.parametrize(("code", "n", "text"), [
    ("O002", 1, "1 omitted number"), ("O002", 3, "3 omitted numbers"), ("E005", 2, "2 substituted names or terms"),
    ("E006", 1, "1 name most versions lack"), ("Z999", 2, "2 × Z999"),
])
def test_phrases_come_from_the_rule(code, n, text):
    assert rule_phrase(code, n) == text
