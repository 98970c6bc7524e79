"""The compare step: a province x year panel, changes, the rubric-change rule, charts, the map."""

from __future__ import annotations

import io
import shutil
import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")

from helpers.files import CRITERIA, ROOT, SAMPLE_YEARS  # noqa: E402

from analysis import compare as cmp  # noqa: E402
from analysis.__main__ import main  # noqa: E402
from analysis.years import parse_years  # noqa: E402
from analysis.charts import compare as charts  # noqa: E402
from analysis import places  # noqa: E402
from analysis.charts import thaimap  # noqa: E402
from analysis.rubric.load import load_rubric, rubric_path  # noqa: E402

YEARS = [2564, 2565, 2566]
CM, KORAT, SONGKHLA, NONTHABURI = "50", "30", "90", "12"


@pytest.fixture(scope="module")
def rubrics():
    return {y: load_rubric(rubric_path(CRITERIA, y)) for y in YEARS}


def _form(year, category, province, district=None):
    return {"year": year, "category": category, "province_code": province,
            "district_code": district, "region": places.region_of(province)}


def _result(year, province, total, rank, award="", category="individual", nominee=True, **points):
    return {"year": year, "category": category, "round": "national", "province_code": province,
            "district_code": f"{province}01" if category == "individual" else None,
            "region": places.region_of(province), "total": float(total), "rank_national": rank,
            "rank_region": 1, "award": award, "nominee": nominee, **points}


@pytest.fixture(scope="module")
def small(rubrics):
    """Four provinces, three years. Songkhla takes no part in 2564 and 2566; Korat sends no
    project in 2564; Nonthaburi stops in 2566. 2566 has the new rubric (A1 out of 10, A4)."""
    subs = pd.DataFrame([
        _form(2564, "individual", CM, "5001"), _form(2564, "individual", CM, "5002"),
        _form(2564, "individual", KORAT, "3001"), _form(2564, "individual", NONTHABURI, "1201"),
        _form(2564, "province", CM), _form(2564, "province", NONTHABURI),
        _form(2565, "individual", CM, "5001"), _form(2565, "individual", KORAT, "3001"),
        _form(2565, "individual", SONGKHLA, "9001"), _form(2565, "individual", NONTHABURI, "1201"),
        _form(2565, "province", CM), _form(2565, "province", KORAT),
        _form(2566, "individual", CM, "5001"), _form(2566, "individual", KORAT, "3001"),
        _form(2566, "province", CM), _form(2566, "province", KORAT),
    ])
    results = pd.DataFrame([
        _result(2564, CM, 80, 2, A1=15), _result(2564, KORAT, 90, 1, "ดีเด่น", A1=12),
        _result(2564, NONTHABURI, 70, 3, A1=9),
        _result(2564, CM, 75, 1, category="province", P1=15),
        _result(2564, NONTHABURI, 60, 2, category="province"),
        _result(2565, CM, 85, 2, "ชมเชย", A1=15), _result(2565, KORAT, 84, 3, A1=9),
        _result(2565, SONGKHLA, 88, 1, "ดีเด่น", A1=12), _result(2565, NONTHABURI, 60, 4, A1=6),
        _result(2565, KORAT, 50, 4, category="individual", nominee=False, A1=3),  # not the nominee
        _result(2565, CM, 70, 2, category="province"),
        _result(2565, KORAT, 80, 1, "ดีเด่น", category="province"),
        _result(2566, CM, 78, 2, A1=10, A4=4), _result(2566, KORAT, 92, 1, "ดีเด่น", A1=8, A4=5),
        _result(2566, CM, 72, 1, category="province"), _result(2566, KORAT, 65, 2, category="province"),
    ])
    return subs, results, cmp.build_panel(subs, results, rubrics, YEARS)


def _row(panel, year, code):
    return panel[(panel["year"] == year) & (panel["province_code"] == code)].iloc[0]


