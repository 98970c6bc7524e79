"""The sample generator: deterministic, fully covered by its truth, and as messy as the brief says."""
from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import geothai
import pandas as pd
import pytest
import python_calamine

from analysis.sample import files as sample

ROOT = Path(__file__).resolve().parents[2]
CRITERIA = ROOT / "data" / "criteria"
YEARS = sample.YEARS


@pytest.fixture(scope="session")
def generated(tmp_path_factory):
    raw, truth = tmp_path_factory.mktemp("raw"), tmp_path_factory.mktemp("truth")
    sample.generate(raw, truth_dir=truth, criteria_dir=CRITERIA)
    return raw, truth


@pytest.fixture(scope="session")
def truths(generated):
    _, truth = generated
    read = lambda y, n: pd.read_csv(truth / str(y) / n, dtype=str, keep_default_na=False)  # noqa: E731
    return {y: (read(y, "submissions_truth.csv"), read(y, "scores_truth.csv")) for y in YEARS}


def _digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _sheets(path: Path) -> dict[str, list[list[str]]]:
    """Every sheet of a file as rows of stripped strings (CSV: one sheet named '')."""
    if path.suffix == ".csv":
        data = path.read_bytes()
        text = data.decode("utf-8-sig") if data.startswith(b"\xef\xbb\xbf") else None
        if text is None:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = data.decode("cp874")
        return {"": [[c.strip() for c in r] for r in csv.reader(text.splitlines())]}
    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    return {n: [[str(c).strip() for c in r] for r in wb.get_sheet_by_name(n).to_python(skip_empty_area=False)]
            for n in wb.sheet_names}


def test_same_seed_gives_byte_identical_files(tmp_path, generated):
    """A second run (of two of the years: years are generated independently) repeats the first byte for byte."""
    raw, truth = generated
    again_raw, again_truth = tmp_path / "raw", tmp_path / "truth"
    sample.generate(again_raw, years=(2564, 2567), truth_dir=again_truth, criteria_dir=CRITERIA)
    first = {k: v for k, v in _digest(raw).items() if k.split("/")[0] in ("2564", "2567")}
    second = _digest(again_raw)
    assert {Path(k).suffix for k in second} == {".xlsx", ".xls", ".csv", ".ods"}
    assert first == second
    assert {k: v for k, v in _digest(truth).items() if k.split("/")[0] in ("2564", "2567")} == _digest(again_truth)


def test_other_seed_differs(tmp_path, generated):
    raw, _ = generated
    sample.generate(tmp_path / "a", years=(2566,), seed=7, criteria_dir=CRITERIA)
    assert _digest(tmp_path / "a") != {k: v for k, v in _digest(raw).items() if k.startswith("2566/")}


def test_truth_covers_every_data_row_of_every_file(generated, truths):
    raw, _ = generated
    for year in YEARS:
        subs, scores = truths[year]
        covered: dict[tuple[str, str], set[int]] = {}
        for df in (subs, scores):
            for r in df.itertuples():
                covered.setdefault((r.source_file, r.source_sheet), set()).add(int(r.source_row))
        files = [p for p in (raw / str(year)).rglob("*") if p.is_file()]
        assert {p.relative_to(raw / str(year)).as_posix() for p in files} == \
            {f for f, _ in covered} | {p.relative_to(raw / str(year)).as_posix() for p in files
                                       if p.name.startswith(sample.ROSTER_PREFIX)}
        for p in files:
            rel = p.relative_to(raw / str(year)).as_posix()
            if p.name.startswith(sample.ROSTER_PREFIX):
                assert not any(f == rel for f, _ in covered)
                continue
            for name, rows in _sheets(p).items():
                if name == "คำชี้แจง":
                    continue
                head = next(i for i, r in enumerate(rows) if "จังหวัด" in r)
                data = {i + 1 for i, r in enumerate(rows) if i > head and any(r) and not _sub_header(r)}
                key = (rel, name if p.suffix != ".csv" else "")
                assert covered.get(key) == data, (rel, name)


def _sub_header(row: list[str]) -> bool:
    """The second row of a two-row header (sub-headers under a group cell): no data row."""
    subs = {s for g in sample.GROUPS.values() for s in g[2:]}
    return bool(set(filter(None, row))) and set(filter(None, row)) <= subs


