"""CPDb against the running stack: upload, processing of good and hostile files, what each tier sees, search,
similar pictures, withdrawal."""

from __future__ import annotations

import io
import struct
import uuid
import zlib

import grpc
import pytest
from cen.cpdb.v1 import cpdb_pb2 as pb
from cen.seizures.v1 import seizures_pb2 as spb

from tests.cpdb.conftest import Pictures, fetch, photo, rpc_error, similar_parts
from tests.seizures.conftest import Seizures, simplified

pytestmark = pytest.mark.integration


def gps_jpeg(seed: int) -> bytes:
    """A phone-like JPEG: EXIF with GPS position, orientation 6 (rotated) and an embedded thumbnail."""
    from PIL import Image

    image = Image.open(io.BytesIO(photo(seed, (640, 480))))
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (52.0, 22.0, 7.5), 3: "E", 4: (4.0, 53.0, 1.2)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), comment=b"secret comment")
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares huge dimensions and carries one tiny compressed row (a bomb by its header)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def zero_png_bomb() -> bytes:
    """A small file that inflates to gigabytes: 30,000 x 30,000 black pixels."""
    raw = zlib.compressobj(9)
    row = b"\0" + b"\0" * 30_000
    body = b"".join(raw.compress(row) for _ in range(30_000)) + raw.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 30_000, 30_000, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def cmyk_jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.open(io.BytesIO(photo(31))).convert("CMYK").save(out, "JPEG")
    return out.getvalue()


def xray_tiff() -> bytes:
    """16-bit grayscale like a scanner: values in a narrow band, a denser block inside."""
    import numpy as np
    from PIL import Image

    values = np.full((400, 600), 30_000, dtype=np.uint16)
    values[100:300, 150:450] = 24_000
    values[150:250, 250:350] = 21_000
    out = io.BytesIO()
    Image.fromarray(values).save(out, "TIFF")  # a uint16 array opens as mode I;16
    return out.getvalue()


