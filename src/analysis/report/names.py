"""Personal names and the PDPA: masked or left out of a report meant for wide circulation, and a
last check that no known name is left in any file such a report writes."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pandas as pd

from analysis.catalog import YearFolder
from analysis.errors import NamesLeaked
import zipfile

PERSON_COLUMNS = ("ชื่อ-สกุล", "ชื่อ", "กรรมการ", "name", "judge")
TITLES = ("นางสาว", "นาง", "นาย", "น.ส.", "ดร.", "ว่าที่ร้อยตรี", "ว่าที่ ร.ต.")


def mask_name(name) -> str:
    """'นายสมชาย ใจดี' -> 'นาย ส*** ใ***': the title stays, each name keeps its first letter."""
    text = str(name or "").strip()
    if not text:
        return text
    title = next((t for t in TITLES if text.startswith(t)), "")
    words = text[len(title):].split()
    masked = " ".join(w[0] + "***" for w in words if w)
    return f"{title} {masked}".strip()


def mask_known_names(frame: pd.DataFrame, names) -> pd.DataFrame:
    """Replace every known person's name wherever it appears in a table's text: in the name
    columns and inside messages that quote it. Longest names first, so 'นายสมชาย ใจดี' is
    masked whole before a bare 'สมชาย ใจดี' would be."""
    names = sorted({str(n).strip() for n in names if isinstance(n, str) and n.strip()}, key=len, reverse=True)
    if not names:
        return frame
    masks = {n: mask_name(n) for n in names}
    pattern = re.compile("|".join(re.escape(n) for n in names))
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: pattern.sub(lambda m: masks[m.group(0)], v)
                                    if isinstance(v, str) else v)
    return out


def mask_people(frame: pd.DataFrame, names=()) -> pd.DataFrame:
    """A table for wide circulation: known names masked wherever they appear, and every cell of a
    person's column (ชื่อ-สกุล, กรรมการ, ...) masked."""
    frame = mask_known_names(frame, names)
    for col in frame.columns:
        if str(col) in PERSON_COLUMNS:
            frame = frame.assign(**{col: frame[col].map(lambda v: mask_name(v) if isinstance(v, str) else v)})
    return frame


def people_in(clean_dir: Path, year: int) -> list[str]:
    """Every personal name in a year's cleaned data and quarantine (officers and judges)."""
    from analysis.read.headers import field_of  # here, not with the module: the score and compare
    # notebooks import this package for ``show`` and need none of the readers' libraries

    base = YearFolder(clean_dir, year)
    names: set[str] = set()
    # not through the manifest: the names check must see every name in the folder, stale or not
    for dataset, cols in (("submissions", ["name"]), ("scores", ["judge"]), ("judges", ["judge"])):
        frame = base.read_if(dataset, verified=True)
        if frame is not None:
            for c in cols:
                if c in frame:
                    names |= set(frame[c].dropna().astype(str))
    q = base.read_if("quarantine", dtype=str, verified=True)
    if q is not None:
        for raw in q["raw"].dropna():
            try:
                row = json.loads(raw)
            except ValueError:
                continue
            if isinstance(row, dict):  # header -> cell as typed: the cells under a person's header
                names |= {v for k, v in row.items()
                          if isinstance(v, str) and field_of(k) in ("name", "judge")}
    return sorted(n.strip() for n in names if n.strip())


def check_no_names(paths: list[Path], names: list[str]) -> None:
    """Fail when any known full name appears in any file's bytes (HTML source, xlsx parts)."""
    needles = [n for n in {n.strip() for n in names} if len(n) >= 4]
    for path in paths:
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as z:
                text = "".join(z.read(i).decode("utf-8", "ignore") for i in z.namelist())
        else:
            text = path.read_text(encoding="utf-8", errors="ignore")
        found = [n for n in needles if n in text or html.escape(n) in text]
        if found:
            raise NamesLeaked(f"{path}: มีชื่อบุคคลในรายงานสาธารณะ / personal names in a public report "
                              f"({len(found)} names)")
