"""README.md's Python examples run as written: each ``python`` block of its "Python" section is a
doctest, run here against the installed package (``make test-python`` installs the wheel first),
so the outputs shown are what the code prints today."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def _python_blocks() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Python\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^```python\n(.*?)^```$", section, re.S | re.M)


def test_the_python_section_has_its_examples() -> None:
    blocks = _python_blocks()
    assert len(blocks) >= 2
    assert all(b.lstrip().startswith(">>> ") for b in blocks), "every block is a doctest"


def test_the_python_examples_run_as_written() -> None:
    # The blocks run in order in one namespace, as typed into one interpreter session.
    session = "\n".join(_python_blocks())
    test = doctest.DocTestParser().get_doctest(session, {}, "README.md Python", str(README), 0)
    result = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS).run(test)
    assert result.attempted > 0
    assert result.failed == 0, "README.md's Python examples fail (the output above says where)"
