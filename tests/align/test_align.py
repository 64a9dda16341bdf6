"""Alignment: gold alignments of the fixture, synthetic edits of a real text, N-way tables."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.align import align_many, align_pair, align_texts, pick_pivot, table_rows
from auditor.errors import UsageError
from auditor.model import Document, Sentence

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "fixtures" / "china-ai-subsidies"
DATA = Path(__file__).resolve().parents[1] / "data"
ORIGINAL, GARBLED, REWRITE = "004_9c0a797d7a6c616f", "002_caa97b2c5e3fe59c", "003_96dadea669c51af7"


@pytest.fixture(scope="module")
def fixture_docs():
    from auditor.commands._options import load_documents

    return {d.id: d for d in load_documents([str(FIXTURE)])}


def _sentence_of(doc: Document, snippet: str) -> int:
    """Index of the sentence holding ``snippet`` (gold files name sentences by text, not index)."""
    at = doc.text.find(snippet)
    assert at >= 0, f"gold snippet not in {doc.id}: {snippet!r}"
    for s in doc.sentences:
        if s.start <= at < s.end:
            return s.index
    raise AssertionError(f"snippet outside every sentence: {snippet!r}")


def _gold(name: str, a: Document, b: Document):
    """Gold pairs (content sentences only), gold multi-sentence links, and the omitted a-sentences."""
    gold = json.loads((DATA / name).read_text(encoding="utf-8"))
    content_a = {s.index for s in a.content_sentences}
    content_b = {s.index for s in b.content_sentences}
    pairs, multi, scope_a, scope_b = set(), [], set(), set()
    for link in gold["links"]:
        ia = {_sentence_of(a, x) for x in link["a"]} & content_a
        ib = {_sentence_of(b, x) for x in link["b"]} & content_b
        scope_a |= ia
        scope_b |= ib
        pairs |= {(i, j) for i in ia for j in ib}
        if ia and ib and len(ia) + len(ib) > 2:
            multi.append((tuple(sorted(ia)), tuple(sorted(ib))))
    omitted = {_sentence_of(a, x) for x in gold["omitted"]} & content_a
    return pairs, multi, omitted, scope_a | omitted, scope_b


def _score(alignment, pairs, scope_a, scope_b):
    predicted = {(i, j) for link in alignment.links for i in link.a for j in link.b}
    judged = {(i, j) for i, j in predicted if i in scope_a or j in scope_b}
    hit = len(judged & pairs)
    return hit / max(len(judged), 1), hit / len(pairs)


@pytest.mark.parametrize(
    "other, gold_file, floor",
    [
        # the garbled copy is a sentence-by-sentence translation: nearly everything must be exact
        (GARBLED, "gold_align_004_002.json", 0.95),
        # the rewrite merges, splits and paraphrases: a looser but still demanding floor
        (REWRITE, "gold_align_004_003.json", 0.85),
    ],
)
def test_fixture_alignment_meets_gold(fixture_docs, use_encoder, other, gold_file, floor):
    a, b = fixture_docs[ORIGINAL], fixture_docs[other]
    pairs, multi, omitted, scope_a, scope_b = _gold(gold_file, a, b)
    assert len(pairs) >= 25, "gold must cover the body"
    alignment = align_pair(a, b, use_encoder)
    precision, recall = _score(alignment, pairs, scope_a, scope_b)
    assert precision >= floor and recall >= floor, (precision, recall)

    # dropped sentences come out as omissions, not forced onto a neighbour
    unaligned = {link.a[0] for link in alignment.links if link.kind == "1-0"}
    assert omitted <= unaligned

    # merges and splits come out as 1-2 / 2-1 / 2-2 beads with exactly the gold sentences
    predicted = {(link.a, link.b) for link in alignment.links}
    found = sum(1 for m in multi if m in predicted)
    assert found >= 0.75 * len(multi), (found, multi)


def test_rewrite_merges_and_splits_have_their_kind(fixture_docs, use_encoder):
    a, b = fixture_docs[ORIGINAL], fixture_docs[REWRITE]
    kinds = {link.kind for link in align_pair(a, b, use_encoder).links}
    # the rewrite merges two sentences of the original into one and splits others in two
    assert {"1-2", "2-1"} <= kinds


def test_links_cover_content_once_and_skip_boilerplate(fixture_docs, use_encoder):
    a, b = fixture_docs[ORIGINAL], fixture_docs[GARBLED]
    alignment = align_pair(a, b, use_encoder)
    side_a = sorted(i for link in alignment.links for i in link.a)
    side_b = sorted(j for link in alignment.links for j in link.b)
    assert side_a == [s.index for s in a.content_sentences]
    assert side_b == [s.index for s in b.content_sentences]
    assert any(s.boilerplate for s in a.sentences) and any(s.boilerplate for s in b.sentences)


def test_banded_equals_exhaustive_on_fixture(fixture_docs, use_encoder):
    a, b = fixture_docs[ORIGINAL], fixture_docs[REWRITE]
    ta = [s.text for s in a.content_sentences]
    tb = [s.text for s in b.content_sentences]
    assert align_texts(ta, tb, use_encoder) == align_texts(ta, tb, use_encoder, banded=False)


# --------------------------------------------------------------------------------------------------
# synthetic edits of a real text
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def body(fixture_docs):
    """English body sentences of the original that are long enough to be unambiguous."""
    doc = fixture_docs[ORIGINAL]
    texts = [s.text for s in doc.content_sentences if s.language == "en" and len(s.text) > 60]
    assert len(texts) >= 25
    return texts[:26]


def _edited(body: list[str], filler: str):
    """Apply one of each edit to a copy of ``body`` and return it with the expected links."""
    split_at, merge_at, drop_at, insert_after, move_from, move_after = 4, 9, 14, 18, 2, 22
    out: list[str] = []
    where: dict[int, list[int]] = {}
    for i, text in enumerate(body):
        if i in (move_from, drop_at, merge_at + 1):
            pass
        elif i == split_at:
            cut = text.index(", ", len(text) // 3)
            where[i] = [len(out), len(out) + 1]
            out += [text[:cut] + ".", text[cut + 2].upper() + text[cut + 3 :]]
        elif i == merge_at:
            where[i] = where[i + 1] = [len(out)]
            out.append(text + " " + body[i + 1])
        else:
            where[i] = [len(out)]
            out.append(text)
        if i == insert_after:
            inserted = len(out)
            out.append(filler)
        if i == move_after:
            where[move_from] = [len(out)]
            out.append(body[move_from])
    expect = {
        "1-2": {((split_at,), tuple(where[split_at]))},
        "2-1": {((merge_at, merge_at + 1), tuple(where[merge_at]))},
        "1-0": {((drop_at,), ())},
        "0-1": {((), (inserted,))},
        "moved": {((move_from,), tuple(where[move_from]))},
    }
    return out, expect, where


FILLER = "Residents of the coastal town voted on Sunday to rebuild the old harbour wall before winter storms."


@pytest.mark.parametrize("encoder_fixture", ["use_encoder", "lexical_encoder"])
def test_synthetic_edits_are_recovered(body, encoder_fixture, request):
    encoder = request.getfixturevalue(encoder_fixture)
    edited, expect, where = _edited(body, FILLER)
    links = align_texts(body, edited, encoder)
    got: dict[str, set] = {}
    for link in links:
        got.setdefault(link.kind, set()).add((link.a, link.b))
    for kind, beads in expect.items():
        assert got.get(kind, set()) == beads, kind
    # everything else is the untouched 1-1 copy
    for a, b in got["1-1"]:
        assert list(b) == where[a[0]]


def test_lexical_and_neural_agree_on_easy_cases(body, use_encoder, lexical_encoder):
    edited, _, _ = _edited(body, FILLER)
    # scores differ between encoders; the alignment itself must not
    neural = [(link.a, link.b, link.kind) for link in align_texts(body, edited, use_encoder)]
    lexical = [(link.a, link.b, link.kind) for link in align_texts(body, edited, lexical_encoder)]
    assert neural == lexical


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_alignment_is_a_partition_and_monotonic(body, lexical_encoder, data):
    """Whatever the edits, each sentence is in exactly one link and non-moved links keep order."""
    a = data.draw(st.lists(st.sampled_from(body), min_size=0, max_size=12))
    b = data.draw(st.permutations(a)) if data.draw(st.booleans()) else data.draw(
        st.lists(st.sampled_from(body), min_size=0, max_size=12)
    )
    links = align_texts(a, b, lexical_encoder)
    assert sorted(i for link in links for i in link.a) == list(range(len(a)))
    assert sorted(j for link in links for j in link.b) == list(range(len(b)))
    ordered = [link for link in links if link.kind != "moved"]
    last_a = last_b = -1
    for link in ordered:
        for i in link.a:
            assert i > last_a
            last_a = i
        for j in link.b:
            assert j > last_b
            last_b = j
        assert link.kind in {"1-1", "1-2", "2-1", "2-2", "1-0", "0-1"}
        assert (link.kind == "1-0") == (not link.b) and (link.kind == "0-1") == (not link.a)


def test_long_documents_align_window_by_window(body, lexical_encoder, monkeypatch):
    """Above ``LONG_SENTENCES`` the alignment runs in overlapping windows (bounded memory): the same
    edits are recovered as in one pass, and every sentence still sits in exactly one link, in order.
    The window is shrunk so the fixture's body spans several of them."""
    import random

    import wordfreq

    import auditor.align.pair as pair

    rng = random.Random(5)
    words = [w for w in wordfreq.top_n_list("en", 5000)[300:] if w.isalpha()]
    a = body + [" ".join(rng.sample(words, 14)).capitalize() + "." for _ in range(94)]  # 120 sentences
    b, _, _ = _edited(a, FILLER)
    one_pass = [(link.a, link.b, link.kind) for link in align_texts(a, b, lexical_encoder)]
    monkeypatch.setattr(pair, "LONG_SENTENCES", 20)
    monkeypatch.setattr(pair, "_WINDOW", 40)
    monkeypatch.setattr(pair, "_WINDOW_SLACK", 20)
    calls = []
    once = pair._align_once
    monkeypatch.setattr(pair, "_align_once", lambda wa, wb, *rest: calls.append(len(wa)) or once(wa, wb, *rest))
    links = align_texts(a, b, lexical_encoder)
    windowed = [(link.a, link.b, link.kind) for link in links]
    assert len(calls) >= 3 and max(calls) <= 60  # several windows, none of them the whole document
    assert sorted(i for link in links for i in link.a) == list(range(len(a)))
    assert sorted(j for link in links for j in link.b) == list(range(len(b)))
    last_a = last_b = -1
    for link in links:
        if link.kind == "moved":
            continue
        assert all(i > last_a for i in link.a) and all(j > last_b for j in link.b)
        last_a, last_b = max(link.a, default=last_a), max(link.b, default=last_b)
    # the edits sit in the first 26 sentences, well inside the first window: found the same way
    assert set(windowed) == set(one_pass)


