"""Deterministic demo pictures for the CPDb: concealment photos and x-ray scans drawn in code, with case details."""

from __future__ import annotations

import functools
import io
import math
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import accumulate

import numpy as np
from cen_core.reference import ReferenceData, load_reference
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

DEMO_KEY_PREFIX = "DEMO-PIC-"
DEFAULT_SEED = 42
XRAY_SHARE = 0.30
# Every 25th picture is a phone photo with GPS coordinates and an orientation tag in its EXIF: the platform must
# strip the location and turn the picture upright, and the demo data should exercise that path.
PHONE_PHOTO_EVERY = 25
PHONE_ORIENTATIONS = (6, 6, 6, 8, 3, 1)  # mostly held upright (portrait, stored sideways)
# Scanner software exports raw 16-bit TIFF for analysts, 8-bit PNG screenshots for everyone else.
TIFF_SHARE_OF_XRAYS = 0.65
# Raw 16-bit scans use a narrow band of the range, as real detectors do: unreadable until windowed.
XRAY_DARK, XRAY_BRIGHT = 20_800, 43_800
XRAY_MIN, XRAY_MAX = 20_000, 45_000
XRAY_ADC_STEP = 16  # a 12-bit detector stored in 16 bits: the low 4 bits are always zero
JPEG_QUALITY = 84
PHOTO_SIZES = ((1024, 768), (960, 720), (1024, 683), (800, 600), (1200, 800))
GRAIN_TILE = 256
PHONE_SIZE = (1024, 768)  # as stored; shown 768 x 1024 when the orientation is 6 or 8
FIRST_DAY, LAST_DAY = datetime(2016, 1, 4, 6, 0), datetime(2026, 9, 30, 18, 0)

Color = tuple[int, int, int]
Fill = int | Color  # RGB for photos, attenuation (0-255) for x-ray layers
Box = tuple[float, float, float, float]

# ---- scenarios --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Goods:
    """How a commodity is counted in a sentence, how it is packed and how it looks in a picture."""

    phrase: str  # "{q} kg of cocaine"
    package: str  # what the packages are called: "bricks"
    per_package: float  # quantity in one package
    look: str  # LOOKS key
    step: float = 1.0  # quantities are rounded to this


GOODS: dict[str, Goods] = {
    "cocaine": Goods("{q} kg of cocaine", "bricks", 1.05, "bricks", 0.1),
    "heroin": Goods("{q} kg of heroin", "packages", 0.5, "bricks", 0.1),
    "cannabis_resin": Goods("{q} kg of cannabis resin", "slabs", 0.25, "slabs", 0.1),
    "cannabis_herbal": Goods("{q} kg of herbal cannabis", "vacuum-sealed bags", 0.5, "vacuum", 0.1),
    "methamphetamine": Goods("{q} kg of methamphetamine", "packages", 1.0, "crystal", 0.1),
    "mdma": Goods("{q} MDMA tablets", "bags", 1000, "pills", 10),
    "tramadol": Goods("{q} tramadol tablets", "blister packs", 10, "blisters", 10),
    "captagon": Goods("{q} captagon tablets", "bags", 2000, "pills", 100),
    "new_psychoactive_substances": Goods("{q} g of synthetic cannabinoids", "pouches", 50, "pouches", 1),
    "cigarettes": Goods("{q} cigarettes", "cartons", 200, "cartons", 200),
    "water_pipe_tobacco": Goods("{q} kg of water-pipe tobacco", "tins", 0.25, "tins", 0.5),
    "fine_cut_tobacco": Goods("{q} kg of fine-cut tobacco", "pouches", 0.05, "pouches", 0.1),
    "heated_tobacco": Goods("{q} heated tobacco sticks", "cartons", 200, "cartons", 200),
    "e_cigarettes": Goods("{q} disposable e-cigarettes", "boxes", 10, "vapes", 10),
    "cash_usd": Goods("USD {q} in cash", "bundles", 10_000, "dollars", 100),
    "cash_eur": Goods("EUR {q} in cash", "bundles", 5_000, "euros", 50),
    "counterfeit_currency": Goods("{q} counterfeit banknotes", "bundles", 100, "euros", 10),
    "ivory": Goods("{q} kg of ivory", "pieces", 2.5, "tusks", 0.1),
    "pangolin_scales": Goods("{q} kg of pangolin scales", "sacks", 25, "scales", 0.5),
    "rhino_horn": Goods("{q} kg of rhinoceros horn", "pieces", 1.2, "horns", 0.1),
    "live_reptiles": Goods("{q} live reptiles", "cloth bags", 1, "cloth_bags", 1),
    "shark_fins": Goods("{q} kg of dried shark fins", "bundles", 2, "fins", 0.5),
    "counterfeit_clothing": Goods("{q} counterfeit garments", "cartons", 50, "boxes", 10),
    "counterfeit_footwear": Goods("{q} pairs of counterfeit trainers", "cartons", 12, "boxes", 1),
    "counterfeit_handbags": Goods("{q} counterfeit handbags", "cartons", 20, "boxes", 1),
    "counterfeit_watches": Goods("{q} counterfeit watches", "pouches", 10, "watches", 1),
    "counterfeit_mobile_phones": Goods("{q} counterfeit mobile phones", "cartons", 20, "phones", 1),
    "counterfeit_pharmaceuticals": Goods("{q} counterfeit tablets", "blister packs", 10, "blisters", 10),
    "counterfeit_spare_parts": Goods("{q} counterfeit brake pads and filters", "boxes", 4, "boxes", 1),
    "firearms": Goods("{q} pistols", "packages", 2, "pistols", 1),
    "firearm_parts": Goods("{q} pistol frames and slides", "parts", 1, "pistols", 1),
    "ammunition": Goods("{q} rounds of ammunition", "boxes", 50, "ammo", 10),
    "vodka": Goods("{q} litres of vodka", "bottles", 0.5, "bottles", 1),
    "spirits": Goods("{q} litres of spirits", "bottles", 0.7, "bottles", 1),
    "whisky": Goods("{q} litres of whisky", "bottles", 0.7, "bottles", 0.1),
    "ephedrine": Goods("{q} kg of ephedrine", "drums", 25, "drums", 5),
    "pseudoephedrine": Goods("{q} kg of pseudoephedrine", "drums", 25, "drums", 5),
    "acetic_anhydride": Goods("{q} litres of acetic anhydride", "drums", 200, "drums", 10),
    "pmk": Goods("{q} litres of PMK", "jerrycans", 20, "drums", 5),
    "gold": Goods("{q} kg of gold", "bars", 1, "gold", 0.1),
    "electronics": Goods("{q} undeclared phones and laptops", "boxes", 1, "phones", 1),
    "cultural_goods": Goods("{q} archaeological objects", "pieces", 1, "artefacts", 1),
    "drones": Goods("{q} drones", "boxes", 1, "phones", 1),
    "e_waste": Goods("{q} kg of electronic waste", "bundles", 20, "phones", 10),
    "r22": Goods("{q} kg of HCFC-22 refrigerant", "cylinders", 13.6, "cylinders", 1),
}


@dataclass(frozen=True)
class Scenario:
    """A concealment that customs officers keep finding: what, how hidden, how carried, where, and the words."""

    heading: str
    commodities: tuple[str, ...]
    concealment: str
    transport: str
    weight: float  # share of all pictures, relative
    scene: str  # PHOTO_SCENES key; the x-ray view follows from it (XRAY_VIEWS)
    amount: tuple[float, float]  # log-uniform quantity range, in the commodity's own terms
    reporters: str  # WCO Members that typically report it
    origins: str  # countries the goods typically come from
    thing: str  # what officers examined: "a 40-foot reefer container"
    short: str  # "container"
    titles: tuple[str, ...]
    hidings: tuple[str, ...]
    detections: tuple[str, ...]
    indicators: tuple[str, ...]
    tags: tuple[str, ...]
    covers: tuple[str, ...] = ("general cargo",)
    xray_share: float = XRAY_SHARE
    packing: tuple[str, float] | None = None  # packages and quantity in one, when not the commodity's usual


_AIR_COURIER_REPORTERS = "NL ES FR GB DE BE IT PT CH BR AR PE ZA NG KE ET AE QA TR IN TH HK AU CA US"
_EU_PORTS = "NL BE ES DE FR GB IT PT"

