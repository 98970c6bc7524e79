"""An independent, deliberately plain version of the score step's new-panel draws (README, "How sure
each award is"), from submissions.parquet, scores.parquet and the rubric alone: the scoring is
``rederive``'s, the draws are made on the long score table, one panel at a time.

A panel draw: for each national committee, as many seats as it has judges, each filled by one of
its judges drawn with replacement, the seat taking every row that judge gave (so a judge's blank
stays a blank); ``rederive`` scores the drawn table. A new-panel draw takes two panel draws a and b
and puts every judged criterion at observed + sqrt(S/(S-1)) * ((a - observed) + (b - observed)), a
criterion that a draw left without any score counting as no change; then total, ranks and awards.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.rederive import rank_and_award, rederive

KEY = {"individual": "district_code", "province": "province_code"}


def _panel_draw(national: pd.DataFrame, judges: dict, rng: np.random.Generator) -> pd.DataFrame:
    parts = []
    for category, names in judges.items():
        mine = national[national["category"] == category]
        for seat, j in enumerate(rng.integers(0, len(names), len(names))):
            parts.append(mine[mine["judge"] == names[j]].assign(judge=f"seat {seat}"))
    return pd.concat(parts, ignore_index=True)


def candidate(frame: pd.DataFrame) -> pd.Series:
    """Each row's candidate: its district for individuals, its province for projects."""
    return frame["district_code"].where(frame["category"] == "individual", frame["province_code"])


def new_panel_shares(subs: pd.DataFrame, scores: pd.DataFrame, rubric, pairs: int, seed: int) -> pd.DataFrame:
    """The national round's candidates with ``award`` and, over ``pairs`` new-panel draws,
    ``p_same`` (the share keeping that award, or no award) and ``p_any`` (any award)."""
    national = scores[(scores["round"] == "national")].dropna(subset=["judge"])
    observed = rederive(subs, national, rubric).reset_index(drop=True)
    observed["cand"] = candidate(observed)
    judges = {c: sorted(national.loc[national["category"] == c, "judge"].unique()) for c in KEY}
    rng = np.random.default_rng(seed)
    index = pd.MultiIndex.from_frame(observed[["category", "cand"]])
    same, anyw = np.zeros(len(observed)), np.zeros(len(observed))
    for _ in range(pairs):
        a, b = (rederive(subs, _panel_draw(national, judges, rng), rubric)
                .assign(cand=candidate).set_index(["category", "cand"]).reindex(index).reset_index()
                for _ in range(2))
        new = observed.drop(columns=["award"]).copy()
        for category, names in judges.items():
            rows = (observed["category"] == category).to_numpy()
            scale = np.sqrt(len(names) / (len(names) - 1))
            for c in rubric[category].criteria:
                if c.computed:
                    continue
                o = observed.loc[rows, c.key].to_numpy(float)
                moved = [np.nan_to_num(d.loc[rows, c.key].to_numpy(float) - o) for d in (a, b)]
                new.loc[rows, c.key] = o + scale * (moved[0] + moved[1])
            new.loc[rows, "total"] = new.loc[rows, [c.key for c in rubric[category].criteria]].sum(axis=1)
        award = rank_and_award(new, rubric)["award"].to_numpy()
        same += award == observed["award"].to_numpy()
        anyw += award != ""
    return observed.assign(p_same=same / pairs, p_any=anyw / pairs)
