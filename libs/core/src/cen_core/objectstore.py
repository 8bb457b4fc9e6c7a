"""The S3 object store, reached only through the MinIO client."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, BinaryIO

from minio import Minio
from minio.error import S3Error

PART_SIZE = 10 * 1024 * 1024


class ObjectStore:
    def __init__(self, endpoint: str, access_key: str, secret_key: str, secure: bool = False) -> None:
        self.client = Minio(endpoint, access_key=access_key, secret_key=secret_key, secure=secure)

    def ensure_bucket(self, bucket: str) -> None:
        """Create a private bucket if missing (new buckets have no public policy)."""
        if not self.client.bucket_exists(bucket):
            self.client.make_bucket(bucket)

    def put_stream(
        self,
        bucket: str,
        key: str,
        stream: BinaryIO,
        length: int = -1,
        content_type: str = "application/octet-stream",
        metadata: dict[str, str] | None = None,
    ) -> str:
        """Upload without reading the whole stream into memory; returns the ETag."""
        result = self.client.put_object(
            bucket,
            key,
            stream,
            length,
            content_type=content_type,
            part_size=PART_SIZE if length < 0 else 0,
            metadata=metadata,  # type: ignore[arg-type]
        )
        return str(result.etag)

    def get(self, bucket: str, key: str) -> Any:
        """A streaming response; call .close() and .release_conn() when done."""
        return self.client.get_object(bucket, key)

    def read(self, bucket: str, key: str) -> bytes:
        response = self.get(bucket, key)
        try:
            return bytes(response.read())
        finally:
            response.close()
            response.release_conn()

    def stat(self, bucket: str, key: str) -> Any:
        return self.client.stat_object(bucket, key)

    def exists(self, bucket: str, key: str) -> bool:
        try:
            self.client.stat_object(bucket, key)
        except S3Error as exc:
            if exc.code in ("NoSuchKey", "NoSuchObject", "NotFound"):
                return False
            raise
        return True

    def presigned_get(self, bucket: str, key: str, expires: timedelta = timedelta(minutes=5)) -> str:
        return str(self.client.presigned_get_object(bucket, key, expires=expires))

    def remove(self, bucket: str, key: str) -> None:
        self.client.remove_object(bucket, key)
