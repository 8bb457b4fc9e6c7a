"""Settings of the cencomm service (CEN_* environment variables)."""

from cen_core.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "cencomm"
    grpc_port: int = 50055