SCENARIOS: tuple[Scenario, ...] = (
    # ---- drugs ----
    Scenario(
        heading="drugs",
        commodities=("cocaine",),
        concealment="container_rip_on_rip_off",
        transport="sea",
        weight=6,
        scene="container_bags",
        amount=(25, 650),
        reporters=f"{_EU_PORTS} EC CO PA CR DO US",
        origins="EC CO BR PA PE CR DO",
        thing="a 40-foot reefer container",
        short="container",
        titles=(
            "{goods} in sports bags behind the doors of a reefer container",
            "Rip-on/rip-off: {goods} on top of the cover load",
            "Duffel bags with {goods} just inside container doors",
        ),
        hidings=(
            "Sports bags holding {goods} in {n} {packages} had been placed just inside the doors, on top of the cover load of {cover}.",
            "Behind the doors, on top of the {cover}, officers found duffel bags with {n} {packages}: {goods}.",
        ),
        detections=("risk_profiling", "x_ray", "intelligence", "sniffer_dog"),
        indicators=(
            "The door seal had been replaced and its number did not match the bill of lading.",
            "Fresh scratches on the locking bars showed that the doors had been opened after sealing.",
            "The bags were not on the packing list and sat loose on top of a neatly stowed load.",
        ),
        tags=("rip-on rip-off", "container", "sports bags"),
        covers=("bananas", "pineapples", "frozen shrimp", "avocados", "cut flowers"),
        xray_share=0.35,
    ),
    Scenario(
        heading="drugs",
        commodities=("cocaine",),
        concealment="in_cargo",
        transport="sea",
        weight=3,
        scene="container_wall",
        amount=(40, 800),
        reporters=f"{_EU_PORTS} US AU ZA",
        origins="EC CO BR PA",
        thing="a 40-foot dry container",
        short="container",
        titles=(
            "{goods} behind a false front wall of a container",
            "False front wall in a dry container: {goods}",
            "Welded double wall hiding {goods}",
        ),
        hidings=(
            "A false front wall had been welded in about 40 cm from the real one; behind it were {n} {packages} with {goods}.",
            "The front wall was a second, welded panel painted to match; {goods} in {n} {packages} filled the space behind it.",
        ),
        detections=("x_ray", "risk_profiling", "physical_examination"),
        indicators=(
            "The inside of the container was about 40 cm shorter than its outside length.",
            "Fresh welds and new paint on the front wall, with overspray on the floor.",
            "The corrugation of the front wall did not match the container's model.",
        ),
        tags=("false wall", "container", "welding"),
        covers=("tiles", "timber", "plastic granulate"),
        xray_share=0.45,
    ),
    Scenario(
        heading="drugs",
        commodities=("heroin",),
        concealment="in_cargo",
        transport="sea",
        weight=1,
        scene="container_wall",
        amount=(20, 400),
        reporters="NL BE GB DE FR IT TR AE KE TZ ZA",
        origins="PK IR",
        thing="a 40-foot dry container",
        short="container",
        titles=(
            "{goods} behind a false front wall of a container",
            "False front wall in a dry container: {goods}",
            "Welded double wall hiding {goods}",
        ),
        hidings=(
            "A false front wall had been welded in about 40 cm from the real one; behind it were {n} {packages} with {goods}.",
            "The front wall was a second, welded panel painted to match; {goods} in {n} {packages} filled the space behind it.",
        ),
        detections=("x_ray", "risk_profiling", "physical_examination"),
        indicators=(
            "The inside of the container was about 40 cm shorter than its outside length.",
            "Fresh welds and new paint on the front wall, with overspray on the floor.",
            "The corrugation of the front wall did not match the container's model.",
        ),
        tags=("false wall", "container", "welding"),
        covers=("tiles", "timber", "plastic granulate"),
        xray_share=0.45,
    ),
    Scenario(
        heading="drugs",
        commodities=("cocaine",),
        concealment="mixed_with_legitimate_goods",
        transport="sea",
        weight=4,
        scene="fruit_boxes",
        amount=(20, 400),
        reporters=f"{_EU_PORTS} US RU",
        origins="EC CO CR PA DO",
        thing="a reefer container of bananas",
        short="container",
        titles=(
            "{goods} among banana boxes",
            "Fruit boxes holding {goods}",
            "{goods} mixed with a fruit consignment",
        ),
        hidings=(
            "{goods} in {n} {packages} had been packed in the middle of the load, in boxes that looked like the {cover} around them.",
            "Several boxes of {cover} held {n} {packages} instead of fruit: {goods} in all.",
        ),
        detections=("sniffer_dog", "x_ray", "risk_profiling", "intelligence"),
        indicators=(
            "The boxes with the drugs were heavier and their corner stamps differed from the rest.",
            "The shipper had exported fruit for the first time and paid the freight in cash.",
        ),
        tags=("fruit", "reefer", "cover load"),
        covers=("bananas", "pineapples", "mangoes"),
    ),
    Scenario(
        heading="drugs",
        commodities=("cocaine", "heroin", "cannabis_resin"),
        concealment="luggage_false_bottom",
        transport="air",
        weight=4,
        scene="suitcase_false_bottom",
        amount=(1.5, 14),
        reporters=_AIR_COURIER_REPORTERS,
        origins="BR CO PE AR SR NG ZA ET PK",
        thing="a checked-in suitcase",
        short="suitcase",
        titles=(
            "{goods} under the false bottom of a suitcase",
            "False bottom in a hard-shell suitcase: {goods}",
            "Suitcase with a glued false bottom and {goods}",
        ),
        hidings=(
            "Under a glued false bottom officers found {n} flat {packages} with {goods}.",
            "The base of the suitcase had a second panel covered with the original lining; {goods} were hidden between the two.",
        ),
        detections=("x_ray", "risk_profiling", "sniffer_dog"),
        indicators=(
            "The empty suitcase weighed about 3 kg more than the same model in the shop.",
            "Traces of fresh glue along the lining and rivets that did not match.",
            "The ticket was bought in cash two days before departure.",
        ),
        tags=("false bottom", "suitcase", "air passenger"),
        xray_share=0.35,
    ),
    Scenario(
        heading="drugs",
        commodities=("cannabis_herbal",),
        concealment="in_luggage",
        transport="air",
        weight=4,
        scene="suitcase_open",
        amount=(8, 42),
        reporters="GB IE FR DE NL TH CA US AE",
        origins="TH CA US ES",
        thing="two suitcases checked in by a passenger",
        short="suitcase",
        titles=(
            "{goods} in vacuum-sealed bags in a suitcase",
            "Suitcase packed with {goods}",
            "Vacuum bags of {goods} under clothing",
        ),
        hidings=(
            "The suitcases held {n} {packages} with {goods}, covered only by a layer of clothes.",
            "{goods} in {n} {packages} filled both suitcases; a few T-shirts were laid on top.",
        ),
        detections=("risk_profiling", "x_ray", "sniffer_dog"),
        indicators=(
            "The passenger had a one-way ticket, bought the day before, and no hotel booking.",
            "Vacuum sealing hides the smell from people but not from detector dogs.",
        ),
        tags=("cannabis", "suitcase", "vacuum bags"),
    ),
    Scenario(
        heading="drugs",
        commodities=("cocaine",),
        concealment="body_carrier_strapped",
        transport="air",
        weight=2,
        scene="garment",
        amount=(0.8, 4),
        reporters=_AIR_COURIER_REPORTERS,
        origins="BR CO PE VE SR DO",
        thing="the clothing of an arriving passenger",
        short="passenger",
        titles=(
            "{goods} strapped to the body under clothing",
            "Body packer with {goods} taped around the waist",
            "Girdle with {goods} worn under a jacket",
        ),
        hidings=(
            "{goods} in {n} {packages} were taped around the waist and thighs under loose clothes.",
            "A girdle worn under the shirt held {n} {packages} with {goods}.",
        ),
        detections=("risk_profiling", "x_ray", "random_check"),
        indicators=(
            "The passenger wore a thick jacket on a flight from the tropics and walked stiffly.",
            "Nervous behaviour at the control and a short stay abroad.",
        ),
        tags=("body carrier", "strapped", "air passenger"),
        xray_share=0.3,
        packing=("flat packages", 0.25),
    ),
    Scenario(
        heading="drugs",
        commodities=("cocaine", "heroin"),
        concealment="body_carrier_swallowed",
        transport="air",
        weight=2,
        scene="pellets",
        amount=(0.4, 1.4),
        reporters=_AIR_COURIER_REPORTERS,
        origins="BR CO PE SR NG GH ET",
        thing="a passenger suspected of swallowing",
        short="passenger",
        titles=(
            "Swallowed pellets: {goods}",
            "{goods} in ingested capsules",
            "Internal carrier: pellets with {goods}",
        ),
        hidings=(
            "The passenger had swallowed {n} {packages} wrapped in latex, holding {goods}.",
            "A medical scan showed foreign bodies in the abdomen; {n} {packages} with {goods} were recovered under medical supervision.",
        ),
        detections=("risk_profiling", "x_ray"),
        indicators=(
            "The passenger refused food and drink on the flight.",
            "A short round trip with little luggage, paid in cash.",
        ),
        tags=("swallower", "pellets", "body carrier"),
        xray_share=0.4,
        packing=("pellets", 0.011),
    ),
    Scenario(
        heading="drugs",
        commodities=("cannabis_resin", "cocaine", "methamphetamine"),
        concealment="vehicle_built_in_compartment",
        transport="road",
        weight=3.5,
        scene="car_door",
        amount=(3, 60),
        reporters="ES FR DE NL BE PL IT MA MX US TR BG RS",
        origins="MA ES NL MX AL TR",
        thing="a passenger car",
        short="car",
        titles=(
            "{goods} in a built-in compartment behind the door panel",
            "Hidden compartment in a car door: {goods}",
            "{goods} inside the door panels of a passenger car",
        ),
        hidings=(
            "Behind the inner door panels the doors had been hollowed out; {n} {packages} with {goods} were packed inside.",
            "A built-in compartment behind the door trim held {goods} in {n} {packages}.",
        ),
        detections=("sniffer_dog", "risk_profiling", "x_ray", "random_check"),
        indicators=(
            "Tool marks on the door trim clips and new screws in old panels.",
            "The windows could not be lowered all the way.",
            "The car had crossed the border several times in one week.",
        ),
        tags=("car", "door panel", "hidden compartment"),
    ),
    Scenario(
        heading="drugs",
        commodities=("cannabis_resin", "cocaine"),
        concealment="vehicle_natural_void",
        transport="road",
        weight=2,
        scene="spare_tyre",
        amount=(2, 35),
        reporters="ES FR DE NL BE IT PT MA TR GR",
        origins="MA ES NL AL",
        thing="a passenger car",
        short="car",
        titles=(
            "{goods} inside the spare tyre",
            "Spare wheel stuffed with {goods}",
            "Natural void: {goods} in a spare tyre",
        ),
        hidings=(
            "The spare tyre had been cut open and refitted; inside were {n} {packages} with {goods}.",
            "{goods} in {n} {packages} were packed inside the spare wheel, in the space of the air.",
        ),
        detections=("sniffer_dog", "x_ray", "physical_examination"),
        indicators=(
            "The spare tyre sounded dull when knocked and was far too heavy.",
            "A brand-new spare wheel in an old car with worn tyres.",
        ),
        tags=("spare tyre", "car", "natural void"),
    ),
    Scenario(
        heading="drugs",
        commodities=("mdma", "tramadol", "new_psychoactive_substances"),
        concealment="postal_item",
        transport="postal",
        weight=3,
        scene="parcel",
        amount=(200, 20_000),
        reporters="AU NZ GB US CA DE FR NL BE SE FI NO JP NG EG",
        origins="NL BE DE IN CN GB",
        thing="a postal parcel",
        short="parcel",
        titles=(
            "{goods} in a postal parcel",
            "Parcel declared as gifts: {goods}",
            "{goods} sent by post",
        ),
        hidings=(
            "The parcel was declared as gifts; under a layer of {cover} were {n} {packages} with {goods}.",
            "{goods} in {n} {packages} were hidden in the parcel among {cover}.",
        ),
        detections=("x_ray", "risk_profiling", "sniffer_dog"),
        indicators=(
            "The sender's address did not exist and the recipient had received similar parcels before.",
            "The declared value was far too low for the weight.",
        ),
        tags=("postal", "parcel", "tablets"),
        covers=("sweets", "toys", "clothes", "tea"),
    ),
    Scenario(
        heading="drugs",
        commodities=("methamphetamine", "cocaine"),
        concealment="machinery",
        transport="sea",
        weight=2,
        scene="machinery",
        amount=(30, 400),
        reporters="AU NZ JP KR MY PH ID NL BE ZA MX US",
        origins="MX CN IN NL MM",
        thing="an industrial roller shipped as machinery",
        short="roller",
        titles=(
            "{goods} inside an industrial roller",
            "Machinery with a cavity: {goods}",
            "{goods} hidden in heavy machinery",
        ),
        hidings=(
            "The roller had been cut, filled with {goods} in {n} {packages} and welded shut again.",
            "A sealed cavity inside the machine held {goods} in {n} {packages}.",
        ),
        detections=("x_ray", "intelligence", "risk_profiling"),
        indicators=(
            "The machine was second-hand, worth less than the freight, and the importer had no use for it.",
            "Weld seams on a part that is cast in one piece.",
        ),
        tags=("machinery", "container", "welded cavity"),
        xray_share=0.45,
    ),
    Scenario(
        heading="drugs",
        commodities=("captagon",),
        concealment="food_products",
        transport="road",
        weight=2,
        scene="fruit_boxes_pills",
        amount=(20_000, 2_000_000),
        reporters="SA JO AE KW IQ LB TR IT GR",
        origins="SY LB JO",
        thing="a refrigerated truck of produce",
        short="truck",
        titles=(
            "{goods} hidden among produce",
            "Fruit consignment hiding {goods}",
            "{goods} in crates of fruit",
        ),
        hidings=(
            "{goods} in {n} {packages} had been hidden in crates of {cover}.",
            "Crates of {cover} had false floors holding {n} {packages} with {goods}.",
        ),
        detections=("x_ray", "sniffer_dog", "intelligence"),
        indicators=(
            "The crates with tablets were heavier and nailed differently.",
            "The exporter had no history of trading in produce.",
        ),
        tags=("captagon", "food", "truck"),
        covers=("pomegranates", "oranges", "lemons"),
    ),
    # ---- tobacco ----
    Scenario(
        heading="tobacco",
        commodities=("cigarettes",),
        concealment="in_cargo",
        transport="road",
        weight=6,
        scene="trailer_gap",
        amount=(200_000, 9_000_000),
        reporters="PL LT LV DE FR GB IE NL BE RO HU BG FI",
        origins="BY UA RU AE TR MD",
        thing="a curtain-sided truck and trailer",
        short="trailer",
        titles=(
            "{goods} behind a cover load in a trailer",
            "Master cases behind pallets: {goods}",
            "{goods} in a truck declared as furniture",
        ),
        hidings=(
            "Behind two rows of pallets of {cover}, the rest of the trailer held {n} {packages}: {goods}.",
            "{goods} in {n} {packages} were stacked in the front of the trailer, screened by {cover}.",
        ),
        detections=("x_ray", "risk_profiling", "sniffer_dog", "documentary_check"),
        indicators=(
            "The declared weight was far below the weight at the scale.",
            "The cover load was low-value goods for a consignee at a residential address.",
        ),
        tags=("cigarettes", "truck", "cover load"),
        covers=("furniture", "insulation material", "paper towels", "plastic chairs"),
        xray_share=0.4,
    ),
    Scenario(
        heading="tobacco",
        commodities=("cigarettes",),
        concealment="mixed_with_legitimate_goods",
        transport="sea",
        weight=4,
        scene="container_gap",
        amount=(500_000, 10_000_000),
        reporters=f"{_EU_PORTS} IE GR MY AU ZA",
        origins="AE CN VN PA",
        thing="a 40-foot container",
        short="container",
        titles=(
            "{goods} behind legitimate cargo in a container",
            "Container declared as {cover}: {goods}",
            "{goods} mixed with a declared load",
        ),
        hidings=(
            "Only the first rows held the declared {cover}; behind them were {n} {packages} with {goods}.",
            "{goods} in {n} {packages} were mixed in with {cover}.",
        ),
        detections=("x_ray", "risk_profiling", "documentary_check"),
        indicators=(
            "A new importer, a freight forwarder as consignee and a route through a free zone.",
            "The scan image showed a different density behind the first rows.",
        ),
        tags=("cigarettes", "container", "misdeclaration"),
        covers=("tissue paper", "ceramic tiles", "air fresheners", "plastic buckets"),
        xray_share=0.4,
    ),
    Scenario(
        heading="tobacco",
        commodities=("cigarettes",),
        concealment="vehicle_built_in_compartment",
        transport="road",
        weight=2,
        scene="car_door",
        amount=(2_000, 60_000),
        reporters="PL LT LV EE FI RO HU SK",
        origins="BY UA RU MD",
        thing="a van",
        short="van",
        titles=(
            "{goods} in a built-in compartment of a van",
            "Van floor and door panels packed with {goods}",
            "Hidden compartment with {goods}",
        ),
        hidings=(
            "The doors and the floor of the van had been rebuilt into compartments holding {n} {packages}: {goods}.",
            "{goods} were packed in {n} {packages} behind the panels.",
        ),
        detections=("x_ray", "sniffer_dog", "random_check"),
        indicators=(
            "The floor of the van was 8 cm higher than in the standard model.",
            "Non-original screws and sealant around the panels.",
        ),
        tags=("cigarettes", "van", "hidden compartment"),
    ),
    Scenario(
        heading="tobacco",
        commodities=("water_pipe_tobacco", "fine_cut_tobacco"),
        concealment="in_luggage",
        transport="air",
        weight=2,
        scene="suitcase_open",
        amount=(4, 30),
        reporters="DE FR NL GB SE DK NO AU",
        origins="AE TR EG JO",
        thing="the suitcases of a returning traveller",
        short="suitcase",
        titles=(
            "{goods} in checked-in luggage",
            "Suitcase full of {goods}",
            "{goods} over the allowance",
        ),
        hidings=(
            "The suitcases held {n} {packages} with {goods}, far above the duty-free allowance.",
            "Under a layer of clothes were {goods} in {n} {packages}.",
        ),
        detections=("x_ray", "random_check", "risk_profiling"),
        indicators=("The suitcases were full but the traveller had almost no clothes with them.",),
        tags=("tobacco", "suitcase", "allowance"),
    ),
    Scenario(
        heading="tobacco",
        commodities=("e_cigarettes", "heated_tobacco"),
        concealment="postal_item",
        transport="postal",
        weight=2,
        scene="parcel",
        amount=(100, 4_000),
        reporters="AU NZ GB DE FR NL JP SG TH IN",
        origins="CN HK MY",
        thing="a postal parcel",
        short="parcel",
        titles=(
            "{goods} in a parcel declared as phone accessories",
            "Parcel with {goods}",
            "{goods} sent by post",
        ),
        hidings=(
            "The parcel, declared as {cover}, held {n} {packages}: {goods}.",
            "{goods} in {n} {packages} were packed between {cover}.",
        ),
        detections=("x_ray", "risk_profiling", "documentary_check"),
        indicators=("The same recipient had received eleven parcels from different senders in a month.",),
        tags=("e-cigarettes", "postal", "misdeclaration"),
        covers=("phone accessories", "cables", "LED lights"),
    ),
    Scenario(
        heading="tobacco",
        commodities=("cigarettes",),
        concealment="clothing",
        transport="pedestrian",
        weight=2,
        scene="garment",
        amount=(200, 4_000),
        reporters="LT LV PL FI RO HU SK ES",
        origins="BY RU UA MD",
        thing="a pedestrian crossing the border",
        short="traveller",
        titles=(
            "{goods} in a vest under the coat",
            "Vest sewn to carry {goods}",
            "{goods} carried under clothes on foot",
        ),
        hidings=(
            "A home-made vest under the coat had pockets for {n} {packages}: {goods}.",
            "{goods} in {n} {packages} were taped to the body and hidden under a wide coat.",
        ),
        detections=("random_check", "risk_profiling", "physical_examination"),
        indicators=("The traveller crossed the border on foot twice a day and looked unusually bulky.",),
        tags=("cigarettes", "clothing", "pedestrian"),
        xray_share=0.15,
    ),
    # ---- currency ----
    Scenario(
        heading="currency",
        commodities=("cash_eur", "cash_usd"),
        concealment="clothing",
        transport="air",
        weight=3,
        scene="garment",
        amount=(20_000, 400_000),
        reporters=f"{_AIR_COURIER_REPORTERS} DZ MA TN",
        origins="ES NL DE FR AE TR",
        thing="the clothing of a passenger",
        short="passenger",
        titles=(
            "{goods} sewn into a jacket",
            "Jacket lining hiding {goods}",
            "{goods} in the lining of a coat",
        ),
        hidings=(
            "{goods} in {n} {packages} were sewn into the lining of the passenger's jacket.",
            "The passenger carried {goods} in {n} {packages} in a vest worn under the shirt.",
        ),
        detections=("risk_profiling", "sniffer_dog", "x_ray"),
        indicators=(
            "The passenger declared no cash and could not say where the money came from.",
            "Currency detector dogs react to the ink of banknotes.",
        ),
        tags=("cash", "clothing", "money laundering"),
        xray_share=0.2,
    ),
    Scenario(
        heading="currency",
        commodities=("cash_usd", "cash_eur"),
        concealment="luggage_false_bottom",
        transport="air",
        weight=2,
        scene="suitcase_false_bottom",
        amount=(30_000, 600_000),
        reporters=_AIR_COURIER_REPORTERS,
        origins="ES NL DE FR US MX",
        thing="a checked-in suitcase",
        short="suitcase",
        titles=(
            "{goods} under a false bottom",
            "Suitcase base hiding {goods}",
            "{goods} hidden in luggage",
        ),
        hidings=(
            "Under the false bottom of the suitcase were {n} {packages}: {goods}.",
            "{goods} in {n} vacuum-sealed {packages} were hidden in the base of the suitcase.",
        ),
        detections=("x_ray", "sniffer_dog", "risk_profiling"),
        indicators=("The scan showed a layer of even density across the whole base of the suitcase.",),
        tags=("cash", "false bottom", "suitcase"),
        xray_share=0.4,
    ),
    Scenario(
        heading="currency",
        commodities=("cash_eur", "cash_usd"),
        concealment="vehicle_built_in_compartment",
        transport="road",
        weight=2,
        scene="car_door",
        amount=(40_000, 800_000),
        reporters="FR ES DE NL BE IT CH AT MX US",
        origins="NL BE FR DE US",
        thing="a passenger car",
        short="car",
        titles=(
            "{goods} in a hidden compartment of a car",
            "Door panels hiding {goods}",
            "{goods} in the doors of a car",
        ),
        hidings=(
            "{goods} in {n} vacuum-sealed {packages} were packed in compartments behind the door panels.",
            "A compartment behind the door trim held {n} {packages}: {goods}.",
        ),
        detections=("sniffer_dog", "risk_profiling", "intelligence"),
        indicators=("The driver said he was on holiday but had crossed the border four times that month.",),
        tags=("cash", "car", "hidden compartment"),
    ),
    Scenario(
        heading="currency",
        commodities=("counterfeit_currency",),
        concealment="postal_item",
        transport="postal",
        weight=1,
        scene="parcel",
        amount=(50, 2_000),
        reporters="DE FR IT ES NL BE AT US CA",
        origins="CN HK CO NG",
        thing="a postal parcel",
        short="parcel",
        titles=("{goods} in a parcel", "{goods} hidden in {cover}", "{goods} sent by post"),
        hidings=(
            "{goods} were hidden between {cover} in {n} {packages}.",
            "Under {cover} were {n} {packages}: {goods}.",
        ),
        detections=("x_ray", "risk_profiling"),
        indicators=("The notes lacked the watermark and the security thread felt printed.",),
        tags=("counterfeit", "banknotes", "postal"),
        covers=("magazines", "greeting cards", "books"),
    ),
    # ---- CITES ----
    Scenario(
        heading="cites",
        commodities=("ivory",),
        concealment="postal_item",
        transport="postal",
        weight=1.5,
        scene="parcel",
        amount=(0.5, 12),
        reporters="US DE FR BE GB NL CN HK VN TH",
        origins="NG CM CD KE TZ UG MZ",
        thing="a postal parcel",
        short="parcel",
        titles=(
            "{goods} in a parcel declared as handicrafts",
            "Carvings painted to hide {goods}",
            "{goods} hidden among wooden carvings",
        ),
        hidings=(
            "The parcel was declared as wooden handicrafts; {goods} in {n} {packages} were among {cover}.",
            "{goods} in {n} {packages} had been painted brown to look like wood.",
        ),
        detections=("x_ray", "risk_profiling", "sniffer_dog"),
        indicators=(
            "Ivory shows the crossing Schreger lines on cut surfaces, which bone and resin do not.",
            "The declared wooden carvings were far heavier than wood.",
        ),
        tags=("ivory", "cites", "postal"),
        covers=("wooden carvings", "masks", "beads"),
    ),
    Scenario(
        heading="cites",
        commodities=("ivory", "pangolin_scales"),
        concealment="mixed_with_legitimate_goods",
        transport="sea",
        weight=1.5,
        scene="container_gap",
        amount=(100, 4_000),
        reporters="HK CN VN MY SG TH KE TZ NG BE",
        origins="NG CM CD KE TZ UG MZ",
        thing="a container declared as timber",
        short="container",
        titles=(
            "{goods} hidden in a timber shipment",
            "Wildlife in a container: {goods}",
            "{goods} behind sacks of beans",
        ),
        hidings=(
            "{goods} in {n} {packages} were hidden behind {cover} at the front of the container.",
            "Sacks of {cover} screened {n} {packages} with {goods}.",
        ),
        detections=("intelligence", "x_ray", "risk_profiling", "sniffer_dog"),
        indicators=(
            "The route through several transhipment ports did not make sense for the declared goods.",
            "Detector dogs trained on wildlife products indicated at the doors.",
        ),
        tags=("wildlife", "cites", "container"),
        covers=("timber", "cashew nuts", "sesame seeds", "coffee beans"),
    ),
    Scenario(
        heading="cites",
        commodities=("pangolin_scales",),
        concealment="postal_item",
        transport="express_courier",
        weight=1,
        scene="parcel",
        amount=(2, 40),
        reporters="HK CN VN SG MY TH NG",
        origins="NG CM CG",
        thing="an express courier parcel",
        short="parcel",
        titles=("{goods} in a courier parcel", "Courier parcel declared as {cover}: {goods}"),
        hidings=(
            "The parcel was declared as {cover} and held {goods}.",
            "{goods} were packed in plastic bags under a layer of {cover}.",
        ),
        detections=("x_ray", "risk_profiling"),
        indicators=("Pangolin scales show as irregular overlapping flakes on the scan image.",),
        tags=("pangolin", "cites", "express courier"),
        covers=("dried fish", "herbs", "clothes"),
    ),
    Scenario(
        heading="cites",
        commodities=("rhino_horn",),
        concealment="in_luggage",
        transport="air",
        weight=1,
        scene="suitcase_open",
        amount=(1, 18),
        reporters="ZA KE ET QA AE MY VN HK TH",
        origins="ZA MZ NA",
        thing="a checked-in suitcase",
        short="suitcase",
        titles=(
            "{goods} wrapped in foil in a suitcase",
            "Checked luggage with {goods} wrapped in foil",
            "{goods} hidden among clothes",
        ),
        hidings=(
            "{goods} in {n} {packages}, wrapped in aluminium foil and tape, lay among the clothes.",
            "The suitcase held {goods} in {n} {packages}, wrapped to hide their shape.",
        ),
        detections=("x_ray", "sniffer_dog", "risk_profiling"),
        indicators=(
            "Foil wrapping is meant to confuse the scan image; it makes the shape stand out instead.",
        ),
        tags=("rhino horn", "cites", "suitcase"),
    ),
    Scenario(
        heading="cites",
        commodities=("live_reptiles",),
        concealment="in_luggage",
        transport="air",
        weight=1,
        scene="suitcase_open",
        amount=(6, 120),
        reporters="TH MY ID PH AU NZ DE GB US MX",
        origins="TH ID MY MG MX",
        thing="a passenger's suitcase",
        short="suitcase",
        titles=(
            "{goods} in cloth bags in a suitcase",
            "Suitcase with {goods} in cloth bags",
            "{goods} packed in socks and bags",
        ),
        hidings=(
            "{goods} were packed in {n} {packages} and socks inside the suitcase.",
            "The suitcase held {n} {packages}, each tied shut, with {goods} in all.",
        ),
        detections=("x_ray", "random_check"),
        indicators=("Small air holes in the plastic boxes, and a suitcase that moved.",),
        tags=("reptiles", "live animals", "cites"),
    ),
    Scenario(
        heading="cites",
        commodities=("shark_fins",),
        concealment="in_luggage",
        transport="air",
        weight=0.5,
        scene="suitcase_open",
        amount=(10, 80),
        reporters="HK CN SG MY TH AE EC MX",
        origins="EC MX ID",
        thing="two checked-in suitcases",
        short="suitcase",
        titles=("{goods} in passenger luggage", "Suitcases full of {goods}"),
        hidings=("The suitcases were packed with {goods} in {n} {packages}.",),
        detections=("x_ray", "risk_profiling"),
        indicators=("The fins were of protected species and came without CITES permits.",),
        tags=("shark fins", "cites", "suitcase"),
    ),
    # ---- IPR ----
    Scenario(
        heading="ipr",
        commodities=(
            "counterfeit_clothing",
            "counterfeit_footwear",
            "counterfeit_handbags",
            "counterfeit_spare_parts",
        ),
        concealment="mixed_with_legitimate_goods",
        transport="sea",
        weight=4,
        scene="container_gap",
        amount=(300, 40_000),
        reporters=f"{_EU_PORTS} US BR AR SA AE TR EG KE",
        origins="CN HK TR VN",
        thing="a 40-foot container",
        short="container",
        titles=(
            "{goods} behind declared goods in a container",
            "Counterfeits under a misdeclared load: {goods}",
            "{goods} mixed with {cover}",
        ),
        hidings=(
            "Behind rows of {cover}, {n} {packages} held {goods}.",
            "{goods} in {n} {packages} were mixed in with {cover}; the brand labels were packed separately.",
        ),
        detections=("risk_profiling", "documentary_check", "x_ray"),
        indicators=(
            "The logos were in separate boxes, to be sewn on after clearance.",
            "The declared value per kilogram was far below that of branded goods.",
        ),
        tags=("counterfeit", "container", "trademark"),
        covers=("plain T-shirts", "fabric rolls", "plastic buckets"),
        xray_share=0.25,
    ),
    Scenario(
        heading="ipr",
        commodities=("counterfeit_watches", "counterfeit_mobile_phones"),
        concealment="postal_item",
        transport="express_courier",
        weight=2.5,
        scene="parcel",
        amount=(5, 400),
        reporters="DE FR IT ES NL BE US GB AE SA JP KR",
        origins="CN HK TR AE",
        thing="an express courier parcel",
        short="parcel",
        titles=(
            "{goods} in a courier parcel",
            "Parcel declared as {cover}: {goods}",
            "{goods} sent by express courier",
        ),
        hidings=(
            "The parcel was declared as {cover} and held {goods}.",
            "{goods} were wrapped in bubble wrap under a layer of {cover}.",
        ),
        detections=("x_ray", "risk_profiling", "documentary_check"),
        indicators=("The serial numbers on the boxes were all the same.",),
        tags=("counterfeit", "express courier", "trademark"),
        covers=("accessories", "samples", "gifts"),
    ),
    Scenario(
        heading="ipr",
        commodities=("counterfeit_pharmaceuticals",),
        concealment="postal_item",
        transport="postal",
        weight=2,
        scene="parcel",
        amount=(100, 10_000),
        reporters="DE FR NL BE GB IE US AU NG GH KE",
        origins="IN CN HK",
        thing="a postal parcel",
        short="parcel",
        titles=(
            "{goods} in a postal parcel",
            "Fake medicines by post: {goods}",
            "{goods} declared as {cover}",
        ),
        hidings=(
            "The parcel held {goods} in {n} {packages}, declared as {cover}.",
            "{goods} in {n} {packages} were packed between {cover}.",
        ),
        detections=("x_ray", "risk_profiling", "random_check"),
        indicators=("Spelling mistakes on the packs and no batch number.",),
        tags=("counterfeit", "medicines", "postal"),
        covers=("cosmetics", "vitamins", "tea"),
    ),
    # ---- weapons ----
    Scenario(
        heading="weapons",
        commodities=("firearms",),
        concealment="vehicle_built_in_compartment",
        transport="road",
        weight=2.5,
        scene="car_door",
        amount=(2, 14),
        reporters="HR SI AT DE SE NL BE FR IT GR BA RS MK US MX",
        origins="RS BA AL MK US",
        thing="a passenger car",
        short="car",
        titles=(
            "{goods} behind the door panels of a car",
            "Firearms in a hidden compartment: {goods}",
            "{goods} in a car's door cavities",
        ),
        hidings=(
            "Behind the door panels officers found {n} {packages}: {goods}, wrapped in plastic and grease.",
            "{goods} were hidden in a compartment behind the door trim.",
        ),
        detections=("x_ray", "intelligence", "sniffer_dog"),
        indicators=("The door trim clips were broken and the speaker had been removed.",),
        tags=("firearms", "car", "trafficking"),
    ),
    Scenario(
        heading="weapons",
        commodities=("firearm_parts", "ammunition"),
        concealment="postal_item",
        transport="postal",
        weight=1.5,
        scene="parcel",
        amount=(2, 300),
        reporters="GB DE NL SE FR AU CA MX BR",
        origins="US DE AT",
        thing="a postal parcel",
        short="parcel",
        titles=(
            "{goods} in a parcel declared as {cover}",
            "Parcel declared as {cover}: {goods}",
            "{goods} sent by post",
        ),
        hidings=(
            "The parcel was declared as {cover}; it held {goods}.",
            "{goods} were packed inside {cover}.",
        ),
        detections=("x_ray", "risk_profiling"),
        indicators=("Parts sent in several parcels to assemble untraceable firearms.",),
        tags=("firearm parts", "postal", "trafficking"),
        covers=("car parts", "tools", "sports equipment"),
    ),
    Scenario(
        heading="weapons",
        commodities=("firearms",),
        concealment="machinery",
        transport="sea",
        weight=1,
        scene="machinery",
        amount=(4, 120),
        reporters="NG GH CI SN ZA KE LB AE BR",
        origins="US TR",
        thing="machinery shipped in a container",
        short="machine",
        titles=("{goods} inside machinery", "Weapons in a welded cavity: {goods}"),
        hidings=("A cavity welded into the machine held {goods} in {n} {packages}.",),
        detections=("x_ray", "intelligence"),
        indicators=("The scan showed dense, regular shapes in a part that should be solid.",),
        tags=("firearms", "machinery", "container"),
        xray_share=0.5,
    ),
    Scenario(
        heading="weapons",
        commodities=("ammunition",),
        concealment="in_luggage",
        transport="air",
        weight=0.5,
        scene="suitcase_open",
        amount=(50, 800),
        reporters="GB DE FR NL TR AE KE NG",
        origins="US TR",
        thing="a checked-in suitcase",
        short="suitcase",
        titles=("{goods} in checked luggage", "Suitcase with {goods} among clothes"),
        hidings=("{goods} in {n} {packages} were packed among clothes.",),
        detections=("x_ray",),
        indicators=("Cartridges show as small, very dense shapes in neat rows.",),
        tags=("ammunition", "suitcase"),
    ),
    # ---- beverages ----
    Scenario(
        heading="beverages",
        commodities=("vodka", "spirits"),
        concealment="in_cargo",
        transport="road",
        weight=2,
        scene="trailer_gap",
        amount=(1_000, 20_000),
        reporters="FI PL LT LV EE GB FR IE",
        origins="RU BY UA GE",
        thing="a truck and trailer",
        short="trailer",
        titles=("{goods} behind a cover load", "Truck declared as {cover}: {goods}"),
        hidings=("Behind pallets of {cover} were {n} {packages}: {goods}.",),
        detections=("x_ray", "documentary_check"),
        indicators=("The excise documents were copies and the tax stamps were missing.",),
        tags=("alcohol", "truck", "excise"),
        covers=("mineral water", "soft drinks", "glassware"),
    ),
    Scenario(
        heading="beverages",
        commodities=("whisky", "spirits"),
        concealment="vehicle_natural_void",
        transport="road",
        weight=1,
        scene="car_door",
        amount=(10, 200),
        reporters="SA KW QA IR PK BD MY",
        origins="AE OM IQ",
        thing="a passenger car",
        short="car",
        titles=("{goods} in the voids of a car", "Bottles behind the car panels: {goods}"),
        hidings=(
            "{goods} in {n} {packages} were packed behind the panels, under the seats and in the doors.",
        ),
        detections=("x_ray", "random_check"),
        indicators=("The car sat low on its springs.",),
        tags=("alcohol", "car", "prohibited"),
    ),
    # ---- precursors, tax, other, hazardous, ODS ----
    Scenario(
        heading="precursors",
        commodities=("ephedrine", "pseudoephedrine", "acetic_anhydride", "pmk"),
        concealment="mixed_with_legitimate_goods",
        transport="sea",
        weight=2,
        scene="container_gap",
        amount=(200, 8_000),
        reporters="NL BE MX US IN AF PK TR NG ZA",
        origins="CN IN",
        thing="a container of chemicals",
        short="container",
        titles=(
            "{goods} declared as {cover}",
            "Precursor in misdeclared drums: {goods}",
            "{goods} among {cover}",
        ),
        hidings=(
            "{n} {packages} with {goods} stood among drums of {cover}.",
            "The drums were labelled as {cover}; tests showed {goods}.",
        ),
        detections=("intelligence", "documentary_check", "risk_profiling"),
        indicators=("A field test kit gave a different result from the label on the drums.",),
        tags=("precursors", "chemicals", "misdeclaration"),
        covers=("solvents", "cleaning agents", "food additives"),
        xray_share=0.2,
    ),
    Scenario(
        heading="tax_duty",
        commodities=("gold",),
        concealment="body_carrier_strapped",
        transport="air",
        weight=1,
        scene="garment",
        amount=(0.5, 6),
        reporters="IN BD LK NP PK AE SA",
        origins="AE QA SA OM",
        thing="the clothing of an arriving passenger",
        short="passenger",
        titles=("{goods} strapped to the body", "Belt under the shirt with {goods}"),
        hidings=("{goods} in {n} {packages} were carried in a belt under the shirt.",),
        detections=("risk_profiling", "x_ray"),
        indicators=("The metal detector reacted and the passenger declared nothing.",),
        tags=("gold", "smuggling", "body carrier"),
        xray_share=0.3,
    ),
    Scenario(
        heading="tax_duty",
        commodities=("electronics",),
        concealment="in_luggage",
        transport="air",
        weight=1,
        scene="suitcase_open",
        amount=(5, 60),
        reporters="IN NG GH KE BR AR EG",
        origins="AE CN US",
        thing="two suitcases",
        short="suitcase",
        titles=("{goods} in passenger luggage", "Suitcases of {goods}"),
        hidings=("The suitcases held {goods}, still in their boxes.",),
        detections=("x_ray", "random_check"),
        indicators=("Identical new devices in numbers no traveller needs.",),
        tags=("electronics", "undeclared", "suitcase"),
    ),
    Scenario(
        heading="other",
        commodities=("cultural_goods",),
        concealment="in_luggage",
        transport="air",
        weight=0.6,
        scene="suitcase_open",
        amount=(2, 30),
        reporters="FR DE CH GB US IT ES BE",
        origins="IQ SY EG LB PE",
        thing="a checked-in suitcase",
        short="suitcase",
        titles=("{goods} in a suitcase", "Looted antiquities in luggage: {goods}"),
        hidings=("{goods} were wrapped in newspaper and clothes in the suitcase.",),
        detections=("x_ray", "intelligence"),
        indicators=("Traces of soil on the objects and no export licence.",),
        tags=("cultural goods", "antiquities", "suitcase"),
    ),
    Scenario(
        heading="other",
        commodities=("drones",),
        concealment="postal_item",
        transport="express_courier",
        weight=0.5,
        scene="parcel",
        amount=(2, 40),
        reporters="IN PK IR TR RU UA BY",
        origins="CN HK",
        thing="an express courier parcel",
        short="parcel",
        titles=("{goods} in a courier parcel", "Drones declared as {cover}: {goods}"),
        hidings=("The parcel, declared as {cover}, held {goods}.",),
        detections=("x_ray", "documentary_check"),
        indicators=("Drones need a licence in the country of destination.",),
        tags=("drones", "dual use", "express courier"),
        covers=("toys", "spare parts"),
    ),
    Scenario(
        heading="hazardous",
        commodities=("e_waste",),
        concealment="mixed_with_legitimate_goods",
        transport="sea",
        weight=0.8,
        scene="container_gap",
        amount=(2_000, 20_000),
        reporters="GH NG KE NL BE DE HK TH MY",
        origins="GB DE NL US",
        thing="a container declared as used goods",
        short="container",
        titles=("{goods} declared as {cover}", "Used goods screening {goods}"),
        hidings=("Behind a few rows of {cover} the container was filled with {goods}.",),
        detections=("risk_profiling", "documentary_check", "x_ray"),
        indicators=("Broken screens and loose circuit boards: waste, not second-hand goods.",),
        tags=("e-waste", "basel", "container"),
        covers=("used cars", "second-hand furniture"),
    ),
    Scenario(
        heading="ods",
        commodities=("r22",),
        concealment="mixed_with_legitimate_goods",
        transport="road",
        weight=0.8,
        scene="trailer_gap",
        amount=(136, 3_000),
        reporters="PL RO BG HU KZ UZ TH VN MY",
        origins="CN TR",
        thing="a truck and trailer",
        short="trailer",
        titles=("{goods} declared as {cover}", "Cylinders behind a cover load: {goods}"),
        hidings=("{n} {packages} with {goods} stood behind pallets of {cover}.",),
        detections=("documentary_check", "risk_profiling", "x_ray"),
        indicators=("The cylinders were relabelled as an HFC; a gas identifier showed HCFC-22.",),
        tags=("ozone", "refrigerant", "truck"),
        covers=("air conditioners", "spare parts"),
    ),
)

