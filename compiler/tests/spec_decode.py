"""A minimal, independent decoder of the ``.dmap`` v1 layout, written from DEVELOPMENT.md for the
writer's tests (the real reader is the Rust crate). It trusts nothing the writer module defines."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass


@dataclass
class Decoded:
    header: dict
    sections: dict[bytes, tuple[int, bytes]]  # id -> (record size, bytes)

    def records(self, sid: bytes) -> list[bytes]:
        size, data = self.sections[sid]
        return [data[i : i + size] for i in range(0, len(data), size)]

    def string(self, ref: int) -> str:
        pool = self.sections[b"STRS"][1]
        end = pool.index(b"\x00", ref)
        return pool[ref:end].decode("utf-8")


def decode(b: bytes) -> Decoded:
    magic, endian, version, flags, nsec, file_len, body_crc, pub, rep, priv, cre, edition, hcrc = (
        struct.unpack_from("<8sIIIIQIIIII8sI", b, 0)
    )
    assert magic == b"\x89DMAP\r\n\x1a"
    assert endian == 0x01020304 and version == 1
    assert file_len == len(b)
    assert hcrc == zlib.crc32(b[:60])
    assert body_crc == zlib.crc32(b[64:])
    sections = {}
    for i in range(nsec):
        sid, size, off, length = struct.unpack_from("<4sIQQ", b, 64 + 24 * i)
        assert off % 8 == 0 and off + length <= len(b) and length % size == 0
        sections[sid] = (size, b[off : off + length])
    header = dict(
        flags=flags,
        public=pub,
        repeaters=rep,
        private=priv,
        creators=cre,
        edition=edition.rstrip(b"\x00").decode(),
    )
    return Decoded(header, sections)
