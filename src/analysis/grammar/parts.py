"""The parts a value may be written with, per type: the grammar as data.

A cell is read by taking it apart into pieces (a numeral, a word, a sign) and naming each piece
by the tables below. The rule is the same for every type (``analysis.grammar.quantity`` and
``analysis.grammar.dates``): a cell is read when every piece is a part its type accepts and the
pieces make exactly one reading; it is held back, with the part that failed, when a piece is no
part of the type, or when they make no reading or two.

Words are compared after ``normal`` (so full-width, Thai-digit and decomposed spellings are the
plain ones), in lower case, with the dots of abbreviations optional (``อปท`` is ``อปท.``). A word
of at least four letters also matches a table word one slip away (a tone mark or a letter
missing or doubled: ``เปอร์เซนต์``, ``ร้อยล่ะ``), when it is near one word of the tables only
(``words.lookup``). The README's clean section prints these tables for analysts.
"""

from __future__ import annotations

# ------------------------------------------------------------------------------------- quantities
# Words that say nothing about the value: "จำนวน 12 ครั้ง", "ทั้งหมด 12 เรื่อง", "รวม 5 แห่ง".
NEUTRAL = ["จำนวน", "ทั้งหมด", "ทั้งสิ้น", "รวม", "รวมทั้งสิ้น", "รวมทั้งหมด", "เป็นจำนวน", "เป็นเงิน",
           "จำนวนเงิน", "คิดเป็น", "ได้", "ได้รับ", "มี", "คือ", "เท่ากับ", "ยอด", "ยอดเงิน", "งบประมาณ", "งบ",
           "total", "amount", "approved", "เท่านั้น", "ถ้วน", "ถ้วนๆ", "only"]
# Words that make a value inexact or a bound, not a value: held back ("ประมาณ 12", "กว่า 100").
INEXACT = ["ประมาณ", "ราว", "ราวๆ", "ราว ๆ", "โดยประมาณ", "กว่า", "เกือบ", "เศษ", "ไม่ต่ำกว่า", "ไม่น้อยกว่า",
           "ไม่เกิน", "ไม่ถึง", "อย่างน้อย", "อย่างมาก", "มากกว่า", "น้อยกว่า", "ต่ำกว่า", "สูงกว่า", "เกิน",
           "เฉลี่ย", "about", "approx", "approximately", "around", "over", "under", "nearly", "almost",
           "more", "less", "than", "least", "most", "up", "circa", "ca"]
INEXACT_SIGNS = ["~", "≈", "<", ">", "≤", "≥", "±", "+-", "?"]
# Words joining two values: a range or alternatives, never one value ("10-12", "12 หรือ 13").
JOINERS = ["หรือ", "ถึง", "และ", "กับ", "ถึงแม้", "to", "or", "and", "-", "/", ",", ";", "&"]
# "ไม่มี" (none), alone or with what there was none of: a count of zero.
NONE_WORDS = ["ไม่มี", "ไม่มีเลย", "none", "nil"]
# A count per period: the year's count is the count asked for; per month or week is not.
PER = ["ต่อ", "per", "/"]
PERIOD_YEAR = ["ปี", "year", "yr", "annum"]
PERIOD_OTHER = ["เดือน", "สัปดาห์", "อาทิตย์", "วัน", "ไตรมาส", "month", "week", "day", "quarter"]
# What a count is of. A unit of another type (บาท in a count, ครั้ง in money) is held back.
COUNT_UNITS = ["ครั้ง", "คน", "ราย", "แห่ง", "เรื่อง", "อปท.", "อปท", "หน่วย", "องค์กร", "โครงการ", "ท่าน", "คำร้อง",
               "กรณี", "times", "persons", "people", "cases", "complaints", "meetings", "laos", "lao"]
# "ประชาชนได้รับประโยชน์ 1,200 คน": the words of what is counted, before or after it.
COUNT_NOUNS = ["แก้ไขแล้ว", "แก้ไข", "ยุติแล้ว", "ยุติ", "ดำเนินการแล้ว", "เข้าร่วม", "ได้รับประโยชน์", "เรื่องร้องเรียน", "ร้องเรียน", "การประชุม", "ประชุม", "ผู้ได้รับประโยชน์", "ผู้รับประโยชน์",
               "ประชาชน", "ผู้เข้าร่วม", "องค์กรปกครองส่วนท้องถิ่น"]
# Names of one unit, that may be written together ("คน/ราย", "แห่ง (อปท.)"); two units of different
# groups ("คน/ครั้ง", people per meeting) are a rate, not a count.
SAME_UNIT = [{"คน", "ราย", "ท่าน", "persons", "people"}, {"แห่ง", "อปท.", "อปท", "องค์กร", "หน่วย", "laos", "lao"},
             {"เรื่อง", "กรณี", "คำร้อง", "ราย", "cases", "complaints"}, {"ครั้ง", "times", "meetings"}]
SCORE_UNITS = ["คะแนน", "คะแนนเต็ม", "points", "point", "pts", "pt", "score"]
CURRENCY = ["บาท", "บ.", "บ", "thb", "baht", "฿"]
# ×: "1.5 ล้านบาท", "2.8 ลบ." (ล้านบาท), "3 แสน". Also in counts ("1.2 หมื่นคน").
MULTIPLIERS = {"ล้าน": 1_000_000, "ลบ.": 1_000_000, "ลบ": 1_000_000, "แสน": 100_000, "หมื่น": 10_000,
               "พัน": 1_000, "million": 1_000_000, "mb": 1_000_000, "thousand": 1_000}
