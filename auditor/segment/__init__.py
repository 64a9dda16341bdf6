"""Segmentation: paragraphs, sentences, the language of each paragraph and which blocks are boilerplate.

``split.segment_document`` runs it all: ``paragraphs``, sentences (pySBD plus our rules), ``langid``
per paragraph, then ``boilerplate`` per document and ``repeated`` across documents.
"""
