"""Ingest: encodings generated here and read back identically, formats (text, HTML, JSONL, JSON),
folders with --glob, stdin, duplicate ids, and warnings for files that cannot be read."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from auditor.errors import InputError
from auditor.ingest.decode import decode_bytes
from auditor.ingest.sources import iter_documents, read_paths
from tests._logs import logged_lines

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"

ZH_SIMPLIFIED = "上海宣布了1.39亿美元的人工智能补贴计划。“这很好！”潘和林说。\n中国城市间竞争加剧，杭州、深圳也推出措施。\n"
ZH_TRADITIONAL = "上海宣布了1.39億美元的人工智慧補貼計劃。「這很好！」潘和林說。\n中國城市間競爭加劇，杭州、深圳也推出措施。\n"
JA = "上海市は人工知能産業に1.39億ドルの補助金を発表した。東京でも同様の計画がある。\n"
WESTERN = "Señor Muñoz pagó 5€ por el café — «déjà vu», dijo. Straße, naïve, façade.\n"
LATIN1 = "Señor Muñoz pagó 5 pesos por el café, dijo. Straße, naïve, façade.\n"


@pytest.fixture
def warnings():
    with logged_lines() as captured:
        yield captured


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (ZH_SIMPLIFIED, "utf-8"),
        (ZH_SIMPLIFIED, "utf-8-sig"),
        (ZH_SIMPLIFIED, "utf-16"),  # with BOM
        (ZH_SIMPLIFIED, "utf-16-le"),  # without BOM
        (ZH_SIMPLIFIED, "utf-16-be"),
        (WESTERN, "utf-16-le"),
        (ZH_SIMPLIFIED, "gb18030"),
        (ZH_SIMPLIFIED, "gbk"),
        (ZH_TRADITIONAL, "big5"),
        (JA, "shift_jis"),
        (WESTERN, "cp1252"),
        (LATIN1, "latin-1"),
    ],
)
def test_encodings_read_back_identically(tmp_path: Path, text: str, encoding: str, warnings) -> None:
    path = tmp_path / f"article-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    (doc,) = read_paths([str(path)])
    assert doc.text == text
    assert doc.id == f"article-{encoding}"
    assert warnings == []


def test_nfc_and_newlines_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "nfd.txt"
    path.write_bytes("Cafe\u0301 con leche\r\nsegunda li\u0301nea\r\n".encode("utf-8"))
    (doc,) = read_paths([str(path)])
    assert doc.text == "Café con leche\nsegunda línea\n"


def test_mojibake_is_repaired_and_reported(tmp_path: Path, warnings) -> None:
    original = "Shanghai’s US$139 million AI gambit — a café in Zürich, says Pan Helin."
    garbled = original.encode("utf-8").decode("cp1252")  # the classic double-decoding accident
    path = tmp_path / "moji.txt"
    path.write_text(garbled, encoding="utf-8")
    (doc,) = read_paths([str(path)])
    assert doc.text == original
    assert len(warnings) == 1 and "moji.txt" in warnings[0] and "mojibake" in warnings[0]
    assert doc.warnings and "mojibake" in doc.warnings[0]


def test_html_page_main_text_metadata_and_no_chrome() -> None:
    (doc,) = read_paths([str(DATA / "article.html")])
    assert doc.metadata["title"] == "Harbour city opens new tram line"
    assert doc.metadata["date"] == "2024-03-14"
    assert doc.metadata["url"] == "https://ledger.example.org/2024/03/harbour-tram"
    assert doc.metadata["format"] == "html"
    assert doc.text.startswith("Harbour city opens new tram line\n")
    assert "212.5 million euros" in doc.text and "Dr. Paul Weber" in doc.text
    for chrome in ("Log in", "Bus drivers vote", "All rights reserved", "Privacy"):
        assert chrome not in doc.text


def test_html_links_become_text_with_spans(tmp_path: Path) -> None:
    body = " ".join(["The council approved the budget after a long debate about housing."] * 4)
    html = (
        "<html><head><title>Budget passes</title></head><body><article><h1>Budget passes</h1>"
        f"<p>{body} Read the <a href='https://example.org/report'>full report</a> online.</p>"
        f"<p>{body}</p></article></body></html>"
    )
    path = tmp_path / "page.htm"
    path.write_text(html, encoding="utf-8")
    (doc,) = read_paths([str(path)])
    assert "[full report]" not in doc.text and "Read the full report online." in doc.text
    ((start, end, url),) = doc.metadata["links"]
    assert doc.text[start:end] == "full report" and url == "https://example.org/report"


def test_huge_html_page_is_read_as_plain_text_with_a_warning(tmp_path: Path, warnings, monkeypatch) -> None:
    """Past ``HUGE_HTML`` a page skips trafilatura (which takes minutes on a 50 MB page): every
    paragraph's text is kept, scripts are not, and the warning names the file and why."""
    from auditor.ingest import html_format

    body = "".join(f"<p>Paragraph {i} of the wire archive says the council met again.</p>" for i in range(40))
    html = f"<html><head><title>Archive</title><script>var x = 1;</script></head><body>{body}</body></html>"
    path = tmp_path / "archive.html"
    path.write_text(html, encoding="utf-8")
    monkeypatch.setattr(html_format, "HUGE_HTML", len(html) - 1)
    (doc,) = read_paths([str(path)])
    assert doc.text.count("the council met again.") == 40 and "var x" not in doc.text
    assert doc.metadata.get("extraction") == "plain-text"
    assert any("archive.html" in w and "plain text" in w for w in warnings)


