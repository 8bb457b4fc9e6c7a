"""Configuration from CEN_* environment variables, validated once at start."""

from __future__ import annotations

from typing import Self, TypeVar

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServiceSettings(BaseSettings):
    """Settings every CEN process shares; each service subclasses it for its own fields."""

    model_config = SettingsConfigDict(env_prefix="CEN_", extra="ignore", frozen=True)

    service_name: str = Field(default="cen", pattern=r"^[a-z][a-z0-9-]{1,30}$")
    log_level: str = Field(default="INFO", pattern=r"^(DEBUG|INFO|WARNING|ERROR)$")
    grpc_host: str = "127.0.0.1"
    grpc_port: int = Field(default=50051, ge=0, le=65535)
    metrics_port: int = Field(default=0, ge=0, le=65535)
    grpc_max_message_bytes: int = Field(default=8 * 1024 * 1024, ge=1024)

    oidc_issuer: str = Field(default="http://127.0.0.1:8180/realms/cen", pattern=r"^https?://\S+$")
    oidc_audience: str = "cen"
    oidc_jwks_url: str = Field(default="", pattern=r"^(https?://\S+)?$")
    token_leeway_seconds: int = Field(default=5, ge=0, le=300)

    database_url: SecretStr = SecretStr("")
    redis_url: str = "redis://127.0.0.1:6380/0"
    celery_broker_url: str = "redis://127.0.0.1:6380/1"

    s3_endpoint: str = "127.0.0.1:8333"
    s3_access_key: SecretStr = SecretStr("")
    s3_secret_key: SecretStr = SecretStr("")
    s3_secure: bool = False

    smtp_host: str = "127.0.0.1"
    smtp_port: int = Field(default=1025, ge=1, le=65535)
    mail_from: str = "cen-noreply@cen.example"

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _derive(self) -> Self:
        if not self.oidc_jwks_url:
            # frozen model: set the derived default through object.__setattr__
            object.__setattr__(
                self, "oidc_jwks_url", self.oidc_issuer.rstrip("/") + "/protocol/openid-connect/certs"
            )
        return self


T = TypeVar("T", bound="ServiceSettings")


class SettingsError(SystemExit):
    """Raised at start when the environment is invalid; the message names variables, never values."""


def load_settings(cls: type[T]) -> T:
    """Read and validate settings, turning pydantic errors into one readable message per variable."""
    try:
        return cls()
    except ValidationError as exc:
        prefix = cls.model_config.get("env_prefix", "")
        lines = [
            f"  {prefix}{'_'.join(str(p) for p in err['loc']).upper()}: {err['msg']}" for err in exc.errors()
        ]
        raise SettingsError("invalid configuration:\n" + "\n".join(lines)) from None
