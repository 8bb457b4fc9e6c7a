"""Picture intake for the CPDb: identify, refuse hostile files, strip metadata, render previews, hash.

Pure functions over bytes, no storage: the Celery task that receives an upload calls `process()`, keeps the
untouched original privately and publishes only the re-encoded thumbnail and preview, which carry no
metadata at all (EXIF and its GPS position, XMP, comments, embedded thumbnails, trailing bytes).

Memory stays bounded: the limits below are checked on the header before any pixel is decoded, JPEGs (the
usual case) decode at 1/2 to 1/8 scale straight from the DCT coefficients, and everything after the
first reduction works on at most PREVIEW_SIDE pixels. Worst case is a non-JPEG at MAX_PIXELS with alpha:
about two full frames of 4 bytes per pixel while it is reduced.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

import numpy as np
from PIL import ExifTags, Image, ImageCms

MAX_INPUT_BYTES = 50 * 1024 * 1024
MAX_SIDE = 20_000
# 80 MP is above phone and most camera sensors (up to 61 MP) and x-ray scanners, and below Pillow's own
# bomb threshold (Image.MAX_IMAGE_PIXELS, about 89.5 MP), so one limit holds whichever check fires first.
MAX_PIXELS = 80_000_000
# Larger colour profiles are dropped rather than parsed (colours fall back to a plain conversion).
MAX_ICC_BYTES = 1024 * 1024

THUMBNAIL_SIDE = 256
PREVIEW_SIDE = 1280
# The full-size copy served instead of the original (which keeps its metadata and is never served): phone
# pictures keep every pixel; bigger ones are reduced, so that a worker never holds more than about 16 MP.
FULL_SIDE = 4096
JPEG_QUALITY = 85
# Enough of the file's start for `sniff()`.
SNIFF_BYTES = 32

JPEG_MEDIA_TYPE = "image/jpeg"
PNG_MEDIA_TYPE = "image/png"
_MEDIA_TYPES = {"jpeg": JPEG_MEDIA_TYPE, "png": PNG_MEDIA_TYPE, "tiff": "image/tiff", "webp": "image/webp"}

# What Pillow may call each sniffed kind; a camera's multi-picture JPEG opens as MPO.
_PILLOW_FORMATS = {"jpeg": ("JPEG",), "png": ("PNG",), "tiff": ("TIFF",), "webp": ("WEBP",)}
_OPENED_AS = {"jpeg": {"JPEG", "MPO"}, "png": {"PNG"}, "tiff": {"TIFF"}, "webp": {"WEBP"}}

_HIGH_BIT_MODES = frozenset({"I;16", "I;16L", "I;16B", "I;16N", "I", "F"})
_GRAYSCALE_MODES = _HIGH_BIT_MODES | {"1", "L", "LA"}
_SUPPORTED_MODES = _GRAYSCALE_MODES | {"P", "PA", "RGB", "RGBA", "RGBX", "CMYK", "YCbCr"}

# The EXIF orientation -> the transposition that makes the picture upright (as ImageOps.exif_transpose).
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}

# Pillow's decoders raise any of these on damaged or hostile input (UnidentifiedImageError is an OSError).
_UNREADABLE = (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError, KeyError)

# The x-ray window: the darkest and brightest 0.5 % are clipped so a few hot or dead pixels cannot
# squeeze the rest of the range into a handful of grey levels.
_WINDOW_PERCENTILES = (0.5, 99.5)

_PHASH_SIZE = 32
_PHASH_BITS_SIDE = 8
# DCT-II basis (unnormalised, as scipy's dct): the phash of an N x N picture is C @ X @ C.T.
_DCT = np.cos(np.pi * np.outer(np.arange(_PHASH_SIZE), 2 * np.arange(_PHASH_SIZE) + 1) / (2 * _PHASH_SIZE))
_MASK64 = (1 << 64) - 1

_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class Rejected(Exception):
    """The file is not a picture the CPDb accepts; `reason` says why, in words for the person uploading it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Processed:
    """What the CPDb keeps of an accepted picture, besides the untouched original."""

    kind_detected: str  # "jpeg" | "png" | "tiff" | "webp", from the content, never the name
    original_type: str  # media type of the original, from the content: "image/jpeg", "image/tiff", ...
    width: int  # of the original, upright (EXIF orientation applied)
    height: int
    xray: bool  # rendered as an x-ray: lossless PNG, 16-bit values windowed to 8 bits
    sha256: str  # hex digest of the original bytes: exact duplicates
    phash: int  # signed 64-bit perceptual hash (fits a PostgreSQL bigint): near duplicates
    thumbnail: bytes  # longest side at most THUMBNAIL_SIDE, never upscaled
    preview: bytes  # longest side at most PREVIEW_SIDE, never upscaled
    full: bytes  # the whole picture (longest side at most FULL_SIDE), re-encoded like the others
    media_type: str  # of thumbnail, preview and full


