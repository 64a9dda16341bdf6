"""CLI commands, one module per command, each exposing ``command`` (loaded lazily by ``auditor._cli``)."""