# --------------------------------------------------------------------------------------------------
# cross-lingual
# --------------------------------------------------------------------------------------------------

# Our own translations of five body sentences of the original (plus one sentence the English
# version does not have), to check that a Chinese or Spanish version aligns out of the box.
ZH = [
    "上海公布了一项雄心勃勃的10亿元人民币（1.39亿美元）人工智能产业补贴计划。",
    "其中6亿元用于算力补贴，3亿元用于第三方AI模型折扣，1亿元用于支持企业采购训练数据集。",
    "该市计划向新的人工智能研究机构提供最多5亿元资金，资助期限为三到五年。",
    "当地一家面馆周末推出了新的菜单。",
    "伯恩斯坦分析师预测，到2027年国产芯片将占据中国AI加速器市场的55%，而2023年仅为17%。",
    "华为昇腾910C目前达到英伟达H100约65%的性能。",
]
ES = [
    "Shanghái ha presentado un ambicioso programa de subvenciones de mil millones de yuanes (139 millones de dólares) para su industria de inteligencia artificial.",
    "El paquete destina 600 millones de yuanes a subvenciones de capacidad de cálculo, 300 millones a descuentos en modelos de IA de terceros y 100 millones a la compra de conjuntos de datos.",
    "La ciudad prevé ofrecer hasta 500 millones de yuanes a nuevas instituciones de investigación en IA, con financiación garantizada de tres a cinco años.",
    "Un restaurante local estrenó este fin de semana un nuevo menú.",
    "Los analistas de Bernstein prevén que los chips nacionales capturarán el 55 % del mercado chino de aceleradores de IA en 2027, frente a solo el 17 % en 2023.",
    "El Ascend 910C de Huawei alcanza ahora aproximadamente el 65 % de la capacidad del H100 de Nvidia.",
]
EN_SNIPPETS = [
    "Shanghai has unveiled an ambitious",
    "The comprehensive package allocates",
    "The city plans to offer up to 500 million",
    "Bernstein analysts led by Lin Qingyuan",
    "Huawei’s Ascend 910C now reaches",
]


