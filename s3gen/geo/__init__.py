"""The NUTS 2021 boundaries the map is drawn from, as package data (built by
tools/nuts_map_data.py from Eurostat GISCO's boundaries in eurostat/Nuts2json; "© EuroGeographics
for the administrative boundaries"), and the index of their codes that validation reads without
loading the geometry. Both stages use them: validation warns about a code the map cannot show,
the report draws the map.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from s3gen import model

DATA_FILE = "nuts2021-3035.json"
CODES_FILE = "nuts2021-codes.txt"
MAP_VERSION = "2021"  # the NUTS version of the boundaries


def _files() -> Any:
    return resources.files("s3gen.geo")


def boundaries_json() -> Any:
    """The boundaries as stored (format "s3gen-nuts-map/1", see tools/nuts_map_data.py)."""
    return json.loads(_files().joinpath(DATA_FILE).read_text("utf-8"))


@cache
def nuts_codes() -> frozenset[str]:
    """Every NUTS 2021 code (levels 0-3) the map can draw: a small index, not the geometry."""
    return frozenset(_files().joinpath(CODES_FILE).read_text("utf-8").split())


def map_nuts(region: model.Region) -> model.Nuts | None:
    """The region's NUTS entry the map looks up: the one of the boundaries' version (NUTS 2021)
    where the region has several, else its main one."""
    entries = [*([region.nuts] if region.nuts else []), *region.other_nuts]
    return next((n for n in entries if n.version == MAP_VERSION), region.nuts)
