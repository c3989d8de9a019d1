"""Source adapters: one module per input format, each yielding ``RawRow``/``Unreadable``.

Every adapter module has a ``SOURCE`` description (id, title, version, upstream URL, licence, the
input files it reads) that the build copies into ``data/sources.json`` with each file's sha256.
"""