def test_html_detected_by_content_in_a_txt_file(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_bytes((DATA / "article.html").read_bytes())
    (doc,) = read_paths([str(path)])
    assert doc.metadata["format"] == "html" and "<p>" not in doc.text


def test_jsonl_fields_metadata_and_bad_line(tmp_path: Path, warnings) -> None:
    lines = [
        json.dumps({"uid": "a1", "body": "First article text.", "title": "One", "url": "https://x/1", "date": "2024-01-02"}),
        "{not json",
        json.dumps({"uid": "a2", "body": "Second article text.", "title": "Two"}),
        json.dumps({"uid": "a3", "title": "No body"}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = read_paths([str(path)], text_field="body", id_field="uid")
    assert [d.id for d in docs] == ["a1", "a2"]
    assert docs[0].metadata["title"] == "One" and docs[0].metadata["date"] == "2024-01-02"
    assert docs[0].metadata["url"] == "https://x/1"
    assert any(f"{path}:2:" in w and "bad JSON" in w for w in warnings)
    assert any(f"{path}:4:" in w and "body" in w for w in warnings)


def test_json_array_and_ids_from_position(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"text": "Alpha text."}, {"text": "Beta text.", "id": "beta"}]), encoding="utf-8")
    docs = read_paths([str(path)])
    assert [(d.id, d.text) for d in docs] == [("batch:0", "Alpha text."), ("beta", "Beta text.")]


def test_folders_recursive_sorted_with_glob_and_unique_ids(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("Top level.", encoding="utf-8")
    (tmp_path / "b" / "a.txt").write_text("Nested same name.", encoding="utf-8")
    (tmp_path / "b" / "c.md").write_text("Markdown.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    docs = read_paths([str(tmp_path)], glob="*.txt")
    assert [(d.id, d.text) for d in docs] == [("a", "Top level."), ("a~2", "Nested same name.")]
    every = read_paths([str(tmp_path)])
    assert [d.id for d in every] == ["a", "a~2", "c"]


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO("从标准输入读取的文章。".encode("gb18030")))
    monkeypatch.setattr(sys, "stdin", fake)
    (doc,) = read_paths(["-"])
    assert doc.id == "stdin" and doc.path == "-" and doc.text == "从标准输入读取的文章。"


def test_iter_documents_is_lazy(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"Article {i}.", encoding="utf-8")
    stream = iter_documents([str(tmp_path)])
    assert next(stream).text == "Article 0."  # a generator, not a list


def test_unreadable_files_are_warned_and_skipped(tmp_path: Path, warnings) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "ok.txt").write_text("Readable.", encoding="utf-8")
    docs = read_paths([str(tmp_path)])
    assert [d.id for d in docs] == ["ok"]
    assert any("empty.txt: empty file" in w for w in warnings)
    assert any("blob.bin: binary file" in w for w in warnings)


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_paths([str(tmp_path / "nope.txt")])
    assert info.value.where.endswith("nope.txt") and "no such file" in info.value.reason


def test_decode_bytes_names_the_encoding() -> None:
    assert decode_bytes(ZH_SIMPLIFIED.encode("gb18030"))[1] == "gb18030"
    assert decode_bytes(WESTERN.encode("cp1252"))[1] == "cp1252"
    assert decode_bytes(b"\xef\xbb\xbfplain")[0] == "plain"


def test_html_inside_a_jsonl_text_field_is_extracted(tmp_path: Path) -> None:
    html = (DATA / "article.html").read_text(encoding="utf-8")
    path = tmp_path / "pages.jsonl"
    path.write_text(json.dumps({"id": "p1", "text": html, "url": "https://record.example/p1"}) + "\n", encoding="utf-8")
    (doc,) = read_paths([str(path)])
    assert doc.metadata["format"] == "jsonl+html"
    assert doc.metadata["url"] == "https://record.example/p1"  # the record's field wins over the page's
    assert doc.text.startswith("Harbour city opens new tram line") and "<p>" not in doc.text


def test_json_object_wrapping_a_list_of_articles(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"count": 2, "articles": [{"id": "x", "text": "One."}, {"id": "y", "text": "Two."}]}),
                    encoding="utf-8")
    assert [d.id for d in read_paths([str(path)])] == ["x", "y"]


def test_text_that_merely_starts_like_json_is_text(tmp_path: Path, warnings) -> None:
    path = tmp_path / "note.txt"
    path.write_text("[Updated] Council passes the budget.\n\nThe vote was close.", encoding="utf-8")
    (doc,) = read_paths([str(path)])
    assert doc.metadata["format"] == "text" and doc.text.startswith("[Updated]")
    assert warnings == []


def test_a_file_named_twice_is_read_once(tmp_path: Path, warnings) -> None:
    (tmp_path / "a.txt").write_text("Only once.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Another.", encoding="utf-8")
    docs = read_paths([str(tmp_path / "a.txt"), str(tmp_path), str(tmp_path / "a.txt")])
    assert [d.id for d in docs] == ["a", "b"]
    assert len(warnings) == 2 and all("a.txt: given more than once, read once" in w for w in warnings)


def test_html_date_comes_from_markup_not_from_years_in_the_text(tmp_path: Path) -> None:
    body = ("<p>Analysts expect domestic chips to take 55% of the market by 2027, up from 17% in 2023. "
            "The plan was first discussed in 2021 and revised several times since then.</p>") * 3
    plain = f"<html><head><title>Chips</title></head><body><article>{body}</article></body></html>"
    dated = plain.replace("<head>", '<head><meta property="article:published_time" content="2025-07-29T10:00:00Z">')
    (tmp_path / "plain.html").write_text(plain, encoding="utf-8")
    (tmp_path / "dated.html").write_text(dated, encoding="utf-8")
    docs = {d.id: d for d in read_paths([str(tmp_path)])}
    assert "date" not in docs["plain"].metadata
    assert docs["dated"].metadata["date"] == "2025-07-29"
