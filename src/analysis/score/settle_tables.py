"""What would settle a doubtful award, in the committee's words: the contested sets as sentences,
whom to re-score first, what k more judges would settle, the panel size for next year, and the
review packet (one printable section per contested set).

Every figure comes from the score step's files (``contested``, ``more_judges``, ``panel_size``,
``results``, ``margins``) and the clean step's ``scores`` (the marks by judge); nothing is
recomputed here.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from analysis import places
from analysis.render.table import table_html
from analysis.vocab import CATEGORY_TH, REGION_ORDER, REGIONS

NATIONWIDE = "ทั่วประเทศ"


def _where(p, d) -> str:
    if isinstance(d, str) and d:
        return f"อ.{places.district_name(d)} จ.{places.province_name(p)}"
    return f"จ.{places.province_name(p)}"


def _key(frame: pd.DataFrame) -> pd.Series:
    d = frame["district_code"].map(lambda v: v if isinstance(v, str) else "")
    return frame["category"] + "|" + frame["province_code"].astype(str) + "|" + d


def _group(category: str, scope_group: str) -> str:
    if scope_group in REGIONS:
        return REGIONS[scope_group]
    return NATIONWIDE if category == "individual" else "1 จังหวัด 1 พัฒนา"


def _sets(contested: pd.DataFrame, only_contested: bool = True):
    """The contested sets one by one, in the reports' order: category, region, award level."""
    c = contested[contested["contested"]] if only_contested else contested
    if not len(c):
        return []
    c = c.assign(_c=c["category"].map({"individual": 0, "province": 1}),
                 _g=c["scope_group"].map(REGION_ORDER).fillna(-1))
    return [g for _, g in c.groupby(["_c", "_g", "scope_group", "level"], sort=True)]


def _names(results: pd.DataFrame) -> dict:
    nat = results[results["round"] == "national"]
    return dict(zip(_key(nat), np.where(nat["category"] == "individual", nat["name"], nat["project_title"])))


def _member(row, names: dict | None) -> str:
    who = _where(row.province_code, row.district_code)
    if names is not None and row.category == "individual":
        name = names.get(f"{row.category}|{row.province_code}|{row.district_code if isinstance(row.district_code, str) else ''}")
        if isinstance(name, str) and name:
            who += f" ({name})"
    return who


def contested_sentence(members: pd.DataFrame, names: dict | None = None, most: int | None = None) -> str:
    """One contested set in the issue's words: "3 รางวัลดีเด่น ระหว่าง 5 จังหวัดนี้ ข้อมูลยังแยก
    ไม่ได้: จ.ก 99, จ.ข 62, ... (โอกาสจาก 100)"."""
    first = members.iloc[0]
    unit = "คน" if first["category"] == "individual" else "จังหวัด"
    where = f" {REGIONS[first['scope_group']]}" if first["scope_group"] in REGIONS else ""
    shown = members if most is None else members.head(most)
    who = ", ".join(f"{_member(r, names)} {int(round(r.p_award * 100))}" for r in shown.itertuples())
    if len(shown) < len(members):
        who += f" และอีก {len(members) - len(shown)} {unit}"
    return (f"{int(first['places'])} รางวัล{first['award']}{where} ระหว่าง {len(members)} {unit}นี้ "
            f"ข้อมูลยังแยกไม่ได้: {who} (โอกาสได้รางวัลนี้ จาก 100)")


def contested_sentences(contested: pd.DataFrame, results: pd.DataFrame, names: bool = True,
                        most: int | None = None) -> list[str]:
    """Every contested set as a sentence; ``most``: name at most that many members of each."""
    n = _names(results) if names else None
    return [contested_sentence(g, n, most) for g in _sets(contested)]


def contested_th(contested: pd.DataFrame, results: pd.DataFrame, names: bool = True) -> pd.DataFrame:
    """One row per contested set: where, which award, how many places, and the candidates the data
    cannot tell apart with their chance of that award (of 100)."""
    n = _names(results) if names else None
    rows = []
    for g in _sets(contested):
        first = g.iloc[0]
        rows.append({"ประเภท": CATEGORY_TH[first["category"]], "ขอบเขต": _group(first["category"], first["scope_group"]),
                     "รางวัล": first["award"], "จำนวนรางวัล": int(first["places"]), "ผู้ที่ลุ้น": len(g),
                     "ผู้ที่ข้อมูลยังแยกไม่ได้ (โอกาสได้รางวัลนี้ จาก 100)":
                         "; ".join(f"{_member(r, n)} {int(round(r.p_award * 100))}" for r in g.itertuples())})
    return pd.DataFrame(rows)


