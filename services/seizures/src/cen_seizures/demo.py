"""Deterministic demo seizure cases with realistic routes, concealments and quantities."""

from __future__ import annotations

import functools
import math
import random
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from typing import Any

from cen_core.reference import ReferenceData, load_reference

from cen_seizures.domain import container_check_sum, imo_check_digit

DEMO_EXTERNAL_ID_PREFIX = "DEMO-"
DEFAULT_SEED = 2026
DEFAULT_START = date(2016, 1, 1)
DEFAULT_END = date(2026, 10, 31)
# Cases drawn from one seeded random stream. Seeding costs as much as a quarter of a case, so not every case
# gets its own; a case alone still costs at most one block, and case i never depends on how many are made.
CASES_PER_STREAM = 64

# ---- shares ------------------------------------------------------------------------------------------------

# Share of cases per heading (of the first commodity line): drugs and tobacco dominate, nuclear is rare.
HEADING_SHARES = {
    "drugs": 35, "tobacco": 20, "ipr": 12, "cites": 7, "currency": 5, "weapons": 4, "beverages": 4,
    "tax_duty": 4, "precursors": 2, "hazardous": 2, "other": 2, "ods": 1.5, "pornography": 0.5,
    "nuclear": 0.1,
}  # fmt: skip
STATUS_SHARES = "validated:85 submitted:8 draft:5 returned:2"
LONG_FORM_SHARE = 0.70
# Only the long form has room for a second line: 10 % of all cases means 1 in 7 long-form cases.
SECOND_LINE_SHARE_OF_LONG = 0.10 / LONG_FORM_SHARE
VALUE_SHARE = 0.48  # of the other lines; cash lines always state their amount
OFFENDER_COUNTS = "0:12 1:60 2:20 3:8"
GENDERS = "male:75 female:22 unknown:3"
AGE_BANDS = "under_18:1 18_25:18 26_35:32 36_45:25 46_60:15 over_60:4 unknown:5"

# Where the reporting country sits on the route: mostly the destination, then a transit country, then the
# departure country (export controls); the rest are "background" cases so that every member reports some.
REPORTED_AT_TRANSIT = 0.14
REPORTED_AT_DEPARTURE = 0.06
BACKGROUND_SHARE = 0.10
# Administrations that enter many cases; every other member has weight 1 in the background draw.
BIG_REPORTERS = (
    "NL BE DE FR ES GB IT US BR CO MX ZA NG KE IN CN HK JP AU SA AE TR MA RU PL PT CA KR TH MY SG ID PH VN "
    "PK EG"
)
BIG_REPORTER_WEIGHT = 5

# Seasonality: a little more before the year-end holidays, a dip in the August holidays.
MONTH_FACTORS = (0.98, 0.96, 1.0, 1.0, 1.01, 1.0, 0.97, 0.86, 1.0, 1.03, 1.06, 1.05)
WEEKDAY_FACTORS = (1.0, 1.02, 1.02, 1.01, 0.98, 0.8, 0.72)  # fewer checks staffed at weekends
YEARLY_GROWTH = 1.04  # more members reporting and more cases entered each year

# ---- how consignments travel -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shipment:
    """A way goods travel: mode, where it is checked, how it is hidden and found, what identifies it."""

    transport_mode: str
    place_types: str  # weighted place type codes
    sigma: float  # spread of the log quantity around the scenario's median
    concealments: str  # weighted concealment method codes
    detections: str  # weighted detection method codes
    carrier: str  # kind of conveyance identifiers, see _conveyance()
    offenders: bool  # passengers and drivers are caught with the goods; cargo has no one at hand
    overland: bool  # needs departure and destination on one land mass
    cover: str  # kind of cover load goods are mixed with: COVER_LOADS key


SHIPMENTS = {
    "air_passenger": Shipment(
        "air", "airport:1", sigma=0.45,
        concealments="body_carrier_swallowed:3 body_carrier_strapped:2 luggage_false_bottom:3 in_luggage:4 "
        "clothing:1 food_products:1",
        detections="risk_profiling:5 x_ray:2 sniffer_dog:2 random_check:1 intelligence:1",
        carrier="flight", offenders=True, overland=False, cover="parcel",
    ),
    "air_cargo": Shipment(
        "air", "airport:1", sigma=0.9,
        concealments="in_cargo:3 mixed_with_legitimate_goods:4 machinery:1 food_products:1 not_concealed:1",
        detections="risk_profiling:4 x_ray:3 documentary_check:2 intelligence:1 sniffer_dog:1",
        carrier="air_waybill", offenders=False, overland=False, cover="bulk",
    ),
    "express": Shipment(
        "express_courier", "courier_hub:1", sigma=0.9,
        concealments="mixed_with_legitimate_goods:3 in_cargo:2 food_products:1 clothing:1 machinery:1 "
        "not_concealed:1",
        detections="x_ray:4 risk_profiling:4 sniffer_dog:1 random_check:1 controlled_delivery:0.3",
        carrier="express", offenders=False, overland=False, cover="parcel",
    ),
    "postal": Shipment(
        "postal", "postal_centre:1", sigma=0.9,
        concealments="postal_item:6 mixed_with_legitimate_goods:2 clothing:1 food_products:1 not_concealed:1",
        detections="x_ray:4 risk_profiling:3 sniffer_dog:2 random_check:1 controlled_delivery:0.3",
        carrier="postal", offenders=False, overland=False, cover="parcel",
    ),
    "sea_container": Shipment(
        "sea", "seaport:12 free_zone:1", sigma=0.75,
        concealments="container_rip_on_rip_off:4 mixed_with_legitimate_goods:5 in_cargo:2 machinery:1 "
        "food_products:1 not_concealed:1",
        detections="risk_profiling:5 x_ray:3 intelligence:2 sniffer_dog:1 documentary_check:1 "
        "controlled_delivery:0.3",
        carrier="container", offenders=False, overland=False, cover="bulk",
    ),
    "sea_vessel": Shipment(
        "sea", "seaport:1", sigma=0.8,
        concealments="other:3 in_cargo:2 not_concealed:1",
        detections="intelligence:5 risk_profiling:2 physical_examination:2",
        carrier="vessel", offenders=False, overland=False, cover="bulk",
    ),
    "road_truck": Shipment(
        "road", "land_border:1", sigma=0.8,
        concealments="mixed_with_legitimate_goods:4 vehicle_built_in_compartment:3 in_cargo:2 "
        "vehicle_natural_void:1 not_concealed:1",
        detections="x_ray:3 risk_profiling:3 sniffer_dog:2 random_check:1 intelligence:1",
        carrier="truck", offenders=True, overland=True, cover="bulk",
    ),
    "road_car": Shipment(
        "road", "land_border:1", sigma=0.8,
        concealments="vehicle_built_in_compartment:4 vehicle_natural_void:4 in_luggage:2 not_concealed:1",
        detections="risk_profiling:3 sniffer_dog:2 random_check:3 x_ray:1 intelligence:1",
        carrier="car", offenders=True, overland=True, cover="parcel",
    ),
    "rail": Shipment(
        "rail", "land_border:1", sigma=0.8,
        concealments="in_cargo:3 mixed_with_legitimate_goods:2 other:1",
        detections="x_ray:2 risk_profiling:2 sniffer_dog:1 physical_examination:1",
        carrier="train", offenders=False, overland=True, cover="bulk",
    ),
    "pedestrian": Shipment(
        "pedestrian", "land_border:1", sigma=0.6,
        concealments="body_carrier_strapped:3 clothing:2 in_luggage:3",
        detections="random_check:3 risk_profiling:2 sniffer_dog:1",
        carrier="on_foot", offenders=True, overland=True, cover="parcel",
    ),
    # Goods found inland came in by road, so their route must be one a truck can drive.
    "inland": Shipment(
        "road", "inland_office:1", sigma=0.9,
        concealments="not_concealed:4 mixed_with_legitimate_goods:2 other:1",
        detections="intelligence:5 documentary_check:2 physical_examination:2",
        carrier="inland", offenders=False, overland=True, cover="bulk",
    ),
}  # fmt: skip
# Couriers swallow capsules of hard drugs only; rip-on/rip-off is a drug traffickers' method.
SWALLOWED = frozenset({"cocaine", "heroin", "methamphetamine"})
# A body carries less than a suitcase: quantities shrink with these concealments.
CONCEALMENT_SCALES = {"body_carrier_swallowed": 0.5, "body_carrier_strapped": 0.8}
# Land masses for overland routes: WCO regions, with islands on their own. Great Britain and Ireland stay with
# the continent because trucks reach them on ferries and are reported as road traffic.
LAND_MASSES = {
    "AMC": "americas",
    "ESA": "africa",
    "WCA": "africa",
    "EUR": "eurasia",
    "MENA": "eurasia",
    "AP": "eurasia",
}
ISLANDS = (
    "AU NZ JP PH ID LK FJ PG SB TO WS VU KI MV MU SC CV ST KM MG IS MT CY JM DO HT CU BS BB TT AG DM GD KN "
    "LC VC CW AW TL"
)
# North African countries reach both Eurasia (through the Middle East) and sub-Saharan Africa.
NORTH_AFRICA = frozenset({"EG", "LY", "TN", "DZ", "MA", "SD", "MR"})
LANDLOCKED = (
    "AF AM AT AZ BF BI BO BT BW BY CF CH CZ ET HU KG KZ LA LI LS LU MD MK ML MN MW NE NP PY RS RW SK SS SZ "
    "TD TJ TM UG UZ ZM ZW AD SM VA"
)

# ---- what is smuggled where --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    """A trade in one commodity type (regional trades get one each): routes, ways of travel, typical sizes."""

    commodity: str
    weight: float  # within its heading
    origins: str
    destinations: str
    transits: str
    shipments: str  # "shipment:weight@median"
    price: float  # rough value in USD per default unit, for estimated values
    exported_share: float = 0.0  # extra share reported by the departure country (outbound controls)
    avoid: str = ""  # concealment methods that make no sense for these goods


# Fuel travels in tanks: hidden ones, or the vehicle's own.
FUEL_AVOID = "mixed_with_legitimate_goods machinery food_products clothing in_luggage other"
# Waste and bulk minerals travel loose or in bags: no hiding places in vehicles, no cover loads of food.
BULK_AVOID = "food_products machinery vehicle_natural_void vehicle_built_in_compartment"
IPR_ORIGINS = "CN:10 HK:3 TR:3 IN:1 VN:1 AE:1 TH:0.5 MY:0.5 PK:0.5"
IPR_DESTINATIONS = (
    "DE:2 FR:2 IT:2 ES:2 NL:1.5 BE:1.5 GB:2 PL:1 US:4 CA:0.5 MX:1 BR:1 NG:1 KE:1 ZA:1 GH:0.5 SN:0.5 CI:0.5 "
    "EG:0.5 MA:0.5 SA:1 AE:1 RU:1 UA:0.5 AU:0.5 JP:0.5 PE:0.5 CL:0.5 CO:0.5 AR:0.5 HU:0.5 RO:0.5"
)
IPR_TRANSITS = "AE:3 HK:1 SG:1 MY:0.5 TR:1 DE:0.5 NL:0.5 BE:0.5 PA:0.5 OM:0.5"
IPR_SHIPMENTS = "postal:4 express:4 sea_container:3 air_cargo:1.5 road_truck:1 air_passenger:1 inland:1"
WEAPON_ORIGINS = "US:8 TR:2 CZ:0.5 AT:0.5 BE:0.5 BG:0.5 RS:0.5 BA:0.5 UA:1 LY:0.5 DE:0.5 CN:0.5"
WEAPON_DESTINATIONS = (
    "MX:6 CA:1 BR:1 HT:1 JM:1 DO:0.5 TT:0.5 GB:1 NL:0.5 FR:0.5 DE:0.5 SE:0.5 NG:0.5 ZA:0.5 PH:0.5 AU:0.5 "
    "CO:0.5 SV:0.3 GT:0.3 HN:0.3 CL:0.3"
)
CASH_ORIGINS = (
    "NL:1 ES:1 FR:1 DE:1 IT:1 GB:1 BE:1 US:2 MX:1 CO:0.5 NG:1 KE:0.5 AE:1 CN:1 HK:0.5 RU:1 TR:1 SA:0.5 "
    "IN:0.5 ZA:0.5 LB:0.5 DZ:1 MA:1 PL:0.5 SE:0.5"
)
CASH_DESTINATIONS = (
    "AE:3 TR:2 LB:1 CN:1 DZ:1 MA:1 NG:1 MX:2 CO:1 PK:1 IN:1 HK:1 TH:0.5 SG:0.5 RU:1 IR:0.5 EG:0.5 DO:0.5 "
    "SN:0.5 GB:0.5 ES:0.5 NL:0.5"
)
WASTE_ORIGINS = "GB:2 DE:2 NL:2 BE:2 US:3 JP:1 KR:1 IT:1 ES:1 FR:1 AU:0.5 CA:0.5"
WASTE_DESTINATIONS = "GH:3 NG:3 CN:1 HK:1 IN:1 PK:1 MY:1 VN:1 TH:0.5 ID:0.5 KE:0.5 TZ:0.5 CM:0.5 TR:1"
ODS_ORIGINS = "CN:9 IN:1 TR:0.5"
ODS_DESTINATIONS = (
    "IN:3 PL:1 RO:1 DE:1 IT:1 ES:1 NL:1 GR:1 BG:1 TH:1 NG:0.5 PH:0.5 MX:0.5 KE:0.5 UA:0.5 TZ:0.3 GH:0.3 "
    "AE:0.5 VN:0.5 PK:0.5 MY:0.5"
)
ODS_TRANSITS = "AE:1 SG:0.5 MY:0.5 TR:0.5 UA:0.5"
ODS_SHIPMENTS = "sea_container:4@6000 road_truck:3@2500 road_car:2@60 express:0.5@20"
ASIAN_WILDLIFE_MARKETS = "VN:4 CN:4 HK:2 MY:1 TH:1 KH:0.5 LA:0.5 SG:0.5"

