"""dicom-map's dictionary compiler.

Reads every source dictionary (``sources/``: one adapter module per input format), normalises the
rows (``normalise``), merges them into one record per key with provenance (``merge``), and writes the
reviewable ``tags.csv`` and the byte-reproducible ``tags.dmap`` (``dmap/``). ``build`` is the one
command that does all of it.
"""

__version__ = "0.1.0"
