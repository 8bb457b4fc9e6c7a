"""Settings validation and the one gRPC → HTTP status table."""

from __future__ import annotations

import grpc
import pytest
from cen_core.errors import HTTP_STATUS_BY_GRPC_CODE, Conflict, InvalidArgument, RateLimited
from cen_core.logging import redact
from cen_core.settings import ServiceSettings, SettingsError, load_settings


def test_settings_derive_jwks_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CEN_OIDC_ISSUER", "https://id.example/realms/cen")
    assert (
        load_settings(ServiceSettings).oidc_jwks_url
        == "https://id.example/realms/cen/protocol/openid-connect/certs"
    )


def test_invalid_settings_name_the_variable_not_the_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CEN_GRPC_PORT", "not-a-port")
    monkeypatch.setenv("CEN_DATABASE_URL", "postgresql://cen:s3cret@db/cen")
    with pytest.raises(SettingsError) as exc:
        load_settings(ServiceSettings)
    assert "CEN_GRPC_PORT" in str(exc.value)
    assert "s3cret" not in str(exc.value)


def test_every_grpc_code_has_an_http_status() -> None:
    assert set(HTTP_STATUS_BY_GRPC_CODE) == set(grpc.StatusCode)
    assert InvalidArgument([]).http_status == 400
    assert Conflict("stale").http_status == 409
    assert RateLimited("slow down").http_status == 429


def test_logs_never_carry_tokens_or_secrets() -> None:
    line = redact('Authorization: Bearer eyJhbGciOi.abc.def password="hunter2" client_secret=xyz')
    assert "eyJhbGciOi" not in line
    assert "hunter2" not in line
    assert "xyz" not in line
