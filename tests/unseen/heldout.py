"""HELD-OUT spellings: the tables of ``axes.py`` again, each with spellings the development part
never contains. DO NOT TUNE THE READER ON THESE: they exist so that a reader built on the
development part is measured on forms it was not shown (issue 22, item 5).

The held-out part draws from the development tables and from these (``compose.Tables``), so it
is a year like the development one with unseen spellings mixed in; the figures are reported for
the part as a whole and for the rows that carry an unseen spelling.

Sources as in ``axes.py``; RS = ``docs/real-spellings.md``.
"""

from __future__ import annotations

PART = "heldout"
# the share of a fresh draw the held-out spellings of a table take (compose.HO_SHARE otherwise)
SHARE = {"DIGITS": 0.04, "FILE_KINDS": 0.0, "HEADER_LANGUAGE": 0.08}

# ---------------------------------------------------------------- numbers
DIGITS = [("fullwidth+ascii", ("fullwidth", "ascii"), 1), ("fullwidth+thai", ("fullwidth", "thai"), 1)]
GROUPING = [("nbsp_group", "\u00a0", 1), ("thin_space", "\u2009", 1), ("narrow_nbsp", "\u202f", 1),
            ("fw_comma", "，", 1)]
MONEY_DECIMALS: list = []
# rates and counts written with two decimals ("95.00", "12.00")
DECIMALS = [("two_places", ".2f", 1)]

COUNT_FORMS = [("unit_two_spaces", "{n}  {u}", 1), ("unit_bracket", "{n} ({u})", 1),
               ("qual_tight", "{q}{n}{u}", 1), ("unit_per_year", "{n} {u}/ปี", 1)]
UNITS = {
    "lao_count": [("แห่ง_อปท", "แห่ง (อปท.)", 1)],
    "lao_participants": [("อปท._participants", "อปท.", 1)],
    "meetings": [("ครั้ง_ต่อปี", "ครั้ง ต่อปี", 1)],
    "complaints_received": [("กรณี", "กรณี", 1), ("ราย", "ราย", 1)],
    "complaints_resolved": [("กรณี", "กรณี", 1), ("ราย", "ราย", 1)],
    "beneficiaries": [("ราย", "ราย", 1), ("คน_ราย", "คน/ราย", 1)],
}
QUALIFIERS = {
    "*": [("จำนวนทั้งสิ้น", "จำนวนทั้งสิ้น", 1), ("รวมทั้งสิ้น", "รวมทั้งสิ้น", 1)],
    "complaints_received": [("ได้รับ", "ได้รับ", 1)],
    "complaints_resolved": [("แก้ไขแล้ว", "แก้ไขแล้ว", 1)],
    "meetings": [("ประชุม", "ประชุม", 1)],
}
ZERO_FORMS = [("ไม่มีเรื่องร้องเรียน", "ไม่มีเรื่องร้องเรียน", 1), ("ไม่มีเลย", "ไม่มีเลย", 1)]

RATE_FORMS = [("percent_th_typo2", "{n} เปอร์เซ็น", 1), ("percent_th_typo3", "{n}เปอร์เซ็นท์", 1),
              ("roilah_typo", "ร้อยล่ะ {n}", 1), ("percent_en", "{n} percent", 1), ("fw_pct", "{n}％", 1),
              ("roiyla_pct", "ร้อยละ {n} %", 1), ("khit_pen", "คิดเป็นร้อยละ {n}", 1)]   # RS §3.3

MONEY_FORMS = [("bor", "{n} บ.", 1), ("baht_sign", "฿{n}", 1), ("baht_sign_sp", "฿ {n}", 1),
               ("thb_after", "{n} THB", 1), ("thb_before", "THB {n}", 1), ("dash_dot", "{n}-.", 1),
               ("baht_dot", "{n} บาท.", 1), ("pen_ngern", "เป็นเงิน {n} บาท", 1),
               ("words_linebreak", "{n} บาท\n({w})", 1), ("words_fw_paren", "{n} บาท （{w}）", 1),
               ("dash_words", "{n}.- ({w})", 1), ("rwm_words", "รวมทั้งสิ้น: {n} บาท ({w})", 1),   # RS §3.3
               ("satang", "{n} บาท", 1)]          # an amount with satang: the true budget has .50
