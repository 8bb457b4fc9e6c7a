"""Settings of the cpdb service (CEN_* environment variables)."""

from cen_core.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "cpdb"
    grpc_port: int = 50054
