"""Where a build comes from: the git commit of the strategy, when it is in a git repository."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git_commit(folder: Path) -> str:
    """The commit ``folder`` was checked out at (12 hex digits), with "+ uncommitted changes"
    when files under it differ from that commit; "" outside git or without git."""
    try:
        head = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--short=12", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(folder), "status", "--porcelain", "--", "."],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
    return f"{head} + uncommitted changes" if dirty else head
