"""Sentence omissions/additions/moves, garbled phrasing, noise control, finding ids and order."""

from __future__ import annotations

from auditor.drift import compare
from auditor.model import Alignment, Link
from tests.drift.drift_helpers import Mentions, codes, make_doc, one_to_one, table

BODY = [
    "Shanghai has unveiled an ambitious subsidy programme for its artificial intelligence industry.",
    "The package allocates resources in three key areas to support local companies.",
    "Analysts expect the city to attract many new companies over the coming years.",
    "Critics say that high operating costs still push young firms toward cheaper cities.",
]


def test_consecutive_omitted_sentences_are_one_finding():
    a = make_doc("a", BODY)
    b = make_doc("b", [BODY[0], BODY[3]])
    al = Alignment("a", "b", (Link((0,), (0,), 1, "1-1"), Link((1,), (), 0, "1-0"),
                              Link((2,), (), 0, "1-0"), Link((3,), (1,), 1, "1-1")))
    f = compare([a, b], table(a, al), {})
    assert codes(f) == ["O003"]
    assert [e.sentence for e in f[0].evidence] == [1, 2]
    assert f[0].documents == ("b",)


def test_headline_omission_and_boilerplate_are_not_findings():
    a = make_doc("a", ["Nationwide competition heats up"] + BODY + ["Share this post on social media now please"],
                 boilerplate=(5,))
    b = make_doc("b", BODY)
    al = Alignment("a", "b", (Link((0,), (), 0, "1-0"),) + tuple(Link((i + 1,), (i,), 1, "1-1") for i in range(4))
                   + (Link((5,), (), 0, "1-0"),))
    assert compare([a, b], table(a, al), {}) == []


def test_summary_in_another_language_is_not_omitted_by_single_language_versions():
    zh = "上海宣布了1.39亿美元的AI补贴计划，重点支持计算能力。"
    a = make_doc("a", [zh] + BODY, langs={0: "zh"})
    b = make_doc("b", BODY)
    al = Alignment("a", "b", (Link((0,), (), 0, "1-0"),) + tuple(Link((i + 1,), (i,), 1, "1-1") for i in range(4)))
    assert compare([a, b], table(a, al), {}) == []


def test_addition_by_one_version_is_info_and_shared_addition_is_pivot_omission():
    extra = "The mayor also promised cheaper office rents for foreign founders next spring."
    a = make_doc("a", BODY)
    b = make_doc("b", BODY + [extra])
    c = make_doc("c", BODY)
    f = compare([a, b, c], table(a, one_to_one(a, b, added=(4,)), one_to_one(a, c)), {})
    assert [(x.code, x.severity, x.documents) for x in f] == [("O004", "info", ("b",))]
    c2 = make_doc("c", BODY + [extra])
    f = compare([a, b, c2], table(a, one_to_one(a, b, added=(4,)), one_to_one(a, c2, added=(4,))), {})
    assert [(x.code, x.documents) for x in f] == [("O003", ("a",))]


def test_moved_sentence_is_info():
    a = make_doc("a", BODY)
    b = make_doc("b", [BODY[3], BODY[0], BODY[1], BODY[2]])
    al = Alignment("a", "b", (Link((0,), (1,), 1, "1-1"), Link((1,), (2,), 1, "1-1"), Link((2,), (3,), 1, "1-1"),
                              Link((3,), (0,), 0.95, "moved")))
    f = compare([a, b], table(a, al), {})
    assert [(x.code, x.severity) for x in f] == [("O005", "info")]


def _garble(sa, sb, lang="en", extra_a=(), extra_b=()):
    a = make_doc("a", [sa, *extra_a], lang)
    b = make_doc("b", [sb, *extra_b], lang)
    return compare([a, b], table(a, one_to_one(a, b)), {})


def test_non_word_replacing_a_real_word():
    f = _garble("China's megacities launch massive subsidy programmes for the industry.",
                "China's megaloquy launches massive subsidy programmes for the industry.")
    assert codes(f) == ["G001"]
    assert [e.text for e in f[0].evidence] == ["megacities launch", "megaloquy"]