def _doc(doc_id: str, sentences: list[tuple[str, int, str]]) -> Document:
    """A segmented document from (text, paragraph, language) triples."""
    out, pos = [], 0
    for k, (text, para, lang) in enumerate(sentences):
        out.append(Sentence(doc_id, k, para, pos, pos + len(text), text, lang))
        pos += len(text) + 1
    return Document(doc_id, doc_id, " ".join(t for t, _, _ in sentences), sentences=tuple(out))


@pytest.mark.parametrize("translation, lang", [(ZH, "zh"), (ES, "es")], ids=["zh", "es"])
def test_translation_aligns_to_english_with_use_m(fixture_docs, use_encoder, translation, lang):
    # the English body only: the original's own Chinese summary would be a fair match too
    english = [(s.text, s.paragraph, s.language) for s in fixture_docs[ORIGINAL].content_sentences if s.language == "en"]
    a = _doc("en", english)
    b = _doc(lang, [(t, 0, lang) for t in translation])
    wanted = [next(k for k, (t, _, _) in enumerate(english) if snip in t) for snip in EN_SNIPPETS]
    links = align_pair(a, b, use_encoder).links
    matched = {link.b[0]: link.a[0] for link in links if link.kind == "1-1"}
    assert [matched.get(j) for j in (0, 1, 2, 4, 5)] == wanted
    added = [link.b for link in links if link.kind == "0-1"]
    assert (3,) in added  # the noodle shop is in no English sentence


