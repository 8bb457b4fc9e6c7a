"""The demo-data generator: deterministic, valid against the reference data and the service, realistic."""

from __future__ import annotations

import random
import re
import statistics
import time
from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest
from cen_core.reference import ReferenceData, load_reference
from cen_seizures import demo
from cen_seizures.domain import container_check_ok, imo_check_ok, validate_seizure

SAMPLE = 20_000
START, END = date(2016, 1, 1), date(2026, 10, 31)
SIMPLIFIED_FIELDS = {
    "form", "seizure_date", "country", "transport_mode", "departure_country", "destination_country",
    "commodities", "external_id",
}  # fmt: skip
PERSON_SHIPMENT_MODES = {"air", "road", "pedestrian"}


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return load_reference()


@pytest.fixture(scope="module")
def cases() -> list[demo.DemoCase]:
    return list(demo.generate(SAMPLE, start=START, end=END))


def _lines(cases: list[demo.DemoCase]) -> list[dict[str, Any]]:
    return [line for case in cases for line in case.seizure["commodities"]]


def _long(cases: list[demo.DemoCase]) -> list[dict[str, Any]]:
    return [c.seizure for c in cases if c.seizure["form"] == "SEIZURE_FORM_LONG"]


# ---- determinism -------------------------------------------------------------------------------------------


def test_same_seed_same_cases_and_a_longer_run_starts_with_a_shorter_one() -> None:
    first = list(demo.generate(500, seed=7, start=START, end=END))
    again = list(demo.generate(500, seed=7, start=START, end=END))
    longer = list(demo.generate(1_200, seed=7, start=START, end=END))
    assert first == again
    assert longer[:500] == first


def test_another_seed_gives_other_cases() -> None:
    one = [c.seizure for c in demo.generate(50, seed=1, start=START, end=END)]
    two = [c.seizure for c in demo.generate(50, seed=2, start=START, end=END)]
    assert sum(a != b for a, b in zip(one, two, strict=True)) >= 45


def test_any_case_can_be_made_alone(cases: list[demo.DemoCase]) -> None:
    block = demo.CASES_PER_STREAM
    for index in (0, 1, block - 1, block, block + 1, 999, SAMPLE - 1):
        assert demo.demo_case(index, start=START, end=END) == cases[index]


def test_interleaved_generators_do_not_disturb_each_other() -> None:
    a, b = demo.generate(100, seed=3, start=START, end=END), demo.generate(100, seed=3, start=START, end=END)
    interleaved = [case for pair in zip(a, b, strict=True) for case in pair]
    alone = list(demo.generate(100, seed=3, start=START, end=END))
    assert interleaved[::2] == alone
    assert interleaved[1::2] == alone


def test_external_ids_are_unique_with_the_demo_prefix(cases: list[demo.DemoCase]) -> None:
    ids = [c.seizure["external_id"] for c in cases]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith(demo.DEMO_EXTERNAL_ID_PREFIX) for i in ids)
    assert ids[0] == "DEMO-0000001"


def test_the_author_is_the_reporting_countrys_ncp(cases: list[demo.DemoCase]) -> None:
    assert all(c.created_by == f"ncp-{c.seizure['country'].lower()}" for c in cases)


# ---- valid against the reference data and the service ------------------------------------------------------


def test_the_service_accepts_the_cases(cases: list[demo.DemoCase], ref: ReferenceData) -> None:
    today = date.today()
    for case in cases[:5_000]:
        valid = validate_seizure(case.seizure, ref=ref, today=today, default_country="")
        assert valid.country == case.seizure["country"]


def test_every_code_exists_in_the_reference_data(cases: list[demo.DemoCase], ref: ReferenceData) -> None:
    term_fields = {
        "place_type": "place_types", "customs_procedure": "customs_procedures", "direction": "directions",
        "detection_method": "detection_methods", "transport_mode": "transport_modes",
        "concealment_method": "concealment_methods",
    }  # fmt: skip
    for case in cases:
        seizure = case.seizure
        for key, list_name in term_fields.items():
            if key in seizure:
                assert ref.has_term(list_name, seizure[key]), (key, seizure[key])
        for country in (seizure["departure_country"], seizure["destination_country"]):
            assert ref.country(country) is not None
        for country in seizure.get("transit_countries", []):
            assert ref.country(country) is not None
        for offender in seizure.get("offenders", []):
            assert ref.country(offender["nationality"]) is not None
            assert ref.has_term("genders", offender["gender"])
            assert ref.has_term("age_bands", offender["age_band"])
            assert ref.has_term("offender_roles", offender["role"])
        if seizure.get("locode"):
            assert seizure["locode"][:2] == seizure["country"]
    assert {c.status for c in cases} == {"validated", "submitted", "draft", "returned"}


