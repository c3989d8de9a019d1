"""Helpers shared by the source-adapter tests: where the shared sources are, and picking one row."""

from pathlib import Path

#: ``../shared/sources`` beside the checkout; CI always has it, so tests fail (not skip) without it.
SHARED = Path(__file__).resolve().parents[3] / "shared" / "sources"


def find(rows, **kw):
    """The one row whose fields equal ``kw``; fails when there are none or several."""
    hits = [r for r in rows if all(getattr(r, k) == v for k, v in kw.items())]
    assert len(hits) == 1, (kw, hits)
    return hits[0]
