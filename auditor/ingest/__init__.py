"""Ingest: the edge where files, folders, stdin and archive records become ``Document`` objects.

``decode`` turns bytes into clean NFC text, ``sources`` walks paths and assigns ids, and one module per
format (``text``, ``html``, ``jsonl``) reads the bytes it recognises.
"""
