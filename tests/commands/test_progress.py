"""Progress on stderr: the pipeline counts through a callback; the command layer draws it only on a
terminal, after a delay, never with --quiet and never on stdout."""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from auditor._cli import main
from auditor.commands._progress import StageProgress

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "china-ai-subsidies"
LABELS = {"read": "documents read", "cluster": "documents clustered", "audit": "stories audited"}


def _recorder():
    events: list[tuple[str, int, int | None]] = []
    return events, lambda stage, done, total: events.append((stage, done, total))


def _check_counts(events, n_docs: int) -> None:
    by_stage: dict[str, list[tuple[int, int | None]]] = {}
    for stage, done, total in events:
        by_stage.setdefault(stage, []).append((done, total))
    for stage, seen in by_stage.items():
        counts = [done for done, _ in seen]
        assert counts == sorted(counts), (stage, counts)  # never goes back
        assert all(total is None or done <= total for done, total in seen), (stage, seen)
    assert by_stage["cluster"][-1] == (n_docs, n_docs)
    done, total = by_stage["audit"][-1]
    assert total is not None and total >= 1 and done == total
    # stages come in pipeline order: every cluster count before the first story is audited
    order = [stage for stage, _, _ in events]
    assert max(i for i, s in enumerate(order) if s == "cluster") < order.index("audit")


def test_streamed_audit_reports_monotonic_counts(lexical_encoder):
    from auditor.stream import run_audit_stream

    events, progress = _recorder()
    run_audit_stream([str(FIXTURE)], lexical_encoder, progress=progress)
    n_docs = len(list(FIXTURE.glob("*.txt")))
    reads = [done for stage, done, _ in events if stage == "read"]
    assert reads[: n_docs] == list(range(1, n_docs + 1))  # one step per document read
    assert events[[s for s, _, _ in events].index("read") + n_docs] == ("read", n_docs, n_docs)
    _check_counts(events, n_docs)


def test_in_memory_audit_reports_monotonic_counts(lexical_encoder):
    from auditor.commands._options import load_documents
    from auditor.pipeline import run_audit

    docs = load_documents([str(FIXTURE)])
    events, progress = _recorder()
    run_audit(docs, lexical_encoder, progress=progress)
    _check_counts(events, len(docs))


def test_cli_output_without_a_terminal_has_no_progress(lexical_encoder):
    result = CliRunner().invoke(main, ["audit", str(FIXTURE), "--model", "lexical", "--no-cache"])
    assert result.exit_code == 0, result.output
    for label in LABELS.values():
        assert label not in result.stdout and label not in result.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _terminal(monkeypatch) -> _Terminal:
    """stderr as a terminal; set inside the test (pytest's capture replaces a fixture's stderr)."""
    err = _Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    return err


def _run(progress: StageProgress, pause: float) -> None:
    with progress:
        for k in range(1, 4):
            progress("read", k, None)
        time.sleep(pause)
        progress("audit", 1, 2)


def test_display_on_a_terminal_once_the_delay_passed(monkeypatch):
    terminal = _terminal(monkeypatch)
    _run(StageProgress(LABELS, delay_s=0.0), pause=0.3)
    text = terminal.getvalue()
    assert "documents read" in text and "3/?" in text
    assert "stories audited" in text


def test_quick_run_quiet_run_and_pipe_show_nothing(monkeypatch):
    terminal = _terminal(monkeypatch)
    _run(StageProgress(LABELS, delay_s=5.0), pause=0.0)  # ended before the delay
    _run(StageProgress(LABELS, quiet=True, delay_s=0.0), pause=0.3)
    assert terminal.getvalue() == ""
    monkeypatch.setattr(_Terminal, "isatty", lambda self: False)
    piped = StageProgress(LABELS, delay_s=0.0)
    assert not piped.enabled
    _run(piped, pause=0.3)
    assert terminal.getvalue() == ""
