"""The words several steps share: categories, rounds, regions, award scopes, and their Thai labels.

Kept in one place so that a rule cannot be spelt two ways: which rank an award scope ranks by was
once written out separately in the score tables, the award list and the charts, and two of them
went on ranking by region after a rubric asked for national awards.
"""

from __future__ import annotations

CATEGORIES = ("individual", "province")
CATEGORY_TH = {"individual": "ประเภทบุคคล", "province": "ประเภทจังหวัด"}
CATEGORY_LONG_TH = {"individual": "ประเภทบุคคล (ท้องถิ่นอำเภอดีเด่น)",
                    "province": "ประเภทจังหวัด (1 จังหวัด 1 พัฒนา)"}

# The rounds of each category, in the order they are held.
ROUNDS = {"individual": ("province", "national"), "province": ("national",)}
ROUND_TH = {"province": "รอบจังหวัด", "national": "รอบประเทศ"}
ROUND_SHEET_TH = {"province": "จังหวัด", "national": "ประเทศ"}   # as a score sheet's รอบ column says

# The four-region scheme of the ministry, in the order reports list them.
REGIONS = {
    "north": "ภาคเหนือ",
    "northeast": "ภาคตะวันออกเฉียงเหนือ",
    "central": "ภาคกลาง",
    "south": "ภาคใต้",
}
REGION_ORDER = {r: i for i, r in enumerate(REGIONS)}

# Award scopes: the group a candidate is ranked in. "province" is the individual province round
# (the province's committee picks its nominee); the national round uses the rubric's awards.scope.
SCOPES = ("province", "region", "national")
SCOPE_COLUMN = {"province": "province_code", "region": "region", "national": "year"}
SCOPE_RANK = {"province": "rank_province", "region": "rank_region", "national": "rank_national"}
SCOPE_TH = {"province": "ลำดับในจังหวัด", "region": "ลำดับในภาค", "national": "ลำดับระดับประเทศ"}

AGGREGATIONS = ("mean", "trimmed_mean", "standardised", "adjusted")
AGGREGATION_TH = {
    "mean": "ค่าเฉลี่ยของกรรมการ",
    "trimmed_mean": "ค่าเฉลี่ยตัดคะแนนสูงสุดและต่ำสุด",
    "standardised": "ค่าเฉลี่ยหลังปรับมาตรฐานคะแนนของกรรมการแต่ละคน",
    "adjusted": "ค่าเฉลี่ยหลังหักความเข้ม/ผ่อนของกรรมการ",
}

# The form fields a computed criterion may read (rubric.COMPUTABLE_FIELDS), as the form heads them
# (the same words as clean.common.FIELD_LABELS: a test keeps the two in step).
COMPUTED_FIELD_TH = {
    "report_rate": "ร้อยละการรายงานตรงเวลา", "complaints_received": "เรื่องร้องเรียนที่ได้รับ",
    "complaints_resolved": "เรื่องร้องเรียนที่แก้ไขแล้ว", "lao_count": "จำนวน อปท.",
    "meetings": "จำนวนครั้งการประชุม",
}

# Why an award (or its absence) goes back to the committee before it is announced.
REVIEW_TH = {
    "uncertain_award": "รางวัลนี้อาจเปลี่ยนหากเปลี่ยนชุดกรรมการ",
    "possible_award": "ไม่ได้รางวัล แต่มีโอกาสได้หากเปลี่ยนชุดกรรมการ",
}
# The same, as a mark in a leaderboard's column "ควรทบทวน" (the review table says it in full).
REVIEW_SHORT_TH = {"uncertain_award": "รางวัลอาจเปลี่ยน", "possible_award": "อาจได้รางวัล"}


def award_scope(category: str, rnd: str, rubric_scope: str) -> str:
    """The scope a round ranks its candidates in for its decision: the province in the individual
    province round (the nominee), else the rubric's ``awards.scope`` (region or national)."""
    if category == "individual" and rnd == "province":
        return "province"
    return rubric_scope
