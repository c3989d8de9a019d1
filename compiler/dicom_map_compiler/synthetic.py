"""The two rule-made entries every dictionary carries (``SYNT``), with the standard as their source.

* ``(gggg,0000)`` Group Length, UL, 1: PS3.5 §7.2 (retired for every group but 0000 and 0002, which
  have their own public entries).
* ``(gggg,0010-00FF)`` Private Creator, LO, 1: PS3.5 §7.8.1.
"""

from __future__ import annotations

from .dmap.writer import SourceRecord, Synthetic
from .merge import Provenance

SOURCE = SourceRecord(
    id="ps3.5",
    title="DICOM PS3.5 Data Structures and Encoding: rules for group length and private creators",
    version="",
    url="https://dicom.nema.org/medical/dicom/current/output/html/part05.html",
    license="DICOM Standard (NEMA), facts only",
    weight=2,
    copy=False,
)

ENTRIES = [
    Synthetic(
        "Group Length",
        "GenericGroupLength",
        frozenset({"UL"}),
        "1",
        True,
        (Provenance("ps3.5", "PS3.5 section 7.2", 0),),
    ),
    Synthetic(
        "Private Creator",
        "PrivateCreator",
        frozenset({"LO"}),
        "1",
        False,
        (Provenance("ps3.5", "PS3.5 section 7.8.1", 0),),
    ),
]
