"""What the announcement says, from the score step's results and the clean step's forms (pure).

Nothing here is typed by hand: every name, position, district, province, project title and award
is the value the clean step accepted (``submissions``) and the score step decided
(``results``), carried through unchanged. The Thai digits of a government letter are put
into the letter's own numbers and dates only (counts, the year, list numbers), never into a
winner's name, position or project title, which stay exactly as accepted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from analysis.catalog import PAGES
from analysis.errors import InputError
from analysis.render.dates import thai_full_months
from analysis.vocab import REGION_ORDER, REGIONS

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")

# The letter's fixed words, as the seed letter (the 2564 call) has them. The department's address
# and telephone are the seed's; an office changes them in the template (share/announce/letter.docx).
DEPARTMENT = "กรมส่งเสริมการปกครองท้องถิ่น"
CATEGORY_LETTER_TH = {"individual": "การคัดเลือกและประเมินผลงานท้องถิ่นอำเภอดีเด่น (ประเภทบุคคล)",
                      "province": "การคัดเลือกและประเมินผลงาน ๑ จังหวัด ๑ พัฒนา (ประเภทจังหวัด)"}
CATEGORY_AWARD_TH = {"individual": "ท้องถิ่นอำเภอดีเด่น", "province": "๑ จังหวัด ๑ พัฒนา"}

# What an official fills in, marked in the documents as [...] and highlighted (PLACEHOLDER_MARK).
PLACEHOLDERS = {
    "letter_number": "[เลขที่หนังสือ]",
    "day": "[วันที่]",
    "call_letter": "[เลขที่และวันที่ของหนังสือแจ้งการคัดเลือก]",
    "signatory": "[ชื่อผู้ลงนาม]",
    "signatory_position": "[ตำแหน่งผู้ลงนาม]",
    "extension": "[เบอร์ต่อ]",
    "coordinator": "[ชื่อผู้ประสานงาน]",
    "emblem": "[ตราครุฑ]",
}


class OpenReview(InputError):
    """The year's awards still have review items open: the announcement waits for the committee."""


def thai(value) -> str:
    """A number or date text of the letter in Thai digits ("2568" -> "๒๕๖๘")."""
    return str(value).translate(THAI_DIGITS)


def thai_month_year(day: dt.date) -> str:
    """"กันยายน ๒๕๖๘": the date line of the letter without its day (filled when it is signed)."""
    return f"{thai_full_months[day.month - 1]} {thai(day.year + 543)}"


def national(results: pd.DataFrame) -> pd.DataFrame:
    return results[results["round"] == "national"]


def open_reviews(results: pd.DataFrame) -> pd.DataFrame:
    """The national round's rows the score step flagged ``award_review`` (an award a new panel
    keeps less often than the rubric's threshold, or a candidate without an award that a new panel
    would often give one): what the committee is to read again before it announces."""
    n = national(results)
    return n[n["award_review"].astype(bool)]


def check_review(results: pd.DataFrame, year: int, despite_review: bool) -> int:
    """How many review items are open; an ``OpenReview`` error when some are and the analyst has not
    said ``despite_review``."""
    items = open_reviews(results)
    if len(items) and not despite_review:
        counts = items.groupby("category").size()
        th = ", ".join(f"{'ประเภทบุคคล' if c == 'individual' else 'ประเภทจังหวัด'} {n} รายการ"
                       for c, n in counts.items())
        raise OpenReview(
            f"ปี พ.ศ. {year}: ยังมีรายการที่คณะกรรมการควรทบทวนก่อนประกาศ {len(items)} รายการ ({th}; "
            f"ดูหัวข้อ 'สิ่งที่คณะกรรมการควรทบทวนก่อนประกาศ' ใน reports/{year}/{PAGES['score']}) "
            f"จึงยังไม่ร่างหนังสือแจ้งผล หากคณะกรรมการพิจารณาแล้ว ให้สั่งอีกครั้งพร้อม --despite-review "
            f"(ร่างจะมีข้อความสีแดงกำกับไว้ที่หัวหนังสือ) / "
            f"B.E. {year}: {len(items)} review items are still open for the committee "
            f"({', '.join(f'{c} {n}' for c, n in counts.items())}; see 'what the committee should review "
            f"before announcing' in reports/{year}/{PAGES['score']}), so the letter is not drafted. Once the "
            f"committee has decided, run again with --despite-review (the draft then says so in red at its top)")
    return len(items)


