"""Word lists real statements use: header spellings, creator wordings, captions, descriptions, values.

Each function takes the seeded generator and returns one printed text; nothing here decides what
the truth is.
"""

from __future__ import annotations

import random

HEADERS: dict[str, tuple[str, ...]] = {
    "tag": (
        "Tag",
        "Attribute Tag",
        "Tag ID",
        "(Group,Element)",
        "Element Tag",
        "Data Element",
        "Tag No.",
    ),
    "group": ("Group", "Grp", "Group No.", "Group Number"),
    "element": ("Element", "Elem", "Element No.", "Element Number"),
    "name": ("Name", "Attribute Name", "Attribute", "Element Name", "Data Element Name", "Field"),
    "vr": ("VR", "VR", "Value Representation", "V.R.", "Value Rep."),
    "vm": ("VM", "VM", "Value Multiplicity", "Mult."),
    "type": ("Type", "Type", "Req. Type", "Presence of Value"),
    "value": (
        "Value",
        "Values",
        "Defined Terms",
        "Value / Defined Terms",
        "Enumerated Values",
        "Content",
    ),
    "description": (
        "Description",
        "Attribute Description",
        "Notes",
        "Comment",
        "Meaning",
        "Remarks",
    ),
    "owner": (
        "Private Owner Code",
        "Private Creator",
        "Owner",
        "DICOM Private Creator",
        "Creator Code",
    ),
}


def header(role: str, rng: random.Random, upper: bool) -> str:
    text = rng.choice(HEADERS[role])
    return text.upper() if upper else text


def quote(creator: str, style: str) -> str:
    return {
        "straight": f'"{creator}"',
        "curly": f"\u201c{creator}\u201d",
        "single": f"\u2018{creator}\u2019",
        "odd": f"\u201d{creator}\u201d",
        "none": creator,
    }[style]


def group_text(group: int, rng: random.Random) -> str:
    return rng.choice((f"{group:04X}", f"{group:04X}H", f"({group:04X},xxxx)", f"0x{group:04X}"))


def creator_heading(creator: str, group: int, rng: random.Random, quotes: str) -> str:
    """A heading that names the creator (quotes ``none`` only where the creator ends the line)."""
    q = quote(creator, quotes)
    g = group_text(group, rng)
    forms = [
        f"Private Group {g}, Private Creator Code {q}",
        f"Private Creator: {q}",
        f"Private Creator Code = {q}",
        f"Private Attributes of Group {g}, Private Creator {q}",
    ]
    if quotes != "none":
        forms.append(f"Private Tags ({q})")
    else:
        forms.append(f"Private Creator Identification ({creator})")
    return rng.choice(forms)


def creator_sentence(creator: str, group: int, rng: random.Random, quotes: str) -> str:
    """A sentence of prose that names the creator; the creator is always quoted here."""
    q = quote(creator, "straight" if quotes == "none" else quotes)
    g = group_text(group, rng)
    return rng.choice(
        [
            f"The following private attributes are stored in group {g} under the private creator "
            f"identification {q}.",
            f"All attributes in the table below are written with the Private Creator {q} in "
            f"group {g}.",
            f"These data elements are identified by the Private Creator Data Element value {q}, "
            "which the product writes into every image it creates.",
            f"Private group {g} is reserved with Private Creator {q}; its elements are listed "
            "below.",
        ]
    )


def title(rng: random.Random, number: int) -> str:
    """A table title that names no creator."""
    what = rng.choice(
        (
            "Private Attributes",
            "Private Data Elements",
            "Private Tags",
            "Image Module Extensions",
            "Private Attributes written by the Acquisition Workstation",
            "Standard Extended Attributes",
        )
    )
    return rng.choice((f"Table {number}: {what}", f"Table 4-{number} {what}", what))


def caption_with_words(creator: str, rng: random.Random) -> str:
    """A caption that starts with the creator and goes on: not a creator (``ATL HDI V1.0 ATL ...``)."""
    return f"{creator} {rng.choice(('Private Scaling Tags', 'Private Acquisition Tags', 'Private Image Tags', 'Attributes'))}"


SENTENCES = (
    "Vendor specific, not for interpretation.",
    "Written for every image of the series.",
    "Value copied from the acquisition protocol.",
    "Used by the reconstruction software only.",
    "Only present when the corresponding option is licensed.",
    "Encoded in the units of the scanner console.",
    "Zero when the feature was disabled during the examination.",
    "Sent unchanged by the archive when the images are retrieved.",
    "Not filled in for images that were imported from other systems.",
    "May change in a later software version without notice.",
    "Kept for compatibility with earlier software versions of the product.",
    "The value is computed when the series is closed and cannot be edited by the operator.",
)


def description(name: str, rng: random.Random, long: bool) -> str:
    count = rng.randint(3, 6) if long else rng.randint(0, 2)
    first = rng.choice((f"{name}.", f"The {name.lower()}.", f"Contains the {name.lower()}."))
    return " ".join([first, *rng.sample(SENTENCES, count)])


def value(vr: str, rng: random.Random) -> str:
    if vr == "CS":
        return rng.choice(("Defined Terms: YES, NO", "ON, OFF", "NONE, AXIAL, HELICAL", ""))
    if vr in ("US", "SS", "UL", "SL", "IS"):
        return rng.choice(("0 - 4095", "1 - 256", "", "0 = off, 1 = on"))
    if vr in ("DS", "FL", "FD"):
        return rng.choice(("in mm", "in seconds", "", "degrees"))
    return rng.choice(("", "", "see description"))


def vr_printed(vr: str, rng: random.Random) -> str:
    if " or " in vr:
        return rng.choice((vr, vr.replace(" or ", "/"), vr.replace(" or ", " / ")))
    return vr


def vm_printed(vm: str, rng: random.Random) -> str:
    if "-" in vm:
        return rng.choice((vm, vm.replace("n", "N"), vm.replace("-", " - ")))
    return vm


def type_cell(rng: random.Random) -> str:
    return rng.choice(("1", "1C", "2", "2C", "3", "3", "3"))


PROSE = (
    "This section describes the attributes the product writes into the SOP instances it creates. "
    "Attributes not listed here are not sent.",
    "Implementations reading these objects should not rely on the private attributes below, which "
    "may change in a later software version. Standard attributes such as Patient Name (0010,0010) "
    "carry the same values as in earlier versions.",
    "The Modality Worklist query is performed at the start of each exam. Universal matching is used "
    "for all other keys.",
    "Images are sent in Explicit VR Little Endian unless the receiving application entity does not "
    "accept it, in which case Implicit VR Little Endian is proposed instead.",
    "Private attributes are retained by the archive and returned unchanged on retrieval.",
)
