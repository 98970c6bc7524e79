"""Making a year's templates: the forms for every province, or the committees' score sheets.

Each set is written as a folder swapped in whole (``store.staged``): ``<out>/<year>/forms/`` and
``<out>/<year>/score-sheets/``, each with ``individual/`` and ``province/`` inside, as the raw
folder has them, so that what comes back goes to ``data/raw/<year>/<category>/submissions/`` or
``.../scores/``. The folder is replaced whole, so a folder holding anything this command did not
make there (returned forms, the raw data itself) is refused rather than emptied.

Which rubric: the score sheets need the year's (its judged criteria and maxima; the clean step
has already required it). The forms only take from the rubric which fields its computed criteria
read (they are marked as required) and the list of criteria in the instructions, so for a year
without a rubric yet (the forms go out before the criteria are final) the latest earlier rubric
marks the required fields, the instructions list no criteria, and the run says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.catalog import YearFolder, file
from analysis import __version__, places, store
from analysis.errors import AnalysisError, FolderNotFound
from analysis.rubric.load import Rubric, load_rubric, rubric_path
from analysis.templates.forms import file_name, write_form
from analysis.templates.scoresheets import committees, write_committee

FORMS_STEP, SHEETS_STEP = "templates", "score-sheets"


@dataclass
class Made:
    """What one run wrote: the folder, its files (relative to it), and notes for the analyst."""

    folder: Path
    files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def rubric_for_forms(criteria_dir: str | Path, year: int) -> tuple[Rubric | None, int | None, list[str]]:
    """The rubric the forms of ``year`` use, the year it is of, and a note when it is not the year's."""
    path = rubric_path(criteria_dir, year)
    if path.is_file():
        return load_rubric(path), year, []
    folder = Path(criteria_dir)
    if not folder.is_dir():  # a folder typed wrong, not a year without criteria
        raise FolderNotFound(f"ไม่พบโฟลเดอร์เกณฑ์ {folder} (ระบุด้วย --criteria-dir) / no rubric folder {folder} "
                                f"(give it with --criteria-dir)")
    earlier = sorted(int(p.stem) for p in folder.glob("*.yaml") if p.stem.isdigit() and int(p.stem) < year)
    if not earlier:
        return None, None, [
            f"ไม่มีไฟล์เกณฑ์ปี {year} หรือปีก่อนหน้าใน {folder}: แบบฟอร์มกำหนดช่องที่ต้องกรอกตามขั้นตอน clean เท่านั้น "
            f"/ no rubric for {year} or any earlier year in {folder}: the forms require only what the clean step requires"]
    used = earlier[-1]
    return load_rubric(rubric_path(criteria_dir, used)), used, [
        f"ยังไม่มีเกณฑ์ปี {year} ({path}): แบบฟอร์มกำหนดช่องที่ต้องกรอกตามเกณฑ์ปี {used} และไม่ระบุเกณฑ์ในคำชี้แจง "
        f"ต้องมีไฟล์ {path.name} ก่อนรันขั้น clean และก่อนทำใบให้คะแนน / no rubric for {year} yet ({path}): the forms mark "
        f"as required the fields the {used} rubric computes from, and list no criteria; write {path.name} before the "
        f"clean step and the score sheets"]


def _refuse_foreign(target: Path, step: str) -> None:
    """Refuse a folder holding files this step did not write there: swapping it would delete them."""
    if not target.exists():
        return
    if not target.is_dir():
        raise AnalysisError(f"{target} เป็นไฟล์ ไม่ใช่โฟลเดอร์ / {target} is a file, not a folder")
    manifest = store.read_manifest(target) or {"steps": {}}
    mine = set((manifest["steps"].get(step) or {}).get("files", {}))
    foreign = [p.relative_to(target).as_posix() for p in sorted(target.rglob("*"))
               if p.is_file() and p.name != store.MANIFEST and not p.name.startswith("~$")
               and p.relative_to(target).as_posix() not in mine]
    if foreign:
        shown = ", ".join(foreign[:3]) + (f" (และอีก {len(foreign) - 3} ไฟล์ / and {len(foreign) - 3} more)"
                                          if len(foreign) > 3 else "")
        raise AnalysisError(
            f"โฟลเดอร์ {target} มีไฟล์ที่คำสั่งนี้ไม่ได้สร้าง ({shown}) จึงไม่เขียนทับ: ให้ระบุโฟลเดอร์อื่นใน --out "
            f"(อย่าใช้โฟลเดอร์ data/raw) / {target} holds files this command did not make ({shown}), so it is not "
            f"replaced: give another folder as --out (never data/raw)")


