"""Name authority file (``--names names.toml``): the house spelling of people, organisations and titles.

Drift rules compare versions with each other, so a misspelling every version shares is invisible to
them. The authority file is the outside reference that catches it: any known variant, and any near-miss
of a house spelling (case, hyphenation, spacing, a one-letter slip), is an N005 finding even when all
versions agree. The file::

    [people]
    "Xi Jinping" = ["Xi Jin-ping", "Xi Jing Ping"]   # known variants (may be empty)
    [organisations]
    "European Commission" = ["EU Commission"]
    [titles]
    "Governor Ana Ruiz" = ["Gov. Ana Ruiz"]

Titles are matched as the listed phrases only: a title is a context-dependent word ("Prime Minister"
is right for the UK), so the phrase with the name is the unit, and no fuzzy matching is applied.
The check runs over the report's sentence texts (boilerplate excluded), so it also works in
``auditor render`` on a saved report.
"""

from __future__ import annotations

import hashlib
import logging
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import regex
from rapidfuzz.distance import Levenshtein

from auditor.errors import ConfigError
from auditor.model import Evidence, Finding, Report, Sentence
from auditor.rules import NAME_HOUSE_STYLE
from auditor.text import HAN, KANA

log = logging.getLogger(__name__)

SECTIONS = {"people": "person", "persons": "person", "organisations": "organisation",
            "organizations": "organisation", "orgs": "organisation", "titles": "title"}

#: Fuzzy near-misses are only looked for on names whose letters (spaces/hyphens removed) number at
#: least this many: below it, one edit turns a name into a different common name (Wang Ling / Wang Lin
#: stays caught at 7 letters, but "Wu Bo" vs "Wu Bao" is too likely two people).
MIN_FUZZY_LETTERS = 6
#: Letters per allowed edit: one slip in a short name, two in long ones ("Tomasz Brenner" 13 letters),
#: the typo/transliteration range; more than that is a different name, which N003 handles.
LETTERS_PER_EDIT = 8

_WORD = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")
_CJK = regex.compile(f"[{HAN}{KANA}]")


@dataclass(frozen=True)
class NameEntry:
    canonical: str
    kind: str  # person | organisation | title
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class NameAuthority:
    path: str
    entries: tuple[NameEntry, ...]


