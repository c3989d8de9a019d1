"""Progress of a long batch on a terminal: files done of total, records, failures; silent otherwise.

One status line, rewritten in place (``\\r``) as each file finishes, on the stream only when it is a
terminal, so logs and pipes get the summary alone. Anything else printed meanwhile first clears it.
"""

from __future__ import annotations

from typing import TextIO


class Progress:
    """The status line of a batch of ``total`` files written to ``stream`` if it is a terminal."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.stream = stream
        self.active = stream.isatty()
        self._width = 0

    def update(self, done: int, records: int, failed: int) -> None:
        """Show the counts so far."""
        if not self.active:
            return
        text = f"scraper: {done}/{self.total} files, {records} records, {failed} failed"
        self.stream.write("\r" + text.ljust(self._width))
        self.stream.flush()
        self._width = len(text)

    def clear(self) -> None:
        """Remove the status line (before other output, and at the end)."""
        if self.active and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0
