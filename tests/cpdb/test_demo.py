"""The CPDb demo pictures: deterministic, valid against the reference data, a realistic mix, decodable images."""

from __future__ import annotations

import io
import re
import time
from collections import Counter
from typing import Any

import numpy as np
import pytest
from cen_core.reference import ReferenceData, load_reference
from cen_cpdb import demo
from cen_cpdb.domain import validate_details
from PIL import Image, ImageOps

SAMPLE = 200
FORMATS = {"image/jpeg": ("JPEG", "RGB"), "image/png": ("PNG", "L"), "image/tiff": ("TIFF", "I;16")}
MAX_BYTES = 400 * 1024
GPS_IFD, ORIENTATION = 0x8825, 0x0112


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return load_reference()


@pytest.fixture(scope="module")
def pictures() -> list[demo.DemoPicture]:
    return list(demo.generate(SAMPLE))


@pytest.fixture(scope="module")
def images(pictures: list[demo.DemoPicture]) -> dict[str, bytes]:
    return {p.key: p.image() for p in pictures}


def _decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def _windowed(image: Image.Image) -> Image.Image:
    """What a viewer shows of a raw 16-bit scan: its own value range stretched to 8 bits."""
    values = np.asarray(image, np.float32)
    low, high = np.percentile(values, (0.5, 99.5))
    return Image.fromarray(np.clip((values - low) / max(high - low, 1) * 255, 0, 255).astype(np.uint8))


_DCT = np.cos(np.pi * np.outer(np.arange(32), 2 * np.arange(32) + 1) / 64)


def _phash(data: bytes) -> int:
    """64-bit DCT perceptual hash of the upright, displayable picture (as the CPDb computes it)."""
    image = ImageOps.exif_transpose(_decoded(data))
    if image.mode == "I;16":
        image = _windowed(image)
    small = np.asarray(image.convert("L").resize((32, 32), Image.Resampling.LANCZOS), np.float64)
    low = (_DCT @ small @ _DCT.T)[:8, :8].ravel()
    return int("".join("1" if v > np.median(low) else "0" for v in low), 2)


# ---- determinism -------------------------------------------------------------------------------------------


def test_same_seed_same_pictures_and_a_longer_run_starts_with_a_shorter_one(
    pictures: list[demo.DemoPicture], images: dict[str, bytes]
) -> None:
    again = list(demo.generate(60))
    assert again == pictures[:60]
    assert list(demo.generate(60, seed=7)) == list(demo.generate(120, seed=7))[:60]
    # The same bytes, every time: one picture of each kind of file, drawn again from a fresh generator.
    one_of_each = {p.media_type: p for p in reversed(again)}
    assert set(one_of_each) == set(FORMATS)
    for picture in one_of_each.values():
        assert picture.image() == images[picture.key]
    assert any(p.phone_exif for p in again)
    phone = next(p for p in again if p.phone_exif)
    assert phone.image() == images[phone.key]


def test_any_picture_can_be_made_alone(pictures: list[demo.DemoPicture]) -> None:
    for index in (0, 1, 24, 25, 99, SAMPLE - 1):
        assert demo.demo_picture(index) == pictures[index]


def test_another_seed_gives_other_pictures(pictures: list[demo.DemoPicture]) -> None:
    other = list(demo.generate(50, seed=1))
    assert sum(a.title != b.title for a, b in zip(other, pictures, strict=False)) >= 45
    assert [p.key for p in other] == [
        p.key for p in pictures[:50]
    ]  # keys number the pictures, whatever the seed


def test_keys_are_stable_and_unique(pictures: list[demo.DemoPicture]) -> None:
    keys = [p.key for p in pictures]
    assert keys[0] == "DEMO-PIC-000001" and keys[122] == "DEMO-PIC-000123"
    assert len(set(keys)) == len(keys)
    assert all(re.fullmatch(r"DEMO-PIC-\d{6}", k) for k in keys)


def test_a_negative_count_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        next(demo.generate(-1))
    assert list(demo.generate(0)) == []


# ---- valid against the reference data and the service ------------------------------------------------------


def test_every_code_exists_in_the_reference_data(
    pictures: list[demo.DemoPicture], ref: ReferenceData
) -> None:
    for p in pictures:
        assert ref.heading(p.heading) is not None, p.heading
        commodity = ref.commodity_type(p.commodity_type)
        assert commodity is not None and commodity.heading == p.heading, (p.heading, p.commodity_type)
        assert ref.has_term("concealment_methods", p.concealment_method), p.concealment_method
        assert ref.has_term("transport_modes", p.transport_mode), p.transport_mode
        country = ref.country(p.country)
        assert country is not None and country.wco_member, p.country


