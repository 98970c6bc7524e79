"""The score step's tables in Thai, in the words of a committee member: leaderboards, awards, what
to review before announcing and why, the judges, and what else could change an award.

Every table is built from the score step's files (``results``, ``judging``, ``leniency``,
``agreement``, ``margins``, ``weights``) and never recomputes a figure: what a table says is what a
file holds. Ranks are always the rank in the round's award scope (``rank_scope``, labelled by
``vocab.SCOPE_TH``), so a rubric that gives individual awards nationally shows national ranks.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.score.year import criterion_columns
from analysis.vocab import (AGGREGATION_TH, AGGREGATIONS, CATEGORIES, CATEGORY_TH, COMPUTED_FIELD_TH,
                            REGION_ORDER, REGIONS, REVIEW_SHORT_TH, REVIEW_TH, ROUND_TH, SCOPE_TH)
from analysis import places

FLAGS_TH = {"incomplete": "คะแนนไม่ครบ ไม่จัดอันดับ", "few_judges": "กรรมการให้คะแนนน้อยกว่าเกณฑ์",
            "not_nominee": "ไม่ใช่ผู้ที่จังหวัดเสนอชื่อ", "no_province_round": "ไม่มีผลรอบจังหวัด"}
INTERVAL_TH = "อันดับที่เป็นไปได้เมื่อเปลี่ยนกรรมการ"
# the same interval as two whole numbers (the workbook's columns: they sort and filter as numbers)
INTERVAL_FROM_TH, INTERVAL_TO_TH = f"{INTERVAL_TH} จาก", f"{INTERVAL_TH} ถึง"
P_SAME_TH = "โอกาสได้ผลเดิม (จาก 100)"
REVIEW_COLUMN_TH = "ควรทบทวน"
NATIONWIDE = "ทั่วประเทศ"


def _rank_header(frame: pd.DataFrame) -> str:
    scopes = frame["award_scope"].dropna().unique()
    return SCOPE_TH.get(scopes[0], "ลำดับ") if len(scopes) == 1 else "ลำดับ"


def _notes(frame: pd.DataFrame) -> pd.Series:
    """Each row's flags in Thai, "; "-joined (column-wise: a row-by-row apply was most of the cost of
    a leaderboard)."""
    flags = [np.where(frame[f].to_numpy(dtype=bool), t, "") for f, t in FLAGS_TH.items()]
    return pd.Series(["; ".join(t for t in row if t) for row in zip(*flags)], index=frame.index,
                     dtype="str")


def _interval(frame: pd.DataFrame) -> pd.Series:
    """"p05–p95" of each row's rank ("1" when both are 1), blank when it has none."""
    lo, hi = frame["rank_p05"].astype("string"), frame["rank_p95"].astype("string")
    text = (lo + "–" + hi).where(lo != hi, lo)
    return text.fillna("").astype("str")


def _put_interval(table: pd.DataFrame, frame: pd.DataFrame, as_numbers: bool) -> None:
    """The rank interval as one text column ("1–2", for a page), or ``as_numbers`` as two whole
    numbers, from and to (``INTERVAL_FROM_TH``, ``INTERVAL_TO_TH``: a workbook's columns, which a
    spreadsheet sorts and filters as numbers and does not flag as numbers stored as text)."""
    if as_numbers:
        table[INTERVAL_FROM_TH] = frame["rank_p05"].astype("Int64")
        table[INTERVAL_TO_TH] = frame["rank_p95"].astype("Int64")
    else:
        table[INTERVAL_TH] = _interval(frame)


def out_of_100(p: pd.Series) -> pd.Series:
    """A probability as "how many of 100 panels": 0.834 -> 83 (whole numbers read more plainly)."""
    return (pd.to_numeric(p, errors="coerce") * 100).round().astype("Int64")


PROBABILITY_PREFIX = "หากเปลี่ยนชุดกรรมการ 100 ครั้ง "  # every sentence opens so; tables say it once


def probability_sentence(p_same, p_any, award: str) -> str:
    """What a candidate's award probability means, in a committee member's words."""
    if pd.isna(p_same):
        return ""
    if award:
        n = int(round(float(p_same) * 100))
        return f"{PROBABILITY_PREFIX}ได้รางวัล{award}เหมือนเดิม {n} ครั้ง"
    n = int(round(float(p_any) * 100))
    return (f"{PROBABILITY_PREFIX}ได้รางวัล {n} ครั้ง" if n
            else "ไม่ได้รางวัลเลยเมื่อเปลี่ยนชุดกรรมการ")


