"""Read article files a newsroom actually has into unsegmented ``Document`` objects.

Paths may be files, directories (walked recursively, sorted so runs are reproducible) or ``-`` for
stdin. The format is decided from the content first and the extension second, because archives are
full of ``.txt`` files holding HTML and ``.json`` files holding JSON Lines. Encodings are detected from
the bytes (BOMs, UTF-16 NUL patterns, strict UTF-8, then charset-normalizer) and never assumed; the
text is NFC-normalised so offsets mean the same thing for every later stage, and mojibake is repaired
with ftfy *and reported*, never silently kept.

Problems a user can fix about the whole run (a path that does not exist) raise ``InputError``; problems
with one file or one JSONL line (empty, binary, undecodable, bad JSON) are a one-line ``warn`` and a
skip, so one broken file does not sink an archive. ``iter_documents`` streams; ``read_paths`` collects
and makes duplicate ids unique.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from auditor.errors import InputError, warn
from auditor.fileio import file_kind
from auditor.model import Document

HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_EXTENSIONS = {".jsonl", ".ndjson", ".jsonlines"}
JSON_EXTENSIONS = {".json"}

_HTML_SNIFF = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<article|<meta|<!--)", re.I)
_HTML_TAGS = re.compile(r"<(p|div|br|span|a|h[1-6]|article|body|html)\b[^>]*>", re.I)
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\s]*)\)")


class DecodeError(Exception):
    """A file's bytes are not text we can decode with any confidence."""


@dataclass(frozen=True)
class _Source:
    """One input: its display path, the id stem and the raw bytes."""

    path: str
    stem: str
    suffix: str
    data: bytes


# --------------------------------------------------------------------------- decoding


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _plausible_text_share(text: str) -> float:
    """Share of characters that belong in an article: letters, digits, spaces, punctuation, symbols.

    Decoding bytes with the wrong multi-byte codec yields control characters, unassigned code points,
    private-use characters and lone surrogates; real text has almost none.
    """
    if not text:
        return 0.0
    sample = text[:4096]
    good = 0
    for ch in sample:
        cat = unicodedata.category(ch)
        if cat[0] in "LNPZS" or ch in "\n\t\r" or cat == "Mn" or cat == "Mc":
            good += 1
    return good / len(sample)


