"""The package must not key on the bundled test story.

Every run of two or more consecutive word tokens in any file under ``fixtures/`` is a
"fixture sequence"; none may appear (case-insensitively, as a run of word tokens) in any
file under ``auditor/`` — code, data files, templates and schemas alike. Chinese text has
no spaces, so every run of four or more Han characters in a fixture counts too.

What is not a tell, and therefore skipped:

* sequences made only of punctuation or numbers (word tokens are letter runs, so numbers
  never form a sequence on their own);
* bigrams whose two words are both among the ~500 most frequent English or Spanish words
  according to ``wordfreq`` ("of the", "in the", "de la"): such pairs occur in any prose,
  docstring or message, and saying them says nothing about the fixture. Longer sequences
  are checked through their bigrams, so "of the money" is caught by "the money" unless
  that pair is also common; a sequence with one uncommon word is always checked.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import regex
import wordfreq

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
PACKAGE = ROOT / "auditor"

_WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*")
_HAN_RUN = regex.compile(r"\p{Han}{4,}")
_COMMON_LIMIT = 500


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """The top words of English and Spanish, the fixture's Latin-script languages."""
    words: set[str] = set()
    for lang in ("en", "es"):
        words.update(w.casefold() for w in wordfreq.top_n_list(lang, _COMMON_LIMIT))
    return frozenset(words)


def _latin_words(text: str) -> list[str]:
    """Word tokens outside Han script (Han is handled by character runs)."""
    return [m.group().casefold() for m in _WORD.finditer(text) if not regex.search(r"\p{Han}", m.group())]


def _fixture_bigrams() -> dict[tuple[str, str], str]:
    """Every non-trivial word bigram of the fixtures, mapped to the file it came from."""
    common = _common_words()
    found: dict[tuple[str, str], str] = {}
    for path in sorted(p for p in FIXTURES.rglob("*") if p.is_file()):
        words = _latin_words(path.read_text(encoding="utf-8", errors="replace"))
        for a, b in zip(words, words[1:]):
            if a in common and b in common:
                continue
            found.setdefault((a, b), path.name)
    return found


def _fixture_han_runs() -> dict[str, str]:
    """Every 4-character window of the fixtures' Han runs (a longer run contains one)."""
    found: dict[str, str] = {}
    for path in sorted(p for p in FIXTURES.rglob("*") if p.is_file()):
        for m in _HAN_RUN.finditer(path.read_text(encoding="utf-8", errors="replace")):
            run = m.group()
            for i in range(len(run) - 3):
                found.setdefault(run[i : i + 4], path.name)
    return found


def _package_files() -> list[Path]:
    return sorted(
        p
        for p in PACKAGE.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in {".pyc", ".pyo"}
    )


def test_fixtures_are_present() -> None:
    """Guards the test itself: with no fixture text it would pass vacuously."""
    assert _fixture_bigrams(), "no fixture word pairs found"
    assert _fixture_han_runs(), "no fixture Han runs found"


def test_no_fixture_word_sequence_in_package() -> None:
    bigrams = _fixture_bigrams()
    hits: list[str] = []
    for path in _package_files():
        words = _latin_words(path.read_text(encoding="utf-8", errors="replace"))
        for a, b in zip(words, words[1:]):
            if (a, b) in bigrams:
                hits.append(f"{path.relative_to(ROOT)}: '{a} {b}' (from {bigrams[(a, b)]})")
    assert not hits, "fixture word sequences in the package:\n" + "\n".join(sorted(set(hits)))


def test_no_fixture_han_run_in_package() -> None:
    runs = _fixture_han_runs()
    hits: list[str] = []
    for path in _package_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for m in _HAN_RUN.finditer(text):
            run = m.group()
            for i in range(len(run) - 3):
                if run[i : i + 4] in runs:
                    hits.append(f"{path.relative_to(ROOT)}: '{run[i:i+4]}' (from {runs[run[i:i+4]]})")
    assert not hits, "fixture Han sequences in the package:\n" + "\n".join(sorted(set(hits)))


def test_detector_catches_a_planted_sequence() -> None:
    """The detector must flag a real fixture pair and skip a common one."""
    bigrams = _fixture_bigrams()
    assert ("of", "the") not in bigrams
    assert any(a not in _common_words() or b not in _common_words() for a, b in bigrams)