MILLION_CELL_FORMS = [("m_lan", "{m} ล้าน", 1), ("m_lor_bor", "{m} ลบ.", 1)]

# ---------------------------------------------------------------- dates
DATE_FORMS = [
    ("th_abbr_tight", "{d}{mon}{be}", 1), ("th_abbr_lastdot", "{d} {mon_nodot} {be}", 1),
    ("th_bare_mon", "{d} {mon_bare} {be}", 1), ("th_abbr_ps", "{d} {mon} พ.ศ. {be}", 1),
    ("th_full_ad", "{d} {month} ค.ศ. {ad}", 1), ("th_wanthi", "วันที่ {d} เดือน{month} พ.ศ.{be}", 1),
    ("th_abbr_sp_be2", "{d} {mon} {be2}", 1),
    ("excel_dmy_en2", "{d}-{mon_en}-{ad2}", 1), ("en_weekday", "{wd_en}, {month_en} {d}, {ad}", 1),
    ("ymd_slash", "{ad}/{mm}/{dd}", 1), ("en_full_dmy", "{d} {month_en} {ad}", 1),
    ("excel_date_be", "@date_be", 1), ("iso_be", "{be}-{mm}-{dd}", 1),
]
DATE_AD_NUMERIC = [("slash_ad_dmy", ("{dd}/{mm}/{ad}", "DMY"), 1)]

DATETIME_FORMS = [
    ("iso_basic", ("{ad}{mm}{dd}T{HH}{MM}{SS}+0700", None), 1),
    ("iso_frac", ("{ad}-{mm}-{dd}T{HH}:{MM}:{SS}.{frac}+07:00", None), 1),
    ("iso_offset8", ("{ad}-{mm}-{dd}T{HH}:{MM}:{SS}+08:00", 8), 1),
    ("iso_minutes", ("{ad}-{mm}-{dd}T{HH}:{MM}+07:00", None), 1),
    ("gforms_th_ampm", ("{ad}/{mm}/{dd} {h}:{MM}:{SS} {ampm_th} GMT+7", None), 1),     # RS §1.3 (inferred)
    ("gforms_mdy_gmt", ("{m}/{d}/{ad} {H}:{MM}:{SS} GMT+7", None), 1),                  # RS §1.3 (Russian UI)
    ("sheets_uk", ("{dd}/{mm}/{ad} {HH}:{MM}:{SS}", None), 1),
    ("th_time_na", ("{d} {mon} {be} เวลา {HH}.{MM} น.", None), 1),
    ("utc_word", ("{ad}-{mm}-{dd} {HH}:{MM}:{SS} UTC", 0), 1),
    ("js_date", ("{wd_en3} {mon_en} {dd} {ad} {HH}:{MM}:{SS} GMT+0700 (Indochina Time)", None), 1),  # RS §1.2
    ("be_time_na", ("{d}/{m}/{be} {HH}:{MM} น.", None), 1),
]
DATETIME_ORDER = {"gforms_mdy_gmt": "MDY", "sheets_uk": "DMY"}

# ---------------------------------------------------------------- places
PROVINCE_FORMS = [("jor_sp", "จ. {th}", 1), ("english_upper", "{EN}", 1), ("english_province", "{en} Province", 1),
                  ("changwat_en", "Changwat {en}", 1), ("english_lower", "{en_lower}", 1),     # RS §3.2
                  ("english_compact", "{en_compact}", 1)]                                      # "ChonBuri"
# more short names; the development part's "{short}" spelling takes them in the held-out part
SHORT_NAMES = {"สุราษฎร์ธานี": "สุราษฎร์ฯ", "ประจวบคีรีขันธ์": "ประจวบฯ", "อุดรธานี": "อุดรฯ",
               "สุพรรณบุรี": "สุพรรณฯ"}
DISTRICT_FORMS = [("or_sp", "อ. {th}", 1), ("amphoe_en", "Amphoe {en}", 1), ("district_en", "{en} District", 1),
                  ("english_upper", "{EN}", 1)]
