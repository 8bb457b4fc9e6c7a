"""Unit tests of the CPDb picture intake: identification, hostile files, metadata stripping, renditions, hashes."""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from cen_cpdb import imaging
from cen_cpdb.imaging import Rejected, hamming, phash, process, sniff
from PIL import ExifTags, Image, ImageCms

# Traces of metadata that must never reach a rendition.
METADATA_TRACES = (b"Exif", b"GPS", b"http://ns.adobe.com/xap", b"CENTEST", b"ICC_PROFILE", b"SECRET")

# ---- generated pictures ------------------------------------------------------------------------------------


def photo(width: int = 640, height: int = 480, seed: int = 1) -> Image.Image:
    """A photo-like RGB picture: smooth random shapes of colour plus a little sensor noise."""
    rng = np.random.default_rng(seed)
    coarse = rng.uniform(0, 255, size=(6, 8, 3)).astype(np.uint8)
    smooth = np.asarray(Image.fromarray(coarse).resize((width, height), Image.Resampling.BICUBIC), np.float32)
    noisy = smooth + rng.normal(0, 6, size=smooth.shape)
    return Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))


def encoded(image: Image.Image, format_name: str, **options: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format_name, **options)
    return buffer.getvalue()


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def exif_with_gps_and_thumbnail(orientation: int, thumbnail: bytes) -> bytes:
    """EXIF as a camera writes it, built by hand: Make, Orientation, a GPS position and an IFD1 thumbnail."""

    def ifd(entries: list[tuple[int, int, int, bytes]], next_ifd: int) -> bytes:
        packed = b"".join(
            struct.pack("<HHI", tag, kind, count) + value for tag, kind, count, value in entries
        )
        return struct.pack("<H", len(entries)) + packed + struct.pack("<I", next_ifd)

    def ifd_size(entries: int) -> int:
        return 2 + 12 * entries + 4

    make, method = b"CENTEST\0", b"ASCII\0\0\0GPS"
    latitude, longitude = (
        struct.pack("<6I", 52, 1, 22, 1, 1234, 100),
        struct.pack("<6I", 4, 1, 53, 1, 5678, 100),
    )
    gps_at = 8 + ifd_size(3)
    ifd1_at = gps_at + ifd_size(5)
    make_at = ifd1_at + ifd_size(3)
    latitude_at = make_at + len(make)
    longitude_at = latitude_at + len(latitude)
    method_at = longitude_at + len(longitude)
    thumbnail_at = method_at + len(method)
    ifd0 = ifd(
        [
            (0x010F, 2, len(make), struct.pack("<I", make_at)),
            (0x0112, 3, 1, struct.pack("<HH", orientation, 0)),
            (0x8825, 4, 1, struct.pack("<I", gps_at)),
        ],
        ifd1_at,
    )
    gps = ifd(
        [
            (0x0001, 2, 2, b"N\0\0\0"),
            (0x0002, 5, 3, struct.pack("<I", latitude_at)),
            (0x0003, 2, 2, b"E\0\0\0"),
            (0x0004, 5, 3, struct.pack("<I", longitude_at)),
            (0x001B, 7, len(method), struct.pack("<I", method_at)),
        ],
        0,
    )
    ifd1 = ifd(
        [
            (0x0103, 3, 1, struct.pack("<HH", 6, 0)),
            (0x0201, 4, 1, struct.pack("<I", thumbnail_at)),
            (0x0202, 4, 1, struct.pack("<I", len(thumbnail))),
        ],
        0,
    )
    tiff = (
        b"II*\0" + struct.pack("<I", 8) + ifd0 + gps + ifd1 + make + latitude + longitude + method + thumbnail
    )
    return b"Exif\0\0" + tiff


