"""Settings of the cpdb service (CEN_* environment variables)."""

from cen_core.settings import ServiceSettings
from pydantic import Field


class Settings(ServiceSettings):
    service_name: str = "cpdb"
    grpc_port: int = 50054
    # Largest picture accepted (CEN_MAX_PICTURE_BYTES).
    max_picture_bytes: int = Field(default=40 * 1024 * 1024, ge=1024)
    # The seizures service, asked whether a linked case exists and is visible to the uploader.
    seizures_addr: str = "127.0.0.1:50052"
    # The object store's address as browsers reach it (links to pictures); empty means CEN_S3_ENDPOINT.
    s3_public_endpoint: str = ""
    s3_public_secure: bool = False
    # How long a link to a picture's file stays valid.
    link_seconds: int = Field(default=300, ge=30, le=3600)