# --------------------------------------------------------------------------------------------------
# N documents
# --------------------------------------------------------------------------------------------------


def test_pivot_is_the_original_when_not_given(fixture_docs, use_encoder):
    docs = [fixture_docs[GARBLED], fixture_docs[REWRITE], fixture_docs[ORIGINAL]]
    assert pick_pivot(docs, use_encoder).id == ORIGINAL
    assert pick_pivot(docs, use_encoder, reference=REWRITE).id == REWRITE
    with pytest.raises(UsageError, match="no document"):
        pick_pivot(docs, use_encoder, reference="nope")


def test_table_rows_place_every_sentence_once(fixture_docs, use_encoder):
    docs = [fixture_docs[ORIGINAL], fixture_docs[GARBLED], fixture_docs[REWRITE]]
    table = align_many(docs, use_encoder)
    assert table.pivot == ORIGINAL
    assert [al.b for al in table.alignments] == [GARBLED, REWRITE]
    rows = table_rows(table, fixture_docs[ORIGINAL])
    pivot_seen = [i for row in rows for i in row.pivot]
    assert pivot_seen == [s.index for s in fixture_docs[ORIGINAL].content_sentences]
    for other in (GARBLED, REWRITE):
        seen = sorted(j for row in rows if other in row.cells for j in row.cells[other].indexes)
        assert seen == [s.index for s in fixture_docs[other].content_sentences]
    # the rewrite's merge of two original sentences puts both in one row, with both versions' text
    merged = [row for row in rows if len(row.pivot) == 2]
    assert merged and all(GARBLED in row.cells and REWRITE in row.cells for row in merged)


def test_added_rows_follow_their_neighbour():
    def doc(doc_id, texts):
        return _doc(doc_id, [(t, k, "en") for k, t in enumerate(texts)])

    from auditor.backends import LexicalEncoder

    base = [
        "The council approved the new budget for the harbour district on Monday evening.",
        "Spending on schools will rise by twelve percent over the next three years.",
        "Opposition members said the plan ignores the needs of rural villages entirely.",
    ]
    extra = "A spokesperson for the mayor declined to comment on the vote afterwards."
    a, b = doc("a", base), doc("b", [base[0], base[1], extra, base[2]])
    table = align_many([a, b], LexicalEncoder(), reference="a")
    rows = table_rows(table, a)
    assert [r.pivot for r in rows] == [(0,), (1,), (), (2,)]
    assert rows[2].cells["b"].kind == "0-1" and rows[2].cells["b"].indexes == (2,)


def test_empty_side_is_all_gaps(lexical_encoder):
    links = align_texts(["One sentence here."], [], lexical_encoder)
    assert [(link.a, link.b, link.kind) for link in links] == [((0,), (), "1-0")]
    assert np.isfinite([link.score for link in links]).all()
