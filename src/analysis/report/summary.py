"""The executive summary: one printed page per year, for the executives and the committee. Who
won, who took part, and what the committee should look at again before it announces (the awards
another panel of judges would often not give, and the candidates it would often give one), in
their words; the index page's lines per year come from the same figures."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from analysis.catalog import PAGES, YearFolder, workbook_name
from analysis import places
from analysis.render.html import Running, page
from analysis.render.table import table_html
from analysis.score.tables import PROBABILITY_PREFIX as PREFIX  # said once, in the header
from analysis.vocab import CATEGORY_LONG_TH, REGIONS
from analysis.score.tables import probability_sentence
from analysis.score.settle_tables import contested_sentences, panel_sentence

PROVINCES_IN_SCOPE = 76
# The summary is one printed page: the review list shows at most this many (the least sure first)
# and says how many more the score report lists.
REVIEW_ROWS = 12
CONTESTED_ROWS = 6   # contested sets said in the summary (the score report has them all)
CONTESTED_NAMED = 4  # members of a set named in the summary (the most likely first)


def _group(x) -> str:
    """Where an award is decided: the region (individuals, by region), or the category."""
    if x.award_scope == "region":
        return REGIONS.get(x.region, "")
    return "ประเภทบุคคล ทั่วประเทศ" if x.category == "individual" else "1 จังหวัด 1 พัฒนา"


def _where(row) -> str:
    if isinstance(row.get("district_name"), str) and row["district_name"]:
        return f"อ.{row['district_name']} จ.{row['province_name']}"
    return f"จ.{row['province_name']}"


def _figures(folder: YearFolder) -> dict | None:
    """What the summary says, from a year's cleaned data and results; None before it is scored."""
    if not folder.has("results"):
        return None
    r = folder.read("results")
    subs = folder.read("submissions")
    quarantine = folder.read_if("quarantine", columns=["reason_code"])
    held = 0 if quarantine is None else len(quarantine)
    extra = {name: folder.read_if(name) for name in ("contested", "panel_size")}
    return {"results": r, "subs": subs, "held": held, **extra}


def _participation(subs: pd.DataFrame, results: pd.DataFrame) -> dict:
    ind = subs[subs["category"] == "individual"]
    nominees = results[(results["category"] == "individual") & (results["round"] == "national")]
    return {"applicants": len(ind), "provinces": int(ind["province_code"].nunique()),
            "nominees": len(nominees),
            "projects": int((subs["category"] == "province").sum())}


def _awards_table(results: pd.DataFrame, public: bool) -> pd.DataFrame:
    nat = results[(results["round"] == "national") & (results["award"] != "")].copy()
    nat["_c"] = nat["category"].map({"individual": 0, "province": 1})
    nat["_r"] = nat["region"].map({r: i for i, r in enumerate(REGIONS)})
    nat["_a"] = nat["award"].map({"ดีเด่น": 0}).fillna(1)
    nat = nat.sort_values(["_c", "_r", "_a", "rank_scope"] if (nat["award_scope"] == "region").any()
                          else ["_c", "_a", "rank_scope"], kind="stable")
    who = []
    for _, x in nat.iterrows():
        if x["category"] == "individual":
            who.append(_where(x) + ("" if public or not isinstance(x["name"], str) else f" ({x['name']})"))
        else:
            who.append(f"{_where(x)}: {x['project_title']}")
    group = [_group(x) for x in nat.itertuples()]
    return pd.DataFrame({"ประเภท / ภาค": group, "รางวัล": nat["award"].tolist(), "ผู้ได้รับรางวัล": who,
                         "คะแนนรวม": nat["total"].round(2).tolist(),
                         "โอกาสได้ผลเดิม (จาก 100)": (nat["p_same_award"] * 100).round().astype("Int64").tolist()})