def test_the_reporting_country_is_a_wco_member(cases: list[demo.DemoCase], ref: ReferenceData) -> None:
    for case in cases:
        country = ref.country(case.seizure["country"])
        assert country is not None and country.wco_member


def test_commodity_lines_use_known_types_and_their_default_units(
    cases: list[demo.DemoCase], ref: ReferenceData
) -> None:
    for line in _lines(cases):
        commodity = ref.commodity_type(line["commodity_type"])
        assert commodity is not None and commodity.heading == line["heading"]
        assert line["unit"] == commodity.default_unit
        unit = ref.unit(line["unit"])
        assert unit is not None
        assert 0 < line["quantity"] <= unit.max_quantity
        if "hs_code" in line:
            assert line["hs_code"] == commodity.hs_code
        if "estimated_value" in line:
            assert line["estimated_value"] > 0 and ref.has_term("currencies", line["currency"])
        if "cites_appendix" in line:
            assert ref.has_term("cites_appendices", line["cites_appendix"])


def test_simplified_cases_carry_only_the_simplified_fields(cases: list[demo.DemoCase]) -> None:
    simplified = [c.seizure for c in cases if c.seizure["form"] == "SEIZURE_FORM_SIMPLIFIED"]
    assert simplified
    for seizure in simplified:
        assert set(seizure) == SIMPLIFIED_FIELDS
        assert len(seizure["commodities"]) == 1
        assert set(seizure["commodities"][0]) == {"heading", "commodity_type", "quantity", "unit"}


def test_dates_stay_within_the_range() -> None:
    start, end = date(2020, 3, 1), date(2020, 5, 31)
    dates = {c.seizure["seizure_date"] for c in demo.generate(3_000, start=start, end=end)}
    assert min(dates) >= start.isoformat() and max(dates) <= end.isoformat()
    assert len(dates) > 80  # every day of the range can come up


def test_dates_are_never_in_the_future() -> None:
    today = date.today()
    start = today - timedelta(days=30)
    dates = [
        c.seizure["seizure_date"] for c in demo.generate(2_000, start=start, end=today + timedelta(days=400))
    ]
    assert max(dates) <= today.isoformat()


def test_a_range_without_days_is_refused() -> None:
    with pytest.raises(ValueError, match="no days"):
        next(demo.generate(1, start=date(2020, 1, 2), end=date(2020, 1, 1)))


# ---- identifiers -------------------------------------------------------------------------------------------


def test_conveyance_identifiers_have_valid_check_digits(cases: list[demo.DemoCase]) -> None:
    conveyances = [s["conveyance"] for s in _long(cases) if "conveyance" in s]
    containers = [c["container_number"] for c in conveyances if "container_number" in c]
    imos = [c["vessel_imo"] for c in conveyances if "vessel_imo" in c]
    assert len(containers) > 500 and len(imos) > 500
    assert all(container_check_ok(n) for n in containers)
    assert all(imo_check_ok(n) for n in imos)
    assert len(set(imos)) < len(imos)  # the same ships come back, so watch lists on them find cases


def _s10_ok(number: str) -> bool:
    """UPU S10: weights 8 6 4 2 3 5 9 7 over the serial; 11 - sum mod 11, with 10 -> 0 and 11 -> 5."""
    check = 11 - sum(int(d) * w for d, w in zip(number[2:10], (8, 6, 4, 2, 3, 5, 9, 7), strict=True)) % 11
    return {10: 0, 11: 5}.get(check, check) == int(number[10])


def test_check_digits_agree_with_published_examples() -> None:
    assert imo_check_ok("9074729")
    assert container_check_ok("CSQU3054383")
    assert _s10_ok("RR473124829GB")
    rng = random.Random(1)
    for _ in range(200):
        assert imo_check_ok(demo.imo_number(rng))
        assert container_check_ok(demo.container_number(rng, "MSCU"))
        assert _s10_ok(demo.s10_number(rng, "CP", "CN"))