# ------------------------------------------------------------------------ the panel
def test_every_province_every_year_absent_ones_included(small):
    _, _, panel = small
    assert len(panel) == 76 * 3
    assert not panel.duplicated(["year", "province_code"]).any()
    assert places.BANGKOK not in set(panel["province_code"])
    absent = _row(panel, 2564, SONGKHLA)
    assert not absent["participated"] and absent["applicants"] == 0
    assert np.isnan(absent["nominee_total"]) and pd.isna(absent["nominee_rank"])
    assert np.isnan(absent["share_A1"]) and absent["nominee_award"] == ""
    untouched = panel[panel["province_code"] == "57"]  # Chiang Rai: no forms at all
    assert not untouched["participated"].any() and untouched["nominee_total"].isna().all()


def test_participation_counts_and_categories(small):
    _, _, panel = small
    cm = _row(panel, 2564, CM)
    districts = int(places.provinces().set_index("province_code").loc[CM, "districts"])
    assert cm["applicants"] == 2 and cm["districts"] == districts
    assert cm["participation"] == pytest.approx(2 / districts)
    korat = _row(panel, 2564, KORAT)
    assert korat["individual_participated"] and not korat["project_participated"]
    assert korat["participated"]


def test_nominee_figures_and_awards(small):
    _, _, panel = small
    korat = _row(panel, 2565, KORAT)
    assert korat["nominee_total"] == 84 and korat["nominee_rank"] == 3  # the nominee, not the 50
    assert _row(panel, 2564, KORAT)["nominee_award"] == "ดีเด่น"
    assert _row(panel, 2564, KORAT)["awards_individual"] == 1
    assert _row(panel, 2564, CM)["awards_individual"] == 0
    assert _row(panel, 2565, KORAT)["project_total"] == 80
    assert _row(panel, 2565, KORAT)["project_award"] == "ดีเด่น"


# ------------------------------------------------------------------------ change
def test_year_on_year_deltas_and_rank_sign(small):
    _, _, panel = small
    yoy = cmp.year_on_year(panel).set_index(["province_code", "year"])
    cm = yoy.loc[(CM, 2565)]
    assert cm["prev_year"] == 2564 and cm["total_delta"] == pytest.approx(5)
    assert cm["rank_delta"] == 0  # 2nd both years
    korat = yoy.loc[(KORAT, 2565)]  # 1st -> 3rd: slipped two places
    assert korat["rank_delta"] == -2 and korat["total_delta"] == pytest.approx(-6)
    korat = yoy.loc[(KORAT, 2566)]  # 3rd -> 1st: moved up, positive
    assert korat["rank_delta"] == 2 and korat["total_delta"] == pytest.approx(8)
    assert np.isnan(yoy.loc[(SONGKHLA, 2565), "total_delta"])  # absent the year before
    assert (2564 not in yoy.index.get_level_values("year"))


def test_first_to_last_and_movers(small):
    _, _, panel = small
    change = cmp.first_to_last(panel).set_index("province_code")
    assert change.loc[CM, "total_delta"] == pytest.approx(-2)
    assert change.loc[KORAT, "total_delta"] == pytest.approx(2) and change.loc[KORAT, "rank_delta"] == 0
    assert np.isnan(change.loc[NONTHABURI, "total_delta"])  # stopped: no last-year score
    up = cmp.top_movers(change.reset_index(), 3, "up")
    down = cmp.top_movers(change.reset_index(), 3, "down")
    assert up["province_code"].tolist() == [KORAT]
    assert down["province_code"].tolist() == [CM]
    mid = cmp.first_to_last(panel, first=2565, last=2566).set_index("province_code")
    assert mid.loc[CM, "rank_delta"] == 0 and mid.loc[CM, "total_delta"] == pytest.approx(-7)
    project = cmp.first_to_last(panel, "province").set_index("province_code")
    assert project.loc[CM, "total_delta"] == pytest.approx(-3)


