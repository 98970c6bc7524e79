"""Place resolution: the names people really type, and the traps where a guess would be wrong."""

import geothai
import pytest

from analysis import places


@pytest.mark.parametrize(
    ("province", "district", "expected", "method"),
    [
        ("เชียงใหม่", "สันทราย", ("50", "5014"), "exact"),
        ("จ.เชียงใหม่", "อ.เมือง", ("50", "5001"), "capital"),
        ("จังหวัดเชียงใหม่", "อำเภอเมืองเชียงใหม่", ("50", "5001"), "exact"),
        ("Chiang Mai", "Mueang Chiang Mai", ("50", "5001"), "exact"),
        ("Chiang Mai", "Muang Chiang Mai", ("50", "5001"), "exact"),
        ("Nakhon Si Thammarat", "Mueang", ("80", "8001"), "capital"),
        ("นครศรีฯ", "เมือง", ("80", "8001"), "abbreviation"),
        ("สุราษฎร์ฯ", "เกาะพะงัน", ("84", "8405"), "abbreviation"),
        ("โคราช", "ปากช่อง", ("30", "3021"), "alias"),
        ("อยุธยา", "บางปะอิน", ("14", "1406"), "alias"),
        ("ศรีษะเกษ", "กันทรลักษ์", ("33", "3304"), "alias"),  # the classic misspelling
        ("จังหวัด\u00a0ลำปาง", "อำเภอ\u200bเกาะคา", ("52", "5203"), "exact"),  # NBSP, zero-width
        ("เเพร่", "เมืองเเพร่", ("54", "5401"), "exact"),  # doubled sara e
        ("ลําปาง", "เมืองลําปาง", ("52", "5201"), "exact"),  # decomposed sara am
        ("นครราชสีมา", "อ.สีคิ้ว จ.นครราชสีมา", ("30", "3020"), "exact"),
        ("พระนครศรีอยุธยา", "พระนครศรีอยุธยา", ("14", "1401"), "exact"),  # district named as province
        ("นครศรีธรรมราช", "เฉลิมพระเกียรติ", ("80", "8023"), "exact"),  # name in five provinces
        ("บุรีรัมย์", "เฉลิมพระเกียรติ", ("31", "3123"), "exact"),
        ("เชียงไม่", "สันทราย", ("50", "5014"), "confirmed_fuzzy"),  # typo confirmed by the district
    ],
)
def test_resolves_what_people_type(province, district, expected, method):
    place = places.resolve(province, district)
    assert place.problem is None, place
    assert (place.province_code, place.district_code) == expected
    assert place.method == method


@pytest.mark.parametrize(
    ("province", "district", "problem", "suggests"),
    [
        ("กรุงเทพฯ", "บางรัก", "out_of_scope", None),
        ("กรุงเทพมหานคร", "เขตบางรัก", "out_of_scope", None),
        ("กทม.", "ปทุมวัน", "out_of_scope", None),
        ("", "เขตบางรัก", "out_of_scope", None),
        ("เชียงราย", "สันทราย", "place_mismatch", "เชียงใหม่"),  # exists, but elsewhere
        ("เชียงใหม่", "สันทรย", "unknown_district", "สันทราย"),  # typo, nothing confirms it
        ("เชียงใหม่", "อำเภอที่ไม่มีจริง", "unknown_district", None),
        ("xyz", "abc", "unknown_province", None),
        ("เชียงไม่", "", "missing_value", None),
        ("", "เฉลิมพระเกียรติ", "ambiguous_place", "น่าน"),
        ("", "", "missing_value", None),
        ("", "สันทราย", "missing_value", "เชียงใหม่"),  # required, even if the district is unique
        # a typo'd province whose district is in five provinces: too far from all of them
        ("ศรีสะเกต", "เฉลิมพระเกียรติ", "unknown_province", None),
        ("กรุงเทพ", "", "out_of_scope", None),
    ],
)
def test_holds_back_what_it_cannot_be_sure_of(province, district, problem, suggests):
    place = places.resolve(province, district)
    assert place.problem == problem
    assert place.district_code is None
    assert place.th and place.en
    if suggests:
        assert suggests in (place.suggestion or "")


def test_fuzzy_never_resolves_a_province_on_its_own():
    place = places.resolve("เชียงไม่", None, need_district=False)
    assert place.problem == "unknown_province"
    assert "เชียงใหม่" in place.suggestion


