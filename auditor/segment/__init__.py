"""Segmentation: paragraphs, sentences, the language of each paragraph and which blocks are boilerplate."""