def test_stopped_and_started_per_category(small):
    _, _, panel = small
    pc = cmp.participation_changes(panel)
    got = set(zip(pc["year"], pc["category"], pc["province_code"], pc["change"]))
    assert (2565, "individual", SONGKHLA, "started") in got
    assert (2566, "individual", SONGKHLA, "stopped") in got
    assert (2566, "individual", NONTHABURI, "stopped") in got
    assert (2565, "province", NONTHABURI, "stopped") in got
    assert (2565, "province", KORAT, "started") in got
    assert not any(code == CM for _, _, code, _ in got)  # CM took part every year in both
    assert set(pc["change_th"]) <= set(cmp.CHANGE_TH.values())


def test_regional_summary(small):
    _, _, panel = small
    reg = cmp.regional_summary(panel).set_index(["year", "region"])
    assert len(reg) == 3 * 4
    north = reg.loc[(2564, "north")]
    assert north["provinces"] == 17 and north["individual_provinces"] == 1
    assert north["mean_nominee_total"] == pytest.approx(80)
    assert reg.loc[(2566, "northeast"), "awards_individual"] == 1
    assert reg.loc[(2565, "northeast"), "awards_project"] == 1
    assert north["participation"] == pytest.approx(2 / north["districts"])


# ------------------------------------------------------------------------ rubric changes
def test_rubric_change_a4_not_comparable_a1_as_share(rubrics):
    table = cmp.comparable_criteria(rubrics[2565], rubrics[2566]).set_index("key")
    assert not table.loc["A4", "comparable"] and table.loc["A4", "reason_code"] == "added"
    assert table.loc["A1", "comparable"] and table.loc["A1", "reason_code"] == "max_changed"
    assert (table.loc["A1", "max_a"], table.loc["A1", "max_b"]) == (15, 10)
    assert table.loc["B1", "comparable"] and table.loc["B1", "reason_code"] == "renamed"
    assert table.loc["A3", "reason_code"] == "unchanged"
    back = cmp.comparable_criteria(rubrics[2566], rubrics[2565]).set_index("key")
    assert back.loc["A4", "reason_code"] == "removed" and not back.loc["A4", "comparable"]
    changes = cmp.rubric_changes(rubrics)
    assert set(changes["key"]) == {"A1", "A4", "B1"} and set(changes["year_b"]) == {2566}


def test_shares_follow_each_years_maximum(small, rubrics):
    _, _, panel = small
    assert _row(panel, 2565, CM)["share_A1"] == pytest.approx(15 / 15)
    assert _row(panel, 2566, CM)["share_A1"] == pytest.approx(10 / 10)
    assert _row(panel, 2566, KORAT)["share_A1"] == pytest.approx(8 / 10)
    assert _row(panel, 2566, KORAT)["share_A4"] == pytest.approx(5 / 5)
    assert np.isnan(_row(panel, 2565, KORAT)["share_A4"])
    assert _row(panel, 2564, CM)["share_P1"] == pytest.approx(15 / 20)
    crit = cmp.criterion_changes(panel, rubrics[2565], rubrics[2566]).set_index("key")
    assert np.isnan(crit.loc["A4", "mean_share_b"]) and np.isnan(crit.loc["A4", "share_delta"])
    assert crit.loc["A1", "share_delta"] == pytest.approx(0.9 - (1.0 + 0.6 + 0.8 + 0.4) / 4)


def test_missing_clean_output_names_the_folder_and_the_step(tmp_path):
    folder = tmp_path / "2564"
    folder.mkdir()
    pd.DataFrame({"year": [2564]}).to_parquet(folder / "submissions.parquet")
    with pytest.raises(FileNotFoundError) as err:
        cmp.run_compare(tmp_path, "2564", CRITERIA)
    assert str(folder) in str(err.value) and "ไม่พบ" in str(err.value)
    assert "scores.parquet" in str(err.value) and "clean" in str(err.value)


def test_parse_years():
    assert parse_years("2564-2566") == [2564, 2565, 2566]
    assert parse_years("2566,2564") == [2564, 2566]
    assert parse_years(2565) == [2565]


