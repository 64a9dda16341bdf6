"""A reader that closes the pipe early (``| head``) does not turn a good run into a failure."""

import subprocess
import sys
from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "china-ai-subsidies"


# both outputs are larger than a pipe buffer, so the writer is still writing when the reader leaves
@pytest.mark.parametrize("args", [
    ["segments", str(FIXTURE)],
    ["align", "--model", "lexical", str(FIXTURE / "004_9c0a797d7a6c616f.txt"), str(FIXTURE / "002_caa97b2c5e3fe59c.txt")],
])
def test_closing_the_pipe_early_exits_zero_without_traceback(args, tmp_path):
    env = {"AUDITOR_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "COLUMNS": "100"}
    proc = subprocess.Popen([sys.executable, "-m", "auditor", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    first = proc.stdout.read(64)  # the reader takes a little, then goes away
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert first
    assert proc.wait(timeout=120) == 0, err
    assert "Traceback" not in err and "internal error" not in err