def test_spanish_non_word_and_real_rare_words():
    f = _garble("Las megalópolis chinas lanzan enormes programas de subvenciones.",
                "Las megalocuías chinas lanzan enormes programas de subvenciones.", "es")
    assert codes(f) == ["G001"]
    # rare but real words, UK/US spellings, hyphenated compounds of real words, names, acronyms,
    # numbers: never non-words
    assert _garble("The programme emphasises informatisation of inter-city rail.",
                   "The program emphasizes the neuralgic WAIC-backed DeepSeek model 910C.") == []


def test_glued_tokens():
    f = _garble("As reported in the SCMP, the government launched a plan.",
                "As reported in SCMPthe government launched a plan.")
    assert codes(f) == ["G002"] and f[0].evidence[0].text == "SCMPthe"
    f = _garble("According to Guo Wanda, Vice President of the institute, China needs hubs.",
                "According to Guo WandaVice President of the institute, China needs hubs.")
    assert codes(f) == ["G002"]
    # CamelCase brands, plural acronyms and Chinese text are not glued tokens
    assert _garble("The AI player DeepSeek sells GPUs via YouTube and PayPal.",
                   "The AI player DeepSeek sells GPUs via YouTube and PayPal.") == []
    assert _garble("深圳是中国的科技之城。", "深圳是中国的科技城市。", "zh") == []


def test_literal_mistranslation_of_a_repeated_term():
    ref_extra = ["It also pays 600 million yuan for computing power subsidies.",
                 "Its computing power remains limited by software."]
    x_extra = ["It also pays 600 million yuan for computing power subsidies.",
               "Its computing power remains limited by software."]
    f = _garble("Hangzhou plans 250 million yuan in computing power subsidies this year.",
                "Hangzhou plans 250 million yuan to calculate electricity subsidies this year.",
                extra_a=ref_extra, extra_b=x_extra)
    assert codes(f) == ["G003"]
    assert [e.text for e in f[0].evidence] == ["in computing power", "to calculate electricity"]


def test_coined_compound_and_ordinary_paraphrase():
    f = _garble("The plan explores geolocation tools to block access.",
                "The plan explores geo-recruitment tools to block access.")
    assert codes(f) == ["G003"]
    # synonyms, word order and spelling variants in an aligned pair are paraphrase, not garble
    assert _garble("One of the key advantages is strong funding for start-ups.",
                   "One of the important benefits is strong funding for startups.") == []


def test_cross_lingual_pair_gets_no_word_level_findings():
    a = make_doc("a", ["China's megacities launch massive subsidy programmes."])
    b = make_doc("b", ["中国特大城市推出大规模补贴计划。"], "zh")
    assert compare([a, b], table(a, one_to_one(a, b)), {}) == []


def test_ids_are_stable_and_order_is_severity_then_position():
    from auditor.extract.quantities import parse_quantity

    a = make_doc("a", ["The 28-page strategy keeps tight limits.", "Chips will take 55% of the market."])
    b = make_doc("b", ["The strategy keeps tight limits.", "Chips will take 45% of the market."])
    m = Mentions()
    m.add(a, 0, "28-page", "quantity", parse_quantity("28-page", "en"))
    m.add(a, 1, "55%", "quantity", parse_quantity("55%"))
    m.add(b, 1, "45%", "quantity", parse_quantity("45%"))
    t = table(a, one_to_one(a, b))
    f1 = compare([a, b], t, m.by_doc)
    f2 = compare([a, b], t, m.by_doc)
    assert [x.code for x in f1] == ["Q001", "O002"]  # critical before minor, whatever the position
    assert [x.id for x in f1] == [x.id for x in f2]
    assert len({x.id for x in f1}) == 2 and all(x.id.startswith(x.code) for x in f1)


def test_a_place_named_by_its_adjective_is_not_missing() -> None:
    """WMT21 ru-en, both references: "Great Britain's Culture Secretary" / "the British Culture
    Secretary" name one country; a version with neither still leaves it out."""
    from tests.drift.drift_helpers import audit_extracted

    named = ["Earlier, Great Britain's Culture Secretary Oliver Dowden announced the change."]
    adjective = ["Earlier, the British Culture Secretary Oliver Dowden announced the change."]
    neither = ["Earlier, the Culture Secretary Oliver Dowden announced the change."]
    assert [f.code for f in audit_extracted(named, adjective, named) if f.code == "O001"] == []
    assert [f.documents for f in audit_extracted(named, neither, named) if f.code == "O001"] == [("b",)]
