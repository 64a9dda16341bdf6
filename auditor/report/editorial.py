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
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from auditor.model import SEVERITIES, SEVERITY_RANK, DocumentResult, Finding, Report
from auditor.report.highlight import Segment, merge
from auditor.report.views import evidence_rows, sentence_of
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


def cards(report: Report, *, set_aside: bool = False) -> list[Card]:
    """Scorecard of every ranked version (story by story, best first), or with ``set_aside`` of the
    documents that were not compared."""
    names = display_names(report)
    every = all_findings(report)
    aside = {item.id for item in report.set_aside}
    docs = [d for d in report.documents if (d.id in aside or d.rank is None) == set_aside]
    docs.sort(key=lambda d: (d.cluster is None, d.cluster or 0, d.rank or 1 << 30, d.id))
    # a file is named by its name; by folder/name when two stories each have an "original.txt"
    base = Counter(PurePath(d.path).name for d in report.documents if d.path)
    out = []
    for d in docs:
        mine = tuple(f for f in every if d.id in f.documents)
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


# --- findings grouped by version, then by sentence pair ---------------------------------------------


@dataclass(frozen=True)
class PairGroup:
    """All findings on one sentence pair of one version: shown once, with every code."""

    findings: tuple[Finding, ...]
    rows: list[tuple[str, int, list[Segment]]]

    @property
    def severity(self) -> str:
        return min((f.severity for f in self.findings), key=lambda s: SEVERITY_RANK[s])

    @property
    def codes(self) -> list[str]:
        return list(dict.fromkeys(f.code for f in self.findings))


@dataclass(frozen=True)
class VersionGroup:
    """One version's findings: its card (status, rollup) and its sentence pairs, most harmful first."""

    card: Card
    pairs: tuple[PairGroup, ...]


def _pair_key(f: Finding, doc: str) -> tuple[str, int, int, bool]:
    base = f.evidence[0] if f.evidence else None
    mine = next((e for e in f.evidence[1:] if e.document == doc), None)
    return (base.document if base else "", base.sentence if base else -1, mine.sentence if mine else -1,
            len(f.evidence) > 2 and f.kind == "omission")


def _rows_for(f: Finding, report: Report, doc: str, context: bool) -> list[tuple[str, int, list[Segment]]]:
    """The finding's evidence for one version: the side compared against, then this version's own."""
    rows = evidence_rows(f, report, context=context)
    if not rows:
        return rows
    base = rows[0][0]
    return [r for i, r in enumerate(rows) if i == 0 or r[0] in (doc, base)]


def _union(
    report: Report, rows_list: list[list[tuple[str, int, list[Segment]]]]
) -> list[tuple[str, int, list[Segment]]] | None:
    """Several findings' rows on the same sentences merged into one set of rows with every change
    marked; None when their texts differ (then each is shown as it is)."""
    first = rows_list[0]
    if any(len(r) != len(first) or [x[0] for x in r] != [x[0] for x in first] for r in rows_list):
        return None
    merged = []
    for i, (doc, side, segs) in enumerate(first):
        text = "".join(s.text for s in segs)
        mask = [False] * len(text)
        for rows in rows_list:
            segments = rows[i][2]
            if "".join(s.text for s in segments) != text:
                return None
            pos = 0
            for s in segments:
                if s.changed:
                    for j in range(pos, pos + len(s.text)):
                        mask[j] = True
                pos += len(s.text)
        out: list[Segment] = []
        for ch, changed in zip(text, mask):
            out.append(Segment(ch, changed))
        merged.append((doc, side, merge(out)))
    return merged


def _unlisted_cards(report: Report) -> list[Card]:
    """Cards for documents findings name but the report does not list (a hand-built or filtered
    report): their findings are still shown, never dropped."""
    listed = {d.id for d in report.documents}
    names = display_names(report)
    every = all_findings(report)
    out = []
    for doc in dict.fromkeys(d for f in report.findings for d in f.documents if d not in listed):
        mine = tuple(f for f in every if doc in f.documents)
        stub = DocumentResult(doc, "", "und", None, "unlisted", (), None, None, None)
        out.append(Card(stub, names.get(doc, doc), doc, "", "", "", "", status_of(mine),
                        "a version not in the ranking", mine))
    return out


def version_groups(report: Report, *, context: bool = True, set_aside: bool = False) -> list[VersionGroup]:
    """Findings by version (most harmful version first), then by sentence pair (most harmful pair
    first, then text order); documents set aside only with ``set_aside`` (with them, documents the
    report does not list at all)."""
    groups = []
    for card in cards(report, set_aside=set_aside) + (_unlisted_cards(report) if not set_aside else []):
        doc = card.doc.id
        by_pair: dict[tuple[str, int, int, bool], list[Finding]] = {}
        for f in report.findings:
            if doc in f.documents:
                by_pair.setdefault(_pair_key(f, doc), []).append(f)
        pairs = []
        for key, fs in by_pair.items():
            fs.sort(key=lambda f: (SEVERITY_RANK[f.severity], f.code))
            rows_list = [_rows_for(f, report, doc, context) for f in fs]
            rows = (_union(report, rows_list) if len(fs) > 1 else None) or rows_list[0]
            pairs.append((key, PairGroup(tuple(fs), rows)))
        pairs.sort(key=lambda kp: (SEVERITY_RANK[kp[1].severity], kp[0][1], kp[0][2]))
        if pairs:
            groups.append(VersionGroup(card, tuple(p for _, p in pairs)))
    groups.sort(key=lambda g: (SEVERITY_RANK[g.pairs[0].severity], -g.card.counts["critical"],
                               g.card.doc.rank or 1 << 30))
    return groups


def sentence_label(report: Report, f: Finding) -> str:
    """"sentence 25" of the version compared against, for a heading over a pair (1-based)."""
    base = f.evidence[0] if f.evidence else None
    if base is None or sentence_of(report, base.document, base.sentence) is None:
        return ""
    return f"sentence {base.sentence + 1}"


def statistics(findings: Iterable[Finding]) -> list[tuple[int, str, str, str]]:
    """(count, code, rule name, severity) per rule, most frequent first (ruff's ``--statistics``)."""
    from auditor.rules import RULES_BY_CODE

    counts = Counter((f.code, f.severity) for f in findings)
    rows = [(n, code, RULES_BY_CODE[code].name if code in RULES_BY_CODE else code, sev)
            for (code, sev), n in counts.items()]
    return sorted(rows, key=lambda r: (-r[0], r[1]))


def with_names(text: str, names: Mapping[str, str]) -> str:
    """``text`` (a finding message) with every document id written as the editor's name for it."""
    for doc, name in sorted(names.items(), key=lambda kv: -len(kv[0])):
        if doc != name:
            text = text.replace(doc, name)
    return text


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
    "PairGroup",
    "VersionGroup",
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
    "version_groups",
    "with_names",
]