def _group_th(frame: pd.DataFrame) -> np.ndarray:
    return np.where(frame["award_scope"] == "region", frame["region"].map(REGIONS), NATIONWIDE)


def _order(frame: pd.DataFrame, extra=()) -> pd.DataFrame:
    """Rows by scope group (a region, in the reports' order, when the awards are per region; one
    group when they are national), then by rank in the award scope."""
    group = np.where(frame["award_scope"] == "region", frame["region"].map(REGION_ORDER), -1)
    return frame.assign(_g=group).sort_values([*extra, "_g", "rank_scope"], na_position="last", kind="stable")


def criterion_header(key: str, maxima: dict | None) -> str:
    """A criterion's column: its key, with its maximum when known ("A1 เต็ม 10")."""
    top = (maxima or {}).get(key)
    return f"{key} เต็ม {top:g}" if top is not None else key


def leaderboard_th(results: pd.DataFrame, category: str, round: str = "national",
                   region: str | None = None, names: bool = True, maxima: dict | None = None,
                   interval_as_numbers: bool = False) -> pd.DataFrame:
    """One round's ranking with Thai headers; ``region`` (north, ...) filters (and the region
    column, which would repeat the heading, is left out), ``names=False`` leaves officers' names
    out (PDPA), ``maxima`` (key -> maximum) heads each criterion with its maximum,
    ``interval_as_numbers`` gives the rank interval as two number columns (a workbook's). The
    notes column is left out when no row has a note."""
    rnd = round
    f = results[(results["category"] == category) & (results["round"] == rnd)]
    if region:
        f = f[f["region"] == region]
    f = f.assign(_r=f["region"].map(REGION_ORDER)).sort_values(
        ["_r", "province_code", "rank_scope"] if rnd == "province" else
        (["_r", "rank_scope"] if (f["award_scope"] == "region").all() else ["rank_scope", "_r"]),
        na_position="last", kind="stable")
    keys = [c for c in criterion_columns(results) if f[c].notna().any()]
    table = pd.DataFrame({_rank_header(f): f["rank_scope"]})
    if not region:
        table["ภาค"] = f["region"].map(REGIONS)
    table["จังหวัด"] = f["province_name"]
    if category == "individual":
        table["อำเภอ"] = f["district_name"]
        if names:
            table["ชื่อ-สกุล"] = f["name"]
    else:
        table["ชื่อโครงการ"] = f["project_title"]
    for k in keys:
        table[criterion_header(k, maxima)] = f[k].round(2)
    table["คะแนนรวม"] = f["total"].round(2)
    _put_interval(table, f, interval_as_numbers)
    if rnd == "province":
        table["ผู้ได้รับการเสนอชื่อ"] = np.where(f["nominee"], "✓", "")
        table["โอกาสได้รับการเสนอชื่อ (จาก 100)"] = out_of_100(f["p_nominee"])
    else:
        table["รางวัล"] = f["award"]
        table[P_SAME_TH] = out_of_100(f["p_same_award"])
        table[REVIEW_COLUMN_TH] = f["review_reason"].map(REVIEW_SHORT_TH).fillna("")
    notes = _notes(f)
    if (notes != "").any():
        table["หมายเหตุ"] = notes
    return table.reset_index(drop=True)


def _how(criterion, aggregation: str) -> str:
    """How a criterion is scored, in words: the judges (and how they are combined), or the bands of
    the form figure it is computed from."""
    spec = criterion.computed
    if spec is None:
        return f"กรรมการให้คะแนน ({AGGREGATION_TH[aggregation]})"
    bands = ", ".join(f"ตั้งแต่ {a:g} ได้ {p:g}" for a, p in spec["bands"])
    if "field" in spec:
        source = f"คำนวณจาก{COMPUTED_FIELD_TH.get(spec['field'], spec['field'])}"
    else:
        num, den = spec["ratio"]
        source = (f"คำนวณจากสัดส่วน {COMPUTED_FIELD_TH.get(num, num)} ต่อ "
                  f"{COMPUTED_FIELD_TH.get(den, den)}")
    text = f"{source}: {bands}, ต่ำกว่านั้นได้ {spec['otherwise']:g}"
    if "when_denominator_zero" in spec:
        den = COMPUTED_FIELD_TH.get(spec["ratio"][1], spec["ratio"][1])
        text += f"; ถ้า{den}เป็น 0 ได้ {spec['when_denominator_zero']:g}"
    return text