def load_authority(path: str | Path) -> NameAuthority:
    """Read a names file; a malformed one is a ConfigError naming the file and the bad entry."""
    where = str(path)
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(where, "no such file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(where, f"invalid TOML: {exc}") from None
    except UnicodeDecodeError:  # TOML is UTF-8 by definition
        raise ConfigError(where, "invalid TOML: not UTF-8 text") from None
    except OSError as exc:  # a folder, no permission, a file gone since the option was checked
        raise ConfigError(where, f"cannot read: {exc.strerror or exc}") from None
    entries = []
    for section, table in data.items():
        kind = SECTIONS.get(section.lower())
        if kind is None:
            raise ConfigError(where, f"unknown section [{section}] (use people, organisations, titles)")
        if not isinstance(table, dict):
            raise ConfigError(where, f"[{section}] must be a table of \"House Spelling\" = [variants]")
        for canonical, variants in table.items():
            if isinstance(variants, str):
                variants = [variants]
            if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
                raise ConfigError(where, f"[{section}] {canonical!r}: variants must be a list of strings")
            entries.append(NameEntry(canonical, kind, tuple(v for v in variants if v.strip())))
    return NameAuthority(where, tuple(entries))


def _key(text: str) -> str:
    """Comparable letters of a name: case, spaces, hyphens and dots do not count."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Case-insensitive, whitespace-tolerant match of a phrase on word boundaries (none inside CJK)."""
    body = r"\s+".join(re.escape(part) for part in phrase.split())
    if _CJK.search(phrase):
        return re.compile(body, re.IGNORECASE)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def _deviates(found: str, canonical: str) -> bool:
    """A case-insensitive exact hit still deviates when its case differs, except in all-caps text."""
    return found != canonical and not found.isupper()


def _targets(entry: NameEntry) -> list[tuple[str, tuple[int, ...]]]:
    """What near-misses are looked for: the whole name in runs of about its word count, and for a
    person each long name part alone (later references use the surname: "Kowalczik told reporters")."""
    n = len(entry.canonical.split())
    targets = [(entry.canonical, tuple(dict.fromkeys((n, max(1, n - 1), n + 1))))]
    if entry.kind == "person" and n > 1:
        targets += [(part, (1,)) for part in entry.canonical.split() if len(_key(part)) >= MIN_FUZZY_LETTERS]
    return targets


def _near_misses(sentence: str, entry: NameEntry) -> list[tuple[int, int, str]]:
    """(start, end, expected spelling) of capitalised word runs that spell a house name slightly
    differently: one or two letters, or only spacing/hyphenation ("Xi Jin-ping")."""
    if _CJK.search(entry.canonical):
        return []
    words = list(_WORD.finditer(sentence))
    spans = []
    for expected, sizes in _targets(entry):
        target = _key(expected)
        if len(target) < MIN_FUZZY_LETTERS:
            continue
        max_edits = max(1, len(target) // LETTERS_PER_EDIT)
        for size in sizes:
            for i in range(len(words) - size + 1):
                window = words[i:i + size]
                if not all(w.group()[0].isupper() for w in window):
                    continue  # names are capitalised; lowercase runs are ordinary words
                start, end = window[0].start(), window[-1].end()
                found = sentence[start:end]
                if " ".join(found.split()) == expected or found.isupper():
                    continue  # the house spelling itself, or all-caps typography
                key = _key(found)
                if key[:1] == target[:1] and \
                        Levenshtein.distance(key, target, score_cutoff=max_edits) <= max_edits:
                    spans.append((start, end, expected))
    return spans


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


Hit = tuple[int, int, NameEntry, str]  # start, end (in the sentence), entry, expected spelling


def check_sentence(sentence: Sentence, authority: NameAuthority) -> list[Hit]:
    """Deviating spans (offsets into the sentence text), each with its entry and expected spelling."""
    text = sentence.text
    hits: list[Hit] = []
    # House spellings written correctly claim their span first, so a variant inside them
    # ("Zhipu" inside "Zhipu AI") or a fuzzy window over them is not flagged.
    taken: list[tuple[int, int]] = []
    for entry in authority.entries:
        for m in _phrase_pattern(entry.canonical).finditer(text):
            if _deviates(m.group(), entry.canonical):
                hits.append((m.start(), m.end(), entry, entry.canonical))
            taken.append(m.span())
    for entry in authority.entries:
        for variant in entry.variants:
            for m in _phrase_pattern(variant).finditer(text):
                if not _overlaps(m.span(), taken):
                    hits.append((m.start(), m.end(), entry, entry.canonical))
                    taken.append(m.span())
    for entry in authority.entries:
        if entry.kind == "title":
            continue
        for start, end, expected in _near_misses(text, entry):
            if not _overlaps((start, end), taken):
                hits.append((start, end, entry, expected))
                taken.append((start, end))
    return sorted(hits, key=lambda h: (h[0], h[1]))


def check_names(report: Report, authority: NameAuthority) -> tuple[Finding, ...]:
    """N005 findings for every deviation from the house spellings in the report's documents."""
    if not report.sentences:
        log.warning(f"{authority.path}: the report carries no sentence texts; name check skipped")
        return ()
    r = NAME_HOUSE_STYLE
    findings = []
    for doc in report.documents:
        for sentence in report.sentences.get(doc.id, ()):
            if sentence.boilerplate:
                continue
            for start, end, entry, expected in check_sentence(sentence, authority):
                found = sentence.text[start:end]
                a, b = sentence.start + start, sentence.start + end
                digest = hashlib.sha1(f"{doc.id}:{a}:{b}:{entry.canonical}".encode()).hexdigest()[:8]
                findings.append(Finding(
                    id=f"N005-{digest}",
                    code=r.code,
                    kind=r.kind,
                    severity=r.severity,
                    message=f"{found} is not the house spelling of this {entry.kind}: {expected}"
                    + (f" ({entry.canonical})" if expected != entry.canonical else ""),
                    documents=(doc.id,),
                    evidence=(Evidence(doc.id, sentence.index, a, b, found),),
                ))
    return tuple(findings)
