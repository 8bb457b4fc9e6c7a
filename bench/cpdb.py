"""Benchmark: the Concealment Picture Database's processing pipeline and similar-picture search. Prints JSON.

Runs against the local stack (`make up` first):
- pipeline: --pictures 12-megapixel JPEGs uploaded over gRPC as `unlimited`, timed from the first upload to
  the last READY (the stack's cpdb worker, two pool processes), beside the same work (cen_cpdb.imaging.process:
  identify, decode, orient, thumbnail, preview, full-size copy, hashes) done on the same files one after the
  other in this one plain process; the target is the pipeline at 70 % or more of that plain rate. The peak
  resident memory of the worker's processes is sampled meanwhile.
- large: one picture at the largest size the limits accept, through the worker: peak resident memory, so
  that memory shows to stay bounded whatever the picture size.
- similar: FindSimilarPictures-style searches (the service's own code and SQL, in process) over --similar-rows
  pictures in a schema of their own (`cpdb_bench`: same table and indexes, synthetic hashes, so the stack's
  gallery is left alone), p50/p95; and the same RPC over gRPC against the running service at its size.
Timings are wall clock on this machine; nothing here asserts a target (the JSON says which were met).
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
import time
import uuid
from collections.abc import Iterator
from typing import Any

import grpc
from cen.cpdb.v1 import cpdb_pb2 as pb
from cen.cpdb.v1 import cpdb_pb2_grpc
from common import PeakRss, machine, password_grant, percentile, stack_env

CPDB_ADDR = "127.0.0.1:50054"
TARGETS = {"pipeline_vs_plain": 0.7, "similar_p95_ms": 50, "worker_peak_mb": 1024}
CHUNK = 256 * 1024


def photo_12mp(seed: int) -> bytes:
    """A photo-like 4000 x 3000 JPEG (smooth colour blobs with grain), about what a phone camera gives."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(seed)
    base = rng.integers(0, 255, (30, 40, 3), dtype=np.uint8)
    image = np.asarray(Image.fromarray(base).resize((4000, 3000), Image.Resampling.BICUBIC), dtype=np.int16)
    grain = rng.integers(-12, 12, (3000, 4000, 1), dtype=np.int16)
    out = io.BytesIO()
    Image.fromarray(np.clip(image + grain, 0, 255).astype(np.uint8)).save(out, "JPEG", quality=90)
    return out.getvalue()


