"""The package must not key on the bundled test story.

Every run of two or more consecutive word tokens in any file under ``fixtures/`` is a
"fixture sequence"; none may appear (case-insensitively, as a run of word tokens) in any
file under ``auditor/`` — code, data files, templates and schemas alike. Chinese text has
no spaces, so every run of four or more Han characters in a fixture counts too.

A sequence runs between punctuation marks: words separated only by spaces, hyphens or
apostrophes ("the plan", "start-up firm"). A full stop, comma, bracket or slash ends it, so
"U.S." is no pair and "report.html (the" is none either.

In Python files the prose is checked — string literals (docstrings included) and comments, each
on its own — not the code between them: ``if key not in seen`` is syntax, and a fixture line
that happens to read "key not set" says nothing about it. Fixture text a module keys on is a
string literal, so it is still caught.

What is not a tell, and therefore skipped:

* sequences made only of punctuation or numbers (word tokens are letter runs, so numbers
  never form a sequence on their own);
* bigrams whose two words are both among the ~500 most frequent English or Spanish words
  according to ``wordfreq`` ("of the", "in the", "de la"): such pairs occur in any prose,
  docstring or message, and saying them says nothing about the fixture. Longer sequences
  are checked through their bigrams, so "of the money" is caught by "the money" unless
  that pair is also common; a sequence with one uncommon word is always checked;
* ``GENERAL_VOCABULARY``: a short, closed list of pairs that are ordinary vocabulary the package
  must know as such — role titles its title lexicon recognises ("prime minister"), attribution
  phrases its quote and name rules read ("according to", "led by"), and its own term for
  documents left out of comparison ("set aside"). Each is there for what it means in any news
  text, not because the fixture says it; :func:`test_general_vocabulary_is_still_needed`
  fails when an entry stops being needed, so the list can only shrink.
"""

from __future__ import annotations

import io
import itertools
import json
import tokenize
from functools import lru_cache
from pathlib import Path

import regex
import wordfreq

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
PACKAGE = ROOT / "auditor"

#: a word token: letters, digits and underscores with inner apostrophes ("910C", "it's" and the
#: identifier "depends_on" are one token each); tokens without a letter are numbers and are dropped
_WORD = regex.compile(r"[\w\p{M}]+(?:['’][\w\p{M}]+)*")
_HAN_RUN = regex.compile(r"\p{Han}{4,}")
_COMMON_LIMIT = 500

#: pairs that are general vocabulary of the package (see the module docstring), with the reason
GENERAL_VOCABULARY: dict[tuple[str, str], str] = {
    ("prime", "minister"): "a role title of the multilingual title lexicon",
    ("deputy", "head"): "a role title of the multilingual title lexicon",
    ("member", "of"): "a role title of the multilingual title lexicon",
    ("according", "to"): "attribution phrase read by the quote and person rules",
    ("led", "by"): "attribution phrase read by the person rule",
    ("who", "serves"): "appositive role phrase ('X, who serves as ...') read by the title rule",
    ("noted", "that"): "reporting verb phrase read by the quote rule",
    ("pointed", "out"): "reporting verb phrase read by the quote rule",
    ("attributed", "to"): "wording of the quote-speaker finding and rule (C002)",
    ("set", "aside"): "the report's term for documents left out of comparison",
}


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """The top words of English and Spanish, the fixture's Latin-script languages."""
    words: set[str] = set()
    for lang in ("en", "es"):
        words.update(w.casefold() for w in wordfreq.top_n_list(lang, _COMMON_LIMIT))
    return frozenset(words)


#: what ends a word sequence: any mark other than spaces, hyphens and apostrophes
_BREAK = regex.compile(r"[^\w\s\p{M}'’-]+")


def _latin_words(text: str) -> list[str]:
    """Word tokens outside Han script (Han is handled by character runs)."""
    return [
        m.group().casefold()
        for m in _WORD.finditer(text)
        if regex.search(r"\p{L}", m.group()) and not regex.search(r"\p{Han}", m.group())
    ]


