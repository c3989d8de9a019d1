"""``patch_pydicom()`` and ``explain`` on a shared machine: wall and CPU time, interleaved.

Run as a script (BENCHMARKS.md has the command). On a machine whose cores are shared with other
work, wall-clock minima still carry time spent waiting for a core; the CPU time a thread used
(``time.thread_time``) does not, so it estimates what a quiet machine would show. Each round runs
every case once, in turn, so load changes hit all of them alike; the minimum of each is printed.

Cases: ``patch_pydicom()`` alone (``unpatch_pydicom()`` untimed later), ``explain`` against
reading and naming with (patched) pydicom on nibabel's Siemens file, and pydicom's own
``add_private_dict_entries`` writing the same private entries (``bench_explain``'s baseline).
"""

from __future__ import annotations

import gzip
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Dict, List, Tuple

import dicom_map
from bench_explain import DATA, _read_and_name, pydicom_adds_the_same_entries


def _cases(siemens: Path) -> Dict[str, Tuple[Callable[[], object], Callable[[], None]]]:
    """name -> (timed call, untimed reset after it)."""
    d = dicom_map.open()
    add, restore, _ = pydicom_adds_the_same_entries()

    def explain() -> object:
        return list(dicom_map.explain(siemens))

    def read_and_name() -> object:
        return _read_and_name(siemens)

    # In this order: the patch stays for the two explain cases (pydicom knows the names in
    # both, as in bench_explain), then is undone before pydicom adds the entries itself.
    return {
        "patch_pydicom()": (lambda: dicom_map.patch_pydicom(d), lambda: None),
        "explain(siemens)": (explain, lambda: None),
        "pydicom read+name(siemens)": (read_and_name, dicom_map.unpatch_pydicom),
        "pydicom add_private_dict_entries (same entries)": (add, restore),
    }


def main(argv: List[str]) -> int:
    rounds = int(argv[0]) if argv else 30
    with tempfile.TemporaryDirectory() as tmp:
        siemens = Path(tmp) / "siemens_dwi_1000.dcm"
        siemens.write_bytes(gzip.decompress((DATA / "siemens_dwi_1000.dcm.gz").read_bytes()))
        cases = _cases(siemens)
        wall = {k: float("inf") for k in cases}
        cpu = dict(wall)
        for _ in range(rounds):
            for name, (call, reset) in cases.items():
                w, c = time.perf_counter(), time.thread_time()
                call()
                cpu[name] = min(cpu[name], time.thread_time() - c)
                wall[name] = min(wall[name], time.perf_counter() - w)
                reset()
    print(f"{rounds} rounds; minimum per case, in ms")
    print("| case | wall | CPU (thread_time) |")
    print("| --- | --- | --- |")
    for name in cases:
        print(f"| {name} | {wall[name] * 1e3:.1f} | {cpu[name] * 1e3:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
