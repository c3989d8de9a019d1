"""Which column holds what: header texts mapped to roles, or roles guessed from the cells.

Real headers differ per vendor ("Tag", "Attribute Tag", "(Group,Element)", "Private Owner Code",
"DICOM Private Creator", "Value Representation", "VR/VM" ...); :func:`role_of` maps one header text to a
:class:`Role`. :func:`header_roles` decides whether a whole row *is* a header (it is also how repeated
headers after a page break are recognised and skipped). A table continued on a page without its
header gets the previous table's roles from the row reader, or, as a last resort, roles inferred from
what its cells hold (:func:`infer_roles`).
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Callable, Sequence

from . import cells, creator, tags, vrvm


class Role(enum.Enum):
    """What a column holds."""

    TAG = "tag"
    GROUP = "group"
    ELEMENT = "element"
    NAME = "name"
    VR = "vr"
    VM = "vm"
    VRVM = "vr/vm"
    CREATOR = "creator"
    #: A column without a header whose values look like creators: used only when no other rule
    #: gives the row a creator (:class:`~scraper.creator.CreatorState`).
    CREATOR_BY_VALUES = "creator?"
    DESCRIPTION = "description"
    VALUE = "value"
    TYPE = "type"
    OTHER = "other"


#: Roles whose cells are joined without spaces (their text may wrap inside a number).
COMPACT_ROLES = frozenset({Role.TAG, Role.GROUP, Role.ELEMENT})
_SINGLE = frozenset(Role) - {Role.DESCRIPTION, Role.OTHER}

_DESCRIPTION_WORDS = {
    "description",
    "descriptions",
    "comment",
    "comments",
    "remark",
    "remarks",
    "note",
    "notes",
    "meaning",
    "details",
    "explanation",
    "usage",
    "contents",
    "content",
}
_NAME_WORDS = {"name", "attribute", "attributes", "field", "parameter", "label"}
_VALUE_WORDS = {"value", "values", "value(s)"}
_ELEMENT_HEADERS = {
    "element",
    "elem",
    "element number",
    "element no",
    "element id",
    "element (hex)",
    "element no.",
}
_GROUP_HEADERS = {
    "group",
    "grp",
    "group number",
    "group no",
    "group id",
    "group (hex)",
    "group no.",
}
_TYPE_VALUE = re.compile(r"[123]C?", re.IGNORECASE)
_VM_VALUE = re.compile(r"\d+(?:-\d*[nN]|-\d+)?")
_LOW_BYTE = re.compile(r"\(?[0-9A-Fa-f]{2}\)?")
_GROUP = re.compile(r"\(?[0-9A-F]{4}\)?")
_ELEMENT = re.compile(r"\(?[0-9A-FXY]{4}\)?")


def _words(text: str) -> tuple[str, list[str]]:
    text = " ".join(unicodedata.normalize("NFKC", text).lower().split())
    text = re.sub(r"\bv\.\s?([rm])\.?", r"v\1", text)  # V.R., V.M.
    words = re.findall(r"[a-z]+(?:\(s\))?", text)
    if "value" in words and ("rep" in words or "repr" in words):
        words.append("representation")  # "Value Rep."
    return text, words


def role_of(header: str) -> Role:
    """The role a header text names; ``Role.OTHER`` for headers the scraper has no use for."""
    text, words = _words(header)
    found = set(words)
    if found & {"creator", "owner"}:
        return Role.CREATOR
    if {"vr", "vm"} <= found:
        return Role.VRVM
    if "vr" in found or "representation" in found:
        return Role.VR
    if "vm" in found or "multiplicity" in found:
        return Role.VM
    if found & _DESCRIPTION_WORDS:
        return Role.DESCRIPTION
    if "name" in found:
        return Role.NAME
    if {"group", "element"} <= found or "tag" in found or "tags" in found:
        return Role.TAG
    if text in _GROUP_HEADERS:
        return Role.GROUP
    if text in _ELEMENT_HEADERS:
        return Role.ELEMENT
    if found & _NAME_WORDS or text == "data element":
        return Role.NAME
    if found & {"presence", "requirement"}:
        return Role.TYPE  # "Presence of Value", "Requirement Type": the attribute's Type
    if found & _VALUE_WORDS or found & {"terms", "enumerated", "defined"}:
        return Role.VALUE  # "Defined Terms", "Enumerated Values"
    if text in ("type", "req", "req.", "type (req)", "attribute type", "usage type"):
        return Role.TYPE
    return Role.OTHER


def _is_vr(text: str) -> bool:
    return all(code in vrvm.VRS for code in vrvm.read_vr(text).split(" or "))


def holds_creators(values: Sequence[str]) -> bool:
    """Whether a column without a header is a per-row creator column ("Private Owner Code").

    Judged from its values only: every value it holds is a valid creator (an LO of at most 64
    characters, :func:`~scraper.creator.clean`) shaped like one (:func:`creator_shaped`), and it
    repeats them or prints them once per run of rows: at most half its rows hold a value, or at
    most half its values are distinct. A name column has a different name on every row, a
    description column sentences, a value column ``0 = off, 1 = on``, ``in mm`` or ``YES, NO``.
    """
    found = [" ".join(v.split()) for v in values if v.strip()]
    if not found or any(creator.clean(v) is None or not creator_shaped(v) for v in found):
        return False
    if len(found) == 1 and (len(values) < 3 or not values[0].strip()):
        return False  # one value, not at the head of a run of rows: nothing shows it is a creator
    return len(found) <= len(values) / 2 or len(set(found)) <= len(found) / 2


#: Marks of a creator: a word in capitals (``GEMS``, ``DD``), an underscore, a digit, a dot, slash
#: or colon inside a word (``astm.org/``, ``Siemens:``), a company suffix. Not a capital inside a
#: word: attribute keywords (``GraphType``) are written so, and few creators (``SagiPlan``).
_CREATOR_MARK = re.compile(
    r"[A-Z]{2}|_|\d|\w[./:]\w|\w:|\b(?:Inc|Ltd|GmbH|Corp|LLC|Co|AG|S\.?A|s\.r\.l|SpA|plc)\b"
)
#: Words of phrases and sentences (``Number of Frames``, ``Reference to Applicator Database``),
#: which creators hardly ever hold.
_PHRASE_WORDS = frozenset(
    "of to the for in and a an per by with from on or if when not see is are as at be".split()
)
_SUFFIX = re.compile(
    r",\s*(?:Inc|Ltd|GmbH|Corp|LLC|Co|AG|S\.?A|s\.r\.l|SpA|plc)\b\.?", re.IGNORECASE
)


def creator_shaped(value: str) -> bool:
    """Whether a cell's value is shaped like a private creator, not like a name, value or phrase.

    Creators are upper-case words, identifiers with underscores and version suffixes, dotted and
    slashed names (``GEMS_ACQU_01``, ``SIEMENS MR HEADER``, ``Philips Imaging DD 001``,
    ``astm.org/diconde/iod/NdeUsEquipment``, ``Canon Inc.``, ``HOLOGIC, Inc.``, ``SagiPlan``).
    Not shaped like one: a value starting in lower case (``in mm``, ``degrees``), one holding
    ``=`` (``0 = off, 1 = on``), a list (``YES, NO``), a phrase (``Number of Frames``), or plain
    title-case words without any mark of a creator (``Coordinate System``).
    """
    text = creator.clean(value) or ""
    if not text or "=" in text or (text[0].islower() and not _CREATOR_MARK.search(text)):
        return False
    if "," in _SUFFIX.sub("", text):
        return False
    if _PHRASE_WORDS.intersection(w for w in text.split() if w.islower()):
        return False
    return _CREATOR_MARK.search(text) is not None


def one_creator_column(roles: list[Role]) -> list[Role]:
    """Two header-less columns whose values both look like creators compete, and neither can be
    trusted: both are read as text, and rows without other evidence are rejected, never guessed."""
    if roles.count(Role.CREATOR_BY_VALUES) > 1:
        return [Role.DESCRIPTION if r is Role.CREATOR_BY_VALUES else r for r in roles]
    return roles


def classify(values: Sequence[str]) -> Role:
    """What a column holds, judged by its cells' values alone (not by its place or header).

    ``VR`` when most cells are VR codes (``US``, ``US or SS``), ``VR/VM`` for ``VR = FL, VM = 1``,
    ``TYPE`` for 1 / 1C / 2 / 2C / 3, ``VM`` for multiplicities (``1``, ``1-n``, ``2-2n``), ``OTHER``
    for an empty column and ``DESCRIPTION`` for free text. A column of only ``1``, ``2`` and ``3`` is
    a Type column unless its values are mostly ``1`` (VMs usually are).
    """
    found = [" ".join(v.split()) for v in values if v.strip()]
    if not found:
        return Role.OTHER

    def share(test: Callable[[str], object]) -> float:
        return sum(bool(test(v)) for v in found) / len(found)

    if share(_is_vr) >= 0.6:
        return Role.VR
    if share(vrvm.find_phrase) >= 0.6:
        return Role.VRVM
    types = share(lambda v: _TYPE_VALUE.fullmatch(v))
    vms = share(lambda v: _VM_VALUE.fullmatch(v.replace(" ", "")))
    if types >= 0.8 and (share(lambda v: v.upper() in ("1C", "2C")) > 0 or vms < 0.8):
        return Role.TYPE
    if vms >= 0.8:
        ones = share(lambda v: v == "1")
        plural = share(lambda v: "-" in v or "n" in v.lower())
        return Role.VM if ones >= 0.5 or plural > 0 else Role.TYPE
    return Role.DESCRIPTION


def tag_text(row: Sequence[cells.Cell], roles: Sequence[Role]) -> str:
    """A row's tag as one string: its tag cell, or its group and element cells joined by a comma."""
    text = {
        role: cells.join_compact(cell) for cell, role in zip(row, roles) if role in COMPACT_ROLES
    }
    if Role.TAG in text:
        return text[Role.TAG]
    group, element = text.get(Role.GROUP, ""), text.get(Role.ELEMENT, "")
    if _LOW_BYTE.fullmatch(element):
        element = "xx" + element.strip("()")  # only the low byte printed: the block is not fixed
    return f"{group},{element}" if group or element else ""