def largest_photo() -> bytes:
    """A JPEG at the largest pixel count the limits accept (as a camera would never send, on purpose)."""
    import numpy as np
    from cen_cpdb import imaging
    from PIL import Image

    side = int((imaging.MAX_PIXELS * 0.95) ** 0.5)
    width, height = min(side * 4 // 3, imaging.MAX_SIDE), 0
    height = min(int(imaging.MAX_PIXELS * 0.95) // width, imaging.MAX_SIDE)
    rng = np.random.default_rng(7)
    base = rng.integers(0, 255, (height // 100, width // 100, 3), dtype=np.uint8)
    out = io.BytesIO()
    Image.fromarray(base).resize((width, height), Image.Resampling.BILINEAR).save(out, "JPEG", quality=85)
    return out.getvalue()


def upload(stub: Any, token: str, data: bytes, title: str) -> str:
    def parts() -> Iterator[pb.UploadPictureRequest]:
        yield pb.UploadPictureRequest(
            details=pb.UploadDetails(
                picture=pb.PictureDetails(
                    kind=pb.PICTURE_KIND_PHOTO,
                    title=title,
                    heading="drugs",
                    commodity_type="cocaine",
                    tags=["bench"],
                ),
                filename="bench.jpg",
            )
        )
        for i in range(0, len(data), CHUNK):
            yield pb.UploadPictureRequest(chunk=data[i : i + CHUNK])

    return str(stub.UploadPicture(parts(), metadata=[("authorization", f"Bearer {token}")], timeout=120).id)


def wait_ready(stub: Any, token: str, ids: list[str], timeout: float) -> None:
    pending = set(ids)
    deadline = time.monotonic() + timeout
    while pending:
        if time.monotonic() > deadline:
            raise SystemExit(f"error: bench: {len(pending)} pictures still pending after {timeout:.0f} s")
        for pid in list(pending):
            picture = stub.GetPicture(
                pb.GetPictureRequest(id=pid), metadata=[("authorization", f"Bearer {token}")], timeout=30
            )
            if picture.status == pb.PICTURE_STATUS_REJECTED:
                raise SystemExit(f"error: bench: picture rejected: {picture.status_reason}")
            if picture.status == pb.PICTURE_STATUS_READY:
                pending.discard(pid)
            else:
                break  # pictures are processed roughly in upload order: ask about the rest later
        time.sleep(0.1)


def bench_pipeline(stub: Any, count: int) -> dict[str, Any]:
    from cen_cpdb import imaging

    files = [photo_12mp(1000 + i) for i in range(count)]
    started = time.perf_counter()
    for data in files:
        imaging.process(data)
    plain_s = time.perf_counter() - started
    token = password_grant("unlimited")["access_token"]
    with PeakRss("cpdb-worker", 0.1) as peak:
        started = time.perf_counter()
        ids = [upload(stub, token, data, f"Bench picture {i}") for i, data in enumerate(files)]
        wait_ready(stub, token, ids, timeout=60 + count * 10)
        pipeline_s = time.perf_counter() - started
    plain_rate, pipeline_rate = count / plain_s, count / pipeline_s
    return {
        "pictures": count,
        "megapixels": 12,
        "mean_file_mb": round(sum(map(len, files)) / count / 2**20, 2),
        "plain_one_process_per_s": round(plain_rate, 2),
        "pipeline_per_s": round(pipeline_rate, 2),
        "pipeline_vs_plain": round(pipeline_rate / plain_rate, 2),
        "worker_peak_process_mb": round(peak.max_process / 2**20),
    }


def bench_large(stub: Any) -> dict[str, Any]:
    data = largest_photo()
    token = password_grant("unlimited")["access_token"]
    with PeakRss("cpdb-worker", 0.1) as peak:
        started = time.perf_counter()
        pid = upload(stub, token, data, "Bench largest picture")
        wait_ready(stub, token, [pid], timeout=300)
        seconds = time.perf_counter() - started
    from PIL import Image

    width, height = Image.open(io.BytesIO(data)).size
    return {
        "megapixels": round(width * height / 1e6, 1),
        "file_mb": round(len(data) / 2**20, 1),
        "seconds": round(seconds, 1),
        "worker_peak_process_mb": round(peak.max_process / 2**20),
    }


def bench_similar(rows: int, rounds: int, stub: Any) -> dict[str, Any]:
    """The service's own similar-picture code over `rows` pictures in the schema cpdb_bench."""
    import sqlalchemy as sa
    from cen_core.auth.principal import Principal, Tier
    from cen_core.db import create_engine, make_sessionmaker
    from cen_core.objectstore import ObjectStore
    from cen_core.reference import load_reference
    from cen_cpdb.service import PictureService

    env = stack_env("cpdb")
    admin = create_engine(env["CEN_DATABASE_URL"], pool_size=1)
    with admin.begin() as conn:
        conn.execute(sa.text("CREATE SCHEMA IF NOT EXISTS cpdb_bench"))
        conn.execute(
            sa.text("CREATE TABLE IF NOT EXISTS cpdb_bench.pictures (LIKE public.pictures INCLUDING ALL)")
        )
        have = conn.execute(sa.text("SELECT count(*) FROM cpdb_bench.pictures")).scalar_one()
        if have < rows:
            rng = random.Random(have)
            conn.execute(
                sa.text(
                    "INSERT INTO cpdb_bench.pictures (id, kind, title, heading, country, uploaded_by, uploader_id, "
                    "uploader_country, status, size_bytes, search_text, phash, sha256, width, height, "
                    "rendition_type, media_type) "
                    "SELECT gen_random_uuid(), 'photo', 'Bench ' || i, 'drugs', 'NL', 'bench', 'bench', 'NL', "
                    "'ready', 1000, 'bench', h, md5(i::text), 1280, 960, 'image/jpeg', 'image/jpeg' "
                    "FROM unnest(CAST(:hashes AS bigint[])) WITH ORDINALITY AS t (h, i)"
                ),
                {"hashes": [rng.getrandbits(64) - 2**63 for _ in range(rows - have)]},
            )
        conn.execute(sa.text("ANALYZE cpdb_bench.pictures"))
        ids = [
            r.id for r in conn.execute(sa.text("SELECT id FROM cpdb_bench.pictures LIMIT :n"), {"n": rounds})
        ]
        total = conn.execute(sa.text("SELECT count(*) FROM cpdb_bench.pictures")).scalar_one()
    admin.dispose()
    engine = create_engine(env["CEN_DATABASE_URL"], pool_size=2)

    @sa.event.listens_for(engine, "connect")
    def _bench_schema(dbapi_connection: Any, _: Any) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET search_path TO cpdb_bench")

    store = ObjectStore(env["CEN_S3_ENDPOINT"], env["CEN_S3_ACCESS_KEY"], env["CEN_S3_SECRET_KEY"])
    service = PictureService(
        sessions=make_sessionmaker(engine),
        ref=load_reference(),
        store=store,
        cases=None,
        enqueue=lambda s, p: None,  # type: ignore[arg-type]
    )
    reader = Principal(user_id="bench", username="bench", tier=Tier.READONLY, country="NL")
    samples = []
    for pid in ids * 2:
        started = time.perf_counter()
        service.similar(reader, str(pid), 12, 20)
        samples.append((time.perf_counter() - started) * 1000)
    engine.dispose()
    samples.sort()
    token = password_grant("readonly")["access_token"]
    search = stub.SearchPictures(
        pb.SearchPicturesRequest(page={"page_size": 20}), metadata=[("authorization", f"Bearer {token}")]
    )
    grpc_samples = []
    for picture in list(search.pictures) * max(1, rounds // max(1, len(search.pictures))):
        started = time.perf_counter()
        stub.FindSimilarPictures(
            pb.FindSimilarPicturesRequest(id=picture.id), metadata=[("authorization", f"Bearer {token}")]
        )
        grpc_samples.append((time.perf_counter() - started) * 1000)
    grpc_samples.sort()
    out: dict[str, Any] = {
        "pictures": total,
        "searches": len(samples),
        "in_process_p50_ms": round(percentile(samples, 50), 1),
        "in_process_p95_ms": round(percentile(samples, 95), 1),
    }
    if grpc_samples:
        out["grpc_at_stack_size"] = {
            "searches": len(grpc_samples),
            "p50_ms": round(percentile(grpc_samples, 50), 1),
            "p95_ms": round(percentile(grpc_samples, 95), 1),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pictures", type=int, default=40)
    parser.add_argument("--similar-rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--phases", default="pipeline,large,similar", help="comma-separated subset to run")
    args = parser.parse_args()
    phases = set(args.phases.split(","))
    result: dict[str, Any] = {
        "bench": "cpdb",
        "machine": machine(),
        "targets": TARGETS,
        "run": uuid.uuid4().hex[:8],
    }

    def done(name: str, value: Any) -> None:
        result[name] = value
        print(json.dumps({name: value}), file=sys.stderr)

    with grpc.insecure_channel(CPDB_ADDR) as channel:
        stub = cpdb_pb2_grpc.PictureServiceStub(channel)
        if "pipeline" in phases:
            done("pipeline", bench_pipeline(stub, args.pictures))
        if "large" in phases:
            done("large", bench_large(stub))
        if "similar" in phases:
            done("similar", bench_similar(args.similar_rows, args.rounds, stub))
    met: dict[str, bool] = {}
    if "pipeline" in result:
        met["pipeline_vs_plain"] = result["pipeline"]["pipeline_vs_plain"] >= TARGETS["pipeline_vs_plain"]
    peaks = [result[p]["worker_peak_process_mb"] for p in ("pipeline", "large") if p in result]
    if peaks:
        met["worker_peak_mb"] = max(peaks) < TARGETS["worker_peak_mb"]
    if "similar" in result:
        met["similar_p95_ms"] = result["similar"]["in_process_p95_ms"] < TARGETS["similar_p95_ms"]
    result["met"] = met
    print(json.dumps(result))


if __name__ == "__main__":
    main()
