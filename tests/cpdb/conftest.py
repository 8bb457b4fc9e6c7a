"""Fixtures of the CPDb tests: callers of the running cpdb service, picture files made in code, waiting for
processing, and fetching what the links serve."""

from __future__ import annotations

import io
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import grpc
import pytest
import requests
from cen.cpdb.v1 import cpdb_pb2 as pb
from cen.cpdb.v1 import cpdb_pb2_grpc
from cen.seizures.v1 import seizures_pb2_grpc

from tests.conftest import SERVICE_ADDRS
from tests.seizures.conftest import Seizures

CHUNK = 256 * 1024


class Pictures:
    """Calls the running PictureService as a demo user (token from Keycloak)."""

    def __init__(self, stub: cpdb_pb2_grpc.PictureServiceStub, token_for: Callable[[str], str]) -> None:
        self.stub = stub
        self.token_for = token_for

    def __call__(self, user: str | None, method: str, request: Any) -> Any:
        metadata = [("x-request-id", f"test-{uuid.uuid4().hex[:16]}")]
        if user:
            metadata.append(("authorization", f"Bearer {self.token_for(user)}"))
        return getattr(self.stub, method)(request, metadata=metadata, timeout=60)

    def upload(self, user: str, data: bytes, filename: str = "picture.jpg", **details: Any) -> pb.Picture:
        return self(user, "UploadPicture", upload_parts(data, filename, **details))

    def wait(self, user: str, picture_id: str, timeout: float = 60) -> pb.Picture:
        """The picture once processing has decided (ready or rejected)."""
        deadline = time.monotonic() + timeout
        while True:
            picture = self(user, "GetPicture", pb.GetPictureRequest(id=picture_id))
            if picture.status != pb.PICTURE_STATUS_PENDING or time.monotonic() > deadline:
                return picture
            time.sleep(0.2)


def details(**overrides: Any) -> pb.PictureDetails:
    values: dict[str, Any] = {
        "kind": pb.PICTURE_KIND_PHOTO,
        "title": f"False bottom in a suitcase {uuid.uuid4().hex[:6]}",
        "description": "Cocaine bricks under a glued false bottom, found by x-ray at arrival.",
        "heading": "drugs",
        "commodity_type": "cocaine",
        "concealment_method": "luggage_false_bottom",
        "transport_mode": "air",
        "tags": ["suitcase", "false bottom"],
    }
    values.update(overrides)
    return pb.PictureDetails(**values)


def upload_parts(
    data: bytes, filename: str = "picture.jpg", **overrides: Any
) -> Iterator[pb.UploadPictureRequest]:
    yield pb.UploadPictureRequest(details=pb.UploadDetails(picture=details(**overrides), filename=filename))
    for i in range(0, len(data), CHUNK):
        yield pb.UploadPictureRequest(chunk=data[i : i + CHUNK])


def similar_parts(data: bytes, limit: int = 5) -> Iterator[pb.FindSimilarToUploadRequest]:
    yield pb.FindSimilarToUploadRequest(options=pb.SimilarOptions(limit=limit))
    for i in range(0, len(data), CHUNK):
        yield pb.FindSimilarToUploadRequest(chunk=data[i : i + CHUNK])


def fetch(url: str) -> requests.Response:
    assert url.startswith("http://127.0.0.1:"), url  # tests only talk to this machine
    return requests.get(url, timeout=30)


def photo(seed: int, size: tuple[int, int] = (800, 600), fmt: str = "JPEG", **save: Any) -> bytes:
    """A distinct picture per seed: shapes on a gradient (so perceptual hashes differ between seeds)."""
    import random

    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    width, height = size
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randrange(width), rng.randrange(height)
        w, h = rng.randrange(40, width // 2), rng.randrange(40, height // 2)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.rectangle([x, y, x + w, y + h], fill=colour)  # type: ignore[arg-type]
    out = io.BytesIO()
    image.save(out, fmt, **save)
    return out.getvalue()


@pytest.fixture(scope="session")
def pictures(token_for: Callable[[str], str]) -> Iterator[Pictures]:
    with grpc.insecure_channel(SERVICE_ADDRS["cpdb"]) as channel:
        grpc.channel_ready_future(channel).result(timeout=10)
        yield Pictures(cpdb_pb2_grpc.PictureServiceStub(channel), token_for)


def rpc_error(call: Callable[[], Any]) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as caught:
        call()
    return caught.value


@pytest.fixture(scope="session")
def call(token_for: Callable[[str], str]) -> Iterator[Seizures]:
    """The seizures service, for cases that pictures link to."""
    with grpc.insecure_channel(SERVICE_ADDRS["seizures"]) as channel:
        grpc.channel_ready_future(channel).result(timeout=10)
        yield Seizures(seizures_pb2_grpc.SeizureServiceStub(channel), token_for)
