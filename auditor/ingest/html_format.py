"""HTML pages: the main text through trafilatura, post-processed (links kept as spans, layout tables
unwrapped, headline on top), with a plain-text fallback for pages nested too deeply for lxml."""

from __future__ import annotations

import logging
import re
import unicodedata
from typing import Any

log = logging.getLogger(__name__)


HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml"}

HTML_SNIFF = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<article|<meta|<!--)", re.I)
HTML_TAGS = re.compile(r"<(p|div|br|span|a|h[1-6]|article|body|html)\b[^>]*>", re.I)
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\s]*)\)")


def _strip_links(text: str) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    """Turn trafilatura's ``[anchor](url)`` into the anchor text, remembering each link's span.

    The spans index the returned text, which becomes ``Document.text``; the boilerplate stage uses them
    for link density (navigation and "related" lists are mostly link text).
    """
    out: list[str] = []
    links: list[tuple[int, int, str]] = []
    pos = 0
    length = 0
    for match in _MD_LINK.finditer(text):
        before = text[pos : match.start()]
        out.append(before)
        length += len(before)
        anchor = match.group(1)
        links.append((length, length + len(anchor), match.group(2)))
        out.append(anchor)
        length += len(anchor)
        pos = match.end()
    out.append(text[pos:])
    return "".join(out), tuple(links)


_TABLE_ROW = re.compile(r"^\|(.*?)\|?[ \t]*$", re.M)

#: A table cell this long is prose laid out with a table (old CMS templates put whole articles in one
#: cell), not data: a sentence of news runs 80-200 characters, a data cell rarely passes 80.
LAYOUT_CELL_CHARS = 80


def unwrap_layout_tables(text: str) -> str:
    """trafilatura renders tables as ``| cell | cell |`` rows; rows holding prose become one paragraph
    per cell, so the pipes never enter sentences and a page laid out with tables reads like any other.
    Rows of short cells (real data tables) are kept as they are."""

    def unwrap(m: re.Match[str]) -> str:
        cells = [c.strip() for c in m.group(1).split(" | ")]
        if not any(len(c) >= LAYOUT_CELL_CHARS for c in cells):
            return m.group(0)
        return "\n\n".join(c for c in cells if c)

    return _TABLE_ROW.sub(unwrap, text)


#: lxml (under trafilatura) stops building the tree at libxml2's nesting limit of 256 elements, so
#: text nested deeper is lost; past this depth the document is read with a flat tokenizer instead.
DEEP_HTML = 200
#: pages longer than this (characters) are read with that flat tokenizer too: trafilatura's main-text
#: pass grows faster than the page (a 5 MB page ~7 s; a 50 MB one was still inside it after 3 CPU
#: minutes), while the tokenizer streams. No news article comes near it; an archive dump saved as one
#: page does, and its site chrome is still marked by the segmenter's boilerplate rules.
HUGE_HTML = 10_000_000

_BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section",
    "blockquote", "pre", "table", "ul", "ol", "header", "footer", "main", "title", "figcaption",
})
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head"})
_VOID_TAGS = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed",
                        "source", "track", "wbr", "param"})


def _html_plain_text(html: str) -> tuple[str, int]:
    """(visible text with block breaks, deepest element nesting), by a streaming tokenizer that has
    no depth limit. The fallback for pages lxml cannot hold: it keeps every word, not the main text."""
    from html.parser import HTMLParser

    class _Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.depth = self.deepest = self.skip = 0

        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag not in _VOID_TAGS:
                self.depth += 1
                self.deepest = max(self.deepest, self.depth)
            if tag in _SKIP_TAGS:
                self.skip += 1
            if tag in _BLOCK_TAGS:
                self.parts.append("\n\n")

        def handle_endtag(self, tag: str) -> None:
            if tag not in _VOID_TAGS:
                self.depth = max(0, self.depth - 1)
            if tag in _SKIP_TAGS:
                self.skip = max(0, self.skip - 1)
            if tag in _BLOCK_TAGS:
                self.parts.append("\n\n")

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.parts.append(data)

    parser = _Text()
    parser.feed(html)
    parser.close()
    paragraphs = (re.sub(r"[ \t\n]+", " ", p).strip() for p in "".join(parser.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p), parser.deepest


def html_document(path: str, html: str) -> tuple[str, dict[str, Any]] | None:
    """Main text (NFC, like every document text) and metadata of a page; pages nested too deeply for
    lxml fall back to their plain text (with a warning), so their words are still audited."""
    if len(html) > HUGE_HTML:
        text, _ = _html_plain_text(html)
        if not text.strip():
            return None
        log.warning(f"{path}: HTML page of {len(html) / 1e6:.0f} MB; read as plain text (main-text "
                    f"extraction takes minutes past {HUGE_HTML / 1e6:.0f} MB)")
        return text, {"format": "html", "extraction": "plain-text"}
    result = _html_main_text(html)
    if result is not None:
        return unicodedata.normalize("NFC", result[0]), result[1]
    text, deepest = _html_plain_text(html)
    if deepest <= DEEP_HTML or not text.strip():
        return None
    log.warning(f"{path}: HTML nested {deepest} levels deep; read as plain text (main-text extraction not possible)")
    return unicodedata.normalize("NFC", text), {"format": "html", "extraction": "plain-text"}


def _html_main_text(html: str) -> tuple[str, dict[str, Any]] | None:
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html,
        url=None,
        with_metadata=True,
        include_links=True,
        include_comments=False,
        include_tables=True,
        # a date only from the page's markup: htmldate's extensive search guesses from any year the
        # article mentions ("2023" became 2023-01-01), and a wrong date silently mis-resolves
        # relative dates ("last Thursday") later on
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    # a dict only with as_dict=True, which is not asked for here
    if extracted is None or isinstance(extracted, dict) or not extracted.text or not extracted.text.strip():
        return None
    text, links = _strip_links(unwrap_layout_tables(extracted.text))
    metadata: dict[str, Any] = {"format": "html"}
    for name in ("title", "date", "url", "author", "sitename"):
        value = getattr(extracted, name, None)
        if value:
            metadata[name] = value
    title = metadata.get("title")
    # The headline is content (it is compared like any sentence); trafilatura keeps it in metadata and
    # only sometimes in the text, so put it on top when missing. Link spans shift accordingly.
    if isinstance(title, str) and title.strip() and not text.lstrip().startswith(title.strip()):
        prefix = title.strip() + "\n\n"
        text = prefix + text
        links = tuple((s + len(prefix), e + len(prefix), u) for s, e, u in links)
    if links:
        metadata["links"] = links
    return text, metadata