def test_every_official_name_resolves_to_itself():
    for p in geothai.provinces():
        if p.code == places.BANGKOK:
            continue
        english = [places.key(d.name_en) for d in geothai.districts(p.code)]
        for d in geothai.districts(p.code):
            pairs = [(p.name_th, d.name_th), (f"จ.{p.name_th}", f"อ.{d.name_th}")]
            if english.count(places.key(d.name_en)) == 1:
                pairs.append((p.name_en, d.name_en))
            for prov, dist in pairs:
                place = places.resolve(prov, dist)
                assert (place.province_code, place.district_code) == (p.code, d.code), (prov, dist, place)


def test_english_names_shared_inside_a_province_are_held_back():
    # บางไทร and บางซ้าย (Ayutthaya) are both "Bang Sai" in English
    place = places.resolve("Phra Nakhon Si Ayutthaya", "Bang Sai")
    assert place.problem == "ambiguous_place"
    assert "บางไทร" in place.suggestion and "บางซ้าย" in place.suggestion


def test_regions_follow_the_four_region_scheme():
    counts = places.provinces().groupby("region").size().to_dict()
    assert counts == {"north": 17, "northeast": 20, "central": 25, "south": 14}
    assert len(places.provinces()) == 76
    assert places.BANGKOK not in set(places.provinces()["province_code"])
    assert len(places.districts()) == 878
    assert places.region_of("50") == "north" and places.region_of("20") == "central"
    assert places.region_of("10") is None


@pytest.mark.parametrize(("province", "district", "expected"), [
    ("Samut Prakarn", "Bang Phli", ("11", "1103")),  # romanisation alias
    ("Nakorn Ratchasima", "Pak Chong", ("30", "3021")),
    ("Chiang Maii", "San Sai", ("50", "5014")),  # an English typo, confirmed by the district
])
def test_english_variants(province, district, expected):
    place = places.resolve(province, district)
    assert (place.province_code, place.district_code) == expected, place


def test_english_typo_without_a_district_is_only_suggested():
    place = places.resolve("Chiang Maii", None, need_district=False)
    assert place.problem == "unknown_province" and "เชียงใหม่" in place.suggestion


# ---------------------------------------------------------------------- issue 12: the place cross-check
@pytest.mark.parametrize(("province", "district", "expected"), [
    ("พะเยา", "อ.เมือง จ.พะเยา", ("56", "5601")),
    ("เชียงราย", "อ.เวียงชัย (จ.เชียงราย)", ("57", "5702")),
    ("เชียงราย", "เวียงชัย, เชียงราย", ("57", "5702")),
    ("เชียงราย", "เวียงชัย เชียงราย", ("57", "5702")),
    ("เชียงราย", "อำเภอเวียงชัย จังหวัดเชียงราย", ("57", "5702")),
    ("พะเยา", "กิ่ง อ.ภูกามยาว", ("56", "5609")), ("พะเยา", "กิ่งอ.ภูกามยาว", ("56", "5609")),
    ("พะเยา", "กิ่งอำเภอภูกามยาว", ("56", "5609")),
    ("", "อ.เวียงชัย (จ.เชียงราย)", ("57", "5702")),  # the province is written, in the district cell
    ("เชียงราย อ.เวียงชัย", "", ("57", "5702")),  # the district is written, in the province cell
])
def test_a_province_written_with_the_district_agrees(province, district, expected):
    place = places.resolve(province, district)
    assert (place.province_code, place.district_code, place.problem) == (*expected, None), place


@pytest.mark.parametrize(("province", "district", "code"), [
    ("เชียงราย", "อ.เมือง จ.พะเยา", "place_mismatch"),  # the row would land in the wrong province
    ("ลำปาง", "อ.เวียงชัย (จ.เชียงราย)", "place_mismatch"),
    ("เชียงราย", "อ.เวียงชัย จ.ดาวอังคาร", "unknown_province"),
    ("เชียงราย", "อ.เวียงชัย จ.กรุงเทพฯ", "out_of_scope"),
    ("เชียงราย อ.เวียงชัย", "แม่จัน", "place_mismatch"),
])
def test_a_province_written_with_the_district_that_disagrees_holds_the_row(province, district, code):
    place = places.resolve(province, district)
    assert place.problem == code and place.district_code is None
    if code == "place_mismatch":
        assert place.th and ("เชียงราย" in place.th or "เวียงชัย" in place.th)


def test_the_mismatch_names_both_provinces():
    place = places.resolve("เชียงราย", "อ.เมือง จ.พะเยา")
    assert "เชียงราย" in place.th and "พะเยา" in place.th and "Phayao" not in place.th


def test_an_english_district_with_spaces_is_not_split():
    assert places.split_district("Mae Rim") == ("Mae Rim", None)
    assert places.resolve("Chiang Mai", "Mae Rim").district_code == "5007"