#: A decoding is trusted when at least this share of characters is ordinary text (the rest may be
#: emoji modifiers, rare symbols); wrong UTF-16 byte order typically scores far below 0.5.
PLAUSIBLE_SHARE = 0.95


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes appear for ASCII characters; try both byte orders and keep the
    one that reads as text (CJK UTF-16 has few NULs, so both orders are decoded, not guessed)."""
    if len(data) < 2 or len(data) % 2:
        return None
    best: tuple[float, str] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            decoded = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        share = _plausible_text_share(decoded)
        if share >= PLAUSIBLE_SHARE and (best is None or share > best[0]):
            best = (share, encoding)
    return best[1] if best else None


def _looks_binary(text: str) -> bool:
    """Control characters (other than whitespace) mean this is not an article."""
    if not text:
        return False
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    # 1%: a stray form-feed or escape is tolerable in text; binary data has far more.
    return "\x00" in sample or controls > 0.01 * len(sample)


#: Western European text is what single-byte files in an en/es/fr/de newsroom almost always hold.
_WESTERN = re.compile(r"^[\x00-\x7f\u00a0-\u017f\u2010-\u203a\u20ac\u2122\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]*$")  # noqa: E501


#: A file is "overwhelmingly UTF-8" when at least this share of its non-ASCII sequences are valid
#: UTF-8: a few corrupt bytes (a truncated copy-paste) then cost a few U+FFFD, where a legacy code page
#: would garble every curly quote and bullet. Legacy-encoded text (cp1252, GBK) forms valid UTF-8
#: sequences only by accident, well under half of its high bytes.
UTF8_SHARE = 0.9

#: NUL bytes tolerated in a text file (a few, or one in this many bytes) before it counts as binary: a
#: stray NUL from a broken export should not cost the whole article. Binary data that passes this
#: still fails the control-character test after decoding.
NUL_RATIO = 1000
NUL_FEW = 8


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """(text with U+FFFD for each invalid byte, number of invalid bytes) when the bytes are
    overwhelmingly UTF-8, else None."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.count("\xef\xbf\xbd".encode("latin-1"))
    valid = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    if replaced <= 0 or valid == 0 or valid < UTF8_SHARE * (valid + replaced):
        return None
    return text, replaced


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode article bytes; returns (text, encoding name). Raises DecodeError when it cannot."""
    text, encoding, _ = decode_bytes_noted(data)
    return text, encoding


def decode_bytes_noted(data: bytes) -> tuple[str, str, tuple[str, ...]]:
    """``decode_bytes`` plus notes on what had to be repaired (stray NUL bytes, invalid UTF-8 bytes),
    which the caller reports as warnings and keeps on the document."""
    notes: list[str] = []
    nuls = data.count(b"\x00")
    few = nuls <= NUL_FEW or nuls * NUL_RATIO <= len(data)
    if nuls and few and not data.startswith(tuple(b for b, _ in _BOMS)) and _utf16_without_bom(data) is None:
        data = data.replace(b"\x00", b"")
        if _looks_binary(data[:8192].decode("latin-1")):
            raise DecodeError("binary file")
        notes.append(f"{nuls} NUL byte{'s' if nuls > 1 else ''} removed")
    text, encoding = _decode(data)
    if encoding.endswith("+replaced"):
        encoding = "utf-8"
        bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")  # U+FFFD already in the file is not ours
        notes.append(f"{bad} invalid UTF-8 byte{'s' if bad > 1 else ''} replaced with U+FFFD")
    return text, encoding, tuple(notes)


def _decode(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {encoding} after byte-order mark: {exc.reason}") from exc
    if b"\x00" in data[:8192]:
        utf16 = _utf16_without_bom(data)
        if utf16:
            return data.decode(utf16), utf16
        raise DecodeError("binary file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly[0], "utf-8+replaced"
    # Not UTF-8. A file that decodes as Windows-1252 into Western European letters and punctuation
    # is taken as such: detectors often pick a Baltic or Cyrillic code page for short Spanish/French
    # text, while CJK multi-byte text never decodes into that narrow repertoire.
    for western in ("cp1252", "latin-1"):
        try:
            candidate = data.decode(western)
        except UnicodeDecodeError:
            continue
        if _WESTERN.match(candidate) and not _looks_cjk_multibyte(data):
            return candidate, western
        break
    from charset_normalizer import from_bytes

    # Without NUL bytes the file is not UTF-16/32 (those were handled above); on very short CJK
    # input charset-normalizer sometimes ranks them first anyway, so skip them.
    candidates = [m for m in from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32"))]
    if not candidates:
        raise DecodeError("undecodable bytes (no text encoding fits)")
    encoding = candidates[0].encoding
    # charset-normalizer names GB2312/GBK text "gb2312"/"gbk"; GB18030 is their superset and decodes
    # the same bytes plus the characters GB2312 lacks, so prefer it.
    if encoding in {"gb2312", "gbk"}:
        encoding = "gb18030"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise DecodeError(f"undecodable bytes ({encoding}: {exc})") from exc
    if _plausible_text_share(text) < PLAUSIBLE_SHARE:
        raise DecodeError(f"undecodable bytes (best guess {encoding} gives no readable text)")
    return text, encoding


def _looks_cjk_multibyte(data: bytes) -> bool:
    """Lead/trail byte pairs typical of GBK/Big5/Shift-JIS, which are common in CJK text: most
    high bytes come in adjacent pairs. Western text has isolated accented letters instead."""
    high = [i for i, b in enumerate(data[:8192]) if b >= 0x80]
    if len(high) < 4:
        return False
    paired = sum(1 for a, b in zip(high, high[1:]) if b == a + 1)
    # Two thirds: in CJK encodings nearly every high byte sits next to another; in Spanish or French
    # text accented letters are mostly separated by ASCII letters.
    return paired * 2 >= 0.66 * len(high)


_MOJIBAKE_LEAD = re.compile("[\u00c2-\u00f4]")

#: Lone surrogate code points: JSON may carry them (``"\\ud800"``) and undecodable file names hold them
#: (surrogateescape), but no output encoding can write them, so they become U+FFFD.
_SURROGATES = re.compile("[\ud800-\udfff]")

#: Control characters other than tab and newline are never article content; left in, they would reach
#: terminal output (an ESC starts an escape sequence) and confuse sentence splitting.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def clean_string(value: str) -> str:
    """A string every output can encode: lone surrogates replaced by U+FFFD (ids, paths, metadata)."""
    return _SURROGATES.sub("\ufffd", value)


def normalise_text(text: str, where: str) -> tuple[str, tuple[str, ...]]:
    """NFC, unified newlines, and mojibake repaired by ftfy with a warning saying so.

    Lone surrogates and control characters are replaced (U+FFFD, space) with a warning, so what later
    stages see and print is always encodable text.
    """
    notes: list[str] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # form feed and vertical tab are page/line breaks in text exported from PDFs and word processors
    text = text.replace("\f", "\n").replace("\v", "\n")
    if _SURROGATES.search(text):
        note = "invalid characters (lone surrogates) replaced with U+FFFD"
        warn(f"{where}: {note}")
        notes.append(note)
        text = clean_string(text)
    if _CONTROLS.search(text):
        note = "control characters replaced with spaces"
        warn(f"{where}: {note}")
        notes.append(note)
        text = _CONTROLS.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    # UTF-8 read as Latin-1/cp1252 always leaves a lead byte shown as one of Â..ô; without one there
    # is no mojibake of that kind and ftfy's (slower) check is skipped.
    if not _MOJIBAKE_LEAD.search(text):
        return text, tuple(notes)
    import ftfy

    if ftfy.is_bad(text):
        fixed = ftfy.fix_encoding(text)
        if fixed != text:
            note = "mojibake repaired (text was decoded with the wrong encoding somewhere upstream)"
            warn(f"{where}: {note}")
            notes.append(note)
            text = unicodedata.normalize("NFC", fixed)
        else:
            note = "text looks like mojibake and could not be repaired"
            warn(f"{where}: {note}")
            notes.append(note)
    return text, tuple(notes)


# --------------------------------------------------------------------------- formats


_JSON_START = re.compile(r'^\s*(\[\s*[{\]]|\{\s*")')


class JSONTooDeep(ValueError):
    """JSON nested deeper than the parser's recursion limit: no article looks like that."""


