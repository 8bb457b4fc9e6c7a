"""The shared reference data (cen_core.reference): complete, consistent, and faithful to the WCO's regions and RILOs."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest
from cen_core.reference import (
    TERM_LISTS,
    Country,
    ReferenceData,
    Term,
    Unit,
    load_reference,
)

HEADINGS = (
    "drugs", "tobacco", "beverages", "cites", "ipr", "precursors", "tax_duty", "weapons", "currency", "nuclear",
    "hazardous", "pornography", "other", "ods",
)  # fmt: skip


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return load_reference()


def _unique(codes: list[str]) -> bool:
    return all(n == 1 for n in Counter(codes).values())


# ---- headings, commodity types, units ----------------------------------------------------------------------


def test_the_fourteen_headings_with_their_codes(ref: ReferenceData) -> None:
    assert tuple(h.code for h in ref.headings) == HEADINGS
    assert all(h.name for h in ref.headings)
    assert ref.heading("ods") is not None and ref.heading("ods").name == "Ozone-depleting substances"  # type: ignore[union-attr]
    assert ref.heading("nope") is None


def test_every_heading_has_enough_commodity_types(ref: ReferenceData) -> None:
    for heading in ref.headings:
        assert len(heading.commodity_types) >= 4, heading.code
        assert all(c.heading == heading.code for c in heading.commodity_types)


def test_commodity_types_are_unique_and_well_formed(ref: ReferenceData) -> None:
    types = [c for h in ref.headings for c in h.commodity_types]
    assert _unique([c.code for c in types])
    for c in types:
        assert c.code == c.code.lower() and c.code.replace("_", "").isalnum(), c.code
        assert c.name, c.code
        assert ref.unit(c.default_unit) is not None, c
        assert c.hs_code.isdigit() and len(c.hs_code) in (4, 6), c
        assert 1 <= int(c.hs_code[:2]) <= 97, c  # a real HS chapter
        assert ref.commodity_type(c.code) == c


def test_well_known_commodity_types(ref: ReferenceData) -> None:
    expected = {
        "cocaine": ("drugs", "kg"), "heroin": ("drugs", "kg"), "cannabis_herbal": ("drugs", "kg"),
        "captagon": ("drugs", "tablets"), "cigarettes": ("tobacco", "sticks"), "ivory": ("cites", "kg"),
        "pangolin_scales": ("cites", "kg"), "acetic_anhydride": ("precursors", "l"), "r22": ("ods", "kg"),
        "r134a": ("ods", "kg"), "counterfeit_pharmaceuticals": ("ipr", "tablets"), "firearms": ("weapons", "pieces"),
    }  # fmt: skip
    for code, (heading, unit) in expected.items():
        ct = ref.commodity_type(code)
        assert ct is not None and (ct.heading, ct.default_unit) == (heading, unit), code
    assert ref.commodity_type("cigarettes").hs_code == "240220"  # type: ignore[union-attr]
    assert ref.commodity_type("r22").hs_code == "290371"  # type: ignore[union-attr]  # HCFC-22
    assert ref.commodity_type("ivory").hs_code.startswith("0507")  # type: ignore[union-attr]
    assert ref.commodity_type("unobtainium") is None


def test_units_have_positive_limits_that_reject_absurd_figures(ref: ReferenceData) -> None:
    assert _unique([u.code for u in ref.units])
    assert {"kg", "g", "l", "ml", "pieces", "sticks", "tablets", "ampoules", "m3", "carats"} <= {
        u.code for u in ref.units
    }
    assert all(u.max_quantity > 0 and u.name for u in ref.units)
    assert ref.unit("kg") == Unit("kg", "Kilograms", 1_000_000)
    assert ref.unit("sticks").max_quantity == 1_000_000_000  # type: ignore[union-attr]
    assert ref.unit("furlongs") is None


# ---- countries, regions, RILOs -----------------------------------------------------------------------------


def test_every_iso_country_once(ref: ReferenceData) -> None:
    codes = [c.code for c in ref.countries]
    assert _unique(codes)
    assert len(codes) >= 240
    assert all(len(c) == 2 and c.isalpha() and c.isupper() for c in codes)
    assert all(c.name for c in ref.countries)
    assert {"NL", "BR", "TW", "AQ", "VA", "PS", "HK"} <= set(codes)


def test_points_are_on_the_globe(ref: ReferenceData) -> None:
    for c in ref.countries:
        assert -90 <= c.lat <= 90 and -180 <= c.lon <= 180, c
    assert sum(1 for c in ref.countries if (c.lat, c.lon) == (0, 0)) == 0  # no country left at null island


def test_points_are_roughly_where_the_countries_are(ref: ReferenceData) -> None:
    boxes = {  # (lat min, lat max, lon min, lon max)
        "NL": (50, 54, 3, 8), "BR": (-34, 6, -74, -34), "RU": (41, 82, 19, 180), "FJ": (-21, -12, 176, 180),
        "US": (24, 50, -125, -66), "AU": (-44, -10, 112, 154), "ZA": (-35, -22, 16, 33), "JP": (24, 46, 122, 146),
    }  # fmt: skip
    for code, (lat0, lat1, lon0, lon1) in boxes.items():
        c = ref.country(code)
        assert c is not None and lat0 <= c.lat <= lat1 and lon0 <= c.lon <= lon1, c


def test_six_regions_and_eleven_rilos(ref: ReferenceData) -> None:
    assert {r.code for r in ref.regions} == {"ESA", "WCA", "MENA", "EUR", "AP", "AMC"}
    assert len(ref.rilos) == 11 and _unique([r.code for r in ref.rilos])
    for rilo in ref.rilos:
        assert ref.region(rilo.region) is not None, rilo
        host = ref.country(rilo.country)
        assert host is not None and host.wco_member and host.region == rilo.region, rilo
        assert rilo.name and rilo.city
    assert ref.rilo("WE") is not None and ref.rilo("WE").city == "Cologne"  # type: ignore[union-attr]
    assert ref.rilo("SA") is not None and ref.rilo("SA").country == "CL"  # type: ignore[union-attr]
    assert ref.rilo("XX") is None and ref.region("XX") is None


def test_every_member_has_a_region_and_a_rilo_of_that_region(ref: ReferenceData) -> None:
    members = [c for c in ref.countries if c.wco_member]
    assert len(members) >= 170
    for c in members:
        region, rilo = ref.region(c.region), ref.rilo(c.rilo)
        assert region is not None and rilo is not None, c
        assert rilo.region == c.region, c
    for c in ref.countries:
        if not c.wco_member:
            assert c.region == "" and c.rilo == "", c


def test_every_region_and_rilo_covers_members(ref: ReferenceData) -> None:
    for region in ref.regions:
        assert ref.countries_of_region(region.code), region
    for rilo in ref.rilos:
        countries = ref.countries_of_rilo(rilo.code)
        assert countries, rilo
        assert all(ref.country(code).region == rilo.region for code in countries)  # type: ignore[union-attr]
    assert sum(len(ref.countries_of_rilo(r.code)) for r in ref.rilos) == sum(
        c.wco_member for c in ref.countries
    )
    assert ref.countries_of_region("XX") == () and ref.countries_of_rilo("XX") == ()


def test_the_demo_users_countries_and_rilos(ref: ReferenceData) -> None:
    for code in ("NL", "BE", "DE", "FR"):
        country = ref.country(code)
        assert country is not None and country.wco_member and (country.region, country.rilo) == ("EUR", "WE")
    brazil = ref.country("BR")
    assert brazil is not None and (brazil.region, brazil.rilo) == ("AMC", "SA")
    assert {"NL", "BE", "DE", "FR"} <= set(ref.countries_of_rilo("WE"))
    assert "BR" in ref.countries_of_rilo("SA")


def test_some_known_memberships(ref: ReferenceData) -> None:
    def member(code: str) -> bool:
        country = ref.country(code)
        assert country is not None, code
        return country.wco_member

    assert all(member(c) for c in ("US", "CN", "HK", "MO", "PS", "SS", "SO", "TL", "SB", "PW", "VC"))
    assert not any(member(c) for c in ("TW", "KP", "LI", "MC", "SM", "VA", "AQ", "KI"))
    assert ref.country("IR").region == "AP"  # type: ignore[union-attr]  # Iran sits in the Asia/Pacific region
    assert ref.country("SD").region == "MENA"  # type: ignore[union-attr]


# ---- term lists --------------------------------------------------------------------------------------------


def test_every_term_list_is_non_empty_with_unique_codes(ref: ReferenceData) -> None:
    for name in TERM_LISTS:
        terms: tuple[Term, ...] = getattr(ref, name)
        assert terms, name
        assert _unique([t.code for t in terms]), name
        assert all(t.code and t.name for t in terms), name
        assert all(ref.has_term(name, t.code) for t in terms)
        assert not ref.has_term(name, "no-such-code")


def test_term_lists_hold_the_codes_the_forms_use(ref: ReferenceData) -> None:
    expected = {
        "transport_modes": {"air", "sea", "road", "rail", "postal", "express_courier", "pedestrian", "other"},
        "detection_methods": {
            "risk_profiling",
            "intelligence",
            "x_ray",
            "sniffer_dog",
            "controlled_delivery",
        },
        "concealment_methods": {"body_carrier_swallowed", "container_rip_on_rip_off", "vehicle_natural_void"},
        "place_types": {"airport", "seaport", "land_border", "postal_centre", "courier_hub", "free_zone"},
        "customs_procedures": {"import", "export", "transit", "transhipment", "temporary_admission"},
        "directions": {"inbound", "outbound", "transit", "domestic"},
        "genders": {"female", "male", "other", "unknown"},
        "age_bands": {"under_18", "18_25", "26_35", "36_45", "46_60", "over_60", "unknown"},
        "offender_roles": {"courier", "organiser", "consignee", "consignor", "driver", "crew", "passenger"},
        "cites_appendices": {"I", "II", "III"},
        "currencies": {"USD", "EUR", "GBP", "CNY", "JPY", "CHF", "BRL", "NGN", "XOF", "XAF"},
    }
    for name, codes in expected.items():
        assert codes <= {t.code for t in getattr(ref, name)}, name


def test_currencies_are_iso_4217_codes(ref: ReferenceData) -> None:
    codes = [t.code for t in ref.currencies]
    assert len(codes) >= 150
    assert all(len(c) == 3 and c.isalpha() and c.isupper() for c in codes)
    assert "HRK" not in codes  # withdrawn when Croatia adopted the euro
    assert ref.currencies[codes.index("USD")].name == "US Dollar"


def test_an_unknown_term_list_is_a_programming_error(ref: ReferenceData) -> None:
    with pytest.raises(ValueError, match="no term list"):
        ref.has_term("colours", "red")


# ---- the loader --------------------------------------------------------------------------------------------


def test_one_version_and_one_cached_instance(ref: ReferenceData) -> None:
    assert ref.version == "2026.1"
    assert load_reference() is ref


def test_inconsistent_data_is_refused(ref: ReferenceData) -> None:
    # A European member under RILO South America.
    orphan = Country("ZZ", "Nowhere", True, "EUR", "SA", 0.5, 0.5)
    with pytest.raises(ValueError, match="ZZ is in region EUR but its RILO SA serves AMC"):
        dataclasses.replace(ref, countries=(*ref.countries, orphan))
    with pytest.raises(ValueError, match="duplicate unit codes kg"):
        dataclasses.replace(ref, units=(*ref.units, ref.units[0]))
