"""Settings of the seizures service (CEN_* environment variables)."""

from cen_core.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "seizures"
    grpc_port: int = 50052
