"""Where a build comes from: the git commit of the strategy, when it is in a git repository."""

from __future__ import annotations

import subprocess
from pathlib import Path


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(folder), *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=10,
    ).stdout.strip()


def git_commit(folder: Path) -> str:
    """The last commit that changed the files under ``folder`` (12 hex digits), with
    "+ uncommitted changes" when they differ from it; "" outside git or without git.

    The last change of the strategy rather than the checked-out commit: a commit that touches
    only code or documentation leaves the report, and so the PDF, as it was. In a shallow clone
    (CI often fetches one commit) the history is cut: the oldest commit there is named.
    """
    try:
        # rev-list, not log: plumbing, which user settings (signatures shown) do not change.
        last = _git(folder, "rev-list", "-1", "HEAD", "--", ".")
        if not last:  # nothing under the folder committed yet
            last = _git(folder, "rev-parse", "HEAD")
        dirty = _git(folder, "status", "--porcelain", "--", ".")
    except (OSError, subprocess.SubprocessError):
        return ""
    head = last[:12]
    return f"{head} + uncommitted changes" if dirty else head
