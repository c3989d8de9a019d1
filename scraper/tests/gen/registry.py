"""Real cell text: private and public attributes from the registry (``data/tags.csv``).

Only rows a conformance statement could print are kept: private rows with a specific odd group, a
named attribute, an element of the form ``xxEE`` or ``BBEE``, a creator of at most 64 characters;
public rows with a specific even group and element. Loaded once per process.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TAGS_CSV = Path(__file__).resolve().parents[3] / "data" / "tags.csv"
_HEX4 = re.compile(r"[0-9A-F]{4}")
_ELEMENT = re.compile(r"(xx|[0-9A-F]{2})([0-9A-F]{2})")
#: VRs as the registry writes them; anything else (``See Note``) is not a row a table prints.
VRS = frozenset(
    "AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR "
    "US UT UV".split()
)


@dataclass(frozen=True)
class Attribute:
    group: int
    element: int
    #: The block byte when the registry fixes it (``1010``), else ``None`` (``xx10``).
    block: int | None
    creator: str
    vr: str
    vm: str
    name: str


@dataclass(frozen=True)
class Registry:
    #: creator -> group -> attributes (one per element low byte).
    private: dict[str, dict[int, list[Attribute]]]
    public: list[Attribute]

    def creators(self, minimum: int) -> list[str]:
        """Creators with at least ``minimum`` attributes in one group, sorted."""
        return sorted(
            c for c, groups in self.private.items() if max(map(len, groups.values())) >= minimum
        )


def _printable(creator: str) -> bool:
    """A creator a PDF can carry exactly: no doubled or edge spaces, no quotes, at most 64 chars."""
    return (
        len(creator) <= 64
        and creator == creator.strip()
        and "  " not in creator
        and not any(q in creator for q in '"\u201c\u201d\u2018\u2019')
    )


def _vr_ok(vr: str) -> bool:
    return bool(vr) and all(code in VRS for code in vr.split(" or "))


@lru_cache(maxsize=1)
def load(path: Path = TAGS_CSV) -> Registry:
    private: dict[str, dict[int, dict[int, Attribute]]] = {}
    public: list[Attribute] = []
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name, vr = row["name"].strip(), row["vr"].strip()
            element = _ELEMENT.fullmatch(row["element"])
            if not (_HEX4.fullmatch(row["group"]) and element and name and _vr_ok(vr)):
                continue
            if len(name) > 90 or any(ch in name for ch in "<>&\\"):
                continue
            group, creator = int(row["group"], 16), row["creator"]
            high, low = element.groups()
            block = None if high == "xx" else int(high, 16)
            attribute = Attribute(group, int(low, 16), block, creator, vr, row["vm"] or "1", name)
            if not creator:
                if group % 2 == 0 and group >= 0x0008 and block is not None:
                    public.append(attribute)
                continue
            if group % 2 == 0 or group <= 0x0008 or not _printable(creator):
                continue
            if block is not None and block < 0x10:
                continue
            by_element = private.setdefault(creator, {}).setdefault(group, {})
            by_element.setdefault(attribute.element, attribute)
    return Registry(
        {
            c: {g: [els[e] for e in sorted(els)] for g, els in groups.items()}
            for c, groups in sorted(private.items())
        },
        public,
    )