DETECTIONS: dict[str, tuple[str, ...]] = {
    "x_ray": (
        "The scan image showed {anomaly}.",
        "An x-ray scan of the {short} showed {anomaly}, which led to a closer examination.",
    ),
    "sniffer_dog": ("A detector dog indicated on the {short}.", "The {short} was found by a detector dog."),
    "risk_profiling": (
        "The {short} was selected by risk profiling.",
        "Risk analysis of the advance information flagged the {short}.",
    ),
    "intelligence": (
        "The control followed intelligence from a partner administration.",
        "An alert shared through CEN led officers to the {short}.",
    ),
    "physical_examination": ("A physical examination of the {short} found the concealment.",),
    "random_check": ("The {short} was chosen in a random check.",),
    "documentary_check": ("Inconsistencies in the documents led to an examination of the {short}.",),
}
ANOMALIES: dict[str, tuple[str, ...]] = {  # what the scan showed, by PHOTO_SCENES key
    "container_bags": ("loose, dense bags on top of an even load", "dense blocks just inside the doors"),
    "container_wall": (
        "a dense band at the front wall",
        "a container shorter inside than outside, with dense blocks at the end",
    ),
    "container_gap": (
        "an even, dense area that did not match the declared goods",
        "a different density behind the first rows",
    ),
    "fruit_boxes": ("dense blocks among the fruit boxes", "boxes far denser than the fruit around them"),
    "machinery": (
        "dense, regular blocks inside the machine",
        "a cavity filled with packages in a part that should be solid",
    ),
    "trailer_gap": (
        "a dense load behind lighter pallets",
        "regular dense blocks at the front of the trailer",
    ),
    "fruit_boxes_pills": ("crates denser than fruit", "dense layers under the fruit"),
    "car_door": ("dense packages inside the doors", "dense material in spaces that should be empty"),
    "spare_tyre": ("a spare wheel filled with dense material", "dense packages inside the spare tyre"),
    "suitcase_false_bottom": (
        "an even layer of dense material in the base",
        "a base thicker and denser than the shell",
    ),
    "suitcase_open": ("dense packages under the clothes", "organic packages of even density"),
    "parcel": ("dense items that did not match the declaration", "regular shapes unlike the declared goods"),
    "garment": ("dense packages on the body", "even, dense shapes under the clothes"),
    "pellets": ("foreign bodies in the abdomen", "oval, dense shapes in the intestines"),
}
PLACES: dict[str, tuple[str, ...]] = {
    "sea": (
        "Officers examined {thing} at a container terminal in {country}; the shipment came from {origin}.",
        "{Thing}, shipped from {origin}, was examined at a seaport in {country}.",
    ),
    "air": (
        "At an international airport in {country}, officers checked {thing}; the flight came from {origin}.",
        "Officers at an airport in {country} examined {thing} after a flight from {origin}.",
    ),
    "road": (
        "At a land border crossing into {country}, officers stopped {thing} coming from {origin}.",
        "{Thing} coming from {origin} was checked at a road border post of {country}.",
    ),
    "postal": (
        "At the international mail centre in {country}, officers opened {thing} posted in {origin}.",
        "{Thing} from {origin} was examined at the mail processing centre in {country}.",
    ),
    "express_courier": (
        "At an express courier hub in {country}, officers opened {thing} sent from {origin}.",
        "{Thing} from {origin} was held for examination at a courier hub in {country}.",
    ),
    "pedestrian": (
        "At a pedestrian border crossing into {country}, officers searched {thing} coming from {origin}.",
    ),
}
XRAY_TITLE_PREFIXES = ("X-ray image: ", "Scan image: ", "X-ray: ")
DETECTION_TAGS = {"x_ray": "x-ray", "sniffer_dog": "detector dog", "intelligence": "intelligence"}
# Country names that read oddly in a sentence as ISO gives them.
SPOKEN_NAMES = {
    "US": "the United States", "GB": "the United Kingdom", "NL": "the Netherlands", "AE": "the United Arab Emirates",
    "PH": "the Philippines", "DO": "the Dominican Republic", "CD": "the Democratic Republic of the Congo",
    "CG": "the Republic of the Congo", "KR": "the Republic of Korea", "IR": "Iran", "SY": "Syria",
    "VE": "Venezuela", "BO": "Bolivia", "TZ": "Tanzania", "MD": "Moldova", "RU": "Russia", "VN": "Viet Nam",
    "CZ": "the Czech Republic", "LA": "Laos", "PS": "Palestine",
}  # fmt: skip


# ---- the pictures ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoPicture:
    """One demo picture: the details an officer would enter, and the image, drawn only when asked for."""

    key: str  # stable: seeding skips pictures whose key is already stored
    kind: str  # "photo" or "xray"
    title: str
    description: str
    heading: str
    commodity_type: str
    concealment_method: str
    transport_mode: str
    country: str  # the WCO Member that found it
    tags: tuple[str, ...]
    filename: str
    media_type: str
    width: int  # as stored in the file, before any EXIF orientation
    height: int
    scene: str  # what the picture shows: a PHOTO_SCENES key (an x-ray shows its XRAY_VIEWS view)
    look: str  # how the goods look: a LOOKS key
    phone_exif: bool  # carries camera EXIF with GPS coordinates and an orientation tag
    image_seed: int = field(repr=False)

    def image(self) -> bytes:
        """The encoded image (the same bytes every time)."""
        if self.kind == "xray":
            return _xray_bytes(self)
        return _photo_bytes(self)


def generate(count: int, seed: int = DEFAULT_SEED) -> Iterator[DemoPicture]:
    """`count` demo pictures; the same seed gives the same pictures, and a longer run starts with a shorter one."""
    if count < 0:
        raise ValueError("count must not be negative")
    for index in range(count):
        yield demo_picture(index, seed)


def demo_picture(index: int, seed: int = DEFAULT_SEED) -> DemoPicture:
    """Picture number `index` (from 0) of the run with `seed`: each has its own random stream."""
    tables = _tables()
    rng = random.Random(f"cen-cpdb-demo:{seed}:{index}")
    scenario = SCENARIOS[_pick_index(rng, tables.cumulative_weights)]
    commodity = rng.choice(scenario.commodities)
    goods = GOODS[commodity]
    country = rng.choice(tables.reporters[scenario])
    origin = rng.choice([c for c in tables.origins[scenario] if c != country] or tables.origins[scenario])
    phone = index % PHONE_PHOTO_EVERY == 0
    view = XRAY_VIEWS[scenario.scene]
    xray = not phone and rng.random() < scenario.xray_share
    quantity = _amount(rng, scenario.amount, goods.step)
    package, per_package = scenario.packing or (goods.package, goods.per_package)
    exact = per_package == goods.step  # e.g. cartons of 200 cigarettes; bricks and bundles vary
    packages = max(1, round(quantity / per_package * (1.0 if exact else rng.uniform(0.85, 1.15))))
    words = {
        "goods": goods.phrase.format(q=_number(quantity)),
        "n": _number(packages),
        "packages": package if packages > 1 else _singular(package),
        "cover": rng.choice(scenario.covers),
    }
    title = rng.choice(scenario.titles).format(**words)
    title = title[0].upper() + title[1:]
    detection = "x_ray" if xray else rng.choice(scenario.detections)
    if xray:
        title = f"{title} (x-ray image)" if ":" in title else rng.choice(XRAY_TITLE_PREFIXES) + title
    description = _description(rng, scenario, words, detection, tables.spoken[country], tables.spoken[origin])
    tags = list(scenario.tags)
    if detection in DETECTION_TAGS and DETECTION_TAGS[detection] not in tags:
        tags.append(DETECTION_TAGS[detection])
    number = f"{index + 1:06d}"
    if xray:
        tiff = rng.random() < TIFF_SHARE_OF_XRAYS
        width, height = rng.choice(XRAY_SIZES[view])
        media_type = "image/tiff" if tiff else "image/png"
        filename = f"scan_{number}.{'tif' if tiff else 'png'}"
    else:
        width, height = PHONE_SIZE if phone else rng.choice(PHOTO_SIZES)
        media_type = "image/jpeg"
        filename = f"IMG_{rng.randrange(1000, 9999)}.jpg" if phone else f"photo_{number}.jpg"
    return DemoPicture(
        key=f"{DEMO_KEY_PREFIX}{number}",
        kind="xray" if xray else "photo",
        title=title,
        description=description,
        heading=scenario.heading,
        commodity_type=commodity,
        concealment_method=scenario.concealment,
        transport_mode=scenario.transport,
        country=country,
        tags=tuple(tags[:5]),
        filename=filename,
        media_type=media_type,
        width=width,
        height=height,
        scene=scenario.scene,
        look=goods.look,
        phone_exif=phone,
        image_seed=rng.getrandbits(63),
    )


