"""``python -m scraper``: see :mod:`scraper.cli`."""

from scraper.cli import main

if __name__ == "__main__":  # worker processes import this module too; only the parent runs main
    raise SystemExit(main())
