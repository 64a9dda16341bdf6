"""The editor's view of a report, computed once for every human format: verdict, scorecard, grouping.

An editor asks three things in this order: which version do I use, where does each version stand, and
what exactly is wrong with the others. So every human format opens with a verdict (one sentence per
version, in editors' words), then a scorecard per version (headline, outlet, byline, date, file,
pass/review/fail, findings counted by rule), then the findings grouped by version and, within a
version, by sentence pair: all findings on one pair are shown once, with their codes, most harmful
first. Documents set aside get their own section. Rich, Markdown and HTML only differ in markup.
"""

from __future__ import annotations

import re
import weakref
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from auditor.model import SEVERITIES, SEVERITY_RANK, DocumentResult, Finding, Report
from auditor.rules import rule_phrase

#: status of a version by its worst finding: a critical one means it publishes something false
STATUS_WORDS = {"fail": "not publishable", "review": "needs review", "pass": "publishable",
                "aside": "set aside"}
#: what a version is, by role, when its labels say nothing worse
ROLE_NOUN = {"original": "the original", "near-duplicate": "a close copy", "rewrite": "a rewrite",
             "translation": "a translation", "related": "a different article on the same subject",
             "unrelated": "a different story"}
#: what several set-aside documents of one role are
ROLE_PLURAL = {"related": "different articles on the same subject", "unrelated": "different stories"}
#: a trailing hash in a file stem ("004_9c0a797d7a6c616f"): says nothing an editor can use
_HASH_TAIL = re.compile(r"[_\-.][0-9a-fA-F]{8,}$")
#: headlines longer than this are cut (a scorecard line, not the article)
HEADLINE_CHARS = 90
#: a heading is a short line of its own: at most this many words, no sentence-final full stop
HEADING_MAX_WORDS = 20
#: only the top of an article carries its byline and dateline
TOP_SENTENCES = 12
_BYLINE = re.compile(r"^(?:by|von|par|por|di|door)\s+\S", re.IGNORECASE)
_DATE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4}\b"
    r"|\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]* \d{4}\b"
    r"|(?:\d{4}年)?\d{1,2}月\d{1,2}日")


def display_names(report: Report) -> dict[str, str]:
    """doc id -> the name an editor reads: the file stem without a trailing hash ("004" for
    "004_9c0a797d7a6c616f") when that still tells every document apart, else the id itself."""
    ids = [d.id for d in report.documents]
    short = {i: (_HASH_TAIL.sub("", i) or i) for i in ids}
    if len(set(short.values())) == len(short) and not (set(short.values()) - set(ids)) & set(ids):
        return short
    return {i: i for i in ids}


def standing(d: DocumentResult) -> str:
    """What a version is in an editor's words: labels first (a garbled round trip is a garbled copy,
    whatever its sentence structure), then its role."""
    labels = set(d.labels)
    if "garbled" in labels:
        return "a garbled machine translation" if "machine-translated" in labels else "a garbled copy"
    if "machine-translated" in labels and d.role in ("near-duplicate", "rewrite", "translation"):
        return "a machine translation"
    return ROLE_NOUN.get(d.role, f"a {d.role}")


def _heading(report: Report, doc: str) -> str:
    sentences = [s for s in report.sentences.get(doc, ()) if not s.boilerplate and s.text.strip()]
    if not sentences:
        return ""
    per_paragraph = Counter(s.paragraph for s in sentences)
    for s in sentences[:TOP_SENTENCES]:
        text = " ".join(s.text.split())
        if per_paragraph[s.paragraph] == 1 and len(text.split()) <= HEADING_MAX_WORDS and not text.endswith("."):
            return text
    return " ".join(sentences[0].text.split())