# ---- identification ----------------------------------------------------------------------------------------

_ACCEPTED_SIGNATURES = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"II+\x00", "tiff"),  # BigTIFF
    (b"MM\x00+", "tiff"),
)
# What people commonly send instead, with the reason they get back.
_REFUSED_SIGNATURES = (
    (b"GIF8", "GIF pictures are not accepted; send the picture as JPEG, PNG, TIFF or WebP"),
    (b"%PDF", "this is a PDF document, not a picture"),
    (b"PK\x03\x04", "this is a ZIP archive (or an Office document), not a picture"),
    (b"PK\x05\x06", "this is an empty ZIP archive, not a picture"),
)
_ACCEPTED_NAMES = "JPEG, PNG, TIFF or WebP"


def sniff(head: bytes) -> str:
    """The kind of picture the first bytes of a file announce: "jpeg", "png", "tiff" or "webp".

    `head` needs SNIFF_BYTES bytes (fewer only for shorter files). Raises Rejected for anything else.
    """
    if not head:
        raise Rejected("the file is empty")
    for signature, kind in _ACCEPTED_SIGNATURES:
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    for signature, reason in _REFUSED_SIGNATURES:
        if head.startswith(signature):
            raise Rejected(reason)
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1", b"avif", b"avis"):
            raise Rejected(
                f"HEIC/HEIF and AVIF pictures are not accepted; export the picture as {_ACCEPTED_NAMES}"
            )
        raise Rejected("this is a video or other media file, not a picture")
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<"):
        if b"<svg" in text:
            raise Rejected(
                "SVG drawings are not accepted (they can carry scripts); send a JPEG, PNG, TIFF or WebP"
            )
        if b"html" in text:
            raise Rejected("this is an HTML page, not a picture")
        raise Rejected("this is a text document (HTML, SVG or XML), not a picture")
    raise Rejected(f"this is not a {_ACCEPTED_NAMES} picture")


# ---- processing --------------------------------------------------------------------------------------------


def process(source: bytes | os.PathLike[str], *, xray: bool | None = None) -> Processed:
    """Check a picture and render its thumbnail, preview and full-size copy, free of metadata, with its hashes.

    `source` is the uploaded file's bytes or a path to it. `xray=None` decides from the colour mode:
    16-bit and single-channel grayscale pictures are x-rays. Raises Rejected with a reason for a file
    that is not an accepted picture, too large, damaged or truncated.
    """
    data = _read(source)
    # One decode at full size serves every rendition: the full copy costs a full decode anyway.
    full = _upright_preview(data, FULL_SIDE)
    picture = replace(full, preview=_fit(full.preview, PREVIEW_SIDE))
    xray = picture.grayscale if xray is None else xray
    encode, media_type = (_encode_png, PNG_MEDIA_TYPE) if xray else (_encode_jpeg, JPEG_MEDIA_TYPE)
    return Processed(
        kind_detected=picture.kind,
        original_type=_MEDIA_TYPES[picture.kind],
        width=picture.width,
        height=picture.height,
        xray=xray,
        sha256=hashlib.sha256(data).hexdigest(),
        phash=phash(picture.preview),
        thumbnail=encode(_fit(picture.preview, THUMBNAIL_SIDE)),
        preview=encode(picture.preview),
        full=encode(full.preview),
        media_type=media_type,
    )


def perceptual_hash_of(source: bytes | os.PathLike[str]) -> int:
    """The phash process() would give a file, with the same checks but no renditions (to search by upload)."""
    return phash(_upright_preview(_read(source)).preview)


@dataclass(frozen=True)
class _Preview:
    kind: str
    width: int  # of the original, upright
    height: int
    grayscale: bool  # as decoded: 16-bit or single channel
    preview: Image.Image  # upright, "L" or "RGB", longest side at most the side asked for


