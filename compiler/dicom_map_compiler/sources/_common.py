"""Small helpers shared by the dictionary-file adapters (not an adapter itself).

* :func:`parse_xml`: a tiny tree with line numbers (ElementTree gives none), built with expat;
* :func:`repair_attribute_text`: escapes bare ``&``, ``<`` and ``>`` inside quoted attribute values,
  the one way the XML files handled here are not well-formed;
* :func:`salvage_entries`: the complete ``<entry .../>`` elements of a file that is not well-formed;
* tag-spelling helpers that turn a source's hex digits into the canonical spelling of ``rows.py``
  (upper-case hex, lower-case ``x``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

HEX4 = re.compile(r"^[0-9A-Fa-f]{4}$")


@dataclass
class Node:
    """One XML element: its tag, attributes, the line it starts on, its text and children."""

    tag: str
    attrib: dict[str, str]
    line: int
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    text: str = ""

    def iter(self, tag: str) -> Iterator[Node]:
        """Every descendant (and self) with this tag, in document order."""
        if self.tag == tag:
            yield self
        for child in self.children:
            yield from child.iter(tag)

    def ancestor_attr(self, name: str) -> str | None:
        """The attribute ``name`` of the nearest ancestor that has it (not of self)."""
        node = self.parent
        while node is not None:
            if name in node.attrib:
                return node.attrib[name]
            node = node.parent
        return None


def parse_xml(data: bytes) -> Node:
    """Parse a whole document; raises ``expat.ExpatError`` when it is not well-formed."""
    parser = expat.ParserCreate()
    root = Node("#document", {}, 0)
    stack = [root]

    def start(tag: str, attrib: dict[str, str]) -> None:
        node = Node(tag, attrib, parser.CurrentLineNumber, stack[-1])
        stack[-1].children.append(node)
        stack.append(node)

    def end(tag: str) -> None:
        stack.pop()

    def chars(text: str) -> None:
        stack[-1].text += text

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.Parse(data, True)
    return root


_ATTR_VALUE = re.compile(r'(\s[\w:.-]+\s*=\s*)"([^"]*)"')
_BARE_AMP = re.compile(r"&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);)")


def repair_attribute_text(line: str) -> tuple[str, list[str]]:
    """Escape bare ``&``, ``<`` and ``>`` inside the quoted attribute values of one line.

    Returns the repaired line and a description of each repair (empty when nothing changed).
    """
    repairs: list[str] = []

    def fix(m: re.Match[str]) -> str:
        value = m.group(2)
        new = _BARE_AMP.sub("&amp;", value).replace("<", "&lt;").replace(">", "&gt;")
        if new != value:
            kinds = [c for c in "&<>" if c in value and (c != "&" or _BARE_AMP.search(value))]
            repairs.append(f"escaped bare {' '.join(kinds)} in attribute {m.group(1).strip(' =')}")
        return m.group(1) + '"' + new + '"'

    return _ATTR_VALUE.sub(fix, line), repairs


_ENTRY = re.compile(r"<entry\b([^<>]*?)(?:/>|>(.*?)</entry\s*>)", re.DOTALL)
_ATTR = re.compile(r'([\w:.-]+)\s*=\s*"([^"]*)"')
_DICT_OWNER = re.compile(r'<dict\b[^<>]*?\bowner\s*=\s*"([^"]*)"[^<>]*>|<dict\s*/?>|</dict\s*>')


@dataclass(frozen=True)
class Salvaged:
    """A complete ``<entry>`` found in a file that is not well-formed."""

    attrib: dict[str, str]
    line: int
    inner: str
    dict_owner: str | None


def salvage_entries(text: str) -> list[Salvaged]:
    """Every complete ``<entry ...>`` of a broken XML file, with the owner of its enclosing
    ``<dict owner=...>`` (text order), skipping entries inside ``<!-- -->`` comments."""
    masked = re.sub(
        r"<!--.*?-->", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.DOTALL
    )
    owners: list[tuple[int, str | None]] = []
    for m in _DICT_OWNER.finditer(masked):
        owners.append((m.start(), m.group(1) if m.group(0).startswith("<dict") else None))
    out = []
    for m in _ENTRY.finditer(masked):
        owner = None
        for pos, value in owners:
            if pos > m.start():
                break
            owner = value
        attrib = {k: _unescape(v) for k, v in _ATTR.findall(m.group(1))}
        line = masked.count("\n", 0, m.start()) + 1
        out.append(Salvaged(attrib, line, m.group(2) or "", owner))
    return out


def _unescape(value: str) -> str:
    return (
        value.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def hex_spelling(text: str) -> str:
    """``'60xx'`` → ``'60xx'``, ``'0019'`` → ``'0019'``, ``'xx0c'`` → ``'xx0C'``: hex digits
    upper-case, wildcard ``x`` lower-case (the canonical spelling of ``rows.py``)."""
    return "".join("x" if c in "xX" else c.upper() for c in text)


def read_text(path: Path) -> str:
    """A file's text; UTF-8, falling back to Latin-1 for the few vendor files that are not UTF-8.
    A UTF-8 byte-order mark is dropped."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text.lstrip("\ufeff")


def require(path: Path) -> Path:
    """``path`` itself, or ``FileNotFoundError`` naming it (adapters never skip missing input)."""
    if not path.is_file():
        raise FileNotFoundError(f"source file missing: {path}")
    return path
