"""Shared test setup: the precision/recall table printed after the run."""

from __future__ import annotations

import pytest
import scoring


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not scoring.BOARD:
        return
    write = terminalreporter.write_line
    terminalreporter.section("scraper: precision and recall per layout (all fields / tags only)")
    write(
        f"{'layout':<18}{'style':<12}{'records':>8}{'precision':>11}{'recall':>8}{'tags P':>8}{'tags R':>8}"
    )
    for s in sorted(scoring.BOARD, key=lambda s: (s.layout, s.style)):
        tags_p = s.tags_correct / s.found if s.found else 1.0
        tags_r = s.tags_correct / s.expected if s.expected else 1.0
        write(
            f"{s.layout:<18}{s.style:<12}{s.expected:>8}{s.precision:>11.3f}{s.recall:>8.3f}"
            f"{tags_p:>8.3f}{tags_r:>8.3f}"
        )