def test_every_scenario_is_valid_not_only_the_ones_drawn(ref: ReferenceData) -> None:
    for s in demo.SCENARIOS:
        for code in s.commodities:
            commodity = ref.commodity_type(code)
            assert commodity is not None and commodity.heading == s.heading, code
        assert ref.has_term("concealment_methods", s.concealment) and ref.has_term(
            "transport_modes", s.transport
        )
        for code in s.reporters.split():
            country = ref.country(code)
            assert country is not None and country.wco_member, code
        assert all(ref.country(code) is not None for code in s.origins.split())


def test_the_service_accepts_the_details(pictures: list[demo.DemoPicture], ref: ReferenceData) -> None:
    for p in pictures:
        details: dict[str, Any] = {
            "kind": p.kind,
            "title": p.title,
            "description": p.description,
            "heading": p.heading,
            "commodity_type": p.commodity_type,
            "concealment_method": p.concealment_method,
            "transport_mode": p.transport_mode,
            "country": p.country,
            "tags": list(p.tags),
        }
        valid = validate_details(details, ref, default_country="")
        assert valid.title == p.title and valid.tags == p.tags


# ---- the mix -----------------------------------------------------------------------------------------------


def test_the_mix_of_kinds_and_files(pictures: list[demo.DemoPicture]) -> None:
    kinds = Counter(p.kind for p in pictures)
    assert set(kinds) == {"photo", "xray"}
    assert 0.2 <= kinds["xray"] / len(pictures) <= 0.4
    for p in pictures:
        assert (
            p.media_type == "image/jpeg" if p.kind == "photo" else p.media_type in ("image/tiff", "image/png")
        )
        assert (
            p.filename.rsplit(".", 1)[1]
            == {"image/jpeg": "jpg", "image/png": "png", "image/tiff": "tif"}[p.media_type]
        )
    files = Counter(p.media_type for p in pictures)
    assert files["image/tiff"] > 10 and files["image/png"] > 10


def test_the_mix_of_headings_and_concealments(pictures: list[demo.DemoPicture]) -> None:
    headings = Counter(p.heading for p in pictures)
    assert len(headings) >= 8
    (first, first_count), (second, _) = headings.most_common(2)
    assert {first, second} == {"drugs", "tobacco"}  # as in the CEN database: drugs, then tobacco
    assert first_count <= len(pictures) * 0.5
    assert len({p.concealment_method for p in pictures}) >= 10
    assert len({p.transport_mode for p in pictures}) >= 5
    assert len({p.commodity_type for p in pictures}) >= 25
    assert len({p.country for p in pictures}) >= 40
    assert len({p.scene for p in pictures}) == len(demo.PHOTO_SCENES)


def test_combinations_are_realistic(pictures: list[demo.DemoPicture]) -> None:
    modes: dict[str, set[str]] = {}
    for p in pictures:
        modes.setdefault(p.concealment_method, set()).add(p.transport_mode)
    assert modes["container_rip_on_rip_off"] == {"sea"}
    assert modes["luggage_false_bottom"] == {"air"}
    assert modes["postal_item"] <= {"postal", "express_courier"}
    assert modes["vehicle_built_in_compartment"] <= {"road"}
    swallowed = [p for p in pictures if p.concealment_method == "body_carrier_swallowed"]
    assert swallowed and all(p.commodity_type in ("cocaine", "heroin") for p in swallowed)


# ---- the words ---------------------------------------------------------------------------------------------


def test_titles_descriptions_and_tags(pictures: list[demo.DemoPicture]) -> None:
    titles = [p.title for p in pictures]
    assert len(set(titles)) >= 0.8 * len(titles)
    assert len({p.description for p in pictures}) >= 0.95 * len(pictures)
    for p in pictures:
        assert 3 <= len(p.title) <= 200 and not p.title[0].islower(), p.title
        assert "{" not in p.title + p.description, p
        sentences = re.findall(r"[.!?](?:\s|$)", p.description)
        assert 2 <= len(sentences) <= 4, p.description
        assert 1 <= len(p.tags) <= 5
        assert all(t == t.lower() and re.fullmatch(r"[\w\- ]{1,40}", t) for t in p.tags), p.tags
        assert (p.kind == "xray") == ("x-ray" in p.title.lower() or "scan image" in p.title.lower())


def test_descriptions_name_the_goods_and_the_country(
    pictures: list[demo.DemoPicture], ref: ReferenceData
) -> None:
    for p in pictures:
        goods = demo.GOODS[p.commodity_type].phrase.split("{q}")[1].strip().split()[-1]
        assert goods.lower() in p.description.lower(), (goods, p.description)
        country = ref.country(p.country)
        assert country is not None
        spoken = demo.SPOKEN_NAMES.get(p.country, country.name.split(",")[0])
        assert spoken in p.description, (spoken, p.description)