def contested_members_th(contested: pd.DataFrame, results: pd.DataFrame, names: bool = True) -> pd.DataFrame:
    """The contested sets one row per member (the workbook's sheet: sorts and filters, and a row
    never outgrows a printed page): the set, its places, the candidate, its chance of the award."""
    n = _names(results) if names else None
    rows = []
    for i, g in enumerate(_sets(contested), 1):
        for r in g.itertuples():
            rows.append({"ประเภท": CATEGORY_TH[r.category], "ขอบเขต": _group(r.category, r.scope_group),
                         "รางวัล": r.award, "ชุดที่": i, "จำนวนรางวัล": int(r.places), "ผู้ที่ลุ้น": int(r.set_size),
                         "ผู้สมัคร": _member(r, n), "คะแนนรวม": round(float(r.total), 2),
                         "โอกาสได้รางวัลนี้ (จาก 100)": int(round(r.p_award * 100)),
                         "ลำดับที่ควรให้คะแนนเพิ่ม": r.rescore_order,
                         "ผลตอนนี้": r.award_now or "ไม่ได้รางวัล"})
    return pd.DataFrame(rows)


def rescore_th(contested: pd.DataFrame, results: pd.DataFrame, names: bool = True) -> pd.DataFrame:
    """The contested candidates in the order to re-score them (``rescore_order``): where one more
    judge most often settles the candidate's decision comes first."""
    c = contested[contested["contested"] & contested["rescore_order"].notna()]
    if not len(c):
        return pd.DataFrame(columns=["ลำดับ", "ผู้สมัคร", "ประเภท", "ขอบเขต", "รางวัลที่ลุ้น"])
    n = _names(results) if names else None
    nat = results[results["round"] == "national"].assign(_k=lambda f: _key(f)).set_index("_k")
    rows = []
    for (cat, order), g in c.sort_values(["category", "rescore_order"]).groupby(["category", "rescore_order"], sort=False):
        r = g.iloc[0]
        k = f"{cat}|{r['province_code']}|{r['district_code'] if isinstance(r['district_code'], str) else ''}"
        x = nat.loc[k]
        rows.append({"ประเภท": CATEGORY_TH[cat], "ลำดับ": int(order), "คะแนนรวม": round(float(x["total"]), 2),
                     "เพิ่มกรรมการ 1 คน ผลชัดเจน (จาก 100)": int(round(float(r["p_settled_1"]) * 100))
                     if pd.notna(r["p_settled_1"]) else pd.NA,
                     "รางวัลที่ลุ้น (โอกาสจาก 100)": "; ".join(f"{a} {int(round(p * 100))}"
                                                            for a, p in zip(g["award"], g["p_award"])),
                     "ผลตอนนี้": x["award"] or "ไม่ได้รางวัล", "ขอบเขต": _group(cat, r["scope_group"]),
                     "ผู้สมัคร": _member(r, n)})   # the widest text last: the printed sheet ends on it
    return pd.DataFrame(rows)


def more_judges_th(more: pd.DataFrame) -> pd.DataFrame:
    """Per category: today's doubtful awards, and how many of them k = 1..4 more judges (scoring
    only the contested candidates) would settle, as a count and a share."""
    rows = []
    for cat, g in more.groupby("category", sort=False):
        row = {"ประเภท": CATEGORY_TH[cat], "รางวัลที่ยังไม่ชัดเจน": int(g["doubtful"].iloc[0])}
        for x in g.sort_values("extra_judges").itertuples():
            row[f"เพิ่มกรรมการ {x.extra_judges} คน"] = f"{x.settled:.1f} ({x.settled_share * 100:.0f}%)"
        rows.append(row)
    return pd.DataFrame(rows)


def panel_size_th(panel: pd.DataFrame) -> pd.DataFrame:
    """The expected share of settled awards for national panels of 3..9 judges, per category."""
    if not len(panel):
        return pd.DataFrame()
    t = panel.pivot_table(index="n_judges", columns="category", values="settled_share").reindex(
        columns=[c for c in ("individual", "province") if c in set(panel["category"])])
    out = pd.DataFrame({"จำนวนกรรมการ": t.index.astype(int)})
    for c in t.columns:
        out[f"{CATEGORY_TH[c]}: รางวัลที่ชัดเจน (ร้อยละ)"] = (t[c].to_numpy() * 100).round().astype(int)
    now = panel.loc[panel["current"].astype(bool), "n_judges"]
    out["หมายเหตุ"] = np.where(out["จำนวนกรรมการ"].isin(set(now)), "จำนวนปีนี้", "")
    return out


def pooled_curve(panel: pd.DataFrame) -> pd.Series:
    """The share of settled awards per panel size over both categories (weighted by their awards)."""
    w = panel.assign(s=panel["settled_share"] * panel["awards"])
    g = w.groupby("n_judges")[["s", "awards"]].sum()
    return g["s"] / g["awards"]


