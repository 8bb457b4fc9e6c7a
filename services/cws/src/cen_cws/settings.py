"""Settings of the cws service (CEN_* environment variables)."""

from cen_core.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "cws"
    grpc_port: int = 50053
