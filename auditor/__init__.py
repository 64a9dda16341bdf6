"""auditor: cross-source fact-checking and translation-drift auditor for newsroom editorial QA."""

__version__ = "0.1.0"
