"""A randomised generator of conformance-statement-like PDFs with their ground truth (issue 9).

Every dimension real statements vary in is drawn from one seeded ``random.Random`` (:mod:`.draw`),
the content comes from the registry (:mod:`.registry`), the PDF is printed with reportlab
(:mod:`.render`). Seeds split into a tuning part and a held-out part, and some whole styles occur only
in the held-out part (:mod:`.split`). :mod:`.score` measures a scraper against the truth per
phenomenon; :mod:`.robust` makes the PDFs that test the batch's limits. See README.md.
"""

from __future__ import annotations

from pathlib import Path

from .draw import spec_for
from .model import GeneratedDoc, Spec, Truth
from .phenomena import PHENOMENA
from .render import build
from .split import HELDOUT, HELDOUT_COMBINATIONS, TUNING, part_of, seeds


def generate(seed: int, out_dir: Path | str) -> GeneratedDoc:
    """Print the document of ``seed`` into ``out_dir/gen-<seed>.pdf``, with its truth."""
    spec = spec_for(seed)
    path = Path(out_dir) / f"gen-{seed}.pdf"
    build(spec, path)
    return GeneratedDoc(spec, path)


__all__ = [
    "HELDOUT",
    "HELDOUT_COMBINATIONS",
    "PHENOMENA",
    "TUNING",
    "GeneratedDoc",
    "Spec",
    "Truth",
    "build",
    "generate",
    "part_of",
    "seeds",
    "spec_for",
]