def _upright_preview(data: bytes, side: int = PREVIEW_SIDE) -> _Preview:
    kind = sniff(data[:SNIFF_BYTES])
    with _untrusted_pixels(kind), Image.open(io.BytesIO(data), formats=_PILLOW_FORMATS[kind]) as image:
        _check_header(image, kind)
        width, height = image.size
        grayscale = image.mode in _GRAYSCALE_MODES
        reduced = _decode_reduced(image, side)
        orientation = _orientation(image)
        icc = image.info.get("icc_profile")
    preview = _upright(_display_ready(reduced, icc if isinstance(icc, bytes) else None), orientation)
    if orientation >= 5:  # a quarter turn
        width, height = height, width
    return _Preview(kind, width, height, grayscale, preview)


def _read(source: bytes | os.PathLike[str]) -> bytes:
    if isinstance(source, bytes):
        data = source
    else:
        with open(source, "rb") as file:
            data = file.read(MAX_INPUT_BYTES + 1)  # never more than one byte past the limit
    if len(data) > MAX_INPUT_BYTES:
        raise Rejected(f"the file is larger than the limit of {MAX_INPUT_BYTES // (1024 * 1024)} MiB")
    return data


@contextmanager
def _untrusted_pixels(kind: str) -> Iterator[None]:
    """Turns whatever Pillow raises on a hostile or damaged file into a Rejected with a reason."""
    # catch_warnings changes process-wide state: fine in Celery's prefork workers, not in threads.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module="PIL")  # "possibly corrupt EXIF" etc.
        # Between its two thresholds Pillow only warns about a decompression bomb; it must stop us too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            yield
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise Rejected(_too_many_pixels()) from None
        except _UNREADABLE as error:
            raise Rejected(f"the {kind.upper()} file is damaged or truncated and cannot be read") from error


def _too_many_pixels() -> str:
    return f"the picture has more than the limit of {MAX_PIXELS // 1_000_000} megapixels"


def _check_header(image: Image.Image, kind: str) -> None:
    """Size and colour mode, read from the header alone: nothing is decoded yet."""
    if image.format not in _OPENED_AS[kind]:
        raise Rejected(f"this is not a {_ACCEPTED_NAMES} picture")
    width, height = image.size
    if width < 1 or height < 1:
        raise Rejected("the picture has no pixels")
    if max(width, height) > MAX_SIDE:
        raise Rejected(f"the picture is {width} x {height} pixels; a side may be at most {MAX_SIDE} pixels")
    if width * height > MAX_PIXELS:
        raise Rejected(_too_many_pixels())
    if image.mode not in _SUPPORTED_MODES:
        raise Rejected(f"pictures in the colour mode {image.mode} are not supported")


def _decode_reduced(image: Image.Image, side: int) -> Image.Image:
    """The decoded picture with its longest side at most `side`, in a mode that resizes well."""
    if image.format in _OPENED_AS["jpeg"]:
        width, height = image.size
        scale = side / max(width, height)
        if scale < 1:
            # DCT scaling (1/2, 1/4, 1/8) never goes below the size asked for: a 12 MP photo decodes
            # at 3 MP for a 1280 px preview, four times less memory and much less time.
            image.draft(image.mode, (math.ceil(width * scale), math.ceil(height * scale)))
    image.load()
    if image.mode == "1":
        image = image.convert("L")  # resizing a bilevel picture would fall back to nearest neighbour
    elif image.mode in ("P", "PA") or (image.mode in ("L", "RGB") and "transparency" in image.info):
        # Palettes and single transparent colours become a real alpha channel, flattened later.
        transparent = image.mode == "PA" or "transparency" in image.info
        image = image.convert("RGBA" if transparent else "RGB")
    return _fit(image, side)


def _orientation(image: Image.Image) -> int:
    """The EXIF (or XMP) orientation, 1 when absent or unreadable: metadata is optional, pixels are not."""
    try:
        value = image.getexif().get(ExifTags.Base.Orientation, 1)
    except _UNREADABLE:
        return 1
    return value if isinstance(value, int) and value in _UPRIGHT else 1


def _fit(image: Image.Image, side: int) -> Image.Image:
    """A new image with the longest side at most `side`; never upscaled."""
    width, height = image.size
    if max(width, height) <= side:
        return image.copy()
    scale = side / max(width, height)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    # As Image.thumbnail: a box reduction by whole factors down to twice the size, then bicubic. It looks
    # the same as Lanczos all the way at a fraction of the time (the 12 MP throughput target needs it).
    return image.resize(size, Image.Resampling.BICUBIC, reducing_gap=2.0)