def winners(results: pd.DataFrame, submissions: pd.DataFrame) -> pd.DataFrame:
    """The national round's awards, one row per winner, in award order: individuals by region (the
    reports' order), then rank in the award scope; provinces by national rank. With each
    individual's position from the form the clean step accepted (the same district's row)."""
    w = national(results)
    w = w[w["award"] != ""].copy()
    forms = submissions[submissions["category"] == "individual"][["district_code", "position"]]
    forms = forms.drop_duplicates("district_code", keep="last")
    w = w.merge(forms, on="district_code", how="left") if len(w) else w.assign(position=None)
    ind = w["category"] == "individual"
    w.loc[~ind, "position"] = None
    w["scope_order"] = [REGION_ORDER.get(r, 9) if c == "individual" and s == "region" else 0
                        for c, r, s in zip(w["category"], w["region"], w["award_scope"])]
    w["category_order"] = (w["category"] == "province").astype(int)
    w = w.sort_values(["category_order", "scope_order", "rank_scope", "province_code", "district_code"],
                      kind="stable", na_position="last")
    keep = ["category", "award_scope", "region", "rank_scope", "award", "name", "position",
            "district_code", "district_name", "province_code", "province_name", "project_title"]
    return w[keep].reset_index(drop=True)


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _person(row) -> dict:
    """One winner as the documents say them (every field as accepted, none re-spelt)."""
    ind = row["category"] == "individual"
    district = _text(row["district_name"])
    province = _text(row["province_name"])
    return {
        "category": row["category"],
        "award": row["award"],
        "award_th": f"รางวัล{row['award']}",
        "name": _text(row["name"]) if ind else f"จังหวัด{province}",
        "position": _text(row["position"]),
        "district": district,
        "province": province,
        "project": _text(row["project_title"]),
        "place": f"อำเภอ{district} จังหวัด{province}" if ind else "",
        # the certificate's second line: the position, or the province's project
        "detail": _text(row["position"]) if ind else _text(row["project_title"]),
        "competition": ("การคัดเลือกและประเมินผลงานท้องถิ่นอำเภอดีเด่น" if ind
                        else "การคัดเลือกและประเมินผลงาน ๑ จังหวัด ๑ พัฒนา"),
        "scope_th": (REGIONS.get(row["region"], "") if ind and row["award_scope"] == "region"
                     else "ระดับประเทศ"),
    }


@dataclass
class Announcement:
    """Everything the three documents say, for one year (``context()`` gives the templates' fields)."""

    year: int
    counts: dict
    groups: list = field(default_factory=list)    # per category and scope: the winners in award order
    open_review: int = 0
    despite_review: bool = False
    dated: dt.date | None = None

    @property
    def people(self) -> list[dict]:
        return [p for g in self.groups for p in g["winners"]]

    def context(self) -> dict:
        y = thai(self.year)
        warning = ""
        if self.despite_review:
            warning = (f"ร่าง: ยังมีรายการที่คณะกรรมการควรทบทวนก่อนประกาศ {thai(self.open_review)} รายการ "
                       f"ร่างนี้ทำตามคำสั่ง --despite-review โปรดยืนยันผลกับคณะกรรมการก่อนลงนาม")
        n_people = len(self.people)
        categories = []
        for category in ("individual", "province"):
            gs = [g for g in self.groups if g["category"] == category]
            categories.append({"category": category, "number": thai(len(categories) + 1),
                               "title": CATEGORY_LETTER_TH[category], "groups": gs,
                               "assessed": self.counts[category]["assessed_th"],
                               "empty": not any(g["winners"] for g in gs)})
        enclosures = [{"number": "๑", "title": f"บัญชีรายชื่อผู้ได้รับรางวัลการคัดเลือกและประเมินผลงานของ"
                                               f"ท้องถิ่นอำเภอดีเด่น ประจำปี พ.ศ. {y}", "amount": "จำนวน ๑ ชุด"},
                      {"number": "๒", "title": "เกียรติบัตรผู้ได้รับรางวัล", "amount": f"จำนวน {thai(n_people)} ฉบับ"}]
        return {
            "year": y, "year_arabic": str(self.year), "department": DEPARTMENT,
            "month_year": thai_month_year(self.dated) if self.dated else f"[เดือน] {y}",
            "placeholder": dict(PLACEHOLDERS),
            "warning": warning,
            "subject": f"ผลการคัดเลือกและประเมินผลงานของท้องถิ่นอำเภอดีเด่น ประจำปี พ.ศ. {y}",
            "call_subject": f"การคัดเลือกและประเมินผลงานของท้องถิ่นอำเภอดีเด่น ประจำปี พ.ศ. {y}",
            "enclosures": enclosures,
            "categories": categories,
            "counts": self.counts,
            "n_winners": thai(n_people),
            "individual_groups": [g for g in self.groups if g["category"] == "individual"],
            "province_groups": [g for g in self.groups if g["category"] == "province"],
            "certificates": [dict(p, year=y) for p in self.people],
        }