@dataclass(frozen=True)
class _Tables:
    cumulative_weights: tuple[float, ...]
    reporters: dict[Scenario, tuple[str, ...]]
    origins: dict[Scenario, tuple[str, ...]]
    spoken: dict[str, str]
    points: dict[str, tuple[float, float]]


@functools.cache
def _tables() -> _Tables:
    """The scenarios checked against the reference data once: a wrong code is a programming error, not data."""
    ref = load_reference()
    problems = _problems(ref)
    if problems:
        raise ValueError("demo picture scenarios disagree with the reference data: " + "; ".join(problems))
    spoken = {c.code: SPOKEN_NAMES.get(c.code, c.name.split(",")[0]) for c in ref.countries}
    return _Tables(
        cumulative_weights=tuple(accumulate(s.weight for s in SCENARIOS)),
        reporters={s: tuple(s.reporters.split()) for s in SCENARIOS},
        origins={s: tuple(s.origins.split()) for s in SCENARIOS},
        spoken=spoken,
        points={c.code: (c.lat, c.lon) for c in ref.countries},
    )


def _problems(ref: ReferenceData) -> list[str]:
    problems = []
    for s in SCENARIOS:
        heading = ref.heading(s.heading)
        if heading is None:
            problems.append(f"unknown heading {s.heading}")
            continue
        for code in s.commodities:
            commodity = ref.commodity_type(code)
            if commodity is None or commodity.heading != s.heading or code not in GOODS:
                problems.append(f"commodity type {code} is not of heading {s.heading} or has no GOODS entry")
        if not ref.has_term("concealment_methods", s.concealment):
            problems.append(f"unknown concealment method {s.concealment}")
        if not ref.has_term("transport_modes", s.transport) or s.transport not in PLACES:
            problems.append(f"unknown transport mode {s.transport}")
        for code in s.reporters.split():
            country = ref.country(code)
            if country is None or not country.wco_member:
                problems.append(f"reporter {code} is no WCO Member")
        problems += [f"unknown origin {code}" for code in s.origins.split() if ref.country(code) is None]
        if s.scene not in PHOTO_SCENES or s.scene not in XRAY_VIEWS or s.scene not in ANOMALIES:
            problems.append(f"no scene {s.scene}")
    return problems


def _pick_index(rng: random.Random, cumulative: Sequence[float]) -> int:
    x = rng.random() * cumulative[-1]
    return next(i for i, c in enumerate(cumulative) if x < c)


def _amount(rng: random.Random, bounds: tuple[float, float], step: float) -> float:
    """Log-uniform: small seizures are common, big ones rare; three significant digits, a multiple of step."""
    low, high = bounds
    value = math.exp(rng.uniform(math.log(low), math.log(high)))
    value = float(f"{value:.3g}")
    return max(step, round(value / step) * step)


def _number(value: float) -> str:
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):,}"
    return f"{value:,.1f}"


def _singular(noun: str) -> str:
    if noun.endswith("ches") or noun.endswith("xes"):
        return noun[:-2]
    return noun[:-1] if noun.endswith("s") else noun


def _description(
    rng: random.Random, s: Scenario, words: dict[str, str], detection: str, country: str, origin: str
) -> str:
    place = rng.choice(PLACES[s.transport]).format(
        thing=s.thing, Thing=s.thing[0].upper() + s.thing[1:], country=country, origin=origin
    )
    hiding = rng.choice(s.hidings).format(**words)
    anomaly = rng.choice(ANOMALIES[s.scene])
    found = rng.choice(DETECTIONS[detection]).format(short=s.short, anomaly=anomaly)
    sentences = [place, hiding[0].upper() + hiding[1:], found]
    if rng.random() < 0.6:
        sentences.append(rng.choice(s.indicators))
    return " ".join(sentences)


# ---- drawing: shared -----------------------------------------------------------------------------------------

# What the scanner sees of each photo scene.
XRAY_VIEWS = {
    "container_bags": "container", "container_gap": "container", "container_wall": "container",
    "fruit_boxes": "container", "machinery": "container", "trailer_gap": "trailer", "fruit_boxes_pills": "trailer",
    "car_door": "car", "spare_tyre": "car", "suitcase_false_bottom": "bag", "suitcase_open": "bag",
    "parcel": "parcel", "garment": "body", "pellets": "body",
}  # fmt: skip
# Sizes keep a raw 16-bit scan under about 400 KB: the grain of a real detector barely compresses.
XRAY_SIZES = {
    "container": ((1024, 384), (960, 360)),
    "trailer": ((1024, 384), (960, 360)),
    "car": ((896, 448), (800, 400)),
    "bag": ((800, 512), (768, 480)),
    "parcel": ((640, 512), (704, 528)),
    "body": ((384, 768), (416, 800)),
}


def _clamp(v: float) -> int:
    return 0 if v < 0 else 255 if v > 255 else int(v)


def _shade(fill: Fill, delta: float) -> Fill:
    """Lighter (delta > 0) or darker; for an x-ray layer, denser or thinner."""
    if isinstance(fill, int):
        return _clamp(fill + delta)
    return _shade_rgb(fill, delta)


def _shade_rgb(colour: Color, delta: float) -> Color:
    return (_clamp(colour[0] + delta), _clamp(colour[1] + delta), _clamp(colour[2] + delta))


def _vary(fill: Fill, rng: random.Random, amount: float) -> Fill:
    """A slightly different tone of the same fill: no two packages of a load look exactly alike."""
    if isinstance(fill, int):
        return _clamp(fill + rng.uniform(-amount, amount) / 3)
    return _vary_rgb(fill, rng, amount)


def _vary_rgb(colour: Color, rng: random.Random, amount: float) -> Color:
    base = rng.uniform(-amount, amount)
    return (
        _clamp(colour[0] + base + rng.uniform(-4, 4)),
        _clamp(colour[1] + base + rng.uniform(-4, 4)),
        _clamp(colour[2] + base + rng.uniform(-4, 4)),
    )


def _lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def _inset(box: Box, margin: float) -> Box:
    x0, y0, x1, y1 = box
    return (x0 + margin, y0 + margin, x1 - margin, y1 - margin)


def _sub(box: Box, fx0: float, fy0: float, fx1: float, fy1: float) -> Box:
    """Part of a box, in fractions of its width and height."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    return (x0 + fx0 * w, y0 + fy0 * h, x0 + fx1 * w, y0 + fy1 * h)


def _placed(
    points: Sequence[tuple[float, float]],
    cx: float,
    cy: float,
    scale: float,
    angle: float,
    flip: bool = False,
) -> list[tuple[float, float]]:
    """Shape points (around 0,0) scaled, turned by `angle` radians and moved to (cx, cy)."""
    c, s = math.cos(angle), math.sin(angle)
    out = []
    for x, y in points:
        x = -x if flip else x
        out.append((cx + scale * (x * c - y * s), cy + scale * (x * s + y * c)))
    return out


def _rect_points(w: float, h: float) -> list[tuple[float, float]]:
    return [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]


def _ragged(box: Box, rng: random.Random, jitter: float) -> list[tuple[float, float]]:
    """A rectangle with the rough edges of a cut made with a grinder."""
    x0, y0, x1, y1 = box
    points: list[tuple[float, float]] = []
    steps = 9
    for i in range(steps):
        points.append((_lerp(x0, x1, i / steps), y0 + rng.uniform(-jitter, jitter)))
    for i in range(steps):
        points.append((x1 + rng.uniform(-jitter, jitter), _lerp(y0, y1, i / steps)))
    for i in range(steps):
        points.append((_lerp(x1, x0, i / steps), y1 + rng.uniform(-jitter, jitter)))
    for i in range(steps):
        points.append((x0 + rng.uniform(-jitter, jitter), _lerp(y1, y0, i / steps)))
    return points


@functools.cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _random_moment(rng: random.Random) -> datetime:
    span = (LAST_DAY - FIRST_DAY).total_seconds()
    moment = FIRST_DAY + timedelta(seconds=rng.uniform(0, span))
    return moment.replace(hour=rng.randint(6, 21), microsecond=0)


# ---- drawing: the goods --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Look:
    """How one kind of goods is drawn: which painter, how many in a space, colours, and density on a scan."""

    painter: str  # "blocks", "round", "tusks", "pistols", "bottles", "drums", "ammo"
    count: int  # about how many fit in the space given
    aspect: float  # width / height of one item (for round items: size factor)
    colours: tuple[Color, ...]  # one is chosen per picture: all packages of a load look alike
    marks: tuple[Color, ...]  # tape, bands, labels, screens
    mark: str  # what is drawn on each item
    density: int  # attenuation on a scan, 0-255


LOOKS: dict[str, Look] = {
    "bricks": Look("blocks", 14, 1.6, ((28, 28, 30), (150, 112, 70), (196, 176, 64), (226, 224, 214), (60, 92, 60)),
                   ((210, 190, 60), (200, 40, 40), (240, 240, 240), (40, 90, 180)), "tape", 150),
    "slabs": Look("blocks", 22, 1.5, ((92, 70, 40), (70, 54, 36), (120, 96, 60)),
                  ((230, 230, 225), (200, 200, 60)), "stamp", 120),
    "vacuum": Look("blocks", 10, 1.4, ((96, 112, 64), (120, 130, 86), (80, 96, 60)),
                   ((210, 220, 215), (230, 235, 230)), "seal", 70),
    "crystal": Look("blocks", 12, 1.5, ((214, 222, 226), (196, 206, 214), (150, 60, 60)),
                    ((250, 250, 250), (200, 40, 40), (40, 150, 60)), "tape", 130),
    "pouches": Look("blocks", 18, 0.75, ((200, 40, 120), (40, 120, 200), (230, 190, 30), (30, 30, 30)),
                    ((250, 250, 250),), "label", 60),
    "pills": Look("round", 260, 0.55, ((236, 230, 214), (180, 200, 230), (240, 160, 190), (170, 220, 170)),
                  ((220, 228, 232),), "disc", 110),
    "blisters": Look("blocks", 20, 2.2, ((200, 204, 210), (220, 220, 226)), ((250, 250, 250), (200, 60, 60)),
                     "blister", 90),
    "cartons": Look("blocks", 20, 3.6, ((236, 236, 230), (200, 40, 40), (40, 60, 140), (230, 200, 90)),
                    ((200, 40, 40), (220, 190, 60), (40, 60, 140), (30, 30, 30)), "label", 85),
    "tins": Look("round", 30, 0.8, ((200, 60, 60), (60, 120, 60), (230, 190, 40), (80, 40, 110)),
                 ((230, 230, 230),), "lid", 120),
    "vapes": Look("blocks", 30, 0.4, ((60, 200, 220), (240, 110, 160), (250, 200, 60), (150, 90, 230)),
                  ((30, 30, 30), (250, 250, 250)), "label", 140),
    "dollars": Look("blocks", 12, 2.3, ((150, 170, 140), (160, 176, 150)), ((226, 214, 170), (240, 240, 236)),
                    "band", 115),
    "euros": Look("blocks", 12, 2.0, ((210, 150, 90), (100, 150, 200), (220, 130, 170), (150, 170, 120)),
                  ((240, 240, 236), (226, 214, 170)), "band", 115),
    "tusks": Look("tusks", 6, 1.0, ((232, 222, 196), (214, 200, 170), (196, 170, 130)), ((120, 90, 60),), "", 170),
    "horns": Look("tusks", 4, 0.35, ((96, 84, 72), (70, 66, 60), (160, 160, 166)), ((190, 190, 196),), "foil",
                  175),
    "scales": Look("round", 220, 0.6, ((130, 96, 60), (110, 80, 52), (150, 120, 84)), ((80, 56, 36),), "scale",
                   120),
    "fins": Look("round", 40, 1.0, ((176, 160, 130), (150, 140, 120), (196, 180, 150)), ((110, 100, 90),), "fin",
                 80),
    "cloth_bags": Look("round", 10, 1.3, ((226, 222, 210), (200, 190, 170), (180, 200, 210)), ((120, 90, 60),),
                       "bag", 60),
    "boxes": Look("blocks", 12, 1.5, ((176, 138, 92), (236, 236, 236), (40, 40, 44), (190, 60, 50)),
                  ((250, 250, 250), (230, 120, 30), (40, 40, 44)), "logo", 60),
    "watches": Look("round", 40, 0.9, ((60, 60, 66), (200, 170, 90), (190, 190, 196)), ((230, 230, 236),),
                    "watch", 170),
    "phones": Look("blocks", 16, 0.5, ((20, 20, 24), (230, 230, 234), (60, 70, 90)), ((40, 60, 90), (10, 10, 12)),
                   "screen", 160),
    "pistols": Look("pistols", 5, 1.0, ((38, 38, 40), (56, 56, 60), (90, 84, 70)), ((220, 226, 230),), "", 250),
    "ammo": Look("ammo", 60, 0.3, ((196, 160, 70), (176, 140, 60)), ((170, 100, 60),), "", 230),
    "bottles": Look("bottles", 10, 0.3, ((40, 96, 60), (210, 220, 224), (110, 60, 30)),
                    ((240, 236, 220), (200, 40, 40), (30, 30, 30)), "", 110),
    "drums": Look("drums", 5, 0.7, ((40, 80, 160), (230, 230, 226), (30, 30, 32), (200, 120, 30)),
                  ((250, 250, 250),), "ribs", 120),
    "cylinders": Look("drums", 8, 0.45, ((60, 140, 90), (120, 170, 220), (200, 200, 204)), ((230, 230, 230),),
                      "valve", 150),
    "gold": Look("blocks", 10, 1.9, ((212, 170, 60), (224, 186, 80)), ((246, 220, 130),), "shine", 255),
    "artefacts": Look("round", 9, 1.3, ((176, 110, 70), (150, 120, 90), (200, 170, 120)), ((90, 60, 40),), "pot",
                      130),
}  # fmt: skip


@dataclass(frozen=True)
class Ink:
    """The fills of one load: colours in a photo, attenuation values in a scan layer."""

    body: Fill
    edge: Fill
    mark: Fill
    accent: Fill


def _photo_ink(look: Look, rng: random.Random) -> Ink:
    body = rng.choice(look.colours)
    mark = rng.choice(look.marks)
    return Ink(body=body, edge=_shade(body, -45), mark=mark, accent=_shade(mark, -60))


def _scan_ink(look: Look) -> Ink:
    d = look.density
    return Ink(body=d, edge=_clamp(d + 25), mark=_clamp(d + 10), accent=_clamp(d + 60))


def _paint_goods(d: ImageDraw.ImageDraw, box: Box, rng: random.Random, look: Look, ink: Ink) -> None:
    x0, y0, x1, y1 = box
    if x1 - x0 < 4 or y1 - y0 < 4:
        return
    GOODS_PAINTERS[look.painter](d, box, rng, look, ink)


def _item_size(box: Box, count: int, aspect: float) -> tuple[float, float]:
    x0, y0, x1, y1 = box
    h = math.sqrt((x1 - x0) * (y1 - y0) / (count * aspect))
    w = min(h * aspect, (x1 - x0) * 0.95)
    return w, min(h, (y1 - y0) * 0.95)


def _grid(box: Box, w: float, h: float, rng: random.Random, gap: float = 0.06) -> list[tuple[float, float]]:
    """Centres of items stacked in rows, as a load is packed: tight, a little crooked, a few missing."""
    x0, y0, x1, y1 = box
    cols = max(1, int((x1 - x0) / (w * (1 + gap))))
    rows = max(1, int((y1 - y0) / (h * (1 + gap))))
    dx, dy = (x1 - x0) / cols, (y1 - y0) / rows
    centres = []
    for r in range(rows):
        shift = dx * 0.5 * (r % 2) * rng.choice((0, 1))
        for c in range(cols):
            if rng.random() < 0.06:
                continue
            cx = x0 + dx * (c + 0.5) + shift * (0 if c == cols - 1 else 1)
            centres.append(
                (cx + rng.uniform(-0.06, 0.06) * w, y0 + dy * (r + 0.5) + rng.uniform(-0.06, 0.06) * h)
            )
    return centres


def _blocks(d: ImageDraw.ImageDraw, box: Box, rng: random.Random, look: Look, ink: Ink) -> None:
    w, h = _item_size(box, look.count, look.aspect)
    upright = rng.random() < 0.25 and look.mark not in ("band", "label")
    if upright:
        w, h = h, w
    for cx, cy in _grid(box, w, h, rng):
        angle = rng.uniform(-0.07, 0.07)
        body = _vary(ink.body, rng, 14)
        d.polygon(_placed(_rect_points(w, h), cx, cy, 1, angle), fill=body, outline=ink.edge)
        _mark(d, look.mark, cx, cy, w, h, angle, rng, ink)


def _mark(
    d: ImageDraw.ImageDraw,
    mark: str,
    cx: float,
    cy: float,
    w: float,
    h: float,
    angle: float,
    rng: random.Random,
    ink: Ink,
) -> None:
    def poly(points: list[tuple[float, float]], fill: Fill) -> None:
        d.polygon(_placed(points, cx, cy, 1, angle), fill=fill)

    def line(points: list[tuple[float, float]], fill: Fill, width: int) -> None:
        d.line(_placed(points, cx, cy, 1, angle), fill=fill, width=max(1, width))

    if mark == "tape":
        line([(-w / 2, -h / 4), (w / 2, h / 5)], ink.mark, int(h / 9))
        line([(-w / 2, h / 4), (w / 2, -h / 5)], ink.mark, int(h / 9))
        if rng.random() < 0.5:
            r = min(w, h) / 6
            d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=ink.accent)
    elif mark == "stamp":
        r = min(w, h) / 5
        d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=ink.mark, width=max(1, int(r / 3)))
    elif mark == "seal":
        poly(
            [(-w * 0.42, -h * 0.35), (w * 0.2, -h * 0.4), (w * 0.1, -h * 0.3), (-w * 0.4, -h * 0.25)],
            ink.mark,
        )
    elif mark == "band":
        poly(_rect_points(w * 0.14, h), ink.mark)
        for k in (0.3, 0.36, 0.42):
            line([(-w / 2, h * k), (w / 2, h * k)], ink.edge, 1)
    elif mark == "label":
        poly([(-w / 2, -h / 2), (-w / 4, -h / 2), (-w / 4, h / 2), (-w / 2, h / 2)], ink.mark)
        poly([(w * 0.05, -h / 6), (w * 0.35, -h / 6), (w * 0.35, h / 6), (w * 0.05, h / 6)], ink.accent)
    elif mark == "screen":
        poly(_rect_points(w * 0.8, h * 0.82), ink.mark)
    elif mark == "shine":
        poly(_rect_points(w * 0.7, h * 0.5), ink.mark)
    elif mark == "logo":
        poly([(-w / 2, -h * 0.05), (w / 2, -h * 0.05), (w / 2, h * 0.05), (-w / 2, h * 0.05)], ink.edge)
        r = min(w, h) / 7
        d.ellipse((cx - r, cy + h / 5 - r, cx + r, cy + h / 5 + r), fill=ink.mark)
    elif mark == "blister":
        for i in range(5):
            for j in (-1, 1):
                r = min(w / 12, h / 5)
                x, y = _placed([(-w * 0.36 + i * w * 0.18, j * h / 4.5)], cx, cy, 1, angle)[0]
                d.ellipse((x - r, y - r, x + r, y + r), fill=ink.mark, outline=ink.edge)


def _round(d: ImageDraw.ImageDraw, box: Box, rng: random.Random, look: Look, ink: Ink) -> None:
    """Loose items heaped in a space: tablets, scales, bags, pots; more of them towards the bottom."""
    x0, y0, x1, y1 = box
    size = math.sqrt((x1 - x0) * (y1 - y0) / look.count) * look.aspect * 1.6
    if look.mark == "disc":  # tablets lie in clear plastic bags
        for _ in range(rng.randint(1, 3)):
            bx, by = rng.uniform(x0, x1), rng.uniform(y0, y1)
            bw, bh = (x1 - x0) * rng.uniform(0.3, 0.5), (y1 - y0) * rng.uniform(0.3, 0.5)
            d.rounded_rectangle(
                (max(x0, bx - bw), max(y0, by - bh), min(x1, bx + bw), min(y1, by + bh)),
                radius=int(size),
                fill=ink.mark,
            )
    n = int(look.count * rng.uniform(0.7, 1.0))
    for _ in range(n):
        cx = rng.uniform(x0 + size / 2, x1 - size / 2)
        cy = y1 - (y1 - y0) * (rng.random() ** 1.4) + (-size / 2 if rng.random() < 0.5 else 0)
        cy = min(max(cy, y0 + size / 2), y1 - size / 2)
        s = size * rng.uniform(0.8, 1.15)
        body = _vary(ink.body, rng, 16)
        angle = rng.uniform(0, math.pi)
        if look.mark == "disc":
            d.ellipse((cx - s / 2, cy - s / 2, cx + s / 2, cy + s / 2), fill=body, outline=ink.edge)
        elif look.mark == "scale":
            pts = [(-0.5, 0.0), (-0.3, -0.45), (0.3, -0.45), (0.5, 0.0), (0.2, 0.4), (-0.2, 0.4)]
            d.polygon(_placed(pts, cx, cy, s, angle), fill=body, outline=ink.mark)
        elif look.mark == "fin":
            d.polygon(
                _placed([(-0.5, 0.4), (0.5, 0.4), (0.1, -0.6)], cx, cy, s, angle), fill=body, outline=ink.mark
            )
        elif look.mark == "lid":
            d.ellipse((cx - s / 2, cy - s / 2, cx + s / 2, cy + s / 2), fill=body, outline=ink.edge, width=2)
            d.ellipse((cx - s / 3, cy - s / 3, cx + s / 3, cy + s / 3), fill=ink.mark)
        elif look.mark == "watch":
            strap = _placed(_rect_points(0.3, 1.4), cx, cy, s, angle)
            d.polygon(strap, fill=_shade(body, -50))
            d.ellipse((cx - s / 3, cy - s / 3, cx + s / 3, cy + s / 3), fill=body, outline=ink.edge)
            d.ellipse((cx - s / 4.5, cy - s / 4.5, cx + s / 4.5, cy + s / 4.5), fill=ink.mark)
        elif look.mark == "bag":
            d.ellipse((cx - s / 2, cy - s / 2.6, cx + s / 2, cy + s / 2.6), fill=body, outline=ink.edge)
            d.line(
                [(cx + s / 2.4, cy - s / 6), (cx + s / 1.6, cy - s / 3)],
                fill=ink.mark,
                width=max(1, int(s / 14)),
            )
        else:  # "pot": an archaeological vessel or figure
            d.ellipse((cx - s / 2.4, cy - s / 3, cx + s / 2.4, cy + s / 2.2), fill=body, outline=ink.edge)
            d.rectangle((cx - s / 7, cy - s / 1.8, cx + s / 7, cy - s / 4), fill=_shade(body, -10))
            d.line(
                [(cx - s / 3, cy + s / 8), (cx + s / 3, cy + s / 8)], fill=ink.mark, width=max(1, int(s / 20))
            )


def _tusks(d: ImageDraw.ImageDraw, box: Box, rng: random.Random, look: Look, ink: Ink) -> None:
    """Curved tusks or tusk pieces (thin, long) and horns (short cones)."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    n = rng.randint(max(1, look.count - 2), look.count)
    for i in range(n):
        length = w * rng.uniform(0.45, 0.85) if look.aspect > 0.5 else min(w, h) * rng.uniform(0.3, 0.5)
        base = length * (0.13 if look.aspect > 0.5 else 0.55) * rng.uniform(0.85, 1.15)
        bend = rng.uniform(0.12, 0.3) * (1 if rng.random() < 0.5 else -1)
        upper, lower = [], []
        for k in range(13):
            t = k / 12
            x, y = length * t, length * bend * t * t
            half = base / 2 * (1 - t) ** 0.75 + 0.5
            upper.append((x, y - half))
            lower.append((x, y + half))
        pts = upper + lower[::-1]
        pts = [(x - length / 2, y) for x, y in pts]
        cx = rng.uniform(x0 + length / 2, max(x0 + length / 2 + 1, x1 - length / 2))
        cy = y0 + h * (i + 0.5) / n + rng.uniform(-0.05, 0.05) * h
        shape = _placed(pts, cx, cy, 1, rng.uniform(-0.25, 0.25), flip=rng.random() < 0.5)
        d.polygon(shape, fill=_vary(ink.body, rng, 10), outline=ink.edge)
        if look.mark == "foil":
            d.line(shape[:13], fill=ink.mark, width=max(1, int(base / 8)))


