"""HTML: one self-contained page; checked structurally and in a real headless Chromium."""

from __future__ import annotations

import shutil
import subprocess

import lxml.html
import pytest

from auditor.report import get_format

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium is not installed (Debian package `chromium`; .ci/run installs it)")


def _cls(name):
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


#: the selectors the tests use, as XPath (lxml needs the cssselect package for CSS selectors)
XPATHS = {
    "table.ranking tbody tr": f"//table[{_cls('ranking')}]/tbody/tr",
    "td": "./td",
    "li.finding": f"//li[{_cls('finding')}]",
    "#kind-filter option": "//select[@id='kind-filter']/option",
    "#pair-select option": "//select[@id='pair-select']/option",
    "div.pair table.align": f"//div[{_cls('pair')}]//table[{_cls('align')}]",
    "mark.del": ".//mark[@class='del']",
    "mark.ins": ".//mark[@class='ins']",
    "table.align tr": f"//table[{_cls('align')}]//tr",
    "link, script[src], img, iframe, object, embed": "//link | //script[@src] | //img | //iframe | //object | //embed",
    "body": "//body",
    "#shown-count": "//*[@id='shown-count']",
    "div.pair": f"//div[{_cls('pair')}]",
    "section.version-group": f"//section[{_cls('version-group')}]",
    "li.pair-group": f"//li[{_cls('pair-group')}]",
    "li.finding (in)": f".//li[{_cls('finding')}]",
    "#verdict p": "//section[@id='verdict']/p",
    "table.scorecard tbody tr": f"//table[{_cls('scorecard')}]/tbody/tr",
    "#version-filter option": "//select[@id='version-filter']/option",
    "#waiver-text": "//textarea[@id='waiver-text']",
}


def css(element, selector):
    return element.xpath(XPATHS[selector])


def _page(report, **view):
    return get_format("html")(**view).render(report)


def test_structure_ranking_findings_alignment(sample_report):
    doc = lxml.html.fromstring(_page(sample_report))
    rows = css(doc, "table.ranking tbody tr")
    assert [r.get("data-document") for r in rows] == [d.id for d in sample_report.documents]
    assert css(rows[0], "td")[0].text_content() == "1"
    items = css(doc, "li.finding")
    assert sorted(li.get("id") for li in items) == sorted(f.id for f in sample_report.findings)
    by_id = {f.id: f for f in sample_report.findings}
    assert all(li.get("data-severity") == by_id[li.get("id")].severity for li in items)
    # verdict and scorecard open the page; findings grouped by version, most harmful version first
    assert css(doc, "#verdict p")[0].text_content() == "Use wire-original (the original, most faithful: 0.94)."
    assert [r.get("data-version") for r in css(doc, "table.scorecard tbody tr")] == [
        "wire-original", "daily-rewrite", "mirror-mt"]
    assert [g.get("data-document") for g in css(doc, "section.version-group")] == ["mirror-mt", "daily-rewrite"]
    assert [o.get("value") for o in css(doc, "#version-filter option")] == ["", "mirror-mt", "daily-rewrite"]
    assert doc.findtext(".//title") == "Audit report — 瓦尔多拉港获得欧盟4800万欧元拨款，用于建设绿色氢能码头。"
    assert {o.get("value") for o in css(doc, "#kind-filter option")} == {""} | {f.kind for f in sample_report.findings}
    assert [o.text_content() for o in css(doc, "#pair-select option")] == ["mirror-mt", "daily-rewrite"]
    assert len(css(doc, "div.pair table.align")) == 2


def test_changed_words_highlighted_on_both_sides(sample_report):
    doc = lxml.html.fromstring(_page(sample_report))
    # N002 and Q002 share a sentence pair: one evidence table with both changes marked
    pair = next(g for g in css(doc, "li.pair-group") if "N002" in [li.get("data-code") for li in css(g, "li.finding (in)")])
    assert [li.get("data-code") for li in css(pair, "li.finding (in)")] == ["N002", "Q002"]
    assert [m.text_content() for m in css(pair, "mark.del")] == ["48", "y"]
    assert [m.text_content() for m in css(pair, "mark.ins")] == ["84", "i"]
    row = next(tr for tr in css(doc, "table.align tr") if "up to" in tr.text_content())
    assert "up to" in " ".join(m.text_content() for m in css(row, "mark.del"))


