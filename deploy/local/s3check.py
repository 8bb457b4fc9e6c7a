"""Check the local S3 store through the MinIO client: create a bucket, put an object, read it back."""

from __future__ import annotations

import io
import os
import secrets
import sys

from minio import Minio

BUCKET = "cen-stack-check"


def main(endpoint: str) -> int:
    client = Minio(
        endpoint,
        access_key=os.environ["CEN_S3_ACCESS_KEY"],
        secret_key=os.environ["CEN_S3_SECRET_KEY"],
        secure=False,
    )
    if not client.bucket_exists(BUCKET):
        client.make_bucket(BUCKET)
    name = f"check-{secrets.token_hex(4)}"
    body = secrets.token_bytes(1024)
    client.put_object(BUCKET, name, io.BytesIO(body), len(body))
    response = client.get_object(BUCKET, name)
    try:
        read_back = response.read()
    finally:
        response.close()
        response.release_conn()
    client.remove_object(BUCKET, name)
    if read_back != body:
        print(f"s3check: object {name} read back differs from what was written", file=sys.stderr)
        return 1
    print(f"s3check: bucket {BUCKET} ok, object of {len(body)} bytes written, read back and removed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:8333"))
