"""The DEVELOPMENT part's spellings: one table per axis, as data.

Every entry is ``(tag, spec, weight)``: the tag names the spelling in the truth (``truth.csv``
column ``axes``, as ``<field>.<axis>=<tag>``) so that failures group by class; the spec is what
the renderer (``spell.py``) fills in; the weight is how often a fresh draw picks it. A plain
spelling carries most weight, as in a real year.

``heldout.py`` holds the HELD-OUT part's tables under the same names, with spellings that never
appear here (``tests/clean/test_unseen.py`` checks it): a reader tuned on the development part is
measured honestly on the held-out part.

Templates: ``{n}`` the number, ``{q}`` a qualifier word, ``{u}`` a unit word, ``{w}`` the amount
in words, ``{m}`` the amount in millions, ``{a}``/``{b}`` two numbers of a doubtful value. Dates:
``{d}`` day, ``{dd}`` two-digit day, ``{m}``/``{mm}`` month, ``{mon}`` Thai abbreviated month,
``{month}`` Thai month, ``{mon_bare}`` Thai abbreviation without dots, ``{mon_en}``/``{month_en}``
English month, ``{be}``/``{be2}`` B.E. year, ``{ad}``/``{ad2}`` A.D. year, ``{wd}``/``{wd_en}``/
``{wd_en3}`` weekday. Times: ``{H}``/``{HH}`` 24-hour, ``{h}`` 12-hour, ``{MM}``, ``{SS}``,
``{ampm}``, ``{ampm_th}``, ``{frac}``. A spec starting with ``@`` is a native cell (``@date`` an
Excel date cell, ``@pct`` an Excel percent cell ...), written only into workbooks.

Sources: the issue's own list (issue 22), the brief (``/work/shared/BRIEF.md`` §5), and the real
files collected in ``docs/real-spellings.md`` (cited per table as RS §n).
"""

from __future__ import annotations

PART = "development"

# ---------------------------------------------------------------- numbers
# digit systems: one system, or a mix within one number (the DLA letter writes ๑๐3๐๐, 256๔)
# full-width digits were not found in public Thai files (RS §3.3): kept, but rare
DIGITS = [("ascii", ("ascii",), 14), ("thai", ("thai",), 4), ("fullwidth", ("fullwidth",), 0.5),
          ("thai+ascii", ("thai", "ascii"), 1)]
# thousands separators (numbers of 1,000 or more); RS §4: "1 250 000" from PDF converters
GROUPING = [("comma", ",", 8), ("none", "", 3), ("space", " ", 1)]
# how many decimals a rate or a count is written with ("" = as the value has them)
DECIMALS = [("natural", "", 1)]
# an amount written with its satang places ("1,250,000.00")
MONEY_DECIMALS = [("natural", "", 3), ("money_00", ".00", 2)]

# counts: {q} qualifier before, {u} unit after
COUNT_FORMS = [("bare", "{n}", 12), ("unit", "{n} {u}", 4), ("unit_tight", "{n}{u}", 1),
               ("qual_unit", "{q} {n} {u}", 2), ("qual", "{q} {n}", 1)]
UNITS = {
    "lao_count": [("แห่ง", "แห่ง", 3), ("อปท.", "อปท.", 1)],
    "lao_participants": [("แห่ง", "แห่ง", 3)],
    "meetings": [("ครั้ง", "ครั้ง", 1)],
    "complaints_received": [("เรื่อง", "เรื่อง", 1)],
    "complaints_resolved": [("เรื่อง", "เรื่อง", 1)],
    "beneficiaries": [("คน", "คน", 1)],
}
QUALIFIERS = {
    "*": [("จำนวน", "จำนวน", 3), ("ทั้งหมด", "ทั้งหมด", 1), ("รวม", "รวม", 1)],
}
# zero written as a word (README: ไม่มี is 0)
ZERO_FORMS = [("zero", "{n}", 6), ("ไม่มี", "ไม่มี", 1)]

