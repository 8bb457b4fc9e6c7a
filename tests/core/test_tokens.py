"""Token verification against a real JWKS endpoint served locally with our own RSA keys."""

from __future__ import annotations

import base64
import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from cen_core.auth.principal import Tier
from cen_core.auth.tokens import TokenVerifier
from cen_core.errors import Unauthenticated
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

ISSUER = "http://127.0.0.1:8180/realms/cen"


class JwksServer:
    """A JWKS endpoint on 127.0.0.1 that counts how often it is fetched."""

    def __init__(self) -> None:
        self.keys: dict[str, rsa.RSAPrivateKey] = {}
        self.hits = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.hits += 1
                jwks = {"keys": [outer.public_jwk(kid) for kid in outer.keys]}
                body = json.dumps(jwks).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/certs"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def add_key(self, kid: str) -> rsa.RSAPrivateKey:
        self.keys[kid] = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        return self.keys[kid]

    def public_jwk(self, kid: str) -> dict[str, Any]:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.keys[kid].public_key()))
        return {**jwk, "kid": kid, "use": "sig", "alg": "RS256"}


@pytest.fixture
def jwks() -> Iterator[JwksServer]:
    server = JwksServer()
    server.add_key("k1")
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    base = {
        "iss": ISSUER,
        "aud": ["cen", "account"],
        "sub": "user-1",
        "preferred_username": "ncp-nl",
        "iat": now,
        "exp": now + 300,
        "tier": "unlimited",
        "roles": ["ncp", "offline_access", "default-roles-cen"],
        "country": "nl",
        "rilo": "WE",
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def sign(server: JwksServer, kid: str = "k1", **overrides: Any) -> str:
    return jwt.encode(claims(**overrides), server.keys[kid], algorithm="RS256", headers={"kid": kid})


def verifier(server: JwksServer, audience: str = "cen") -> TokenVerifier:
    return TokenVerifier(ISSUER, audience, server.url, leeway=0, refetch_interval=30)


def test_valid_token_becomes_principal(jwks: JwksServer) -> None:
    principal = verifier(jwks).verify(sign(jwks))
    assert principal.user_id == "user-1"
    assert principal.username == "ncp-nl"
    assert principal.tier is Tier.UNLIMITED
    assert principal.roles == frozenset({"ncp"})  # Keycloak's default roles are not functional roles
    assert principal.country == "NL"
    assert principal.rilo == "WE"


def test_warm_cache_never_refetches(jwks: JwksServer) -> None:
    v = verifier(jwks)
    token = sign(jwks)
    for _ in range(50):
        v.verify(token)
    # distinct tokens miss the verified-token cache, so each one is checked against the cached key
    for i in range(20):
        assert v.verify(sign(jwks, sub=f"user-{i}")).user_id == f"user-{i}"
    assert jwks.hits == 1


def test_concurrent_unknown_kids_cause_one_fetch(jwks: JwksServer) -> None:
    v = verifier(jwks)
    forged = jwt.encode(
        claims(),
        rsa.generate_private_key(public_exponent=65537, key_size=2048),
        "RS256",
        headers={"kid": "x"},
    )
    errors: list[Exception] = []

    def attempt() -> None:
        try:
            v.verify(forged)
        except Unauthenticated as exc:
            errors.append(exc)

    threads = [threading.Thread(target=attempt) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(errors) == 16
    assert jwks.hits == 1


def test_unknown_kid_refetches_once_then_refuses(jwks: JwksServer) -> None:
    v = verifier(jwks)
    v.verify(sign(jwks))
    assert jwks.hits == 1
    jwks.add_key("rotated")  # the realm rotated its keys: one refetch finds the new one
    v.refetch_interval = 0
    v.verify(sign(jwks, kid="rotated"))
    assert jwks.hits == 2
    v.refetch_interval = 30
    forged = jwt.encode(
        claims(),
        rsa.generate_private_key(public_exponent=65537, key_size=2048),
        "RS256",
        headers={"kid": "nope"},
    )
    for _ in range(5):
        with pytest.raises(Unauthenticated, match="unknown key"):
            v.verify(forged)
    assert jwks.hits == 2  # forged kids cannot make us hammer Keycloak


def test_forged_signature_with_known_kid_is_refused(jwks: JwksServer) -> None:
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = jwt.encode(claims(), other, algorithm="RS256", headers={"kid": "k1"})
    with pytest.raises(Unauthenticated, match="invalid token"):
        verifier(jwks).verify(forged)


def test_alg_none_is_refused(jwks: JwksServer) -> None:
    def b64(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    token = f"{b64({'alg': 'none', 'kid': 'k1'})}.{b64(claims())}."
    with pytest.raises(Unauthenticated, match="algorithm"):
        verifier(jwks).verify(token)


def test_hs256_signed_with_public_key_is_refused(jwks: JwksServer) -> None:
    pem = (
        jwks.keys["k1"]
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    header = base64.urlsafe_b64encode(json.dumps({"alg": "HS256", "kid": "k1"}).encode()).rstrip(b"=")
    payload = base64.urlsafe_b64encode(json.dumps(claims()).encode()).rstrip(b"=")
    import hashlib
    import hmac

    signature = base64.urlsafe_b64encode(
        hmac.new(pem, header + b"." + payload, hashlib.sha256).digest()
    ).rstrip(b"=")
    token = b".".join([header, payload, signature]).decode()
    with pytest.raises(Unauthenticated, match="algorithm"):
        verifier(jwks).verify(token)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"exp": int(time.time()) - 60}, "expired"),
        ({"nbf": int(time.time()) + 600}, "not valid yet"),
        ({"iss": "http://127.0.0.1:8180/realms/other"}, "issuer"),
        ({"aud": ["account"]}, "audience"),
        ({"tier": None}, "tier"),
        ({"tier": "superuser"}, "tier"),
        ({"sub": None}, "invalid token"),
        ({"exp": None}, "invalid token"),
        ({"iat": None}, "invalid token"),
        ({"aud": None}, "invalid token"),
        ({"typ": "ID"}, "not an access token"),
        ({"typ": "Refresh"}, "not an access token"),
    ],
)
def test_bad_claims_are_refused(jwks: JwksServer, overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(Unauthenticated, match=message):
        verifier(jwks).verify(sign(jwks, **overrides))


def test_token_for_another_audience_is_refused(jwks: JwksServer) -> None:
    with pytest.raises(Unauthenticated, match="audience"):
        verifier(jwks, audience="cen-other").verify(sign(jwks))


@pytest.mark.parametrize("garbage", ["", "abc", "a.b.c", "x" * 5000])
def test_garbage_is_refused(jwks: JwksServer, garbage: str) -> None:
    with pytest.raises(Unauthenticated):
        verifier(jwks).verify(garbage)


def test_jwks_unreachable_is_unauthenticated_not_a_crash() -> None:
    v = TokenVerifier(ISSUER, "cen", "http://127.0.0.1:9/certs", http_timeout=0.5)
    server = JwksServer()
    server.add_key("k1")
    token = sign(server)
    server.httpd.shutdown()
    server.httpd.server_close()
    with pytest.raises(Unauthenticated, match="signing keys unavailable"):
        v.verify(token)


def test_cached_token_still_expires(jwks: JwksServer) -> None:
    v = verifier(jwks)
    token = sign(jwks, exp=int(time.time()) + 1)
    assert v.verify(token).username == "ncp-nl"
    assert v.verify(token).username == "ncp-nl"  # from the cache
    time.sleep(2.1)
    with pytest.raises(Unauthenticated, match="expired"):
        v.verify(token)


def test_cache_is_bounded(jwks: JwksServer) -> None:
    v = verifier(jwks)
    v.cache_size = 20
    for i in range(100):
        v.verify(sign(jwks, sub=f"user-{i}"))
    assert len(v._verified) <= 20


@pytest.mark.integration
def test_real_keycloak_token_is_verified(token_for: Callable[[str], str]) -> None:
    """A token issued by the local Keycloak passes against its real JWKS, and the claims map as expected."""
    v = TokenVerifier(ISSUER, "cen", f"{ISSUER}/protocol/openid-connect/certs")
    principal = v.verify(token_for("ncp-nl"))
    assert principal.username == "ncp-nl"
    assert principal.tier in set(Tier)
    assert "ncp" in principal.roles
    assert principal.roles <= {"ncp", "rilo-analyst", "cws-editor", "cug-coordinator", "wco-admin"}
    assert len(principal.country) == 2
    with pytest.raises(Unauthenticated, match="audience"):
        TokenVerifier(ISSUER, "cen-other", v.jwks_url).verify(token_for("ncp-nl"))


def test_decode_checks_another_audience_with_the_same_keys(jwks: JwksServer) -> None:
    """The gateway verifies ID tokens (audience = its client id) with the services' verifier and key cache."""
    v = verifier(jwks)
    id_token = sign(jwks, aud="cen-gateway", typ="ID", nonce="n-1")
    assert v.decode(id_token, audience="cen-gateway")["nonce"] == "n-1"
    with pytest.raises(Unauthenticated, match="audience"):
        v.verify(id_token)  # an ID token never opens an RPC
    assert jwks.hits == 1