def _bigrams(text: str) -> list[tuple[str, str]]:
    """Adjacent word pairs inside each punctuation-free run of ``text``."""
    out: list[tuple[str, str]] = []
    for run in _BREAK.split(text):
        words = _latin_words(run)
        out.extend(itertools.pairwise(words))
    return out


def _fixture_bigrams() -> dict[tuple[str, str], str]:
    """Every non-trivial word bigram of the fixtures, mapped to the file it came from."""
    common = _common_words()
    found: dict[tuple[str, str], str] = {}
    for path in sorted(p for p in FIXTURES.rglob("*") if p.is_file()):
        for a, b in _bigrams(path.read_text(encoding="utf-8", errors="replace")):
            if (a in common and b in common) or (a, b) in GENERAL_VOCABULARY:
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


def _prose(path: Path) -> list[str]:
    """The texts of ``path`` whose word sequences count: for Python, each string literal and
    comment separately; for JSON, each string (key or value) separately; for anything else (data
    files, templates), the whole file."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".json":
        strings: list[str] = []

        def walk(node: object) -> None:
            if isinstance(node, str):
                strings.append(node)
            elif isinstance(node, dict):
                for k, v in node.items():
                    strings.append(k)
                    walk(v)
            elif isinstance(node, list):
                for v in node:
                    walk(v)

        walk(json.loads(text))
        return strings
    if path.suffix != ".py":
        return [text]
    out: list[str] = []
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type in (tokenize.STRING, tokenize.COMMENT) or tok.type == getattr(tokenize, "FSTRING_MIDDLE", -1):
            out.append(tok.string)
    return out


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
        for chunk in _prose(path):
            for a, b in _bigrams(chunk):
                if (a, b) in bigrams:
                    hits.append(f"{path.relative_to(ROOT)}: '{a} {b}' (from {bigrams[(a, b)]})")
    assert not hits, "fixture word sequences in the package:\n" + "\n".join(sorted(set(hits)))


def test_no_fixture_han_run_in_package() -> None:
    runs = _fixture_han_runs()
    hits: list[str] = []
    for path in _package_files():
        text = "\n".join(_prose(path))
        for m in _HAN_RUN.finditer(text):
            run = m.group()
            for i in range(len(run) - 3):
                if run[i : i + 4] in runs:
                    hits.append(f"{path.relative_to(ROOT)}: '{run[i:i+4]}' (from {runs[run[i:i+4]]})")
    assert not hits, "fixture Han sequences in the package:\n" + "\n".join(sorted(set(hits)))


def test_detector_catches_a_planted_sequence() -> None:
    """The detector must flag a real fixture pair planted in prose and skip common pairs."""
    bigrams = _fixture_bigrams()
    assert ("of", "the") not in bigrams and ("set", "aside") not in bigrams
    planted = next(p for p in sorted(bigrams) if p[0] not in _common_words())
    text = f"# an example: {planted[0].upper()} {planted[1]}, nothing else"
    assert [p for p in _bigrams(text) if p in bigrams] == [planted]
    # punctuation between the two words ends the sequence
    assert not [p for p in _bigrams(f"{planted[0]}. {planted[1]}") if p in bigrams]


def test_general_vocabulary_is_still_needed() -> None:
    """Every exempt pair must still occur in a fixture and in the package; otherwise drop it."""
    in_fixtures: set[tuple[str, str]] = set()
    for path in FIXTURES.rglob("*"):
        if path.is_file():
            in_fixtures.update(_bigrams(path.read_text(encoding="utf-8", errors="replace")))
    in_package: set[tuple[str, str]] = set()
    for path in _package_files():
        for chunk in _prose(path):
            in_package.update(_bigrams(chunk))
    stale = [" ".join(p) for p in GENERAL_VOCABULARY if p not in in_fixtures or p not in in_package]
    assert not stale, f"no longer needed in GENERAL_VOCABULARY: {stale}"
