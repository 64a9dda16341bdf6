"""Boilerplate marking: each general signal fires on chrome and stays quiet on news content."""

from __future__ import annotations

from auditor.model import Document
from auditor.segment.split import segment_all, segment_document

BODY = [
    "Harbour city opens new tram line",
    "The harbour city opened its first new tram line in forty years on Thursday, linking the ferry "
    "terminal with the university campus. The line cost 212.5 million euros.",
    "“We promised a tram and we built a tram,” said Mayor Ana Ruiz at the opening. Officials said the "
    "signalling contract would run for two more years.",
    "Fares and timetable",
    "Trams will run every six minutes at peak times. A single fare costs 1.80 euros, the same as a bus "
    "ticket, and shares of the operator rose 3% on the news.",
    "Critics said the project ran 18% over budget, a figure related to delays in 2022. The council "
    "rejected that figure and said it would publish its own audit.",
]


def segmented(lines: list[str], doc_id: str = "d", **meta) -> Document:
    return segment_document(Document(id=doc_id, path=f"{doc_id}.txt", text="\n\n".join(lines), metadata=meta))


def reasons(doc: Document) -> dict[str, str | None]:
    return {doc.text[p.start : p.end]: p.boilerplate_reason for p in doc.paragraphs}


def test_news_body_with_headline_and_subheads_is_content() -> None:
    doc = segmented(BODY)
    assert all(not p.boilerplate for p in doc.paragraphs)


def test_comment_form_and_share_prompts_in_five_languages() -> None:
    chrome = [
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Deja una respuesta",
        "Tu dirección de correo electrónico no será publicada.",
        "Laisser un commentaire",
        "Schreibe einen Kommentar",
        "发表评论",
        "Share this article",
        "Suscríbete",
        "相关文章",
    ]
    got = reasons(segmented(BODY + chrome))
    for line in chrome:
        assert got[line] is not None and got[line].startswith(("chrome-phrase", "comment-form", "trailing-list")), line
    assert got["Leave a Reply"] == "comment-form"


def test_paths_urls_emails_and_ids_at_the_top() -> None:
    top = [
        "index_new5.html",
        "../../../site_core/tpl_static/wap/tpl_world.html",
        "https://example.org/news/2024/03/tram?utm_source=feed",
        "Contact: newsroom@example.org",
        "a3f9c2e17b4d9e0f",
    ]
    got = reasons(segmented(top + BODY))
    assert got["index_new5.html"] == "path-or-url"
    assert got["../../../site_core/tpl_static/wap/tpl_world.html"] == "path-or-url"
    assert got["https://example.org/news/2024/03/tram?utm_source=feed"] == "path-or-url"
    assert got["Contact: newsroom@example.org"] == "path-or-url"
    assert got["a3f9c2e17b4d9e0f"] == "identifier"
    assert got[BODY[0]] is None


def test_sentences_that_merely_hold_a_url_an_address_or_an_id_are_content() -> None:
    """Sentence structure wins over the machine tokens it holds (cases after pySBD's golden rules)."""
    sentences = [
        "The site is: https://www.example.50.com/new-site/awesome_content.html. Please check it out.",
        "Her email is Jane.Doe@example.com. I sent her an email.",
        "You can find it at N°. 1026.253.553. That is where the treasure is.",
        "The filing, reference a3f9c2e17b4d9e0f1234, was made on Monday.",
        "详情请见 https://www.gov.cn/zhengce/content/2024-03/14/content_6939290.htm 上的通知全文。",
    ]
    doc = segmented(sentences + BODY)
    got = reasons(doc)
    for line in sentences:
        assert got[line] is None, line
    assert all(not s.boilerplate for s in doc.sentences)
    # without the words around them the same tokens are still chrome
    bare = reasons(segmented(["https://www.example.50.com/new-site/awesome_content.html", "Mail: jane@example.com"] + BODY))
    assert bare["https://www.example.50.com/new-site/awesome_content.html"] == "path-or-url"
    assert bare["Mail: jane@example.com"] == "path-or-url"