def criteria_th(rubric, categories=CATEGORIES) -> pd.DataFrame:
    """The year's criteria as a committee reads them: category, key, Thai name, maximum, and how
    each is scored (from the rubric file, in words)."""
    rows = []
    for category in categories:
        part = rubric[category]
        for c in part.criteria:
            rows.append({"ประเภท": CATEGORY_TH[category], "รหัส": c.key, "เกณฑ์": c.name,
                         "คะแนนเต็ม": c.max, "วิธีให้คะแนน": _how(c, part.aggregation)})
    table = pd.DataFrame(rows, columns=["ประเภท", "รหัส", "เกณฑ์", "คะแนนเต็ม", "วิธีให้คะแนน"])
    whole = table["คะแนนเต็ม"].dropna()
    if len(whole) and (whole == whole.round()).all():
        table["คะแนนเต็ม"] = table["คะแนนเต็ม"].astype("Int64")
    return table


def criterion_maxima(rubric, category: str) -> dict[str, float]:
    """Each criterion's maximum, by key: the ``maxima`` of ``leaderboard_th``."""
    return rubric[category].maxima


def awards_th(results: pd.DataFrame, names: bool = True, interval_as_numbers: bool = False) -> pd.DataFrame:
    """Every award of the year (national round), best first per category and scope group, with how
    often another panel would give the same award and whether to review it; ``interval_as_numbers``
    as in ``leaderboard_th``."""
    f = results[(results["round"] == "national") & (results["award"] != "")]
    f = _order(f, extra=["category"]) if len(f) else f
    table = pd.DataFrame({
        "ประเภท": f["category"].map(CATEGORY_TH), "ขอบเขต": _group_th(f),
        "รางวัล": f["award"], "ลำดับ": f["rank_scope"].astype("Int64"), "จังหวัด": f["province_name"],
        "อำเภอ": f["district_name"].fillna("")})
    if names:
        table["ชื่อ-สกุล / โครงการ"] = np.where(f["category"] == "individual", f["name"], f["project_title"])
    table["คะแนนรวม"] = f["total"].round(2)
    table[P_SAME_TH] = out_of_100(f["p_same_award"])
    _put_interval(table, f, interval_as_numbers)
    table[REVIEW_COLUMN_TH] = f["review_reason"].map(REVIEW_SHORT_TH).fillna("")
    notes = _notes(f)
    if (notes != "").any():  # an empty column says nothing and takes a printed line's room
        table["หมายเหตุ"] = notes
    return table.reset_index(drop=True)


def review_th(results: pd.DataFrame, names: bool = True) -> pd.DataFrame:
    """What the committee should look at again before announcing: awards another panel would
    often not give (``uncertain_award``) and candidates without an award that another panel
    would often give one (``possible_award``), with what the number means."""
    f = results[(results["round"] == "national") & results["award_review"]]
    f = _order(f, extra=["category"]) if len(f) else f
    table = pd.DataFrame({
        "ประเภท": f["category"].map(CATEGORY_TH), "ขอบเขต": _group_th(f),
        "ลำดับ": f["rank_scope"].astype("Int64"), "จังหวัด": f["province_name"],
        "อำเภอ": f["district_name"].fillna("")})
    if names:
        table["ชื่อ-สกุล / โครงการ"] = np.where(f["category"] == "individual", f["name"], f["project_title"])
    table["คะแนนรวม"] = f["total"].round(2)
    table["รางวัลที่ได้"] = f["award"].replace("", "ไม่ได้รางวัล")
    table["เหตุที่ควรทบทวน"] = f["review_reason"].map(REVIEW_TH)
    table["ความหมาย"] = [probability_sentence(s, a, w) for s, a, w in
                         zip(f["p_same_award"], f["p_any_award"], f["award"])]
    return table.reset_index(drop=True)


