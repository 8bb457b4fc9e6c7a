"""Settings validation, the error classes and their gRPC status details, and the one gRPC → HTTP table."""

from __future__ import annotations

import grpc
import pytest
from cen_core.errors import (
    HTTP_STATUS_BY_GRPC_CODE,
    AlreadyExists,
    Conflict,
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    RateLimited,
    Unauthenticated,
    Unavailable,
    to_grpc_status,
)
from cen_core.logging import redact
from cen_core.settings import ServiceSettings, SettingsError, load_settings
from google.rpc import error_details_pb2, status_pb2
from pydantic import SecretStr


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


def test_every_bad_variable_is_named_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CEN_LOG_LEVEL", "chatty")
    monkeypatch.setenv("CEN_OIDC_ISSUER", "keycloak-somewhere")
    monkeypatch.setenv("CEN_METRICS_PORT", "70000")
    with pytest.raises(SettingsError) as exc:
        load_settings(ServiceSettings)
    message = str(exc.value)
    for name in ("CEN_LOG_LEVEL", "CEN_OIDC_ISSUER", "CEN_METRICS_PORT"):
        assert message.count(name) == 1
    assert "chatty" not in message and "keycloak-somewhere" not in message


def test_secrets_stay_hidden_and_services_extend_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    class AuthSettings(ServiceSettings):
        keycloak_admin_client_secret: SecretStr = SecretStr("")

    monkeypatch.setenv("CEN_LOG_LEVEL", "debug")
    monkeypatch.setenv("CEN_S3_SECRET_KEY", "s3-very-secret")
    monkeypatch.setenv("CEN_KEYCLOAK_ADMIN_CLIENT_SECRET", "kc-very-secret")
    settings = load_settings(AuthSettings)
    assert settings.log_level == "DEBUG"
    assert settings.keycloak_admin_client_secret.get_secret_value() == "kc-very-secret"
    shown = repr(settings) + str(settings.model_dump())
    assert "s3-very-secret" not in shown and "kc-very-secret" not in shown


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


def test_errors_carry_their_codes() -> None:
    cases = {
        Unauthenticated("x"): (grpc.StatusCode.UNAUTHENTICATED, 401),
        PermissionDenied("x"): (grpc.StatusCode.PERMISSION_DENIED, 403),
        NotFound("x"): (grpc.StatusCode.NOT_FOUND, 404),
        AlreadyExists("x"): (grpc.StatusCode.ALREADY_EXISTS, 409),
        FailedPrecondition("x"): (grpc.StatusCode.FAILED_PRECONDITION, 409),
        Unavailable("x"): (grpc.StatusCode.UNAVAILABLE, 503),
    }
    for err, (code, status) in cases.items():
        assert (err.grpc_code, err.http_status, err.public_message) == (code, status, "x")


def test_status_details_carry_violations_and_retry_delay() -> None:
    status = to_grpc_status(InvalidArgument([FieldViolation("email", "must be a valid address")]))
    assert status.code is grpc.StatusCode.INVALID_ARGUMENT
    assert status.details == "email: must be a valid address"
    rich = status_pb2.Status.FromString(dict(status.trailing_metadata)["grpc-status-details-bin"])
    bad_request = error_details_pb2.BadRequest()
    assert rich.details[0].Unpack(bad_request)
    assert [(v.field, v.description) for v in bad_request.field_violations] == [
        ("email", "must be a valid address")
    ]
    limited = to_grpc_status(RateLimited("slow down", retry_after_seconds=7))
    retry = error_details_pb2.RetryInfo()
    rich = status_pb2.Status.FromString(dict(limited.trailing_metadata)["grpc-status-details-bin"])
    assert rich.details[0].Unpack(retry) and retry.retry_delay.seconds == 7