def test_self_contained_no_network(sample_report):
    page = _page(sample_report)
    doc = lxml.html.fromstring(page)
    assert not css(doc, "link, script[src], img, iframe, object, embed")
    for el in doc.iter():
        for attr in ("src", "href", "action"):
            assert not (el.get(attr) or "").startswith(("http:", "https:", "//"))
    assert "@import" not in page and "url(" not in page


def test_text_is_escaped(sample_report):
    import dataclasses

    f = dataclasses.replace(sample_report.findings[0], message="<script>alert(1)</script>")
    page = _page(dataclasses.replace(sample_report, findings=(f,)))
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def _chromium(*args, tmp_path):
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run",
             f"--user-data-dir={tmp_path / 'chromium-profile'}", "--enable-logging=stderr", "--v=0"]
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=120)


@needs_chromium
def test_renders_in_headless_chromium_without_errors(sample_report, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(_page(sample_report), encoding="utf-8")
    run = _chromium("--dump-dom", page.as_uri(), tmp_path=tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    dom = lxml.html.fromstring(run.stdout)
    body = css(dom, "body")[0]
    assert body.get("data-ready") == "1"  # the inline script ran to its end
    assert body.get("data-errors") is None
    console = [line for line in run.stderr.splitlines() if "CONSOLE" in line]
    assert not [line for line in console if "Uncaught" in line or "Error" in line], console
    assert len(css(dom, "table.ranking tbody tr")) == len(sample_report.documents)
    items = css(dom, "li.finding")
    assert len(items) == len(sample_report.findings) and not any(li.get("hidden") is not None for li in items)
    assert css(dom, "#shown-count")[0].text_content() == f"{len(items)} of {len(items)} shown"
    # the script shows the first version pair and hides the others
    pairs = css(dom, "div.pair")
    assert [p.get("hidden") is None for p in pairs] == [True, False]

    shot = tmp_path / "report.png"
    run = _chromium(f"--screenshot={shot}", "--window-size=1280,2200", page.as_uri(), tmp_path=tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


@needs_chromium
def test_filter_from_link_hides_other_findings(sample_report, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(_page(sample_report), encoding="utf-8")
    run = _chromium("--dump-dom", page.as_uri() + "#severity=critical,minor&kind=name", tmp_path=tmp_path)
    dom = lxml.html.fromstring(run.stdout)
    visible = [li.get("data-code") for li in css(dom, "li.finding") if li.get("hidden") is None]
    assert visible == ["N002"]
    groups = {g.get("data-document"): g.get("hidden") is None for g in css(dom, "section.version-group")}
    assert groups == {"mirror-mt": True, "daily-rewrite": False}
    run = _chromium("--dump-dom", page.as_uri() + "#version=daily-rewrite", tmp_path=tmp_path)
    dom = lxml.html.fromstring(run.stdout)
    visible = {li.get("data-document") for li in css(dom, "li.finding") if li.get("hidden") is None}
    assert visible == {"daily-rewrite"}


@needs_chromium
def test_accepted_findings_export_a_waiver_file_that_render_honours(sample_report, sample_report_path, tmp_path):
    """Round trip: findings ticked in the page -> the waivers file it shows -> `auditor render --waivers`
    reports exactly the others."""
    import json

    from click.testing import CliRunner

    from auditor._cli import main

    page = tmp_path / "report.html"
    page.write_text(_page(sample_report), encoding="utf-8")
    accepted = [f.id for f in sample_report.findings if f.code in ("Q002", "O004")]
    run = _chromium("--dump-dom", page.as_uri() + "#accept=" + ",".join(accepted), tmp_path=tmp_path)
    dom = lxml.html.fromstring(run.stdout)
    waivers = tmp_path / "waivers.toml"
    waivers.write_text(css(dom, "#waiver-text")[0].text_content(), encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(sample_report_path), "--format", "json",
                                       "--waivers", str(waivers)])
    assert result.exit_code == 0, result.output
    left = {f["id"] for f in json.loads(result.stdout)["findings"]}
    assert left == {f.id for f in sample_report.findings} - set(accepted)


def _fixture_report():
    from pathlib import Path

    from auditor.report.serialize import load_report

    return load_report(Path(__file__).resolve().parents[2] / "reports" / "china-ai-subsidies.json")


#: measures, inside an iframe of the given width, how far the ranking and scorecard reach and how wide
#: the page scrolls; the numbers land on the outer page's body for --dump-dom to read
_PROBE = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" style="width:{width}px;height:900px;border:0" srcdoc="{page}"></iframe>
<script>
document.getElementById("f").addEventListener("load", function () {{
  var d = this.contentDocument, w = this.contentWindow;
  function right(sel) {{ var el = d.querySelector(sel); return el ? el.getBoundingClientRect().right : -1; }}
  document.body.setAttribute("data-probe", [w.innerWidth, d.documentElement.scrollWidth,
    right("table.ranking"), right("table.scorecard"), d.body.getAttribute("data-ready")].join(","));
}});
</script></body></html>"""


@needs_chromium
@pytest.mark.parametrize("width", [420, 1400])
def test_ranking_and_scorecard_fit_the_viewport(tmp_path, width):
    """No horizontal overflow on a phone (420 px) or a desktop (1400 px): the ranking and scorecard
    tables end inside the viewport and the page does not scroll sideways."""
    from html import escape

    probe = tmp_path / "probe.html"
    probe.write_text(_PROBE.format(width=width, page=escape(_page(_fixture_report()), quote=True)), encoding="utf-8")
    run = _chromium("--dump-dom", "--virtual-time-budget=5000", probe.as_uri(), tmp_path=tmp_path)
    dom = lxml.html.fromstring(run.stdout)
    values = css(dom, "body")[0].get("data-probe")
    assert values, run.stderr[-2000:]
    inner, scroll, ranking, scorecard, ready = values.split(",")
    assert ready == "1" and int(inner) == width
    assert int(scroll) <= width
    assert 0 < float(ranking) <= width and 0 < float(scorecard) <= width


@needs_chromium
def test_fixture_prints_on_at_most_six_pages(tmp_path):
    import re

    page = tmp_path / "report.html"
    page.write_text(_page(_fixture_report()), encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    run = _chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri(), tmp_path=tmp_path)
    assert run.returncode == 0 and pdf.exists(), run.stderr[-2000:]
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))
    assert 1 <= pages <= 6


def test_each_finding_links_to_its_side_by_side_row():
    import re

    page = _page(_fixture_report())
    doc = lxml.html.fromstring(page)
    groups = css(doc, "li.pair-group")
    links = [g.xpath("./a[@class='side-link']/@href") for g in groups]
    aligned = [g for g, href in zip(groups, links) if href]
    assert len(aligned) >= len(groups) - 3  # only the set-aside document's findings have no pair
    ids = set(doc.xpath("//div[contains(@class, 'pair')]//*[@id]/@id"))
    for g in aligned:
        target = g.xpath("./a[@class='side-link']/@href")[0][1:]
        assert target in ids
        version = g.xpath(".//li[contains(@class, 'finding')]/@data-document")[0]
        assert re.match(rf"row-({re.escape(version)}-)?", target)
    assert len(set(re.findall(r' id="([^"]+)"', page))) == len(re.findall(r' id="([^"]+)"', page))  # ids unique


def test_page_comes_in_pieces_a_side_by_side_row_at_a_time(sample_report):
    """A folder's page is written as it is made: each aligned row is its own piece, and the pieces
    join to the whole page."""
    fmt = get_format("html")(show_alignment=True)
    pieces = list(fmt.render_pieces(sample_report))
    assert "".join(pieces) == fmt.render(sample_report)
    rows = [p for p in pieces if p.lstrip("\n").startswith("<tr") and 'class="k-' in p]
    assert len(rows) == lxml.html.fromstring(fmt.render(sample_report)).xpath("count(//table[@class='align']//tbody/tr)")
    assert all(p.count("<tr") == 1 for p in rows)