def _counts(results: pd.DataFrame) -> dict:
    ind = results[results["category"] == "individual"]
    applicants = ind[ind["round"] == "province"]
    nominees = ind[ind["round"] == "national"]
    projects = results[(results["category"] == "province") & (results["round"] == "national")]
    c = {"individual": {"applicants": len(applicants), "applicant_provinces": applicants["province_code"].nunique(),
                        "nominees": len(nominees), "nominee_provinces": nominees["province_code"].nunique()},
         "province": {"projects": len(projects), "provinces": projects["province_code"].nunique()}}
    i, p = c["individual"], c["province"]
    i["assessed_th"] = (f"ท้องถิ่นอำเภอสมัครเข้ารับการประเมินระดับจังหวัด จำนวน {thai(i['applicants'])} ราย "
                        f"จาก {thai(i['applicant_provinces'])} จังหวัด และได้รับการเสนอชื่อเข้ารับการประเมิน"
                        f"ระดับประเทศ จำนวน {thai(i['nominees'])} ราย จาก {thai(i['nominee_provinces'])} จังหวัด")
    p["assessed_th"] = (f"จังหวัดส่งผลงานเข้ารับการประเมิน จำนวน {thai(p['projects'])} โครงการ "
                        f"จาก {thai(p['provinces'])} จังหวัด")
    return c


def announcement(results: pd.DataFrame, submissions: pd.DataFrame, year: int, *,
                 despite_review: bool = False, dated: dt.date | None = None) -> Announcement:
    """The year's announcement: refused (``OpenReview``) while review items are open, unless
    ``despite_review``. ``dated``: the day the draft is dated (its month and year go on the letter)."""
    results = results[results["year"] == year] if "year" in results else results
    n_open = check_review(results, year, despite_review)
    w = winners(results, submissions)
    groups = []
    order = []
    for _, row in w.iterrows():
        key = (row["category"], row["region"] if row["category"] == "individual" and row["award_scope"] == "region"
               else "national")
        if key not in order:
            order.append(key)
    for category, scope in order:
        rows = w[(w["category"] == category) & ((w["region"] == scope) if scope != "national"
                                                else True)]
        people = [_person(r) for _, r in rows.iterrows()]
        for i, p in enumerate(people, 1):
            p["number"] = thai(i)
        scope_th = REGIONS.get(scope, "ระดับประเทศ")
        groups.append({"category": category, "scope": scope, "scope_th": scope_th, "winners": people,
                       "awards": [_award(a, [p for p in people if p["award"] == a])
                                  for a in dict.fromkeys(p["award"] for p in people)]})
    return Announcement(year=year, counts=_counts(results), groups=groups, open_review=n_open,
                        despite_review=despite_review and n_open > 0, dated=dated)


def _award(award: str, people: list[dict]) -> dict:
    """One award of one scope as the letter's body says it: "รางวัลดีเด่น ได้แก่ ..." on one line
    for one winner, a numbered line each for several."""
    who = [{"number": thai(i), "text": _who(p)} for i, p in enumerate(people, 1)]
    return {"award_th": f"รางวัล{award}", "single": len(who) == 1, "who": who}


def _who(p: dict) -> str:
    """A winner as the letter's body names them: the person and place, or the province and project."""
    if p["category"] == "individual":
        return f"{p['name']} {p['place']}"   # the position is in the attachment
    if p["project"]:
        return f"{p['name']} (โครงการ{p['project']})"
    return p["name"]
