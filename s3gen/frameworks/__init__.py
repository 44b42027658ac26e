"""The sourced vocabularies s3gen ships, one YAML file each (read by tools/frameworks.py); what
they are called is known here without reading them, for the command line's choices."""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def names() -> list[str]:
    """The frameworks shipped, by name: the files' stems."""
    return sorted(p.stem for p in FOLDER.glob("*.yaml"))