SCENARIOS = {
    "drugs": (
        Scenario(
            "cocaine", 30, "CO:6 PE:2 BO:1 EC:3 BR:3 VE:1 PY:1",
            "ES:5 NL:5 BE:5 PT:1.5 US:6 IT:1.5 FR:2 DE:2 GB:2.5 AU:1 ZA:0.7 NG:0.5 MA:0.3 TR:0.5 HR:0.3 "
            "PL:0.3 GR:0.3 SA:0.2 HK:0.2 JP:0.2 MX:1 CA:0.5 CL:0.3 AR:0.3 RU:0.3",
            "PA:3 DO:2 CR:1 GH:1 NG:1 CV:0.5 SN:0.5 PT:1 ES:1 BR:1 GY:0.5 SR:0.5 JM:0.5 TG:0.3 MX:1",
            "sea_container:5@400 air_passenger:4@1.7 air_cargo:1@25 express:1.5@0.6 postal:1@0.3 "
            "sea_vessel:0.7@900 road_car:0.8@5 road_truck:0.5@120",
            30_000,
        ),
        Scenario(
            "cannabis_herbal", 14,
            "MA:1 CO:1 JM:1 US:2 CA:2 TH:1 ZA:1 NG:1 AL:1 ES:1 NL:1 MX:2 PY:1 GH:1 LB:0.5 KE:0.5 TZ:0.5",
            "GB:3 DE:2 FR:2 IT:1 SE:1 NL:1 BE:1 IE:1 US:2 CA:0.5 AU:0.5 JP:0.5 KR:0.3 NZ:0.3 BR:1 AR:0.5 "
            "ZA:0.5 NG:0.5 DK:0.5 NO:0.5 FI:0.3 PL:0.3",
            "ES:1 NL:1 DE:0.5 FR:0.5",
            "postal:3@0.4 express:2@1.2 air_passenger:3@12 road_truck:1.5@300 road_car:2@15 "
            "sea_container:0.6@1500",
            4_000,
        ),
        Scenario(
            "cannabis_resin", 9, "MA:8 AF:1 LB:0.5 PK:0.5",
            "ES:5 FR:3 IT:2 BE:1 NL:1 PT:1 GB:0.5 DZ:1 TN:0.5 EG:0.5 LY:0.5 DE:0.5", "ES:3 DZ:0.5 FR:0.5",
            "road_car:3@40 road_truck:2@800 sea_vessel:2@1500 air_passenger:0.5@3 pedestrian:1@2", 3_500,
        ),
        Scenario(
            "heroin", 8, "AF:6 PK:2 IR:1 MM:1 LA:0.3",
            "TR:3 IR:1 GB:1 NL:1 DE:1 IT:1 BG:1 GR:0.5 RU:1 KZ:0.5 TJ:1 UZ:0.5 IN:1 KE:0.5 TZ:0.5 ZA:0.5 "
            "AU:0.5 CN:0.5 MY:0.5 TH:0.5 US:0.3 CA:0.3",
            "IR:3 TR:3 PK:1 AZ:0.5 GE:0.5 BG:1 KE:0.5 TZ:0.5 AE:0.5 TJ:0.5 UZ:0.3 MZ:0.3",
            "road_truck:3@60 road_car:2.5@8 air_passenger:2@1.2 sea_container:1@150 express:0.5@0.3 "
            "postal:0.5@0.2",
            25_000,
        ),
        Scenario(
            "methamphetamine", 7, "MM:4 MX:3 AF:1 IR:1 NG:0.5 CN:0.5 LA:0.5 CZ:0.3",
            "TH:3 MY:2 AU:3 JP:2 KR:1 PH:1 ID:1 NZ:1 US:3 CN:1 HK:0.5 VN:1 KH:0.5 ZA:0.5 SA:0.5 IR:0.5 "
            "TR:0.5",
            "LA:1 TH:1 MY:1 HK:0.5 MX:0.5 ZA:0.3 NG:0.3",
            "road_car:2@15 road_truck:2@200 air_passenger:2@2 sea_container:1@300 postal:1@0.4 express:1@1 "
            "sea_vessel:0.5@500",
            20_000,
        ),
        Scenario(
            "captagon", 6, "SY:7 LB:3 JO:0.5", "SA:6 JO:2 AE:2 KW:1 IQ:1 QA:0.5 BH:0.5 OM:0.5 EG:0.5 TR:0.5",
            "JO:3 LB:1 TR:0.5 IT:0.3 GR:0.3 SD:0.2",
            "road_truck:4@400000 sea_container:2@2000000 road_car:2@50000 air_passenger:1@15000", 10,
        ),
        Scenario(
            "mdma", 4, "NL:6 BE:3 DE:0.5 PL:0.3",
            "GB:2 DE:1 FR:1 AU:2 NZ:1 US:1 CA:0.5 TR:1 RU:0.5 ES:1 IT:0.5 BR:0.5 IL:0.5 ZA:0.3 JP:0.3 HK:0.3 "
            "SE:0.5 NO:0.3",
            "DE:1 BE:0.5 FR:0.5",
            "postal:3@200 express:2@1000 air_passenger:1.5@5000 road_car:1@10000 sea_container:0.5@400000", 5,
        ),
        Scenario(
            "amphetamine", 4, "NL:4 BE:2 PL:2 DE:0.5 LT:0.5 BG:1",
            "GB:1 SE:2 NO:2 FI:2 DK:1 DE:1 TR:0.5 SA:0.5 IS:0.3 EE:0.5 LV:0.3 AU:0.5",
            "DE:1 DK:1 PL:0.5 LT:0.5",
            "road_car:3@3 road_truck:2@60 postal:2@0.3 express:1@1", 8_000,
        ),
        Scenario(
            "khat", 4, "ET:5 KE:4",
            "US:2 CA:1 GB:0.5 SE:0.5 NO:0.5 DK:0.5 DE:1 NL:0.5 AU:0.5 SA:3 BE:0.5 FI:0.3",
            "NL:1 BE:0.5 DE:0.5 DJ:1", "air_cargo:3@300 postal:1@10 express:1.5@40 air_passenger:1@20", 30,
        ),
        Scenario(
            "tramadol", 5, "IN:8 CN:1 PK:0.5",
            "NG:3 GH:2 CM:1 BJ:1 EG:2 LY:1 SA:1 NE:0.5 ML:0.5 SD:0.5 CI:1 TG:0.5 BF:0.5 US:0.5 GB:0.5 FR:0.3 "
            "IT:0.5",
            "AE:1 MT:0.3 IT:0.3 TG:0.5 BJ:0.5",
            "sea_container:3@3000000 air_cargo:1@100000 postal:1.5@500 express:1.5@2000 road_truck:1@200000",
            0.3,
        ),
        Scenario(
            "fentanyl", 2.5, "MX:6 CN:3 IN:1", "US:8 CA:2 MX:0.5 AU:0.3", "MX:1 HK:0.3",
            "road_car:4@2000 road_truck:1@15000 postal:2@50 express:2@200 pedestrian:1@500", 20,
        ),
        Scenario(
            "new_psychoactive_substances", 2, "CN:8 IN:1 HK:1",
            "US:2 GB:2 DE:1 PL:1 RU:1 TR:1 NZ:0.5 AU:0.5 SE:0.5 FR:0.5 JP:0.5 KZ:0.3", "",
            "postal:3@500 express:3@2000 air_cargo:1@50000", 5,
        ),
    ),
    "tobacco": (
        Scenario(
            "cigarettes", 52,
            "AE:3 BY:4 UA:2 CN:3 VN:1 RU:2 PK:1 TR:1 AM:0.5 GE:0.5 MD:0.5 ID:0.5 KR:0.3 IN:0.5 ZW:0.5 ZA:0.5 "
            "MY:0.5 KH:0.5",
            "GB:4 DE:3 FR:3 IT:2 ES:2 PL:3 LT:2 LV:1 EE:1 NL:2 BE:2 IE:1 IR:0.5 SA:1 IQ:0.5 AU:1 CA:1 ZA:1 "
            "NG:0.5 KE:0.5 MY:1 SG:0.5 PH:0.5 GR:1 RO:1 HU:0.5 SK:0.5 FI:0.5 SE:0.5 CZ:0.5",
            "PL:2 LT:2 LV:1 DE:1 NL:1 BE:1 TR:1 AE:1 GR:0.5 RO:0.5 MY:0.5 SG:0.5 PA:0.5",
            "sea_container:3@6000000 road_truck:3@4000000 road_car:3@10000 air_passenger:3@4000 postal:1@600 "
            "express:0.5@2000 rail:1@1000000 pedestrian:1@1000 inland:1@500000",
            0.2,
        ),
        Scenario(
            "cigarettes", 8, "PY:8 BR:1", "BR:6 AR:2 UY:1 BO:1 CL:1 CO:0.5", "",
            "road_truck:4@3000000 road_car:3@20000 sea_vessel:1@2000000 sea_container:1@5000000", 0.1,
        ),
        Scenario(
            "water_pipe_tobacco", 12, "AE:5 EG:2 JO:1 TR:1 IN:1 LB:0.5",
            "DE:3 GB:2 FR:1 NL:1 BE:1 SE:0.5 DK:0.5 AT:0.5 US:1 SA:1 MA:0.5 DZ:0.5 IT:0.5", "",
            "air_passenger:2@20 road_truck:2@4000 sea_container:2@12000 postal:1@3 express:1@10 "
            "road_car:2@80", 20,
        ),
        Scenario(
            "raw_tobacco", 7, "BG:1 GR:1 ZA:1 ZW:1 IN:1 BR:1 UA:1 MK:0.5 AL:0.5 TR:1 MZ:0.5 MW:0.5",
            "PL:2 DE:2 NL:2 BE:1 FR:1 GB:1 IT:1 ES:1 CZ:1 UA:0.5 ZA:0.5", "",
            "road_truck:3@8000 sea_container:2@18000 inland:2@2000", 5,
            avoid="vehicle_natural_void machinery",
        ),
        Scenario(
            "fine_cut_tobacco", 7, "BE:2 LU:2 BY:1 UA:1 PL:1 DE:1 NL:1",
            "GB:3 FR:2 IE:1 DE:1 NL:1 PL:1 NO:0.5 SE:0.5", "BE:1 FR:1 NL:0.5",
            "road_car:3@30 road_truck:2@3000 air_passenger:1@5 postal:1@2 inland:1@800", 10,
        ),
        Scenario(
            "cigars", 5, "CU:5 DO:2 NI:1 HN:1", "US:2 ES:2 DE:1 GB:1 FR:1 CH:0.5 NL:0.5 MX:0.5 CA:0.5", "",
            "air_passenger:4@150 postal:2@50 express:2@200 sea_container:0.5@50000", 10,
        ),
        Scenario(
            "e_cigarettes", 9, "CN:9 HK:1 MY:0.5",
            "AU:3 GB:2 US:2 DE:1 NL:1 FR:1 NZ:1 IT:0.5 BE:0.5 IN:0.5 TH:0.5 SG:0.5", "",
            "postal:2@50 express:2@500 sea_container:2@50000 air_cargo:1@5000 air_passenger:1@100", 8,
        ),
    ),
    "beverages": (
        Scenario(
            "spirits", 45,
            "GB:1 FR:1 DE:1 IT:0.5 RU:1 UA:1 BY:0.5 CN:0.5 MX:0.5 US:0.5 SG:0.5 AE:1 ZA:0.5 PL:0.5",
            "SA:1 IR:1 KW:0.5 NG:1 CN:1 VN:1 FI:1 NO:1 SE:1 PL:1 LT:1 GB:1 IE:0.5 TH:0.5 KE:0.5 IN:1 KZ:0.5 "
            "RU:0.5",
            "", "road_truck:3@8000 sea_container:2@18000 road_car:3@40 air_passenger:3@6 postal:0.5@2 "
            "inland:1@2000",
            15,
            avoid="machinery",
        ),
        Scenario(
            "wine", 20, "FR:4 IT:3 ES:2 CL:1 AU:1 ZA:1 AR:0.5 GE:0.5 MD:0.5 PT:0.5",
            "CN:2 HK:1 RU:1 NG:1 GB:1 NO:1 SE:1 FI:1 US:1 IN:1 BR:1 KR:0.5 JP:0.5 SA:0.5", "",
            "sea_container:2@20000 road_truck:2@12000 road_car:3@60 air_passenger:2@8", 8,
            avoid="machinery",
        ),
        Scenario(
            "beer", 15, "DE:2 NL:1 BE:1 CZ:1 PL:0.5 MX:1 ZA:0.5 CN:0.5",
            "NO:2 SE:2 FI:1 GB:1 PL:0.5 SA:1 KW:0.5 NG:0.5", "",
            "road_car:4@150 road_truck:3@25000 sea_container:1@25000", 2,
            avoid="machinery",
        ),
        Scenario(
            "ethanol", 20, "PL:1 UA:1 RU:1 BY:1 DE:0.5 NL:0.5 BR:1 PK:0.5 CN:0.5",
            "PL:1 LT:1 LV:1 FI:1 DE:1 RU:1 KE:1 UG:1 TZ:0.5 NG:0.5 IN:0.5 IQ:0.5", "",
            "road_truck:5@20000 sea_container:1@24000 rail:1@60000", 1,
            avoid="machinery food_products vehicle_natural_void",
        ),
    ),
    "cites": (
        Scenario(
            "ivory", 18, "NG:3 CM:2 CG:2 CD:1.5 MZ:2 KE:1.5 UG:1.5 TZ:2 AO:1 ZM:0.5 GA:0.5 CI:0.3",
            ASIAN_WILDLIFE_MARKETS + " JP:0.3 AE:0.3",
            "KE:1 ET:1 AE:1 MY:2 SG:1 TR:0.5 QA:0.5 TZ:0.5 ZA:0.3 NG:0.5 TG:0.3",
            "sea_container:3@1200 air_cargo:2@80 air_passenger:3@12 postal:1@1 express:1@3", 700,
        ),
        Scenario(
            "pangolin_scales", 14,
            "NG:5 CM:3 CG:1 CD:1 GH:0.5 CI:0.5 GA:0.5 UG:1 CF:0.3 LR:0.3 SL:0.3 MY:0.5 ID:0.5",
            ASIAN_WILDLIFE_MARKETS, "NG:1 SG:1 MY:1 TR:0.5 ET:0.5 AE:0.5",
            "sea_container:3@3000 air_cargo:2@200 air_passenger:2@25 express:1@10", 500,
        ),
        Scenario(
            "rhino_horn", 5, "ZA:5 MZ:3 NA:1 ZW:1 KE:0.5 BW:0.5", ASIAN_WILDLIFE_MARKETS,
            "QA:1 AE:1 ET:1 KE:0.5 TR:0.5 MY:0.5 SG:0.5", "air_passenger:4@6 air_cargo:2@20 express:1@2",
            60_000,
        ),
        Scenario(
            "live_reptiles", 12, "MG:3 ID:2 TH:1 MY:1 VN:1 BR:1 MX:1 TG:1 GH:1 AU:0.5 IN:1 LK:0.5 TZ:0.5",
            "US:2 DE:2 NL:1 FR:1 GB:1 JP:2 CN:1 HK:1 TH:1 MY:1 AE:0.5 IN:0.5 CZ:0.5 ES:0.5 IT:0.5 RU:0.5 "
            "KR:0.5",
            "", "air_passenger:3@30 air_cargo:2@300 postal:1@5 express:1@10 road_car:1@20", 150,
            avoid="machinery food_products",
        ),
        Scenario(
            "live_birds", 8, "CM:2 NG:1 CD:2 GH:1 BR:3 BO:1 PE:1 ID:2 PH:1 PG:0.5 SN:1 GY:1 SR:1 TZ:0.5",
            "AE:2 KW:1 SA:1 QA:1 TR:1 ZA:1 SG:1 MY:1 US:1 NL:0.5 BE:0.5 DE:0.5 ES:0.5 PT:0.5 CN:0.5 TH:0.5 "
            "MX:0.5",
            "", "air_passenger:3@10 air_cargo:2@150 road_car:1@20 sea_vessel:0.5@100", 800,
            avoid="machinery food_products",
        ),
        Scenario(
            "timber", 12,
            "MG:3 MZ:2 NG:2 GM:1 SN:1 GH:1 BJ:0.5 ML:0.5 LA:1 MM:1 KH:0.5 IN:1 BR:1 PE:0.5 MX:0.5 HN:0.5 "
            "GT:0.5",
            "CN:6 HK:2 VN:2 IN:0.5 AE:0.5 MY:0.5 TH:0.5 US:0.5 SG:0.5",
            "MY:1 SG:1 LK:1 AE:1 MU:0.5 KE:0.5 TG:0.5 VN:0.5", "sea_container:8@22 road_truck:2@15", 4_000,
            avoid=BULK_AVOID,
        ),
        Scenario(
            "shark_fins", 9,
            "EC:2 PE:2 MX:1 CR:1 BR:1 ID:2 IN:1 LK:1 ES:1 YE:0.5 OM:1 SN:0.5 MZ:0.5 TZ:0.5 ZA:0.5 US:0.5 "
            "JP:0.5",
            "HK:6 CN:2 VN:1 SG:1 MY:1 TH:1 JP:0.5", "",
            "sea_container:3@3000 air_cargo:3@400 air_passenger:1@20 express:1@30", 150,
        ),
        Scenario(
            "corals", 5, "ID:3 PH:2 FJ:1 SB:1 TO:0.5 MZ:0.5 IT:0.5 TW:0.5",
            "US:3 NL:1 DE:1 FR:1 GB:1 CN:1 HK:1 JP:1", "",
            "air_cargo:3@150 air_passenger:2@5 postal:1@1 express:1@3", 200,
        ),
        Scenario(
            "medicinal_plants", 17, "ID:3 MY:2 IN:2 PG:1 KH:1 LA:1 VN:1 MM:1 BD:1 CN:2 NP:1 MG:0.5 ZA:0.5",
            "AE:3 SA:3 KW:1 QA:1 CN:2 JP:0.5 HK:1 KR:1 SG:1 US:1 DE:0.5 FR:0.5", "",
            "air_passenger:4@15 air_cargo:2@200 express:1@10 postal:1@2 sea_container:1@2000", 400,
        ),
    ),
    "ipr": tuple(
        Scenario(commodity, weight, IPR_ORIGINS, IPR_DESTINATIONS, IPR_TRANSITS, shipments, price)
        for commodity, weight, shipments, price in (
            ("counterfeit_clothing", 25, "@20 @80 @15000 @2000 @6000 @40 @2000", 40),
            ("counterfeit_footwear", 15, "@6 @40 @8000 @1000 @4000 @20 @1000", 80),
            ("counterfeit_watches", 12, "@5 @30 @5000 @800 @2000 @15 @400", 150),
            ("counterfeit_electronics", 15, "@10 @80 @20000 @3000 @5000 @30 @1500", 30),
            ("counterfeit_pharmaceuticals", 8, "@200 @2000 @500000 @50000 @100000 @1000 @20000", 2),
            ("counterfeit_cosmetics", 10, "@12 @100 @30000 @3000 @8000 @40 @3000", 25),
            ("counterfeit_toys", 8, "@15 @120 @30000 @2000 @10000 @30 @3000", 10),
            ("counterfeit_spare_parts", 7, "@8 @60 @10000 @1000 @3000 @10 @1000", 50),
        )
    ),
    "precursors": (
        Scenario(
            "ephedrine", 20, "IN:5 CN:3 PK:1 BD:0.5",
            "MX:2 MM:1 AF:0.5 NG:1 ZA:1 AU:1 US:1 KE:0.5 MY:0.5 TH:0.5", "",
            "air_cargo:2@100 sea_container:2@1000 express:2@5 postal:1@1 air_passenger:1@4", 500,
        ),
        Scenario(
            "pseudoephedrine", 15, "IN:4 CN:3 KR:0.5", "MX:2 AU:2 US:1 NZ:1 MM:1 TH:0.5 ZA:0.5", "",
            "air_cargo:2@80 sea_container:2@800 express:2@5 postal:1@1", 400,
        ),
        Scenario(
            "acetic_anhydride", 20, "CN:2 IN:2 KR:1 TR:1 DE:0.5 NL:0.5 RU:0.5",
            "AF:3 PK:2 IR:2 TR:2 MX:1 CO:1 IQ:0.5",
            "AE:2 PK:1 TR:1 IR:1 TM:0.5 UZ:0.5", "road_truck:4@8000 sea_container:3@16000", 2,
        ),
        Scenario(
            "p2p", 20, "CN:8 IN:1 HK:1", "NL:4 BE:3 DE:1 PL:1 MX:2 US:0.5 MM:0.5 AU:0.5",
            "DE:0.5 PL:0.5 TR:0.5 RU:0.5",
            "sea_container:4@3000 air_cargo:1@300 road_truck:2@2000 express:1@25", 30,
        ),
        Scenario(
            "potassium_permanganate", 15, "CN:2 IN:2 BR:1 MX:1 US:1 EC:0.5 DE:0.5",
            "CO:5 PE:3 BO:2 EC:1 VE:0.5", "",
            "road_truck:3@5000 sea_container:2@10000", 3,
        ),
        Scenario(
            "safrole", 10, "KH:3 VN:1 LA:1 CN:2 IN:1 MM:1", "NL:3 BE:2 AU:2 CN:0.5 US:0.5 DE:0.5", "",
            "sea_container:3@1000 road_truck:2@500 express:1@20", 20,
        ),
    ),
    "tax_duty": (
        # Fuel runs from cheap-fuel countries to their neighbours: one trade per region.
        Scenario(
            "fuel", 5, "VE:1", "CO:4 BR:0.5 GY:0.5", "",
            "road_truck:4@20000 road_car:4@300 sea_vessel:1@200000",
            0.8, avoid=FUEL_AVOID,
        ),
        Scenario(
            "fuel", 5, "DZ:1 LY:2", "TN:3 MA:1 NE:1 MT:1 IT:1", "",
            "road_truck:3@30000 road_car:3@400 sea_vessel:2@1000000", 0.8, avoid=FUEL_AVOID,
        ),
        Scenario(
            "fuel", 4, "NG:1", "BJ:3 TG:1 NE:1 CM:1 GH:1", "",
            "road_truck:3@20000 road_car:4@300 sea_vessel:0.5@100000", 0.8, avoid=FUEL_AVOID,
        ),
        Scenario(
            "fuel", 4, "IR:3 IQ:1", "PK:3 AF:2 TR:1 AE:0.5 OM:0.5", "",
            "road_truck:4@30000 road_car:2@400 sea_vessel:2@500000", 0.8, avoid=FUEL_AVOID,
        ),
        Scenario(
            "fuel", 2, "RU:1 BY:1", "LT:1 PL:1 LV:1 FI:0.5 UA:0.5", "",
            "road_truck:4@25000 road_car:3@200 rail:1@60000 sea_vessel:0.3@500000", 0.8, avoid=FUEL_AVOID,
        ),
        Scenario(
            "sugar", 10, "BR:3 IN:2 TH:2 BD:0.5 MX:0.5 UG:0.5 KE:0.5",
            "KE:2 UG:1 TZ:1 NG:2 SO:1 ET:1 PH:1 BJ:1 SN:0.5",
            "", "road_truck:5@20000 sea_container:3@25000 sea_vessel:0.5@500000", 0.5,
            avoid="machinery food_products vehicle_natural_void vehicle_built_in_compartment",
        ),
        Scenario(
            "textiles", 20, "CN:6 TR:2 IN:2 BD:1 PK:1 VN:1 AE:1", IPR_DESTINATIONS, IPR_TRANSITS,
            "sea_container:6@15000 road_truck:3@8000 air_cargo:1@1500 express:1@100", 12,
        ),
        Scenario(
            "electronics", 20, "CN:6 HK:3 AE:2 SG:1 KR:0.5 JP:0.5 US:1 MY:0.5", IPR_DESTINATIONS,
            IPR_TRANSITS,
            "sea_container:4@3000 air_cargo:3@400 express:2@20 air_passenger:2@8 road_truck:1@1000", 200,
        ),
        Scenario(
            "vehicles", 10, "DE:2 FR:1 BE:1 NL:1 GB:2 IT:1 ES:1 US:2 CA:2 JP:1 PL:1 SE:0.5",
            "UA:1 BY:1 RU:1 GE:1 AM:0.5 KZ:1 NG:1 GH:1 BJ:0.5 AE:1 JO:0.5 LB:0.5 TZ:0.5 KE:0.5 UG:0.5 MA:0.5 "
            "DZ:0.5 PK:0.5 TH:0.5 MN:0.5 IQ:0.5",
            "PL:1 LT:1 BE:1 NL:1", "road_car:5@1 sea_container:3@2 road_truck:1@4", 25_000,
            # Stolen cars drive themselves or travel whole in containers.
            avoid="mixed_with_legitimate_goods machinery food_products vehicle_built_in_compartment "
            "vehicle_natural_void in_luggage",
        ),
        Scenario(
            "gold", 20, "AE:4 CH:1 GH:1 ML:1 BF:1 SD:1 CD:1 UG:1 VE:0.5 PE:0.5 CO:0.5 ZW:1",
            "IN:6 BD:1 LK:1 NP:1 PK:1 TR:1 AE:2 HK:1 CN:1 MY:0.5", "AE:2 QA:0.5 OM:0.5 SA:0.5",
            "air_passenger:6@1.5 air_cargo:1@30 road_car:1@5", 60_000,
        ),
    ),
    "weapons": (
        Scenario(
            "firearms", 30, WEAPON_ORIGINS, WEAPON_DESTINATIONS, "",
            "road_car:3@3 road_truck:1@20 postal:2@1 express:2@2 air_passenger:1@1 sea_container:1@40", 800,
        ),
        Scenario(
            "ammunition", 25, WEAPON_ORIGINS, WEAPON_DESTINATIONS, "",
            "road_car:3@300 road_truck:1@5000 postal:2@50 express:2@200 air_passenger:1@30 "
            "sea_container:1@20000",
            1,
        ),
        Scenario(
            "firearm_parts", 15, "US:6 CN:3 TR:1 DE:0.5 AT:0.5", WEAPON_DESTINATIONS + " AU:1 NZ:0.5", "",
            "postal:4@3 express:4@10 air_passenger:1@2 road_car:1@5", 150,
        ),
        Scenario(
            "explosives", 5, "UA:2 RS:1 BA:1 RU:0.5 TR:0.5",
            "DE:1 NL:1 SE:1 FR:1 PL:1 TR:1 AT:0.5 HU:0.5 RO:0.5",
            "", "road_car:3@10 road_truck:1@200 sea_container:0.5@500 postal:0.3@1", 50,
        ),
        Scenario(
            "fireworks", 15, "CN:8 PL:1 CZ:1",
            "NL:3 DE:2 BE:1 FR:1 GB:1 IE:1 IT:1 GR:0.5 PH:0.5 US:1 AU:0.5", "",
            "road_car:4@50 road_truck:2@2000 sea_container:2@10000", 15,
        ),
        Scenario(
            "bladed_weapons", 10, "CN:6 PK:2 TR:1 IN:1",
            "GB:3 DE:2 FR:1 NL:1 AU:1 SE:0.5 DK:0.5 NO:0.5 SG:0.5", "",
            "postal:4@3 express:3@20 air_passenger:1@2 sea_container:0.5@3000", 30,
        ),
    ),
    "currency": (
        # Banknotes in pieces; outbound cash controls catch much of it, so departure countries report more.
        Scenario(
            "cash_eur", 30, CASH_ORIGINS, CASH_DESTINATIONS, "",
            "air_passenger:6@800 road_car:3@2500 postal:1@150 express:1@400 road_truck:0.5@8000", 60,
            exported_share=0.45, avoid="machinery",
        ),
        Scenario(
            "cash_usd", 30, CASH_ORIGINS, CASH_DESTINATIONS, "",
            "air_passenger:6@600 road_car:3@2000 postal:1@100 express:1@300 road_truck:0.5@6000", 70,
            exported_share=0.45, avoid="machinery",
        ),
        Scenario(
            "cash_other", 25, CASH_ORIGINS, CASH_DESTINATIONS, "",
            "air_passenger:6@700 road_car:3@2000 pedestrian:1@300 postal:0.5@100", 30,
            exported_share=0.45, avoid="machinery",
        ),
        Scenario(
            "bearer_instruments", 5, CASH_ORIGINS, CASH_DESTINATIONS, "",
            "air_passenger:4@4 express:2@6 postal:1@3",
            25_000, exported_share=0.3, avoid="machinery food_products",
        ),
        Scenario(
            "counterfeit_currency", 10, "CN:3 NG:2 CO:2 PE:1 IT:1 BG:1 TR:1 IN:0.5",
            "US:2 DE:1 FR:1 IT:1 ES:1 GB:0.5 NG:0.5 ZA:0.5 IN:1 BD:0.5 KE:0.5 MX:0.5", "",
            "postal:4@100 express:3@300 air_passenger:2@200 road_car:1@500", 5,
        ),
    ),
    "nuclear": (
        Scenario(
            "uranium", 10, "KZ:1 UA:1 RU:1 GE:1 AM:1 IN:1 CD:0.5",
            "TR:1 GE:1 AM:1 IN:1 DE:0.5 RO:0.5 MD:0.5", "",
            "road_car:3@200 air_passenger:1@50", 100,
        ),
        Scenario(
            "caesium_137", 25, "UA:1 RU:1 KZ:1 IN:1 CN:1 DE:0.5 PL:0.5",
            "NL:1 BE:1 DE:1 PL:1 LT:1 IN:1 AE:1", "",
            "road_truck:4@1 sea_container:3@1", 1_000, avoid="food_products",
        ),
        Scenario(
            "cobalt_60", 15, "UA:1 RU:1 IN:1 CN:1 TR:0.5", "NL:1 BE:1 DE:1 IN:1 AE:1 SA:0.5", "",
            "road_truck:4@1 sea_container:3@1", 1_000, avoid="food_products",
        ),
        Scenario(
            "contaminated_scrap", 50, "UA:1 RU:1 KZ:1 BY:0.5 IN:1 CN:1 DE:0.5 NL:0.5",
            "NL:1 BE:1 DE:1 PL:1 LT:1 IN:2 TR:1 AE:0.5", "", "road_truck:4@20000 sea_container:2@22000", 0.3,
            avoid="food_products machinery vehicle_natural_void vehicle_built_in_compartment",
        ),
    ),
    "hazardous": (
        Scenario(
            "e_waste", 35, WASTE_ORIGINS, WASTE_DESTINATIONS, "", "sea_container:8@15000 road_truck:2@10000",
            0.2,
            exported_share=0.35, avoid=BULK_AVOID,
        ),
        Scenario(
            "hazardous_waste", 20, WASTE_ORIGINS, WASTE_DESTINATIONS, "",
            "sea_container:6@18000 road_truck:3@12000",
            0.1, exported_share=0.35, avoid=BULK_AVOID,
        ),
        Scenario(
            "pesticides", 30, "CN:5 IN:1 TR:1 UA:0.5",
            "PL:2 DE:1 FR:1 IT:1 ES:1 RO:1 BG:1 NL:1 BE:1 GR:0.5 LT:0.5 KE:0.5 TZ:0.5", "UA:1 TR:0.5 PL:0.5",
            "sea_container:3@2000 road_truck:3@1000 road_car:1@80 express:1@10", 10,
        ),
        Scenario(
            "mercury", 10, "MX:2 ID:1 KG:1 CN:1 ES:0.5 US:0.5", "ID:2 CO:2 PE:1 GH:1 SR:1 GY:1 BO:1 BR:0.5",
            "",
            "road_truck:2@1000 sea_container:2@3000 air_passenger:1@10", 50,
        ),
        Scenario(
            "asbestos", 5, "RU:2 KZ:2 BR:1 CN:1", "IN:2 ID:1 VN:1 TH:1 LK:1 BD:1 PH:0.5", "",
            "sea_container:5@20000",
            0.5, avoid=BULK_AVOID,
        ),
    ),
    "pornography": (
        Scenario(
            "obscene_material", 20, "US:2 JP:2 DE:1 NL:1 CN:1 TH:1", "SA:2 AE:1 QA:1 KW:1 MY:1 ID:1 IR:1", "",
            "air_passenger:3@20 postal:3@5 express:2@10", 5,
        ),
        Scenario(
            "digital_media", 35, "US:2 JP:2 DE:1 NL:1 CN:2 TH:1 RU:1",
            "SA:2 AE:1 QA:1 KW:1 MY:1 ID:1 IR:1 IN:1", "",
            "air_passenger:4@10 postal:3@3 express:2@5", 10,
        ),
        Scenario(
            "child_abuse_material", 25, "US:1 GB:1 DE:1 NL:1 PH:1 TH:1 RU:1",
            "US:2 GB:2 CA:1 AU:2 NZ:1 DE:1 NL:1 PH:1",
            "", "air_passenger:5@3 postal:2@2 express:1@2", 0,
        ),
        Scenario(
            "devices", 20, "US:2 CN:2 GB:1 DE:1 TH:1", "AU:2 CA:1 GB:1 US:1 SA:1 AE:1 NZ:0.5", "",
            "air_passenger:5@3 postal:2@1 express:1@2", 100,
        ),
    ),
    "other": (
        Scenario(
            "cultural_goods", 20,
            "IQ:1 SY:1 EG:2 LY:1 YE:0.5 AF:1 MX:1 PE:2 GT:1 IT:1 GR:1 KH:1 NG:0.5 ML:0.5",
            "US:3 DE:1 FR:1 GB:2 CH:2 BE:1 NL:1 AE:1 JP:0.5 IL:0.5", "AE:1 TR:1 LB:0.5",
            "postal:2@3 express:2@5 air_passenger:3@4 air_cargo:1@30 sea_container:0.5@200", 5_000,
        ),
        Scenario(
            "medicines", 30, "IN:6 CN:3 PK:1 TR:1 TH:1",
            "NG:2 GH:1 GB:2 US:2 DE:1 FR:1 IE:1 AU:1 NZ:0.5 SE:1 BE:1 NL:1 CI:1 BJ:1", "",
            "postal:5@120 express:3@500 air_passenger:1@300 sea_container:1@500000", 1,
        ),
        Scenario(
            "food_products", 20, "CN:2 NG:1 GH:1 CM:1 TH:1 VN:1 UA:1 TR:1 IN:1",
            "GB:1 DE:1 FR:1 BE:1 NL:1 US:2 AU:2 NZ:1 JP:1 KR:1", "",
            "air_passenger:6@8 postal:1@3 express:1@5 sea_container:1@12000", 6,
        ),
        Scenario(
            "plants_seeds", 15, "CN:2 TH:1 VN:1 EC:1 CO:1 KE:1 ET:1 IN:1 MX:1",
            "US:2 AU:2 NZ:2 JP:1 GB:1 NL:1 DE:1 CA:1",
            "", "postal:3@1 express:2@5 air_passenger:3@3", 20,
        ),
        Scenario(
            "dual_use_goods", 15, "US:2 DE:2 NL:1 JP:1 CN:2 KR:1 FR:1 IT:1 GB:1",
            "RU:3 IR:2 BY:1 KP:0.5 SY:0.5 CN:1 AE:1 TR:1",
            "AE:3 TR:2 AM:1 KZ:1 KG:1 GE:1",
            "air_cargo:3@20 express:3@5 sea_container:2@100 road_truck:2@50", 5_000,
            exported_share=0.5,
        ),
    ),
    "ods": tuple(
        Scenario(commodity, weight, ODS_ORIGINS, ODS_DESTINATIONS, ODS_TRANSITS, ODS_SHIPMENTS, price)
        for commodity, weight, price in (
            ("r22", 30, 10), ("r134a", 20, 8), ("r404a", 15, 9), ("cfc_12", 10, 15), ("halons", 5, 30),
            ("r141b", 20, 8),
        )
    ),
}  # fmt: skip