def _json_loads(text: str) -> Any:
    """``json.loads`` with bounded depth (Python's recursion limit, ~1000 levels; real exports nest a
    few): ``JSONTooDeep``, a ValueError, instead of a RecursionError that would end the whole run."""
    try:
        return json.loads(text)
    except RecursionError:
        raise JSONTooDeep("nested too deeply to be an article") from None


def _sniff_format(source: _Source, text: str) -> str:
    """"html", "json", "jsonl" or "text", from the content first and the extension second.

    Content decides JSON only when it parses (an article may well start with "[Updated]"); the
    extension decides when content is ambiguous, and a broken ``.json``/``.jsonl`` file is then
    reported as bad JSON rather than read as prose.
    """
    suffix = source.suffix
    head = text.lstrip()[:2048]
    if suffix in HTML_EXTENSIONS or _HTML_SNIFF.match(source.data[:512]):
        return "html"
    if suffix in JSONL_EXTENSIONS:
        return "jsonl"
    if suffix in JSON_EXTENSIONS or _JSON_START.match(head):
        lines = [line for line in text.lstrip().split("\n", 2) if line.strip()]
        if head.startswith("{") and len(lines) >= 2:
            try:
                _json_loads(lines[0])
                return "jsonl"  # the first of several lines is a whole object: JSON Lines
            except JSONTooDeep:
                return "jsonl"  # reported (and skipped) line by line
            except ValueError:
                pass
        if suffix in JSON_EXTENSIONS:
            return "json"
        try:
            _json_loads(text)
            return "json"
        except JSONTooDeep:
            return "json"  # JSON all right, just too deep: reported as such, not read as prose
        except ValueError:
            pass
    if len(_HTML_TAGS.findall(head)) >= 3:
        return "html"
    return "text"


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


def _unwrap_layout_tables(text: str) -> str:
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


def _html_document(source: _Source, html: str) -> tuple[str, dict[str, Any]] | None:
    """Main text and metadata of a page; pages nested too deeply for lxml fall back to their plain
    text (with a warning), so their words are still audited."""
    result = _html_main_text(source, html)
    if result is not None:
        return result
    text, deepest = _html_plain_text(html)
    if deepest <= DEEP_HTML or not text.strip():
        return None
    warn(f"{source.path}: HTML nested {deepest} levels deep; read as plain text (main-text extraction not possible)")
    return text, {"format": "html", "extraction": "plain-text"}