# rates (report_rate, 0-100)
RATE_FORMS = [("bare", "{n}", 10), ("pct", "{n}%", 4), ("pct_space", "{n} %", 1), ("roiyla", "ร้อยละ {n}", 3),
              ("roiyla_tight", "ร้อยละ{n}", 1), ("percent_th", "{n} เปอร์เซ็นต์", 1),
              ("percent_th_typo", "{n} เปอร์เซนต์", 1), ("excel_pct", "@pct", 3)]

# money (budget, baht); {m} in millions; {w} in words
MONEY_FORMS = [("bare", "{n}", 8), ("baht", "{n} บาท", 4), ("baht_tight", "{n}บาท", 1),
               ("dash", "{n}.-", 2), ("dash_baht", "{n}.-บาท", 1), ("baht_thuan", "{n} บาทถ้วน", 1),
               ("million", "{m} ล้านบาท", 2), ("words", "{n} บาท ({w})", 3),
               ("qual_words", "จำนวน {n} บาท ({w})", 1), ("number_cell", "@number", 3)]
# a header that says the amounts are in millions: the cells then hold millions
MILLION_CELL_FORMS = [("m_bare", "{m}", 3), ("m_unit", "{m} ล้านบาท", 1)]

# ---------------------------------------------------------------- dates
DATE_FORMS = [
    ("th_abbr_be", "{d} {mon} {be}", 6), ("th_abbr_be2", "{d} {mon}{be2}", 2),
    ("th_full_be", "{d} {month} {be}", 4), ("th_full_ps", "{d} {month} พ.ศ. {be}", 2),
    ("th_weekday", "วัน{wd}ที่ {d} {month} {be}", 1),
    ("slash_be", "{dd}/{mm}/{be}", 4), ("slash_be2", "{d}/{m}/{be2}", 2), ("dash_be", "{d}-{m}-{be}", 1),
    ("dot_be", "{d}.{m}.{be}", 1), ("iso", "{ad}-{mm}-{dd}", 2), ("en_long", "{month_en} {d}, {ad}", 1),
    ("en_abbr", "{d} {mon_en} {ad}", 1), ("excel_date", "@date", 5), ("serial_text", "{serial}", 1),
]
# a numeric A.D. date: day/month order must be shown by the column (a part over 12 somewhere)
DATE_AD_NUMERIC = [("slash_ad_mdy", ("{m}/{d}/{ad}", "MDY"), 1)]

# submission date-times; the second element of a spec is the UTC offset (hours) the instant is
# written in (None: Thailand's wall clock, no zone written)
DATETIME_FORMS = [
    ("excel_datetime", ("@datetime", None), 6),
    ("gforms_en", ("{ad}/{mm}/{dd} {h}:{MM}:{SS} {ampm} GMT+7", None), 3),        # RS §1.3
    ("sheets_th", ("{d}/{m}/{ad}, {H}:{MM}:{SS}", None), 3),                       # RS §1.1
    ("sheets_us", ("{m}/{d}/{ad} {H}:{MM}:{SS}", None), 2),                        # RS §1.2
    ("iso_offset", ("{ad}-{mm}-{dd}T{HH}:{MM}:{SS}+07:00", None), 2),
    ("iso_z", ("{ad}-{mm}-{dd}T{HH}:{MM}:{SS}Z", 0), 2),
    ("iso_space", ("{ad}-{mm}-{dd} {HH}:{MM}:{SS}", None), 1),
    ("be_time", ("{d}/{m}/{be} {H}:{MM}:{SS}", None), 2),
    ("th_abbr_time", ("{d} {mon} {be} {HH}:{MM}", None), 1),
]
# which of the above are day-first or month-first with an A.D. year (order needs evidence)
DATETIME_ORDER = {"sheets_th": "DMY", "sheets_us": "MDY"}

# ---------------------------------------------------------------- places
PROVINCE_FORMS = [("plain", "{th}", 14), ("jor", "จ.{th}", 3), ("changwat", "จังหวัด{th}", 2),
                  ("changwat_sp", "จังหวัด {th}", 1), ("english", "{en}", 2), ("short", "{short}", 2)]
# common short names and ฯ abbreviations a Thai reader knows (BRIEF §5; RS §3.2)
SHORT_NAMES = {"นครราชสีมา": "โคราช", "พระนครศรีอยุธยา": "อยุธยา", "นครศรีธรรมราช": "นครศรีฯ",
               "อุบลราชธานี": "อุบลฯ"}
