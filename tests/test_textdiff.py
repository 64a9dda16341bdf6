"""Word-level diffs: what changed between two versions of a sentence, as spans and as rich Text."""

from __future__ import annotations

from auditor.textdiff import is_cjk, similarity, word_opcodes, word_spans


def _changes(a: str, b: str) -> list[tuple[str, str, str]]:
    return [(op.tag, a[op.a_start : op.a_end], b[op.b_start : op.b_end]) for op in word_opcodes(a, b) if op.tag != "equal"]


def test_changed_words_are_reported_as_character_spans():
    a = "“One of Shanghai’s key advantages is its funding,” said Pan Helin."
    b = "“One of Shanghai’s important benefits is its funding,” said Pan Herin."
    assert _changes(a, b) == [("replace", "key advantages", "important benefits"), ("replace", "Helin", "Herin")]


def test_insertions_and_deletions():
    a = "Premier Li Qiang called for cooperation."
    b = "Prime Minister Li Qiang called for international cooperation."
    assert _changes(a, b) == [("replace", "Premier", "Prime Minister"), ("insert", "", "international")]
    assert _changes(b, a) == [("replace", "Prime Minister", "Premier"), ("delete", "international", "")]


def test_typographic_variants_are_not_changes_but_case_is():
    assert _changes("Shanghai’s “bold” plan – new", "Shanghai's \"bold\" plan - new") == []
    assert _changes("the Supreme court", "the supreme court") == [("replace", "Supreme", "supreme")]


def test_tokens_keep_numbers_and_split_cjk_by_character():
    text = "US$139 million, 1.39 head-to-head 上海宣布"
    assert [text[s:e] for s, e in word_spans(text)] == [
        "US$139", "million", ",", "1.39", "head-to-head", "上", "海", "宣", "布",
    ]
    assert _changes("上海宣布了补贴", "上海公布了补贴") == [("replace", "宣", "公")]


def test_opcodes_cover_both_texts_in_order():
    a = "The plan tasks the Commerce Department with closing loopholes."
    b = "The plan explicitly targets tightening export controls, boosting oversight."
    ops = word_opcodes(a, b)
    tokens_a = [a[s:e] for s, e in word_spans(a)]
    pieces = [a[op.a_start : op.a_end] for op in ops]
    covered_a = [piece[s:e] for piece in pieces for s, e in word_spans(piece)]
    assert covered_a == tokens_a
    assert all(x.a_end <= y.a_start and x.b_end <= y.b_start for x, y in zip(ops, ops[1:]))


def test_similarity_and_script_helpers():
    assert similarity("a b c d", "a b c d") == 1.0
    assert 0.4 < similarity("a b c d", "a b x y") < 0.6
    assert is_cjk("上海宣布了1.39亿美元的AI补贴计划") and not is_cjk("Shanghai 上海 announced a subsidy")
