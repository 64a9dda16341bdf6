"""Shared pytest fixtures. Heavy models load once per session; the embedding cache goes to a
temporary folder so tests never touch the user's cache."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory):
    import os

    old = os.environ.get("AUDITOR_CACHE_DIR")
    os.environ["AUDITOR_CACHE_DIR"] = str(tmp_path_factory.mktemp("auditor-cache"))
    yield
    if old is None:
        os.environ.pop("AUDITOR_CACHE_DIR", None)
    else:
        os.environ["AUDITOR_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def use_encoder():
    """The multilingual Universal Sentence Encoder (the default), loaded once per session."""
    from auditor.backends import load_encoder

    return load_encoder("use-m")


@pytest.fixture(scope="session")
def lexical_encoder():
    from auditor.backends import load_encoder

    return load_encoder("lexical")


@pytest.fixture(scope="session")
def sample_report_path():
    """The saved report every report-format test renders from (built by tests/data/build_report_sample.py)."""
    from pathlib import Path

    return Path(__file__).parent / "data" / "report_sample.json"


@pytest.fixture(scope="session")
def sample_report(sample_report_path):
    from auditor.report.serialize import load_report

    return load_report(sample_report_path)


@pytest.fixture(autouse=True)
def _fresh_extraction_memo():
    """Each test extracts afresh: some patch what extraction reads (word lists, rules), which the
    run-long memo of ``extract_document`` rightly does not expect to change within a run."""
    import auditor.extract as extract

    extract._MEMO.clear()
    yield