def _review_table(results: pd.DataFrame, public: bool) -> pd.DataFrame:
    """Each award the committee should look at again (``award_review``), and why, in its words
    (``score.tables.probability_sentence``): the awards first, the least sure first."""
    f = results[(results["round"] == "national") & results["award_review"]]
    f = f.assign(_u=(f["review_reason"] != "uncertain_award").astype(int),
                 _c=f["category"].map({"individual": 0, "province": 1})).sort_values(
        ["_c", "_u", "p_same_award"], kind="stable")
    who = [_where(x) + ("" if public or x["category"] != "individual" or not isinstance(x["name"], str)
                        else f" ({x['name']})") for _, x in f.iterrows()]
    group = [_group(x) for x in f.itertuples()]
    said = [probability_sentence(p, q, a) for p, q, a in zip(f["p_same_award"], f["p_any_award"], f["award"])]
    return pd.DataFrame({"ผู้สมัคร": who, "ประเภท / ภาค": group,
                         "ผลที่ได้": [f"รางวัล{a}" if a else "ไม่ได้รางวัล" for a in f["award"]],
                         "คะแนนรวม": f["total"].round(2).tolist(),
                         PREFIX.strip(): [t.removeprefix(PREFIX) for t in said]})


def _contested_part(r: pd.DataFrame, figures: dict, public: bool) -> list[str]:
    """What the committee should settle before announcing: each contested set in a sentence (in
    place of a flag beside each award), and one sentence on the panel size for next year."""
    contested = figures.get("contested")
    if contested is None:          # scored before contested sets existed: the review list as it was
        review = _review_table(r, public)
        out = [f"<h2>สิ่งที่คณะกรรมการควรทบทวนก่อนประกาศ ({len(review)} รายการ)</h2>"]
        return out + ([table_html(review.head(REVIEW_ROWS))] if len(review) else [])
    said = contested_sentences(contested, r, names=not public, most=CONTESTED_NAMED)
    awarded = r[(r["round"] == "national") & (r["award"] != "")]
    doubtful = int(awarded["award_review"].sum())     # under the rubric's awards.review.p_same_below
    out = [f"<h2>รางวัลที่ข้อมูลยังแยกไม่ได้ ({len(said)} ชุด)</h2>"]
    if said:
        out.append(f"<p class=\"lead\">รางวัลที่ยังไม่ชัดเจน {doubtful} จาก {len(awarded)} รางวัล อยู่ในชุดต่อไปนี้ "
                   "คณะกรรมการควรพิจารณาผู้ที่ลุ้นแต่ละชุดร่วมกัน (ชุดเอกสารทบทวนอยู่ท้ายรายงานผลคะแนนและรางวัล):</p>")
        out.append("<ul>" + "".join(f"<li>{html.escape(t)}</li>" for t in said[:CONTESTED_ROWS]) + "</ul>")
        if len(said) > CONTESTED_ROWS:
            out.append(f"<p>และอีก {len(said) - CONTESTED_ROWS} ชุด ในรายงานผลคะแนนและรางวัล</p>")
    else:
        out.append("<p>ไม่มี: ทุกรางวัลได้ผลเดิมอย่างน้อย 90 ใน 100 ครั้งเมื่อเปลี่ยนชุดกรรมการ</p>")
    panel = figures.get("panel_size")
    if panel is not None and len(panel):
        out.append(f"<p><strong>จำนวนกรรมการปีหน้า:</strong> {html.escape(panel_sentence(panel))}</p>")
    return out


def summary_body(clean_dir: Path, year: int, public: bool, made_html: str = "") -> str:
    """The summary page's body (HTML), or "" before the year is scored."""
    figures = _figures(YearFolder(clean_dir, year))
    if figures is None:
        return ""
    r, subs = figures["results"], figures["subs"]
    # the year alone: the year before may still be in its own step when this one is summed up
    # (years run in parallel), and a page must not depend on which finished first
    took = _participation(subs, r)
    parts = [f"<h1>สรุปผลการคัดเลือกท้องถิ่นอำเภอดีเด่น และ 1 จังหวัด 1 พัฒนา ปี พ.ศ. {year}</h1>", made_html,
             "<h2>การเข้าร่วม</h2><ul>",
             f"<li>{CATEGORY_LONG_TH['individual']}: ผู้สมัคร {took['applicants']:,} คน "
             f"จาก {took['provinces']} จังหวัด (จาก {PROVINCES_IN_SCOPE} จังหวัด ไม่รวมกรุงเทพมหานคร); "
             f"ผู้ได้รับการเสนอชื่อเข้ารอบประเทศ {took['nominees']} คน</li>",
             f"<li>{CATEGORY_LONG_TH['province']}: {took['projects']} จังหวัด "
             f"(จาก {PROVINCES_IN_SCOPE})</li>"]
    if figures["held"]:
        parts.append(f"<li>แถวที่กันไว้ตรวจ {figures['held']:,} แถว ยังไม่นำมาคำนวณ จนกว่าจังหวัดจะแก้ไฟล์ "
                     f"(รายการอยู่ในรายงานการตรวจข้อมูล)</li>")
    parts.append("</ul>")
    awards = _awards_table(r, public)
    parts.append(f"<h2>ผลรางวัล ({len(awards)} รางวัล)</h2>")
    parts.append(table_html(awards) if len(awards) else "<p>ไม่มีผู้ได้รับรางวัล</p>")
    parts += _contested_part(r, figures, public)
    parts.append(f"<p class=\"screen-only\">รายละเอียด: <a href=\"{PAGES['score']}\">ผลคะแนนและรางวัล</a> · "
                 f"<a href=\"{PAGES['clean']}\">การตรวจข้อมูล</a> · <a href=\"{workbook_name(year)}\">ไฟล์ Excel</a></p>")
    return "\n".join(parts)