DISTRICT_FORMS = [("plain", "{th}", 14), ("or", "อ.{th}", 4), ("amphoe", "อำเภอ{th}", 2),
                  ("amphoe_sp", "อำเภอ {th}", 1), ("english", "{en}", 2)]
# the capital district, which a Thai reader also knows as เมือง (not Ayutthaya's: its capital
# district is named after the province, never เมือง)
CAPITAL_FORMS = [("mueang", "เมือง", 2), ("or_mueang", "อ.เมือง", 2)]

# ---------------------------------------------------------------- character forms
# Thai letters typed or converted otherwise (BRIEF §5; RS §1.1 "ชอบทุกเเนว"; RS §3.2 "ลําปาง")
THAI_FORMS = [("double_e", ("แ", "เเ"), 1), ("decomposed_am", ("ำ", "ํา"), 1)]
# invisible characters, and where they go
INVISIBLES = [("zwsp", "\u200b", 2), ("bom", "\ufeff", 1)]
SPACES = [("nbsp", "\u00a0", 2), ("trailing_space", " ", 1)]          # RS §3.2 "นนทบุรี "
# full-width forms of letters and punctuation (a CJK input method, a PDF)
WIDTH = [("fw_paren", {"(": "（", ")": "）"}, 1), ("fw_letters", "letters", 1)]

# ---------------------------------------------------------------- headers
# base spellings per field and language; "|" marks where a header may break onto a new line
HEADERS = {
    "individual": {
        "province": {"th": ["จังหวัด"], "en": ["Province"]},
        "district": {"th": ["อำเภอ"], "en": ["District"]},
        "name": {"th": ["ชื่อ-สกุล", "ชื่อ - นามสกุล", "ชื่อ-นามสกุล"], "en": ["Full name"]},
        "position": {"th": ["ตำแหน่ง"], "en": ["Position"]},
        "started_on": {"th": ["วันที่เริ่ม|ปฏิบัติหน้าที่"], "en": ["Start date"]},
        "lao_count": {"th": ["จำนวน อปท.", "จำนวน|องค์กรปกครองส่วนท้องถิ่น"], "en": ["Number of LAOs"]},
        "meetings": {"th": ["จำนวนครั้ง|การประชุมประสานงาน"], "en": ["Coordination meetings"]},
        "report_rate": {"th": ["ร้อยละการรายงาน|ตรงเวลา", "ร้อยละการรายงานข้อมูล|ตรงเวลา"],
                        "en": ["On-time reporting rate (%)"]},
        "complaints_received": {"th": ["เรื่องร้องเรียน|ที่ได้รับ"], "en": ["Complaints received"]},
        "complaints_resolved": {"th": ["เรื่องร้องเรียน|ที่แก้ไขแล้ว"], "en": ["Complaints resolved"]},
        "work_title": {"th": ["ชื่อผลงาน|ดีเด่น"], "en": ["Outstanding work"]},
        "submitted_at": {"th": ["วันที่ส่ง", "วันที่ส่ง|ผลงาน"], "en": ["Submission date"]},
    },
    "province": {
        "province": {"th": ["จังหวัด"], "en": ["Province"]},
        "project_title": {"th": ["ชื่อโครงการ"], "en": ["Project title"]},
        "budget": {"th": ["งบประมาณ (บาท)", "งบประมาณ"], "en": ["Budget (THB)"]},
        "lao_participants": {"th": ["จำนวน อปท.|ที่เข้าร่วม"], "en": ["Participating LAOs"]},
        "beneficiaries": {"th": ["จำนวนผู้ได้รับ|ประโยชน์"], "en": ["Beneficiaries"]},
        "started_on": {"th": ["วันที่เริ่ม"], "en": ["Start date"]},
        "ended_on": {"th": ["วันที่สิ้นสุด"], "en": ["End date"]},
        "submitted_at": {"th": ["วันที่ส่ง"], "en": ["Submission date"]},
    },
}
# a budget column whose header says millions (the cells hold millions)
MILLION_HEADERS = {"th": ["งบประมาณ (ล้านบาท)"], "en": []}
# the timestamp column of a Forms / Sheets export
TIMESTAMP_HEADERS = {"th": ["ประทับเวลา"], "en": ["Timestamp"]}
# how a header is dressed: numbering, units, a Forms "*", line breaks, two languages
HEADER_NUMBERING = [("none", "{h}", 8), ("dot", "{i}. {h}", 2)]
HEADER_UNITS = {"meetings": ["(ครั้ง)"], "lao_count": ["(แห่ง)"], "report_rate": ["(ร้อยละ)"],
                "complaints_received": ["(เรื่อง)"], "complaints_resolved": ["(เรื่อง)"],
                "beneficiaries": ["(คน)"], "lao_participants": ["(แห่ง)"]}
