"""The year driver: every round scored, ranked and decided, with how sure each decision is; the
files of the score step.

``score_year`` is a pure function of the clean step's two tables and the rubric; ``run_score``
reads them and writes, beside them: ``results`` (one row per candidate and round),
``judging`` (per candidate and criterion), ``leniency`` (per judge),
``agreement`` (per round and criterion), ``margins`` (per award boundary) and
``weights`` (per weight draw).
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.catalog import SCORE_OUTPUTS, YearFolder, file
from analysis.errors import MissingOutput, UsageError
from analysis import places, store
from analysis.rubric.load import KEY, Rubric
from analysis.score import agreement as agree
from analysis.score import contested as contest
from analysis.score import judgemodel as jm
from analysis.score import uncertainty as unc
from analysis.score.engine import prepare, score_and_rank
from analysis.score.rules import award_levels
from analysis.vocab import AGGREGATIONS, CATEGORIES, ROUNDS, SCOPE_RANK

ID_COLUMNS = ["year", "category", "round", "province_code", "province_name", "district_code",
              "district_name", "region", "name", "project_title"]
FLAG_COLUMNS = ["total", "rank_national", "rank_region", "rank_province", "award_scope", "rank_scope",
                "award", "nominee", "not_nominee", "no_province_round", "few_judges", "incomplete",
                "n_judges_min", "spread_max", "rank_p05", "rank_median", "rank_p95",
                "p_same_award", "p_any_award", "p_nominee", "award_review", "review_reason",
                "p_same_award_weights", "blank_shift", "blank_judges",
                *[f"total_{m}" for m in AGGREGATIONS], *[f"award_{m}" for m in AGGREGATIONS],
                "submitted_at"]
JUDGING_COLUMNS = ["year", "category", "round", "province_code", "district_code", "criterion",
                   "panel_size", "n_judges", "mean", "aggregated", "spread", "min", "max"]
MARGIN_COLUMNS = ["year", "category", "round", "scope_group", "award", "in_province_code",
                  "in_district_code", "out_province_code", "out_district_code", "gap", "min_change",
                  "change_judge", "change_criterion", "change_candidate", "change_direction"]
MORE_COLUMNS = ["year", "category", "round", "extra_judges", "doubtful", "settled", "settled_share"]
PANEL_COLUMNS = ["year", "category", "round", "n_judges", "awards", "settled_share", "current"]
MODEL_COLUMNS = ["year", "category", "round", "criterion", "leniency_sd", "residual_sd", "panel_residual_sd",
                 "reliability", "spread_sd", "step", "erratic_judges"]
OUTPUTS = SCORE_OUTPUTS  # the catalog names them


def _names(levels: np.ndarray, rules) -> np.ndarray:
    return np.array([r["award"] for r in rules] + [""], dtype=object)[levels]


def _decide(frame: pd.DataFrame, r) -> pd.DataFrame:
    """The round's decision from its ranks: the province round's nominee (rank 1 in the province),
    or the awards by the rubric's rules in the rubric's scope."""
    frame["award_scope"] = r.scope
    frame["rank_scope"] = frame[SCOPE_RANK[r.scope]]
    if r.scope == "province":
        frame["award"] = ""
        frame["nominee"] = (frame["rank_province"] == 1).fillna(False).astype(bool)
    else:
        rank = frame["rank_scope"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        frame["award"] = _names(award_levels(rank, frame["total"].to_numpy(dtype=float),
                                             r.rubric.award_rules), r.rubric.award_rules)
    return frame


def _uncertainty(frame: pd.DataFrame, r, draws: int, rng: np.random.Generator) -> tuple[pd.DataFrame, list]:
    """Award probabilities and rank intervals (panel draws), weight sensitivity, the awards every
    method would give, blank shifts and award review."""
    u = unc.award_probabilities(r, frame, draws, rng)
    w = unc.weight_sensitivity(r, frame, draws, rng)
    for j, col in enumerate(["rank_p05", "rank_median", "rank_p95"]):
        frame[col] = pd.Series(u["quantiles"][:, j], index=frame.index).astype("Int64")
    awarded = frame["award"] != ""
    if r.scope == "province":          # the round gives no award: its decision is the nominee
        frame["p_same_award"], frame["p_any_award"] = 1.0, 0.0
        frame["p_nominee"] = np.where(frame["total"].notna(), u["p_any"], 0.0)
    else:
        frame["p_same_award"], frame["p_any_award"] = u["p_same"], u["p_any"]
        frame["p_nominee"] = np.nan
    frame["p_same_award_weights"] = w["p_same"]
    review = r.rubric.review
    uncertain = awarded & (frame["p_same_award"] < review["p_same_below"])
    possible = ~awarded & (frame["p_any_award"] >= review["p_any_at_least"])
    frame["award_review"] = uncertain | possible
    frame["review_reason"] = np.where(uncertain, "uncertain_award", np.where(possible, "possible_award", ""))
    return frame, list(w["changes"]), u["p_level"]


def _settling(frame: pd.DataFrame, r, p_level: np.ndarray, rng: np.random.Generator,
              futures: int) -> dict[str, pd.DataFrame]:
    """A national round's contested sets, its fitted judge model, what k more judges on the
    contested candidates would settle (and whom to re-score first), and the panel-size curve."""
    review = r.rubric.review
    sets = contest.contested_sets(frame, p_level, r.rubric.award_rules, chance=review["contested_at_least"],
                                  settled=review["p_same_below"])
    out = {"contested": sets}
    model = jm.fit(r) if r.scope != "province" and len(frame) else None
    if model is None or not futures:
        return out
    year = int(frame["year"].iloc[0])
    ids = {"year": year, "category": r.category, "round": r.round}
    out["judge_model"] = jm.model_table(model, r)
    who = contest.contested_candidates(sets, frame)
    doubtful = ((frame["award"] != "") & (frame["p_same_award"] < review["p_same_below"])).to_numpy()
    if who.any() and doubtful.any():
        more = jm.more_judges(r, frame, model, who, doubtful, rng, threshold=review["p_same_below"],
                              futures=futures)
        out["more_judges"] = pd.DataFrame({**ids, "extra_judges": more["k"], "doubtful": int(doubtful.sum()),
                                           "settled": more["settled"],
                                           "settled_share": np.array(more["settled"]) / doubtful.sum()})
        # re-score first: where one more judge most often settles the candidate's decision, then
        # the chance nearest a coin toss
        first = pd.DataFrame({"p": more["p_settled"][0], "toss": -np.abs(frame["p_same_award"] - 0.5)},
                             index=frame.index)[who].sort_values(["p", "toss"], ascending=False)
        key = lambda p, d: (p, d if isinstance(d, str) else "")  # noqa: E731 - a candidate's id
        order = {key(frame.at[i, "province_code"], frame.at[i, "district_code"]): (n + 1, first.at[i, "p"])
                 for n, i in enumerate(first.index)}
        found = [order.get(key(p, d), (pd.NA, np.nan)) for p, d in zip(sets["province_code"], sets["district_code"])]
        sets["rescore_order"] = pd.array([f[0] for f in found], dtype="Int64")
        sets["p_settled_1"] = [f[1] for f in found]
    size = jm.panel_size(r, frame, model, rng, threshold=review["p_same_below"], futures=futures)
    out["panel_size"] = pd.DataFrame({**ids, "n_judges": size["n_judges"], "awards": size["awards"],
                                      "settled_share": size["settled_share"],
                                      "current": np.array(size["n_judges"]) == int(r.size.max(initial=0))})
    return out


def _alternatives(frame: pd.DataFrame, r) -> pd.DataFrame:
    """Totals and awards under every method of combining judges, and the blank shifts."""
    for method, (total, level) in unc.method_awards(r, frame).items():
        frame[f"total_{method}"] = total
        frame[f"award_{method}"] = (_names(level, r.rubric.award_rules) if r.scope != "province"
                                    else np.where(level == 0, "เสนอชื่อ", ""))
    shift, who = agree.blank_shift(r)
    frame["blank_shift"], frame["blank_judges"] = shift, who
    return frame


def _margins(frame: pd.DataFrame, r) -> pd.DataFrame:
    rows = unc.boundary_margins(r, frame)
    for m in rows:
        a, b = frame.iloc[m.pop("in_index")], frame.iloc[m.pop("out_index")]
        m.update({"year": a["year"], "category": r.category, "round": r.round,
                  "in_province_code": a["province_code"], "in_district_code": a["district_code"],
                  "out_province_code": b["province_code"], "out_district_code": b["district_code"]})
    return pd.DataFrame(rows).reindex(columns=MARGIN_COLUMNS)


def score_year(submissions: pd.DataFrame, scores: pd.DataFrame, rubric: Rubric, *, draws: int = 1000,
               seed: int = 2564, intervals: bool = True, futures: int = jm.FUTURES) -> dict[str, pd.DataFrame]:
    """All rounds of one year: ``{"results", "judging", "leniency", "agreement", "margins",
    "weights", "timing"}``. ``intervals=False`` leaves out everything drawn (probabilities,
    intervals, weight draws) and the judges' statistics: totals, ranks and awards do not depend on
    them, and the compare step needs only those. The draws are seeded: the same data, rubric and
    seed give the same figures."""
    if intervals and draws < 1:
        raise UsageError("draws ต้องอย่างน้อย 1 / draws must be at least 1")
    out: dict[str, list] = {k: [] for k in (*OUTPUTS, "timing")}
    for ci, category in enumerate(CATEGORIES):
        rub = rubric[category]
        forms, sc = prepare(submissions, category), prepare(scores, category)
        for ri, rnd in enumerate(ROUNDS[category]):
            frame, judged, r = score_and_rank(forms, sc, rub, category, rnd)
            frame = _decide(frame, r)
            start = time.perf_counter()
            if intervals:
                rng = np.random.default_rng([seed, 10 * ci + ri])     # each round its own stream
                frame, changes, p_level = _uncertainty(frame, r, draws, rng)
                frame = _alternatives(frame, r)
                for name, table in _settling(frame, r, p_level, np.random.default_rng([seed, 10 * ci + ri, 1]),
                                             futures).items():
                    out[name].append(table)
                if len(frame):
                    out["weights"].append(pd.DataFrame({"year": int(frame["year"].iloc[0]),
                                                        "category": category, "round": rnd,
                                                        "draw": np.arange(len(changes)), "changes": changes}))
                out["margins"].append(_margins(frame, r))
                out["leniency"].append(agree.leniency(r))
                out["agreement"].append(agree.agreement(r))
            out["timing"].append({"category": category, "round": rnd, "candidates": len(frame),
                                  "draws": 2 * draws if intervals else 0,
                                  "seconds": time.perf_counter() - start})
            out["results"].append(frame)
            out["judging"].append(judged)
    results = _finish(pd.concat(out["results"], ignore_index=True), rubric)
    done = {"results": results,
            "judging": pd.concat(out["judging"], ignore_index=True).reindex(columns=JUDGING_COLUMNS),
            "timing": pd.DataFrame(out["timing"])}
    empty = {"leniency": agree.LENIENCY_COLUMNS, "agreement": agree.AGREEMENT_COLUMNS,
             "margins": MARGIN_COLUMNS, "weights": ["year", "category", "round", "draw", "changes"],
             "contested": contest.CONTESTED_COLUMNS, "more_judges": MORE_COLUMNS, "panel_size": PANEL_COLUMNS,
             "judge_model": MODEL_COLUMNS}
    for name, columns in empty.items():
        parts = [p for p in out[name] if len(p)]
        done[name] = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
    return done


def _finish(results: pd.DataFrame, rubric: Rubric) -> pd.DataFrame:
    results = _nominees(results)
    results["province_name"] = results["province_code"].map(places.province_name)
    results["district_name"] = results["district_code"].map(
        lambda c: places.district_name(c) if isinstance(c, str) else None)
    keys = list(dict.fromkeys(k for c in ROUNDS for k in rubric[c].keys))
    results = results.reindex(columns=ID_COLUMNS + keys + FLAG_COLUMNS)
    for col in ("nominee", "not_nominee", "no_province_round", "few_judges", "incomplete",
                "award_review"):
        results[col] = results[col].astype("boolean").fillna(False).astype(bool)
    for col in ("n_judges_min", "rank_scope"):
        results[col] = results[col].astype("Int64")
    for col in ("award", "review_reason", "blank_judges", "award_scope",
                *[f"award_{m}" for m in AGGREGATIONS]):
        results[col] = results[col].astype("string").fillna("").astype(str)
    return results


def _nominees(results: pd.DataFrame) -> pd.DataFrame:
    """The province round's rank 1 is the province's nominee; a national-round candidate who was not
    is flagged ``not_nominee``; with no province round in that province, ``no_province_round``."""
    ind = results["category"] == "individual"
    prov_round = results[ind & (results["round"] == "province")]
    nominated = set(prov_round.loc[prov_round["nominee"].astype(bool), "district_code"])
    held = set(prov_round["province_code"])
    national = ind & (results["round"] == "national")
    results.loc[national, "nominee"] = results.loc[national, "district_code"].isin(nominated)
    results.loc[national, "no_province_round"] = ~results.loc[national, "province_code"].isin(held)
    results.loc[national, "not_nominee"] = ~(results.loc[national, "nominee"].astype(bool)
                                             | results.loc[national, "no_province_round"].astype(bool))
    return results


def read_cleaned(clean_dir: str | Path, year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The clean step's ``submissions`` and ``scores`` of a year: what scoring reads
    (the score step, and the compare step, which scores each year itself)."""
    folder = YearFolder(clean_dir, year)
    for name in ("submissions", "scores"):
        if not folder.has(name):
            raise MissingOutput(
                f"ไม่พบ {file(name)} ในโฟลเดอร์ {folder.path} (ให้รันขั้น clean ของปี {year} ก่อน) / "
                f"{file(name)} not found in folder {folder.path} (run the clean step for {year} first)")
    return folder.read("submissions", verified=True), folder.read("scores", verified=True)


def run_score(clean_dir: str | Path, year: int, rubric: Rubric, *, draws: int = 1000,
              seed: int = 2564) -> dict[str, pd.DataFrame]:
    """Read ``<clean_dir>/<year>/{submissions,scores}.parquet``, score, and write the step's tables
    beside them (``OUTPUTS``, one parquet file each) and ``timing`` (seconds spent on the
    uncertainty per round: ``make bench`` reads it after the batch)."""
    final = Path(clean_dir) / str(year)
    YearFolder(clean_dir, year).verify("submissions", "scores", rubric=rubric.path)
    submissions, scores = read_cleaned(clean_dir, year)
    out = score_year(submissions, scores, rubric, draws=draws, seed=seed)
    with store.staged(final, "score", keep="clean", rubric=rubric.path,
                      parameters={"draws": draws, "seed": seed}) as folder:  # written whole, beside clean's
        for name in OUTPUTS:
            out[name].to_parquet(folder / file(name), index=False)
        out["timing"].assign(year=year).to_parquet(folder / file("timing"), index=False)
    return out


def criterion_columns(results: pd.DataFrame) -> list[str]:
    """The criterion key columns of a results table (A1, ..., P5)."""
    return [c for c in results.columns if KEY.match(c)]