def panel_sentence(panel: pd.DataFrame) -> str:
    """One sentence: the share of settled awards with this year's panel, and with the panel size
    that settles most ("ด้วยกรรมการ 7 คน รางวัลราว 60% จะชัดเจน")."""
    if not len(panel):
        return ""
    curve = pooled_curve(panel)
    now = panel.loc[panel["current"].astype(bool), "n_judges"]
    now = int(now.iloc[0]) if len(now) else None
    best = int(curve.index.max())
    parts = []
    if now in curve.index:
        parts.append(f"ด้วยกรรมการรอบประเทศ {now} คนเท่าปีนี้ รางวัลราว {curve[now] * 100:.0f}% จะชัดเจน")
    parts.append(f"ด้วยกรรมการ {best} คน ราว {curve[best] * 100:.0f}%")
    return "; ".join(parts) + " (ชัดเจน = ได้รางวัลเดิมอย่างน้อย 90 ใน 100 ครั้งเมื่อเปลี่ยนชุดกรรมการ)"


# ------------------------------------------------------------------------ the review packet
def _marks(scores: pd.DataFrame, category: str, province: str, district) -> pd.DataFrame:
    """A candidate's national-round marks: judges x criteria, with their sum."""
    s = scores[(scores["category"] == category) & (scores["round"] == "national")
               & (scores["province_code"] == province)]
    if isinstance(district, str) and district:
        s = s[s["district_code"] == district]
    return s.pivot_table(index="judge", columns="criterion", values="score", aggfunc="last")


def _disagreement(m: pd.DataFrame, judges_label) -> str:
    """Where the judges disagree most on a candidate: the criterion with the widest spread, the
    judge furthest from the others' mean on it, and by how much."""
    if m.empty:
        return ""
    spread = (m.max() - m.min()).dropna()
    if not len(spread):
        return ""
    k = spread.idxmax()
    col = m[k].dropna()
    others = {j: col.drop(j).mean() for j in col.index if len(col) > 1}
    if not others:
        return ""
    j = max(others, key=lambda j: abs(col[j] - others[j]))
    d = col[j] - others[j]
    return (f"ต่างกันมากที่สุดที่เกณฑ์ {k} (สูงสุด − ต่ำสุด {spread[k]:.1f} คะแนน): {judges_label(j)} "
            f"ให้ {col[j]:g} {'สูงกว่า' if d > 0 else 'ต่ำกว่า'}ค่าเฉลี่ยของกรรมการคนอื่น {abs(d):.1f} คะแนน")


