"""Years as people type them on the command line: one B.E. year, a range, or a list.

``2568``, ``2564-2568``, ``2564,2566`` and Thai digits (``๒๕๖๘``). The common slips get a hint
instead of a run that finds nothing: an A.D. year (``2025`` -> "did you mean 2568?"), a
two-digit year (``68``, which a Thai form means as B.E.), a range written backwards
(``2568-2564``). Nothing is corrected silently: a wrong guess would clean or score the wrong year.
"""

from __future__ import annotations

import re

from analysis.catalog import file
from analysis.errors import YearsError
from pathlib import Path

BE_MIN, BE_MAX = 2500, 2700      # B.E. 2500-2700 = A.D. 1957-2157
AD_MIN, AD_MAX = 1957, 2157
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_DASHES = str.maketrans({"–": "-", "—": "-", "−": "-"})


def _year(text: str, whole: str) -> int:
    if not re.fullmatch(r"\d{1,4}", text):
        raise YearsError(f"อ่านปีไม่ได้: '{whole}' (ใช้ปี พ.ศ. เช่น 2568 หรือช่วง 2564-2568) / "
                         f"not a year: '{whole}' (give B.E. years, e.g. 2568 or a range 2564-2568)")
    year = int(text)
    if BE_MIN <= year <= BE_MAX:
        return year
    if AD_MIN <= year <= AD_MAX:
        raise YearsError(f"{year} ดูเหมือนเป็นปี ค.ศ.: หมายถึง พ.ศ. {year + 543} หรือไม่ / "
                         f"{year} looks like an A.D. year: did you mean B.E. {year + 543}?")
    if year < 100:
        raise YearsError(f"ปี {text} มีสองหลัก: หมายถึง พ.ศ. {2500 + year} หรือไม่ (ใช้ปี พ.ศ. สี่หลัก) / "
                         f"{text} is a two-digit year: did you mean B.E. {2500 + year}? (give four digits)")
    raise YearsError(f"{year} ไม่ใช่ปี พ.ศ. ที่ใช้ได้ ({BE_MIN}-{BE_MAX}) / "
                     f"{year} is not a B.E. year this package works with ({BE_MIN}-{BE_MAX})")


def parse_years(text) -> list[int]:
    """'2564-2568', '2564,2566', '2568' (or an int, or a list) -> sorted B.E. years, or YearsError."""
    if isinstance(text, int):
        text = str(text)
    if not isinstance(text, str):
        return sorted({y for item in text for y in parse_years(item)})
    whole = text
    text = text.translate(_THAI_DIGITS).translate(_DASHES).replace(" ", "")
    if not text:
        raise YearsError("ไม่ได้ระบุปี (เช่น 2568 หรือ 2564-2568) / no year given (e.g. 2568 or 2564-2568)")
    years: set[int] = set()
    for part in text.split(","):
        first, dash, last = part.partition("-")
        a = _year(first, whole)
        b = _year(last, whole) if dash else a
        if b < a:
            raise YearsError(f"ช่วงปี {part} กลับด้าน: หมายถึง {b}-{a} หรือไม่ / "
                             f"the range {part} runs backwards: did you mean {b}-{a}?")
        years.update(range(a, b + 1))
    return sorted(years)


def years_text(years) -> str:
    """The inverse of ``parse_years``: ``2564-2568`` for a run of years, else ``2564,2566``."""
    years = parse_years(years)
    if years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
    return ",".join(map(str, years))


def _year_folders(folder, marker: str) -> list[int]:
    found = []
    for p in Path(folder).glob("[0-9][0-9][0-9][0-9]"):
        if p.is_dir() and BE_MIN <= int(p.name) <= BE_MAX and any(f.is_file() for f in p.rglob(marker)):
            found.append(int(p.name))
    return sorted(found)


def latest(raw_dir) -> int:
    """The newest B.E. year with raw files (``<raw_dir>/<year>/...``): the notebooks' default year,
    so that they open on this year's evaluation, not the oldest one kept."""
    found = _year_folders(raw_dir, "*.*")
    if not found:
        raise YearsError(f"ไม่พบข้อมูลดิบของปีใดใน {raw_dir} (ต้องมีโฟลเดอร์ <ปี พ.ศ.>/...) / "
                         f"no year's raw files in {raw_dir} (expected <B.E. year>/... folders)")
    return found[-1]


def cleaned(clean_dir) -> list[int]:
    """The years the clean step has written (a year folder of ``<clean_dir>`` holding ``submissions``): the years
    a comparison or a province's page covers when none are given."""
    found = _year_folders(clean_dir, file("submissions"))
    if not found:
        raise YearsError(f"ยังไม่มีปีที่ตรวจข้อมูลแล้วใน {clean_dir} (รัน analysis clean ก่อน) / "
                         f"no cleaned year in {clean_dir} (run analysis clean first)")
    return found


def given_or_cleaned(text: str, clean_dir) -> list[int]:
    """The years a notebook's ``years`` parameter names, or every cleaned year when it is blank."""
    return parse_years(text) if str(text).strip() else cleaned(clean_dir)