def camera_jpeg() -> bytes:
    """A 1600 x 1200 JPEG stored sideways (orientation 6) with every kind of metadata a camera or editor adds.

    Its top-left quarter is red, so that the upright picture has red at the top right.
    """
    picture = photo(1600, 1200)
    picture.paste((255, 0, 0), (0, 0, 800, 600))
    embedded = encoded(photo(160, 120, seed=9), "JPEG", comment=b"SECRET-EMBEDDED-THUMBNAIL")
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="CENTEST"/>'
        b"</rdf:RDF></x:xmpmeta>"
    )
    return encoded(
        picture,
        "JPEG",
        quality=90,
        exif=exif_with_gps_and_thumbnail(6, embedded),
        xmp=xmp,
        comment=b"SECRET comment",
        icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
    )


def png_declaring(width: int, height: int) -> bytes:
    """A small valid PNG whose header is patched to declare another size (with a correct checksum)."""
    data = bytearray(encoded(Image.new("L", (8, 8)), "PNG"))
    assert data[12:16] == b"IHDR"
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def jpeg_declaring(width: int, height: int) -> bytes:
    """A small JPEG whose frame header (SOF0) is patched to declare another size."""
    data = bytearray(encoded(Image.new("RGB", (8, 8)), "JPEG"))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def assert_clean(rendition: bytes) -> None:
    """No trace of metadata: not in the bytes, not for Pillow."""
    for trace in METADATA_TRACES:
        assert trace not in rendition, trace
    image = opened(rendition)
    assert len(image.getexif()) == 0
    assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile", "photoshop"} & set(image.info)
    assert not any(key.lower().startswith(("raw profile", "comment", "description")) for key in image.info)


def longest_side(data: bytes) -> int:
    return max(opened(data).size)


# ---- identification ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (encoded(photo(16, 16), "JPEG"), "jpeg"),
        (encoded(photo(16, 16), "PNG"), "png"),
        (encoded(photo(16, 16), "TIFF"), "tiff"),
        (encoded(photo(16, 16), "WEBP"), "webp"),
        (b"MM\x00*\x00\x00\x00\x08", "tiff"),
    ],
)
def test_sniff_reads_the_content(data: bytes, kind: str) -> None:
    assert sniff(data[: imaging.SNIFF_BYTES]) == kind


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "HTML"),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "SVG"),
        (b'\xef\xbb\xbf  <svg xmlns="http://www.w3.org/2000/svg"></svg>', "SVG"),
        (encoded(Image.new("P", (8, 8)), "GIF"), "GIF"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "ZIP"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "HEIC"),
        (np.random.default_rng(5).bytes(4096), "not a JPEG"),
        (b"\xff\xd8", "not a JPEG"),
    ],
)
def test_files_that_are_not_pictures_are_rejected_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(Rejected) as rejected:
        process(data)
    assert reason in rejected.value.reason


@pytest.mark.parametrize(
    "content",
    [
        b"<html><head><title>photo</title></head><body><img src=x onerror=alert(1)></body></html>",
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
    ],
)
def test_markup_named_like_a_jpeg_is_rejected(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "concealment.jpg"
    path.write_bytes(content)
    with pytest.raises(Rejected, match=r"not a picture|not accepted"):
        process(path)


def test_a_png_named_like_a_jpeg_is_a_png(tmp_path: Path) -> None:
    path = tmp_path / "concealment.jpg"
    path.write_bytes(encoded(photo(), "PNG"))
    assert process(path).kind_detected == "png"


def test_a_file_over_the_byte_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imaging, "MAX_INPUT_BYTES", 1000)
    path = tmp_path / "big.jpg"
    path.write_bytes(encoded(photo(), "JPEG"))
    with pytest.raises(Rejected, match="larger than the limit"):
        process(path)
    with pytest.raises(Rejected, match="larger than the limit"):
        process(path.read_bytes())


