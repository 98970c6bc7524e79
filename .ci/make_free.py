"""Run the README's make-free commands (its Windows section) as a POSIX shell spells them.

CI runs this on a clean clone before ``make test``, so what the README tells an analyst without
make (on Windows) is checked on every change: the block between the ``make-free`` markers, with
``.venv\\Scripts\\`` read as ``.venv/bin/``, ``\\`` as ``/`` and the ``py`` launcher as this Python.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"<!-- make-free: begin[^>]*-->\s*```[a-z]*\n(.*?)```\s*<!-- make-free: end -->", re.S)


def commands(readme: str) -> list[list[str]]:
    """The block's commands, each as the argument list a POSIX shell would run."""
    found = BLOCK.search(readme)
    if not found:
        raise SystemExit("README.md has no make-free block")
    out = []
    for line in found.group(1).splitlines():
        if not line.strip():
            continue
        words = shlex.split(line.replace(".venv\\Scripts\\", ".venv/bin/").replace("\\", "/"))
        out.append([sys.executable, *words[1:]] if words[0] == "py" else words)
    return out


def main() -> int:
    for argv in commands((ROOT / "README.md").read_text(encoding="utf-8")):
        print("+", " ".join(argv), flush=True)
        subprocess.run(argv, cwd=ROOT, check=True)
    if not (ROOT / "reports" / "index.html").is_file():
        raise SystemExit("the make-free commands wrote no reports/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
