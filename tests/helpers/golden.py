"""The reports' fingerprints: one SHA-256 per page and workbook of a run, with what rightly differs
between two runs of the same inputs masked (the commit the package runs from, the run's folder).

A change that should leave the reports alone (a refactoring, a faster draw) is checked against
``tests/golden/print-batch.sha256``, the fingerprints of the print tests' batch (the sample's two
latest years, three province pages). A change that means to alter a report writes the file anew
and the diff shows which pages changed:

    .venv/bin/python tests/helpers/golden.py --write tests/golden/print-batch.sha256

(it runs the same batch as ``test_print.batch``, in a temporary folder, with the package it finds).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CRITERIA = ROOT / "data" / "criteria"
SAMPLE_YEARS = (2564, 2565, 2566, 2567, 2568)
YEARS = (2567, 2568)
PROVINCES = ("55", "26", "90")
EPOCH = "1757894400"   # 15 Sep 2025: the date every fingerprinted report says it was made
_COMMIT = re.compile(rb"\b[0-9a-f]{40}\b(\+changes)?")


def batch_args(base: Path, out: Path) -> list[str]:
    """The print tests' batch on the sample under ``base`` (``raw/`` and ``criteria/``, copied there
    so that every input of a provenance list sits in one folder, in the same order wherever it is)."""
    return ["run", "--raw-dir", str(base / "raw"), "--years", f"{YEARS[0]}-{YEARS[-1]}", "--out-dir", str(out),
            "--clean-dir", str(out.parent / "clean"), "--criteria-dir", str(base / "criteria"),
            "--provinces", ",".join(PROVINCES)]


# The one digest of "every other file" on a province page is over the files' full paths: it follows
# the folder the run was in, not the reports' content.
_PATHS_DIGEST = re.compile("(ลายนิ้วมือรวม[^<]*</td><td class=\"w\"><code>)[0-9a-f]{64}".encode())


def _masked(data: bytes, base: Path) -> bytes:
    data = _COMMIT.sub(b"<commit>", data)
    data = _PATHS_DIGEST.sub(rb"\1<digest of paths>", data)
    for folder, mark in ((base, b"<base>"), (ROOT, b"<checkout>")):
        for form in {str(folder), str(folder.resolve())}:
            data = data.replace(form.encode(), mark)
    return data


def fingerprints(out: Path, base: Path) -> dict[str, str]:
    """Every page and workbook under ``out`` (not the executed notebooks and logs of ``runs/``):
    name -> SHA-256 of its bytes, masked (a workbook: of its parts, each masked, in name order)."""
    found = {}
    for path in sorted(out.rglob("*")):
        name = path.relative_to(out).as_posix()
        if not path.is_file() or name.startswith("runs/") or path.suffix not in (".html", ".xlsx"):
            continue
        h = hashlib.sha256()
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as z:
                for member in sorted(z.namelist()):
                    h.update(member.encode() + b"\0" + _masked(z.read(member), base) + b"\0")
        else:
            h.update(_masked(path.read_bytes(), base))
        found[name] = h.hexdigest()
    return found


def read(path: Path) -> dict[str, str]:
    lines = [line.split("  ", 1) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {name: digest for digest, name in lines}


def write(found: dict[str, str], path: Path) -> None:
    path.write_text("".join(f"{d}  {n}\n" for n, d in sorted(found.items())), encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, required=True)
    parser.add_argument("--keep", type=Path, help="run in this folder and keep it (to compare pages)")
    args = parser.parse_args(argv)
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    from analysis.__main__ import main as analysis
    from analysis.sample import generate

    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        generate(base / "raw", years=SAMPLE_YEARS, truth_dir=base / "truth", criteria_dir=CRITERIA)
        shutil.copytree(CRITERIA, base / "criteria")
        out = base / "print" / "reports"
        if analysis(batch_args(base, out)) != 0:
            return 1
        write(fingerprints(out, base), args.write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
