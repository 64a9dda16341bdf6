"""Bytes to clean text: encodings detected from the bytes (BOMs, UTF-16 NUL patterns, strict UTF-8, then
charset-normalizer), never assumed; NFC so offsets mean the same thing for every later stage; mojibake
repaired with ftfy *and reported*, never silently kept."""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata

log = logging.getLogger(__name__)



class DecodeError(Exception):
    """A file's bytes are not text we can decode with any confidence."""



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


def looks_binary(text: str) -> bool:
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
        if looks_binary(data[:8192].decode("latin-1")):
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
        log.warning(f"{where}: {note}")
        notes.append(note)
        text = clean_string(text)
    if _CONTROLS.search(text):
        note = "control characters replaced with spaces"
        log.warning(f"{where}: {note}")
        notes.append(note)
        text = _CONTROLS.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    # UTF-8 read as Latin-1/cp1252 always leaves a lead byte shown as one of Â..ô; without one there
    # is no mojibake of that kind and ftfy's (slower) check is skipped.
    if not _MOJIBAKE_LEAD.search(text):
        return text, tuple(notes)
    import ftfy
    from ftfy.badness import is_bad

    if is_bad(text):
        fixed = ftfy.fix_encoding(text)
        if fixed != text:
            note = "mojibake repaired (text was decoded with the wrong encoding somewhere upstream)"
            log.warning(f"{where}: {note}")
            notes.append(note)
            text = unicodedata.normalize("NFC", fixed)
        else:
            note = "text looks like mojibake and could not be repaired"
            log.warning(f"{where}: {note}")
            notes.append(note)
    return text, tuple(notes)