HOSTILE = {
    "png-declaring-100000x100000": (png_header_only(100_000, 100_000), "bomb.png", "rejected"),
    "decompression-bomb": (zero_png_bomb(), "bomb.png", "rejected"),
    "truncated-jpeg": (photo(40)[:3000], "cut.jpg", "rejected"),
    "html-named-jpg": (b"<!doctype html><script>alert(1)</script>", "page.jpg", "rejected"),
    "svg-named-jpg": (
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9" height="9"/></svg>',
        "drawing.jpg",
        "rejected",
    ),
    "jpeg-with-zip-appended": (photo(41) + b"PK\x03\x04" + b"\0" * 200, "zip.jpg", "ready"),
    "cmyk-jpeg": (cmyk_jpeg(), "cmyk.jpg", "ready"),
    "xray-16-bit-tiff": (xray_tiff(), "scan.tif", "ready"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_and_unusual_files(pictures: Pictures, name: str) -> None:
    data, filename, expected = HOSTILE[name]
    kind = pb.PICTURE_KIND_XRAY if name.startswith("xray") else pb.PICTURE_KIND_PHOTO
    uploaded = pictures.upload("unlimited", data, filename, kind=kind)
    assert uploaded.status == pb.PICTURE_STATUS_PENDING
    assert not uploaded.HasField("links")  # nothing is served before processing
    done = pictures.wait("unlimited", uploaded.id)
    if expected == "rejected":
        assert done.status == pb.PICTURE_STATUS_REJECTED, done
        assert done.status_reason
        assert not done.HasField("links")
        return
    assert done.status == pb.PICTURE_STATUS_READY, done.status_reason
    for url in (done.links.thumbnail_url, done.links.preview_url, done.links.original_url):
        served = fetch(url)
        assert served.status_code == 200
        assert b"PK\x03\x04" not in served.content
        from PIL import Image

        image = Image.open(io.BytesIO(served.content))
        assert image.mode in ("RGB", "L")  # CMYK and 16-bit are converted for viewing
    if name.startswith("xray"):
        import numpy as np
        from PIL import Image

        preview = np.asarray(Image.open(io.BytesIO(fetch(done.links.preview_url).content)).convert("L"))
        assert preview.max() - preview.min() > 100  # windowed: the dense block is visible, not all one grey


def test_no_metadata_survives_in_any_served_file(pictures: Pictures) -> None:
    from PIL import Image

    uploaded = pictures.upload("unlimited", gps_jpeg(50), "IMG_0001.jpg")
    done = pictures.wait("unlimited", uploaded.id)
    assert done.status == pb.PICTURE_STATUS_READY, done.status_reason
    assert (done.width, done.height) == (480, 640)  # orientation 6 applied
    for url in (done.links.thumbnail_url, done.links.preview_url, done.links.original_url):
        content = fetch(url).content
        for marker in (b"Exif", b"GPS", b"PhoneMaker", b"secret comment", b"http://ns.adobe.com/xap"):
            assert marker not in content, (url, marker)
        image = Image.open(io.BytesIO(content))
        assert not image.getexif()
        assert image.width < image.height  # upright


def test_limited_never_receives_a_case_id(pictures: Pictures, call: Seizures) -> None:
    case = call("ncp-nl", "CreateSeizure", spb.CreateSeizureRequest(seizure=simplified()))
    case = call("ncp-nl", "SubmitSeizure", spb.SubmitSeizureRequest(id=case.id, version=case.version))
    uploaded = pictures.upload("ncp-nl", photo(60), case_id=case.id, country="NL")
    assert uploaded.case_reference == case.reference
    done = pictures.wait("ncp-nl", uploaded.id)
    assert done.status == pb.PICTURE_STATUS_READY

    readonly = pictures("readonly", "GetPicture", pb.GetPictureRequest(id=done.id))
    assert readonly.case_id == case.id and readonly.links.original_url
    responses = [
        pictures("limited", "GetPicture", pb.GetPictureRequest(id=done.id)),
        pictures(
            "limited", "SearchPictures", pb.SearchPicturesRequest(filter=pb.PictureFilter(text=done.title))
        ),
        pictures(
            "limited", "FindSimilarPictures", pb.FindSimilarPicturesRequest(id=done.id, max_distance=64)
        ),
        pictures("limited", "FindSimilarToUpload", similar_parts(photo(60))),
    ]
    limited = responses[0]
    assert limited.links.thumbnail_url and limited.links.preview_url and not limited.links.original_url
    assert any(p.id == done.id for p in responses[1].pictures)
    for response in responses:
        raw = response.SerializeToString()
        assert case.id.encode() not in raw and case.reference.encode() not in raw
    err = rpc_error(
        lambda: pictures(
            "limited", "SearchPictures", pb.SearchPicturesRequest(filter=pb.PictureFilter(case_id=case.id))
        )
    )
    assert err.code() is grpc.StatusCode.PERMISSION_DENIED


def test_case_link_must_exist(pictures: Pictures) -> None:
    err = rpc_error(lambda: pictures.upload("unlimited", photo(61), case_id=str(uuid.uuid4())))
    assert err.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert "details.picture.case_id" in (err.details() or "")


def test_bad_details_are_refused_before_storing(pictures: Pictures) -> None:
    before = pictures(
        "unlimited", "SearchPictures", pb.SearchPicturesRequest(filter=pb.PictureFilter(mine=True))
    )
    err = rpc_error(
        lambda: pictures.upload(
            "unlimited", photo(62), heading="drugs", commodity_type="cigarettes", country="XX", tags=["<b>"]
        )
    )
    assert err.code() is grpc.StatusCode.INVALID_ARGUMENT
    for field in ("commodity_type", "country", "tags[0]"):
        assert field in (err.details() or "")
    after = pictures(
        "unlimited", "SearchPictures", pb.SearchPicturesRequest(filter=pb.PictureFilter(mine=True))
    )
    assert after.page.total_size == before.page.total_size


def test_oversized_upload_is_refused(pictures: Pictures) -> None:
    big = b"\xff\xd8\xff" + b"\0" * (41 * 1024 * 1024)
    err = rpc_error(lambda: pictures.upload("unlimited", big))
    assert err.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert "larger than" in (err.details() or "")


def test_pending_pictures_are_the_uploaders_own(pictures: Pictures) -> None:
    uploaded = pictures.upload("unlimited", photo(63))
    done = pictures.wait("unlimited", uploaded.id)
    rejected = pictures.wait("unlimited", pictures.upload("unlimited", b"GIF89a not a picture", "a.gif").id)
    assert rejected.status == pb.PICTURE_STATUS_REJECTED
    err = rpc_error(lambda: pictures("readonly", "GetPicture", pb.GetPictureRequest(id=rejected.id)))
    assert err.code() is grpc.StatusCode.NOT_FOUND
    assert pictures("wco-admin", "GetPicture", pb.GetPictureRequest(id=rejected.id)).id == rejected.id
    assert (
        pictures("readonly", "GetPicture", pb.GetPictureRequest(id=done.id)).status == pb.PICTURE_STATUS_READY
    )


def test_search_filters_text_and_paging(pictures: Pictures) -> None:
    tag = f"t{uuid.uuid4().hex[:8]}"
    ids = []
    for i, (heading, commodity) in enumerate((("tobacco", "cigarettes"), ("drugs", "cannabis_resin"))):
        uploaded = pictures.upload(
            "unlimited",
            photo(70 + i),
            heading=heading,
            commodity_type=commodity,
            tags=[tag],
            title=f"Hidden {commodity} {tag}",
        )
        ids.append(pictures.wait("unlimited", uploaded.id).id)
    found = pictures(
        "limited", "SearchPictures", pb.SearchPicturesRequest(filter=pb.PictureFilter(tags=[tag]))
    )
    assert {p.id for p in found.pictures} == set(ids) and found.page.total_size == 2
    tobacco = pictures(
        "limited",
        "SearchPictures",
        pb.SearchPicturesRequest(filter=pb.PictureFilter(tags=[tag], headings=["tobacco"])),
    )
    assert [p.id for p in tobacco.pictures] == [ids[0]]
    text = pictures(
        "limited",
        "SearchPictures",
        pb.SearchPicturesRequest(filter=pb.PictureFilter(text=f"cigarettes {tag}")),
    )
    assert ids[0] in [p.id for p in text.pictures]
    first = pictures(
        "limited",
        "SearchPictures",
        pb.SearchPicturesRequest(
            filter=pb.PictureFilter(tags=[tag]), sort=pb.PICTURE_SORT_OLDEST, page={"page_size": 1}
        ),
    )
    second = pictures(
        "limited",
        "SearchPictures",
        pb.SearchPicturesRequest(
            filter=pb.PictureFilter(tags=[tag]),
            sort=pb.PICTURE_SORT_OLDEST,
            page={"page_size": 1, "page_token": first.page.next_page_token},
        ),
    )
    assert [first.pictures[0].id, second.pictures[0].id] == ids and not second.page.next_page_token
    err = rpc_error(
        lambda: pictures(
            "limited", "SearchPictures", pb.SearchPicturesRequest(filter=pb.PictureFilter(headings=["nope"]))
        )
    )
    assert err.code() is grpc.StatusCode.INVALID_ARGUMENT


def test_resized_copy_is_the_nearest_similar_picture(pictures: Pictures) -> None:
    from PIL import Image

    run = uuid.uuid4().int % 10**9  # pictures of earlier runs stay in the store: draw new ones
    original = photo(run, (1600, 1200), quality=92)
    stored = pictures.wait("unlimited", pictures.upload("unlimited", original).id)
    for seed in (run + 1, run + 2, run + 3):  # other pictures around it
        pictures.wait("unlimited", pictures.upload("unlimited", photo(seed, (1600, 1200))).id)
    copy = io.BytesIO()
    Image.open(io.BytesIO(original)).resize((700, 525)).save(copy, "JPEG", quality=55)
    by_upload = pictures("limited", "FindSimilarToUpload", similar_parts(copy.getvalue()))
    assert by_upload.matches and by_upload.matches[0].picture.id == stored.id
    assert by_upload.matches[0].distance <= 10
    resized = pictures.wait("unlimited", pictures.upload("unlimited", copy.getvalue()).id)
    by_id = pictures("readonly", "FindSimilarPictures", pb.FindSimilarPicturesRequest(id=resized.id))
    assert by_id.matches[0].picture.id == stored.id
    assert [m.distance for m in by_id.matches] == sorted(m.distance for m in by_id.matches)


def test_same_file_twice_is_marked_duplicate(pictures: Pictures) -> None:
    data = photo(90)
    first = pictures.wait("unlimited", pictures.upload("unlimited", data).id)
    second = pictures.wait("unlimited", pictures.upload("unlimited", data).id)
    assert second.sha256 == first.sha256
    assert first.id in pictures("readonly", "GetPicture", pb.GetPictureRequest(id=second.id)).duplicate_ids


def test_withdrawal_by_the_uploaders_ncp_removes_the_files(pictures: Pictures) -> None:
    done = pictures.wait("ncp-nl", pictures.upload("ncp-nl", photo(95), country="NL").id)
    links = done.links
    assert fetch(links.preview_url).status_code == 200
    err = rpc_error(
        lambda: pictures(
            "ncp-br", "WithdrawPicture", pb.WithdrawPictureRequest(id=done.id, reason="not ours")
        )
    )
    assert err.code() is grpc.StatusCode.PERMISSION_DENIED
    withdrawn = pictures(
        "ncp-nl", "WithdrawPicture", pb.WithdrawPictureRequest(id=done.id, reason="wrong case")
    )
    assert withdrawn.status == pb.PICTURE_STATUS_WITHDRAWN and not withdrawn.HasField("links")
    for url in (links.thumbnail_url, links.preview_url, links.original_url):
        assert fetch(url).status_code == 404
    err = rpc_error(lambda: pictures("readonly", "GetPicture", pb.GetPictureRequest(id=done.id)))
    assert err.code() is grpc.StatusCode.NOT_FOUND
    found = pictures(
        "readonly", "SearchPictures", pb.SearchPicturesRequest(filter=pb.PictureFilter(text=done.title))
    )
    assert done.id not in [p.id for p in found.pictures]


@pytest.mark.parametrize(
    "request_",
    [
        # A forged page token: values of the wrong kind must not reach SQL.
        pb.SearchPicturesRequest(page={"page_token": "eyJrIjoicGljdHVyZXM6bmV3ZXN0IiwidiI6WyJ4IiwieSJdfQ"}),
        pb.SearchPicturesRequest(filter=pb.PictureFilter(uploaded_to="9999-12-31")),
        pb.SearchPicturesRequest(
            filter=pb.PictureFilter(uploaded_from="2026-05-02", uploaded_to="2026-05-01")
        ),
        pb.SearchPicturesRequest(filter=pb.PictureFilter(countries=["XX"], tags=["x" * 500])),
    ],
)
def test_bad_search_requests_are_field_errors(pictures: Pictures, request_: pb.SearchPicturesRequest) -> None:
    err = rpc_error(lambda: pictures("limited", "SearchPictures", request_))
    assert err.code() is grpc.StatusCode.INVALID_ARGUMENT, err.details()
