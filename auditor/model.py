"""Core data model: small frozen value objects that every pipeline stage takes and returns.

Offsets are always character offsets into ``Document.text`` (the NFC-normalised decoded text), so any
span a later stage reports can be shown against the original article without re-tokenising. Stages
never mutate these objects; they return new ones (``dataclasses.replace``), which holds the pipeline
pure and the output deterministic.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

Severity = Literal["critical", "major", "minor", "info"]
SEVERITIES: tuple[Severity, ...] = ("critical", "major", "minor", "info")
SEVERITY_RANK: Mapping[str, int] = {s: i for i, s in enumerate(SEVERITIES)}  # lower = more severe

LinkKind = Literal["1-1", "1-2", "2-1", "2-2", "1-0", "0-1", "moved"]


@dataclass(frozen=True)
class Paragraph:
    """A block of text separated by blank lines (or an HTML block); language is identified here."""

    index: int
    start: int
    end: int
    language: str
    boilerplate: bool = False
    boilerplate_reason: str | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence as a view into its document's text: ``doc.text[start:end] == text`` always holds."""

    doc_id: str
    index: int
    paragraph: int
    start: int
    end: int
    text: str
    language: str
    boilerplate: bool = False
    boilerplate_reason: str | None = None


@dataclass(frozen=True)
class Document:
    """One article version. ``sentences`` is empty until the segment stage has run."""

    id: str
    path: str
    text: str
    language: str = "und"
    languages: tuple[str, ...] = ()
    metadata: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)
    paragraphs: tuple[Paragraph, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    warnings: tuple[str, ...] = ()

    @cached_property
    def content_sentences(self) -> tuple[Sentence, ...]:
        """Sentences that take part in comparison (boilerplate is kept but never compared). Kept
        once built (the fields are frozen): the stages ask for it per unit and per finding, and on a
        long document each ask was a pass over every sentence."""
        return tuple(s for s in self.sentences if not s.boilerplate)


@dataclass(frozen=True)
class Link:
    """One bead of a two-document alignment: sentence indexes of ``a`` matched to those of ``b``.

    ``kind`` is "1-0" for content only in ``a`` (omitted from ``b``), "0-1" for content only in ``b``
    (added), and "moved" for a match found outside the monotonic path.
    """

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float
    kind: LinkKind


@dataclass(frozen=True)
class Alignment:
    """Sentence alignment of document ``b`` against document ``a`` (``a`` is the pivot in N-way use)."""

    a: str
    b: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class AlignmentTable:
    """N-way alignment: every other document aligned to one pivot."""

    pivot: str
    alignments: tuple[Alignment, ...]


MentionKind = Literal["person", "org", "place", "product", "title", "quantity", "date", "quote", "misc"]


@dataclass(frozen=True)
class MentionAttrs:
    """What a mention carries besides its value, by kind (see ``auditor.extract``); a field its kind
    does not use keeps its default. Typed so that a misspelt attribute fails where it is written."""

    # quantity: the scale multiplier and the scale/currency words as written, a bare "$" read as USD
    # ("assumed"), and a counted noun that is not a unit ("2,400 companies")
    scale: float | None = None
    scale_text: str | None = None
    currency_text: str | None = None
    assumed: bool = False
    noun: str | None = None
    # date: a relative expression ("yesterday") and its language-independent key ("D-1"); a time of day
    relative: bool = False
    expr: str | None = None
    time: bool = False
    # quote: the speaker's surface name; 1-3 words (None: not measured); inside another quote; clipped
    # to this sentence because the other mark is in a neighbouring one (and which mark is missing)
    speaker: str | None = None
    short: bool | None = None
    nested: bool = False
    partial: bool = False
    open_missing: bool = False
    close_missing: bool = False
    # title: canonical English role, its holder's name and organisation when found
    role: str | None = None
    holder: str | None = None
    org: str | None = None
    # names: a gazetteer place id, a Han name's romanisation, an acronym's expansion and the
    # expansion's acronym, and the full name a lone surname stands for
    geonameid: int | None = None
    romanised: str | None = None
    expansion: str | None = None
    acronym: str | None = None
    full_name: str | None = None

    @classmethod
    def of(cls, found: Mapping[str, Any]) -> MentionAttrs:
        """From a finder's working dict; its private keys (``_range_word``) stay behind."""
        return cls(**{k: v for k, v in found.items() if not k.startswith("_")})


@dataclass(frozen=True)
class Mention:
    """A fact-bearing item extracted from one sentence.

    ``start``/``end`` are offsets into the document text. ``value`` is the normalised, comparable
    form (e.g. a Quantity, an ISO date string, a casefolded name key); ``attrs`` carries extras such
    as a quote's speaker or a quantity's counted noun.
    """

    kind: MentionKind
    text: str
    doc_id: str
    sentence: int
    start: int
    end: int
    value: Any = None
    attrs: MentionAttrs = field(default_factory=MentionAttrs, hash=False, compare=False)


@dataclass(frozen=True)
class Evidence:
    """Where a finding shows in one document: sentence index and a character span of the text."""

    document: str
    sentence: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Finding:
    """A diagnostic, ruff-style: stable rule code, severity, one-line message, evidence on each side."""

    id: str
    code: str
    kind: str
    severity: Severity
    message: str
    documents: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Provenance:
    """The version a document most likely derives from, with the reasons."""

    id: str
    confidence: float
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class DocumentResult:
    """Per-document verdict of an audit."""

    id: str
    path: str
    language: str
    cluster: int | None
    role: str
    labels: tuple[str, ...]
    faithfulness: float | None
    rank: int | None
    derived_from: Provenance | None
    breakdown: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)
    #: what the source said about itself (``title``, ``sitename``, ``author``, ``date``, ``url`` from an
    #: HTML page's markup), so the report can name a version by its headline and outlet; empty for text
    meta: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class ClosestMatch:
    """A set-aside document's strongest link to another document: the figures that kept it apart."""

    id: str
    similarity: float
    coverage: float
    shingle_jaccard: float