def test_lines_without_sentence_structure() -> None:
    got = reasons(segmented(["Ledger Wire 03月14日 09:30", "Date:", "in", "* * *"] + BODY))
    assert got["Ledger Wire 03月14日 09:30"] == "dateline"
    assert got["Date:"] == "empty-label"
    assert got["in"] == "fragment"
    assert got["* * *"] == "no-letters"


def test_credits_and_pipe_labels() -> None:
    got = reasons(segmented(BODY + ["Photo: Reuters", "Imagen | EFE", "In The Ledger | Bus drivers vote to strike"]))
    assert got["Photo: Reuters"] == "credit-or-link-label"
    assert got["Imagen | EFE"] == "credit-or-link-label"
    assert got["In The Ledger | Bus drivers vote to strike"] == "credit-or-link-label"


def test_call_to_action_only_counts_in_the_second_half() -> None:
    cta = "Check out our transport conference in May. Tickets are on sale now."
    top = reasons(segmented([cta] + BODY))
    bottom = reasons(segmented(BODY + [cta]))
    assert top[cta] is None
    assert bottom[cta] == "call-to-action"
    # an imperative-looking opening that does not talk to the reader is news, not a call to action
    news = "Share prices of the operator fell 4% after the council vote on Friday."
    assert reasons(segmented(BODY + [news, BODY[1]]))[news] is None


def test_trailing_related_list_after_chrome_but_not_the_last_body_line() -> None:
    tail = [
        "Related",
        "Bus drivers vote to strike over pay",
        "Old bridge to close for repairs in April...",
        "Ferry timetable changes from next month",
    ]
    got = reasons(segmented(BODY + tail))
    assert got["Related"].startswith("chrome-phrase: related list")
    assert all(got[line] == "trailing-list" for line in tail[1:])
    assert got[BODY[-1]] is None


def test_short_lines_after_the_body_without_any_chrome_stay_content() -> None:
    # no chrome signal fired, so a closing short line is not guessed away
    got = reasons(segmented(BODY + ["Additional reporting by Li Wei"]))
    assert got["Additional reporting by Li Wei"] is None


def test_chinese_summary_with_emoji_bullets_is_content() -> None:
    summary = [
        "中国正进入人工智能发展新阶段，各地政府推出大规模补贴计划，旨在加速AI产业发展。",
        "💡 上海推出1.39亿美元AI补贴计划，重点聚焦计算能力和数据集采购。",
        "🚀 中国城市间AI竞争加剧，杭州、深圳、成都和北京也纷纷出台了类似政策。",
    ]
    doc = segmented(summary + BODY)
    assert all(not p.boilerplate for p in doc.paragraphs)
    assert [p.language for p in doc.paragraphs[:3]] == ["zh", "zh", "zh"]
    assert doc.sentences[1].text.startswith("上海推出")  # emoji bullet is not part of the sentence


def test_repeated_line_in_same_document() -> None:
    doc = segmented(BODY + ["Ledger Reader", "Ledger Reader"])
    flagged = [p.boilerplate_reason for p in doc.paragraphs if doc.text[p.start : p.end] == "Ledger Reader"]
    assert flagged[1] == "repeated-in-document"


def test_link_density_from_html_links() -> None:
    nav = "Home World Business Sport Culture"
    text = "\n\n".join(BODY + [nav])
    start = text.index(nav)
    links = tuple((start + i, start + i + len(w), "/" + w.lower()) for i, w in
                  ((nav.index(w), w) for w in nav.split()))
    doc = segment_document(Document(id="h", path="h.html", text=text, metadata={"links": links}))
    assert reasons(doc)[nav] == "link-density"
    assert reasons(doc)[BODY[1]] is None


