"""Ingest: the edge where files, folders, stdin and archive records become ``Document`` objects.

``decode`` turns bytes into clean NFC text, ``documents`` decides an input's format and reads it with
``html_format`` or ``json_format`` (plain text and Markdown are the text itself), ``sources`` walks
paths and makes ids unique, and ``archive`` streams archives (JSONL, WARC) record by record.
"""