def _cut(text: str, limit: int = HEADLINE_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _top_match(report: Report, doc: str, pattern: re.Pattern[str], whole: bool) -> str:
    for s in report.sentences.get(doc, ())[:TOP_SENTENCES]:
        text = " ".join(s.text.split())
        m = pattern.search(text)
        if m and (not whole or len(text.split()) <= 10):
            return text if whole else m.group(0)
    return ""


def _sort_counts(findings: Iterable[Finding]) -> list[tuple[str, str, int]]:
    """(severity, code, n), most harmful first, then the most frequent."""
    counts = Counter((f.severity, f.code) for f in findings)
    return sorted(((s, c, n) for (s, c), n in counts.items()), key=lambda t: (SEVERITY_RANK[t[0]], -t[2], t[1]))


def rollup(findings: Iterable[Finding], *, levels: Sequence[str] = SEVERITIES) -> str:
    """"8 altered quotes, 2 names transliterated differently, 1 changed title" (most harmful first)."""
    return ", ".join(rule_phrase(code, n) for sev, code, n in _sort_counts(findings) if sev in levels)


@dataclass(frozen=True)
class Card:
    """One version's line on the scorecard."""

    doc: DocumentResult
    name: str
    file: str
    headline: str
    outlet: str
    byline: str
    date: str
    status: str  # pass / review / fail
    standing: str
    findings: tuple[Finding, ...] = field(default=(), compare=False)

    @property
    def counts(self) -> dict[str, int]:
        c = Counter(f.severity for f in self.findings)
        return {s: c.get(s, 0) for s in SEVERITIES}

    @property
    def source(self) -> str:
        """"outlet · byline · date", whichever are known."""
        return " · ".join(x for x in (self.outlet, self.byline, self.date) if x)

    def rollup(self, levels: Sequence[str] = SEVERITIES) -> str:
        return rollup(self.findings, levels=levels)


def all_findings(report: Report) -> tuple[Finding, ...]:
    """The findings this run reports plus those ``--min-severity`` only hid (a version's standing
    does not change with what the screen shows)."""
    return tuple(report.findings) + tuple(report.filtered.get("hidden", ()))


def status_of(findings: Iterable[Finding]) -> str:
    worst = min((SEVERITY_RANK[f.severity] for f in findings), default=len(SEVERITIES))
    return "fail" if worst == SEVERITY_RANK["critical"] else "review" if worst == SEVERITY_RANK["major"] else "pass"


def findings_by_document(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """Each document's findings in their order, a finding naming a document twice listed once: one
    pass over the findings, where testing every finding for each of a folder's thousands of
    versions was documents x findings."""
    out: dict[str, list[Finding]] = {}
    for f in findings:
        for doc_id in dict.fromkeys(f.documents):
            out.setdefault(doc_id, []).append(f)
    return out


#: the last report's cards (ranked, set aside), by identity: a format asks for them several times
#: (the title, the verdict, the scorecard, the findings by version), and a folder's are thousands,
#: each reading its document's first sentences. A frozen report gives the same cards every time.
_LAST_CARDS: dict[bool, tuple[weakref.ref[Report], tuple[Card, ...]]] = {}


def cards(report: Report, *, set_aside: bool = False) -> list[Card]:
    """Scorecard of every ranked version (story by story, best first), or with ``set_aside`` of the
    documents that were not compared."""
    last = _LAST_CARDS.get(set_aside)
    if last is not None and last[0]() is report:
        return list(last[1])
    out = _cards(report, set_aside)
    _LAST_CARDS[set_aside] = (weakref.ref(report), tuple(out))
    return out


def _cards(report: Report, set_aside: bool) -> list[Card]:
    names = display_names(report)
    every = all_findings(report)
    aside = {item.id for item in report.set_aside}
    docs = [d for d in report.documents if (d.id in aside or d.rank is None) == set_aside]
    docs.sort(key=lambda d: (d.cluster is None, d.cluster or 0, d.rank or 1 << 30, d.id))
    # a file is named by its name; by folder/name when two stories each have an "original.txt"
    base = Counter(PurePath(d.path).name for d in report.documents if d.path)
    by_doc = findings_by_document(every)
    out = []
    for d in docs:
        mine = tuple(by_doc.get(d.id, ()))
        meta = d.meta or {}
        out.append(Card(
            doc=d, name=names.get(d.id, d.id),
            file=(PurePath(d.path).name if base[PurePath(d.path).name] == 1 else "/".join(PurePath(d.path).parts[-2:]))
            if d.path else d.id,
            headline=_cut(meta.get("title") or _heading(report, d.id)),
            outlet=meta.get("sitename", ""),
            byline=meta.get("author") or _top_match(report, d.id, _BYLINE, whole=True),
            date=meta.get("date") or _top_match(report, d.id, _DATE, whole=False),
            status="aside" if set_aside else status_of(mine), standing=standing(d), findings=mine,
        ))
    return out


def _join_names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


#: a verdict sentence names at most this many kinds of finding; the scorecard has the rest
VERDICT_KINDS = 3


def _first(card: Card, level: str, kinds: int = VERDICT_KINDS) -> str:
    """The version's findings at ``level`` counted by rule, the most frequent few."""
    counts = [(code, n) for sev, code, n in _sort_counts(card.findings) if sev == level]
    text = ", ".join(rule_phrase(code, n) for code, n in counts[:kinds])
    more = sum(n for _, n in counts[kinds:])
    return text + (f" and {more} more" if more else "")


def verdict(report: Report) -> list[str]:
    """One sentence per version naming the version to use and each other version's standing, story by
    story; a last one for the documents set aside."""
    ranked = cards(report)
    stories: dict[int | None, list[Card]] = {}
    for c in ranked:
        stories.setdefault(c.doc.cluster, []).append(c)
    out: list[str] = []
    for k, story in stories.items():
        prefix = f"Story {k + 1 if isinstance(k, int) else '?'}: " if len(stories) > 1 else ""
        best, rest = story[0], story[1:]
        score = f"{best.doc.faithfulness:.2f}" if best.doc.faithfulness is not None else "unscored"
        what = best.standing if best.doc.role == "original" else f"{best.standing}"
        if best.status == "pass":
            out.append(f"{prefix}Use {best.name} ({what}, most faithful: {score}).")
        elif best.status == "review":
            out.append(f"{prefix}Use {best.name} ({what}, most faithful: {score}) after checking "
                       f"{best.rollup(('major',))}.")
        else:
            out.append(f"{prefix}No version is publishable as it is; {best.name} ({what}, most faithful: "
                       f"{score}) still has {best.rollup(('critical',))}.")
        for c in rest:
            if c.status == "fail":
                also = f"; also {_first(c, 'major', 2)}" if c.counts["major"] else ""
                out.append(f"{c.name} is not publishable ({c.standing}): {_first(c, 'critical')}{also}.")
            elif c.status == "review":
                out.append(f"{c.name} needs review ({c.standing}): {_first(c, 'major')}.")
            else:
                out.append(f"{c.name} is publishable: {c.standing}"
                           + (" with minor differences only." if c.findings else " with no differences found."))
    aside = cards(report, set_aside=True)
    if aside:
        roles = Counter(a.doc.role for a in aside)
        relations = sorted({ROLE_PLURAL[a.doc.role] if roles[a.doc.role] > 1 and a.doc.role in ROLE_PLURAL
                            else role_words(a.doc) for a in aside})
        out.append(f"Set aside: {_join_names([a.name for a in aside])} ({'; '.join(relations)}).")
    return out


# --- counts that say what was hidden ----------------------------------------------------------------


def counts_line(report: Report) -> str:
    """"33 findings: 13 critical, 12 major, 8 minor" and, when filters took some out, what they took:
    "33 findings, 30 hidden by --min-severity critical; 12 suppressed by baseline"."""
    shown = len(report.findings)
    f = report.filtered or {}
    hidden = int(f.get("min_severity", 0))
    total = shown + hidden
    by_sev = Counter(x.severity for x in report.findings)
    detail = ", ".join(f"{by_sev[s]} {s}" for s in SEVERITIES if by_sev[s])
    text = f"{total} finding{'s' if total != 1 else ''}"
    if hidden:
        text += f", {hidden} hidden by --min-severity {f.get('min_severity_level', '')}".rstrip()
        text += f" (shown: {detail})" if detail else " (none shown)"
    elif detail:
        text += f": {detail}"
    notes = [f"{f[key]} {words}" for key, words in (("baseline", "suppressed by baseline"), ("waived", "waived"),
                                                     ("ignored", "left out by --select/--ignore")) if f.get(key)]
    return text + ("; " if notes else "") + "; ".join(notes)


def statistics(findings: Iterable[Finding]) -> list[tuple[int, str, str, str]]:
    """(count, code, rule name, severity) per rule, most frequent first (ruff's ``--statistics``)."""
    from auditor.rules import RULES_BY_CODE

    counts = Counter((f.code, f.severity) for f in findings)
    rows = [(n, code, RULES_BY_CODE[code].name if code in RULES_BY_CODE else code, sev)
            for (code, sev), n in counts.items()]
    return sorted(rows, key=lambda r: (-r[0], r[1]))


#: what precedes a list of versions in a finding message ("is missing from a, b", "Only c carries"),
#: and what may follow one; a document id elsewhere is a word of the message ("replaced by a
#: different name" names no version "a") and is left alone
_LIST_BEFORE = r"(^|\b(?:in|from|by|of|to|where|Only) )"
_LIST_AFTER = r"(?=$|[:;,.)]|\s\(|\s(?:is|are|has|have|carries|omitted|where)\b)"
_QUOTED = re.compile(r'("[^"]*")')


#: the names mapping last asked about, its ids by length and their order in it (``_ids_in``)
_ID_INDEX: list[Any] = [None, {}, {}]


def _ids_in(text: str, names: Mapping[str, str]) -> list[str]:
    """The ids of ``names`` that start where a list of versions can put one -- at the start, after
    a space, or after a quote (where the unquoted part ``with_names`` rewrites begins) -- longest
    first, ties in the mapping's order (the alternation ``with_names`` builds). Looked up by length
    at each such place, not by testing every id of a folder against every message: that was
    documents x findings."""
    if _ID_INDEX[0] is not names:
        lengths: dict[int, set[str]] = {}
        for d in names:
            lengths.setdefault(len(d), set()).add(d)
        _ID_INDEX[:] = [names, dict(sorted(lengths.items(), reverse=True)), {d: k for k, d in enumerate(names)}]
    by_length: dict[int, set[str]] = _ID_INDEX[1]
    order: dict[str, int] = _ID_INDEX[2]
    found: set[str] = set()
    for start in [0, *(i + 1 for i, ch in enumerate(text) if ch in ' "')]:
        for n, ids in by_length.items():
            if start + n <= len(text) and (piece := text[start : start + n]) in ids:
                found.add(piece)
    return sorted(found, key=lambda d: (-len(d), order[d]))


def with_names(text: str, names: Mapping[str, str]) -> str:
    """``text`` (a finding message) with the document ids of its lists of versions written as the
    editor's names for them. Only lists are rewritten, in one pass and never inside quoted text: a
    plain replace turned 'a different "Fahrenheit"' into 'a.txt different "Fa.txthrenheit"' for a
    version called "a"."""
    # only the ids the message holds go into the pattern: a folder's report names thousands of
    # versions, and every finding's message is rewritten
    present = _ids_in(text, names)
    if all(names[d] == d for d in present):
        return text
    one = "|".join(re.escape(d) for d in present)
    runs = re.compile(f"{_LIST_BEFORE}((?:{one})(?:, (?:{one}))*){_LIST_AFTER}")

    def named(m: re.Match[str]) -> str:
        return m.group(1) + ", ".join(names.get(d, d) for d in m.group(2).split(", "))

    parts = _QUOTED.split(text)
    return "".join(part if k % 2 else runs.sub(named, part) for k, part in enumerate(parts))


def role_words(d: DocumentResult) -> str:
    """The role column in words: "garbled machine translation", not "near-duplicate", when the
    labels say so."""
    words = standing(d)
    for article in ("a ", "an ", "the "):
        if words.startswith(article):
            return words[len(article):]
    return words


__all__ = [
    "STATUS_WORDS",
    "Card",
    "all_findings",
    "cards",
    "counts_line",
    "display_names",
    "role_words",
    "rollup",
    "standing",
    "statistics",
    "status_of",
    "verdict",
    "with_names",
]