def _html_main_text(source: _Source, html: str) -> tuple[str, dict[str, Any]] | None:
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
    if extracted is None or not (extracted.text or "").strip():
        return None
    text, links = _strip_links(_unwrap_layout_tables(extracted.text))
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


def _article_fields(obj: Mapping[str, Any], text_field: str, id_field: str) -> tuple[Any, Any, dict[str, Any]]:
    text = obj.get(text_field)
    ident = obj.get(id_field)
    if isinstance(ident, str):
        ident = clean_string(ident)
    metadata = {
        clean_string(k): clean_string(v) if isinstance(v, str) else v
        for k, v in obj.items()
        if k not in (text_field, id_field) and isinstance(v, (str, int, float, bool)) and v is not None
    }
    return text, ident, metadata


def _json_records(source: _Source, text: str, fmt: str) -> Iterator[tuple[int | None, Any]]:
    """Yield (line number or array index, parsed object) pairs; bad JSONL lines are warned and skipped."""
    if fmt == "jsonl":
        for lineno, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                yield lineno, _json_loads(line)
            except ValueError as exc:
                warn(f"{source.path}:{lineno}: bad JSON line ({_short(exc)}), skipped")
        return
    try:
        data = _json_loads(text)
    except JSONTooDeep as exc:
        warn(f"{source.path}: JSON {exc}, skipped")
        return
    except ValueError as exc:
        warn(f"{source.path}: invalid JSON ({_short(exc)}), skipped")
        return
    if isinstance(data, dict):
        # A single article, or a wrapper object holding the list ({"articles": [...]}).
        lists = [v for v in data.values() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
        if len(lists) == 1 and not isinstance(data.get("text"), str):
            data = lists[0]
        else:
            yield None, data
            return
    if not isinstance(data, list):
        warn(f"{source.path}: JSON holds no article objects, skipped")
        return
    yield from enumerate(data)


def _short(exc: Exception) -> str:
    return str(exc).split("\n", 1)[0][:120]


def _documents_from_source(source: _Source, text_field: str, id_field: str) -> Iterator[Document]:
    if not source.data.strip():
        warn(f"{source.path}: empty file, skipped")
        return
    try:
        raw_text, encoding, decode_notes = decode_bytes_noted(source.data)
    except DecodeError as exc:
        warn(f"{source.path}: {exc}, skipped")
        return
    if _looks_binary(raw_text):
        warn(f"{source.path}: binary file, skipped")
        return
    for note in decode_notes:
        warn(f"{source.path}: {note}")
    fmt = _sniff_format(source, raw_text)
    base_meta: dict[str, Any] = {"encoding": encoding}

    if fmt in ("json", "jsonl"):
        found = False
        for where, obj in _json_records(source, raw_text, fmt):
            loc = f"{source.path}:{where}" if where is not None else source.path
            if not isinstance(obj, dict):
                warn(f"{loc}: not a JSON object, skipped")
                continue
            text, ident, meta = _article_fields(obj, text_field, id_field)
            if not isinstance(text, str) or not text.strip():
                warn(f"{loc}: no text in field {text_field!r}, skipped")
                continue
            if ident is None or str(ident).strip() == "":
                ident = source.stem if where is None else f"{source.stem}:{where}"
            text, notes = normalise_text(text, loc)
            extra: dict[str, Any] = {}
            if len(_HTML_TAGS.findall(text[:4096])) >= 3:
                # Archives often store the page's HTML in the text field: extract the article from it.
                extracted = _html_document(source, text)
                if extracted is None:
                    warn(f"{loc}: no article text found in HTML field {text_field!r}, skipped")
                    continue
                text, extra = extracted
                text = unicodedata.normalize("NFC", text)
                extra["format"] = f"{fmt}+html"
            found = True
            yield Document(
                id=str(ident),
                path=source.path,
                text=text,
                # fields of the record win over what was read from the HTML
                metadata={**base_meta, "format": fmt, **extra, **meta, **({"line": where} if fmt == "jsonl" else {})},
                warnings=decode_notes + notes,
            )
        if not found:
            warn(f"{source.path}: no readable articles, skipped")
        return

    text, notes = normalise_text(raw_text, source.path)
    meta = dict(base_meta)
    if fmt == "html":
        result = _html_document(source, text)
        if result is None:
            warn(f"{source.path}: no article text found in HTML, skipped")
            return
        text, html_meta = result
        text = unicodedata.normalize("NFC", text)
        meta.update(html_meta)
    else:
        meta["format"] = "markdown" if source.suffix in {".md", ".markdown"} else "text"
    if not text.strip():
        warn(f"{source.path}: no text, skipped")
        return
    yield Document(id=source.stem, path=source.path, text=text, metadata=meta, warnings=decode_notes + notes)


# --------------------------------------------------------------------------- paths


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def folder_files(folder: Path, raw: str, glob: str | None) -> list[Path]:
    """The files of ``folder`` (recursive, hidden ones skipped, ``glob`` applied), sorted; a warning
    when there are none, a one-line InputError for an unreadable folder or a bad pattern."""
    try:
        files = sorted(p for p in folder.rglob(glob or "*") if p.is_file() and not _is_hidden(p, folder))
    except OSError as exc:
        raise InputError(raw, exc.strerror or str(exc)) from exc
    except (NotImplementedError, ValueError) as exc:  # pathlib rejects absolute/empty patterns
        raise InputError("--glob", f"{glob!r}: {exc}") from exc
    if not files:
        warn(f"{raw}: no files{' matching ' + glob if glob else ''}, skipped")
    return files


def _iter_sources(paths: Sequence[str], glob: str | None) -> Iterator[_Source]:
    # A file named twice (or inside a folder also named) is one version, not two identical ones:
    # two copies would agree with each other and skew the N-way consensus.
    seen: set[Path] = set()

    def first_time(file: Path) -> bool:
        key = file.resolve()
        if key in seen:
            warn(f"{file}: given more than once, read once")
            return False
        seen.add(key)
        return True

    for raw in paths:
        if raw == "-":
            yield _Source(path="-", stem="stdin", suffix="", data=sys.stdin.buffer.read())
            continue
        path = Path(raw)
        if not path.exists():
            raise InputError(raw, "no such file or directory")
        if path.is_dir():
            for file in folder_files(path, raw, glob):
                if not first_time(file):
                    continue
                try:
                    data = file.read_bytes()
                except OSError as exc:
                    warn(f"{file}: cannot read ({exc.strerror or exc}), skipped")
                    continue
                yield _Source(
                    path=clean_string(str(file)), stem=clean_string(file.stem), suffix=file.suffix.lower(), data=data
                )
            continue
        if not path.is_file():
            # a FIFO would block the run forever, a device never ends: only regular files are articles
            raise InputError(raw, f"not a regular file ({file_kind(path.stat().st_mode, 'special file')}); "
                                 "pass a file, a folder or - for stdin")
        if not first_time(path):
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(raw, exc.strerror or str(exc)) from exc
        # file names that are not valid UTF-8 reach Python with surrogates; ids and paths must print
        yield _Source(path=clean_string(str(path)), stem=clean_string(path.stem), suffix=path.suffix.lower(), data=data)


def iter_documents(
    paths: Iterable[str] | str,
    *,
    glob: str | None = None,
    text_field: str = "text",
    id_field: str = "id",
) -> Iterator[Document]:
    """Stream unsegmented documents from files, folders and stdin, one at a time.

    Ids are not yet de-duplicated (that needs to see every id); ``read_paths`` does it.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [str(paths)]
    paths = [str(p) for p in paths]
    for source in _iter_sources(paths, glob):
        yield from _documents_from_source(source, text_field, id_field)


def unique_ids(docs: Iterable[Document]) -> Iterator[Document]:
    """Give repeated ids a ``~2``, ``~3``... suffix in input order, so results are deterministic."""
    seen: set[str] = set()
    counts: dict[str, int] = {}
    for doc in docs:
        ident = doc.id
        if ident in seen:
            n = counts.get(ident, 1)
            while True:
                n += 1
                candidate = f"{ident}~{n}"
                if candidate not in seen:
                    break
            counts[ident] = n
            doc = replace(doc, id=candidate)
        seen.add(doc.id)
        yield doc


def read_paths(
    paths: Iterable[str] | str,
    *,
    glob: str | None = None,
    text_field: str = "text",
    id_field: str = "id",
) -> list[Document]:
    """All readable documents under ``paths`` with unique ids (unsegmented)."""
    return list(unique_ids(iter_documents(paths, glob=glob, text_field=text_field, id_field=id_field)))