def disagreement_th(judging: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """Where judges disagreed most: the largest spreads (max - min of the raw scores)."""
    f = judging.dropna(subset=["spread"]).sort_values("spread", ascending=False, kind="stable").head(top)
    return pd.DataFrame({
        "ประเภท": f["category"].map(CATEGORY_TH), "รอบ": f["round"].map(ROUND_TH),
        "จังหวัด": f["province_code"].map(places.province_name),
        "อำเภอ": f["district_code"].map(lambda c: places.district_name(c) if isinstance(c, str) else ""),
        "เกณฑ์": f["criterion"], "จำนวนกรรมการ": f["n_judges"], "ต่ำสุด": f["min"], "สูงสุด": f["max"],
        "ส่วนต่าง": f["spread"], "ค่าเฉลี่ย": f["mean"].round(2)}).reset_index(drop=True)


# ------------------------------------------------------------------------ the judges
def leniency_th(leniency: pd.DataFrame, category: str, round: str = "national") -> pd.DataFrame:
    """Each judge of a round's committee: how many points above (+) or below (-) the rest of the
    panel the judge scored the same candidates, on the sum of the judged criteria, with a range of
    two standard errors; a judge whose range leaves 0 out scores differently from the panel."""
    f = leniency[(leniency["category"] == category) & (leniency["round"] == round)
                 & (leniency["criterion"] == "รวม")]
    f = f.sort_values(["panel", "leniency"], ascending=[True, False], kind="stable")
    lo, hi = f["leniency"] - 2 * f["se"], f["leniency"] + 2 * f["se"]
    clear = (lo > 0) | (hi < 0)
    table = pd.DataFrame({"กรรมการ": f["judge"], "จำนวนผู้ที่ให้คะแนน": f["n_scored"],
                          "ให้คะแนนสูง(+)/ต่ำ(−)กว่าคณะ": f["leniency"].round(2),
                          "ความคลาดเคลื่อนมาตรฐาน": f["se"].round(2),
                          "ช่วง ±2 เท่า": [f"{a:+.2f} ถึง {b:+.2f}" if pd.notna(a) else "" for a, b in zip(lo, hi)],
                          "อ่านว่า": np.where(clear, np.where(f["leniency"] > 0, "ให้คะแนนสูงกว่าคณะอย่างชัดเจน",
                                                              "ให้คะแนนต่ำกว่าคณะอย่างชัดเจน"),
                                             "ไม่ต่างจากคณะอย่างชัดเจน")})
    if round == "province":
        table.insert(0, "จังหวัด", f["panel"].map(places.province_name))
    return table.reset_index(drop=True)


def blank_shifts_th(results: pd.DataFrame, names: bool = True) -> pd.DataFrame:
    """Candidates a judge did not score (a conflict of interest, a row held back): how many points
    the blank moved the total under the plain mean (the absent judge's leniency), and whether the
    judge-adjusted method would give another award."""
    f = results[results["blank_shift"].notna() & (results["round"] == "national")]
    f = f.reindex(f["blank_shift"].abs().sort_values(ascending=False).index)
    table = pd.DataFrame({"ประเภท": f["category"].map(CATEGORY_TH), "จังหวัด": f["province_name"],
                          "อำเภอ": f["district_name"].fillna("")})
    if names:
        table["กรรมการที่ไม่ได้ให้คะแนน"] = f["blank_judges"]
    table["คะแนนรวม"] = f["total"].round(2)
    table["ช่องว่างทำให้คะแนนเปลี่ยน (คะแนน)"] = f["blank_shift"].round(2)
    table["รางวัล"] = f["award"]
    table["รางวัลเมื่อหักความเข้ม/ผ่อนของกรรมการ"] = f["award_adjusted"]
    return table.reset_index(drop=True)


def agreement_level_th(value) -> str:
    """A Thai reading of an ICC (Koo & Li 2016): under 0.5 low, to 0.75 moderate, to 0.9 good, above
    excellent."""
    if pd.isna(value):
        return ""
    return "ต่ำ" if value < 0.5 else "ปานกลาง" if value < 0.75 else "ดี" if value < 0.9 else "ดีมาก"


def agreement_th(agreement: pd.DataFrame) -> pd.DataFrame:
    """Rater agreement per round and criterion."""
    f = agreement.sort_values(["category", "round", "criterion"], key=lambda s: s.map(
        {"individual": 0, "province": 1, "รวม": "ZZ"}).fillna(s) if s.name != "round" else
        s.map({"province": 0, "national": 1}), kind="stable")
    return pd.DataFrame({
        "ประเภท": f["category"].map(CATEGORY_TH), "รอบ": f["round"].map(ROUND_TH),
        "เกณฑ์": f["criterion"].replace({"รวม": "รวมทุกเกณฑ์ที่กรรมการให้"}),
        "จำนวนผู้สมัครที่ครบทุกคน": f["n_complete"],
        "ICC(A,1) กรรมการ 1 คน": f["icc_a1"].round(2), "ICC(A,k) ทั้งคณะ": f["icc_ak"].round(2),
        "อัลฟาของคริพเพนดอร์ฟ": f["alpha"].round(2),
        "ความน่าเชื่อถือของคะแนนทั้งคณะ": f["icc_ak"].map(agreement_level_th)}).reset_index(drop=True)


# ------------------------------------------------------------------------ what else could change an award
def margins_th(margins: pd.DataFrame, results: pd.DataFrame, names: bool = True) -> pd.DataFrame:
    """Each award boundary: the last candidate in, the first out, the points between them, and the
    smallest change of one judge's score on one criterion that would change the decision."""
    def who(p, d):
        return f"อ.{places.district_name(d)} จ.{places.province_name(p)}" if isinstance(d, str) and d \
            else f"จ.{places.province_name(p)}"

    rows = []
    for m in margins.itertuples(index=False):
        change = ""
        if pd.notna(m.min_change):
            target = "ผู้ได้รางวัลลำดับสุดท้าย" if m.change_candidate == "in" else "ผู้ไม่ได้รางวัลลำดับแรก"
            way = "ลดลง" if m.change_direction == "down" else "เพิ่มขึ้น"
            judge = f" (กรรมการ {m.change_judge})" if names else ""
            change = f"คะแนนเกณฑ์ {m.change_criterion} ของ{target}{way} {m.min_change:.2f} คะแนน{judge}"
        rows.append({"ประเภท": CATEGORY_TH[m.category],
                     "ขอบเขต": REGIONS.get(m.scope_group, NATIONWIDE), "รางวัล": m.award,
                     "ผู้ได้รางวัลลำดับสุดท้าย": who(m.in_province_code, m.in_district_code),
                     "ผู้ไม่ได้รางวัลลำดับแรก": who(m.out_province_code, m.out_district_code),
                     "ห่างกัน (คะแนน)": round(float(m.gap), 2),
                     "เปลี่ยนคะแนนกรรมการ 1 คน 1 เกณฑ์ น้อยที่สุดเท่าใดผลจึงเปลี่ยน": change or
                     "คะแนนช่องเดียวเปลี่ยนผลไม่ได้"})
    return pd.DataFrame(rows)


def weights_th(results: pd.DataFrame, weights: pd.DataFrame) -> pd.DataFrame:
    """The weight draws, per category: how many awards change on average when every criterion
    weighs up to a quarter more or less, how often any changes, and which candidates' awards do."""
    rows = []
    for category, w in weights[weights["round"] == "national"].groupby("category", sort=False):
        r = results[(results["category"] == category) & (results["round"] == "national")]
        moved = r[r["p_same_award_weights"] < 0.95].sort_values("p_same_award_weights")
        names = [f"{'อ.' + str(x.district_name) + ' ' if isinstance(x.district_name, str) else ''}"
                 f"จ.{x.province_name} ({int(round((1 - x.p_same_award_weights) * 100))} ใน 100)"
                 for x in moved.itertuples()]
        rows.append({"ประเภท": CATEGORY_TH[category],
                     "รางวัลที่เปลี่ยนโดยเฉลี่ยต่อครั้ง": round(float(w["changes"].mean()), 2),
                     "ครั้งที่มีรางวัลเปลี่ยน (จาก 100)": int(round((w["changes"] > 0).mean() * 100)),
                     "ผู้ที่ผลเปลี่ยนบ่อยกว่า 5 ใน 100 ครั้ง": "; ".join(names) or "ไม่มี"})
    return pd.DataFrame(rows)


def methods_th(results: pd.DataFrame, rubric_methods: dict[str, str], names: bool = True) -> pd.DataFrame:
    """For every way of combining judges other than the rubric's, the awards it would give
    differently (national round). ``rubric_methods``: category -> the rubric's aggregation."""
    rows = []
    nat = results[results["round"] == "national"]
    for category, own in rubric_methods.items():
        r = nat[nat["category"] == category]
        for method in AGGREGATIONS:
            if method == own:
                continue
            diff = r[r[f"award_{method}"] != r["award"]]
            for x in diff.itertuples():
                place = f"อ.{x.district_name} จ.{x.province_name}" if isinstance(x.district_name, str) \
                    else f"จ.{x.province_name}"
                rows.append({"ประเภท": CATEGORY_TH[category], "วิธีรวมคะแนน": AGGREGATION_TH[method],
                             "ผู้สมัคร": place + (f" ({x.name})" if names and isinstance(x.name, str) else ""),
                             "รางวัลตามเกณฑ์": x.award or "ไม่ได้รางวัล",
                             "รางวัลตามวิธีนี้": getattr(x, f"award_{method}") or "ไม่ได้รางวัล",
                             "คะแนนรวมตามวิธีนี้": round(float(getattr(x, f"total_{method}")), 2)})
    return pd.DataFrame(rows, columns=["ประเภท", "วิธีรวมคะแนน", "ผู้สมัคร", "รางวัลตามเกณฑ์",
                                       "รางวัลตามวิธีนี้", "คะแนนรวมตามวิธีนี้"])
