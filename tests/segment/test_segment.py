"""Segmentation: the public golden sentence-boundary cases (pySBD, pragmatic_segmenter; see
tests/data/segmentation/README.md), what our layer adds over pySBD, paragraphs, languages per
paragraph, and the property that offsets always slice the original text exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.ingest.sources import read_paths
from auditor.model import Document
from auditor.segment import pysbd_cuts as pysbd_module
from auditor.segment.paragraphs import paragraph_spans
from auditor.segment.split import segment_all, segment_document, split_sentences
from tests._segmentation_suite import is_right, load_cases

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "china-ai-subsidies"


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


# ------------------------------------------------------------------ public golden cases

#: Public cases that we miss, with why: a line break inside a Japanese sentence, which we read as a
#: paragraph break on purpose (news headlines and subheads are lines without final punctuation).
KNOWN_MISSES = {
    "ps-ja-05": "line break inside a sentence is a paragraph break here",
    "ps-ja-07": "line break inside a sentence is a paragraph break here",
}
PUBLIC = load_cases()


def _public_param(case):
    marks = [pytest.mark.xfail(reason=KNOWN_MISSES[case.id], strict=True)] if case.id in KNOWN_MISSES else []
    return pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", [_public_param(c) for c in PUBLIC])
def test_public_golden_case(case) -> None:
    """Sentence ends where the public suite puts them (source: ``case.source``), offsets exact."""
    doc = segment_document(Document(id=case.id, path=case.id, text=case.text))
    for s in doc.sentences:
        assert case.text[s.start : s.end] == s.text
    assert is_right(case, [(s.start, s.end) for s in doc.sentences]), [s.text for s in doc.sentences]


def test_public_suite_is_loaded_with_sources() -> None:
    langs = {c.lang for c in PUBLIC}
    assert {"en", "es", "zh", "ja"} <= langs and len(PUBLIC) >= 90
    assert all(c.source.startswith(("pySBD ", "pragmatic_segmenter ")) for c in PUBLIC)


def test_repeated_sentences_get_their_own_offsets() -> None:
    """Repeats must not land on the first one's offsets (the bug of pySBD #49's char_span)."""
    text = "1) The first item. 2) The second item. It rained again. It rained again. It rained again."
    spans = split_sentences(text, language="en")
    assert [text[s:e] for s, e in spans] == [
        "The first item.", "The second item.", "It rained again.", "It rained again.", "It rained again."
    ]
    assert len({s for s, _ in spans}) == 5


def test_unmappable_pysbd_output_falls_back_to_plain_marks(monkeypatch) -> None:
    """If pySBD ever changes the text (pySBD #83 drops characters on OCR noise), offsets are still
    exact: the paragraph is cut at unambiguous marks instead."""

    class Altering:
        def segment(self, text: str) -> list[str]:
            return [text.replace("e", "E")]

    monkeypatch.setattr(pysbd_module, "segmenter", lambda language: Altering())
    text = "Where are we? Here. 到了。好的"
    assert [text[s:e] for s, e in split_sentences(text)] == ["Where are we?", "Here.", "到了。", "好的"]


def test_a_pysbd_crash_falls_back_to_plain_marks(monkeypatch) -> None:
    """pySBD has raised IndexError and regex errors on odd input (its issues #27, #31, #87)."""

    class Crashing:
        def segment(self, text: str) -> list[str]:
            raise IndexError("list index out of range")

    monkeypatch.setattr(pysbd_module, "segmenter", lambda language: Crashing())
    text = "It broke. We go on."
    assert [text[s:e] for s, e in split_sentences(text)] == ["It broke.", "We go on."]


def test_a_paragraph_longer_than_the_pysbd_window_splits_as_its_sentences_do() -> None:
    """Long paragraphs (an article on one line) go through pySBD in windows; no cut is lost or added
    at a window's edge, and a sentence longer than a window stays whole."""
    sentences = [
        "Mr. Smith met Dr. Jones in the U.S. at 5 p.m. on Jan. 5.",
        "The deal was worth $1.5 million, he said.",
        "“It is late. We go home,” Bo said.",
        "Shares rose 1.39 percent in Shanghai.",
    ]
    parts = [sentences[i % 4] for i in range(240)] + ["word " * 700 + "end.", "Last one."]
    text = " ".join(parts)
    assert len(text) > 5 * pysbd_module._WINDOW
    assert [text[s:e] for s, e in split_sentences(text, language="en")] == parts


def test_a_time_with_its_preposition_is_no_sentence() -> None:
    """pySBD cuts "At 5 a.m. | Mr. Smith ..." (its golden rule marked xfail); a sentence-final time stays a cut."""
    text = "By 9 a.m. Traders had sold. The meeting ended at 5 p.m. The vote is tomorrow."
    assert [text[s:e] for s, e in split_sentences(text, language="en")] == [
        "By 9 a.m. Traders had sold.", "The meeting ended at 5 p.m.", "The vote is tomorrow."
    ]


def test_no_cut_inside_links_titles_or_book_titles() -> None:
    text = "Details are at https://example.org/a?utm_source=feed. El Sr. García vio 《摔跤吧！爸爸》。Next."
    assert [text[s:e] for s, e in split_sentences(text, language="es")] == [
        "Details are at https://example.org/a?utm_source=feed.",
        "El Sr. García vio 《摔跤吧！爸爸》。",
        "Next.",
    ]


# ------------------------------------------------------------------ what our layer adds

GOLDEN = [
    # decimals and currency never end a sentence
    (
        "Shanghai unveiled a one billion yuan (US$139 million) programme. Shares rose 1.39 percent.",
        ["Shanghai unveiled a one billion yuan (US$139 million) programme.", "Shares rose 1.39 percent."],
    ),
    # titles, initials, a dotted acronym inside a sentence, and one ending a sentence
    (
        "Mr. J. K. Rowling met Dr. Smith in the U.S. The talks ended. The U.S. Commerce Department agreed.",
        ["Mr. J. K. Rowling met Dr. Smith in the U.S.", "The talks ended.", "The U.S. Commerce Department agreed."],
    ),
    # a quote that ends a sentence, and a quote that spans two sentences stays whole
    (
        "He said: “It is over.” Then she left. “It is late. We go home,” Bo said. Next.",
        ["He said: “It is over.”", "Then she left.", "“It is late. We go home,” Bo said.", "Next."],
    ),
    # question mark inside a quote followed by a lower-case attribution
    ("“Why now?” he asked. Nobody knew.", ["“Why now?” he asked.", "Nobody knew."]),
    # Spanish: inverted marks, abbreviations, decimal comma, lower-case unit abbreviation
    (
        "El Sr. García llegó a las 10.30 h. ¿Qué pasó? ¡Nada! La empresa creció un 3,5% en 2023.",
        ["El Sr. García llegó a las 10.30 h.", "¿Qué pasó?", "¡Nada!", "La empresa creció un 3,5% en 2023."],
    ),
    # Chinese: 。！？ with and without closing quotes, decimals inside, no final mark
    (
        "上海宣布了1.39亿美元的AI补贴计划。他说：“这很好！”然后离开了。真的吗？是的",
        ["上海宣布了1.39亿美元的AI补贴计划。", "他说：“这很好！”", "然后离开了。", "真的吗？", "是的"],
    ),
    # bullet markers are not part of the sentence; a one-word lead-in stays with its sentence
    (
        "  • Shanghai. It is one of the most important cities in China. Rents are high.",
        ["Shanghai. It is one of the most important cities in China.", "Rents are high."],
    ),
    # company suffix ending a sentence vs. inside one
    (
        "The deal was led by Acme Corp. The price was not disclosed. Acme Corp. shares fell.",
        ["The deal was led by Acme Corp.", "The price was not disclosed.", "Acme Corp. shares fell."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GOLDEN)
def test_golden_sentence_splits(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_paragraphs_by_lines_keep_headlines_apart_and_join_wrapped_prose() -> None:
    text = (
        "Harbour city opens tram line\n"
        "The city opened its first tram line in forty years, linking the\n"
        "ferry terminal with the campus.\n\n"
        "Fares and timetable\n"
        "index_page.html\n"
    )
    paras = [text[s:e] for s, e in paragraph_spans(text)]
    assert paras == [
        "Harbour city opens tram line",
        "The city opened its first tram line in forty years, linking the\nferry terminal with the campus.",
        "Fares and timetable",
        "index_page.html",
    ]


def test_hard_wrapped_block_is_one_paragraph() -> None:
    line = "word " * 14
    text = "\n".join([line.strip()] * 4) + "\nend."
    assert len(paragraph_spans(text)) == 1


def test_language_per_paragraph_in_a_mixed_document() -> None:
    text = (
        "上海宣布了1.39亿美元的人工智能补贴计划，重点支持计算能力和数据集采购。\n\n"
        "Shanghai has unveiled an ambitious subsidy programme for its artificial intelligence industry.\n\n"
        "El gobierno de Shanghái ha lanzado un ambicioso programa de subvenciones para la inteligencia artificial."
    )
    doc = segment_document(Document(id="mix", path="mix.txt", text=text))
    assert [p.language for p in doc.paragraphs] == ["zh", "en", "es"]
    assert set(doc.languages) == {"zh", "en", "es"}
    assert all(s.language == doc.paragraphs[s.paragraph].language for s in doc.sentences)


@pytest.fixture(scope="module")
def fixture_docs() -> dict[str, Document]:
    return {d.id.split("_")[0]: d for d in segment_all(read_paths([str(FIXTURE)]))}


def _content(doc: Document) -> list[str]:
    return [s.text for s in doc.content_sentences]


def test_fixture_original_has_chinese_summary_and_english_body(fixture_docs) -> None:
    doc = fixture_docs["004"]
    assert doc.language == "en"
    zh = [s for s in doc.content_sentences if s.language == "zh"]
    en = [s for s in doc.content_sentences if s.language == "en"]
    # the summary paragraph and its emoji bullet points are content, in Chinese
    assert len(zh) >= 8 and all("AI" in s.text or "中" in s.text or "美" in s.text for s in zh[:3])
    assert any(s.text.startswith("上海推出1.39亿美元") for s in zh)  # bullet marker stripped
    assert len(en) >= 30
    # the body stays whole: headline, subheads, quotes, the "See also" line
    texts = _content(doc)
    assert any(t.startswith("China doubles chooses AI self-reliance") for t in texts)
    assert "Nationwide competition heats up" in texts
    assert any(t.startswith("See also:") for t in texts)


def test_fixture_cruft_is_boilerplate_and_body_is_not(fixture_docs) -> None:
    flagged = {k: [s.text for s in d.sentences if s.boilerplate] for k, d in fixture_docs.items()}
    content = {k: " ".join(_content(d)) for k, d in fixture_docs.items()}
    # no web chrome survives as content: paths, app footer, e-mail, comment forms, related lists
    for marker in ("index_new5.html", "zaker_tpl", "Fish AI Reader", "FishAI", "@qq.com", "相关标签",
                   "appeared first on", "Leave a Reply", "Required fields", "GIPHY", "Image |",
                   "LEAVE A REPLY", "Share post", "spot_img", "More like this", "Kaepernick", "Date:"):
        assert all(marker not in text for text in content.values()), marker
    assert any("Kaepernick" in t for t in flagged["002"])
    # the human rewrite and the related article carry no chrome at all
    assert flagged["003"] == [] and flagged["001"] == []
    # the body's first and last sentences are content everywhere
    assert content["002"].count("Bo concluded") == 1 and "Leng Zhengfei" in content["002"]
    assert "Compete inside to lead out." in content["000"]


def test_sentence_offsets_match_text_and_are_ordered_on_fixture(fixture_docs) -> None:
    for doc in fixture_docs.values():
        previous_end = 0
        for i, s in enumerate(doc.sentences):
            assert s.index == i and s.doc_id == doc.id
            assert doc.text[s.start : s.end] == s.text
            assert s.start >= previous_end and s.text == s.text.strip()
            para = doc.paragraphs[s.paragraph]
            assert para.start <= s.start and s.end <= para.end
            previous_end = s.end


# -------------------------------------------------------------------- properties

_ALPHABET = st.sampled_from(
    list("abc XYZ.!?;:,\"'“”‘’「」『』()«»\n\n\t 0123456789$%•-") + ["。", "！", "？", "中", "国", "U.S.", "Dr.", "1.39", " "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=120).map("".join))
def test_offsets_slice_the_original_and_never_overlap(text: str) -> None:
    doc = segment_document(Document(id="p", path="p", text=text))
    previous_end = 0
    for s in doc.sentences:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        assert s.start >= previous_end
        previous_end = s.end
    for a, b in zip(doc.paragraphs, doc.paragraphs[1:]):
        assert a.end <= b.start


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode_segments_with_exact_non_overlapping_stripped_spans(text: str) -> None:
    doc = segment_document(Document(id="u", path="u", text=text))
    previous_end = 0
    for s in doc.sentences:
        assert 0 <= s.start < s.end <= len(text) and s.start >= previous_end
        assert text[s.start : s.end] == s.text == s.text.strip()
        previous_end = s.end


# --------------------------------------------------------------------------------------------------
# speed paths that must not change a cut


ABBREVIATION_TEXTS = [
    "Dr. Smith met Mr. Jones at 5 p.m. on Jan. 5 and they also talked about No. 5 and art. 7 too.",
    "The firm, Acme Co. Ltd., almost always files with the U.S. regulator. Its chief said so.",
    "Gen. Lee arrived. He was also late. Also, the et al. paper cites pp. 4-5 of vol. 2.",
    "An alley, a colt and an island: no period after any abbreviation here. Next sentence.",
]


def test_abbreviation_speed_up_gives_pysbd_own_result():
    """The abbreviation pass skips abbreviations never followed by a period: same text out as pySBD's
    own loop, on texts where abbreviations occur both with and without one."""
    import pysbd.lang.english as english

    from auditor.segment import pysbd_cuts as segment

    segment.segmenter("en")  # installs the faster search
    replacer = english.English.AbbreviationReplacer("", english.English)
    assert segment.PYSBD_SEARCH is not None
    assert english.English.AbbreviationReplacer.search_for_abbreviations_in_string is not segment.PYSBD_SEARCH
    for text in ABBREVIATION_TEXTS:
        ours = english.English.AbbreviationReplacer.search_for_abbreviations_in_string(replacer, text)
        assert ours == segment.PYSBD_SEARCH(replacer, text)
    assert "∯" in english.English.AbbreviationReplacer.search_for_abbreviations_in_string(
        replacer, ABBREVIATION_TEXTS[0])  # the test texts do exercise the replacements


PLAIN = [
    "The city approved the plan on Monday. Officials said the budget was final! Would it hold? Nobody knew.",
    "Residents (about forty of them) protested outside. The council called it a “difficult choice” today.",
]
NOT_PLAIN = [
    "Dr. Smith approved the plan. It passed.",           # an abbreviation
    "The budget grew 5.2 percent. It passed.",           # a decimal point
    "He said \"it is final.\" Then he left.",            # an end mark inside quotes
    "The plan passed -- narrowly. Then it stalled.",     # pySBD's em-dash rule
    "The vote was close. then it stalled.",              # a lower-case start after the mark
    "Plan B. It passed.",                                # a one-letter word before the mark
    "The plan (see note a) passed. It stalled.",         # a list marker in parentheses
]


@pytest.mark.parametrize("text", PLAIN + NOT_PLAIN)
def test_plain_paragraphs_skip_pysbd_with_its_cuts(text):
    """Plain English paragraphs are cut without pySBD at exactly pySBD's cuts; anything one of its
    other rules could read goes through pySBD."""
    from auditor.segment import pysbd_cuts as segment

    cuts = segment.plain_english_cuts(text, 0, len(text))
    if text in NOT_PLAIN:
        assert cuts is None
        return
    assert cuts is not None and len(cuts) >= 2
    assert cuts == segment.pysbd_cuts(text, 0, len(text), "en")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=["a", " ", "\n", "\t", "\u3000", "\u00a0", "."], max_size=40))
def test_blocks_are_the_runs_between_blank_lines(text):
    """Blocks are found from their separators (memory flat in the block's length); they must be the
    maximal runs the one-regex definition matched."""
    import re

    from auditor.segment.paragraphs import _blocks

    runs = re.finditer(r"(?:[^\n]|\n(?![ \t\u00a0\u3000]*\n))+", text)
    assert list(_blocks(text)) == [(m.start(), m.end()) for m in runs]


def test_a_range_written_with_an_ellipsis_is_not_cut() -> None:
    # WMT21 ru-en (mk.224329): pySBD cut "+13..|.+15 degrees." and the second half aligned with nothing
    text = "The air temperature at night will be +13...+15 degrees. In the afternoon, it will warm up to +24…+26."
    assert [text[a:b] for a, b in split_sentences(text, language="en")] == [
        "The air temperature at night will be +13...+15 degrees.", "In the afternoon, it will warm up to +24…+26."]
    said = "He said... Then he left."
    assert [said[a:b] for a, b in split_sentences(said, language="en")] == ["He said...", "Then he left."]