@dataclass(frozen=True)
class SetAside:
    """A document not audited as a version of any story, and why (``reason`` is for the editor).

    ``relation`` is "related" (same subject, another article) or "unrelated"; None in a report written
    before it existed. ``extra`` keeps keys a report written by another version carried, so reading and
    writing a report gives it back as it was.
    """

    id: str
    reason: str = ""
    relation: str | None = None
    related_to_cluster: int | None = None
    closest: ClosestMatch | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class ToolInfo:
    name: str
    version: str
    model: str
    sacrebleu_signature: str | None = None


@dataclass(frozen=True)
class Report:
    """Everything an audit found; the single source every report format renders from."""

    tool: ToolInfo
    #: ``documents``, ``set_aside`` and ``alignments`` are tuples, or for a folder's streaming audit
    #: sequences read from temporary files (``spool.SpooledSequence``), which compare equal to them
    documents: Sequence[DocumentResult]
    findings: tuple[Finding, ...]
    alignment: AlignmentTable | None = None
    sentences: Mapping[str, tuple[Sentence, ...]] = field(default_factory=dict, hash=False, compare=False)
    set_aside: Sequence[SetAside] = ()
    #: doc id -> offsets where each line of ``Document.text`` starts (see ``line_starts``); lets report
    #: formats turn evidence spans into line/column regions (SARIF) without carrying whole texts.
    line_starts: Mapping[str, tuple[int, ...]] = field(default_factory=dict, hash=False, compare=False)
    #: every audited story's N-way alignment, one table per cluster in cluster order. ``alignment`` is
    #: the first of them, kept for callers that audit one story; give either and the other follows.
    alignments: Sequence[AlignmentTable] = ()
    #: wall-clock seconds of the run ("total": the whole ``auditor audit``), filled by the command,
    #: never by the pure pipeline; serialised only when asked (``--timings``) so the same audit keeps
    #: giving the same bytes. Empty for a report re-read from JSON saved without timings.
    timings: Mapping[str, float] = field(default_factory=dict, hash=False, compare=False)
    #: what this run's filters took out of ``findings``, so every format can say so ("30 hidden by
    #: --min-severity critical; 12 suppressed by baseline"): counts under ``ignored``, ``baseline``,
    #: ``waived``, ``min_severity``, the level under ``min_severity_level``, and the findings
    #: --min-severity hid under ``hidden`` (a version's standing still counts them). Filled by
    #: ``commands/_report.py``; never serialised as findings.
    filtered: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def __post_init__(self) -> None:
        if not self.alignments and self.alignment is not None:
            object.__setattr__(self, "alignments", (self.alignment,))
        elif self.alignments and self.alignment is None:
            object.__setattr__(self, "alignment", self.alignments[0])


def sentence_to_dict(s: Sentence) -> dict[str, Any]:
    """A sentence as JSON data, the one shape every ``auditor.*`` JSON uses (its document is implied
    by where it is listed, so ``doc_id`` is left out)."""
    return {
        "index": s.index,
        "paragraph": s.paragraph,
        "start": s.start,
        "end": s.end,
        "text": s.text,
        "language": s.language,
        "boilerplate": s.boilerplate,
        "boilerplate_reason": s.boilerplate_reason,
    }


def sentence_from_dict(doc_id: str, data: Mapping[str, Any]) -> Sentence:
    """The inverse of ``sentence_to_dict`` (``boilerplate_reason`` may be absent)."""
    return Sentence(
        doc_id=doc_id,
        index=data["index"],
        paragraph=data["paragraph"],
        start=data["start"],
        end=data["end"],
        text=data["text"],
        language=data["language"],
        boilerplate=data["boilerplate"],
        boilerplate_reason=data.get("boilerplate_reason"),
    )


def line_starts(text: str) -> tuple[int, ...]:
    """Offsets at which each line of ``text`` begins (the first is always 0).

    A line ends at "\n" (a "\r\n" pair ends at its "\n"), the way SARIF viewers count lines.
    """
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return tuple(starts)