CAPITAL_FORMS = [("mueang_en", "Mueang", 1), ("or_mueang_jor", "อ.เมือง จ.{pth}", 1),
                 ("mueang_sp", "เมือง {pth}", 1)]

# ---------------------------------------------------------------- character forms
# tone mark typed before the upper vowel (renders the same); SARA AM as SARA AA + NIKHAHIT, the
# order a PDF converter writes (RS §4 "สาํนักงาน")
THAI_FORMS = [("tone_before_vowel", "tone_order", 1), ("am_pdf_order", ("ำ", "าํ"), 1)]
INVISIBLES = [("zwj", "\u200d", 1), ("zwnj", "\u200c", 1), ("word_joiner", "\u2060", 1), ("soft_hyphen", "\u00ad", 1),
              ("lrm", "\u200e", 1)]
SPACES = [("ideographic_space", "\u3000", 1), ("en_space", "\u2002", 1), ("tab_inside", "\t", 1)]
WIDTH = [("fw_colon", {":": "："}, 1), ("fw_slash", {"/": "／"}, 1), ("fw_dot", {".": "．"}, 1)]

# ---------------------------------------------------------------- headers
HEADERS = {
    "individual": {
        "province": {"th": ["จังหวัดที่สังกัด"], "en": ["Province name", "Changwat"]},
        "district": {"th": ["อำเภอที่ปฏิบัติงาน"], "en": ["Amphoe"]},
        "name": {"th": ["ชื่อและนามสกุล", "ชื่อ-นามสกุล|ท้องถิ่นอำเภอ"], "en": ["Name - Surname"]},
        "position": {"th": ["ตำแหน่งปัจจุบัน"], "en": ["Job title"]},
        "started_on": {"th": ["วันที่เริ่ม|ดำรงตำแหน่ง"], "en": ["Date started in post"]},
        "lao_count": {"th": ["จำนวน อปท.|ในพื้นที่"], "en": ["No. of local administrative organizations"]},
        "meetings": {"th": ["จำนวนการประชุม|ประสานงาน"], "en": ["Number of coordination meetings"]},
        "report_rate": {"th": ["อัตราการรายงาน|ตรงเวลา (%)"], "en": ["Timely reporting (%)"]},
        "complaints_received": {"th": ["จำนวนเรื่อง|ร้องเรียนที่ได้รับ"], "en": ["Number of complaints received"]},
        "complaints_resolved": {"th": ["จำนวนเรื่อง|ร้องเรียนที่แก้ไขแล้ว"], "en": ["Number of complaints resolved"]},
        "work_title": {"th": ["ผลงานที่โดดเด่น"], "en": ["Best practice"]},
        "submitted_at": {"th": ["วันที่ยื่น|แบบรายงาน"], "en": ["Date submitted"]},
    },
    "province": {
        "province": {"th": ["จว."], "en": ["Province name"]},
        "project_title": {"th": ["ชื่อโครงการ/กิจกรรม"], "en": ["Project name"]},
        "budget": {"th": ["งบประมาณที่ใช้ (บาท)", "งบประมาณ (฿)"], "en": ["Budget (Baht)"]},
        "lao_participants": {"th": ["อปท. ที่เข้าร่วม|(แห่ง)"], "en": ["Number of participating LAOs"]},
        "beneficiaries": {"th": ["ผู้ได้รับประโยชน์|(คน)"], "en": ["Number of beneficiaries"]},
        "started_on": {"th": ["วันเริ่มโครงการ"], "en": ["Project start"]},
        "ended_on": {"th": ["วันสิ้นสุดโครงการ"], "en": ["Completion date"]},
        "submitted_at": {"th": ["วันที่ยื่น"], "en": ["Date submitted"]},
    },
}
MILLION_HEADERS = {"th": ["งบประมาณ|(หน่วย: ล้านบาท)"], "en": ["Budget (million baht)"]}
TIMESTAMP_HEADERS = {"th": ["วันเวลาที่ตอบ"], "en": ["Timestamp (GMT+7)"]}
HEADER_NUMBERING = [("kho", "ข้อ {i} {h}", 1), ("paren", "({i}) {h}", 1), ("close_paren", "{i}) {h}", 1)]
HEADER_UNITS = {"meetings": ["[หน่วย: ครั้ง]"], "lao_count": ["（แห่ง）"], "report_rate": ["(%)"],
                "complaints_received": ["(พิมพ์เป็นตัวเลข)"], "complaints_resolved": ["(ระบุเป็นตัวเลข)"],   # RS §1.1
                "beneficiaries": ["(ราย)"], "lao_participants": ["/ แห่ง"]}
