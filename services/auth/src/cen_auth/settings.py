"""Settings of the auth service (CEN_* environment variables), validated at start."""

from __future__ import annotations

from cen_core.settings import ServiceSettings
from pydantic import Field, SecretStr

from cen_auth.service import RateLimits


class AuthSettings(ServiceSettings):
    keycloak_url: str = "http://127.0.0.1:8180"
    keycloak_realm: str = "cen"
    keycloak_admin_client_id: str = "cen-auth"
    keycloak_admin_client_secret: SecretStr
    # The public access-request form: fixed windows per client address and per email address.
    access_request_ip_limit: int = Field(default=5, ge=1)
    access_request_ip_window_seconds: int = Field(default=3600, ge=1)
    access_request_email_limit: int = Field(default=3, ge=1)
    access_request_email_window_seconds: int = Field(default=86400, ge=1)

    def rate_limits(self) -> RateLimits:
        return RateLimits(
            per_ip=self.access_request_ip_limit,
            per_ip_window_seconds=self.access_request_ip_window_seconds,
            per_email=self.access_request_email_limit,
            per_email_window_seconds=self.access_request_email_window_seconds,
        )
