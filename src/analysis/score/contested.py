"""Contested sets: for each award of each scope group, the candidates among whom the data cannot
decide.

With five judges most close awards are doubtful, and a flag beside three awards in four answers
"how sure?" but not "what do we do?". A contested set says it the committee's way: "1 รางวัลดีเด่น
ของภาคเหนือ ระหว่าง 3 คนนี้ ข้อมูลยังแยกไม่ได้". Its members are the candidates of the scope group
with a real chance of that award (``p_award`` at least the rubric's ``awards.review.contested_at_least``,
0.1 by default) over the score step's new-panel draws; ``places`` is how many the rule gives (ranks
from..to). A set is *settled* when every member's chance is at least ``awards.review.p_same_below``
(0.9): then the members are exactly the winners and nobody else comes near. Otherwise it is
contested, and the review packet and the more-judges simulation are about its members.

``contested_sets`` is a pure function of a round's results and its per-award probabilities.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.vocab import SCOPE_COLUMN

CONTESTED_COLUMNS = ["year", "category", "round", "scope_group", "award", "level", "places", "set_size",
                     "contested", "province_code", "district_code", "award_now", "p_award", "total",
                     "rank_scope", "rescore_order", "p_settled_1"]


def contested_sets(frame: pd.DataFrame, p_level: np.ndarray, award_rules, *, chance: float = 0.1,
                   settled: float = 0.9) -> pd.DataFrame:
    """One row per member of each award's set in each scope group of a national round: the
    candidates whose chance of that award (``p_level[:, L]``, the share of new-panel draws giving
    award rule L) is at least ``chance``; ``places`` the rule's ranks; ``contested`` True unless
    every member's chance reaches ``settled``. Members in order of their chance, best first.
    ``rescore_order`` and ``p_settled_1`` are left empty here (the more-judges simulation fills
    them: the order to re-score in, and the share of futures in which one more judge settles the
    candidate's decision)."""
    if not len(frame) or frame["award_scope"].iloc[0] == "province":
        return pd.DataFrame(columns=CONTESTED_COLUMNS)
    column = SCOPE_COLUMN[frame["award_scope"].iloc[0]]
    group = frame[column].astype(str).to_numpy()
    ranked = frame["total"].notna().to_numpy()
    rows = []
    for g in pd.unique(group[ranked]):
        mine = ranked & (group == g)
        for L, rule in enumerate(award_rules):
            p = np.where(mine, p_level[:, L], 0.0)
            members = np.flatnonzero(p >= chance)
            if not len(members):
                continue
            members = members[np.argsort(-p[members], kind="stable")]
            lo, hi = rule["ranks"]
            is_contested = bool((p[members] < settled).any())
            for i in members:
                x = frame.iloc[i]
                rows.append({"year": int(x["year"]), "category": x["category"], "round": x["round"],
                             "scope_group": g, "award": rule["award"], "level": L,
                             "places": int(hi - lo + 1), "set_size": len(members), "contested": is_contested,
                             "province_code": x["province_code"], "district_code": x["district_code"],
                             "award_now": x["award"], "p_award": float(p[i]), "total": float(x["total"]),
                             "rank_scope": x["rank_scope"], "rescore_order": pd.NA,
                             "p_settled_1": np.nan})
    return pd.DataFrame(rows, columns=CONTESTED_COLUMNS)


def contested_candidates(sets: pd.DataFrame, frame: pd.DataFrame) -> np.ndarray:
    """A (C,) mask of the round's candidates in some contested set: the ones extra judges would score."""
    c = sets[sets["contested"]]
    keys = {(p, d if isinstance(d, str) else "") for p, d in zip(c["province_code"], c["district_code"])}
    return np.array([(p, d if isinstance(d, str) else "") in keys
                     for p, d in zip(frame["province_code"], frame["district_code"])], dtype=bool)