# A second line found with the first: usually the same heading; these add the usual companions.
COMPANION_SHARE_OTHER_HEADING = 0.3
COMPANIONS = {
    "drugs": "cash_eur:2 cash_usd:2 cash_other:1 firearms:1 ammunition:1",
    "tobacco": "spirits:2 water_pipe_tobacco:1",
    "beverages": "cigarettes:3",
    "currency": "cocaine:2 gold:2 heroin:1",
    "weapons": "cocaine:1 cannabis_herbal:1 ammunition:2",
    "cites": "ivory:1 pangolin_scales:1",
}

# ---- details: species, brands, descriptions ----------------------------------------------------------------

# Species seized under each CITES commodity type: (scientific name, appendix, weight).
CITES_SPECIES = {
    "ivory": (("Loxodonta africana", "I", 8), ("Loxodonta cyclotis", "I", 3), ("Elephas maximus", "I", 1)),
    "pangolin_scales": (
        ("Phataginus tricuspis", "I", 5), ("Smutsia gigantea", "I", 3), ("Phataginus tetradactyla", "I", 1),
        ("Manis javanica", "I", 2), ("Manis pentadactyla", "I", 1),
    ),
    "rhino_horn": (("Ceratotherium simum", "I", 6), ("Diceros bicornis", "I", 3)),
    "live_reptiles": (
        ("Python regius", "II", 4), ("Geochelone elegans", "I", 2), ("Astrochelys radiata", "I", 1),
        ("Testudo graeca", "II", 3), ("Furcifer pardalis", "II", 2), ("Varanus salvator", "II", 1),
        ("Heosemys spinosa", "II", 1), ("Shinisaurus crocodilurus", "I", 0.5),
    ),
    "live_birds": (
        ("Psittacus erithacus", "I", 4), ("Ara ararauna", "II", 2), ("Cacatua sulphurea", "I", 1),
        ("Falco cherrug", "II", 2), ("Amazona aestiva", "II", 2), ("Eclectus roratus", "II", 1),
    ),
    "timber": (
        ("Dalbergia latifolia", "II", 2), ("Pterocarpus santalinus", "II", 2),
        ("Pterocarpus erinaceus", "II", 3), ("Dalbergia cochinchinensis", "II", 2),
        ("Dalbergia nigra", "I", 0.5), ("Swietenia macrophylla", "II", 1),
    ),
    "shark_fins": (
        ("Carcharhinus falciformis", "II", 3), ("Sphyrna lewini", "II", 3), ("Isurus oxyrinchus", "II", 2),
        ("Alopias pelagicus", "II", 1), ("Carcharhinus longimanus", "II", 1),
    ),
    "corals": (("Scleractinia spp.", "II", 5), ("Antipatharia spp.", "II", 2), ("Tubipora musica", "II", 1)),
    "medicinal_plants": (
        ("Aquilaria malaccensis", "II", 4), ("Aquilaria crassna", "II", 2), ("Saussurea costus", "I", 1),
        ("Pterocarpus santalinus", "II", 1), ("Dendrobium spp.", "II", 2), ("Panax quinquefolius", "II", 1),
    ),
}  # fmt: skip
# Fictional brands: demo data must not put real trademarks next to counterfeits.
IPR_BRANDS = (
    "Zorvanta", "Kelvira", "Trakmoor", "Lunvessa", "Ostrelle", "Vantorix", "Quellon", "Marivex", "Druvessa",
    "Solkaro", "Fenwyx", "Brantova", "Nuvielle", "Corvano", "Halvex", "Ystrada", "Pellarin", "Amberlux",
)  # fmt: skip
IPR_PRODUCTS = {
    "counterfeit_clothing": ("T-shirts", "jackets", "jeans", "sportswear", "caps"),
    "counterfeit_footwear": ("trainers", "sandals", "boots"),
    "counterfeit_watches": ("wristwatches", "smartwatches", "handbags and watches"),
    "counterfeit_electronics": ("phone chargers", "earphones", "phone cases", "batteries", "game consoles"),
    "counterfeit_pharmaceuticals": (
        "erectile dysfunction tablets",
        "painkillers",
        "slimming pills",
        "antibiotics",
    ),
    "counterfeit_cosmetics": ("perfume", "lipstick", "face creams", "shampoo"),
    "counterfeit_toys": ("dolls", "plush toys", "building bricks", "toy cars"),
    "counterfeit_spare_parts": ("brake pads", "oil filters", "airbags", "spark plugs"),
}
DESCRIPTIONS = {
    "cocaine": (
        "bricks wrapped in plastic and marked with a logo",
        "white powder in packages",
        "liquid cocaine",
    ),
    "heroin": ("brown powder in packages", "compressed blocks"),
    "cannabis_herbal": ("vacuum-packed bags of herbal cannabis", "dried cannabis buds"),
    "cannabis_resin": ("resin slabs", "resin in soap bars"),
    "captagon": ("tablets marked with two half-moons", "yellow tablets"),
    "mdma": ("coloured tablets with logos", "crystals"),
    "ivory": ("raw tusks", "worked ivory carvings", "cut ivory pieces"),
    "pangolin_scales": ("bags of dried scales",),
    "rhino_horn": ("whole horns", "horn pieces"),
    "gold": ("gold bars", "gold jewellery", "gold dust"),
    "cigarettes": ("cigarettes without tax stamps", "cheap whites", "counterfeit cigarettes"),
}
COVER_LOADS = {
    "bulk": (
        "bananas", "frozen fish", "coffee beans", "furniture", "ceramic tiles", "scrap metal",
        "used clothing", "fruit juice", "car parts", "tyres", "charcoal", "rice", "plastic toys",
        "pineapples", "cocoa beans", "construction materials", "fertiliser", "household goods",
    ),
    "parcel": (
        "clothes", "toys", "books", "cosmetics", "phone accessories", "spare parts", "tea", "sweets", "shoes",
        "kitchenware", "spices",
    ),
}  # fmt: skip