def test_lines_repeated_across_unrelated_documents_but_not_across_versions() -> None:
    footer = "Ledger Reader brings you the news that matters in your city every morning"
    other_story = [
        "Farmers expect a record olive harvest",
        "Olive growers in the southern valleys expect their largest harvest in a decade after a mild "
        "and wet spring, the regional cooperative said on Monday.",
    ]
    rewrite = [BODY[0], BODY[1].replace("opened", "inaugurated"), BODY[2], BODY[4]]
    docs = segment_all([
        Document(id="a", path="a", text="\n\n".join(BODY[:3] + [footer])),
        Document(id="b", path="b", text="\n\n".join(other_story + [footer])),
        Document(id="c", path="c", text="\n\n".join(rewrite)),
    ])
    for doc in docs[:2]:
        assert reasons(doc)[footer] == "repeated-across-documents"
    # the shared headline of two versions of one story is content
    assert reasons(docs[0])[BODY[0]] is None and reasons(docs[2])[BODY[0]] is None
    assert all(s.boilerplate == docs[0].paragraphs[s.paragraph].boilerplate for s in docs[0].sentences)


def test_tag_lists_adverts_and_read_more_links() -> None:
    extra = ["Tags: transport, city council, trams", "#trams #harbour", "ADVERTISEMENT", "Sigue leyendo", "阅读全文",
             "Lee también: El puerto amplía su terminal de ferris", "See also: Council publishes its audit"]
    got = reasons(segmented(BODY[:3] + extra + BODY[3:]))
    assert got["Tags: transport, city council, trams"] == "tag-list"
    assert got["#trams #harbour"] == "tag-list"
    assert got["ADVERTISEMENT"].startswith("chrome-phrase: advertising")
    assert got["Sigue leyendo"].startswith("chrome-phrase: navigation")
    assert got["阅读全文"].startswith("chrome-phrase: navigation")
    assert got["Lee también: El puerto amplía su terminal de ferris"] == "related-link"
    # the story's own "See also" background line is content: translations carry it and it can drift
    assert got["See also: Council publishes its audit"] is None
    assert all(got[line] is None for line in BODY)


def test_repeated_lines_window_forgets_a_line_seen_once_long_ago() -> None:
    """Streaming over an archive, a line seen once is remembered for ``window`` documents only (memory
    stays bounded); within the window the collector finds the same lines as ``mark_repeated_lines``."""
    from auditor.segment.repeated import RepeatedLines

    footer = "Follow the Harbour Gazette on every platform for breaking local coverage"
    bodies = [
        "The city council approved a new budget for road repairs after a long debate on Tuesday night.",
        "A local bakery won a national award for its sourdough bread, the owners said on Friday.",
        "Heavy rain flooded several streets downtown and closed two schools for the rest of the week.",
    ]
    raw = [Document(id=f"d{i}", path="", text=f"{b}\n\n{footer}") for i, b in enumerate(bodies)]
    assert any(s.boilerplate_reason == "repeated-across-documents" for s in segment_all(raw)[0].sentences)
    docs = [segment_document(d) for d in raw]
    near = RepeatedLines(window=5)
    far = RepeatedLines(window=5)
    filler = [segment_document(Document(id=f"f{i}", path="", text=f"Filler note number {i} here.")) for i in range(8)]
    for i, d in enumerate([docs[0], docs[1]]):
        near.add(i, d)
    for i, d in enumerate([docs[0], *filler, docs[1]]):
        far.add(i, d)
    texts_near = [docs[0].text, docs[1].text]
    texts_far = [docs[0].text, *(f.text for f in filler), docs[1].text]
    assert len(near.repeated(lambda k: texts_near[k])) == 1
    assert far.repeated(lambda k: texts_far[k]) == set()


def test_feed_footer_quoting_the_headline_is_chrome_but_the_headline_itself_is_not() -> None:
    footer = "The entry Harbour city opens new tram line was syndicated from Example Daily."
    got = reasons(segmented(BODY + [footer]))
    assert got[footer] == "headline-echo"
    assert got["Harbour city opens new tram line"] is None
    # the same sentence early in the body is prose that happens to repeat the headline
    early = segmented([BODY[0], footer, *BODY[1:]])
    assert reasons(early)[footer] is None