PISTOL = [
    (-0.5, -0.3), (0.5, -0.3), (0.5, -0.1), (-0.08, -0.1), (-0.08, -0.04), (-0.14, 0.06), (-0.2, 0.06),
    (-0.2, -0.04), (-0.22, -0.04), (-0.26, 0.42), (-0.48, 0.42), (-0.44, -0.04), (-0.5, -0.1),
]  # fmt: skip


def _pistols(d: ImageDraw.ImageDraw, box: Box, rng: random.Random, look: Look, ink: Ink) -> None:
    w, h = _item_size(box, look.count, 1.3)
    size = min(w, h * 1.3)
    for cx, cy in _grid(box, size, size * 0.8, rng, gap=0.15):
        angle = rng.uniform(-0.4, 0.4)
        flip = rng.random() < 0.5
        if rng.random() < 0.5:  # wrapped in cling film
            d.polygon(
                _placed(_rect_points(1.15, 0.9), cx, cy + size * 0.05, size, angle),
                fill=_shade(ink.mark, -40),
            )
        d.polygon(_placed(PISTOL, cx, cy, size, angle, flip), fill=_vary(ink.body, rng, 6), outline=ink.edge)


def _ammo(d: ImageDraw.ImageDraw, box: Box, rng: random.Random, look: Look, ink: Ink) -> None:
    """Cartridges standing in rows, as in an opened ammunition box."""
    w, h = _item_size(box, look.count, look.aspect)
    for cx, cy in _grid(box, w, h, rng, gap=0.25):
        d.rectangle(
            (cx - w / 2, cy - h / 4, cx + w / 2, cy + h / 2), fill=_vary(ink.body, rng, 10), outline=ink.edge
        )
        d.polygon([(cx - w / 2, cy - h / 4), (cx + w / 2, cy - h / 4), (cx, cy - h / 2)], fill=ink.mark)


def _bottles(d: ImageDraw.ImageDraw, box: Box, rng: random.Random, look: Look, ink: Ink) -> None:
    w, h = _item_size(box, look.count, look.aspect)
    for cx, cy in _grid(box, w, h, rng, gap=0.12):
        body = _vary(ink.body, rng, 8)
        d.rounded_rectangle((cx - w / 2, cy - h * 0.15, cx + w / 2, cy + h / 2), radius=int(w / 5), fill=body)
        d.polygon(
            [
                (cx - w / 2, cy - h * 0.1),
                (cx + w / 2, cy - h * 0.1),
                (cx + w / 6, cy - h * 0.3),
                (cx - w / 6, cy - h * 0.3),
            ],
            fill=body,
        )
        d.rectangle((cx - w / 6, cy - h / 2, cx + w / 6, cy - h * 0.28), fill=body)
        d.rectangle((cx - w / 5, cy - h / 2, cx + w / 5, cy - h * 0.44), fill=ink.accent)
        d.rectangle((cx - w / 2.3, cy + h * 0.02, cx + w / 2.3, cy + h * 0.3), fill=ink.mark)


def _drums(d: ImageDraw.ImageDraw, box: Box, rng: random.Random, look: Look, ink: Ink) -> None:
    """Drums or gas cylinders standing side by side, seen from the front."""
    w, h = _item_size(box, look.count, look.aspect)
    for cx, cy in _grid(box, w, h, rng, gap=0.08):
        body = _vary(ink.body, rng, 10)
        top = cy - h / 2
        if look.mark == "valve":
            d.rounded_rectangle(
                (cx - w / 2, top + h * 0.1, cx + w / 2, cy + h / 2),
                radius=int(w / 3),
                fill=body,
                outline=ink.edge,
            )
            d.rectangle((cx - w / 8, top, cx + w / 8, top + h * 0.12), fill=ink.mark)
            d.rectangle((cx - w / 4, top, cx + w / 4, top + h * 0.04), fill=_shade(ink.mark, -80))
        else:
            d.rectangle((cx - w / 2, top + h * 0.08, cx + w / 2, cy + h / 2), fill=body, outline=ink.edge)
            d.ellipse((cx - w / 2, top, cx + w / 2, top + h * 0.16), fill=_shade(body, 25), outline=ink.edge)
            for k in (0.38, 0.68):
                d.line(
                    [(cx - w / 2, top + h * k), (cx + w / 2, top + h * k)],
                    fill=ink.edge,
                    width=max(1, int(h / 40)),
                )
            d.rectangle((cx - w / 4, top + h * 0.45, cx + w / 6, top + h * 0.6), fill=ink.mark)


GOODS_PAINTERS: dict[str, Callable[[ImageDraw.ImageDraw, Box, random.Random, Look, Ink], None]] = {
    "blocks": _blocks,
    "round": _round,
    "tusks": _tusks,
    "pistols": _pistols,
    "ammo": _ammo,
    "bottles": _bottles,
    "drums": _drums,
}


# ---- drawing: photos -----------------------------------------------------------------------------------------

TABLE_TOPS = (
    (150, 152, 156),
    (120, 122, 128),
    (170, 150, 120),
    (96, 100, 108),
    (186, 184, 178),
    (130, 110, 86),
)
FLOORS = ((90, 92, 96), (70, 72, 76), (120, 116, 108), (60, 64, 70), (104, 98, 90))
SHELLS = ((30, 34, 42), (40, 54, 96), (124, 26, 34), (22, 92, 98), (92, 92, 98), (74, 42, 96), (156, 114, 44))
LININGS = ((150, 150, 160), (92, 72, 112), (64, 64, 74), (172, 152, 122), (112, 34, 44), (50, 70, 110))
CLOTHES = (
    (206, 206, 210), (42, 62, 124), (152, 32, 42), (62, 112, 62), (222, 202, 162), (32, 32, 38), (202, 122, 42),
    (102, 102, 112), (240, 240, 234), (96, 140, 190),
)  # fmt: skip
CONTAINER_PAINTS = (
    (168, 42, 32),
    (30, 82, 142),
    (42, 112, 72),
    (204, 122, 32),
    (122, 122, 126),
    (92, 62, 42),
)
CAR_PAINTS = ((200, 200, 204), (30, 30, 34), (140, 20, 26), (40, 70, 130), (90, 96, 100), (230, 230, 226))
CARDBOARD = ((176, 136, 90), (190, 152, 104), (160, 124, 82))
FRUIT = {"bananas": ((226, 200, 60), (190, 200, 70)), "oranges": ((236, 140, 30), (230, 120, 20)),
         "pomegranates": ((170, 30, 40), (150, 40, 50)), "pineapples": ((190, 140, 60), (170, 120, 50))}  # fmt: skip


def _backdrop(size: tuple[int, int], rng: random.Random, base: Color, spread: float = 26) -> Image.Image:
    """A surface under a lamp: random tones blended smoothly, darker away from where the light falls."""
    lx, ly = rng.uniform(0.2, 0.8), rng.uniform(0.1, 0.6)
    falloff = rng.uniform(0.35, 0.6)
    tones = [_vary_rgb(base, rng, spread) for _ in range(12)]
    ys, xs = np.mgrid[0:12, 0:16]
    light = 1.08 - falloff * np.hypot(xs / 15 - lx, (ys / 11 - ly) * 0.8) ** 2
    small = Image.new("RGB", (4, 3))
    small.putdata(tones)
    field = np.asarray(small.resize((16, 12), Image.Resampling.BILINEAR), np.float32)
    lit = np.clip(field * np.clip(light, 0.47, 1.0)[..., None], 0, 255).astype(np.uint8)
    return _enlarge(Image.fromarray(lit), size)