# ---- places, carriers, registrations -----------------------------------------------------------------------

# Main control points of the busiest reporters (UN/LOCODEs without the space); others get a generic name.
PLACES = (
    ("NL", "seaport", "Port of Rotterdam", "NLRTM"), ("NL", "airport", "Amsterdam Airport Schiphol", "NLAMS"),
    ("BE", "seaport", "Port of Antwerp-Bruges", "BEANR"), ("BE", "airport", "Brussels Airport", "BEBRU"),
    ("DE", "seaport", "Port of Hamburg", "DEHAM"), ("DE", "airport", "Frankfurt Airport", "DEFRA"),
    ("DE", "seaport", "Bremerhaven", "DEBRV"), ("FR", "seaport", "Le Havre", "FRLEH"),
    ("FR", "airport", "Paris-Charles de Gaulle Airport", "FRCDG"),
    ("FR", "seaport", "Marseille-Fos", "FRMRS"), ("ES", "seaport", "Algeciras", "ESALG"),
    ("ES", "seaport", "Valencia", "ESVLC"), ("ES", "airport", "Madrid-Barajas Airport", "ESMAD"),
    ("ES", "seaport", "Barcelona", "ESBCN"), ("GB", "seaport", "Felixstowe", "GBFXT"),
    ("GB", "airport", "London Heathrow Airport", "GBLHR"), ("GB", "seaport", "Southampton", "GBSOU"),
    ("IT", "seaport", "Gioia Tauro", "ITGIT"), ("IT", "seaport", "Genoa", "ITGOA"),
    ("IT", "airport", "Rome Fiumicino Airport", "ITFCO"), ("PT", "seaport", "Sines", "PTSIE"),
    ("PT", "airport", "Lisbon Airport", "PTLIS"), ("US", "seaport", "Port of Los Angeles", "USLAX"),
    ("US", "seaport", "Port of New York and New Jersey", "USNYC"),
    ("US", "airport", "Miami International Airport", "USMIA"), ("US", "land_border", "Laredo", "USLRD"),
    ("US", "seaport", "Port of Houston", "USHOU"), ("CA", "seaport", "Port of Montreal", "CAMTR"),
    ("CA", "seaport", "Port of Vancouver", "CAVAN"), ("BR", "seaport", "Port of Santos", "BRSSZ"),
    ("BR", "airport", "Sao Paulo-Guarulhos Airport", "BRGRU"), ("BR", "seaport", "Paranagua", "BRPNG"),
    ("CO", "seaport", "Cartagena", "COCTG"), ("CO", "seaport", "Buenaventura", "COBUN"),
    ("CO", "airport", "Bogota El Dorado Airport", "COBOG"), ("EC", "seaport", "Guayaquil", "ECGYE"),
    ("PE", "seaport", "Callao", "PECLL"), ("PA", "seaport", "Manzanillo International Terminal", "PAMIT"),
    ("MX", "seaport", "Manzanillo", "MXZLO"), ("MX", "airport", "Mexico City Airport", "MXMEX"),
    ("MX", "seaport", "Lazaro Cardenas", "MXLZC"), ("ZA", "seaport", "Durban", "ZADUR"),
    ("ZA", "airport", "O. R. Tambo International Airport", "ZAJNB"), ("ZA", "seaport", "Cape Town", "ZACPT"),
    ("NG", "seaport", "Apapa", "NGAPP"), ("NG", "airport", "Lagos Murtala Muhammed Airport", "NGLOS"),
    ("KE", "seaport", "Mombasa", "KEMBA"), ("KE", "airport", "Nairobi Jomo Kenyatta Airport", "KENBO"),
    ("TZ", "seaport", "Dar es Salaam", "TZDAR"), ("GH", "seaport", "Tema", "GHTEM"),
    ("SN", "seaport", "Dakar", "SNDKR"), ("TG", "seaport", "Lome", "TGLFW"),
    ("CM", "seaport", "Douala", "CMDLA"), ("ET", "airport", "Addis Ababa Bole", "ETADD"),
    ("IN", "seaport", "Nhava Sheva", "INNSA"), ("IN", "airport", "Mumbai Airport", "INBOM"),
    ("IN", "airport", "Delhi Indira Gandhi Airport", "INDEL"), ("IN", "seaport", "Chennai", "INMAA"),
    ("CN", "seaport", "Shanghai", "CNSHA"), ("CN", "seaport", "Shenzhen", "CNSZX"),
    ("CN", "seaport", "Ningbo", "CNNGB"), ("CN", "airport", "Guangzhou Baiyun Airport", "CNCAN"),
    ("HK", "seaport", "Kwai Tsing Container Terminals", "HKHKG"),
    ("HK", "airport", "Hong Kong International Airport", "HKHKG"), ("JP", "seaport", "Yokohama", "JPYOK"),
    ("JP", "airport", "Narita Airport", "JPNRT"), ("JP", "seaport", "Osaka", "JPOSA"),
    ("KR", "seaport", "Busan", "KRPUS"), ("AU", "seaport", "Port Botany", "AUSYD"),
    ("AU", "seaport", "Melbourne", "AUMEL"), ("AU", "airport", "Sydney Airport", "AUSYD"),
    ("NZ", "airport", "Auckland Airport", "NZAKL"), ("SA", "seaport", "Jeddah Islamic Port", "SAJED"),
    ("SA", "airport", "Riyadh King Khalid Airport", "SARUH"), ("SA", "land_border", "Al Haditha", ""),
    ("SA", "seaport", "Dammam", "SADMM"), ("AE", "seaport", "Jebel Ali", "AEJEA"),
    ("AE", "free_zone", "Jebel Ali Free Zone", "AEJEA"),
    ("AE", "airport", "Dubai International Airport", "AEDXB"), ("JO", "land_border", "Jaber", ""),
    ("JO", "seaport", "Aqaba", "JOAQJ"), ("TR", "seaport", "Mersin", "TRMER"),
    ("TR", "airport", "Istanbul Airport", "TRIST"), ("TR", "seaport", "Ambarli", "TRAMR"),
    ("TR", "land_border", "Kapikule", ""), ("MA", "seaport", "Tanger Med", "MAPTM"),
    ("MA", "airport", "Casablanca Mohammed V Airport", "MACAS"),
    ("RU", "seaport", "Saint Petersburg", "RULED"), ("RU", "airport", "Moscow Sheremetyevo Airport", "RUMOW"),
    ("RU", "seaport", "Novorossiysk", "RUNVS"), ("PL", "seaport", "Gdansk", "PLGDN"),
    ("PL", "land_border", "Terespol", ""), ("PL", "airport", "Warsaw Chopin Airport", "PLWAW"),
    ("LT", "land_border", "Medininkai", ""), ("LT", "seaport", "Klaipeda", "LTKLJ"),
    ("FI", "land_border", "Vaalimaa", ""), ("GR", "seaport", "Piraeus", "GRPIR"),
    ("BG", "land_border", "Kapitan Andreevo", ""), ("TH", "seaport", "Laem Chabang", "THLCH"),
    ("TH", "airport", "Bangkok Suvarnabhumi Airport", "THBKK"), ("MY", "seaport", "Port Klang", "MYPKG"),
    ("MY", "airport", "Kuala Lumpur International Airport", "MYKUL"), ("SG", "seaport", "Singapore", "SGSIN"),
    ("SG", "airport", "Singapore Changi Airport", "SGSIN"), ("VN", "seaport", "Hai Phong", "VNHPH"),
    ("VN", "seaport", "Cat Lai, Ho Chi Minh City", "VNSGN"), ("ID", "seaport", "Tanjung Priok", "IDTPP"),
    ("PH", "seaport", "Manila", "PHMNL"), ("PK", "seaport", "Karachi", "PKKHI"),
    ("IR", "seaport", "Bandar Abbas", "IRBND"), ("EG", "seaport", "Port Said", "EGPSD"),
    ("EG", "airport", "Cairo International Airport", "EGCAI"), ("LB", "seaport", "Beirut", "LBBEY"),
    ("SE", "seaport", "Gothenburg", "SEGOT"), ("DK", "airport", "Copenhagen Airport", "DKCPH"),
    ("IE", "seaport", "Dublin Port", "IEDUB"), ("DO", "seaport", "Caucedo", "DOCAU"),
    ("CL", "seaport", "San Antonio", "CLSAI"), ("AR", "seaport", "Buenos Aires", "ARBUE"),
    ("UA", "seaport", "Odesa", "UAODS"),
)  # fmt: skip
GENERIC_PLACE_NAMES = {
    "airport": "International airport", "seaport": "Main seaport",
    "land_border": "Land border crossing point", "inland_office": "Inland customs office",
    "postal_centre": "International mail processing centre", "courier_hub": "Express courier hub",
    "free_zone": "Free zone",
}  # fmt: skip