# ---- hostile and damaged files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        png_declaring(100_000, 100_000),  # Pillow's own bomb error
        png_declaring(9_500, 9_500),  # between Pillow's warning and error thresholds
        png_declaring(10_000, 8_500),  # over our limit, under Pillow's
        jpeg_declaring(60_000, 60_000),
    ],
    ids=["png-100k-squared", "png-pillow-warning", "png-over-limit", "jpeg-60k-squared"],
)
def test_decompression_bombs_are_rejected_from_the_header(data: bytes) -> None:
    # The files hold 8 x 8 pixels: a "damaged" reason would mean that decoding was attempted.
    with pytest.raises(Rejected, match="megapixels"):
        process(data)


@pytest.mark.parametrize(("width", "height"), [(imaging.MAX_SIDE + 1, 100), (100, 65_000)])
def test_absurd_sides_are_rejected(width: int, height: int) -> None:
    with pytest.raises(Rejected, match="a side may be at most"):
        process(png_declaring(width, height))


def test_a_truncated_jpeg_is_rejected() -> None:
    data = encoded(photo(), "JPEG", quality=90)
    for cut in (len(data) // 2, 400):
        with pytest.raises(Rejected, match="damaged or truncated"):
            process(data[:cut])


def test_a_broken_png_is_rejected() -> None:
    data = encoded(photo(), "PNG")
    with pytest.raises(Rejected, match="damaged or truncated"):
        process(data[: len(data) // 2])
    corrupt = bytearray(data)
    middle = len(data) // 2
    corrupt[middle : middle + 64] = bytes(range(64))
    with pytest.raises(Rejected, match="damaged or truncated"):
        process(bytes(corrupt))


def test_a_zip_appended_to_a_jpeg_does_not_survive() -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("payload.txt", "SECRET instructions")
    data = encoded(photo(), "JPEG", comment=b"SECRET comment") + archive.getvalue()
    result = process(data)
    assert result.sha256 == hashlib.sha256(data).hexdigest()
    for rendition in (result.thumbnail, result.preview):
        assert b"PK\x03\x04" not in rendition
        assert b"payload" not in rendition
        assert_clean(rendition)


# ---- renditions --------------------------------------------------------------------------------------------


def test_a_camera_jpeg_is_turned_upright_and_loses_all_metadata() -> None:
    data = camera_jpeg()
    source = opened(data)  # the input really carries what must go
    assert source.getexif()[ExifTags.Base.Orientation] == 6
    assert source.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert all(trace in data for trace in METADATA_TRACES)
    assert data.count(b"\xff\xd8\xff") == 2  # the picture and its embedded thumbnail

    result = process(data)

    assert (result.kind_detected, result.media_type, result.xray) == ("jpeg", "image/jpeg", False)
    assert (result.width, result.height) == (1200, 1600)
    assert result.sha256 == hashlib.sha256(data).hexdigest()
    preview, thumbnail = opened(result.preview), opened(result.thumbnail)
    assert (preview.size, thumbnail.size) == ((960, 1280), (192, 256))
    assert preview.mode == thumbnail.mode == "RGB"
    red, green, blue = preview.getpixel((900, 60))  # the stored top-left, now at the top right
    assert red > 200 and green < 60 and blue < 60
    assert opened(result.full).size == (1200, 1600)  # every pixel, upright
    for rendition in (result.thumbnail, result.preview, result.full):
        assert_clean(rendition)
        assert rendition.count(b"\xff\xd8\xff") == 1


def test_a_small_picture_is_never_upscaled() -> None:
    result = process(encoded(photo(200, 100), "PNG"))
    assert opened(result.preview).size == opened(result.thumbnail).size == (200, 100)
    assert (result.width, result.height) == (200, 100)


def test_a_cmyk_jpeg_becomes_rgb() -> None:
    picture = Image.new("CMYK", (400, 300), (0, 255, 255, 0))  # red ink
    result = process(encoded(picture, "JPEG"))
    preview = opened(result.preview)
    assert preview.mode == "RGB"
    red, green, blue = preview.getpixel((200, 150))
    assert red > 200 and green < 60 and blue < 60


@pytest.mark.parametrize("format_name", ["PNG", "WEBP", "TIFF"])
def test_transparency_is_flattened_onto_white(format_name: str) -> None:
    picture = Image.new("RGBA", (400, 300), (0, 0, 0, 0))  # transparent black
    picture.paste((200, 0, 0, 255), (0, 0, 200, 300))  # opaque red left half
    options = {"lossless": True} if format_name == "WEBP" else {}
    result = process(encoded(picture, format_name, **options))
    assert result.media_type == "image/jpeg"
    preview = opened(result.preview)
    assert preview.mode == "RGB"
    assert min(preview.getpixel((350, 150))) > 245  # transparent -> white, not black
    red, green, blue = preview.getpixel((50, 150))
    assert red > 170 and green < 40 and blue < 40


def test_a_palette_png_with_a_transparent_colour_is_flattened() -> None:
    picture = Image.new("P", (100, 100), 0)
    picture.putpalette([0, 0, 0, 0, 0, 255] + [0] * 762)
    picture.paste(1, (0, 0, 50, 100))
    result = process(encoded(picture, "PNG", transparency=0), xray=False)
    preview = opened(result.preview)
    assert preview.getpixel((10, 50))[2] > 200  # blue stays
    assert min(preview.getpixel((90, 50))) > 245  # the transparent index is white


@pytest.mark.parametrize("format_name", ["JPEG", "PNG", "TIFF", "WEBP"])
def test_every_accepted_format_gives_both_renditions(format_name: str) -> None:
    result = process(encoded(photo(2000, 1000), format_name))
    assert result.kind_detected == format_name.lower()
    assert result.original_type == f"image/{format_name.lower()}"
    assert (result.width, result.height) == (2000, 1000)
    assert opened(result.preview).size == (1280, 640)
    assert opened(result.thumbnail).size == (256, 128)


def test_png_metadata_does_not_survive() -> None:
    from PIL import PngImagePlugin

    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "SECRET GPS 52.3676 4.9041")
    text.add_itxt("XML:com.adobe.xmp", '<x:xmpmeta xmp="http://ns.adobe.com/xap/1.0/">CENTEST</x:xmpmeta>')
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "CENTEST"
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = encoded(photo().convert("L"), "PNG", pnginfo=text, exif=exif, icc_profile=srgb)
    result = process(data)
    assert (result.xray, result.media_type) == (True, "image/png")
    for rendition in (result.thumbnail, result.preview):
        assert_clean(rendition)
        assert opened(rendition).info == {}


# ---- x-rays ------------------------------------------------------------------------------------------------


def xray_values(width: int = 600, height: int = 400) -> np.ndarray[Any, np.dtype[np.uint16]]:
    """A detector image using a narrow part of the 16-bit range (1,000-1,400) with a dense object inside."""
    y, x = np.mgrid[0:height, 0:width]
    values = 1000 + 300 * x / width + 20 * np.sin(y / 7)
    values[100:300, 200:400] += 80  # the concealed object
    values[0, 0], values[-1, -1] = 0, 65535  # a dead and a hot pixel must not flatten the window
    return values.astype(np.uint16)


@pytest.mark.parametrize("dtype", ["<u2", ">u2", "<i4", "<f4"])
def test_a_high_bit_xray_is_windowed_to_8_bits(dtype: str) -> None:
    source = Image.fromarray(xray_values().astype(dtype))
    assert source.mode in ("I;16", "I;16B", "I", "F")
    result = process(encoded(source, "TIFF"))
    assert (result.kind_detected, result.xray, result.media_type) == ("tiff", True, "image/png")
    preview = opened(result.preview)
    assert preview.mode == "L"
    pixels = np.asarray(preview)
    # A plain shift to 8 bits gives 3-5 everywhere, a plain conversion 255 everywhere.
    assert np.percentile(pixels, 99) - np.percentile(pixels, 1) > 180
    assert len(np.unique(pixels)) > 100
    assert int(pixels[200, 390]) - int(pixels[200, 410]) > 20  # the object stands out from its surroundings


def test_a_16_bit_png_xray_is_windowed_too() -> None:
    result = process(encoded(Image.fromarray(xray_values()), "PNG"))
    assert result.xray
    pixels = np.asarray(opened(result.preview))
    assert pixels.std() > 30


def test_a_flat_xray_does_not_fail() -> None:
    result = process(encoded(Image.fromarray(np.full((50, 50), 1200, np.uint16)), "TIFF"))
    assert opened(result.preview).size == (50, 50)


def test_the_caller_decides_photo_or_xray() -> None:
    grey = encoded(photo().convert("L"), "JPEG")
    assert process(grey).xray
    assert process(grey, xray=False).media_type == "image/jpeg"
    false_colour = encoded(photo(), "PNG")  # scanners often colour materials: still an x-ray
    result = process(false_colour, xray=True)
    assert (result.media_type, opened(result.preview).mode) == ("image/png", "RGB")


# ---- hashes ------------------------------------------------------------------------------------------------


def test_phash_finds_resized_and_recompressed_copies() -> None:
    original = photo(1200, 900, seed=3)
    copy = opened(encoded(original.resize((500, 375), Image.Resampling.BILINEAR), "JPEG", quality=60))
    other = photo(1200, 900, seed=4)
    assert hamming(phash(original), phash(copy)) <= 8
    assert hamming(phash(original), phash(other)) > 20


def test_process_gives_copies_close_hashes() -> None:
    original = photo(1600, 1200, seed=7)
    first = process(encoded(original, "JPEG", quality=92))
    copy = process(encoded(original.resize((640, 480)), "WEBP", quality=50))
    other = process(encoded(photo(1600, 1200, seed=8), "JPEG", quality=92))
    assert first.sha256 != copy.sha256
    assert hamming(first.phash, copy.phash) <= 8
    assert hamming(first.phash, other.phash) > 20


def test_the_hash_of_an_upload_is_the_hash_process_gives() -> None:
    data = camera_jpeg()
    assert imaging.perceptual_hash_of(data) == process(data).phash
    with pytest.raises(Rejected, match="megapixels"):
        imaging.perceptual_hash_of(png_declaring(100_000, 100_000))


def test_phash_fits_a_signed_bigint() -> None:
    hashes = [phash(photo(64, 64, seed=seed)) for seed in range(20)]
    assert all(-(2**63) <= value < 2**63 for value in hashes)
    assert any(value < 0 for value in hashes)  # the top bit is used, so the sign must be too


def test_hamming() -> None:
    assert hamming(0, 0) == 0
    assert hamming(0b1011, 0b0001) == 2
    assert hamming(0, -1) == 64
    assert hamming(-(2**63), 2**63 - 1) == 64


def test_a_big_jpeg_is_decoded_at_reduced_scale() -> None:
    # The throughput target depends on it: the DCT scaling decodes a quarter of the pixels here.
    data = encoded(Image.new("RGB", (2600, 1400), (90, 120, 150)), "JPEG")
    with Image.open(io.BytesIO(data)) as image:
        reduced = imaging._decode_reduced(image, imaging.PREVIEW_SIDE)
        assert image.size == (1300, 700)
    assert reduced.size == (1280, 689)


def test_the_full_copy_of_a_huge_picture_is_reduced() -> None:
    # Memory stays bounded: beyond FULL_SIDE the full copy is reduced (and a JPEG decoded at reduced scale).
    data = encoded(Image.new("RGB", (9000, 6000), (90, 120, 150)), "JPEG")
    result = process(data)
    assert (result.width, result.height) == (9000, 6000)
    assert longest_side(result.full) == imaging.FULL_SIDE