def review_packet(contested: pd.DataFrame, results: pd.DataFrame, scores: pd.DataFrame,
                  margins: pd.DataFrame, computed: dict[str, list[str]], names: bool = True) -> str:
    """The review packet (HTML): one section per contested set, each starting a printed page. For
    the set: the candidates side by side (each criterion's points, the total, the chance of the
    award); then per candidate the marks by judge and criterion, where the judges disagree most,
    the conflict blanks and what they shifted; the boundary margin of the award; and the computed
    criteria (from the form: nobody at the meeting can change them). ``computed``: category ->
    its computed criterion keys. ``names=False`` numbers the judges (PDPA)."""
    n = _names(results) if names else None
    nat = results[results["round"] == "national"].assign(_k=lambda f: _key(f)).set_index("_k")
    parts = []
    for g in _sets(contested):
        first = g.iloc[0]
        cat = first["category"]
        keys = [c for c in nat.columns if c in set(scores.loc[scores["category"] == cat, "criterion"])]
        comp = computed.get(cat, [])
        parts.append('<section class="packet">')
        parts.append(f"<h3>{html.escape(contested_sentence(g, n).split(':')[0])}</h3>")
        side = []
        for r in g.itertuples():
            x = nat.loc[f"{cat}|{r.province_code}|{r.district_code if isinstance(r.district_code, str) else ''}"]
            row = {"ผู้สมัคร": _member(r, n), "ผลตอนนี้": x["award"] or "ไม่ได้รางวัล",
                   "ลำดับ": x["rank_scope"]}
            for k in comp:
                row[f"{k} (จากแบบฟอร์ม)"] = x[k]
            for k in keys:
                row[k] = round(float(x[k]), 2) if pd.notna(x[k]) else np.nan
            row["คะแนนรวม"] = round(float(x["total"]), 2)
            row[f"โอกาสได้{first['award']} (จาก 100)"] = int(round(r.p_award * 100))
            side.append(row)
        parts.append(table_html(pd.DataFrame(side)))
        if comp:
            parts.append(f"<p>เกณฑ์ {', '.join(comp)} คำนวณจากแบบฟอร์มของผู้สมัคร (ข้อมูลที่ส่งมา) "
                         "คณะกรรมการเปลี่ยนไม่ได้: ความต่างที่ตัดสินได้อยู่ที่คะแนนของกรรมการเท่านั้น</p>")
        mg = margins[(margins["category"] == cat) & (margins["scope_group"].astype(str) == str(first["scope_group"]))
                     & (margins["award"] == first["award"])]
        for m in mg.itertuples():
            line = (f"รอยต่อของรางวัล{m.award}: ผู้ได้รางวัลลำดับสุดท้าย {_where(m.in_province_code, m.in_district_code)} "
                    f"กับผู้ไม่ได้รางวัลลำดับแรก {_where(m.out_province_code, m.out_district_code)} ห่างกัน {m.gap:.2f} คะแนน")
            if pd.notna(m.min_change):
                who = f" ของกรรมการ {m.change_judge}" if names else ""
                line += (f"; คะแนนเกณฑ์ {m.change_criterion}{who} "
                         f"{'ลดลง' if m.change_direction == 'down' else 'เพิ่มขึ้น'} {m.min_change:.2f} คะแนน ผลก็เปลี่ยน")
            parts.append(f"<p>{html.escape(line)}</p>")
        marks = {r.Index: _marks(scores, cat, r.province_code, r.district_code).reindex(columns=keys)
                 for r in g.itertuples()}
        judges = sorted(set().union(*(m.index for m in marks.values())))
        label = (lambda j: f"กรรมการ {j}") if names else (lambda j: f"กรรมการคนที่ {judges.index(j) + 1}")
        # the judges' sums side by side: a lenient judge lifts every candidate alike
        sums = pd.DataFrame({"กรรมการ": [label(j) for j in judges]})
        for r in g.itertuples():
            m = marks[r.Index]
            total = m.sum(axis=1, min_count=len(keys)).reindex(judges)
            sums[_member(r, None)] = total.to_numpy()
        parts.append("<h4>ผลรวมคะแนนที่กรรมการแต่ละคนให้ (เกณฑ์ที่กรรมการให้คะแนน) เทียบกัน</h4>")
        parts.append(table_html(sums, digits=1))
        cards = []
        for r in g.itertuples():
            x = nat.loc[f"{cat}|{r.province_code}|{r.district_code if isinstance(r.district_code, str) else ''}"]
            m = marks[r.Index]
            t = m.copy()
            t["รวม"] = m.sum(axis=1, min_count=len(keys)) if keys else np.nan
            t.loc["ค่าเฉลี่ย"] = m.mean().tolist() + [t["รวม"].mean()]
            t.index = [label(j) if j in judges else j for j in t.index]
            t = t.reset_index().rename(columns={"index": "กรรมการ"})
            notes = [_disagreement(m, label)]
            if isinstance(x.get("blank_judges"), str) and x["blank_judges"]:
                who = x["blank_judges"] if names else f"{len(x['blank_judges'].split(';'))} คน"
                notes.append(f"ช่องว่าง (กรรมการไม่ได้ให้คะแนน เช่น มาจากจังหวัดเดียวกัน): {who}; "
                             f"ทำให้คะแนนรวม{'สูงขึ้น' if x['blank_shift'] > 0 else 'ต่ำลง'} "
                             f"{abs(float(x['blank_shift'])):.2f} คะแนน เทียบกับวิธีหักความเข้ม/ผ่อนของกรรมการ")
            cards.append(f"<div class=\"card\"><h4>{html.escape(_member(r, n))}</h4>{table_html(t, digits=1)}"
                         + "<ul>" + "".join(f"<li>{html.escape(s)}</li>" for s in notes if s) + "</ul></div>")
        parts.append('<div class="cards">' + "".join(cards) + "</div>")
        parts.append("</section>")
    return "\n".join(parts)


def packet_rows(contested: pd.DataFrame, results: pd.DataFrame, scores: pd.DataFrame,
                names: bool = True) -> pd.DataFrame:
    """The review packet as one long table (the workbook's sheet): per contested set and candidate,
    each judge's marks on every judged criterion and their sum, then the candidate's points."""
    n = _names(results) if names else None
    rows = []
    for i, g in enumerate(_sets(contested), 1):
        first = g.iloc[0]
        cat = first["category"]
        title = f"{i}. {int(first['places'])} รางวัล{first['award']} {_group(cat, first['scope_group'])}"
        for r in g.itertuples():
            m = _marks(scores, cat, r.province_code, r.district_code)
            judges = list(m.index)
            for j in judges:
                row = {"ชุด": title, "ผู้สมัคร": _member(r, n), "โอกาสได้รางวัลนี้ (จาก 100)": int(round(r.p_award * 100)),
                       "กรรมการ": j if names else f"กรรมการคนที่ {judges.index(j) + 1}"}
                row.update({k: m.at[j, k] for k in m.columns})
                row["รวม"] = m.loc[j].sum(min_count=len(m.columns))
                rows.append(row)
    return pd.DataFrame(rows)