def header_roles(cells: Sequence[str]) -> list[Role] | None:
    """The roles of a header row's columns, or ``None`` when the row is not a header row.

    A header names a tag column (or group and element columns) and at least one other known column,
    and none of its cells is a tag.
    """
    if any(tags.is_complete(c) for c in cells if c):
        return None
    roles = _dedupe([role_of(c) if c else Role.OTHER for c in cells])
    has_tag = Role.TAG in roles or {Role.GROUP, Role.ELEMENT} <= set(roles)
    known = sum(r is not Role.OTHER for r in roles)
    return roles if has_tag and known >= 2 else None


def infer_roles(rows: Sequence[Sequence[str]]) -> list[Role] | None:
    """Roles guessed from cell contents, for a table printed without any header; ``None`` if no tags."""
    width = max((len(r) for r in rows), default=0)
    columns = [[r[c] for r in rows if c < len(r) and r[c]] for c in range(width)]

    def share(c: int, test: Callable[[str], object]) -> float:
        found = columns[c]
        return sum(bool(test(x)) for x in found) / len(found) if found else 0.0

    roles = [Role.OTHER] * width
    for c in range(width):
        if share(c, tags.is_complete) >= 0.5:
            roles[c] = Role.TAG
            break
    else:
        for c in range(width - 1):
            if (
                share(c, lambda x: _GROUP.fullmatch(tags.compact(x))) >= 0.5
                and share(c + 1, lambda x: _ELEMENT.fullmatch(tags.compact(x))) >= 0.5
            ):
                roles[c], roles[c + 1] = Role.GROUP, Role.ELEMENT
                break
        else:
            return None
    for c in range(width):
        if roles[c] is not Role.OTHER or not columns[c]:
            continue
        found = classify(columns[c])
        if found is Role.DESCRIPTION and holds_creators([r[c] if c < len(r) else "" for r in rows]):
            found = Role.CREATOR_BY_VALUES
        roles[c] = found
    roles = one_creator_column(roles)
    if Role.NAME not in roles and Role.DESCRIPTION in roles:
        roles[roles.index(Role.DESCRIPTION)] = Role.NAME  # the first free text is the name
    roles = _dedupe(roles)
    return roles


def _dedupe(roles: list[Role]) -> list[Role]:
    """A role that names one value (tag, VR ...) keeps its first column; later ones become OTHER."""
    seen: set[Role] = set()
    out = []
    for role in roles:
        if role in _SINGLE and role in seen:
            role = Role.OTHER
        seen.add(role)
        out.append(role)
    return out