# IATA airline designators by country; hub carriers fly everyone else.
AIRLINES = {
    "NL": "KL", "BE": "SN", "DE": "LH", "FR": "AF", "ES": "IB UX", "GB": "BA VS", "IT": "AZ", "PT": "TP",
    "US": "AA DL UA", "CA": "AC", "MX": "AM", "BR": "LA G3", "CO": "AV", "AR": "AR", "CL": "LA", "PA": "CM",
    "ZA": "SA", "KE": "KQ", "ET": "ET", "EG": "MS", "MA": "AT", "DZ": "AH", "TN": "TU", "TR": "TK PC",
    "AE": "EK EY", "QA": "QR", "SA": "SV", "IN": "AI 6E", "PK": "PK", "CN": "CA MU CZ", "HK": "CX",
    "JP": "JL NH", "KR": "KE OZ", "TH": "TG", "MY": "MH", "SG": "SQ", "VN": "VN", "ID": "GA", "PH": "PR",
    "AU": "QF", "NZ": "NZ", "RU": "SU", "PL": "LO", "AT": "OS", "CH": "LX", "SE": "SK", "NO": "SK",
    "DK": "SK", "FI": "AY", "IE": "EI", "GR": "A3", "JO": "RJ", "LB": "ME", "IR": "IR", "BD": "BG",
    "LK": "UL", "NG": "P4", "GH": "AW", "SN": "HC", "CI": "HF", "RW": "WB", "OM": "WY", "KW": "KU",
}  # fmt: skip
HUB_AIRLINES = "EK:3 QR:3 TK:3 ET:2 KL:1 AF:1 LH:1 SQ:1"
# Air waybill prefixes (IATA accounting codes) of cargo carriers.
AWB_PREFIXES = (
    "074", "057", "020", "176", "157", "235", "125", "001", "006", "016", "160", "618", "071", "999", "781",
)  # fmt: skip
CONTAINER_OWNERS = (
    "MSCU", "MEDU", "MAEU", "MRKU", "CMAU", "CGMU", "HLXU", "HLBU", "OOLU", "COSU", "CSNU", "EGHU", "EISU",
    "ONEU", "ZIMU", "HDMU", "YMLU", "TGHU", "TCNU", "SEGU", "TRHU", "FCIU",
)  # fmt: skip
VESSEL_WORDS = (
    "NORDIC ATLANTIC PACIFIC GOLDEN BLUE SILVER CAPE GULF CORAL EASTERN WESTERN SOUTHERN NORTHERN ROYAL "
    "GRAND MARINE AURORA POLAR TROPIC HARBOUR OCEAN SEA",
    "STAR PIONEER SPIRIT GRACE VOYAGER HORIZON TRADER EXPRESS PRIDE QUEEN BREEZE FORTUNE WAVE DAWN HARMONY "
    "EAGLE FALCON PEARL ISLAND CARRIER NAVIGATOR VENTURE LEGACY MERIDIAN",
)
FLEET_SIZE = 2500  # vessels reappear across cases, so watch lists on an IMO number find something
# Registration plate layouts ("L" a letter, "9" a digit); other countries get the generic one.
PLATES = {
    "NL": "99-LLL-9", "BE": "1-LLL-999", "DE": "LL LL 999", "FR": "LL-999-LL", "ES": "9999 LLL",
    "IT": "LL 999LL", "GB": "LL99 LLL", "PL": "LL 99999", "LT": "LLL 999", "LV": "LL-9999", "UA": "LL9999LL",
    "BY": "9999 LL-9", "RU": "L999LL99", "TR": "99 LLL 99", "BG": "LL 9999 LL", "RO": "LL 99 LLL",
    "MX": "LLL-999-L", "US": "9LLL999", "CA": "LLLL 999", "ZA": "LL 99 LL GP", "KE": "KLL 999L",
    "NG": "LLL 999 LL", "MA": "99999-L-99", "AE": "L 99999", "SA": "9999 LLL", "JO": "99-99999",
    "AF": "99999", "PK": "LLL 999", "IR": "99L999", "CO": "LLL999", "BR": "LLL9L99", "AR": "LL 999 LL",
}  # fmt: skip
GENERIC_PLATE = "LLL 9999"
POSTAL_SERVICES = "CP:3 RR:3 LX:2 UA:2 EE:1"
# Currency an administration values seizures in, with a rough rate per USD; others (and those whose
# currency lost most of its value over the decade) value in US dollars.
EURO_AREA = "AT BE HR CY EE FI FR DE GR IE IT LV LT LU MT NL PT SK SI ES"
LOCAL_CURRENCIES = {
    "GB": ("GBP", 0.8), "JP": ("JPY", 145.0), "CN": ("CNY", 7.0), "IN": ("INR", 80.0), "BR": ("BRL", 5.0),
    "ZA": ("ZAR", 17.0), "AU": ("AUD", 1.45), "CA": ("CAD", 1.33), "MX": ("MXN", 18.0), "CH": ("CHF", 0.9),
    "SA": ("SAR", 3.75), "AE": ("AED", 3.67), "KR": ("KRW", 1250.0), "HK": ("HKD", 7.8), "SG": ("SGD", 1.35),
    "MA": ("MAD", 10.0), "NG": ("NGN", 800.0), "KE": ("KES", 130.0), "RU": ("RUB", 80.0), "TR": ("TRY", 25.0),
    "PL": ("PLN", 4.0), "SE": ("SEK", 10.5), "NO": ("NOK", 10.5), "DK": ("DKK", 6.9), "TH": ("THB", 34.0),
    "MY": ("MYR", 4.5), "DZ": ("DZD", 135.0), "PK": ("PKR", 250.0),
}  # fmt: skip
EURO_RATE = 0.92
MAX_VALUE = 1e11  # far below the service's limit, whatever the quantity's tail
# Short names for narratives where ISO's formal name reads badly in a sentence.
SHORT_COUNTRY_NAMES = {
    "KR": "South Korea", "KP": "North Korea", "CD": "DR Congo", "LA": "Laos", "SY": "Syria", "RU": "Russia",
    "VN": "Vietnam", "GB": "the United Kingdom", "US": "the United States", "NL": "the Netherlands",
    "AE": "the United Arab Emirates", "PH": "the Philippines",
}  # fmt: skip

