"""What a report was made from, and when: the made-line under its title and in every printed
page's margin, and the provenance at its foot (every input's SHA-256, the package's version and
commit, the parameters), so anyone can check a printout against the files.

The date a report says it was made is the same for the same inputs (reproducible builds, so the
same files still give the same bytes): ``SOURCE_DATE_EPOCH`` when it is set, otherwise the day the
newest input (a form, a score sheet, the rubric) was last changed (``render.dates.report_date``).
``SOURCE_DATE_EPOCH=$(date +%s) make report`` stamps today.
"""

from __future__ import annotations

import hashlib
import html
import os
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from analysis import __version__
from analysis.render.dates import be_date, report_date
from analysis.render.html import Running

EDITION = {False: "ฉบับใช้ภายใน (มีชื่อบุคคล)", True: "ฉบับเผยแพร่ (ปิดชื่อบุคคล)"}


def sha256(path: Path) -> str:
    """The file's SHA-256, hashed once per file version (every report lists the same inputs)."""
    st = os.stat(path)
    return _sha256(os.path.abspath(path), st.st_mtime_ns, st.st_size)


def inputs_digest(inputs: list[tuple[str, Path]]) -> str:
    """One SHA-256 for many input files: of the lines "<SHA-256 of the file>  <label>", sorted by
    label, as ``sha256sum`` prints them (so it can be checked with ``sha256sum | sort -k2``)."""
    lines = "".join(f"{sha256(path)}  {label}\n" for label, path in sorted(inputs, key=lambda x: x[0]))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


@cache
def _sha256(path: str, mtime_ns: int, size: int) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


@cache
def git_commit() -> str:
    """The commit the package runs from, '+changes' when the work tree differs from it."""
    root = Path(__file__).resolve().parents[3]
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                               capture_output=True, text=True, check=True).stdout.strip()
        return head + ("+changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def year_inputs(raw_dir: Path, criteria_dir: Path, year: int) -> list[tuple[str, Path]]:
    """A year's input files as (label, path): what provinces sent, then the rubric."""
    root = Path(raw_dir) / str(year)
    files = [(f"{Path(raw_dir).as_posix()}/{year}/{p.relative_to(root).as_posix()}", p)  # the folder read
             for p in sorted(root.rglob("*")) if p.is_file()] if root.is_dir() else []
    rubric = Path(criteria_dir) / f"{year}.yaml"
    return files + ([(rubric.as_posix(), rubric)] if rubric.exists() else [])


@dataclass(frozen=True)
class Made:
    """When a report was made and from what, in Thai: ``line`` under its title, ``margin`` (shorter)
    at the foot of every printed page."""

    line: str
    margin: str


def made(raw_dir: Path, criteria_dir: Path, years: list[int]) -> Made:
    """The made-line of a report over ``years``."""
    years = sorted(years)
    paths = [p for y in years for _, p in year_inputs(raw_dir, criteria_dir, y)]
    rubrics = [Path(criteria_dir) / f"{y}.yaml" for y in years]
    sent = [p for p in paths if p not in rubrics]
    day = be_date(report_date(paths))
    span = f"{years[0]}" if len(years) == 1 else f"{years[0]}–{years[-1]}"
    where = f"{Path(raw_dir).as_posix()}/{span}" if len(years) == 1 else f"{Path(raw_dir).as_posix()}/<ปี>"
    rubric = rubrics[0].as_posix() if len(years) == 1 else f"{Path(criteria_dir).as_posix()}/<ปี>.yaml"
    return Made(line=f"จัดทำ {day} จากข้อมูลปี พ.ศ. {span}: ไฟล์ที่จังหวัดส่ง {len(sent):,} ไฟล์ ({where}) "
                     f"และเกณฑ์การประเมิน ({rubric})",
                margin=f"จัดทำ {day} · ข้อมูลปี พ.ศ. {span}: {len(sent):,} ไฟล์ และเกณฑ์ {rubric}")


def running(title: str, public: bool, made_: Made, landscape: bool = False) -> Running:
    return Running(title=title, edition=EDITION[public], made=made_.margin, landscape=landscape)


def made_html(made_: Made, public: bool) -> str:
    return f"<p class=\"made\">{html.escape(made_.line)} · {EDITION[public]}</p>"


PARAMETER_TH = {"year": "ปี พ.ศ.", "years": "ปี พ.ศ.", "public": "ฉบับ"}


def _parameter(key: str, value) -> str:
    if key == "public":
        return f"ฉบับ: {EDITION[bool(value)]}"
    return f"{PARAMETER_TH.get(key, key)} {value}"


def provenance_html(inputs: list[tuple[str, Path]], parameters: dict,
                    others: list[tuple[str, Path]] = ()) -> str:
    """The foot of every report: what it was made from, so anyone can check it. ``others``: input
    files listed by their count and one digest (``inputs_digest``) rather than one row each (a
    province's page reads every province's files for the region's and the nation's means)."""
    rows = "".join(f"<tr><td class=\"w\">{html.escape(label)}</td><td class=\"w\"><code>{sha256(path)}</code></td></tr>"
                   for label, path in sorted(inputs, key=lambda x: x[0]))
    if others:
        rows += (f"<tr><td class=\"w\">ไฟล์อื่นทั้งหมด {len(others):,} ไฟล์ (ลายนิ้วมือรวม: SHA-256 ของรายการ "
                 f"\"SHA-256  ไฟล์\" เรียงตามชื่อไฟล์)</td><td class=\"w\"><code>{inputs_digest(others)}</code></td></tr>")
    params = " · ".join(html.escape(_parameter(k, v)) for k, v in sorted(parameters.items()))
    return (
        "<footer class=\"provenance\"><h3>ที่มาของรายงาน</h3>"
        f"<p>ทำด้วยโปรแกรม analysis รุ่น {html.escape(__version__)} (รุ่นของโค้ด git commit "
        f"<code>{html.escape(git_commit())}</code>) · {params}</p>"
        f"<details><summary>ไฟล์ข้อมูลนำเข้า {len(inputs) + len(others)} ไฟล์ และลายนิ้วมือ SHA-256</summary>"
        f"<div class=\"table-wrap\"><table><thead><tr><th>ไฟล์</th><th>SHA-256</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div></details></footer>"
    )
