"""The gateway's dependencies and per-app runtime state, reachable from any request as gateway()."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import grpc
import redis
from cen.cpdb.v1.cpdb_pb2_grpc import PictureServiceStub
from cen.seizures.v1.seizures_pb2_grpc import SeizureServiceStub
from cen_core.auth.tokens import TokenVerifier
from cen_core.grpc_server import verifier_from_settings
from flask import current_app

from cen_gateway.oidc import OidcClient
from cen_gateway.security import RateLimiter
from cen_gateway.settings import GatewaySettings
from cen_gateway.transcoder import SERVED_MODULES, ServedModule, Transcoder

_CHANNEL_OPTIONS = [("grpc.keepalive_time_ms", 30_000), ("grpc.keepalive_timeout_ms", 10_000)]


@dataclass
class Deps:
    """What the gateway talks to; tests build their own (e.g. a channel to a closed port)."""

    channels: dict[str, grpc.Channel]
    redis: redis.Redis
    oidc: OidcClient
    verifier: TokenVerifier
    modules: tuple[ServedModule, ...] = SERVED_MODULES


def build_deps(settings: GatewaySettings, modules: tuple[ServedModule, ...] = SERVED_MODULES) -> Deps:
    return Deps(
        channels={
            m.name: grpc.insecure_channel(settings.service_addr(m.name), _CHANNEL_OPTIONS) for m in modules
        },
        redis=redis.Redis.from_url(settings.redis_url, socket_timeout=2, socket_connect_timeout=2),
        oidc=OidcClient(
            settings.oidc_issuer, settings.oidc_client_id, settings.oidc_client_secret.get_secret_value()
        ),
        verifier=verifier_from_settings(settings),
        modules=modules,
    )


@dataclass
class Gateway:
    """Per-app runtime state, reachable as gateway() inside a request."""

    settings: GatewaySettings
    deps: Deps
    transcoder: Transcoder
    limiter: RateLimiter
    csp: str
    # The seizures module's own stub, for its streaming RPCs and the web pages (None when not served).
    seizures: SeizureServiceStub | None = None
    # The CPDb's stub likewise: picture upload and similar-to-upload streams, and its pages.
    cpdb: PictureServiceStub | None = None
    started: float = field(default_factory=time.time)


def gateway() -> Gateway:
    state: Gateway = current_app.extensions["cen_gateway"]
    return state


T = TypeVar("T")
_cache_lock = threading.Lock()


def cached_for(key: str, seconds: float, load: Callable[[], T]) -> T:
    """A value kept in the app for `seconds` (reference lists a module's pages show), loaded on first use."""
    found: tuple[float, T] | None = current_app.extensions.get(key)
    if found is not None and time.monotonic() - found[0] < seconds:
        return found[1]
    fresh = load()
    with _cache_lock:
        current_app.extensions[key] = (time.monotonic(), fresh)
    return fresh
