"""The S3 object store, reached only through the MinIO client; and a size-limited view of uploaded chunks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any, BinaryIO

from minio import Minio
from minio.error import S3Error

from cen_core.errors import FieldViolation, InvalidArgument

PART_SIZE = 10 * 1024 * 1024
# Signing a link needs the bucket's region; naming it keeps presigning free of network calls.
REGION = "us-east-1"


class ObjectStore:
    def __init__(
        self,
        endpoint: str,
        access_key: str,
        secret_key: str,
        secure: bool = False,
        public_endpoint: str = "",
        public_secure: bool | None = None,
    ) -> None:
        self.client = Minio(
            endpoint, access_key=access_key, secret_key=secret_key, secure=secure, region=REGION
        )
        # Links handed to browsers are signed for the address browsers use, which may not be the internal one.
        self._signer = (
            Minio(
                public_endpoint,
                access_key=access_key,
                secret_key=secret_key,
                secure=secure if public_secure is None else public_secure,
                region=REGION,
            )
            if public_endpoint and public_endpoint != endpoint
            else self.client
        )

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

    def download(self, bucket: str, key: str, path: Path) -> None:
        """Copy an object to a local file in pieces (memory stays flat whatever its size)."""
        response = self.get(bucket, key)
        try:
            with path.open("wb") as out:
                for chunk in response.stream(256 * 1024):
                    out.write(chunk)
        finally:
            response.close()
            response.release_conn()

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

    def presigned_get(
        self,
        bucket: str,
        key: str,
        expires: timedelta = timedelta(minutes=5),
        content_type: str = "",
    ) -> str:
        """A link to one object that expires; content_type sets the type the store answers with."""
        headers = {"response-content-type": content_type} if content_type else None
        return str(
            self._signer.presigned_get_object(bucket, key, expires=expires, response_headers=headers)  # type: ignore[arg-type]
        )

    def remove(self, bucket: str, key: str) -> None:
        self.client.remove_object(bucket, key)


class LimitedStream:
    """A file-like view of uploaded chunks that refuses to grow past a size limit (a field error on `field`)."""

    def __init__(self, chunks: Iterator[bytes], limit: int, field: str = "chunk") -> None:
        self._chunks = chunks
        # A bytearray grows in place: the object store reads parts of several MiB from 256 KiB chunks.
        self._buffer = bytearray()
        self.size = 0
        self._limit = limit
        self._field = field

    def read(self, n: int = -1) -> bytes:
        while n < 0 or len(self._buffer) < n:
            chunk = next(self._chunks, None)
            if chunk is None:
                break
            self.size += len(chunk)
            if self.size > self._limit:
                raise InvalidArgument(
                    [FieldViolation(self._field, f"the file is larger than {self._limit // 2**20} MiB")]
                )
            self._buffer += chunk
        size = len(self._buffer) if n < 0 else min(n, len(self._buffer))
        out = bytes(self._buffer[:size])
        del self._buffer[:size]
        return out