# ---- narrative phrases -------------------------------------------------------------------------------------

CONCEALMENT_PHRASES = {
    "body_carrier_swallowed": "in capsules swallowed by the courier",
    "body_carrier_strapped": "strapped to the body of the courier",
    "luggage_false_bottom": "in the false bottom of a suitcase",
    "in_luggage": "among personal effects in the luggage",
    "in_cargo": "hidden among the cargo",
    "container_rip_on_rip_off": "in holdalls placed behind the container doors (rip-on/rip-off)",
    "vehicle_natural_void": "in natural voids of the vehicle such as door panels and the spare wheel",
    "vehicle_built_in_compartment": "in a purpose-built compartment of the vehicle",
    "mixed_with_legitimate_goods": "hidden among {cover}",
    "postal_item": "in a parcel declared as a gift of {cover}",
    "clothing": "sewn into clothing",
    "food_products": "inside food products",
    "machinery": "inside industrial machinery",
    "not_concealed": "without concealment, undeclared",
    "other": "in an unusual hiding place",
}
DETECTION_SENTENCES = {
    "risk_profiling": "The consignment was selected by risk profiling.",
    "intelligence": "The interception followed intelligence shared with partner administrations.",
    "random_check": "It was found during a random check.",
    "x_ray": "The anomaly was spotted on the scanner image.",
    "sniffer_dog": "A detector dog indicated the goods.",
    "physical_examination": "It was found during a physical examination.",
    "documentary_check": "Discrepancies in the documents led to an examination.",
    "controlled_delivery": "A controlled delivery was carried out with the police.",
    "other": "",
}
# Counted goods read better by their own noun than as "pieces of" (singular, plural).
COUNT_NOUNS = {
    "cigars": ("cigar", "cigars"), "cash_usd": ("US dollar banknote", "US dollar banknotes"),
    "cash_eur": ("euro banknote", "euro banknotes"), "cash_other": ("foreign banknote", "foreign banknotes"),
    "counterfeit_currency": ("counterfeit banknote", "counterfeit banknotes"),
    "bearer_instruments": ("bearer negotiable instrument", "bearer negotiable instruments"),
    "live_reptiles": ("live reptile", "live reptiles"), "live_birds": ("live bird", "live birds"),
    "firearms": ("firearm", "firearms"), "ammunition": ("round of ammunition", "rounds of ammunition"),
    "firearm_parts": ("firearm part", "firearm parts"), "bladed_weapons": ("bladed weapon", "bladed weapons"),
    "vehicles": ("stolen vehicle", "stolen vehicles"), "devices": ("storage device", "storage devices"),
    "caesium_137": ("caesium-137 source", "caesium-137 sources"),
    "cobalt_60": ("cobalt-60 source", "cobalt-60 sources"),
    "cultural_goods": ("cultural object", "cultural objects"),
    "dual_use_goods": ("dual-use item", "dual-use items"),
    "e_cigarettes": ("e-cigarette or refill", "e-cigarettes and refills"),
}  # fmt: skip
OPENINGS = (
    "Customs officers at {place} seized",
    "At {place}, customs seized",
    "Officers of {country} Customs at {place} intercepted",
)
NUMBER_WORDS = ("No", "One", "Two", "Three")
OTHER_OFFENDER_ROLES = ("passenger", "passenger", "organiser", "courier", "other")


# ---- the generator -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoCase:
    """A demo case: the SeizureInput as proto JSON (proto field names), its workflow status and its author."""

    seizure: dict[str, Any]
    status: str
    created_by: str


def generate(
    count: int, *, seed: int = DEFAULT_SEED, start: date = DEFAULT_START, end: date = DEFAULT_END
) -> Iterator[DemoCase]:
    """`count` demo cases: the same arguments give the same cases, a longer run starts with a shorter one."""
    builder = _builder(seed, start, end)
    rng = random.Random()
    for index in range(count):
        if index % CASES_PER_STREAM == 0:
            builder.reseed(rng, index)
        yield builder.case(index, rng)


def demo_case(
    index: int, *, seed: int = DEFAULT_SEED, start: date = DEFAULT_START, end: date = DEFAULT_END
) -> DemoCase:
    """Case number `index` (0-based) of `generate(...)`, made from its block alone, not from the start."""
    builder = _builder(seed, start, end)
    rng = random.Random()
    first = index - index % CASES_PER_STREAM
    builder.reseed(rng, first)
    for earlier in range(first, index):
        builder.case(earlier, rng)
    return builder.case(index, rng)


class _Weighted:
    """Values drawn by weight: one bisect over cumulative weights (random.choices costs more per call)."""

    __slots__ = ("cum", "total", "values")

    def __init__(self, pairs: list[tuple[Any, float]]) -> None:
        self.values = tuple(value for value, _ in pairs)
        self.cum = list(accumulate(weight for _, weight in pairs))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random) -> Any:
        return self.values[bisect(self.cum, rng.random() * self.total)]


def _weights(spec: str) -> list[tuple[str, float]]:
    """'CO:5 PE:2' -> [('CO', 5.0), ('PE', 2.0)]."""
    pairs = []
    for item in spec.split():
        value, _, weight = item.rpartition(":")
        pairs.append((value, float(weight)))
    return pairs


def _weighted(spec: str) -> _Weighted:
    return _Weighted(_weights(spec))


def _choice(rng: random.Random, values: tuple[Any, ...] | list[Any]) -> Any:
    """rng.choice without its per-call overhead (the benchmark draws millions)."""
    return values[int(rng.random() * len(values))]