def test_waybills_flights_and_plates_look_real(cases: list[demo.DemoCase]) -> None:
    conveyances = [s["conveyance"] for s in _long(cases) if "conveyance" in s]
    waybills = [c["waybill_number"] for c in conveyances if "waybill_number" in c]
    postal = [w for w in waybills if w[:2].isalpha()]
    air = [w for w in waybills if "-" in w]
    assert postal and air
    assert all(re.fullmatch(r"[A-Z]{2}[0-9]{9}[A-Z]{2}", w) and _s10_ok(w) for w in postal)
    assert all(re.fullmatch(r"[0-9]{3}-[0-9]{8}", w) and int(w[4:11]) % 7 == int(w[11]) for w in air)
    flights = [c["flight_number"] for c in conveyances if "flight_number" in c]
    assert flights and all(re.fullmatch(r"[A-Z0-9]{2}[0-9]{1,4}", f) for f in flights)
    plates = [c["vehicle_plate"] for c in conveyances if "vehicle_plate" in c]
    assert plates and all(re.fullmatch(r"[A-Z0-9][A-Z0-9 -]{2,10}[A-Z0-9]", p) for p in plates)


# ---- realism -----------------------------------------------------------------------------------------------


def _normalised(shares: dict[str, float]) -> dict[str, float]:
    total = sum(shares.values())
    return {k: v / total for k, v in shares.items()}


def test_heading_shares_follow_the_targets(cases: list[demo.DemoCase]) -> None:
    counts = Counter(c.seizure["commodities"][0]["heading"] for c in cases)
    for heading, target in _normalised(demo.HEADING_SHARES).items():
        assert abs(counts[heading] / len(cases) - target) < 0.015, heading
    assert counts["nuclear"] > 0


def test_status_form_and_second_line_shares(cases: list[demo.DemoCase]) -> None:
    statuses = Counter(c.status for c in cases)
    assert abs(statuses["validated"] / len(cases) - 0.85) < 0.02
    assert abs(statuses["returned"] / len(cases) - 0.02) < 0.01
    long_share = len(_long(cases)) / len(cases)
    assert abs(long_share - 0.70) < 0.02
    two_lines = sum(len(c.seizure["commodities"]) == 2 for c in cases) / len(cases)
    assert abs(two_lines - 0.10) < 0.02


def test_big_reporters_lead_and_every_member_reports(ref: ReferenceData) -> None:
    counts = Counter(c.seizure["country"] for c in demo.generate(60_000, start=START, end=END))
    members = {c.code for c in ref.countries if c.wco_member}
    assert members == set(counts)
    top = {country for country, _ in counts.most_common(12)}
    assert {"US", "NL", "DE", "ES", "GB", "BE"} <= top


def test_routes_follow_the_trades(cases: list[demo.DemoCase]) -> None:
    def departures(commodity: str) -> Counter[str]:
        return Counter(
            c.seizure["departure_country"]
            for c in cases
            if c.seizure["commodities"][0]["commodity_type"] == commodity
        )

    assert set(dict(departures("cocaine").most_common(4))) <= {"CO", "EC", "BR", "PE", "BO"}
    assert departures("captagon").most_common(1)[0][0] == "SY"
    assert departures("ivory").most_common(1)[0][0] in {"NG", "CM", "CG", "MZ", "TZ", "KE", "UG", "CD"}
    assert departures("heroin").most_common(1)[0][0] == "AF"


def test_no_truck_crosses_an_ocean(cases: list[demo.DemoCase], ref: ReferenceData) -> None:
    def continent(code: str) -> str:
        country = ref.country(code)
        assert country is not None
        return {"AMC": "americas", "ESA": "africa", "WCA": "africa"}.get(country.region, "eurasia")

    overland = [c.seizure for c in cases if c.seizure["transport_mode"] in ("road", "rail", "pedestrian")]
    assert len(overland) > 3_000
    for seizure in overland:
        ends = {seizure["departure_country"], seizure["destination_country"]}
        assert not ends & {"AU", "NZ", "JP", "PH", "MG", "JM", "CU"}, seizure
        if continent(seizure["departure_country"]) != continent(seizure["destination_country"]):
            # Only North Africa joins two continents by land.
            assert ends & {"EG", "LY", "TN", "DZ", "MA", "SD", "MR"}, seizure


