"""Check that the committed ``data/`` is exactly what the sources rebuild, byte for byte.

    python -m dicom_map_compiler.check_rebuild --shared ../shared --data data

Exit 0 when identical; 1 with the differing files named otherwise. Without ``../shared/sources``
(a checkout used without the shared folder) it says so and exits 0: there is nothing to rebuild from.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import build


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="compare a fresh rebuild with the committed data/")
    p.add_argument("--shared", type=Path, default=Path("../shared"))
    p.add_argument("--data", type=Path, default=Path("data"))
    args = p.parse_args(argv)
    if not (args.shared / "sources").is_dir():
        print(f"check_rebuild: {args.shared / 'sources'} absent, rebuild check not possible here")
        return 0
    fresh = build.run(args.shared)
    bad = []
    wanted = [(build.destination(args.data, n), n, d) for n, d in fresh.files.items()]
    wanted += [(args.data.resolve().parent / n, n, d) for n, d in fresh.root_files.items()]
    for path, name, data in sorted(wanted):
        if not path.is_file():
            bad.append(f"{name}: missing from {args.data}")
        elif path.read_bytes() != data:
            bad.append(
                f"{name}: differs from the rebuild ({path.stat().st_size} committed, {len(data)} rebuilt)"
            )
    if bad:
        print(
            "check_rebuild: data/ is not what the sources build; run `make dict` and commit:",
            file=sys.stderr,
        )
        for line in bad:
            print(f"  {line}", file=sys.stderr)
        return 1
    print(f"check_rebuild: {len(wanted)} files identical to a fresh rebuild")
    return 0


if __name__ == "__main__":
    sys.exit(main())