def test_forms_laid_out_as_provinces_send_them(generated, truths):
    """Every year carries issue 12's layouts: .ods files, a two-row header, a signature block
    under a table, a hidden sheet of last year's applicants; their rows' truth says set aside."""
    raw, _ = generated
    for year in YEARS:
        subs, _ = truths[year]
        files = {p.relative_to(raw / str(year)).as_posix() for p in (raw / str(year)).rglob("*.ods")}
        assert {f.split("/")[0] for f in files} == {"individual", "province"}, year
        aside = subs[subs.expected == "set_aside"]
        assert {"signature_block", "hidden_sheet"} <= set(aside.reason_code), year
        assert (aside.mess.isin(["not_data", "hidden_stale_sheet"])).all()
        grouped = 0
        for p in (raw / str(year)).rglob("*"):
            if p.suffix in (".xlsx", ".xls", ".ods") and "submissions" in p.parts:
                sheets = _sheets(p)
                grouped += any(_sub_header(r) for rows in sheets.values() for r in rows)
                book = python_calamine.CalamineWorkbook.from_path(str(p))
                hidden = [m.name for m in book.sheets_metadata if m.visible != python_calamine.SheetVisibleEnum.Visible]
                assert set(hidden) <= set(aside.source_sheet[aside.source_file == p.relative_to(raw / str(year)).as_posix()])
        assert grouped == 2, year  # one form of each category


def test_accepted_individual_rows_sit_in_their_province(truths):
    districts = {p.code: {d.code for d in geothai.districts(p.code)} for p in geothai.provinces()}
    n = 0
    for subs, _ in truths.values():
        ok = subs[(subs.category == "individual") & (subs.expected == "accept")]
        for r in ok.itertuples():
            assert r.province_code != sample.BANGKOK
            assert r.district_code in districts[r.province_code], (r.source_file, r.source_row)
            n += 1
    assert n > 1000


def test_conflict_of_interest_blanks_exactly_on_home_province(generated, truths):
    raw, _ = generated
    for year in YEARS:
        homes = {}
        for p in (raw / str(year)).rglob(f"{sample.ROSTER_PREFIX}*"):
            (rows,) = _sheets(p).values()
            names = {p.code for p in geothai.provinces()}
            by_name = {p.name_th: p.code for p in geothai.provinces()}
            for judge, prov, _round in rows[1:]:
                assert by_name[prov] in names
                homes[judge] = by_name[prov]
        _, scores = truths[year]
        nat = scores[scores["round"] == "national"]
        keys = [c for c in scores.columns if c[:1] in "ABCP" and c[1:].isdigit()]
        assert set(nat.judge) <= set(homes)
        blank = nat[keys].eq("").all(axis=1)
        home = nat.judge.map(homes) == nat.province_code
        assert home.any()
        assert (blank == home).all(), year
        coi = home & (nat.reason_code != "unknown_candidate")      # a held-back project stays held back
        assert (nat.mess[coi] == "coi_blank").all() and (nat.expected[coi] == "accept").all()
        # the raw cells really are blank
        coi = nat[coi].iloc[0]
        rows = _sheets(raw / str(year) / coi.source_file)[coi.source_sheet]
        head = next(r for r in rows if "จังหวัด" in r)
        cells = dict(zip(head, rows[int(coi.source_row) - 1]))
        assert all(cells[k] == "" for k in keys if k in cells)


def test_mess_proportions_within_bands(truths):
    for year, (subs, scores) in truths.items():
        for df in (subs[subs.expected != "set_aside"], scores):
            messy = (df.expected == "accept") & ~df.mess.isin(["clean", "coi_blank"])
            wrong = (df.expected == "quarantine") & (df.reason_code != "duplicate_superseded")
            assert 0.03 <= messy.mean() <= 0.05, year
            assert 0.01 <= wrong.mean() <= 0.02, year
            assert (df.mess[df.expected == "quarantine"] != "clean").all()
        dups = (subs.reason_code == "duplicate_superseded").sum()
        assert 2 <= dups <= 6
        assert (subs.mess == "resubmitted").sum() == dups


def test_every_wrong_row_kind_occurs(truths):
    subs = pd.concat(s for s, _ in truths.values())
    scores = pd.concat(s for _, s in truths.values())
    sub_kinds = {"out_of_scope", "unknown_district", "unknown_province", "place_mismatch", "out_of_range",
                 "inconsistent_values", "missing_value", "bad_value", "duplicate_superseded"}
    assert sub_kinds <= set(subs.reason_code)
    assert {"out_of_range", "unknown_candidate", "unknown_criterion"} <= set(scores.reason_code)
    for kind in ("out_of_scope", "unknown_province", "inconsistent_values", "missing_value"):
        assert kind in set(subs.reason_code[subs.category == "province"]), kind
    # specific shapes the brief names
    assert {"bangkok", "fake_district", "typo_district", "garbage_province", "rate_over_100", "negative_count",
            "resolved_gt_received", "ended_before_started", "unreadable_number", "impossible_date",
            "blank_name", "blank_report_rate"} <= set(subs.mess)
    assert {"score_above_max", "negative_score", "form_held_back", "no_form", "unknown_key"} <= set(scores.mess)


