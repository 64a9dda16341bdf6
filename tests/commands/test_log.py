"""The CLI's logging handler and the error -> exit code table: what an editor sees on stderr."""

from __future__ import annotations

import logging

import pytest

from auditor._cli import EXIT_CODES, exit_code
from auditor.commands._log import cli_logging, set_quiet
from auditor.errors import AuditorError, ConfigError, InputError, ModelError, UsageError


def test_a_long_warning_is_one_unwrapped_line(capsys):
    path = "/data/" + "very-long-folder-name/" * 12 + "a.txt"
    with cli_logging():
        logging.getLogger("auditor.ingest").warning("%s: cannot read (Permission denied), skipped", path)
        logging.getLogger("auditor.report").info("wrote report.html")
    err = capsys.readouterr().err
    assert err.splitlines() == [f"auditor: warning: {path}: cannot read (Permission denied), skipped",
                                "auditor: wrote report.html"]


def test_quiet_silences_warnings_and_notes_not_errors(capsys):
    with cli_logging():
        set_quiet(True)
        logging.getLogger("auditor.cache").warning("embedding cache disabled")
        logging.getLogger("auditor.cache").error("cannot go on")
    assert capsys.readouterr().err == "auditor: error: cannot go on\n"


def test_the_handler_is_gone_after_the_command(capsys):
    with cli_logging():
        pass
    logging.getLogger("auditor").info("not shown: no CLI handler, and notes are below the last resort")
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("cls", [UsageError, InputError, ConfigError, ModelError])
def test_every_error_class_has_its_exit_code(cls):
    assert cls in EXIT_CODES and exit_code(cls("x", "y")) == EXIT_CODES[cls] == 2
    assert str(cls("file.txt", "no such file")) == "file.txt: no such file"
    assert str(cls(None, "nothing to compare")) == "nothing to compare"


def test_a_subclass_takes_its_base_class_code():
    class Custom(ConfigError):
        pass

    assert issubclass(Custom, AuditorError) and exit_code(Custom(None, "bad")) == EXIT_CODES[ConfigError]


@pytest.mark.parametrize("quiet", [False, True])
def test_the_audit_command_shows_warnings_unless_quiet(tmp_path, quiet):
    from click.testing import CliRunner

    from auditor._cli import main
    from tests._stories import COPY, ORIGINAL

    (tmp_path / "a.txt").write_text("\n\n".join(ORIGINAL), encoding="utf-8")
    (tmp_path / "b.txt").write_text("\n\n".join(COPY), encoding="utf-8")
    (tmp_path / "c.bin.txt").write_bytes(bytes(range(256)) * 8)  # binary: skipped with a warning
    args = ["audit", "--model", "lexical", "--no-cache", str(tmp_path), "-o", str(tmp_path / "r.json")]
    result = CliRunner().invoke(main, args + (["--quiet"] if quiet else []))
    assert result.exit_code == 0, result.output
    warning = f"auditor: warning: {tmp_path / 'c.bin.txt'}: binary file, skipped"
    assert (warning in result.stderr.splitlines()) is not quiet
    assert ("auditor: wrote" in result.stderr) is not quiet