def _upright(image: Image.Image, orientation: int) -> Image.Image:
    # Applied to the reduced picture, which is cheaper than ImageOps.exif_transpose on the full one.
    method = _UPRIGHT.get(orientation)
    return image.transpose(method) if method is not None else image


def _display_ready(image: Image.Image, icc: bytes | None) -> Image.Image:
    """An 8-bit grayscale ("L") or sRGB ("RGB") picture: windowed, alpha flattened onto white."""
    if image.mode in _HIGH_BIT_MODES:
        return _window(image)
    if image.mode in ("LA", "RGBA"):
        image = _flatten(image)
    if image.mode in ("RGB", "CMYK") and icc:
        converted = _to_srgb(image, icc)
        if converted is not None:
            return converted
    return image if image.mode in ("L", "RGB") else image.convert("RGB")


def _flatten(image: Image.Image) -> Image.Image:
    opaque = "L" if image.mode == "LA" else "RGB"
    canvas = Image.new(opaque, image.size, "white")
    canvas.paste(image.convert(opaque), mask=image.getchannel("A"))
    return canvas


def _to_srgb(image: Image.Image, icc: bytes) -> Image.Image | None:
    """Colours converted from the embedded profile (Display P3, Adobe RGB, a CMYK press profile) to sRGB."""
    if len(icc) > MAX_ICC_BYTES:
        return None
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(image, profile, _SRGB, outputMode="RGB")
    except (ImageCms.PyCMSError, *_UNREADABLE):
        return None  # a broken or mismatched profile: the plain conversion is close enough


def _window(image: Image.Image) -> Image.Image:
    """A 16/32-bit grayscale picture mapped to 8 bits between the percentiles of its values.

    Detectors use a small part of their range (e.g. 1,000-1,400 of 65,535): a plain shift to 8 bits
    would show a black picture.
    """
    values = np.asarray(image).astype(np.float32)
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return Image.new("L", image.size, 0)
    low, high = (float(v) for v in np.percentile(finite, _WINDOW_PERCENTILES))
    span = max(high - low, 1e-6)
    scaled = np.nan_to_num((values - low) * (255.0 / span), nan=0.0, posinf=255.0, neginf=0.0)
    return Image.fromarray(np.clip(scaled, 0, 255).round().astype(np.uint8))


def _encode_jpeg(image: Image.Image) -> bytes:
    # Optimised Huffman tables: 10 % smaller for little time; progressive would double the encoding time.
    return _encode(image, "JPEG", quality=JPEG_QUALITY, optimize=True)


def _encode_png(image: Image.Image) -> bytes:
    # X-rays are read for faint density differences and thin edges (wires, false walls): JPEG at
    # photo quality smears exactly those into blocks and ringing, while an 8-bit grayscale PNG of a
    # preview stays lossless (about 0.5 MB for 1280 x 960, several times a JPEG; x-rays are few).
    return _encode(image, "PNG")


def _encode(image: Image.Image, format_name: str, **options: object) -> bytes:
    # Pillow falls back to image.info for some chunks (JPEG comment, PNG ICC and transparency): the
    # renditions are our own images, so emptying it leaves nothing but pixels to write.
    image.info = {}
    buffer = io.BytesIO()
    image.save(buffer, format_name, **options)
    return buffer.getvalue()


# ---- hashes ------------------------------------------------------------------------------------------------


def phash(image: Image.Image) -> int:
    """The 64-bit perceptual hash (pHash) of a picture, as a signed integer (a PostgreSQL bigint).

    DCT of a 32 x 32 grayscale copy, its top-left 8 x 8 low frequencies, each bit set when above their
    median. Resized or recompressed copies differ in a few bits; compare with `hamming()`. process() hashes
    the upright preview, so give this function an upright picture too.
    """
    gray = _display_ready(_fit(image, PREVIEW_SIDE), None).convert("L")
    small = gray.resize((_PHASH_SIZE, _PHASH_SIZE), Image.Resampling.LANCZOS, reducing_gap=3.0)
    coefficients = _DCT @ np.asarray(small, dtype=np.float64) @ _DCT.T
    low = coefficients[:_PHASH_BITS_SIDE, :_PHASH_BITS_SIDE].ravel()
    bits = np.packbits(low > np.median(low))
    return int.from_bytes(bits.tobytes(), "big", signed=True)


def hamming(a: int, b: int) -> int:
    """How many of the 64 bits two perceptual hashes differ in (0 = same picture, > 20 = unrelated)."""
    return ((a ^ b) & _MASK64).bit_count()