@dataclass(frozen=True)
class _Trade:
    """A scenario resolved against the reference data, ready to draw from."""

    heading: str
    commodity: str
    name: str  # commodity name for narratives
    hs_code: str
    unit: str
    unit_name: str
    max_quantity: float
    price: float
    exported_share: float
    origins: _Weighted
    destinations: _Weighted
    transits: _Weighted | None
    shipments: _Weighted  # of (shipment key, median quantity)
    fallback: tuple[str, float]  # the likeliest shipment that needs no land route
    medians: dict[str, float]
    concealments: dict[str, _Weighted]  # per shipment key, without what does not fit the goods
    species: _Weighted | None


def _shipment_pairs(scenario: Scenario) -> list[tuple[tuple[str, float], float]]:
    """'sea_container:5@400 …' -> [(('sea_container', 400.0), 5.0), …]; IPR rows give only the medians."""
    if scenario.shipments.startswith("@"):  # IPR: medians in the order of IPR_SHIPMENTS
        medians = [float(m) for m in scenario.shipments.split("@")[1:]]
        weights = _weights(IPR_SHIPMENTS)
        return [((key, median), w) for (key, w), median in zip(weights, medians, strict=True)]
    pairs = []
    for item in scenario.shipments.split():
        key, _, rest = item.partition(":")
        weight, _, median = rest.partition("@")
        pairs.append(((key, float(median)), float(weight)))
    return pairs


def _concealments(heading: str, scenario: Scenario, shipment: Shipment) -> _Weighted:
    avoid = set(scenario.avoid.split())
    if scenario.commodity not in SWALLOWED:
        avoid.add("body_carrier_swallowed")
    if heading != "drugs":
        avoid.add("container_rip_on_rip_off")
    kept = [(code, w) for code, w in _weights(shipment.concealments) if code not in avoid]
    return _Weighted(kept or [("not_concealed", 1.0)])


def _trade(ref: ReferenceData, heading: str, scenario: Scenario) -> _Trade:
    commodity = ref.commodity_type(scenario.commodity)
    if commodity is None or commodity.heading != heading:
        raise ValueError(
            f"demo scenario {scenario.commodity!r} is not a commodity type of heading {heading!r}"
        )
    unit = ref.unit(commodity.default_unit)
    if unit is None:
        raise ValueError(f"commodity type {commodity.code!r} has an unknown default unit")
    pairs = _shipment_pairs(scenario)
    by_sea_or_air = [pair for pair in pairs if not SHIPMENTS[pair[0][0]].overland]
    if not by_sea_or_air:  # background cases can put the destination across an ocean
        raise ValueError(f"demo scenario {scenario.commodity!r} needs a shipment by sea, air or post")
    species = CITES_SPECIES.get(scenario.commodity)
    # "Cannabis (herbal)" reads "of cannabis (herbal)"; acronyms and proper names keep their capitals.
    name = commodity.name if commodity.name[:2].isupper() else commodity.name[0].lower() + commodity.name[1:]
    return _Trade(
        heading=heading,
        commodity=commodity.code,
        name=name,
        hs_code=commodity.hs_code,
        unit=unit.code,
        unit_name=unit.name.lower(),
        max_quantity=unit.max_quantity,
        price=scenario.price,
        exported_share=scenario.exported_share,
        origins=_weighted(scenario.origins),
        destinations=_weighted(scenario.destinations),
        transits=_weighted(scenario.transits) if scenario.transits else None,
        shipments=_Weighted(pairs),
        fallback=max(by_sea_or_air, key=lambda pair: pair[1])[0],
        medians=dict(key_median for key_median, _ in pairs),
        concealments={key: _concealments(heading, scenario, SHIPMENTS[key]) for (key, _), _ in pairs},
        species=_Weighted([((latin, appendix), w) for latin, appendix, w in species]) if species else None,
    )


class _Tables:
    """Everything precomputed once from the scenario tables and the reference data."""

    def __init__(self, ref: ReferenceData) -> None:
        self.trades: dict[str, _Trade] = {}
        trade_weights: list[tuple[_Trade, float]] = []
        for heading, scenarios in SCENARIOS.items():
            total = sum(s.weight for s in scenarios)
            for scenario in scenarios:
                trade = _trade(ref, heading, scenario)
                self.trades.setdefault(trade.commodity, trade)  # names and units are the commodity's
                trade_weights.append((trade, HEADING_SHARES[heading] * scenario.weight / total))
        self.trade = _Weighted(trade_weights)
        self.same_heading = {
            heading: _Weighted([(t, w) for t, w in trade_weights if t.heading == heading])
            for heading in SCENARIOS
        }
        self.companions = {
            heading: _Weighted([(self.trades[c], w) for c, w in _weights(spec)])
            for heading, spec in COMPANIONS.items()
        }
        self.members = frozenset(c.code for c in ref.countries if c.wco_member)
        big = set(BIG_REPORTERS.split())
        self.background = _Weighted(
            [(c, BIG_REPORTER_WEIGHT if c in big else 1) for c in sorted(self.members)]
        )
        self.country_names = {
            c.code: SHORT_COUNTRY_NAMES.get(c.code, c.name.split(",")[0]) for c in ref.countries
        }
        self.landlocked = frozenset(LANDLOCKED.split())
        islands = set(ISLANDS.split())
        self.land_mass = {
            c.code: c.code if c.code in islands or c.region not in LAND_MASSES else LAND_MASSES[c.region]
            for c in ref.countries
        }
        self.shipments = {
            key: (s, _weighted(s.place_types), _weighted(s.detections)) for key, s in SHIPMENTS.items()
        }
        self.places: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for country, place_type, place_name, locode in PLACES:
            self.places.setdefault((country, place_type), []).append((place_name, locode))
        self.status = _weighted(STATUS_SHARES)
        self.offender_count = _Weighted([(int(n), w) for n, w in _weights(OFFENDER_COUNTS)])
        self.gender = _weighted(GENDERS)
        self.age_band = _weighted(AGE_BANDS)
        self.airlines = {country: codes.split() for country, codes in AIRLINES.items()}
        self.hub_airline = _weighted(HUB_AIRLINES)
        self.postal_service = _weighted(POSTAL_SERVICES)
        self.fleet = _fleet()
        self.currencies = {c: ("EUR", EURO_RATE) for c in EURO_AREA.split()} | LOCAL_CURRENCIES

    def overland(self, origin: str, destination: str) -> bool:
        """Whether a truck, car, train or walker can get from origin to destination."""
        a, b = self.land_mass[origin], self.land_mass[destination]
        if a == b:
            return True
        # North Africa borders both Eurasia (through the Middle East) and the rest of Africa.
        return (origin in NORTH_AFRICA and b == "africa") or (destination in NORTH_AFRICA and a == "africa")


def _fleet() -> tuple[tuple[str, str], ...]:
    """Named vessels with valid IMO numbers; a fixed seed, so the same ships sail in every demo data set."""
    rng = random.Random(6346)
    first, second = (words.split() for words in VESSEL_WORDS)
    vessels = []
    for n in range(FLEET_SIZE):
        name = f"{_choice(rng, first)} {_choice(rng, second)}"
        if n % 3 == 0:
            name += f" {_choice(rng, ('II', 'III', 'IV', 'V', 'VII'))}"
        vessels.append((name, imo_number(rng)))
    return tuple(vessels)


@functools.cache
def _tables() -> _Tables:
    return _Tables(load_reference())


@functools.lru_cache(maxsize=16)
def _calendar(start: date, end: date) -> tuple[tuple[str, ...], list[float]]:
    """Every day from start to end (never after today) as YYYY-MM-DD, with cumulative seasonal weights."""
    end = min(end, date.today())
    if end < start:
        raise ValueError(f"no days to draw from: start {start} is after end {end} (or today)")
    days, weights = [], []
    day = start
    while day <= end:
        days.append(day.isoformat())
        # Growth counts from a fixed year, so a day's weight does not depend on the range asked for.
        years = day.year - DEFAULT_START.year + (day.timetuple().tm_yday - 1) / 365.25
        weights.append(YEARLY_GROWTH**years * MONTH_FACTORS[day.month - 1] * WEEKDAY_FACTORS[day.weekday()])
        day += timedelta(days=1)
    return tuple(days), list(accumulate(weights))


@functools.lru_cache(maxsize=16)
def _builder(seed: int, start: date, end: date) -> _CaseBuilder:
    return _CaseBuilder(_tables(), seed, _calendar(start, end))


# ---- identifiers -------------------------------------------------------------------------------------------


def imo_number(rng: random.Random) -> str:
    """A 7-digit IMO ship number with a valid check digit (first six digits weighted 7..2, modulo 10)."""
    first_six = "".join(map(str, [_choice(rng, (9, 9, 9, 8, 7)), *(rng.randrange(10) for _ in range(5))]))
    return first_six + str(imo_check_digit(first_six))


def container_number(rng: random.Random, owner: str) -> str:
    """An ISO 6346 container number of `owner` (4 letters) with its check digit."""
    while True:
        serial = f"{int(rng.random() * 1_000_000):06d}"
        check = container_check_sum(owner + serial)
        if check != 10:  # owners do not issue serials whose check digit would be ambiguous
            return f"{owner}{serial}{check}"


def s10_number(rng: random.Random, service: str, country: str) -> str:
    """A UPU S10 postal item identifier, e.g. RR123456785NL, with its check digit."""
    serial = f"{int(rng.random() * 100_000_000):08d}"
    check = 11 - sum(int(d) * w for d, w in zip(serial, (8, 6, 4, 2, 3, 5, 9, 7), strict=True)) % 11
    check = {10: 0, 11: 5}.get(check, check)
    return f"{service}{serial}{check}{country}"


def air_waybill(rng: random.Random) -> str:
    """An air waybill number: airline prefix, 7-digit serial and its modulo-7 check digit."""
    serial = int(rng.random() * 10_000_000)
    return f"{_choice(rng, AWB_PREFIXES)}-{serial:07d}{serial % 7}"


def plate(rng: random.Random, country: str) -> str:
    layout = PLATES.get(country, GENERIC_PLATE)
    return "".join(
        chr(65 + int(rng.random() * 26)) if c == "L" else str(int(rng.random() * 10)) if c == "9" else c
        for c in layout
    )


# ---- one case ----------------------------------------------------------------------------------------------


def _round_quantity(quantity: float, unit: str) -> float:
    """Counted units are whole (cigarettes by the pack); measured ones keep about three significant digits."""
    if unit == "sticks":
        return float(max(20, round(quantity / 20) * 20))
    if unit in ("pieces", "tablets", "ampoules"):
        return float(max(1, round(quantity)))
    if quantity >= 100:
        return float(round(quantity))
    if quantity >= 1:
        return round(quantity, 1)
    return max(0.001, round(quantity, 3))


_UNIT_WORDS = {"kg": "kg", "g": "g", "l": "litres", "ml": "ml", "m3": "cubic metres", "pieces": "items"}


def _format_goods(
    quantity: float, unit: str, unit_name: str, name: str, nouns: tuple[str, str] | None
) -> str:
    """'1,250 kg of cocaine', '2.5 litres of spirits', '3 items of counterfeit toys', '1 firearm'."""
    number = f"{quantity:,.0f}" if quantity == int(quantity) else f"{quantity:,g}"
    if nouns is not None:
        return f"{number} {nouns[0] if quantity == 1 else nouns[1]}"
    word = _UNIT_WORDS.get(unit) or unit_name.split(" ")[0]
    if quantity == 1 and unit not in ("kg", "g", "ml"):
        word = word.removesuffix("s")
    return f"{number} {word} of {name}"