PERCENT = ["ร้อยละ", "เปอร์เซ็นต์", "เปอร์เซนต์", "เปอร์เซ็น", "เปอร์เซน", "เปอร์เซ็นท์", "%", "percent",
           "per cent", "pct", "percentage"]
# Parts of a money amount written in the official style: "2,823,000.-", "1,000-.", "500.-บาท".
BAHT_DASH = [".-", "-.", "-", ".--"]
# Signs before a numeral; punctuation that never changes a value.
SIGNS = {"-": -1, "+": 1}
PUNCTUATION = [":", "=", "*", "'", '"', "#", "!"]
# A pair of brackets holding what the numeral says again: in words ("(หนึ่งล้านบาทถ้วน)"), or a
# unit ("(บาท)"). It must say the same, or the cell holds two values.
BRACKETS = {"(": ")", "[": "]", "{": "}"}
# Thai number words (pythainlp reads them: ``thaiword_to_num``), for segmenting a run of Thai.
NUMBER_WORDS = ["ศูนย์", "หนึ่ง", "เอ็ด", "สอง", "ยี่", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า", "สิบ",
                "ร้อย", "พัน", "หมื่น", "แสน", "ล้าน"]
SATANG = ["สตางค์", "satang"]

# Which parts each type of value accepts.
KINDS = {
    "count": {"units": COUNT_UNITS + COUNT_NOUNS, "multipliers": True, "currency": False, "percent": False,
              "per_year": True, "integer": True},
    "money": {"units": [], "multipliers": True, "currency": True, "percent": False, "per_year": False,
              "integer": False},
    "score": {"units": SCORE_UNITS, "multipliers": False, "currency": False, "percent": False,
              "per_year": False, "integer": False},
    "number": {"units": COUNT_UNITS + COUNT_NOUNS + SCORE_UNITS + CURRENCY, "multipliers": True,
               "currency": True, "percent": True, "per_year": True, "integer": False},
    "percent": {"units": [], "multipliers": False, "currency": False, "percent": True, "per_year": False,
                "integer": False},
}

# ------------------------------------------------------------------------------------------ dates
# Words around a date that say nothing about it: "วันจันทร์ที่ 19 เดือนกรกฎาคม พ.ศ. 2564 เวลา 10.15 น."
DATE_NEUTRAL = ["วัน", "วันที่", "ที่", "เดือน", "ปี", "เวลา", "ณ", "on", "at", "the", "of", "date", "time",
                "st", "nd", "rd", "th", "ส่ง", "ส่งเมื่อ", "เมื่อ", "ลงวันที่"]
THAI_WEEKDAYS = ["จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "พฤหัส", "ศุกร์", "เสาร์", "อาทิตย์",
                 "จ.", "อ.", "พ.", "พฤ.", "ศ.", "ส.", "อา."]
# Which calendar a year is in. Without one, a year of four digits from 2400 is B.E., from 1900 to
# 2200 A.D.; two digits are B.E. (25yy), as Thai offices write them.
ERA_BE = ["พ.ศ.", "พ.ศ", "พศ", "พ.ศ.ที่", "b.e.", "be"]
ERA_AD = ["ค.ศ.", "ค.ศ", "คศ", "a.d.", "ad", "c.e.", "ce"]
# Thai month names come from pythainlp (full and abbreviated) and English ones from the standard
# library's ``calendar``; these are the other spellings offices write.
MONTH_EXTRA = {"กรกฏาคม": 7, "กรกฏา": 7, "sept": 9, "พฤศจิกา": 11}
# The time of day: "10:15", "10:15:23.5", "10.15 น.", "2:30:45 PM", "14:30 นาฬิกา".
TIME_WORDS = ["น.", "น", "นาฬิกา", "hrs", "hr", "h"]
AM = ["am", "a.m.", "ก่อนเที่ยง", "เช้า"]
PM = ["pm", "p.m.", "หลังเที่ยง", "บ่าย"]
# Time zones written beside a timestamp. Thailand keeps +07:00 all year, so a timestamp in another
# zone is moved to Thai wall-clock time (what a form's deadline means).
ZONES = {"gmt": 0, "utc": 0, "z": 0, "ict": 7, "indochina": 7, "เวลาประเทศไทย": 7, "bangkok": 7}
THAI_OFFSET_HOURS = 7

# ------------------------------------------------------------------------------ test responses
# A Google Forms or Sheets export keeps the answers someone sent to try the form. A cell that
# holds nothing but these words (and a title, digits or punctuation: "นายทดสอบ ทดสอบ", "Test 2",
# "ทดสอบระบบ", "ลองกรอกข้อมูล") marks its row as a test, never a candidate.
TEST_WORDS = ["ทดสอบ", "ทดลอง", "ลองกรอก", "ลองส่ง", "ลองทำ", "test", "tests", "testing", "tester", "trial",
              "dummy", "fake", "สมมติ", "สมมุติ", "ตัวอย่าง", "example", "sample", "demo", "asdf", "qwerty",
              "ฟหกด", "ฟหก"]
# Words that may stand beside them in such a cell and say nothing more.
TEST_FILLER = ["ลอง", "ระบบ", "ข้อมูล", "กรอก", "ส่ง", "แบบฟอร์ม", "ฟอร์ม", "การ", "ครั้งที่", "ไม่ต้องนับ", "อย่านับ",
               "ไม่ใช่ข้อมูลจริง", "ผู้ใช้", "ชื่อ", "นามสกุล", "สกุล", "นาย", "นาง", "นางสาว", "น.ส.", "ผู้สมัคร",
               "โครงการ", "form", "system", "data", "user", "name", "surname", "mr", "mrs", "ms", "miss",
               "only", "please", "ignore", "delete", "ลบ", "ลบทิ้ง", "ออก"]
