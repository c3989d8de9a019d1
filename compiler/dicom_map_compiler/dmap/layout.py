"""Constants of the ``.dmap`` v1 format, in one place (DEVELOPMENT.md is the specification)."""

from __future__ import annotations

MAGIC = b"\x89DMAP\r\n\x1a"
ENDIAN = 0x01020304
VERSION = 1
HEADER_LEN = 64
SECTION_ENTRY_LEN = 24
ALIGN = 8
PAYLOAD_LEN = 16

#: Section id → record size written by this version.
RECORD_SIZES: dict[bytes, int] = {
    b"STRS": 1,
    b"PUBL": 4 + PAYLOAD_LEN,
    b"RPTR": 8 + PAYLOAD_LEN,
    b"PRIV": 8 + PAYLOAD_LEN,
    b"PRPT": 8 + PAYLOAD_LEN,
    b"SYNT": PAYLOAD_LEN,
    b"CRTR": 8,
    b"CSPL": 8,
    b"CFLD": 8,
    b"TYPE": 16,
    b"PROV": 12,
    b"PITM": 8,
    b"SRCS": 24,
    b"CAND": 12,
    b"KWIX": 4,
    b"META": 8,
    b"DESC": 8,
}
#: The order sections are written in (any order is valid for readers).
SECTION_ORDER = (
    b"META",
    b"SRCS",
    b"TYPE",
    b"CRTR",
    b"CSPL",
    b"CFLD",
    b"PUBL",
    b"RPTR",
    b"PRIV",
    b"PRPT",
    b"SYNT",
    b"PROV",
    b"PITM",
    b"CAND",
    b"KWIX",
    b"DESC",
    b"STRS",
)

FLAG_RETIRED = 1 << 0
FLAG_CONFLICT = 1 << 1
FLAG_KEYWORD_GENERATED = 1 << 2
FLAG_NO_REAL_NAME = 1 << 3
FLAG_KEYWORD_SUFFIXED = 1 << 4
FLAG_HAS_DESCRIPTION = 1 << 5
CONFIDENCE_SHIFT = 8

FILE_FLAG_HAS_PRIVATE = 1 << 0
SOURCE_FLAG_COPY = 1 << 0
CAND_FLAG_CHOSEN = 1 << 0