def test_scores_of_held_back_forms_are_unknown_candidates(truths):
    for subs, scores in truths.values():
        held = subs[(subs.expected == "quarantine") & (subs.reason_code != "duplicate_superseded")]
        ok = set(zip(subs.province_code[subs.expected == "accept"], subs.district_code[subs.expected == "accept"]))
        for r in scores.itertuples():
            if r.reason_code == "unknown_candidate":
                assert (r.province_code, r.district_code) not in ok
            elif r.expected == "accept":
                assert (r.province_code, r.district_code) in ok
        assert len(held) >= 4


def test_score_values_respect_the_rubric(truths):
    for year, (_, scores) in truths.items():
        rubric = sample.load_rubric(CRITERIA, year)
        maxima = {c["key"]: c["max"] for cat in ("individual", "province") for c in rubric[cat]["criteria"]}
        ok = scores[scores.expected == "accept"]
        for key in (c for c in scores.columns if c in maxima):
            vals = pd.to_numeric(ok[key].replace("", None)).dropna()
            assert ((vals >= 0) & (vals <= maxima[key]) & ((vals * 2) % 1 == 0)).all(), (year, key)
        computed = {c["key"] for c in rubric["individual"]["criteria"] if "computed" in c}
        assert not computed & set(scores.columns)


def test_recoverable_values_in_the_raw_cells(generated, truths):
    raw, _ = generated
    seen = set()
    for year in YEARS:
        subs, _ = truths[year]
        for r in subs[subs.mess.isin(["thai_digits", "percent_cell", "misspelled_province", "mueang"])].itertuples():
            rows = _sheets(raw / str(year) / r.source_file)
            sheet = rows[r.source_sheet]
            cells = " ".join(sheet[int(r.source_row) - 1])
            if r.mess == "thai_digits":
                assert any("๐" <= ch <= "๙" for ch in cells)
            elif r.mess == "percent_cell":
                assert any(c and float(c) == pytest.approx(float(r.report_rate) / 100) for c in sheet[int(r.source_row) - 1]
                           if c.replace(".", "", 1).isdigit())
            elif r.mess == "misspelled_province":
                assert any(m in cells for m in sample.MISSPELLINGS.values())
            else:
                assert "เมือง" in cells
            seen.add(r.mess)
    assert seen == {"thai_digits", "percent_cell", "misspelled_province", "mueang"}


def test_every_header_written_is_listed_and_names_are_safe(generated):
    raw, _ = generated
    listed = set(sample.header_spellings())
    keys = {c["key"] for y in YEARS for cat in ("individual", "province")
            for c in sample.load_rubric(CRITERIA, y)[cat]["criteria"]}
    seen = set()
    for p in (raw / "2564").parent.rglob("*"):
        if not p.is_file():
            continue
        assert not set(p.name) & set('<>:"/\\|?*') and p.name == p.name.strip()
        for name, rows in _sheets(p).items():
            if name == "คำชี้แจง":
                continue
            head = next(i for i, r in enumerate(rows) if "จังหวัด" in r)
            raw_head = _raw_header(p, name, head) + (_raw_header(p, name, head + 1) if _sub_header(rows[head + 1]) else [])
            assert set(raw_head) - {""} <= listed | keys, (p, set(raw_head) - listed - keys)
            seen |= set(raw_head)
    for must in ("ชื่อ-สกุล", "  ชื่อ-สกุล ", "ร้อยละการรายงาน\nตรงเวลา", "วันที่ส่งผลงาน", "งบประมาณ", "ลำดับ",
                 "ชื่อ - นามสกุล", "ร้อยละการรายงานข้อมูลตรงเวลา", sample.GFORMS_SUBMITTED, sample.UNKNOWN_KEY):
        assert must in seen, must


def _raw_header(path: Path, sheet: str, index: int) -> list[str]:
    """The header row as written (not stripped)."""
    if path.suffix == ".csv":
        data = path.read_bytes()
        for enc in ("utf-8-sig", "cp874"):
            try:
                return list(csv.reader(data.decode(enc).splitlines()))[index]
            except UnicodeDecodeError:
                continue
    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    return [str(c) for c in wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False)[index]]
