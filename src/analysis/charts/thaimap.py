"""A tile-grid map of Thailand: each of the 76 in-scope provinces is one square tile.

A tile map gives every province the same area, so a small province (Samut Songkhram) is as
visible as a large one (Chiang Mai), and the map fits beside a table. The grid keeps the shape
people know: the north at the top, the northeast as a block to the right, Bangkok's
neighbourhood in the middle (Bangkok itself is out of scope; its place is left empty and can
be drawn as a marker), the east coast under the northeast, and the south as a long tail down
the left. Neighbours on the grid are neighbours (or near neighbours) on the ground.

``TILES`` maps the DOPA province code to (row, col); row 0 is the top, col 0 the west.
"""

from __future__ import annotations

from analysis import places

TILES: dict[str, tuple[int, int]] = {
    # north (17)
    "57": (0, 2),                                                   # เชียงราย
    "50": (1, 1), "56": (1, 2), "55": (1, 3),                       # เชียงใหม่ พะเยา น่าน
    "58": (2, 0), "51": (2, 1), "52": (2, 2), "54": (2, 3),         # แม่ฮ่องสอน ลำพูน ลำปาง แพร่
    "63": (3, 0), "64": (3, 1), "53": (3, 2), "65": (3, 3),         # ตาก สุโขทัย อุตรดิตถ์ พิษณุโลก
    "62": (4, 1), "66": (4, 2), "67": (4, 3),                       # กำแพงเพชร พิจิตร เพชรบูรณ์
    "61": (5, 1), "60": (5, 2),                                     # อุทัยธานี นครสวรรค์
    # northeast (20)
    "43": (2, 5), "38": (2, 6),                                     # หนองคาย บึงกาฬ
    "42": (3, 4), "41": (3, 5), "47": (3, 6), "48": (3, 7),         # เลย อุดรธานี สกลนคร นครพนม
    "39": (4, 4), "40": (4, 5), "46": (4, 6), "49": (4, 7),         # หนองบัวลำภู ขอนแก่น กาฬสินธุ์ มุกดาหาร
    # ชัยภูมิ มหาสารคาม ร้อยเอ็ด ยโสธร อำนาจเจริญ
    "36": (5, 4), "44": (5, 5), "45": (5, 6), "35": (5, 7), "37": (5, 8),
    # นครราชสีมา บุรีรัมย์ สุรินทร์ ศรีสะเกษ อุบลราชธานี
    "30": (6, 4), "31": (6, 5), "32": (6, 6), "33": (6, 7), "34": (6, 8),
    # central, east and west (25; Bangkok would be at (9, 2))
    "16": (5, 3),                                                   # ลพบุรี
    "71": (6, 0), "18": (6, 1), "17": (6, 2), "19": (6, 3),         # กาญจนบุรี ชัยนาท สิงห์บุรี สระบุรี
    "70": (7, 0), "72": (7, 1), "15": (7, 2), "14": (7, 3),         # ราชบุรี สุพรรณบุรี อ่างทอง อยุธยา
    "26": (7, 4), "25": (7, 5),                                     # นครนายก ปราจีนบุรี
    "75": (8, 0), "73": (8, 1), "12": (8, 2), "13": (8, 3),         # สมุทรสงคราม นครปฐม นนทบุรี ปทุมธานี
    "24": (8, 4), "27": (8, 5),                                     # ฉะเชิงเทรา สระแก้ว
    # เพชรบุรี สมุทรสาคร (กทม.) สมุทรปราการ ชลบุรี จันทบุรี
    "76": (9, 0), "74": (9, 1), "11": (9, 3), "20": (9, 4), "22": (9, 5),
    "77": (10, 0), "21": (10, 4), "23": (10, 5),                    # ประจวบคีรีขันธ์ ระยอง ตราด
    # south (14)
    "86": (11, 0),                                                  # ชุมพร
    "85": (12, 0), "84": (12, 1),                                   # ระนอง สุราษฎร์ธานี
    "82": (13, 0), "81": (13, 1), "80": (13, 2),                    # พังงา กระบี่ นครศรีธรรมราช
    "83": (14, 0), "92": (14, 1), "93": (14, 2),                    # ภูเก็ต ตรัง พัทลุง
    "91": (15, 1), "90": (15, 2), "94": (15, 3),                    # สตูล สงขลา ปัตตานี
    "95": (16, 3), "96": (16, 4),                                   # ยะลา นราธิวาส
}

BANGKOK_TILE = (9, 2)  # where Bangkok sits; drawn as an outline only, it is out of scope

# Names too long for a tile, shortened the way Thai officials write them.
SHORT_NAMES = {
    "14": "อยุธยา", "80": "นครศรีฯ", "77": "ประจวบฯ", "84": "สุราษฎร์ฯ", "30": "โคราช",
    "34": "อุบลฯ",
}


def short_name(code: str) -> str:
    """The name written on a tile: the Thai name, or its usual short form when long."""
    return SHORT_NAMES.get(code) or places.province_name(code) or code


def grid_shape() -> tuple[int, int]:
    """(rows, cols) the grid needs."""
    return (max(r for r, _ in TILES.values()) + 1, max(c for _, c in TILES.values()) + 1)
