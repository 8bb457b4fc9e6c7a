"""Settings of the seizures service (CEN_* environment variables)."""

from cen_core.settings import ServiceSettings
from pydantic import Field


class Settings(ServiceSettings):
    service_name: str = "seizures"
    grpc_port: int = 50052
    # Largest import file accepted (CEN_MAX_IMPORT_BYTES).
    max_import_bytes: int = Field(default=200 * 1024 * 1024, ge=1024)
    # Where links in watch-list mail point (the gateway's public address).
    public_url: str = Field(default="http://127.0.0.1:8080", pattern=r"^https?://\S+$")