def make_forms(out_dir: str | Path, year: int, criteria_dir: str | Path,
               provinces: list[str] | None = None) -> Made:
    """แบบ 2 and แบบ 4 for every province in scope (or the ``provinces`` codes given), into
    ``<out_dir>/<year>/forms/{individual,province}/``."""
    rubric, rubric_year, notes = rubric_for_forms(criteria_dir, year)
    codes = provinces or places.provinces()["province_code"].tolist()
    target = Path(out_dir) / str(year) / "forms"
    _refuse_foreign(target, FORMS_STEP)
    made = Made(target, notes=notes)
    with store.staged(target, FORMS_STEP, rubric=rubric.path if rubric else None,
                      parameters={"year": year, "rubric_year": rubric_year, "provinces": len(codes)}) as stage:
        for category in ("individual", "province"):
            (stage / category).mkdir()
            for code in codes:
                rel = f"{category}/{file_name(category, places.province_name(code), year)}"
                write_form(stage / rel, category, code, year, rubric, rubric_year)
                made.files.append(rel)
    return made


def _read_clean(clean_dir: Path, year: int, rubric: Rubric) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame | None, dict]:
    """The clean step's forms and roster (checked as the score step checks them), and the score
    step's results when it has run (checked too: stale nominees would be a wrong list)."""
    folder = YearFolder(clean_dir, year)
    folder.verify("submissions", "judges", rubric=rubric.path)
    inputs = {file(n): folder / n for n in ("submissions", "judges")}
    results = folder.read("results", rubric=rubric.path) if folder.has("results") else None
    if results is not None:
        inputs[file("results")] = folder / "results"
    return (folder.read("submissions", verified=True), folder.read("judges", verified=True), results, inputs)


def make_score_sheets(out_dir: str | Path, year: int, clean_dir: str | Path, criteria_dir: str | Path,
                      seats: int | None = None) -> Made:
    """Every committee's score sheets for ``year``, from the clean step's files, into
    ``<out_dir>/<year>/score-sheets/{individual,province}/``. ``seats``: sheets of a province
    committee (default: the rubric's ``min_judges``)."""
    path = rubric_path(criteria_dir, year)
    if not path.is_file():
        raise AnalysisError(
            f"ใบให้คะแนนต้องใช้เกณฑ์ของปี {year} (เกณฑ์ที่กรรมการให้คะแนนและคะแนนเต็ม) แต่ไม่พบ {path}: "
            f"คัดลอกเกณฑ์ปีก่อนมาแก้ แล้วรันขั้น clean ก่อน / the score sheets need the {year} rubric (the judged "
            f"criteria and their maxima), and {path} is not there: copy last year's, edit it, and run the clean step first")
    rubric = load_rubric(path)
    forms, roster, results, inputs = _read_clean(Path(clean_dir), year, rubric)
    n = seats or rubric["individual"].min_judges
    if n < 1:
        raise AnalysisError(f"--seats ต้องอย่างน้อย 1 (ได้ {n}) / --seats must be at least 1 (got {n})")
    found = committees(forms, roster, results, year, n)
    target = Path(out_dir) / str(year) / "score-sheets"
    _refuse_foreign(target, SHEETS_STEP)
    made = Made(target)
    if not found:
        raise AnalysisError(f"ปี {year} ไม่มีแบบฟอร์มที่รับไว้ จึงไม่มีใบให้คะแนน (รันขั้น clean กับแบบฟอร์มที่ส่งกลับมาก่อน) "
                            f"/ {year} has no accepted forms, so there is nothing to score (clean the returned forms first)")
    with store.staged(target, SHEETS_STEP, inputs=inputs, rubric=rubric.path,
                      parameters={"year": year, "seats": n, "version": __version__}) as stage:
        for c in found:
            (stage / c.file).parent.mkdir(parents=True, exist_ok=True)
            write_committee(stage / c.file, c, rubric[c.category], year)
            made.files.append(c.file)
            made.notes += [note for note in c.notes if note not in made.notes]
    return made
