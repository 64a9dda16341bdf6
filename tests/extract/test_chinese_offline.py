"""The Chinese segmenter behind name finding must stay quiet and correct when it cannot write its
dictionary cache (read-only home, locked-down servers)."""

from __future__ import annotations

import os
import subprocess
import sys


def test_an_unwritable_cache_folder_changes_nothing_and_prints_nothing(tmp_path) -> None:
    # a regular file where the cache folder should be: no folder can be made under it (even by root)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    code = ("from auditor.extract.entities import find_entities;"
            "print(sorted(e.text for e in find_entities('运动领队张继科和运动助理林小宅跨界同台', 'zh') if e.kind == 'person'))")
    env = {**os.environ, "AUDITOR_CACHE_DIR": str(blocker / "cache")}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "['张继科', '林小宅']"
    assert "Traceback" not in run.stderr and "Error" not in run.stderr