# ---- the images --------------------------------------------------------------------------------------------


def test_images_decode_as_stated(pictures: list[demo.DemoPicture], images: dict[str, bytes]) -> None:
    for p in pictures:
        data = images[p.key]
        assert len(data) < MAX_BYTES, (p.key, len(data))
        image = _decoded(data)
        assert (image.format, image.mode) == FORMATS[p.media_type], p.key
        assert image.size == (p.width, p.height)
    photo_sizes = {(p.width, p.height) for p in pictures if p.kind == "photo"}
    assert len(photo_sizes) >= 3 and all(640 <= max(s) <= 1280 for s in photo_sizes)


def test_raw_scans_are_16_bit_in_a_narrow_band(
    pictures: list[demo.DemoPicture], images: dict[str, bytes]
) -> None:
    raw = [p for p in pictures if p.media_type == "image/tiff"]
    assert raw
    for p in raw:
        values = np.asarray(_decoded(images[p.key]))
        assert values.dtype == np.uint16
        assert values.min() >= demo.XRAY_MIN and values.max() <= demo.XRAY_MAX
        assert values.max() - values.min() > 10_000  # dense goods and open air both in the picture
        assert not (values % demo.XRAY_ADC_STEP).any()  # a 12-bit detector's steps
        air, dense = np.percentile(values, (99, 1))
        assert air > 38_000 and dense < 32_000  # the air is light, dense goods are dark


def test_rendered_scans_and_photos_have_light_and_dark(
    pictures: list[demo.DemoPicture], images: dict[str, bytes]
) -> None:
    for p in pictures:
        if p.media_type == "image/tiff":
            continue
        grey = np.asarray(_decoded(images[p.key]).convert("L"))
        assert grey.std() > 15, p.key  # not a flat fill
        if p.media_type == "image/png":
            assert np.percentile(grey, 90) > 200  # scans: light where the beam passes freely
            assert np.percentile(grey, 2) < 90  # dark where it is dense


def test_some_photos_are_phone_pictures_with_location_and_orientation(
    pictures: list[demo.DemoPicture], images: dict[str, bytes], ref: ReferenceData
) -> None:
    phones = [p for p in pictures if p.phone_exif]
    assert len(phones) == SAMPLE // demo.PHONE_PHOTO_EVERY
    assert all(p.kind == "photo" for p in phones)
    orientations = set()
    for p in phones:
        image = _decoded(images[p.key])
        exif = image.getexif()
        orientations.add(exif[ORIENTATION])
        gps = exif.get_ifd(GPS_IFD)
        assert gps[1] in ("N", "S") and gps[3] in ("E", "W")
        lat = sum(float(v) / 60**i for i, v in enumerate(gps[2])) * (1 if gps[1] == "N" else -1)
        lon = sum(float(v) / 60**i for i, v in enumerate(gps[4])) * (1 if gps[3] == "E" else -1)
        country = ref.country(p.country)
        assert country is not None
        assert abs(lat - country.lat) < 0.5 and abs(lon - country.lon) < 0.5
        upright = ImageOps.exif_transpose(image)
        sideways = exif[ORIENTATION] in (6, 8)
        assert upright.size == ((p.height, p.width) if sideways else (p.width, p.height))
    assert 6 in orientations
    for p in pictures:
        if not p.phone_exif and p.media_type == "image/jpeg":
            exif = _decoded(images[p.key]).getexif()
            assert GPS_IFD not in exif and ORIENTATION not in exif


def test_pictures_are_told_apart_by_their_perceptual_hash(
    pictures: list[demo.DemoPicture], images: dict[str, bytes]
) -> None:
    hashes = np.array([_phash(images[p.key]) for p in pictures], dtype=np.uint64)
    assert len(set(hashes.tolist())) == len(hashes)
    # A recompressed copy differs in a few bits; two different demo pictures must differ in more.
    bits = np.unpackbits(hashes.view(np.uint8).reshape(-1, 8), axis=1)
    distances = (bits[:, None, :] != bits[None, :, :]).sum(axis=2)
    np.fill_diagonal(distances, 64)
    assert distances.min() >= 4
    assert np.median(distances.min(axis=1)) >= 10


def test_drawing_time_is_reported_not_asserted(
    pictures: list[demo.DemoPicture], record_property: Any
) -> None:
    sample = pictures[:60]
    started = time.perf_counter()
    for p in sample:
        p.image()
    per_picture = (time.perf_counter() - started) / len(sample) * 1000
    record_property("demo_picture_ms", round(per_picture, 1))
    print(f"demo pictures: {per_picture:.1f} ms per picture")
