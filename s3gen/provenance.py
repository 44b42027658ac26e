"""Where a build comes from: the git commit of the strategy, when it is in a git repository,
and the date stamped into the PDF."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from s3gen.errors import S3genError
from s3gen.source.convert import LAST_DATE

# The dates validation accepts end on LAST_DATE; a PDF dated later would claim an edition no
# strategy can have, and far later there is no date at all (Python's end in 9999, the C
# library's times at 2^63 seconds).
_LAST = dt.datetime.combine(LAST_DATE, dt.time(23, 59, 59), tzinfo=dt.UTC)
LAST_EPOCH = int(_LAST.timestamp())
_RANGE = f"from 0 (1970-01-01) to {LAST_EPOCH} ({_LAST:%Y-%m-%d %H:%M:%S} UTC)"


class ProvenanceProblem(S3genError):
    """SOURCE_DATE_EPOCH is set to something that is not a date s3gen can stamp."""


def creation_date(publication: dt.date) -> dt.datetime:
    """The date stamped into the PDF: SOURCE_DATE_EPOCH when set, else the publication date.

    The reproducible-builds specification (https://reproducible-builds.org/specs/source-date-epoch/)
    defines the value as an ASCII whole number of seconds since 1970-01-01 00:00:00 UTC, as
    `date +%s` prints it, and says a build SHOULD fail on a malformed one: a build that quietly
    fell back to another date would not be the reproducible build it was asked for. Empty is
    unset (how a Makefile or CI clears it); spaces and a line break around the number (from
    `$(cat file)`) are allowed.
    """
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    epoch = value.strip(" \t\n")
    if not epoch:
        return dt.datetime(publication.year, publication.month, publication.day, tzinfo=dt.UTC)
    accepted = "a number of seconds since 1970-01-01 00:00 UTC, " + _RANGE
    shown = epoch if len(epoch) <= 40 else epoch[:40] + "..."
    if not (epoch.isascii() and epoch.isdigit()):  # isdigit() alone accepts "²" and "٣"
        raise ProvenanceProblem(
            f"SOURCE_DATE_EPOCH is '{shown}': it must be {accepted}, in digits only, as "
            "`date +%s` prints it; unset, the PDF is dated by the strategy's publication date"
        )
    # The length first: int() of thousands of digits is refused (or slow), leading zeros too.
    digits = epoch.lstrip("0") or "0"
    if len(digits) > len(str(LAST_EPOCH)) or int(digits) > LAST_EPOCH:
        raise ProvenanceProblem(
            f"SOURCE_DATE_EPOCH is {shown}, after {_LAST:%Y-%m-%d %H:%M:%S} UTC, the last date "
            f"s3gen accepts: it must be {accepted}"
        )
    return dt.datetime.fromtimestamp(int(digits), tz=dt.UTC)


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(folder), *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=10,
    ).stdout.strip()


def git_commit(folder: Path, name: str = ".") -> str:
    """The last commit that changed the files under ``folder`` (12 hex digits), with
    "+ uncommitted changes" when they differ from it; "" outside git or without git.

    The last change of the strategy rather than the checked-out commit: a commit that touches
    only code or documentation leaves the report, and so the PDF, as it was. In a shallow clone
    (CI often fetches one commit) the history is cut: the oldest commit there is named.
    With ``name``, of that file of the folder alone (a region's factsheet names its own file's
    commit, so that other regions' commits leave it as it is).
    """
    try:
        # rev-list, not log: plumbing, which user settings (signatures shown) do not change.
        last = _git(folder, "rev-list", "-1", "HEAD", "--", name)
        if not last:  # nothing under the folder committed yet
            last = _git(folder, "rev-parse", "HEAD")
        dirty = _git(folder, "status", "--porcelain", "--", name)
    except (OSError, subprocess.SubprocessError):
        return ""
    head = last[:12]
    return f"{head} + uncommitted changes" if dirty else head
