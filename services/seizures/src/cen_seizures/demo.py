"""Deterministic demo seizures with realistic mixes of headings, routes, modes, quantities and seasons."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from typing import Any

from cen_seizures.reference import load_reference

DEMO_EXTERNAL_ID_PREFIX = "DEMO-"

# heading: (share, [(commodity type, weight, unit, log-normal median, sigma)], origins, destinations, modes)
PROFILES: dict[str, tuple[float, list[tuple[str, float, str, float, float]], str, str, str]] = {
    "drugs": (
        35,
        [
            ("cocaine", 30, "kg", 8, 1.8),
            ("cannabis_herbal", 25, "kg", 20, 1.6),
            ("cannabis_resin", 12, "kg", 15, 1.5),
            ("heroin", 8, "kg", 3, 1.4),
            ("methamphetamine", 8, "kg", 2, 1.6),
            ("mdma", 5, "tablets", 2000, 1.5),
            ("khat", 5, "kg", 30, 1.0),
            ("captagon", 4, "tablets", 50000, 1.8),
            ("tramadol", 3, "tablets", 5000, 1.5),
        ],
        "CO PE BO EC BR AF PK IR MA LB SY NL MX",
        "ES NL BE PT US FR GB DE IT TR SA AE AU",
        "sea air road postal express_courier",
    ),
    "tobacco": (
        20,
        [
            ("cigarettes", 70, "sticks", 200000, 1.7),
            ("water_pipe_tobacco", 15, "kg", 100, 1.3),
            ("raw_tobacco", 8, "kg", 500, 1.2),
            ("e_cigarettes", 7, "pieces", 300, 1.5),
        ],
        "AE BY UA CN VN TR AM",
        "GB DE FR PL LT NL BE IE ES IT",
        "road sea rail air",
    ),
    "ipr": (
        12,
        [
            ("counterfeit_clothing", 30, "pieces", 500, 1.8),
            ("counterfeit_footwear", 20, "pieces", 300, 1.6),
            ("counterfeit_watches", 15, "pieces", 100, 1.5),
            ("counterfeit_pharmaceuticals", 15, "tablets", 5000, 1.8),
            ("counterfeit_electronics", 20, "pieces", 200, 1.5),
        ],
        "CN HK TR IN VN",
        "DE FR US NL BE IT ES GB NG KE",
        "postal express_courier sea air",
    ),
    "cites": (
        7,
        [
            ("ivory", 25, "kg", 50, 1.3),
            ("pangolin_scales", 25, "kg", 200, 1.4),
            ("live_reptiles", 20, "pieces", 20, 1.2),
            ("timber", 15, "m3", 30, 1.0),
            ("shark_fins", 15, "kg", 80, 1.2),
        ],
        "NG CM CG MZ KE UG TZ AO MG",
        "VN CN HK MY TH SG",
        "air sea",
    ),
    "currency": (
        5,
        [("cash_usd", 50, "pieces", 500, 1.2), ("cash_eur", 50, "pieces", 500, 1.2)],
        "US NL BE DE ES",
        "AE TR LB MA CO",
        "air road",
    ),
    "weapons": (
        4,
        [
            ("firearms", 40, "pieces", 3, 1.0),
            ("ammunition", 40, "pieces", 300, 1.4),
            ("explosives", 20, "kg", 5, 1.0),
        ],
        "US TR UA RS",
        "MX GB NG DE BR",
        "road postal sea",
    ),
    "beverages": (
        4,
        [("spirits", 70, "l", 300, 1.3), ("ethanol", 30, "l", 2000, 1.2)],
        "AE GE RU",
        "PL LT FI SE NO",
        "road sea",
    ),
    "tax_duty": (
        4,
        [("fuel", 40, "l", 5000, 1.2), ("gold", 20, "kg", 2, 1.0), ("electronics", 40, "pieces", 100, 1.3)],
        "AE CN IN",
        "IN KE NG DE",
        "road air sea",
    ),
    "precursors": (
        2,
        [
            ("ephedrine", 40, "kg", 50, 1.5),
            ("acetic_anhydride", 30, "l", 500, 1.3),
            ("p2p", 30, "l", 200, 1.3),
        ],
        "CN IN",
        "MX US NL AF",
        "sea air",
    ),
    "hazardous": (
        2,
        [("e_waste", 60, "kg", 5000, 1.2), ("hazardous_waste", 40, "kg", 8000, 1.2)],
        "DE NL GB US",
        "GH NG VN MY",
        "sea",
    ),
    "ods": (
        1.5,
        [("r22", 60, "kg", 500, 1.0), ("r134a", 40, "kg", 300, 1.0)],
        "CN",
        "IN NG PL ES",
        "sea road",
    ),
    "other": (
        2,
        [("cultural_goods", 40, "pieces", 5, 1.0), ("plants_seeds", 60, "kg", 10, 1.0)],
        "EG IQ TR",
        "DE FR US GB",
        "air postal",
    ),
    "pornography": (0.5, [("digital_media", 100, "pieces", 50, 1.0)], "US GB", "AE SA", "postal air"),
    "nuclear": (0.1, [("contaminated_scrap", 100, "kg", 2000, 1.0)], "UA KZ", "PL TR", "road rail"),
}
BIG_REPORTERS = "NL BE DE FR ES GB IT US BR CO MX ZA NG KE IN CN HK JP AU SA AE TR MA RU PL LT PT"
CONCEALMENT = {
    "air": "body_carrier_swallowed body_carrier_strapped luggage_false_bottom in_luggage in_cargo",
    "sea": "container_rip_on_rip_off in_cargo mixed_with_legitimate_goods machinery food_products",
    "road": "vehicle_natural_void vehicle_built_in_compartment in_cargo mixed_with_legitimate_goods",
    "rail": "in_cargo mixed_with_legitimate_goods",
    "postal": "postal_item clothing food_products",
    "express_courier": "postal_item mixed_with_legitimate_goods",
}
PLACES = {
    "air": "airport",
    "sea": "seaport",
    "road": "land_border",
    "rail": "land_border",
    "postal": "postal_centre",
    "express_courier": "courier_hub",
}
DETECTION = [
    "risk_profiling",
    "intelligence",
    "random_check",
    "x_ray",
    "sniffer_dog",
    "physical_examination",
    "documentary_check",
]
# Monthly factor: more in the last quarter, a dip in August.
SEASON = (0.95, 0.92, 1.0, 1.0, 1.02, 1.0, 0.98, 0.8, 1.02, 1.08, 1.12, 1.15)


def _weighted(items: list[tuple[Any, float]]) -> tuple[list[Any], list[float]]:
    return [i for i, _ in items], list(accumulate(w for _, w in items))


def _container(rng: random.Random) -> str:
    from cen_seizures.domain import container_check_ok

    owner = rng.choice(("MSCU", "MAEU", "CMAU", "HLXU", "TGHU", "CSQU"))
    serial = f"{owner}{rng.randrange(10**6):06d}"
    return next(serial + str(d) for d in range(10) if container_check_ok(serial + str(d)))


def _imo(rng: random.Random) -> str:
    digits = f"{rng.randrange(9_000_000, 9_999_999) // 10:06d}"
    check = sum(int(c) * w for c, w in zip(digits, range(7, 1, -1), strict=True)) % 10
    return digits + str(check)


@dataclass(frozen=True)
class DemoCase:
    seizure: dict[str, Any]
    status: str
    created_by: str


class _Tables:
    def __init__(self, start: date, end: date) -> None:
        ref = load_reference()
        self.headings = _weighted([(h, p[0]) for h, p in PROFILES.items()])
        self.types = {h: _weighted([(t, t[1]) for t in p[1]]) for h, p in PROFILES.items()}
        members = [c.code for c in ref.countries if c.wco_member]
        big = set(BIG_REPORTERS.split())
        self.reporters = _weighted([(c, 40.0 if c in big else 1.0) for c in members])
        days = (end - start).days + 1
        # Seasonality and a gentle growth over the years, as a weight per day.
        weights = [SEASON[(start + timedelta(d)).month - 1] * (1 + 0.04 * d / 365) for d in range(days)]
        self.days = (list(range(days)), list(accumulate(weights)))
        self.start = start
        self.max_quantity = {u.code: u.max_quantity for u in ref.units}


def generate(
    count: int, *, seed: int = 2026, start: date = date(2016, 1, 1), end: date = date(2026, 10, 31)
) -> Iterator[DemoCase]:
    """The first `count` demo cases of the seed; case i is the same whatever count is asked for."""
    tables = _Tables(start, end)
    for index in range(count):
        yield _case(random.Random(seed * 1_000_003 + index), index, tables)


def _case(rng: random.Random, index: int, t: _Tables) -> DemoCase:
    heading = rng.choices(t.headings[0], cum_weights=t.headings[1])[0]
    _, _, origins, destinations, modes = PROFILES[heading]
    ctype, _, unit, median, sigma = rng.choices(t.types[heading][0], cum_weights=t.types[heading][1])[0]
    mode = rng.choice(modes.split())
    departure = rng.choice(origins.split())
    destination = rng.choice(destinations.split())
    reporter = (
        destination if rng.random() < 0.7 else rng.choices(t.reporters[0], cum_weights=t.reporters[1])[0]
    )
    day = t.start + timedelta(days=rng.choices(t.days[0], cum_weights=t.days[1])[0])
    scale = 40 if mode in ("sea", "rail") else 1
    # Capped well below the unit's plausibility limit, which real data respects too.
    quantity = (
        round(
            min(median * scale * math.exp(rng.gauss(0, sigma)), median * 1_000, t.max_quantity[unit] / 2), 2
        )
        or 0.01
    )
    line: dict[str, Any] = {
        "heading": heading,
        "commodity_type": ctype,
        "quantity": max(quantity, 0.01),
        "unit": unit,
    }
    seizure: dict[str, Any] = {
        "seizure_date": day.isoformat(),
        "country": reporter,
        "transport_mode": mode,
        "departure_country": departure,
        "destination_country": destination if destination != departure else reporter,
        "external_id": f"{DEMO_EXTERNAL_ID_PREFIX}{index + 1:07d}",
        "commodities": [line],
    }
    if rng.random() < 0.3:
        seizure["form"] = "SEIZURE_FORM_SIMPLIFIED"
        if seizure["departure_country"] == seizure["destination_country"]:
            seizure["destination_country"] = reporter if reporter != departure else "NL"
    else:
        seizure["form"] = "SEIZURE_FORM_LONG"
        _long_fields(rng, seizure, line, heading, mode)
    roll = rng.random()
    status = (
        "validated" if roll < 0.85 else "submitted" if roll < 0.93 else "draft" if roll < 0.98 else "returned"
    )
    return DemoCase(seizure=seizure, status=status, created_by=f"ncp-{reporter.lower()}")


def _long_fields(
    rng: random.Random, s: dict[str, Any], line: dict[str, Any], heading: str, mode: str
) -> None:
    concealment = rng.choice(CONCEALMENT.get(mode, "in_cargo other").split())
    s.update(
        place_type=PLACES.get(mode, "other"),
        customs_procedure="import",
        direction="inbound",
        detection_method=rng.choice(DETECTION),
        concealment_method=concealment,
    )
    conveyance: dict[str, str] = {}
    if mode == "air":
        conveyance["flight_number"] = (
            f"{rng.choice(('KL', 'AF', 'LH', 'EK', 'TK', 'QR', 'ET'))}{rng.randrange(1, 9999)}"
        )
    elif mode == "sea":
        conveyance.update(
            container_number=_container(rng),
            vessel_imo=_imo(rng),
            vessel_name=f"{rng.choice(('MSC', 'Maersk', 'CMA CGM', 'Cosco'))} {rng.choice(('Aurora', 'Lena', 'Orion', 'Dalia', 'Nova'))}",
        )
    elif mode in ("road", "rail"):
        conveyance["vehicle_plate"] = (
            f"{rng.choice('ABCDEFGHKLMNPRSTVWXYZ')}{rng.choice('ABCDEFGHKLMNPRSTVWXYZ')}-{rng.randrange(100, 999)}-{rng.choice('ABCDEFGHKLMNPRSTVWXYZ')}"
        )
    elif mode in ("postal", "express_courier"):
        conveyance["waybill_number"] = f"{rng.choice(('RR', 'CP', 'EE'))}{rng.randrange(10**8, 10**9)}"
    s["conveyance"] = conveyance
    if rng.random() < 0.5:
        line["estimated_value"] = round(line["quantity"] * rng.uniform(1, 50), 2)
        line["currency"] = rng.choice(("EUR", "USD"))
    if heading == "cites":
        line.update(
            cites_species=rng.choice(("Loxodonta africana", "Manis tricuspis", "Python regius")),
            cites_appendix="I",
        )
    if heading == "ipr":
        line["ipr_brand"] = rng.choice(("Norvia", "Kestrel Sport", "Lumetra", "Orbis Time"))
    if mode in ("air", "road", "pedestrian"):
        s["offenders"] = [
            {
                "nationality": rng.choice((s["departure_country"], s["country"])),
                "gender": rng.choice(("male", "female")),
                "age_band": rng.choice(("18_25", "26_35", "36_45", "46_60")),
                "role": "courier" if mode == "air" else "driver",
            }
            for _ in range(rng.randint(1, 2))
        ]
    what = line["commodity_type"].replace("_", " ")
    where = concealment.replace("_", " ")
    via = " ".join(conveyance.values())
    s["narrative"] = (
        f"{line['quantity']:g} {line['unit']} of {what} found ({where}) after "
        f"{s['detection_method'].replace('_', ' ')}; conveyance {via or 'not recorded'}."
    )
