"""Builds ``tests/data/report_sample.json``: one realistic audit, made from model objects by hand.

The story is invented (a port grant), not taken from the fixture, so report tests stay independent of
the pipeline: four versions — a wire original with a Chinese summary line, a garbled machine-translated
mirror, a human rewrite that splits/merges sentences, and a related article set aside. Every finding,
offset and alignment link below was written by reading the texts; ``test_sample_report_is_current``
fails when this script and the saved JSON drift apart.

Regenerate with:  python tests/data/build_report_sample.py
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from auditor.model import (
    Alignment,
    AlignmentTable,
    DocumentResult,
    Evidence,
    Finding,
    Link,
    Provenance,
    Report,
    Sentence,
    SetAside,
    ToolInfo,
    line_starts,
)
from auditor.rules import rule

OUT = Path(__file__).with_name("report_sample.json")

# Each document: paragraphs of (sentence, language, boilerplate reason or None).
TEXTS: dict[str, list[list[tuple[str, str, str | None]]]] = {
    "wire-original": [
        [("瓦尔多拉港获得欧盟4800万欧元拨款，用于建设绿色氢能码头。", "zh", None)],
        [("Port of Valdora wins EU grant for green hydrogen terminal", "en", None)],
        [
            ("The Port of Valdora has secured €48 million from the European Commission to build a green "
             "hydrogen terminal, port director Ana Kowalczyk said on March 12.", "en", None),
        ],
        [
            ("The terminal will handle up to 300,000 tonnes of ammonia a year by 2029, according to the "
             "port authority.", "en", None),
            ("Construction is due to start in the autumn.", "en", None),
        ],
        [
            ("“This is the largest single investment in the port's history,” Kowalczyk told reporters.",
             "en", None),
            ("Minister of Infrastructure Tomasz Brenner called the project a turning point for the region.",
             "en", None),
        ],
        [("Environmental groups have questioned whether the terminal will use renewable power from day one.",
          "en", None)],
        [("Share this article: Facebook | X | Email", "en", "share/social links")],
    ],
    "mirror-mt": [
        [("Port of Valdora wins EU grant for green hydrogen terminal", "en", None)],
        [
            ("The Port of Valdora has obtained €84 million from the European Commission to build a green "
             "hydrogen terminal, port director Ana Kowalczik said on March 12.", "en", None),
            ("The terminal will handle 300,000 tonnes of ammonia a year by 2029, according to the harbour "
             "authority.", "en", None),
            ("Construction is due to start in the autumn.", "en", None),
        ],
        [
            ("“This is the largest single investment in the port's history,” Kowalczik told reporters.",
             "en", None),
            ("Prime Minister of Infrastructure Tomasz Brenner called the project a turning stone for the "
             "region.", "en", None),
            ("Environmental groups have questioned whether the terminal will use renewable power from day "
             "one.", "en", None),
        ],
        [("Leave a comment", "en", "comment form")],
    ],
    "daily-rewrite": [
        [("Valdora port lands €48m EU grant for hydrogen terminal", "en", None)],
        [
            ("The European Commission has awarded the Port of Valdora €48 million for a green hydrogen "
             "terminal.", "en", None),
            ("Port director Ana Kowalczyk announced the grant on March 12.", "en", None),
        ],
        [
            ("The terminal should handle up to 300,000 tonnes of ammonia a year by 2029, with construction "
             "starting in the autumn.", "en", None),
            ("Kowalczyk called it “the largest investment in the port's history”.", "en", None),
        ],
        [
            ("Environmental groups question whether renewable power will be used from the start.", "en", None),
            ("The port handled 12 million tonnes of cargo last year.", "en", None),
        ],
    ],
    "trade-weekly": [
        [("Hydrogen shipping costs fall as European ports compete for subsidies", "en", None)],
        [("Several North Sea ports are bidding for the same pot of EU money for ammonia import terminals.",
          "en", None)],
    ],
}

PATHS = {doc: f"articles/{doc}.txt" for doc in TEXTS}


def _build_document(doc: str) -> tuple[str, tuple[Sentence, ...]]:
    """Document text (paragraphs split by a blank line, sentences by a space) and its sentences."""
    text = ""
    sentences: list[Sentence] = []
    for p_index, paragraph in enumerate(TEXTS[doc]):
        if p_index:
            text += "\n\n"
        for s_index, (sentence, language, reason) in enumerate(paragraph):
            if s_index:
                text += " "
            start = len(text)
            text += sentence
            sentences.append(Sentence(doc, len(sentences), p_index, start, len(text), sentence, language,
                                      reason is not None, reason))
    return text + "\n", tuple(sentences)


BUILT = {doc: _build_document(doc) for doc in TEXTS}


def evidence(doc: str, sentence: int, phrase: str) -> Evidence:
    s = BUILT[doc][1][sentence]
    at = s.text.index(phrase)
    return Evidence(doc, sentence, s.start + at, s.start + at + len(phrase), phrase)


def finding(code: str, message: str, deviant: str, *ev: Evidence) -> Finding:
    r = rule(code)
    key = "|".join([code, deviant] + [f"{e.document}:{e.start}:{e.end}" for e in ev])
    return Finding(f"{code}-{hashlib.sha1(key.encode()).hexdigest()[:8]}", code, r.kind, r.severity,
                   message, (deviant,), ev)


FINDINGS = (
    finding("Q002", "Amount changed: €48 million -> €84 million", "mirror-mt",
            evidence("wire-original", 2, "€48 million"), evidence("mirror-mt", 1, "€84 million")),
    finding("N002", "Name spelled differently: Ana Kowalczyk -> Ana Kowalczik", "mirror-mt",
            evidence("wire-original", 2, "Ana Kowalczyk"), evidence("mirror-mt", 1, "Ana Kowalczik")),
    finding("E001", "Title changed: Minister of Infrastructure -> Prime Minister of Infrastructure",
            "mirror-mt",
            evidence("wire-original", 6, "Minister of Infrastructure Tomasz Brenner"),
            evidence("mirror-mt", 5, "Prime Minister of Infrastructure Tomasz Brenner")),
    finding("G003", "Phrase mistranslated: “a turning point” -> “a turning stone”", "mirror-mt",
            evidence("wire-original", 6, "a turning point for the region"),
            evidence("mirror-mt", 5, "a turning stone for the region")),
    finding("C001", "Quote altered: “the largest single investment in the port's history”", "daily-rewrite",
            evidence("wire-original", 5, "This is the largest single investment in the port's history"),
            evidence("daily-rewrite", 4, "the largest investment in the port's history")),
    finding("Q005", "Qualifier dropped: up to 300,000 tonnes -> 300,000 tonnes", "mirror-mt",
            evidence("wire-original", 3, "up to 300,000 tonnes"), evidence("mirror-mt", 2, "300,000 tonnes")),
    finding("O003", "Sentence omitted: Minister of Infrastructure Tomasz Brenner called the project…",
            "daily-rewrite", evidence("wire-original", 6, BUILT["wire-original"][1][6].text)),
    finding("O004", "Sentence added: The port handled 12 million tonnes of cargo last year.", "daily-rewrite",
            evidence("daily-rewrite", 6, BUILT["daily-rewrite"][1][6].text)),
)

ALIGNMENT = AlignmentTable(
    pivot="wire-original",
    alignments=(
        Alignment("wire-original", "mirror-mt", (
            Link((0,), (), 0.0, "1-0"),
            Link((1,), (0,), 1.0, "1-1"),
            Link((2,), (1,), 0.93, "1-1"),
            Link((3,), (2,), 0.95, "1-1"),
            Link((4,), (3,), 1.0, "1-1"),
            Link((5,), (4,), 0.97, "1-1"),
            Link((6,), (5,), 0.86, "1-1"),
            Link((7,), (6,), 1.0, "1-1"),
        )),
        Alignment("wire-original", "daily-rewrite", (
            Link((0,), (), 0.0, "1-0"),
            Link((1,), (0,), 0.71, "1-1"),
            Link((2,), (1, 2), 0.88, "1-2"),
            Link((3, 4), (3,), 0.9, "2-1"),
            Link((5,), (4,), 0.79, "1-1"),
            Link((6,), (), 0.0, "1-0"),
            Link((7,), (5,), 0.81, "1-1"),
            Link((), (6,), 0.0, "0-1"),
        )),
    ),
)

DOCUMENTS = (
    DocumentResult("wire-original", PATHS["wire-original"], "en", 0, "original", ("original",), 0.9412, 1,
                   None, {"penalty": 0.0, "coverage": 1.0, "chrf": 81.6, "ter": 14.2,
                          "findings": {"critical": 0, "major": 0, "minor": 0}}),
    DocumentResult("daily-rewrite", PATHS["daily-rewrite"], "en", 0, "rewrite", ("rewrite",), 0.7368, 2,
                   Provenance("wire-original", 0.74, ("carries 6 of 7 content sentences of wire-original",
                                                      "merges 2 and splits 1 of its sentences")),
                   {"penalty": 0.12, "coverage": 0.86, "chrf": 52.3, "ter": 48.9,
                    "findings": {"critical": 0, "major": 1, "minor": 1}}),
    DocumentResult("mirror-mt", PATHS["mirror-mt"], "en", 0, "near-duplicate",
                   ("machine-translated", "garbled"), 0.5127, 3,
                   Provenance("wire-original", 0.91, ("carries all 7 content sentences of wire-original in order",
                                                      "adds 1 name spelling change and 1 garbled phrase")),
                   {"penalty": 0.41, "coverage": 1.0, "chrf": 78.4, "ter": 11.8,
                    "findings": {"critical": 1, "major": 2, "minor": 2}}),
    DocumentResult("trade-weekly", PATHS["trade-weekly"], "en", None, "related", ("related",), None, None,
                   None, {}),
)

SAMPLE = Report(
    tool=ToolInfo("auditor", "0.1.0", "use-m", "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.4.3"),
    documents=DOCUMENTS,
    findings=tuple(sorted(FINDINGS, key=lambda f: ("critical", "major", "minor", "info").index(f.severity))),
    alignment=ALIGNMENT,
    sentences={doc: built[1] for doc, built in BUILT.items()},
    # written before set-aside entries had a relation and a closest match: the extra key is kept as read
    set_aside=(SetAside(id="trade-weekly", reason="related: same event, different article", extra={"similarity": 0.41}),),
    line_starts={doc: line_starts(built[0]) for doc, built in BUILT.items()},
)


def main() -> None:
    from auditor.report.serialize import dumps

    OUT.write_text(dumps(SAMPLE), encoding="utf-8")
    print(f"wrote {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
