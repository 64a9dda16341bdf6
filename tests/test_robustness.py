"""Adversarial input through the CLI: every bad input gives a one-line message naming the file and the
reason (exit 2 when the run cannot go on, a warning and a skip when it can), never a traceback, never
the CLI's "internal error" fallback, and never a silently wrong report."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor._cli import main
from tests._stories import COPY, ORIGINAL

FAST = settings(max_examples=25, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

LANGS = {
    "ja": ["東京都は新しい人工知能補助金制度を発表した。", "補助金の総額は150億円に上る。",
           "田中知事は記者会見で「これは重要な一歩だ」と述べた。", "制度は4月1日から始まる予定だ。",
           "対象となる企業は約300社と見込まれている。"],
    "ar": ["أعلنت حكومة المدينة عن برنامج دعم جديد للذكاء الاصطناعي.", "ويبلغ إجمالي الدعم 150 مليون دولار.",
           "وقال رئيس البلدية إن هذه خطوة مهمة للاقتصاد المحلي.", "ومن المتوقع أن يبدأ البرنامج في شهر أبريل.",
           "وسيستفيد منه نحو 300 شركة ناشئة."],
    "ru": ["Правительство города объявило о новой программе поддержки искусственного интеллекта.",
           "Общая сумма субсидий составит 150 миллионов долларов.",
           "Мэр заявил журналистам, что это важный шаг для местной экономики.",
           "Программа начнёт работу в апреле.", "Поддержку получат около 300 стартапов."],
    "hi": ["नगर सरकार ने कृत्रिम बुद्धिमत्ता के लिए एक नई सहायता योजना की घोषणा की।", "कुल सहायता राशि 150 करोड़ रुपये होगी।",
           "महापौर ने पत्रकारों से कहा कि यह स्थानीय अर्थव्यवस्था के लिए एक महत्वपूर्ण कदम है।", "योजना अप्रैल में शुरू होगी।",
           "लगभग 300 स्टार्टअप कंपनियों को इसका लाभ मिलेगा।"],
}


@pytest.fixture()
def runner():
    return CliRunner()


def run(runner, *args, input=None):
    return runner.invoke(main, [str(a) for a in args], input=input)


def assert_clean(result) -> None:
    """No traceback, no internal-error fallback, every stderr line a one-line ``auditor:`` message."""
    out = result.stdout + result.stderr
    assert "Traceback" not in out and "internal error" not in out, out
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    for line in result.stderr.splitlines():
        assert line.startswith(("auditor: error: ", "auditor: warning: ", "auditor: wrote ")), line


def assert_error(result, where: object, reason: str) -> None:
    assert_clean(result)
    assert result.exit_code == 2, result.output
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"auditor: error: {where}"), last
    assert reason in last, last


def write_story(folder: Path, *versions: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, sentences in enumerate(versions):
        (folder / f"v{i}.txt").write_text(" ".join(sentences) + "\n", encoding="utf-8")
    return folder


def audit_json(runner, *args, model: str = "lexical"):
    result = run(runner, "audit", "--model", model, "--format", "json", *args)
    assert_clean(result)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout), result


# --------------------------------------------------------------------------- random input


@FAST
@given(data=st.binary(min_size=1, max_size=2000))
def test_random_bytes_are_read_or_skipped_with_a_named_reason(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "blob.txt"
    path.write_bytes(data)
    result = run(CliRunner(), "segments", "--format", "json", path)
    assert_clean(result)
    if result.exit_code == 0:
        doc = json.loads(result.stdout)["documents"][0]
        text = doc["sentences"] and doc["sentences"][0]["text"]
        assert all(not ("\ud800" <= ch <= "\udfff") for ch in text or "")
    else:
        assert result.exit_code == 2
        assert f"auditor: warning: {path}: " in result.stderr  # the skip names the file and why
        assert result.stderr.strip().endswith(f"{path}: no readable documents")


_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Z", "Cc", "Cf")),
    min_size=1, max_size=300,
) | st.lists(st.sampled_from(["مرحبا", "שלום", "\u202e", "\u200f", "😀", "👍🏽", "e\u0301\u0308", "。", ". ", "\n\n",
                              "1.39", "US$139", "\x1b[31m", "\x07", "Hello", "日本", "।"]), min_size=1).map("".join)


@FAST
@given(text=_TEXT)
def test_random_unicode_segments_with_exact_offsets(tmp_path_factory, text):
    """Whatever the characters (controls, RTL marks, emoji, combining marks), output is valid JSON whose
    sentences slice the text it reports; control characters never reach the output."""
    path = tmp_path_factory.mktemp("uni") / "a.jsonl"
    path.write_text(json.dumps({"id": "a", "text": text}) + "\n", encoding="utf-8")
    result = run(CliRunner(), "segments", "--format", "json", path)
    assert_clean(result)
    if result.exit_code != 0:
        assert "no readable documents" in result.stderr
        return
    (doc,) = json.loads(result.stdout)["documents"]
    for s in doc["sentences"]:
        assert s["text"].strip() == s["text"] and s["text"]
        assert not any(ord(ch) < 32 and ch not in "\t\n" for ch in s["text"])


def test_lone_surrogates_in_json_are_replaced_with_a_warning(runner, tmp_path):
    path = tmp_path / "s.json"
    path.write_text('[{"id": "x\\udc00", "title": "t\\ud800", "text": "Lone \\ud800 here. And a second sentence."},'
                    ' {"id": "y", "text": "Another \\udfff one. And more."}]', encoding="utf-8")
    result = run(runner, "segments", "--format", "json", path)
    assert_clean(result)
    assert result.exit_code == 0
    assert f"{path}:0: invalid characters (lone surrogates) replaced with U+FFFD" in result.stderr
    docs = json.loads(result.stdout)["documents"]
    assert docs[0]["id"] == "x\ufffd"
    assert docs[0]["sentences"][0]["text"] == "Lone \ufffd here."
    assert docs[0]["metadata"]["title"] == "t\ufffd"


def test_control_characters_are_replaced_not_printed(runner, tmp_path):
    path = tmp_path / "c.txt"
    # a stray escape sequence in an otherwise ordinary article (well under the 1% that means binary)
    path.write_text("Red \x1b[31malert in the city. Page one ends here.\fPage two starts here. " + " ".join(ORIGINAL))
    result = run(runner, "segments", "--format", "tsv", path)
    assert_clean(result)
    assert "\x1b" not in result.stdout
    assert f"{path}: control characters replaced with spaces" in result.stderr
    assert "Red  [31malert" in result.stdout
    assert "\tPage two starts here." in result.stdout  # the form feed broke the line


def test_undecodable_file_name_gives_a_printable_id(runner, tmp_path):
    folder = write_story(tmp_path / "story", ORIGINAL, COPY)
    os.rename(folder / "v0.txt", os.path.join(os.fsencode(folder), b"\xff\xfe.txt"))
    report, _ = audit_json(runner, folder)
    assert sorted(d["id"] for d in report["documents"]) == ["v1", "\ufffd\ufffd"]


# --------------------------------------------------------------------------- odd formats


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("nobody.html", "<html><head><title>T</title></head></html>", "no article text found in HTML, skipped"),
        ("scripts.html", "<html><body><script>var a = 1;</script><script>alert(2)</script></body></html>",
         "no article text found in HTML, skipped"),
        ("number.json", "42", "JSON holds no article objects, skipped"),
        ("string.json", '"an article?"', "JSON holds no article objects, skipped"),
        ("null.json", "null", "JSON holds no article objects, skipped"),
        ("broken.json", '[{"id": "a", "text": "x"', "invalid JSON"),
    ],
)
def test_files_without_articles_are_skipped_by_name(runner, tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run(runner, "segments", path)
    assert_error(result, path, "no readable documents")
    assert f"auditor: warning: {path}: {reason}" in result.stderr


def test_html_nested_tables_and_huge_attributes(runner, tmp_path):
    body = " ".join(ORIGINAL)
    (tmp_path / "nested.html").write_text(
        "<html><body>" + "<table><tr><td>" * 30 + f"<p>{body}</p>" + "</td></tr></table>" * 30 + "</body></html>")
    (tmp_path / "attr.html").write_text(
        f"<html><body><article><p title='{'x' * 200_000}'>{body}</p></article></body></html>")
    result = run(runner, "segments", "--format", "json", tmp_path)
    assert_clean(result)
    docs = {d["id"]: d for d in json.loads(result.stdout)["documents"]}
    for doc in docs.values():
        content = [s["text"] for s in doc["sentences"] if not s["boilerplate"]]
        assert content[0] == ORIGINAL[0] and content[-1] == ORIGINAL[-1]
        assert "xxxx" not in " ".join(content)


def test_jsonl_bad_lines_are_warned_by_line_and_duplicate_ids_made_unique(runner, tmp_path):
    path = tmp_path / "a.jsonl"
    lines = ['1', '"s"', 'null', '[1]', '{"id": "a"}', '{"id": "b", "text": 5}', '{not json',
             json.dumps({"id": "c", "text": " ".join(ORIGINAL)}), json.dumps({"id": "c", "text": " ".join(COPY)})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(runner, "segments", "--format", "json", path)
    assert_clean(result)
    assert result.exit_code == 0
    for lineno in (1, 2, 3, 4):
        assert f"{path}:{lineno}: not a JSON object, skipped" in result.stderr
    assert f"{path}:5: no text in field 'text', skipped" in result.stderr
    assert f"{path}:6: no text in field 'text', skipped" in result.stderr
    assert f"{path}:7: bad JSON line" in result.stderr
    assert [d["id"] for d in json.loads(result.stdout)["documents"]] == ["c", "c~2"]


def test_one_long_line_without_punctuation_is_one_sentence_and_still_compared(runner, tmp_path):
    words = [f"w{i % 97}x{i % 13}" for i in range(6000)]
    text = " ".join(words)[:50_000]
    mid = len(text) // 2
    mid = text.index(" ", mid)
    (tmp_path / "a.txt").write_text(text[:mid] + " 1,500 people" + text[mid:])
    (tmp_path / "b.txt").write_text(text[:mid] + " 2,700 people" + text[mid:])
    seg = run(runner, "segments", "--format", "json", tmp_path / "a.txt")
    (doc,) = json.loads(seg.stdout)["documents"]
    assert [(s["start"], s["end"]) for s in doc["sentences"]] == [(0, len(text) + 13)]
    report, _ = audit_json(runner, tmp_path)
    assert [(f["code"], f["evidence"][0]["text"]) for f in report["findings"] if f["code"].startswith("Q")] \
        in ([("Q001", "1,500 people")], [("Q001", "2,700 people")])


def test_documents_that_are_all_boilerplate_are_set_aside_with_the_reason(runner, tmp_path):
    cruft = "Share this article\nSubscribe to our newsletter\nLeave a Reply\nRelated articles\nhttps://example.com/a/b.html\n"
    (tmp_path / "a.txt").write_text(cruft)
    (tmp_path / "b.txt").write_text(cruft)
    report, result = audit_json(runner, tmp_path)
    assert report["findings"] == []
    assert sorted(s["id"] for s in report["set_aside"]) == ["a", "b"]
    assert all("no content sentences" in s["reason"] for s in report["set_aside"])
    assert "nothing to compare" in result.stderr


def test_two_identical_documents_have_no_findings_and_equal_scores(runner, tmp_path):
    folder = write_story(tmp_path / "story", ORIGINAL, ORIGINAL)
    report, _ = audit_json(runner, folder)
    assert report["findings"] == []
    assert {d["faithfulness"] for d in report["documents"]} == {1.0}


# --------------------------------------------------------------------------- other languages


def _lang_story(folder: Path, lang: str) -> Path:
    """Version a: five sentences; b: the first four with one number changed (150 -> 250)."""
    sep = "" if lang == "ja" else " "
    ss = LANGS[lang]
    changed = [s.replace("150", "250") for s in ss[:4]]
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text(sep.join(ss[:3]) + "\n\n" + sep.join(ss[3:]) + "\n", encoding="utf-8")
    (folder / "b.txt").write_text(sep.join(changed[:3]) + "\n\n" + changed[3] + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_languages_beyond_en_zh_es_segment_and_audit(runner, tmp_path, lang):
    folder = _lang_story(tmp_path / lang, lang)
    seg = run(runner, "segments", "--format", "json", folder / "a.txt")
    assert_clean(seg)
    (doc,) = json.loads(seg.stdout)["documents"]
    assert doc["language"] == lang
    assert [s["text"] for s in doc["sentences"]] == LANGS[lang]  # danda, 。 and Arabic full stops split
    report, _ = audit_json(runner, folder)
    codes = sorted(f["code"] for f in report["findings"])
    # digits are digits in every script: the changed number is found, as money where the language's
    # currency words are known (Russian "миллионов долларов" reads as USD 150 million -> Q002)
    assert {"Q001", "Q002"} & set(codes), codes
    assert not [c for c in codes if c.startswith("G")]  # no garble claims from word lists that do not cover it
    assert all(not d["labels"] for d in report["documents"])


@pytest.mark.parametrize("lang", ["ar", "ja"])
def test_languages_through_the_default_encoder(runner, tmp_path, lang, use_encoder):
    report, _ = audit_json(runner, _lang_story(tmp_path / lang, lang), model="use-m")
    assert report["tool"]["model"] == "use-m"
    assert "Q001" in {f["code"] for f in report["findings"]}
    assert not [f for f in report["findings"] if f["code"].startswith("G")]


# --------------------------------------------------------------------------- unreadable inputs


def _deny(monkeypatch, names: set[str], exc: type[OSError] = PermissionError) -> None:
    """Make ``Path.read_bytes`` fail for these file names (tests run as root, so chmod 000 cannot)."""
    original = Path.read_bytes

    def read_bytes(self):
        if self.name in names:
            raise exc(13 if exc is PermissionError else 2, os.strerror(13 if exc is PermissionError else 2), str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def test_folder_with_one_readable_and_ten_unreadable_files(runner, tmp_path, monkeypatch):
    (tmp_path / "good.txt").write_text(" ".join(ORIGINAL))
    bad = {f"bad{i}.txt" for i in range(10)}
    for name in bad:
        (tmp_path / name).write_text("unreadable")
    _deny(monkeypatch, bad)
    seg = run(runner, "segments", "--format", "json", tmp_path)
    assert_clean(seg)
    assert seg.exit_code == 0
    assert [d["id"] for d in json.loads(seg.stdout)["documents"]] == ["good"]
    for name in bad:
        assert f"auditor: warning: {tmp_path / name}: cannot read (Permission denied), skipped" in seg.stderr
    audit = run(runner, "audit", "--model", "lexical", tmp_path)
    # the message names the one file that was readable (the others were warned about above)
    assert_error(audit, tmp_path, f"an audit needs at least two readable documents (found 1: {tmp_path / 'good.txt'})")


@pytest.mark.parametrize(("exc", "reason"), [(PermissionError, "Permission denied"),
                                             (FileNotFoundError, "No such file or directory")])
def test_named_file_unreadable_or_gone_is_an_error(runner, tmp_path, monkeypatch, exc, reason):
    path = tmp_path / "a.txt"
    path.write_text(" ".join(ORIGINAL))
    _deny(monkeypatch, {"a.txt"}, exc)
    assert_error(run(runner, "segments", path), path, reason)


def test_bad_glob_is_a_usage_error(runner, tmp_path):
    write_story(tmp_path, ORIGINAL)
    assert_error(run(runner, "segments", "--glob", "/etc/*", tmp_path), "--glob", "'/etc/*'")


# --------------------------------------------------------------------------- outputs


@pytest.fixture()
def story(tmp_path):
    return write_story(tmp_path / "story", ORIGINAL, COPY[:-2])


@pytest.mark.parametrize("command", ["audit", "align", "segments"])
def test_output_under_a_file_is_a_clear_error(runner, tmp_path, story, command):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    target = blocker / "r.json"
    model = ["--model", "lexical"] if command != "segments" else []
    result = run(runner, command, *model, story, "--format", "json", "-o", target)
    assert_error(result, target, f"cannot write: {blocker} is not a folder")
    assert blocker.read_text() == "not a folder"


def test_output_into_read_only_folder_leaves_nothing(runner, tmp_path, story, monkeypatch):
    out = tmp_path / "ro"
    out.mkdir()

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(out))

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    result = run(runner, "audit", "--model", "lexical", story, "-o", out / "r.json")
    assert_error(result, out / "r.json", "cannot write: Permission denied")
    result = run(runner, "audit", "--model", "lexical", story, "--output-dir", out)
    assert_error(result, out / "story.html", "cannot write: Permission denied")
    assert list(out.iterdir()) == []


def test_output_into_missing_folder_creates_it(runner, tmp_path, story):
    target = tmp_path / "new" / "deeper" / "r.json"
    result = run(runner, "audit", "--model", "lexical", story, "-o", target)
    assert_clean(result)
    assert result.exit_code == 0
    assert json.loads(target.read_text())["schema"] == "auditor.report/1"


# --------------------------------------------------------------------------- render, baseline, names, config


@pytest.fixture()
def saved(tmp_path, story, runner):
    path = tmp_path / "report.json"
    assert run(runner, "audit", "--model", "lexical", story, "-o", path).exit_code == 0
    return path


def test_render_truncated_wrong_schema_and_missing_fields(runner, tmp_path, saved):
    text = saved.read_text()
    cases = [
        ("trunc.json", text[: len(text) // 2], "not JSON (line"),
        ("segments.json", json.dumps({"schema": "auditor.segments/1", "documents": []}), "is not supported"),
        ("list.json", "[]", 'not an auditor report (no "schema" field'),
        ("nofindings.json", json.dumps({k: v for k, v in json.loads(text).items() if k != "findings"}),
         "'findings' is a required property"),
        ("binary.json", b"\xff\xfe\x00\x01", "cannot read"),
    ]
    for name, content, reason in cases:
        path = tmp_path / name
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content)
        assert_error(run(runner, "render", path), path, reason)


def test_render_recomputes_a_missing_summary(runner, tmp_path, saved):
    data = json.loads(saved.read_text())
    assert data["findings"]
    for key in ("summary", "set_aside", "pivot"):
        data.pop(key, None)
    path = tmp_path / "partial.json"
    path.write_text(json.dumps(data))
    result = run(runner, "render", path, "--format", "json")
    assert_clean(result)
    assert sum(json.loads(result.stdout)["summary"]["findings"].values()) == len(data["findings"])


_SAMPLE = Path(__file__).parent / "data" / "report_sample.json"


def _leaves(obj, path=()):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield path + (k,)
            yield from _leaves(v, path + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield path + (i,)
            yield from _leaves(v, path + (i,))


_PATHS = list(_leaves(json.loads(_SAMPLE.read_text(encoding="utf-8"))))


@settings(max_examples=60, deadline=None, derandomize=True)
@given(where=st.sampled_from(_PATHS),
       value=st.sampled_from([None, -1, 10**9, "", "\u202e😀", [], {}, 0.5, True, "<drop>"]))
def test_mutated_reports_render_or_fail_with_one_line(where, value):
    """A hand-edited report either fails validation with a message or renders in every format."""
    from auditor.errors import InputError
    from auditor.report import FORMATS, get_format
    from auditor.report.serialize import report_from_dict

    data = json.loads(_SAMPLE.read_text(encoding="utf-8"))
    parent = data
    for key in where[:-1]:
        parent = parent[key]
    if value == "<drop>" and isinstance(parent, dict):
        del parent[where[-1]]
    else:
        parent[where[-1]] = value
    try:
        report = report_from_dict(data, where="r.json")
    except InputError as exc:
        assert str(exc).startswith("r.json: ") and "\n" not in str(exc)
        return
    for name in FORMATS:
        extra = {"width": 100, "color": False} if name == "rich" else {}
        assert get_format(name)(changed_only=True, show_alignment=True).render(report, **extra)


def test_reference_naming_a_set_aside_document(runner, tmp_path):
    folder = write_story(tmp_path / "s", ORIGINAL, COPY[:-1])
    (folder / "other.txt").write_text("Stock markets in Tokyo fell sharply on Friday. Exporters led the losses. "
                                      "Analysts blamed the strong yen and weak demand from abroad.")
    result = run(runner, "audit", "--model", "lexical", folder, "--reference", "other")
    assert_error(result, "--reference", "other does not tell the same story as any other document")


def test_bad_names_and_baseline_files(runner, tmp_path, saved):
    cases = [
        ("--names", "bad.toml", "[[[ x = ", "invalid TOML"),
        ("--names", "latin1.toml", "[people]\n\"Jos\xe9\" = [\"Jose\"]\n".encode("latin-1"), "invalid TOML: not UTF-8 text"),
        ("--names", "shape.toml", "names = 3\n", "unknown section [names]"),
        ("--baseline", "bl.json", '{"a": 1}', 'not an auditor report (no "schema" field'),
        ("--baseline", "bl.txt", "Just an article. Not JSON.", "not JSON"),
    ]
    for option, name, content, reason in cases:
        path = tmp_path / name
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content)
        assert_error(run(runner, "render", saved, option, path), path, reason)


@pytest.mark.parametrize(("content", "reason"), [
    (b"\xff\xfe\x00garbage", "invalid TOML: not UTF-8 text"),
    (b"output = 7\n", "output must be a string"),
    (b"baseline = [1]\n", "baseline must be a string"),
])
def test_bad_config_file(runner, tmp_path, saved, content, reason):
    (tmp_path / ".git").mkdir()  # stop the config search here
    config = tmp_path / "auditor.toml"
    config.write_bytes(content)
    assert_error(run(runner, "render", saved, "--format", "json"), config, reason)


def test_layout_table_cells_become_paragraphs_but_data_rows_stay():
    from auditor.ingest.html_format import unwrap_layout_tables

    prose = "A long sentence of news that someone laid out inside a table cell, as old sites did."
    assert unwrap_layout_tables(f"| {prose} | side |") == f"{prose}\n\nside"
    assert unwrap_layout_tables("| Year | Sales |\n| 2023 | 1.5m |") == "| Year | Sales |\n| 2023 | 1.5m |"