def _enlarge(small: Image.Image, size: tuple[int, int]) -> Image.Image:
    """A smooth field at full size: blended to a quarter, then blown up (blending at full size costs more than
    the whole scene, and the blocks are invisible under the grain)."""
    quarter = (max(1, size[0] // 4), max(1, size[1] // 4))
    return small.resize(quarter, Image.Resampling.BILINEAR).resize(size, Image.Resampling.NEAREST)


def _shadow(
    img: Image.Image, shapes: Sequence[Sequence[tuple[float, float]]], offset: float, strength: int
) -> None:
    """A soft shadow under the shapes: drawn small, blurred, enlarged, and only over the part of the picture it
    covers (blurring or pasting the full picture would cost more than drawing the scene)."""
    w, h = img.size
    points = [(x + offset, y + offset) for shape in shapes for x, y in shape]
    pad = offset * 2
    x0, y0 = max(0, int(min(x for x, _ in points) - pad)), max(0, int(min(y for _, y in points) - pad))
    x1, y1 = (
        min(w, int(max(x for x, _ in points) + pad) + 1),
        min(h, int(max(y for _, y in points) + pad) + 1),
    )
    if x1 - x0 < 2 or y1 - y0 < 2:
        return
    f = 8
    mask = Image.new("L", ((x1 - x0) // f + 1, (y1 - y0) // f + 1), 0)
    md = ImageDraw.Draw(mask)
    for shape in shapes:
        md.polygon([((x + offset - x0) / f, (y + offset - y0) / f) for x, y in shape], fill=strength)
    mask = _enlarge(mask.filter(ImageFilter.BoxBlur(max(1, offset / f))), (x1 - x0, y1 - y0))
    img.paste((0, 0, 0), (x0, y0, x1, y1), mask)


def _box_points(box: Box) -> list[tuple[float, float]]:
    x0, y0, x1, y1 = box
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def _clothes(d: ImageDraw.ImageDraw, box: Box, rng: random.Random, n: int) -> None:
    """Folded garments: a soft block of colour with a fold line or two."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    for _ in range(n):
        cw, ch = w * rng.uniform(0.45, 0.9), h * rng.uniform(0.2, 0.45)
        cx, cy = rng.uniform(x0, x1 - cw), rng.uniform(y0, y1 - ch)
        colour = rng.choice(CLOTHES)
        d.rounded_rectangle(
            (cx, cy, cx + cw, cy + ch), radius=int(min(cw, ch) / 5), fill=colour, outline=_shade(colour, -30)
        )
        for _ in range(rng.randint(1, 2)):
            fy = cy + ch * rng.uniform(0.25, 0.75)
            d.line(
                [(cx + cw * 0.05, fy), (cx + cw * 0.95, fy + rng.uniform(-4, 4))],
                fill=_shade(colour, -22),
                width=2,
            )


def _suitcase(size: tuple[int, int], rng: random.Random, look: Look, false_bottom: bool) -> Image.Image:
    w, h = size
    img = _backdrop(size, rng, rng.choice(TABLE_TOPS))
    shell, lining = rng.choice(SHELLS), rng.choice(LININGS)
    cw, ch = w * rng.uniform(0.76, 0.9), h * rng.uniform(0.58, 0.74)
    x0, y0 = rng.uniform(0.03 * w, w * 0.97 - cw), rng.uniform(0.05 * h, h * 0.9 - ch)
    half = cw * 0.49
    left, right = (x0, y0, x0 + half, y0 + ch), (x0 + cw - half, y0, x0 + cw, y0 + ch)
    lid, base = (left, right) if rng.random() < 0.5 else (right, left)
    _shadow(img, [_box_points(lid), _box_points(base)], min(w, h) * 0.025, 150)
    d = ImageDraw.Draw(img)
    radius = int(min(w, h) * 0.04)
    m = min(w, h) * 0.022
    for part in (lid, base):
        d.rounded_rectangle(part, radius, fill=shell, outline=_shade(shell, -25), width=3)
        d.rounded_rectangle(_inset(part, m * 0.45), radius, outline=_shade(shell, 30), width=2)  # zip
    lid_in, base_in = _inset(lid, m), _inset(base, m)
    d.rounded_rectangle(lid_in, radius // 2, fill=lining)
    d.rounded_rectangle(base_in, radius // 2, fill=_shade(lining, -18))
    _clothes(d, _inset(lid_in, m), rng, rng.randint(2, 4))
    ink = _photo_ink(look, rng)
    if false_bottom:
        cavity = _inset(base_in, m * 0.5)
        d.rectangle(cavity, fill=(44, 38, 34))
        _paint_goods(d, _inset(cavity, m * 0.4), rng, look, ink)
        # The false bottom, prised up along one side: a board still covering part of the cavity.
        cx0, cy0, cx1, cy1 = cavity
        t = rng.uniform(0.3, 0.55)
        board = (150, 124, 92) if rng.random() < 0.5 else _shade(lining, -5)
        if rng.random() < 0.5:
            edge = cy0 + t * (cy1 - cy0)
            shape = [
                (cx0 - m * 0.3, cy0 - m * 0.3),
                (cx1 + m * 0.3, cy0 - m * 0.3),
                (cx1 + m, edge),
                (cx0 - m, edge),
            ]
            lip = [(cx0 - m, edge), (cx1 + m, edge), (cx1 + m, edge + m * 0.5), (cx0 - m, edge + m * 0.5)]
        else:
            edge = cx0 + t * (cx1 - cx0)
            shape = [
                (cx0 - m * 0.3, cy0 - m * 0.3),
                (edge, cy0 - m),
                (edge, cy1 + m),
                (cx0 - m * 0.3, cy1 + m * 0.3),
            ]
            lip = [(edge, cy0 - m), (edge + m * 0.5, cy0 - m), (edge + m * 0.5, cy1 + m), (edge, cy1 + m)]
        _shadow(img, [shape], m * 0.8, 120)
        d = ImageDraw.Draw(img)
        d.polygon(shape, fill=board, outline=_shade(board, -40))
        d.polygon(lip, fill=_shade(board, 30))
    else:
        _clothes(d, _inset(base_in, m), rng, rng.randint(1, 2))
        gx0, gy0, gx1, gy1 = _inset(base_in, m)
        split = rng.uniform(0.4, 0.65)
        goods_box = (
            (gx0, gy0 + (gy1 - gy0) * (1 - split), gx1, gy1)
            if rng.random() < 0.5
            else (gx0, gy0, gx1, gy0 + (gy1 - gy0) * split)
        )
        _paint_goods(d, goods_box, rng, look, ink)
        _clothes(d, (gx0, gy0, gx1, gy1), rng, 1)
    return img


def _cargo_space(
    size: tuple[int, int], rng: random.Random, look: Look, container: bool, front: str
) -> Image.Image:
    """Looking into an opened container or trailer: walls in perspective, the load, the goods."""
    w, h = size
    img = _backdrop(size, rng, rng.choice(FLOORS), 20)
    d = ImageDraw.Draw(img)
    paint = rng.choice(CONTAINER_PAINTS) if container else (212, 212, 206)
    fx0, fx1 = w * rng.uniform(0.07, 0.15), w * (1 - rng.uniform(0.07, 0.15))
    fy0, fy1 = h * rng.uniform(0.03, 0.09), h * rng.uniform(0.84, 0.93)
    vx = (fx0 + fx1) / 2 + w * rng.uniform(-0.1, 0.1)
    vy = (fy0 + fy1) / 2 + h * rng.uniform(-0.06, 0.04)
    depth = rng.uniform(0.55, 0.7)

    def at(t: float) -> Box:
        k = t * depth
        return (_lerp(fx0, vx, k), _lerp(fy0, vy, k), _lerp(fx1, vx, k), _lerp(fy1, vy, k))

    inside = _shade(paint, 20) if container else (226, 226, 220)
    bx0, by0, bx1, by1 = at(1)
    d.rectangle((0, 0, w, fy0 + 2), fill=_shade(paint, -20))
    for door_x0, door_x1 in ((0, fx0), (fx1, w)):  # the opened doors, seen edge-on
        d.rectangle((door_x0, 0, door_x1, h), fill=paint)
        for k in range(1, 4):
            x = _lerp(door_x0, door_x1, k / 4)
            d.line([(x, 0), (x, h)], fill=_shade(paint, -40), width=max(2, int(w / 300)))
    d.polygon([(fx0, fy0), (fx1, fy0), (bx1, by0), (bx0, by0)], fill=_shade(inside, -10))  # roof
    d.polygon([(fx0, fy0), (bx0, by0), (bx0, by1), (fx0, fy1)], fill=_shade(inside, -25))
    d.polygon([(fx1, fy0), (bx1, by0), (bx1, by1), (fx1, fy1)], fill=_shade(inside, -35))
    d.polygon(
        [(fx0, fy1), (fx1, fy1), (bx1, by1), (bx0, by1)], fill=(118, 84, 54) if container else (70, 70, 74)
    )
    d.rectangle((bx0, by0, bx1, by1), fill=_shade(inside, -55))
    if container:  # corrugation of the side walls
        for k in range(1, 14):
            t = k / 14
            x0_, y0_, x1_, y1_ = at(t)
            d.line([(x0_, y0_), (x0_, y1_)], fill=_shade(inside, -50), width=2)
            d.line([(x1_, y0_), (x1_, y1_)], fill=_shade(inside, -60), width=2)
    # The declared load: a wall of cartons or pallets part of the way in.
    cover_t = rng.uniform(0.35, 0.6) if front == "bags" else rng.uniform(0.2, 0.4)
    cover = at(cover_t)
    top = _lerp(cover[3], cover[1], rng.uniform(0.7, 0.95))
    load = (cover[0], top, cover[2], cover[3])
    carton = rng.choice(CARDBOARD)
    cols, rows = rng.randint(4, 7), rng.randint(3, 5)
    cell_w, cell_h = (load[2] - load[0]) / cols, (load[3] - load[1]) / rows
    for r in range(rows):
        for c in range(cols):
            cell = (
                load[0] + c * cell_w,
                load[1] + r * cell_h,
                load[0] + (c + 1) * cell_w,
                load[1] + (r + 1) * cell_h,
            )
            fill = _vary(carton, rng, 12)
            d.rectangle(cell, fill=fill, outline=_shade(fill, -45), width=2)
            d.line(
                [(cell[0], (cell[1] + cell[3]) / 2), (cell[2], (cell[1] + cell[3]) / 2)],
                fill=_shade(fill, 18),
                width=max(2, int(cell_h / 10)),
            )
    ink = _photo_ink(look, rng)
    if front == "bags":
        # Sports bags thrown in on top of the load, one opened on the floor in front.
        fl = at(0.12)
        for _ in range(rng.randint(2, 4)):
            bw = (load[2] - load[0]) * rng.uniform(0.22, 0.32)
            bx = rng.uniform(load[0], load[2] - bw)
            bag = (bx, load[1] - bw * 0.4, bx + bw, load[1] + bw * 0.05)
            colour = rng.choice(((24, 24, 28), (30, 50, 110), (150, 30, 30), (40, 90, 60)))
            d.rounded_rectangle(bag, radius=int(bw / 6), fill=colour, outline=_shade(colour, -20))
            d.line(
                [(bag[0] + bw * 0.1, bag[1] + bw * 0.08), (bag[2] - bw * 0.1, bag[1] + bw * 0.08)],
                fill=(170, 170, 170),
                width=2,
            )
        bw = (fl[2] - fl[0]) * rng.uniform(0.38, 0.5)
        bx = rng.uniform(fl[0], fl[2] - bw)
        bag = (bx, fl[3] - bw * 0.5, bx + bw, fl[3] - bw * 0.02)
        colour = rng.choice(((24, 24, 28), (30, 50, 110), (150, 30, 30)))
        _shadow(img, [_box_points(bag)], bw * 0.04, 140)
        d = ImageDraw.Draw(img)
        d.rounded_rectangle(bag, radius=int(bw / 7), fill=colour)
        opening = _inset(bag, bw * 0.06)
        d.rectangle(opening, fill=_shade(colour, -15))
        _paint_goods(d, opening, rng, look, ink)
    else:
        # Part of the cover load removed: the goods behind it.
        gx0 = _lerp(load[0], load[2], rng.uniform(0.05, 0.4))
        gx1 = min(load[2], gx0 + (load[2] - load[0]) * rng.uniform(0.4, 0.6))
        gap = (gx0, _lerp(load[1], load[3], rng.uniform(0.0, 0.3)), gx1, load[3])
        d.rectangle(gap, fill=(36, 34, 32))
        _paint_goods(d, _inset(gap, 3), rng, look, ink)
        fl = at(0.05)
        for _ in range(rng.randint(2, 4)):  # removed cartons on the floor
            cw = cell_w * 1.6
            cx = rng.uniform(fl[0], fl[2] - cw)
            cy = fl[3] - cw * rng.uniform(0.5, 0.9)
            fill = _vary(carton, rng, 12)
            d.rectangle((cx, cy, cx + cw, cy + cw * 0.6), fill=fill, outline=_shade(fill, -45), width=2)
    return img


def _container_wall(size: tuple[int, int], rng: random.Random, look: Look) -> Image.Image:
    """The front wall of a container, cut open: the space behind a false wall."""
    w, h = size
    paint = _shade_rgb(rng.choice(CONTAINER_PAINTS), 25)
    img = _backdrop(size, rng, paint, 18)
    d = ImageDraw.Draw(img)
    pitch = w / rng.uniform(6, 9)
    x = -rng.uniform(0, pitch)
    floor = h * rng.uniform(0.8, 0.9)
    while x < w:  # corrugation: flat, slanted, flat, slanted
        d.rectangle((x + pitch * 0.3, 0, x + pitch * 0.5, floor), fill=_shade(paint, -30))
        d.rectangle((x + pitch * 0.8, 0, x + pitch, floor), fill=_shade(paint, 22))
        x += pitch
    d.rectangle((0, floor, w, h), fill=(112, 80, 52))
    for k in range(1, 4):
        y = _lerp(floor, h, k / 4)
        d.line([(0, y), (w, y)], fill=(84, 60, 40), width=2)
    ow, oh = w * rng.uniform(0.38, 0.55), (floor) * rng.uniform(0.4, 0.62)
    ox, oy = rng.uniform(w * 0.08, w * 0.92 - ow), rng.uniform(floor * 0.12, floor - oh - h * 0.05)
    opening = (ox, oy, ox + ow, oy + oh)
    edge = _ragged(opening, rng, min(w, h) * 0.006)
    d.polygon(edge, fill=(30, 28, 26))
    ink = _photo_ink(look, rng)
    _paint_goods(d, _inset(opening, min(w, h) * 0.02), rng, look, ink)
    d.line([*edge, edge[0]], fill=(208, 206, 198), width=3)  # bright ground metal at the cut
    # The cut-out panel, leaning against the wall beside the opening.
    pw, ph = ow * 0.5, oh * 0.75
    px = ox + ow + w * 0.04 if ox + ow + pw + w * 0.06 < w else ox - pw - w * 0.04
    panel = [(px, floor - ph), (px + pw, floor - ph * 0.96), (px + pw * 1.05, floor), (px + pw * 0.05, floor)]
    _shadow(img, [panel], min(w, h) * 0.02, 140)
    d = ImageDraw.Draw(img)
    d.polygon(panel, fill=_shade(paint, -10), outline=(200, 198, 190))
    for k in range(1, 4):
        lx = px + pw * k / 4
        d.line(
            [(lx, floor - ph * 0.97), (lx + pw * 0.04, floor)],
            fill=_shade(paint, -40),
            width=max(2, int(pw / 25)),
        )
    return img


def _car_door(size: tuple[int, int], rng: random.Random, look: Look) -> Image.Image:
    """A car door with its inner trim removed: the cavity packed with goods."""
    w, h = size
    img = _backdrop(size, rng, rng.choice(FLOORS), 24)
    paint = rng.choice(CAR_PAINTS)
    dw, dh = w * rng.uniform(0.6, 0.72), h * rng.uniform(0.78, 0.9)
    x0, y0 = rng.uniform(w * 0.03, w * 0.97 - dw), rng.uniform(h * 0.03, h * 0.97 - dh)
    x1, y1 = x0 + dw, y0 + dh
    belt = y0 + dh * rng.uniform(0.34, 0.42)
    flip = rng.random() < 0.5

    def fx(x: float) -> float:
        return x0 + x1 - x if flip else x

    outline = [(x0, y1), (x1, y1), (x1, belt), (x1 - dw * 0.06, y0), (x0 + dw * 0.32, y0), (x0, belt)]
    outline = [(fx(x), y) for x, y in outline]
    _shadow(img, [outline], min(w, h) * 0.025, 150)
    d = ImageDraw.Draw(img)
    d.polygon(outline, fill=paint, outline=_shade(paint, -40))
    window = [
        (x1 - dw * 0.05, belt),
        (x1 - dw * 0.1, y0 + dh * 0.05),
        (x0 + dw * 0.35, y0 + dh * 0.05),
        (x0 + dw * 0.06, belt),
    ]
    d.polygon([(fx(x), y) for x, y in window], fill=(52, 62, 72))
    metal = (122, 122, 128)
    inner = (x0 + dw * 0.04, belt + dh * 0.03, x1 - dw * 0.04, y1 - dh * 0.04)
    d.rectangle(inner, fill=metal, outline=_shade(metal, -35), width=3)
    cavity = _sub(inner, rng.uniform(0.06, 0.2), 0.12, rng.uniform(0.62, 0.8), 0.88)
    if flip:
        cavity = (fx(cavity[2]), cavity[1], fx(cavity[0]), cavity[3])
    d.rounded_rectangle(cavity, radius=int(dw / 30), fill=(34, 32, 32))
    ink = _photo_ink(look, rng)
    _paint_goods(d, _inset(cavity, dw * 0.015), rng, look, ink)
    # Speaker hole and wiring on the part of the door metal that is left.
    spx = fx(_lerp(inner[0], inner[2], 0.88))
    spy, r = _lerp(inner[1], inner[3], 0.7), dw * 0.06
    d.ellipse((spx - r, spy - r, spx + r, spy + r), fill=(40, 40, 42), outline=_shade(metal, -45), width=3)
    d.line([(fx(inner[2] - dw * 0.03), inner[1] + 8), (spx, spy - r)], fill=(30, 30, 30), width=3)
    for k in range(4):  # clip holes
        cx = _lerp(inner[0], inner[2], (k + 0.5) / 4)
        d.ellipse((cx - 4, inner[3] - 14, cx + 4, inner[3] - 6), fill=(50, 50, 52))
    return img


def _spare_tyre(size: tuple[int, int], rng: random.Random, look: Look) -> Image.Image:
    """A spare wheel cut open: goods packed in the tyre's air space."""
    w, h = size
    img = _backdrop(size, rng, (58, 58, 62), 14)
    radius = min(w, h) * rng.uniform(0.38, 0.45)
    cx, cy = rng.uniform(radius + 10, w - radius - 10), rng.uniform(radius + 10, h - radius - 10)
    _shadow(
        img,
        [[(cx + radius * math.cos(a / 8), cy + radius * math.sin(a / 8)) for a in range(51)]],
        radius * 0.08,
        160,
    )
    d = ImageDraw.Draw(img)
    d.ellipse(
        (cx - radius, cy - radius, cx + radius, cy + radius), fill=(30, 30, 32), outline=(14, 14, 16), width=3
    )
    for k in range(60):  # tread blocks
        a = k * math.tau / 60
        d.line(
            [
                (cx + radius * 0.93 * math.cos(a), cy + radius * 0.93 * math.sin(a)),
                (cx + radius * math.cos(a), cy + radius * math.sin(a)),
            ],
            fill=(18, 18, 20),
            width=3,
        )
    start = rng.uniform(0, 360)
    span = rng.uniform(90, 150)
    layer = img.copy()
    ld = ImageDraw.Draw(layer)
    ld.rectangle((0, 0, w, h), fill=(52, 46, 40))
    _paint_goods(ld, (cx - radius, cy - radius, cx + radius, cy + radius), rng, look, _photo_ink(look, rng))
    mask = Image.new("L", size, 0)
    md = ImageDraw.Draw(mask)
    md.pieslice(
        (cx - radius * 0.9, cy - radius * 0.9, cx + radius * 0.9, cy + radius * 0.9),
        start,
        start + span,
        fill=255,
    )
    img.paste(layer, (0, 0), mask)
    rim = radius * 0.55
    d.pieslice(
        (cx - radius * 0.9, cy - radius * 0.9, cx + radius * 0.9, cy + radius * 0.9),
        start,
        start + span,
        outline=(90, 90, 92),
        width=4,
    )
    metal = rng.choice(((168, 168, 172), (120, 122, 128), (60, 60, 64)))
    d.ellipse((cx - rim, cy - rim, cx + rim, cy + rim), fill=metal, outline=_shade(metal, -50), width=3)
    d.ellipse((cx - rim * 0.3, cy - rim * 0.3, cx + rim * 0.3, cy + rim * 0.3), fill=_shade(metal, -30))
    for k in range(5):
        a = k * math.tau / 5
        bx, by = cx + rim * 0.5 * math.cos(a), cy + rim * 0.5 * math.sin(a)
        d.ellipse((bx - rim * 0.06, by - rim * 0.06, bx + rim * 0.06, by + rim * 0.06), fill=(40, 40, 42))
    return img


def _parcel(size: tuple[int, int], rng: random.Random, look: Look) -> Image.Image:
    """An opened cardboard box seen from above: flaps, label, filler, and the goods among the cover items."""
    w, h = size
    img = _backdrop(size, rng, rng.choice(TABLE_TOPS))
    card = rng.choice(CARDBOARD)
    bw, bh = w * rng.uniform(0.42, 0.55), h * rng.uniform(0.45, 0.6)
    flap = min(bw, bh) * rng.uniform(0.25, 0.4)
    x0 = rng.uniform(flap + 5, w - bw - flap - 5)
    y0 = rng.uniform(flap + 5, h - bh - flap - 5)
    x1, y1 = x0 + bw, y0 + bh
    flaps = [
        [(x0, y0), (x1, y0), (x1 + flap * 0.1, y0 - flap), (x0 - flap * 0.1, y0 - flap)],
        [(x0, y1), (x1, y1), (x1 + flap * 0.1, y1 + flap), (x0 - flap * 0.1, y1 + flap)],
        [(x0, y0), (x0, y1), (x0 - flap, y1 + flap * 0.1), (x0 - flap, y0 - flap * 0.1)],
        [(x1, y0), (x1, y1), (x1 + flap, y1 + flap * 0.1), (x1 + flap, y0 - flap * 0.1)],
    ]
    _shadow(img, [*flaps, _box_points((x0, y0, x1, y1))], min(w, h) * 0.02, 140)
    d = ImageDraw.Draw(img)
    for i, f in enumerate(flaps):
        fill = _shade(card, 12 - 6 * i)
        d.polygon(f, fill=fill, outline=_shade(fill, -40))
    d.rectangle((x0, y0, x1, y1), fill=_shade(card, -40))
    # Tape across one flap, a shipping label with a barcode on another.
    tape = (220, 200, 150) if rng.random() < 0.6 else (120, 70, 40)
    d.rectangle(((x0 + x1) / 2 - flap * 0.12, y0 - flap, (x0 + x1) / 2 + flap * 0.12, y0), fill=tape)
    lx, ly = x0 + bw * rng.uniform(0.05, 0.45), y1 + flap * 0.15
    label = (lx, ly, lx + bw * 0.42, ly + flap * 0.7)
    d.rectangle(label, fill=(244, 244, 240), outline=(200, 200, 196))
    bx = label[0] + 6
    while bx < label[2] - 6:
        bar = rng.choice((1, 2, 3))
        d.rectangle((bx, label[1] + 5, bx + bar - 1, _lerp(label[1], label[3], 0.55)), fill=(20, 20, 20))
        bx += bar + rng.choice((1, 2, 3))
    d.text(
        (label[0] + 6, _lerp(label[1], label[3], 0.62)),
        f"RR{rng.randrange(10**8, 10**9)}XX",
        fill=(30, 30, 30),
        font=_font(max(9, int(flap * 0.13))),
    )
    inner = _inset((x0, y0, x1, y1), min(bw, bh) * 0.04)
    for _ in range(rng.randint(6, 12)):  # crumpled paper filler
        px, py = rng.uniform(inner[0], inner[2]), rng.uniform(inner[1], inner[3])
        s = min(bw, bh) * rng.uniform(0.08, 0.18)
        pts = [
            (px + s * math.cos(a) * rng.uniform(0.6, 1.1), py + s * math.sin(a) * rng.uniform(0.6, 1.1))
            for a in np.linspace(0, math.tau, 8, endpoint=False)
        ]
        paper = _vary((222, 218, 204), rng, 10)
        d.polygon(pts, fill=paper, outline=_shade(paper, -30))
    goods_box = _sub(
        inner, rng.uniform(0, 0.25), rng.uniform(0, 0.25), rng.uniform(0.7, 1), rng.uniform(0.7, 1)
    )
    d.rectangle(goods_box, fill=_shade(card, -60))
    _paint_goods(d, _inset(goods_box, 3), rng, look, _photo_ink(look, rng))
    return img


def _machinery(size: tuple[int, int], rng: random.Random, look: Look) -> Image.Image:
    """An industrial roller lying on the floor, a window cut into it: the welded cavity inside."""
    w, h = size
    img = _backdrop(size, rng, rng.choice(FLOORS), 22)
    metal = rng.choice(((150, 152, 156), (60, 90, 140), (70, 110, 70), (200, 160, 40), (120, 120, 124)))
    rw, rh = w * rng.uniform(0.7, 0.86), h * rng.uniform(0.42, 0.56)
    x0, y0 = rng.uniform(w * 0.05, w * 0.95 - rw), rng.uniform(h * 0.12, h * 0.88 - rh)
    x1, y1 = x0 + rw, y0 + rh
    cap = rh * 0.16
    _shadow(img, [_box_points((x0, y0, x1 + cap, y1))], min(w, h) * 0.03, 160)
    d = ImageDraw.Draw(img)
    bands = 14
    for k in range(bands):  # a metal cylinder: light along the top, dark underneath
        t = k / bands
        tone = _shade(metal, 50 * math.cos(t * math.pi * 0.9 + 0.35) - 10)
        d.rectangle((x0, y0 + rh * t, x1, y0 + rh * (t + 1 / bands) + 1), fill=tone)
    d.ellipse((x1 - cap, y0, x1 + cap, y1), fill=_shade(metal, -25), outline=_shade(metal, -60), width=3)
    d.ellipse((x1 - cap * 0.45, y0 + rh * 0.38, x1 + cap * 0.45, y1 - rh * 0.38), fill=_shade(metal, -70))
    for k in range(8):
        a = k * math.tau / 8
        bx, by = x1 + cap * 0.7 * math.cos(a), (y0 + y1) / 2 + rh * 0.4 * math.sin(a)
        d.ellipse((bx - 4, by - 4, bx + 4, by + 4), fill=_shade(metal, 40))
    window = _sub((x0, y0, x1, y1), rng.uniform(0.15, 0.35), 0.12, rng.uniform(0.6, 0.85), 0.85)
    edge = _ragged(window, rng, min(w, h) * 0.005)
    d.polygon(edge, fill=(28, 26, 24))
    _paint_goods(d, _inset(window, min(w, h) * 0.025), rng, look, _photo_ink(look, rng))
    d.line([*edge, edge[0]], fill=(226, 220, 200), width=3)
    return img


def _fruit_boxes(size: tuple[int, int], rng: random.Random, look: Look) -> Image.Image:
    """Open fruit boxes from above; one or two hold the goods instead of fruit."""
    w, h = size
    img = _backdrop(size, rng, rng.choice(FLOORS), 18)
    d = ImageDraw.Draw(img)
    fruit = rng.choice(sorted(FRUIT))
    cols, rows = rng.choice(((2, 2), (3, 2), (3, 3), (2, 3) if h > w else (4, 3)))
    mx, my = w * rng.uniform(0.02, 0.06), h * rng.uniform(0.02, 0.06)
    cw, ch = (w - 2 * mx) / cols, (h - 2 * my) / rows
    card = rng.choice(CARDBOARD)
    band = rng.choice(((30, 90, 160), (200, 40, 40), (40, 130, 60), (230, 180, 40)))
    cells = [(c, r) for r in range(rows) for c in range(cols)]
    hidden = set(rng.sample(range(len(cells)), k=rng.randint(1, 2)))
    ink = _photo_ink(look, rng)
    for i, (c, r) in enumerate(cells):
        box = (mx + c * cw + 4, my + r * ch + 4, mx + (c + 1) * cw - 4, my + (r + 1) * ch - 4)
        fill = _vary(card, rng, 10)
        d.rectangle(box, fill=fill, outline=_shade(fill, -50), width=3)
        d.rectangle((box[0], box[1], box[2], box[1] + ch * 0.06), fill=band)
        inner = _inset(box, min(cw, ch) * 0.08)
        d.rectangle(inner, fill=_shade(fill, -45))
        if i in hidden:
            _paint_goods(d, inner, rng, look, ink)
            continue
        colours = FRUIT[fruit]
        s = min(cw, ch) * 0.22
        for _ in range(14):
            fx, fy = (
                rng.uniform(inner[0] + s / 2, inner[2] - s / 2),
                rng.uniform(inner[1] + s / 2, inner[3] - s / 2),
            )
            colour = _vary(rng.choice(colours), rng, 14)
            if fruit == "bananas":  # a hand of bananas: a few thick arcs
                for k in range(3):
                    off = k * s * 0.18
                    d.arc(
                        (fx - s, fy - s / 2 + off, fx + s, fy + s / 2 + off),
                        20,
                        160,
                        fill=colour,
                        width=max(3, int(s / 5)),
                    )
            else:
                d.ellipse(
                    (fx - s / 2, fy - s / 2, fx + s / 2, fy + s / 2), fill=colour, outline=_shade(colour, -40)
                )
                d.ellipse((fx - s / 8, fy - s / 8, fx + s / 8, fy + s / 8), fill=_shade(colour, -50))
    return img


def _garment(size: tuple[int, int], rng: random.Random, look: Look) -> Image.Image:
    """A jacket or vest laid open on the table, the goods in pockets sewn into the lining."""
    w, h = size
    img = _backdrop(size, rng, rng.choice(TABLE_TOPS))
    cloth, lining = rng.choice(CLOTHES), rng.choice(LININGS)
    cx, top = w * rng.uniform(0.4, 0.6), h * rng.uniform(0.05, 0.12)
    bw, bh = min(w * 0.55, h * 0.9), h * rng.uniform(0.7, 0.85)
    sleeves = rng.random() < 0.6
    body = [
        (cx - bw * 0.28, top), (cx + bw * 0.28, top), (cx + bw * 0.5, top + bh * 0.12), (cx + bw * 0.5, top + bh),
        (cx - bw * 0.5, top + bh), (cx - bw * 0.5, top + bh * 0.12),
    ]  # fmt: skip
    shapes = [body]
    if sleeves:
        for side in (-1, 1):
            shapes.append([
                (cx + side * bw * 0.5, top + bh * 0.12), (cx + side * bw * 0.9, top + bh * 0.55),
                (cx + side * bw * 0.78, top + bh * 0.62), (cx + side * bw * 0.5, top + bh * 0.4),
            ])  # fmt: skip
    _shadow(img, shapes, min(w, h) * 0.02, 130)
    d = ImageDraw.Draw(img)
    for shape in shapes:
        d.polygon(shape, fill=cloth, outline=_shade(cloth, -40))
    inner = (cx - bw * 0.44, top + bh * 0.14, cx + bw * 0.44, top + bh * 0.96)
    d.rectangle(inner, fill=lining)
    d.line([(cx, top), (cx, top + bh)], fill=_shade(cloth, -50), width=3)
    ink = _photo_ink(look, rng)
    pockets = rng.choice(((2, 1), (2, 2), (3, 2)))
    pw, ph = (inner[2] - inner[0]) / pockets[0], (inner[3] - inner[1]) / pockets[1]
    for i in range(pockets[0]):
        for j in range(pockets[1]):
            pocket = _inset(
                (inner[0] + i * pw, inner[1] + j * ph, inner[0] + (i + 1) * pw, inner[1] + (j + 1) * ph),
                min(pw, ph) * 0.08,
            )
            d.rectangle(pocket, fill=_shade(lining, -30), outline=_shade(lining, 30), width=2)
            _paint_goods(d, _inset(pocket, min(pw, ph) * 0.05), rng, look, ink)
    return img


def _pellets(size: tuple[int, int], rng: random.Random, look: Look) -> Image.Image:
    """Recovered pellets laid out in rows on a steel tray."""
    w, h = size
    img = _backdrop(size, rng, rng.choice(TABLE_TOPS))
    tray = _sub(
        (0, 0, w, h),
        rng.uniform(0.04, 0.12),
        rng.uniform(0.06, 0.14),
        rng.uniform(0.82, 0.96),
        rng.uniform(0.8, 0.94),
    )
    _shadow(img, [_box_points(tray)], min(w, h) * 0.02, 120)
    d = ImageDraw.Draw(img)
    d.rounded_rectangle(
        tray, radius=int(min(w, h) * 0.03), fill=(196, 198, 202), outline=(150, 152, 156), width=4
    )
    latex = rng.choice(((232, 220, 180), (240, 236, 226), (214, 196, 150), (200, 200, 90)))
    pw, ph = (tray[2] - tray[0]) / rng.randint(10, 16), (tray[3] - tray[1]) / rng.randint(4, 7)
    y = tray[1] + ph * 0.3
    while y + ph * 0.8 < tray[3]:
        x = tray[0] + pw * 0.3
        while x + pw * 0.6 < tray[2]:
            if rng.random() < 0.92:
                fill = _vary(latex, rng, 10)
                d.rounded_rectangle(
                    (x, y, x + pw * 0.55, y + ph * 0.8),
                    radius=int(pw * 0.27),
                    fill=fill,
                    outline=_shade(fill, -50),
                )
                d.ellipse(
                    (x + pw * 0.18, y + ph * 0.74, x + pw * 0.37, y + ph * 0.86), fill=_shade(fill, -30)
                )  # the knot
            x += pw
        y += ph
    return img


PHOTO_SCENES: dict[str, Callable[[tuple[int, int], random.Random, Look], Image.Image]] = {
    "suitcase_false_bottom": functools.partial(_suitcase, false_bottom=True),
    "suitcase_open": functools.partial(_suitcase, false_bottom=False),
    "container_bags": functools.partial(_cargo_space, container=True, front="bags"),
    "container_gap": functools.partial(_cargo_space, container=True, front="gap"),
    "trailer_gap": functools.partial(_cargo_space, container=False, front="gap"),
    "container_wall": _container_wall,
    "car_door": _car_door,
    "spare_tyre": _spare_tyre,
    "parcel": _parcel,
    "machinery": _machinery,
    "fruit_boxes": _fruit_boxes,
    "fruit_boxes_pills": _fruit_boxes,
    "garment": _garment,
    "pellets": _pellets,
}


def _evidence_marks(img: Image.Image, rng: random.Random) -> None:
    """A scale ruler and a numbered marker, as on evidence photos."""
    w, h = img.size
    d = ImageDraw.Draw(img)
    if rng.random() < 0.6:
        length, thick = w * rng.uniform(0.2, 0.3), h * 0.035
        x, y = rng.uniform(w * 0.02, w * 0.98 - length), h * rng.uniform(0.84, 0.9)
        d.rectangle((x, y, x + length, y + thick), fill=(240, 236, 210), outline=(40, 40, 40))
        for k in range(21):
            tx = x + length * k / 20
            d.line([(tx, y), (tx, y + thick * (0.6 if k % 5 == 0 else 0.3))], fill=(20, 20, 20), width=1)
    if rng.random() < 0.5:
        s = min(w, h) * 0.06
        x, y = rng.uniform(w * 0.02, w - s * 1.5), rng.uniform(h * 0.02, h * 0.2)
        d.rectangle((x, y, x + s, y + s * 0.8), fill=(236, 196, 30), outline=(30, 30, 30))
        d.text(
            (x + s * 0.3, y + s * 0.08), str(rng.randint(1, 9)), fill=(10, 10, 10), font=_font(int(s * 0.6))
        )


def _caption(img: Image.Image, text: str) -> None:
    h = img.height
    font = _font(max(11, h // 48))
    d = ImageDraw.Draw(img)
    x0, y0, x1, y1 = d.textbbox((0, 0), text, font=font)
    pad = 6
    box = (pad, h - (y1 - y0) - 3 * pad, pad + (x1 - x0) + 2 * pad, h - pad)
    d.rectangle(box, fill=(16, 16, 16))
    d.text((box[0] + pad, box[1] + pad - y0), text, fill=(236, 236, 236), font=font)


def _camera_finish(img: Image.Image, rng: random.Random, noise: np.random.Generator) -> Image.Image:
    """Sensor grain, so a picture looks photographed rather than drawn."""
    w, h = img.size
    # One random tile repeated: at this strength nobody sees the repeat, and it costs a tenth as much.
    grain = rng.randint(4, 7)
    tile = Image.fromarray(noise.integers(0, 2 * grain + 1, size=(GRAIN_TILE, GRAIN_TILE, 3), dtype=np.uint8))
    grains = Image.new("RGB", (w, h))
    for y in range(0, h, GRAIN_TILE):
        for x in range(0, w, GRAIN_TILE):
            grains.paste(tile, (x, y))
    return ImageChops.add(img, grains, scale=1.0, offset=-grain)


def _photo_bytes(p: DemoPicture) -> bytes:
    rng = random.Random(p.image_seed)
    noise = np.random.default_rng(p.image_seed)
    orientation = rng.choice(PHONE_ORIENTATIONS) if p.phone_exif else 1
    sideways = orientation in (5, 6, 7, 8)
    shown = (p.height, p.width) if sideways else (p.width, p.height)
    img = PHOTO_SCENES[p.scene](shown, rng, LOOKS[p.look])
    moment = _random_moment(rng)
    if not p.phone_exif:
        _evidence_marks(img, rng)
        _caption(img, f"CUSTOMS {p.country}  {moment:%Y-%m-%d %H:%M}  {p.key}")
    img = _camera_finish(img, rng, noise)
    out = io.BytesIO()
    if not p.phone_exif:
        img.save(out, "JPEG", quality=JPEG_QUALITY)
        return out.getvalue()
    # Stored as the phone's sensor saw it; the orientation tag says how to turn it upright.
    stored = {3: Image.Transpose.ROTATE_180, 6: Image.Transpose.ROTATE_90, 8: Image.Transpose.ROTATE_270}
    if orientation in stored:
        img = img.transpose(stored[orientation])
    img.save(out, "JPEG", quality=JPEG_QUALITY, exif=_phone_exif(p, rng, orientation, moment))
    return out.getvalue()


def _phone_exif(p: DemoPicture, rng: random.Random, orientation: int, moment: datetime) -> Image.Exif:
    lat, lon = _tables().points[p.country]
    lat = max(-89.9, min(89.9, lat + rng.uniform(-0.4, 0.4)))
    lon = max(-179.9, min(179.9, lon + rng.uniform(-0.4, 0.4)))
    exif = Image.Exif()
    exif[0x010F] = "CEN Demo"  # Make
    exif[0x0110] = "Field Phone 7"  # Model
    exif[0x0112] = orientation
    exif[0x0131] = "demo camera 1.0"  # Software
    exif[0x0132] = f"{moment:%Y:%m:%d %H:%M:%S}"  # DateTime
    exif.get_ifd(0x8769)[0x9003] = f"{moment:%Y:%m:%d %H:%M:%S}"  # DateTimeOriginal
    gps = exif.get_ifd(0x8825)
    gps[0x0000] = b"\x02\x03\x00\x00"  # GPSVersionID
    gps[0x0001] = "N" if lat >= 0 else "S"
    gps[0x0002] = _dms(abs(lat))
    gps[0x0003] = "E" if lon >= 0 else "W"
    gps[0x0004] = _dms(abs(lon))
    gps[0x0006] = round(rng.uniform(2, 60), 1)  # GPSAltitude, metres
    return exif


def _dms(degrees: float) -> tuple[float, float, float]:
    whole = int(degrees)
    minutes = int((degrees - whole) * 60)
    seconds = round(((degrees - whole) * 60 - minutes) * 60, 2)
    return (float(whole), float(minutes), seconds)


# ---- drawing: x-ray scans ------------------------------------------------------------------------------------

# Attenuation per unit of layer value; layers add up, as materials along a beam do.
ATTENUATION = {"steel": 0.028, "cargo": 0.011, "goods": 0.017}


class Scan:
    """Layers of material drawn at half resolution (cheaper, and the upscaling gives the scanner's softness)."""

    def __init__(self, size: tuple[int, int]) -> None:
        self.full = size
        self.size = (size[0] // 2, size[1] // 2)
        self.layers = {name: Image.new("L", self.size, 0) for name in ATTENUATION}
        self.steel = ImageDraw.Draw(self.layers["steel"])
        self.cargo = ImageDraw.Draw(self.layers["cargo"])
        self.goods = ImageDraw.Draw(self.layers["goods"])

    def transmission(self, mirror: bool) -> np.ndarray:
        """The share of the beam that gets through, at full size (1 for air)."""
        total = np.zeros((self.size[1], self.size[0]), np.float32)
        for name, coefficient in ATTENUATION.items():
            total += np.asarray(self.layers[name], np.float32) * coefficient
        image = Image.fromarray(np.exp(-total), "F").resize(self.full, Image.Resampling.BILINEAR)
        if mirror:
            image = image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        return np.asarray(image, np.float32)


def _scan_wheel(scan: Scan, x: float, y: float, r: float) -> None:
    scan.cargo.ellipse((x - r, y - r, x + r, y + r), fill=130)  # rubber
    scan.steel.ellipse((x - r * 0.6, y - r * 0.6, x + r * 0.6, y + r * 0.6), fill=70, outline=140, width=2)
    scan.steel.ellipse((x - r * 0.22, y - r * 0.22, x + r * 0.22, y + r * 0.22), fill=220)


def _scan_load(scan: Scan, rng: random.Random, inner: Box) -> float:
    """The declared load in a cargo space, in one of a few ways goods are stowed; returns the top of the load."""
    c = scan.cargo
    x0, y0, x1, y1 = inner
    top = _lerp(y1, y0, rng.uniform(0.35, 0.95))
    density = rng.randint(25, 95)  # textiles are light, tiles and drinks heavy
    stowage = rng.choice(("cartons", "cartons", "sacks", "rolls", "crates"))
    x = x0
    while x < x1 - 4:
        pw = (x1 - x0) / rng.randint(6, 10) if stowage == "rolls" else (x1 - x0) / rng.randint(8, 20)
        pw = min(pw, x1 - x)
        if stowage == "rolls":  # paper or cable rolls standing on end: tall bright-edged columns
            c.rectangle((x + 1, top, x + pw - 1, y1), fill=density)
            c.rectangle((x + pw * 0.4, top, x + pw * 0.6, y1), fill=density // 3)
        elif stowage == "sacks":
            y = y1
            while y - 4 > top:
                sh = rng.uniform(5, 9)
                c.ellipse((x, y - sh, x + pw, y), fill=_clamp(density + rng.randint(-10, 10)))
                y -= sh * 0.8
        else:
            stack_top = top + rng.uniform(-4, 10)
            c.rectangle((x + 1, y1 - 4, x + pw - 1, y1), fill=90)  # pallet
            y = y1 - 4
            while y - 6 > stack_top:
                bh = rng.uniform(8, 16) if stowage == "cartons" else rng.uniform(16, 28)
                c.rectangle(
                    (x + 1, max(stack_top, y - bh), x + pw - 1, y - 1),
                    fill=_clamp(density + rng.randint(-15, 15)),
                )
                y -= bh
        x += pw
    return top


def _scan_truck(scan: Scan, rng: random.Random, scene: str, look: Look, container: bool) -> None:
    """A container or trailer, side on, as a drive-through portal scanner sees it (with its tractor, mostly)."""
    w, h = scan.size
    scale = rng.uniform(0.78, 1.0)
    ground = h * rng.uniform(0.84, 0.96)
    r = h * 0.075 * scale
    span = w * scale * 0.95
    vx0 = rng.uniform(w * 0.02, w - span)
    with_cab = not container or rng.random() < 0.8
    short = container and rng.random() < 0.3  # a 20-foot container on a chassis
    box_len = span * (0.42 if short else 0.78)
    bx1 = vx0 + span * 0.8
    bx0 = bx1 - box_len
    by0, by1 = ground - h * scale * rng.uniform(0.66, 0.8), ground - r * 2.3
    cab0, cab1 = bx1 + span * 0.02, vx0 + span
    s, c = scan.steel, scan.cargo
    s.rectangle(
        (vx0 + span * 0.03, by1, (cab1 if with_cab else bx1) - span * 0.01, by1 + h * 0.025), fill=120
    )
    axles = [vx0 + span * k for k in (0.06, 0.1, 0.14)[: rng.randint(2, 3)]]
    if with_cab:
        axles += [bx1 - span * 0.02, bx1 + span * 0.02, cab1 - span * 0.06]
    for x in axles:
        _scan_wheel(scan, x, ground - r, r)
    if with_cab:
        roof = by0 + (by1 - by0) * rng.uniform(0.1, 0.3)
        cab = [
            (cab0, by1),
            (cab0, roof),
            (cab1 - span * 0.04, roof - h * 0.02),
            (cab1, roof + (by1 - roof) * 0.4),
            (cab1, by1),
        ]
        s.polygon(cab, fill=22, outline=90, width=2)
        s.rectangle(
            (cab1 - span * 0.09, by1 - (by1 - roof) * 0.4, cab1 - span * 0.015, by1 + h * 0.02), fill=200
        )  # engine
        c.rectangle(
            (cab0 + span * 0.01, by1 - h * 0.02, cab0 + span * 0.06, by1 + h * 0.06), fill=90
        )  # fuel tank
        c.rectangle(
            (cab0 + span * 0.03, _lerp(roof, by1, 0.4), cab0 + span * 0.06, by1 - h * 0.04), fill=60
        )  # seat
    if container:
        s.rectangle((bx0, by0, bx1, by1), fill=14, outline=80, width=2)
        for x in np.arange(bx0 + 3, bx1 - 3, 4.0):  # corrugation
            s.line([(x, by0 + 2), (x, by1 - 2)], fill=22)
        for k in range(4):  # door locking bars
            x = bx0 + 2 + k * 2.5
            s.line([(x, by0), (x, by1)], fill=120)
        c.rectangle((bx0 + 2, by1 - h * 0.03, bx1 - 2, by1), fill=70)  # wooden floor
    else:  # curtain-sider, box trailer or insulated reefer: the walls weigh differently on the scan
        walls = rng.choice((4, 12, 20))
        s.rectangle((bx0, by0, bx1, by1), fill=walls, outline=60, width=2)
        if walls == 20:
            c.rectangle((bx0 + 2, by0 + 2, bx1 - 2, by1 - 2), fill=18)
        s.rectangle((bx0, by1 - h * 0.03, bx1, by1), fill=70)
        for x in np.linspace(bx0, bx1, rng.randint(5, 9)):
            s.line([(x, by0), (x, by1)], fill=40)
    inner = (bx0 + 4, by0 + 4, bx1 - 4, by1 - h * 0.03)
    ink = _scan_ink(look)
    if scene == "machinery":
        mx0, mx1 = (
            _lerp(inner[0], inner[2], rng.uniform(0.1, 0.35)),
            _lerp(inner[0], inner[2], rng.uniform(0.65, 0.9)),
        )
        my0, my1 = _lerp(inner[1], inner[3], rng.uniform(0.2, 0.5)), inner[3]
        s.rectangle((mx0, my0, mx1, my1), fill=70, outline=200, width=3)
        _paint_goods(scan.goods, _inset((mx0, my0, mx1, my1), 6), rng, look, ink)
        return
    top = _scan_load(scan, rng, inner)
    if scene == "container_wall":
        fx = inner[2] - (inner[2] - inner[0]) * rng.uniform(0.05, 0.08)
        c.rectangle((fx, inner[1], inner[2], inner[3]), fill=0)
        s.line([(fx, inner[1]), (fx, inner[3])], fill=110, width=2)
        _paint_goods(scan.goods, (fx + 2, inner[1] + 2, inner[2] - 1, inner[3] - 2), rng, look, ink)
    elif scene == "container_bags":
        for _ in range(rng.randint(2, 4)):
            bw = (inner[2] - inner[0]) * rng.uniform(0.06, 0.1)
            x = rng.uniform(inner[0], inner[0] + (inner[2] - inner[0]) * 0.25)
            bag = (x, max(inner[1], top - bw * 0.6), x + bw, top)
            c.rounded_rectangle(bag, radius=int(bw / 5), fill=25)
            _paint_goods(scan.goods, _inset(bag, 2), rng, look, ink)
    else:
        gx0 = _lerp(inner[0], inner[2], rng.uniform(0.05, 0.6))
        gx1 = min(inner[2], gx0 + (inner[2] - inner[0]) * rng.uniform(0.15, 0.4))
        gap = (gx0, _lerp(min(top, inner[3] - 20), inner[3], 0.1), gx1, inner[3] - 4)
        c.rectangle(gap, fill=10)
        _paint_goods(scan.goods, gap, rng, look, ink)


def _scan_car(scan: Scan, rng: random.Random, scene: str, look: Look) -> None:
    w, h = scan.size
    ground = h * rng.uniform(0.84, 0.95)
    length = w * rng.uniform(0.75, 0.94)
    x0 = rng.uniform(w * 0.02, w - length - w * 0.02)
    x1 = x0 + length
    roof = ground - h * rng.uniform(0.62, 0.86)  # saloon, estate, SUV or van

    def at(t: float) -> float:
        return x0 + length * t

    r = h * 0.15
    rear = rng.uniform(0.7, 0.9)  # where the roof ends: saloon to estate
    body = [
        (x0, ground - r * 0.9), (x0 + 4, ground - h * 0.42), (at(0.26), ground - h * 0.48), (at(0.38), roof),
        (at(rear), roof), (at(min(0.98, rear + 0.12)), ground - h * 0.52), (x1, ground - h * 0.48),
        (x1, ground - r * 0.9),
    ]  # fmt: skip
    s, c = scan.steel, scan.cargo
    s.polygon(body, fill=18, outline=80, width=2)
    s.polygon(
        [
            (at(0.28), ground - h * 0.48),
            (at(0.39), roof + 3),
            (at(rear - 0.02), roof + 3),
            (at(rear + 0.08), ground - h * 0.5),
        ],
        fill=6,
    )
    s.rectangle((at(0.04), ground - h * 0.4, at(0.2), ground - h * 0.16), fill=190)  # engine
    s.rectangle((at(0.2), ground - h * 0.3, at(0.24), ground - h * 0.18), fill=120)  # gearbox
    c.polygon(
        [
            (at(0.36), ground - h * 0.2),
            (at(0.42), ground - h * 0.2),
            (at(0.4), ground - h * 0.55),
            (at(0.36), ground - h * 0.55),
        ],
        fill=70,
    )
    c.polygon(
        [
            (at(0.6), ground - h * 0.2),
            (at(0.68), ground - h * 0.2),
            (at(0.66), ground - h * 0.52),
            (at(0.62), ground - h * 0.52),
        ],
        fill=70,
    )
    c.rectangle((at(0.62), ground - h * 0.2, at(0.76), ground - h * 0.12), fill=80)  # fuel tank
    s.line([(at(0.2), ground - h * 0.1), (x1 - 4, ground - h * 0.12)], fill=90, width=2)  # exhaust
    for t in (0.17, 0.8):
        _scan_wheel(scan, at(t), ground - r, r)
    doors = [
        (at(0.33), ground - h * 0.45, at(0.52), ground - h * 0.18),
        (at(0.53), ground - h * 0.45, at(0.7), ground - h * 0.18),
    ]
    for door in doors:
        s.rectangle(door, outline=60, width=1)
        s.line([(door[0] + 3, door[3] - 3), (door[2] - 3, door[1] + 6)], fill=70, width=2)  # side-impact beam
    ink = _scan_ink(look)
    sx, sy, sr = at(0.86), ground - h * 0.3, h * 0.13  # spare wheel in the boot
    c.ellipse((sx - sr, sy - sr * 0.5, sx + sr, sy + sr * 0.5), fill=110)
    s.ellipse((sx - sr * 0.5, sy - sr * 0.25, sx + sr * 0.5, sy + sr * 0.25), fill=60)
    if scene == "spare_tyre":
        _paint_goods(
            scan.goods, (sx - sr * 0.95, sy - sr * 0.45, sx + sr * 0.95, sy + sr * 0.45), rng, look, ink
        )
        return
    for door in doors if rng.random() < 0.6 else doors[:1]:
        _paint_goods(scan.goods, _inset(door, 3), rng, look, ink)


def _scan_bag(scan: Scan, rng: random.Random, scene: str, look: Look) -> None:
    """A suitcase lying flat in a baggage scanner, seen from above."""
    w, h = scan.size
    bw, bh = w * rng.uniform(0.55, 0.88), h * rng.uniform(0.6, 0.86)
    x0, y0 = rng.uniform(w * 0.03, w * 0.97 - bw), rng.uniform(h * 0.04, h * 0.96 - bh)
    x1, y1 = x0 + bw, y0 + bh
    s, c = scan.steel, scan.cargo
    c.rounded_rectangle((x0, y0, x1, y1), radius=int(h * 0.05), fill=rng.randint(16, 34), outline=80, width=3)
    s.rounded_rectangle((x0 + 3, y0 + 3, x1 - 3, y1 - 3), radius=int(h * 0.05), outline=40, width=2)
    for y in (y0 + h * 0.06, y0 + h * 0.11):  # telescopic handle tubes
        s.rectangle((x0 + 4, y, x1 - w * 0.1, y + 3), fill=150)
    for x, y in ((x0 + 6, y0 + 6), (x1 - 6, y0 + 6), (x0 + 6, y1 - 6), (x1 - 6, y1 - 6)):
        s.ellipse((x - 5, y - 5, x + 5, y + 5), fill=220)
    inner = _inset((x0, y0, x1, y1), h * 0.06)
    for _ in range(rng.randint(5, 9)):  # clothes
        cx, cy = rng.uniform(inner[0], inner[2]), rng.uniform(inner[1], inner[3])
        cw, ch = (x1 - x0) * rng.uniform(0.12, 0.3), (y1 - y0) * rng.uniform(0.12, 0.3)
        c.rounded_rectangle(
            (cx - cw / 2, cy - ch / 2, cx + cw / 2, cy + ch / 2),
            radius=int(min(cw, ch) / 3),
            fill=rng.randint(20, 45),
        )
    lx, ly = rng.uniform(inner[0], inner[2] - w * 0.25), rng.uniform(inner[1], inner[3] - h * 0.25)
    s.rectangle((lx, ly, lx + w * 0.24, ly + h * 0.22), fill=35, outline=70)  # laptop
    s.rectangle((lx + w * 0.02, ly + h * 0.15, lx + w * 0.14, ly + h * 0.2), fill=110)
    s.rectangle((lx + w * 0.16, ly + h * 0.03, lx + w * 0.21, ly + h * 0.07), fill=170)  # charger
    ink = _scan_ink(look)
    if scene == "suitcase_false_bottom":
        base = _inset((x0, y0, x1, y1), h * 0.04)
        scan.goods.rectangle(base, fill=look.density // 3)
        _paint_goods(scan.goods, _inset(base, 3), rng, look, ink)
    else:
        _paint_goods(
            scan.goods,
            _sub(inner, rng.uniform(0, 0.3), rng.uniform(0, 0.3), rng.uniform(0.6, 1), rng.uniform(0.6, 1)),
            rng,
            look,
            ink,
        )


def _scan_parcel(scan: Scan, rng: random.Random, scene: str, look: Look) -> None:
    w, h = scan.size
    x0, y0 = w * rng.uniform(0.08, 0.2), h * rng.uniform(0.08, 0.2)
    x1, y1 = w * rng.uniform(0.8, 0.92), h * rng.uniform(0.8, 0.92)
    c = scan.cargo
    c.rectangle((x0, y0, x1, y1), fill=14, outline=60, width=3)
    c.rectangle(((x0 + x1) / 2 - 4, y0, (x0 + x1) / 2 + 4, y1), fill=24)  # tape
    inner = _inset((x0, y0, x1, y1), 6)
    for _ in range(rng.randint(3, 7)):  # declared items around the goods
        cx, cy = rng.uniform(inner[0], inner[2]), rng.uniform(inner[1], inner[3])
        cw, ch = (x1 - x0) * rng.uniform(0.1, 0.25), (y1 - y0) * rng.uniform(0.1, 0.25)
        c.rectangle(
            (
                max(inner[0], cx - cw / 2),
                max(inner[1], cy - ch / 2),
                min(inner[2], cx + cw / 2),
                min(inner[3], cy + ch / 2),
            ),
            fill=rng.randint(30, 80),
        )
    box = _sub(inner, rng.uniform(0, 0.3), rng.uniform(0, 0.3), rng.uniform(0.65, 1), rng.uniform(0.65, 1))
    _paint_goods(scan.goods, box, rng, look, _scan_ink(look))


def _scan_body(scan: Scan, rng: random.Random, scene: str, look: Look) -> None:
    """A full-body transmission scan of a passenger: spine, ribs, pelvis, and what should not be there."""
    w, h = scan.size
    cx = w * rng.uniform(0.4, 0.6)
    c, s = scan.cargo, scan.steel
    sw = w * rng.uniform(0.26, 0.4)
    top, bottom = h * rng.uniform(0.0, 0.3), h * rng.uniform(0.72, 1.0)  # scans frame the body differently

    def y(t: float) -> float:  # 0 at the shoulders, 1 at the hips
        return top + t * (bottom - top)

    flesh = rng.randint(55, 90)
    if top > h * 0.12:  # head and neck in the frame
        c.rectangle((cx - sw * 0.25, top - h * 0.06, cx + sw * 0.25, top + 2), fill=flesh)
        c.ellipse((cx - sw * 0.45, top - h * 0.2, cx + sw * 0.45, top - h * 0.04), fill=flesh)
        s.ellipse((cx - sw * 0.4, top - h * 0.19, cx + sw * 0.4, top - h * 0.05), outline=90, width=3)
    if bottom < h * 0.92:  # legs below the hips
        for side in (-1, 1):
            c.polygon(
                [
                    (cx + side * sw * 0.1, bottom - 4),
                    (cx + side * sw * 0.95, bottom - 4),
                    (cx + side * sw * 0.75, h),
                    (cx + side * sw * 0.15, h),
                ],
                fill=flesh,
            )
            s.rectangle((cx + side * sw * 0.5 - 3, bottom, cx + side * sw * 0.5 + 3, h), fill=90)
    if rng.random() < 0.6:  # arms along the body
        for side in (-1, 1):
            ax = cx + side * sw * 1.25
            c.polygon(
                [
                    (ax - sw * 0.14, y(0.08)),
                    (ax + sw * 0.14, y(0.08)),
                    (ax + side * sw * 0.1, y(1.1)),
                    (ax - sw * 0.12 + side * sw * 0.1, y(1.1)),
                ],
                fill=flesh - 10,
            )
    c.polygon([(cx - sw * 0.3, top), (cx + sw * 0.3, top), (cx + sw * 1.15, y(0.06)), (cx + sw * 1.02, y(0.55)),
               (cx + sw * 0.98, y(1.05)), (cx - sw * 0.98, y(1.05)), (cx - sw * 1.02, y(0.55)), (cx - sw * 1.15, y(0.06))],
              fill=flesh)  # fmt: skip
    for k in range(20):  # vertebrae
        vw = sw * (0.14 + 0.06 * k / 20)
        s.rectangle((cx - vw, y(k / 20), cx + vw, y((k + 0.75) / 20)), fill=75)
    for k in range(10):  # ribs
        ry = y(0.08 + k * 0.045)
        box = (cx - sw * 0.95, ry - h * 0.02, cx + sw * 0.95, ry + h * 0.1)
        s.arc(box, 200, 270, fill=45, width=2)
        s.arc(box, 270, 340, fill=45, width=2)
    s.ellipse((cx - sw * 0.85, y(0.82), cx + sw * 0.85, y(1.1)), outline=80, width=4)  # pelvis
    if scene == "pellets":
        for _ in range(rng.randint(25, 70)):
            px, py = rng.uniform(cx - sw * 0.6, cx + sw * 0.6), rng.uniform(y(0.55), y(0.85))
            pts = _placed(
                _rect_points(rng.uniform(7, 11), rng.uniform(3, 4.5)), px, py, 1, rng.uniform(0, math.pi)
            )
            scan.goods.polygon(pts, fill=150)
    else:
        band = (cx - sw * 0.95, y(rng.uniform(0.5, 0.62)), cx + sw * 0.95, y(rng.uniform(0.72, 0.8)))
        _paint_goods(scan.goods, band, rng, look, _scan_ink(look))


XRAY_PAINTERS: dict[str, Callable[[Scan, random.Random, str, Look], None]] = {
    "container": functools.partial(_scan_truck, container=True),
    "trailer": functools.partial(_scan_truck, container=False),
    "car": _scan_car,
    "bag": _scan_bag,
    "parcel": _scan_parcel,
    "body": _scan_body,
}


def _xray_bytes(p: DemoPicture) -> bytes:
    rng = random.Random(p.image_seed)
    noise = np.random.default_rng(p.image_seed)
    scan = Scan((p.width, p.height))
    XRAY_PAINTERS[XRAY_VIEWS[p.scene]](scan, rng, p.scene, LOOKS[p.look])
    t = scan.transmission(mirror=rng.random() < 0.5)
    h, w = t.shape
    # Each row is one detector with its own gain: faint horizontal stripes, as on real scans.
    t = t * (1 + noise.normal(0, 0.002, (h, 1))).astype(np.float32)
    grain = noise.standard_normal((h, w), dtype=np.float32)
    out = io.BytesIO()
    if p.media_type == "image/tiff":
        # Counts: photon noise grows with the square root of the signal; a 12-bit converter sets the step.
        values = XRAY_DARK + (XRAY_BRIGHT - XRAY_DARK) * t + grain * XRAY_ADC_STEP * (0.3 + 0.7 * np.sqrt(t))
        values = np.clip(np.round(values / XRAY_ADC_STEP) * XRAY_ADC_STEP, XRAY_MIN, XRAY_MAX).astype("<u2")
        Image.frombytes("I;16", (w, h), values.tobytes()).save(out, "TIFF", compression="tiff_lzw")
        return out.getvalue()
    # An 8-bit export as the operator saw it: already windowed, with the scanner's overlay text.
    grey = np.clip(8 + 242 * np.sqrt(t) + grain * 1.6, 0, 255).astype(np.uint8)
    img = Image.fromarray(grey)
    moment = _random_moment(rng)
    ImageDraw.Draw(img).text(
        (8, 6),
        f"SCAN {p.key[-6:]}  {moment:%Y-%m-%d %H:%M:%S}  {p.country}",
        fill=30,
        font=_font(max(11, h // 40)),
    )
    img.save(out, "PNG", compress_level=1)  # the grain leaves little for harder work to gain
    return out.getvalue()
