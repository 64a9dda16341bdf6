"""``auditor rules``: every rule code with its kind, default severity, description and an example.

Filtered by code prefix (``auditor rules N Q00``) the way ``--select`` reads them, so a user can check
what a prefix in their config will cover before relying on it.
"""

from __future__ import annotations

import json

import click

from auditor.errors import UsageError
from auditor.report.policy import check_prefixes, is_selected, split_codes
from auditor.rules import RULES, SEVERITY_MEANING


@click.command()
@click.argument("prefixes", nargs=-1, metavar="[CODE_PREFIX]...")
@click.option("--format", "format_", type=click.Choice(["rich", "json", "markdown"]), default="rich",
              show_default=True, help="Output format.")
def command(prefixes: tuple[str, ...], format_: str) -> None:
    """List the rule codes findings carry (filter with code prefixes, e.g. `auditor rules N Q00`)."""
    codes = split_codes(prefixes)
    check_prefixes(codes, "prefixes")
    rules = [r for r in RULES if not codes or is_selected(r.code, codes, ())]
    if not rules:
        raise UsageError("PREFIX", "no rule matches")
    if format_ == "json":
        click.echo(json.dumps(
            [{"code": r.code, "name": r.name, "kind": r.kind, "severity": r.severity,
              "description": r.description, "example": r.example} for r in rules],
            ensure_ascii=False, indent=2))
    elif format_ == "markdown":
        lines = ["Severities follow editorial harm:", ""]
        lines += [f"- **{sev}**: {meaning}" for sev, meaning in SEVERITY_MEANING.items()]
        lines += ["", "| Code | Name | Kind | Severity | Description | Example |", "|---|---|---|---|---|---|"]
        for r in rules:
            cells = [r.code, r.name, r.kind, r.severity, r.description, f"`{r.example}`"]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        click.echo("\n".join(lines))
    else:
        from rich.table import Table
        from rich.text import Text

        from auditor.commands._console import stdout_console
        from auditor.report.base import SEVERITY_STYLE

        table = Table(box=None, pad_edge=False, header_style="bold")
        table.add_column("code", no_wrap=True)
        table.add_column("severity", no_wrap=True)
        table.add_column("name / kind", no_wrap=True)
        table.add_column("description / example", overflow="fold")
        for r in rules:
            about = Text(r.description)
            about.append(f"\n{r.example}", style="dim")
            name = Text(r.name)
            name.append(f"\n{r.kind}", style="dim")
            table.add_row(r.code, Text(r.severity, style=SEVERITY_STYLE[r.severity]), name, about)
        console = stdout_console(highlight=False)
        policy = Table.grid(padding=(0, 1))
        policy.add_column(no_wrap=True)
        policy.add_column(overflow="fold")
        for sev, meaning in SEVERITY_MEANING.items():
            policy.add_row(Text(sev, style=SEVERITY_STYLE[sev]), meaning)
        console.print(Text("Severities follow editorial harm:", style="bold"))
        console.print(policy)
        console.print()
        console.print(table)
