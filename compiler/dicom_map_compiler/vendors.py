"""Which vendor a private creator belongs to.

Sources rarely say it in a field; the creator's own spelling does (``GEMS_``, ``SIEMENS``, ``Philips``)
and so does the vendor file a row comes from (dicom3tools' ``gems.tpl``, dicom-private-dicts'
``gems/``). Prefix rules first, then the document's vendor; unknown stays empty rather than guessed.
"""

from __future__ import annotations

import re

#: (regex on the upper-case creator, vendor) — first match wins.
_PREFIXES: tuple[tuple[str, str], ...] = (
    (r"^(GEMS|GE_|GEHC|GEIIS|GE |DLX)", "GE Healthcare"),
    (r"^(SIEMENS|SIENET|SMS-AX|SYNGO)", "Siemens Healthineers"),
    (r"^(PHILIPS|PMS|SPI|PMTF)", "Philips"),
    (r"^(TOSHIBA|CANON)", "Canon Medical (Toshiba)"),
    (r"^AGFA", "Agfa"),
    (r"^(FUJI|FDMS)", "Fujifilm"),
    (r"^(HITACHI|MMCPRIVATE)", "Hitachi"),
    (r"^ELSCINT", "Elscint"),
    (r"^HOLOGIC", "Hologic"),
    (r"^(KODAK|CARESTREAM)", "Carestream (Kodak)"),
    (r"^ACUSON", "Siemens Healthineers (Acuson)"),
    (r"^PAPYRUS", "Papyrus (HUG)"),
    (r"^VARIAN", "Varian"),
    (r"^BRAINLAB", "Brainlab"),
    (r"^KONICA", "Konica Minolta"),
    (r"^(ELEKTA|IMPAC)", "Elekta"),
    (r"^SAMSUNG", "Samsung"),
    (r"^ESAOTE", "Esaote"),
    (r"^CAMTRONICS", "Camtronics"),
    (r"^PICKER", "Picker"),
    (r"^VITAL", "Vital Images"),
    (r"^TERARECON", "TeraRecon"),
    (r"^MERGE", "Merge Healthcare"),
)
_COMPILED = tuple((re.compile(p), v) for p, v in _PREFIXES)

#: Vendor of a document, by a vendor word in its path (``gems.tpl``, ``dicom-private-dicts/gems/``).
_DOC_WORDS: tuple[tuple[str, str], ...] = (
    ("gems", "GE Healthcare"),
    ("siemens", "Siemens Healthineers"),
    ("philips", "Philips"),
    ("pms", "Philips"),
    ("toshiba", "Canon Medical (Toshiba)"),
    ("agfa", "Agfa"),
    ("fuji", "Fujifilm"),
    ("hitachi", "Hitachi"),
    ("elscint", "Elscint"),
    ("acuson", "Siemens Healthineers (Acuson)"),
    ("picker", "Picker"),
    ("camtron", "Camtronics"),
    ("papyrus", "Papyrus (HUG)"),
    ("isg", "ISG"),
    ("spi", "Philips"),
)


def vendor_of(creator: str, documents: list[str]) -> str:
    """The vendor of a creator: by its spelling, else by the documents that define it; else ``""``."""
    up = creator.upper()
    for rx, vendor in _COMPILED:
        if rx.match(up):
            return vendor
    found = set()
    for doc in documents:
        low = doc.lower().replace("\\", "/")
        parts = re.split(r"[/._\- ]", low)
        for word, vendor in _DOC_WORDS:
            if word in parts:
                found.add(vendor)
    return found.pop() if len(found) == 1 else ""
