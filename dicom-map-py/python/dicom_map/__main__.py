"""``python -m dicom_map``: see :mod:`dicom_map._cli`."""

import sys

from dicom_map._cli import main

if __name__ == "__main__":
    sys.exit(main())
