"""The derived-data cache returns exactly what the builder returns, builds once, survives bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.datacache import load_or_build

CALLS: list[int] = []


def _build() -> dict[str, object]:
    CALLS.append(1)
    return {"Shanghai": 1796236, "上海": 1796236, "syllables": frozenset({"pan", "he", "lin"}), "n": [1.5, None]}


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    CALLS.clear()
    return tmp_path


def _files(cache: Path) -> list[Path]:
    return sorted((cache / "derived").glob("*.marshal"))


def test_second_load_reads_the_file_and_equals_the_build(cache: Path) -> None:
    first = load_or_build("t", _build, depends_on=("numpy",))
    second = load_or_build("t", _build, depends_on=("numpy",))
    assert first == second == _build()
    assert list(second) == list(_build())  # insertion order kept (dict iteration is observable)
    assert len(CALLS) == 3  # two direct calls above + ONE build for the two loads
    assert len(_files(cache)) == 1


def test_dependencies_are_part_of_the_key(cache: Path) -> None:
    load_or_build("t", _build, depends_on=("numpy",))
    load_or_build("t", _build, depends_on=("no_such_package_xyz",))
    assert len(CALLS) == 2
    assert len(_files(cache)) == 2


def test_corrupt_file_is_rebuilt_and_replaced(cache: Path) -> None:
    load_or_build("t", _build)
    (path,) = _files(cache)
    path.write_bytes(b"\x00garbage")
    assert load_or_build("t", _build) == _build()
    assert path.read_bytes() != b"\x00garbage"


def test_unusable_cache_folder_still_gives_the_value(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(blocker))
    assert load_or_build("t", _build) == _build()
