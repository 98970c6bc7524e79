"""Years as people type them on the command line: one B.E. year, a range, or a list.

``2568``, ``2564-2568``, ``2564,2566`` and Thai digits (``๒๕๖๘``). The common slips get a hint
instead of a run that finds nothing: an A.D. year (``2025`` -> "did you mean 2568?"), a
two-digit year (``68``, which a Thai form means as B.E.), a range written backwards
(``2568-2564``), and a year that nothing on disk holds (``2596``: neither a raw folder nor a
rubric) is refused before any step starts, with the years that are there and the likeliest one
meant (two digits swapped first: "did you mean 2569?"). Nothing is corrected silently: a wrong
guess would clean or score the wrong year.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from analysis.catalog import file
from analysis.errors import YearsError

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


# What a step reads a year from, said in the refusal: the raw forms (clean, run) or the clean step's
# folder (score), in Thai and English.
RAW = ("ข้อมูลดิบ", "raw files")
CLEANED = ("ข้อมูลที่ตรวจแล้ว", "cleaned data")


def closest(year: int, candidates) -> int | None:
    """The year among ``candidates`` that ``year`` was most likely meant as: two of its digits
    swapped (the nearest pair first: 2596 -> 2569), else the nearest in number (the newer of
    two as near); None when there are none."""
    candidates = set(candidates) - {year}
    digits = str(year)
    swaps = sorted((j - i, i, int(digits[:i] + digits[j] + digits[i + 1:j] + digits[i] + digits[j + 1:]))
                   for i in range(len(digits)) for j in range(i + 1, len(digits)))
    for *_, swapped in swaps:
        if swapped in candidates:
            return swapped
    return min(candidates, key=lambda c: (abs(c - year), -c)) if candidates else None


def _named(folder: Path) -> list[int]:
    """The B.E. years that entries of ``folder`` are named by (a ``2568`` folder, ``2568.yaml``)."""
    found = set()
    for p in (folder.iterdir() if folder.is_dir() else ()):
        stem = p.name.split(".")[0]
        if re.fullmatch(r"\d{4}", stem) and BE_MIN <= int(stem) <= BE_MAX:
            found.add(int(stem))
    return sorted(found)


def on_disk(years, data_dir, criteria_dir, rubric_path: Callable[[object, int], Path],
            data: tuple[str, str] = RAW) -> list[int]:
    """``years`` as they are, when each has its folder (``<data_dir>/<year>``) or its rubric
    (``rubric_path(criteria_dir, year)``): a step then says itself what else is missing. A year
    with neither is surely mistyped: YearsError, before any step starts, naming what is there
    (the years with a folder, the years with a rubric) and, for one such year, the likeliest meant."""
    data_dir, criteria_dir = Path(data_dir), Path(criteria_dir)
    missing = [y for y in years
               if not (data_dir / str(y)).is_dir() and not Path(rubric_path(criteria_dir, y)).is_file()]
    if not missing:
        return list(years)
    folders = [y for y in _named(data_dir) if (data_dir / str(y)).is_dir()]
    rubrics = [y for y in _named(criteria_dir) if Path(rubric_path(criteria_dir, y)).is_file()]
    th_data, en_data = data
    if len(missing) == 1:
        (year,) = missing
        th = (f"ไม่พบปี พ.ศ. {year}: ไม่มีโฟลเดอร์ {data_dir / str(year)} และไม่มีไฟล์เกณฑ์ "
              f"{rubric_path(criteria_dir, year)}")
        en = (f"no B.E. {year}: there is no folder {data_dir / str(year)} and no rubric "
              f"{rubric_path(criteria_dir, year)}")
    else:
        shown = years_text(missing)
        th = f"ไม่พบปี พ.ศ. {shown}: ไม่มีทั้งโฟลเดอร์ใน {data_dir} และไฟล์เกณฑ์ใน {criteria_dir}"
        en = f"no B.E. {shown}: neither a folder in {data_dir} nor a rubric in {criteria_dir}"
    th += (f" ({f'มี{th_data}ของปี {years_text(folders)}' if folders else f'ไม่มี{th_data}ของปีใดเลย'} "
           f"{f'และมีเกณฑ์ของปี {years_text(rubrics)}' if rubrics else 'และไม่มีไฟล์เกณฑ์ของปีใดเลย'})")
    en += (f" ({f'{en_data} for {years_text(folders)}' if folders else f'no year has {en_data}'}; "
           f"{f'rubrics for {years_text(rubrics)}' if rubrics else 'no rubric at all'})")
    meant = closest(missing[0], set(folders) | set(rubrics)) if len(missing) == 1 else None
    if meant is not None:
        th += f" หมายถึง {meant} หรือไม่"
        en += f"; did you mean {meant}?"
    raise YearsError(f"{th} / {en}")