def test_concealment_fits_the_transport_mode(cases: list[demo.DemoCase]) -> None:
    modes_of: dict[str, set[str]] = {}
    for seizure in _long(cases):
        modes_of.setdefault(seizure["concealment_method"], set()).add(seizure["transport_mode"])
    assert modes_of["body_carrier_swallowed"] == {"air"}
    assert modes_of["container_rip_on_rip_off"] == {"sea"}
    assert modes_of["vehicle_built_in_compartment"] <= {"road"}
    assert modes_of["postal_item"] == {"postal"}
    swallowed = [s for s in _long(cases) if s["concealment_method"] == "body_carrier_swallowed"]
    assert {s["commodities"][0]["commodity_type"] for s in swallowed} == demo.SWALLOWED
    assert max(s["commodities"][0]["quantity"] for s in swallowed) < 5


def test_quantities_fit_the_way_goods_travel(cases: list[demo.DemoCase]) -> None:
    def median(commodity: str, mode: str, concealments: set[str] | None = None) -> float:
        return statistics.median(
            float(s["commodities"][0]["quantity"])
            for s in _long(cases)
            if s["commodities"][0]["commodity_type"] == commodity
            and s["transport_mode"] == mode
            and (concealments is None or s["concealment_method"] in concealments)
        )

    couriers = {"body_carrier_swallowed", "body_carrier_strapped", "luggage_false_bottom", "in_luggage"}
    assert 1 <= median("cocaine", "air", couriers) <= 3
    assert 100 <= median("cocaine", "sea", {"container_rip_on_rip_off"}) <= 2_000
    cigarettes = [line["quantity"] for line in _lines(cases) if line["commodity_type"] == "cigarettes"]
    assert 10_000 <= statistics.median(cigarettes) <= 10_000_000
    assert all(q == int(q) and q % 20 == 0 for q in cigarettes)  # whole packs
    pieces = [
        line["quantity"] for line in _lines(cases) if line["heading"] == "ipr" and line["unit"] == "pieces"
    ]
    assert 10 <= statistics.median(pieces) <= 100_000


def test_offenders_only_where_people_travel_with_the_goods(cases: list[demo.DemoCase]) -> None:
    with_offenders = [s for s in _long(cases) if "offenders" in s]
    assert len(with_offenders) > 1_000
    assert {s["transport_mode"] for s in with_offenders} <= PERSON_SHIPMENT_MODES
    assert max(len(s["offenders"]) for s in with_offenders) == 3


def test_heading_specific_details(cases: list[demo.DemoCase]) -> None:
    long_lines = _lines([c for c in cases if c.seizure["form"] == "SEIZURE_FORM_LONG"])
    cites = [line for line in long_lines if line["heading"] == "cites"]
    assert cites and all(line["cites_species"] and line["cites_appendix"] in ("I", "II") for line in cites)
    ipr = [line for line in long_lines if line["heading"] == "ipr"]
    assert ipr and all(line["ipr_brand"] in demo.IPR_BRANDS for line in ipr)
    assert not any("cites_species" in line for line in long_lines if line["heading"] != "cites")
    valued = sum("estimated_value" in line for line in long_lines) / len(long_lines)
    assert 0.4 <= valued <= 0.6


def test_narratives_mention_commodity_concealment_and_conveyance(
    cases: list[demo.DemoCase], ref: ReferenceData
) -> None:
    for seizure in _long(cases)[:2_000]:
        narrative = seizure["narrative"]
        first = ref.commodity_type(seizure["commodities"][0]["commodity_type"])
        assert first is not None
        names = (first.name, *demo.COUNT_NOUNS.get(first.code, ()))
        assert any(name.lower() in narrative.lower() for name in names), narrative
        assert seizure["concealment_description"].rstrip(".").lower() in narrative.lower()
        for key, value in seizure.get("conveyance", {}).items():
            if key != "vessel_name":
                assert value in narrative


def test_seasons_and_growth(cases: list[demo.DemoCase]) -> None:
    per_month = Counter(
        int(c.seizure["seizure_date"][5:7]) for c in cases if c.seizure["seizure_date"] < "2026"
    )
    per_day = {month: per_month[month] / (31 if month in (8, 10, 12) else 30) for month in (8, 10, 11, 12)}
    assert per_day[8] < min(per_day[10], per_day[11], per_day[12])
    per_year = Counter(c.seizure["seizure_date"][:4] for c in cases)
    assert per_year["2025"] > per_year["2017"] * 1.2


def test_throughput_is_reported_not_asserted(record_property: Any) -> None:
    count = 20_000
    started = time.perf_counter()
    for _ in demo.generate(count, seed=99):
        pass
    rate = count / (time.perf_counter() - started)
    record_property("demo_cases_per_second", round(rate))
    print(f"demo generator: {rate:,.0f} cases/s")