class _CaseBuilder:
    """Builds the cases of one seed and date range; each block of cases has its own random stream."""

    def __init__(self, tables: _Tables, seed: int, calendar: tuple[tuple[str, ...], list[float]]) -> None:
        self.t = tables
        self.seed = seed
        self.days, self.day_cum = calendar
        self.day_total = self.day_cum[-1]

    def reseed(self, rng: random.Random, index: int) -> None:
        """Start the stream of the block holding case `index`; blocks never depend on each other."""
        rng.seed((self.seed << 40) + index // CASES_PER_STREAM)

    def case(self, index: int, rng: random.Random) -> DemoCase:
        t = self.t
        trade: _Trade = t.trade.pick(rng)
        seizure_date = self.days[bisect(self.day_cum, rng.random() * self.day_total)]
        origin, transits, destination, reporter = self._route(rng, trade)
        ship_key, median = self._shipment(rng, trade, origin, destination, reporter)
        if SHIPMENTS[ship_key].overland:  # a sea or air hub is no stop on a road
            transits = [c for c in transits if t.overland(origin, c)]
        status = t.status.pick(rng)
        external_id = f"{DEMO_EXTERNAL_ID_PREFIX}{index + 1:07d}"
        long_form = rng.random() < LONG_FORM_SHARE
        concealment = trade.concealments[ship_key].pick(rng) if long_form else ""
        median *= CONCEALMENT_SCALES.get(concealment, 1.0)
        line = self._line(rng, trade, median, ship_key, reporter, long_form=long_form)
        if long_form:
            seizure = self._long_form(
                rng, trade, line, ship_key, concealment, origin, transits, destination, reporter
            )
        else:
            seizure = {
                "form": "SEIZURE_FORM_SIMPLIFIED",
                "country": reporter,
                "transport_mode": SHIPMENTS[ship_key].transport_mode,
                "departure_country": origin,
                "destination_country": destination,
                "commodities": [line],
            }
        seizure["seizure_date"] = seizure_date
        seizure["external_id"] = external_id
        return DemoCase(seizure=seizure, status=status, created_by=f"ncp-{reporter.lower()}")

    def _route(self, rng: random.Random, trade: _Trade) -> tuple[str, list[str], str, str]:
        """Departure, transits, destination and the reporting country (always a WCO member)."""
        t = self.t
        origin = trade.origins.pick(rng)
        destination = trade.destinations.pick(rng)
        for _ in range(3):  # a few commodities have countries on both sides of the trade
            if destination != origin:
                break
            destination = trade.destinations.pick(rng)
        transits: list[str] = []
        if trade.transits is not None and rng.random() < 0.4:
            for _ in range(1 if rng.random() < 0.85 else 2):
                stop = trade.transits.pick(rng)
                if stop not in (origin, destination) and stop not in transits:
                    transits.append(stop)
        where = rng.random()
        at_departure = BACKGROUND_SHARE + REPORTED_AT_DEPARTURE + trade.exported_share
        if where < BACKGROUND_SHARE:
            # Any member can seize anything: the case becomes that country's import.
            reporter = t.background.pick(rng)
            if reporter != origin:
                destination = reporter
                transits = [c for c in transits if c != reporter]
        elif where < at_departure:
            reporter = origin
        elif transits and where < at_departure + REPORTED_AT_TRANSIT:
            reporter = transits[0]
        else:
            reporter = destination
        if reporter not in t.members:  # e.g. Taiwan: the goods are reported on arrival elsewhere
            reporter = destination if destination in t.members else t.background.pick(rng)
            if reporter not in (origin, destination, *transits):
                destination = reporter
        if destination == origin:
            destination = reporter if reporter != origin else t.background.pick(rng)
        return origin, transits, destination, reporter

    def _shipment(
        self, rng: random.Random, trade: _Trade, origin: str, destination: str, reporter: str
    ) -> tuple[str, float]:
        """How the goods travel, among the ways the route allows: no trucks across oceans, no ships inland."""
        for _ in range(4):
            key, median = trade.shipments.pick(rng)
            shipment = SHIPMENTS[key]
            if shipment.overland and not self.t.overland(origin, destination):
                continue
            if key == "sea_vessel" and reporter in self.t.landlocked:
                continue
            return key, median
        return trade.fallback

    def _quantity(self, rng: random.Random, trade: _Trade, median: float, ship_key: str) -> float:
        quantity = median * math.exp(SHIPMENTS[ship_key].sigma * rng.gauss(0.0, 1.0))
        # Far below the unit's plausibility limit, however long the log-normal tail.
        return _round_quantity(min(quantity, trade.max_quantity / 10), trade.unit)

    def _line(
        self,
        rng: random.Random,
        trade: _Trade,
        median: float,
        ship_key: str,
        reporter: str,
        *,
        long_form: bool,
    ) -> dict[str, Any]:
        quantity = self._quantity(rng, trade, median, ship_key)
        line: dict[str, Any] = {
            "heading": trade.heading,
            "commodity_type": trade.commodity,
            "quantity": quantity,
            "unit": trade.unit,
        }
        if not long_form:
            return line
        line["hs_code"] = trade.hs_code
        if trade.heading == "currency" or (trade.price and rng.random() < VALUE_SHARE):
            line["currency"], line["estimated_value"] = self._value(rng, trade, quantity, reporter)
        if trade.species is not None:
            line["cites_species"], line["cites_appendix"] = trade.species.pick(rng)
        if trade.heading == "ipr":
            brand = _choice(rng, IPR_BRANDS)
            line["ipr_brand"] = brand
            line["description"] = f"{brand} {_choice(rng, IPR_PRODUCTS[trade.commodity])}"
        elif trade.commodity in DESCRIPTIONS:
            line["description"] = _choice(rng, DESCRIPTIONS[trade.commodity])
        return line

    def _value(self, rng: random.Random, trade: _Trade, quantity: float, reporter: str) -> tuple[str, float]:
        """Estimated value in the reporter's currency (cash: the face value in the notes' own currency)."""
        if trade.commodity == "cash_usd":
            currency, rate = "USD", 1.0
        elif trade.commodity == "cash_eur":
            currency, rate = "EUR", EURO_RATE
        else:
            currency, rate = self.t.currencies.get(reporter, ("USD", 1.0))
        usd = quantity * (trade.price or 1.0) * math.exp(0.3 * rng.gauss(0.0, 1.0))
        return currency, float(min(MAX_VALUE, max(1, round(usd * rate))))

    def _long_form(
        self,
        rng: random.Random,
        trade: _Trade,
        line: dict[str, Any],
        ship_key: str,
        concealment: str,
        origin: str,
        transits: list[str],
        destination: str,
        reporter: str,
    ) -> dict[str, Any]:
        t = self.t
        shipment, place_types, detections = t.shipments[ship_key]
        lines = [line]
        if rng.random() < SECOND_LINE_SHARE_OF_LONG:
            lines.append(self._second_line(rng, trade, ship_key, reporter))
        place_type = place_types.pick(rng)
        if reporter in t.landlocked and place_type in ("seaport", "free_zone"):
            place_type = "inland_office"  # containers of landlocked countries clear at inland terminals
        place_name, locode, place_phrase = self._place(rng, reporter, place_type)
        detection = detections.pick(rng)
        conveyance, conveyance_sentence = self._conveyance(
            rng, shipment.carrier, origin, destination, reporter
        )
        if reporter == origin:
            direction, procedure = "outbound", "export"
        elif reporter in transits:
            direction = "transit"
            procedure = "transhipment" if shipment.transport_mode == "sea" else "transit"
        elif ship_key == "inland":
            direction, procedure = "domestic", ""
        else:
            direction, procedure = "inbound", "import"
        offenders = self._offenders(rng, ship_key, origin, reporter) if shipment.offenders else []
        hiding = CONCEALMENT_PHRASES[concealment].format(cover=_choice(rng, COVER_LOADS[shipment.cover]))
        seizure: dict[str, Any] = {
            "form": "SEIZURE_FORM_LONG",
            "country": reporter,
            "place_type": place_type,
            "place_name": place_name,
            "direction": direction,
            "detection_method": detection,
            "transport_mode": shipment.transport_mode,
            "concealment_method": concealment,
            "concealment_description": hiding[0].upper() + hiding[1:] + ".",
            "departure_country": origin,
            "destination_country": destination,
            "commodities": lines,
        }
        if locode:
            seizure["locode"] = locode
        if procedure:
            seizure["customs_procedure"] = procedure
        if conveyance:
            seizure["conveyance"] = conveyance
        if transits:
            seizure["transit_countries"] = transits
        if offenders:
            seizure["offenders"] = offenders
        opening = _choice(rng, OPENINGS).format(place=place_phrase, country=t.country_names[reporter])
        seizure["narrative"] = " ".join(
            part
            for part in (
                f"{opening} {self._goods(lines)} {hiding}.",
                conveyance_sentence,
                self._route_sentence(origin, transits, destination),
                DETECTION_SENTENCES[detection],
                self._offender_sentence(offenders),
            )
            if part
        )
        return seizure

    def _second_line(self, rng: random.Random, first: _Trade, ship_key: str, reporter: str) -> dict[str, Any]:
        companions = self.t.companions.get(first.heading)
        if companions is not None and rng.random() < COMPANION_SHARE_OTHER_HEADING:
            trade = companions.pick(rng)
        else:
            trade = self.t.same_heading[first.heading].pick(rng)
        if (
            trade.commodity == first.commodity
        ):  # rather than two lines of one type, the cash that came with it
            trade = self.t.trades["cash_usd" if first.commodity == "cash_eur" else "cash_eur"]
        # Its own typical size for this way of travel, else its smallest (it came along with the first).
        median = trade.medians.get(ship_key) or min(trade.medians.values())
        return self._line(rng, trade, median, ship_key, reporter, long_form=True)

    def _place(self, rng: random.Random, country: str, place_type: str) -> tuple[str, str, str]:
        """Place name, UN/LOCODE and how the narrative names the place."""
        known = self.t.places.get((country, place_type))
        if known:
            place_name, locode = known[0] if len(known) == 1 else _choice(rng, known)
            return place_name, locode, place_name
        generic = GENERIC_PLACE_NAMES[place_type]
        return generic, "", f"the {generic.lower()}"

    def _conveyance(
        self, rng: random.Random, carrier: str, origin: str, destination: str, reporter: str
    ) -> tuple[dict[str, str], str]:
        """Identifiers of the means of transport, and the narrative's sentence about it."""
        t = self.t
        if carrier in ("flight", "air_waybill"):
            airlines = t.airlines.get(origin if rng.random() < 0.6 else destination)
            airline = _choice(rng, airlines) if airlines else t.hub_airline.pick(rng)
            flight = f"{airline}{1 + int(rng.random() * (2000 if rng.random() < 0.8 else 9000))}"
            if carrier == "flight":
                return {"flight_number": flight}, f"The traveller was booked on flight {flight}."
            awb = air_waybill(rng)
            return (
                {"flight_number": flight, "waybill_number": awb},
                f"The goods travelled as air cargo on flight {flight} under air waybill {awb}.",
            )
        if carrier == "express":
            waybill = str(1_000_000_000 + int(rng.random() * 9_000_000_000))
            return {"waybill_number": waybill}, f"The express courier shipment had waybill number {waybill}."
        if carrier == "postal":
            item = s10_number(rng, t.postal_service.pick(rng), origin)
            return {"waybill_number": item}, f"The postal item was numbered {item}."
        if carrier in ("container", "vessel"):
            name, imo = _choice(rng, t.fleet)
            vessel = {"vessel_name": name, "vessel_imo": imo}
            if carrier == "vessel":
                return vessel, f"The goods were on board the vessel {name} (IMO {imo})."
            number = container_number(rng, _choice(rng, CONTAINER_OWNERS))
            return (
                vessel | {"container_number": number},
                f"Container {number} was carried by the vessel {name} (IMO {imo}).",
            )
        if carrier in ("truck", "car"):
            registration = plate(rng, origin if rng.random() < 0.7 else reporter)
            kind = "truck" if carrier == "truck" else "car"
            return {"vehicle_plate": registration}, f"The {kind} was registered {registration}."
        if carrier == "train":
            return {}, "The goods travelled on a freight train."
        if carrier == "on_foot":
            return {}, "The traveller crossed the border on foot."
        return {}, "The goods were found at premises checked inland."

    def _offenders(
        self, rng: random.Random, ship_key: str, origin: str, reporter: str
    ) -> list[dict[str, str]]:
        t = self.t
        count = t.offender_count.pick(rng)
        first_role = (
            "driver" if ship_key.startswith("road") else "courier" if rng.random() < 0.8 else "passenger"
        )
        offenders = []
        for n in range(count):
            where = rng.random()
            nationality = origin if where < 0.45 else reporter if where < 0.75 else t.background.pick(rng)
            offenders.append(
                {
                    "nationality": nationality,
                    "gender": t.gender.pick(rng),
                    "age_band": t.age_band.pick(rng),
                    "role": first_role if n == 0 else _choice(rng, OTHER_OFFENDER_ROLES),
                }
            )
        return offenders

    def _goods(self, lines: list[dict[str, Any]]) -> str:
        """'412 kg of cocaine and 2,500 pieces of cash (euro)'."""
        parts = []
        for line in lines:
            trade = self.t.trades[line["commodity_type"]]
            nouns = COUNT_NOUNS.get(trade.commodity)
            parts.append(_format_goods(line["quantity"], trade.unit, trade.unit_name, trade.name, nouns))
        return " and ".join(parts)

    def _route_sentence(self, origin: str, transits: list[str], destination: str) -> str:
        names = self.t.country_names
        via = f" via {' and '.join(names[c] for c in transits)}" if transits else ""
        return f"The goods came from {names[origin]}{via} and were bound for {names[destination]}."

    def _offender_sentence(self, offenders: list[dict[str, str]]) -> str:
        if not offenders:
            return ""
        nationalities = sorted({self.t.country_names[o["nationality"]] for o in offenders})
        who = "suspect was" if len(offenders) == 1 else "suspects were"
        label = "nationality" if len(nationalities) == 1 else "nationalities"
        return f"{NUMBER_WORDS[len(offenders)]} {who} arrested ({label}: {', '.join(nationalities)})."