def summary_page(clean_dir: Path, year: int, public: bool, *, running: Running, made_html: str,
                 provenance: str, after: str = "") -> str:
    # the provenance stays on screen; on the one printed page the margins say when and from what
    return page(f"สรุปสำหรับผู้บริหาร ปี พ.ศ. {year}", summary_body(clean_dir, year, public, made_html) + after,
                provenance.replace('<footer class="provenance">', '<footer class="provenance screen-only">', 1),
                running=running, kind="summary")


def year_summary(clean_dir: Path, year: int, public: bool) -> str:
    """A few lines for the index: winners, participation, what to review."""
    figures = _figures(YearFolder(clean_dir, year))
    if figures is None:
        return ""
    r, subs = figures["results"], figures["subs"]
    national = r[r["round"] == "national"]
    top = national[national["award"] == "ดีเด่น"].sort_values(["category", "region", "rank_national"])
    people = []
    for _, w in top.iterrows():
        if w["category"] == "individual":
            who = "" if public else f" {html.escape(str(w['name']))}"
            people.append(f"{places.REGIONS[w['region']]}: อ.{html.escape(str(w['district_name']))} "
                          f"จ.{html.escape(str(w['province_name']))}{who} ({w['total']:.2f})")
        else:
            people.append(f"1 จังหวัด 1 พัฒนา: จ.{html.escape(str(w['province_name']))} ({w['total']:.2f})")
    took = _participation(subs, r)
    awarded = national["award"] != ""
    uncertain = int((national["award_review"] & awarded).sum())
    possible = int((national["award_review"] & ~awarded).sum())
    items = [f"<li>ผู้สมัครประเภทบุคคล {took['applicants']:,} คน จาก {took['provinces']} จังหวัด; "
             f"โครงการ 1 จังหวัด 1 พัฒนา {took['projects']} จังหวัด (จาก {PROVINCES_IN_SCOPE})</li>",
             f"<li>รางวัลดีเด่น: {'; '.join(people) or 'ไม่มี'}</li>",
             f"<li>ควรทบทวนก่อนประกาศ: รางวัลที่อาจเปลี่ยนหากเปลี่ยนชุดกรรมการ {uncertain} จาก {int(awarded.sum())} รางวัล; "
             f"ผู้ไม่ได้รางวัลที่อาจได้ {possible} ราย</li>"]
    aside = YearFolder(clean_dir, year).read_if("set_aside", columns=["reason_code", "source_sheet"])
    if aside is not None:  # the clean step's rows that are not data
        sheets = aside.loc[aside["reason_code"] == "hidden_sheet", "source_sheet"].nunique()
        items.append(f"<li>แถวที่ไม่ใช่ข้อมูลผู้สมัคร (ผลรวม ส่วนลงชื่อ หมายเหตุ แผ่นงานที่ซ่อน {sheets} แผ่น) "
                     f"{len(aside):,} แถว ไม่นำไปใช้: ดูรายการใน <a href=\"{year}/{PAGES['clean']}\">รายงานการตรวจข้อมูล</a></li>")
    return f"<ul>{''.join(items)}</ul>"