# ------------------------------------------------------------------------ the map layout
def test_tile_map_places_all_76_once_without_bangkok():
    codes = set(places.provinces()["province_code"])
    assert set(thaimap.TILES) == codes and len(thaimap.TILES) == 76
    assert places.BANGKOK not in thaimap.TILES
    assert len(set(thaimap.TILES.values())) == 76
    assert thaimap.BANGKOK_TILE not in set(thaimap.TILES.values())


def test_tile_map_reads_as_thailand():
    by_region = {}
    for code, (r, c) in thaimap.TILES.items():
        by_region.setdefault(places.region_of(code), []).append((r, c))
    mean = {k: np.mean(v, axis=0) for k, v in by_region.items()}
    assert mean["north"][0] < mean["central"][0] < mean["south"][0]  # north on top, south at the bottom
    assert mean["northeast"][1] > mean["north"][1] + 2                 # the northeast to the right
    south_rows = [r for r, _ in by_region["south"]]
    assert min(south_rows) > max(r for reg, t in by_region.items() if reg != "south" for r, _ in t)
    assert max(south_rows) - min(south_rows) >= 4                      # a long tail
    assert thaimap.TILES["57"][0] == 0                                 # Chiang Rai at the top


# ------------------------------------------------------------------------ charts
def _glyph_warnings(figures) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for fig in figures:
            fig.savefig(io.BytesIO(), format="png", dpi=40)
    import matplotlib.pyplot as plt

    for fig in figures:
        plt.close(fig)
    return [str(w.message) for w in caught if "Glyph" in str(w.message) and "missing" in str(w.message)]


def test_the_glyph_check_would_catch_a_font_without_thai():
    import matplotlib.pyplot as plt

    with matplotlib.rc_context({"font.family": "DejaVu Sans"}):
        fig, ax = plt.subplots()
        ax.set_title("ภาคเหนือ")
        assert _glyph_warnings([fig])


def test_charts_have_no_missing_glyphs(small):
    _, _, panel = small
    figs = [charts.heatmap(panel), charts.heatmap(panel, "province"),
            charts.slope_chart(panel, 2564, 2566), charts.region_lines(panel), charts.tile_map(panel)]
    assert all(isinstance(f, matplotlib.figure.Figure) for f in figs)
    panels = figs[0].axes[:len(charts.HEATMAP_PANELS)]  # a panel per region, then the colour bar
    heat_rows = [t.get_text() for ax in panels for t in ax.get_yticklabels()]
    assert [len(ax.get_yticklabels()) for ax in panels] == [17, 20, 25, 14]
    assert len(heat_rows) == 76 and heat_rows[0] == "กำแพงเพชร"  # north first, Thai order
    assert heat_rows.index("เชียงใหม่") < heat_rows.index("นครราชสีมา") < heat_rows.index("สงขลา")
    texts = [t.get_text() for t in figs[4].axes[0].texts]
    assert "โคราช" in texts and "+2.0" in texts and "-2.0" in texts  # Korat +2, Chiang Mai -2
    assert _glyph_warnings(figs) == []


# ------------------------------------------------------------------------ the real sample
@pytest.fixture(scope="module")
def compared(sample, tmp_path_factory):
    """The five sample years (cleaned and scored once per session, see conftest), compared in a
    copy: the comparison writes beside the years, and the session's sample is read only."""
    out = tmp_path_factory.mktemp("compared") / "clean"
    shutil.copytree(sample / "clean", out)
    return out, list(SAMPLE_YEARS), cmp.run_compare(out, "2564-2568", CRITERIA)


