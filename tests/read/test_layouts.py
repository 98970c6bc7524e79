"""Forms as provinces really send them (tests/helpers/layouts.py): every row where its truth says, in
every format: accepted with the right place and values, held back with the right reason, or
set aside as not data with the right reason; nothing lost, nothing in two places."""

import datetime as dt

import pandas as pd
import pytest

from analysis.clean import clean_year, read_year
from helpers.files import CRITERIA
from helpers.layouts import FORMATS, build


def outcomes(result) -> dict:
    """(file, sheet, row) -> (outcome, detail) for every row of every output."""
    out: dict = {}

    def put(key, value):
        assert key not in out, f"{key} is in two places: {out[key]} and {value}"
        out[key] = value

    sheet = lambda s: None if pd.isna(s) else s  # noqa: E731
    for r in result.submissions.to_dict("records"):
        put((r["source_file"], sheet(r["source_sheet"]), int(r["source_row"])), ("accept", r))
    for (f, s, row) in {(f, sheet(s), int(r)) for f, s, r in zip(
            result.scores["source_file"], result.scores["source_sheet"], result.scores["source_row"])}:
        put((f, s, row), ("score", None))
    for r in result.judges.to_dict("records"):
        put((r["source_file"], sheet(r["source_sheet"]), int(r["source_row"])), ("roster", None))
    for r in result.quarantine.to_dict("records"):
        put((r["source_file"], sheet(r["source_sheet"]), None if pd.isna(r["source_row"]) else int(r["source_row"])),
            ("quarantine", r))
    for r in result.set_aside.to_dict("records"):
        put((r["source_file"], sheet(r["source_sheet"]), int(r["source_row"])), ("aside", r))
    return out


def _same(got, want) -> bool:
    if isinstance(want, dt.date):
        return pd.Timestamp(got).date() == want
    if isinstance(want, (int, float)):
        return got is not None and not pd.isna(got) and abs(float(got) - want) < 1e-9
    return got == want


@pytest.fixture(scope="module", params=FORMATS)
def cleaned(request, tmp_path_factory, rubric_module):
    raw = tmp_path_factory.mktemp(f"layouts_{request.param}")
    y = build(raw / "2564", request.param)
    tables, problems, _ = read_year(raw, 2564)
    return y, clean_year(tables, problems, 2564, rubric_module)


@pytest.fixture(scope="module")
def rubric_module():
    from analysis.rubric.load import load_rubric

    return load_rubric(CRITERIA / "2564.yaml")


def test_every_row_lands_where_its_truth_says(cleaned):
    y, result = cleaned
    got = outcomes(result)
    want = {(f, s, r): (o, d) for f, s, r, o, d in y.truth}
    assert set(got) == set(want), (sorted(set(want) - set(got)), sorted(set(got) - set(want)))
    wrong = []
    for key, (outcome, detail) in want.items():
        g_outcome, g = got[key]
        if g_outcome != outcome:
            wrong.append((key, outcome, detail, g_outcome, (g or {}).get("reason_code"), (g or {}).get("reason_th")))
        elif outcome in ("quarantine", "aside") and g["reason_code"] != detail:
            wrong.append((key, detail, g["reason_code"], g.get("reason_th")))
        elif outcome == "accept":
            bad = {f: (g.get(f), v) for f, v in detail.items() if not _same(g.get(f), v)}
            if bad:
                wrong.append((key, bad))
    assert wrong == []


def test_hidden_parts_and_columns_not_read_are_listed(cleaned):
    y, result = cleaned
    cols = result.columns
    hidden = cols[cols["why"] == "hidden"]
    assert any("พะเยา" in f for f in hidden["source_file"])
    if any("Forms" in f or "การตอบกลับ" in f for f, *_ in y.truth):
        forms = cols[cols["source_file"].str.contains("การตอบกลับ")]
        assert {"derived", "respondent", "unmapped"} <= set(forms["why"])
        assert "weaker" in set(forms["why"])  # the question that mentions อำเภอ
    aside = result.set_aside
    assert set(aside.loc[aside["reason_code"] == "hidden_sheet", "source_sheet"]) >= {"ปี 2563", "ปีก่อน"}


SOFFICE = "/usr/bin/soffice"


@pytest.mark.slow
@pytest.mark.skipif(not __import__("os").path.exists(SOFFICE), reason="LibreOffice is not installed")
@pytest.mark.parametrize("target", ["ods", "xls", "xlsx"])
def test_layouts_saved_again_by_libreoffice(tmp_path, rubric_module, target):
    """The workbooks opened and saved by LibreOffice itself (what an office using LibreOffice
    sends: its own merges, hidden parts and filters, in .ods, .xls and .xlsx): the same truth."""
    import shutil
    import subprocess

    src, dst = tmp_path / "src", tmp_path / "dst"
    y = build(src / "2564", "xlsx")
    renamed = {}
    books: dict = {}
    for p in sorted((src / "2564").rglob("*")):
        if not p.is_file():
            continue
        rel = p.relative_to(src / "2564")
        (dst / "2564" / rel.parent).mkdir(parents=True, exist_ok=True)
        if p.suffix == ".xlsx":
            books.setdefault(rel.parent, []).append(p)
            renamed[rel.as_posix()] = rel.with_suffix(f".{target}").as_posix()
        else:
            shutil.copy(p, dst / "2564" / rel)
    for folder, paths in books.items():
        subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                        target, "--outdir", str(dst / "2564" / folder), *map(str, paths)],
                       check=True, capture_output=True, timeout=300)
    tables, problems, _ = read_year(dst, 2564)
    got = outcomes(clean_year(tables, problems, 2564, rubric_module))
    want = {(renamed.get(f, f), s, r): (o, d) for f, s, r, o, d in y.truth}
    assert set(got) == set(want)
    assert {k: got[k][0] for k in want} == {k: o for k, (o, _) in want.items()}
    assert {k: got[k][1]["reason_code"] for k, (o, _) in want.items() if o in ("quarantine", "aside")} == \
        {k: d for k, (o, d) in want.items() if o in ("quarantine", "aside")}
