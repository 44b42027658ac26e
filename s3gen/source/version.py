"""Which format of s3gen's files a strategy.yaml is written in, read from its tree.

One reading, shared by validation (one located message for a file of another format) and by
`s3gen migrate` (which edits the file to this format). Format 1 had no `format` key and cited the
EUSBSR's policy areas as `eusbsr_policy_areas`; format 2 (model.FORMAT) declares its
vocabularies.
"""

from __future__ import annotations

from dataclasses import dataclass

from s3gen.source.load import Mapping, Node, Scalar, Sequence

OLD_KEY, NEW_KEY = "eusbsr_policy_areas", "policy_areas"


@dataclass(frozen=True)
class Written:
    """What a strategy.yaml's tree says about its format."""

    stated: Scalar | None  # the `format` value as written, if any
    number: int | None  # the format it states, or 1 without a `format` key; None: not a number
    old_keys: tuple[Scalar, ...]  # the format-1 `eusbsr_policy_areas` keys of the areas
    has_vocabularies: bool

    @property
    def format_1_content(self) -> bool:
        """Whether the content is of format 1, whatever `format` says."""
        return bool(self.old_keys) or not self.has_vocabularies


def _number(node: Node | None) -> int | None:
    if node is None:
        return 1
    if isinstance(node, Scalar) and node.tag == "int" and isinstance(node.value, int):
        return node.value
    return None


def written_format(root: Mapping) -> Written:
    node = root.get("format")
    areas = root.get("priority_areas")
    old: list[Scalar] = []
    if isinstance(areas, Sequence):
        for item in areas.items:
            if isinstance(item, Mapping):
                old += [k for k, _ in item.entries if k.raw == OLD_KEY]
    return Written(
        stated=node if isinstance(node, Scalar) else None,
        number=_number(node),
        old_keys=tuple(old),
        has_vocabularies=root.get("vocabularies") is not None,
    )