def test_sample_panel_covers_76_provinces_and_agrees_with_results(compared):
    out, years, result = compared
    panel = pd.read_parquet(out / "compare" / "panel.parquet")
    assert len(panel) == 76 * len(years) and "10" not in set(panel["province_code"])
    for y in years:
        res = pd.read_parquet(out / str(y) / "results.parquet")
        subs = pd.read_parquet(out / str(y) / "submissions.parquet")
        nat = res[(res["category"] == "individual") & (res["round"] == "national") & res["nominee"]]
        p = panel[panel["year"] == y].set_index("province_code")
        assert len(nat) > 50
        for _, r in nat.iterrows():
            assert p.loc[r["province_code"], "nominee_total"] == pytest.approx(r["total"])
            assert p.loc[r["province_code"], "nominee_rank"] == r["rank_national"]
        proj = res[res["category"] == "province"].set_index("province_code")
        assert np.allclose(p.loc[proj.index, "project_total"], proj["total"])
        applicants = subs[subs["category"] == "individual"].groupby("province_code").size()
        assert (p["applicants"].reindex(applicants.index) == applicants).all()
        assert p["participated"].sum() == subs["province_code"].nunique()
    assert set(result["rubric_changes"]["key"]) == {"A1", "A4", "B1"}
    assert panel.loc[panel["year"] == 2565, "share_A4"].isna().all()
    assert panel.loc[panel["year"] == 2566, "share_A4"].notna().any()


def test_compare_needs_only_the_clean_step(compared, tmp_path):
    """The batch runs the comparison beside the score steps: with only the clean step's files (no
    results.parquet) it gives the same panel as beside the score step's results."""
    out, _, _ = compared
    for y in (2565, 2566):
        (tmp_path / str(y)).mkdir()
        for name in ("submissions.parquet", "scores.parquet", "judges.parquet", "quarantine.csv",
                     "set_aside.csv", "manifest.json"):  # the clean step's files, as it wrote them
            shutil.copy(out / str(y) / name, tmp_path / str(y) / name)
    alone = cmp.run_compare(tmp_path, "2565-2566", CRITERIA)["panel"]
    assert not list(tmp_path.glob("*/results.parquet"))
    beside = cmp.run_compare(out, "2565-2566", CRITERIA)["panel"]
    pd.testing.assert_frame_equal(alone, beside)
    assert alone["nominee_total"].notna().sum() > 100 and (alone["nominee_award"] != "").sum() >= 8


def test_command_prints_and_writes(compared, capsys):
    out, _, _ = compared
    assert main(["compare", "--clean-dir", str(out), "--years", "2565-2566",
                 "--criteria-dir", str(CRITERIA)]) == 0
    text = capsys.readouterr().out
    assert "76 provinces x 2 years = 152 rows" in text and "A4" in text


def test_notebook_runs_and_tells_the_story(compared, tmp_path):
    import papermill as pm

    out, _, _ = compared
    notebooks = ROOT / "notebooks"
    nb = pm.execute_notebook(
        str(notebooks / "03_compare.ipynb"), str(tmp_path / "03.ipynb"),
        parameters={"years": "2565-2566", "clean_dir": str(out), "criteria_dir": str(CRITERIA)},
        kernel_name="python3", progress_bar=False, cwd=str(notebooks))
    outputs = [o for c in nb["cells"] for o in c.get("outputs", [])]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    alts = [o["metadata"]["image/png"]["alt"] for o in images]
    # four charts; a chart taller than a printed page comes as its pieces ("ส่วนที่ 1 จาก 4")
    assert len({a.split(" (ส่วนที่")[0] for a in alts}) == 4 and len(images) >= 4
    assert [a for a in alts if "(ส่วนที่" in a][:1] == [alts[0].split(" (ส่วนที่")[0] + " (ส่วนที่ 1 จาก 4)"]
    assert not [o for o in outputs if o.get("name") == "stderr" or o.get("output_type") == "error"]
    from analysis.report.tables import for_report

    reported = [r for r in map(for_report, outputs) if r is not None]  # what the report shows
    html = "\n".join(str(o.get("data", {}).get("text/html", "")) for o in reported)
    assert "A4" in html and "ไม่ได้" in html and "คะแนนเปลี่ยน" in html and "ภาคใต้" in html
    # the report's tables: years as text (never "2,565"), no index column, numbers right-aligned
    assert "<td>2565</td>" in html and "2,56" not in html
    assert "<th></th>" not in html and 'class="dataframe"' not in html
    assert '<th class="num">คะแนนเปลี่ยน</th>' in html