HEADER_DRESS = [("plain", "{h}", 8), ("linebreak", "linebreak", 3), ("unit", "{h} {unit}", 2),
                ("star", "{h} *", 1), ("spaces", "  {h} ", 1)]
BILINGUAL = [("slash", "{th} / {en}", 1), ("lines", "{th}\n{en}", 1)]
# how a file's headers are worded
HEADER_LANGUAGE = [("th", "th", 10), ("en", "en", 2), ("bilingual", "bi", 2), ("mixed", "mixed", 1)]

# ---------------------------------------------------------------- not data
# Google Forms / Sheets test and trial responses (issue 22; RS §1.4)
TEST_NAMES = [("ทดสอบ", "ทดสอบ", 3), ("test", "test", 2), ("Test Test", "Test Test", 1),
              ("ทดสอบระบบ", "ทดสอบระบบ", 1)]
# a test whose name is real but whose title gives it away
TEST_TITLES = [("title_ทดสอบ", "ทดสอบ", 1), ("title_test", "test", 1)]
TOTAL_LABELS = [("รวม", "รวม", 1)]
NOTE_LINES = [("หมายเหตุ", "หมายเหตุ: ข้อมูล ณ วันที่ 30 มิถุนายน 2564", 1),
              ("ขอรับรอง", "ขอรับรองว่าข้อมูลข้างต้นถูกต้องตามความเป็นจริง", 1)]
SIGNATURE = [("ลงชื่อ", ["ลงชื่อ ........................................ ผู้รายงาน", "({person})",
                         "ตำแหน่ง ท้องถิ่นจังหวัด{province}"], 1)]
PAGE_LINES = [("หน้า_n/m", "หน้า {i}/{n}", 1)]

# ---------------------------------------------------------------- doubtful values
# a value nobody can be sure of: held back, never accepted
DOUBT_NUMBER = [("about", "ประมาณ {n}", 1), ("range", "{a}-{b}", 1), ("or", "{a} หรือ {b}", 1)]
DOUBT_RATE = [("about", "ประมาณ {n}%", 1), ("range", "{a}-{b}", 1)]
DOUBT_MONEY = [("words_disagree", "{n} บาท ({w})", 2), ("about", "ประมาณ {n} บาท", 1)]
DOUBT_DATE = [("day_range", "{d}-{d2} {mon} {be}", 1)]                          # RS §3.3 "11-17 เม.ย. 2563"

# ---------------------------------------------------------------- files
# (kind, weight); what each kind is: files.py
FILE_KINDS = [("xlsx", 4), ("xls", 2), ("ods", 1), ("csv_utf8", 1), ("csv_utf8_bom", 2), ("csv_cp874", 2),
              ("utf16_txt", 1), ("gforms_csv_en", 2), ("sheets_csv_th", 2), ("sheets_csv_us", 1),
              ("sheets_xlsx_th", 1), ("pdf_xlsx", 2)]
# the columns of a Forms export that are no field
EXTRA_COLUMNS = {"email": ["ที่อยู่อีเมล", "Email Address"], "phone": ["เบอร์โทรศัพท์"]}
# how a Forms download is named (RS §1.1): <form> (การตอบกลับ) - การตอบแบบฟอร์ม 1.csv
FORMS_FILE_NAMES = {"th": ["{form} (การตอบกลับ) - การตอบแบบฟอร์ม 1"], "en": ["{form} (Responses) - Form Responses 1"]}
# a row typed into the response sheet by hand: no timestamp (RS §1.1, Source B)
