"""The vendor-style corpus (issue 9): tables printed the way real vendor statements print them.

Independent of the ``gen`` corpus (its own canvas-level renderer, its own style catalogue), so the
reader is measured on layouts it was not written together with. See README.md.

```python
from scraper.tests.vendor import STYLES, TUNE, HELDOUT, build, by_name
doc = build(by_name("ge-caption-paren"), out_dir)   # -> VendorDoc(style, path, truths)
```
"""

from .corpus import VendorDoc, build, truths_of
from .styles import HELDOUT, STYLES, TUNE, by_name

__all__ = ["STYLES", "TUNE", "HELDOUT", "build", "by_name", "VendorDoc", "truths_of"]