HEADER_DRESS = [("unit_linebreak", "{h}\n{unit}", 1), ("trailing_linebreak", "{h}\n", 1),
                ("double_space", "{h_double_space}", 1)]
BILINGUAL = [("en_paren_th", "{en} ({th})", 1), ("en_lines", "{en}\n{th}", 1), ("th_dash_en", "{th} - {en}", 1)]
HEADER_LANGUAGE = [("en_fullwidth", "en_fw", 1)]

# ---------------------------------------------------------------- not data
TEST_NAMES = [("ลองกรอก", "ลองกรอก", 1), ("ทดลองกรอกข้อมูล", "ทดลองกรอกข้อมูล", 1),
              ("นายทดสอบ ทดสอบ", "นายทดสอบ ทดสอบ", 1), ("TEST", "TEST", 1), ("ลองส่ง", "ลองส่ง", 1),   # RS §1.4
              ("ฟหกด", "ฟหกด", 1), ("asdf", "asdf", 1)]
TEST_TITLES = [("title_ทดลอง", "ทดลองส่งแบบฟอร์ม", 1), ("title_xxx", "xxx", 1)]
TOTAL_LABELS = [("รวมทั้งสิ้น", "รวมทั้งสิ้น", 1), ("ยอดรวม", "ยอดรวม", 1), ("Total", "Total", 1)]
NOTE_LINES = [("ที่มา", "ที่มา: ระบบศูนย์ประสานงานท้องถิ่นอำเภอ", 1),
              ("ข้อมูล_ณ", "ข้อมูล ณ วันที่ ๓๐ มิ.ย. ๖๔", 1)]
SIGNATURE = [("ผู้รับรอง", ["(ลงชื่อ) ................................ ผู้รับรองข้อมูล", "( {person} )",
                            "ท้องถิ่นจังหวัด{province}", "โทร. ๐ ๕๓๑๑ ๒๓๔๕"], 1)]
PAGE_LINES = [("page_of", "Page {i} of {n}", 1), ("dash_page", "- {i} -", 1), ("หน้า_จาก", "หน้า {i} จาก {n}", 1)]

# ---------------------------------------------------------------- doubtful values
DOUBT_NUMBER = [("rao", "ราว {n}", 1), ("thueng", "{a} ถึง {b}", 1), ("at_least", "ไม่น้อยกว่า {n}", 1),
                ("plus", "{n}+", 1), ("over", "กว่า {n}", 1), ("approx_after", "{n} โดยประมาณ", 1)]
DOUBT_RATE = [("range_pct", "{a}-{b}%", 1), ("over_pct", "มากกว่าร้อยละ {n}", 1)]
DOUBT_MONEY = [("words_disagree_fw", "{n} บาท （{w}）", 1), ("about_million", "ประมาณ {m} ล้านบาท", 1)]
DOUBT_DATE = [("weekday_disagree", "วัน{wd_wrong}ที่ {d} {month} {be}", 1), ("month_only", "{mon} {be}", 1)]

# ---------------------------------------------------------------- files
FILE_KINDS = [("csv_cp874_semicolon", 1), ("gforms_csv_th", 1), ("sheets_gviz_csv", 1), ("sheets_xlsx_en", 1),
              ("sheets_csv_uk", 1), ("pdf_csv", 1), ("utf16_csv", 1)]
EXTRA_COLUMNS = {"email": ["Email address", "E-mail"], "score": ["คะแนน", "Total score"]}    # RS §1.1 C, §1.2, §1.3
# the newer English name of a Forms download (RS §1.1: "- Form responses 1", lower-case r)
FORMS_FILE_NAMES = {"en": ["{form} (Responses) - Form responses 1"]}
