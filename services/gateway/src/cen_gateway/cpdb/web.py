"""What the picture database's pages share: the blueprint, the signed-in viewer, service calls and labels."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import grpc
from cen.cpdb.v1 import cpdb_pb2
from cen_core.auth.principal import NCP, Principal, Tier
from cen_core.errors import RemoteError, from_rpc_error
from flask import Blueprint, Response, g, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response as ResponseBase

from cen_gateway import api, login
from cen_gateway.cpdb.files import cpdb_stub
from cen_gateway.login import LoginNeeded
from cen_gateway.security import csrf_token
from cen_gateway.state import cached_for, gateway

blueprint = Blueprint("cpdb", __name__, url_prefix="/cpdb")
REFERENCE_TTL_SECONDS = 600

KIND_LABELS = {cpdb_pb2.PICTURE_KIND_PHOTO: _l("Photo"), cpdb_pb2.PICTURE_KIND_XRAY: _l("X-ray")}
STATUS_LABELS = {
    cpdb_pb2.PICTURE_STATUS_PENDING: _l("Processing"),
    cpdb_pb2.PICTURE_STATUS_READY: _l("Ready"),
    cpdb_pb2.PICTURE_STATUS_REJECTED: _l("Rejected"),
    cpdb_pb2.PICTURE_STATUS_WITHDRAWN: _l("Withdrawn"),
}


class ServiceError(Exception):
    """A refused or failed call to the cpdb service, as the page should explain it."""

    def __init__(self, remote: RemoteError) -> None:
        super().__init__(remote.message)
        self.remote = remote

    @property
    def code(self) -> grpc.StatusCode:
        return self.remote.grpc_code


@dataclass(frozen=True)
class Viewer:
    """The signed-in user: their access token (forwarded to the service) and its verified claims.

    What it says about rights only decides what the pages offer; the service decides what is allowed.
    """

    token: str
    principal: Principal

    @property
    def sees_cases(self) -> bool:
        return self.principal.tier >= Tier.READONLY

    @property
    def can_upload(self) -> bool:
        return self.principal.tier >= Tier.UNLIMITED

    def may_withdraw(self, picture: Any) -> bool:
        """The uploader's NCP or wco-admin, while the picture is not withdrawn yet."""
        if picture.status == cpdb_pb2.PICTURE_STATUS_WITHDRAWN or not self.can_upload:
            return False
        p = self.principal
        return p.is_wco_admin or (
            p.has_role(NCP) and bool(p.country) and p.country == picture.uploader_country
        )


def viewer() -> Viewer:
    """The signed-in user of this request (the token refreshed when due), or LoginNeeded."""
    found: Viewer | None = g.get("cpdb_viewer")
    if found is None:
        found = Viewer(*login.signed_in())
        g.cpdb_viewer = found  # the pages' context reads it
    return found


def call(method: str, message: Any) -> Any:
    """Call a PictureService RPC as the signed-in user; a refusal is a ServiceError."""
    who = viewer()
    try:
        return getattr(cpdb_stub(), method)(
            message,
            timeout=gateway().settings.grpc_timeout_seconds,
            metadata=api.call_metadata(f"Bearer {who.token}"),
        )
    except grpc.RpcError as exc:
        raise ServiceError(from_rpc_error(exc)) from None


def call_or_message(method: str, message: Any) -> tuple[Any, str]:
    """For parts of a page that show their own refusal: (reply, "") or (None, the friendly message)."""
    try:
        return call(method, message), ""
    except ServiceError as exc:
        if exc.code == grpc.StatusCode.UNAUTHENTICATED:
            raise
        return None, str(friendly_message(exc))


def friendly_message(error: ServiceError) -> Any:
    """What a user is told about a refusal, in their language; the service's own words where they help."""
    code = error.code
    if code == grpc.StatusCode.PERMISSION_DENIED:
        return _l("Your access tier or role does not allow this: %(reason)s", reason=error.remote.message)
    if code == grpc.StatusCode.NOT_FOUND:
        return _l("This picture does not exist, or your access does not let you see it.")
    if code in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED):
        return _l("The picture database is not answering right now. Please try again shortly.")
    if code == grpc.StatusCode.RESOURCE_EXHAUSTED:
        return _l("Too many requests; please wait a minute and try again.")
    if error.remote.http_status >= 500:
        return _l("Something went wrong in the picture database; quote the request id when reporting it.")
    return error.remote.message


@blueprint.errorhandler(LoginNeeded)
def _login_needed(_exc: LoginNeeded) -> ResponseBase:
    return redirect(url_for("login.start_login", next=request.full_path.rstrip("?")), code=303)


@blueprint.errorhandler(ServiceError)
def _service_error(exc: ServiceError) -> ResponseBase:
    if exc.code == grpc.StatusCode.UNAUTHENTICATED:
        session.clear()
        return _login_needed(LoginNeeded())
    status = exc.remote.http_status
    return Response(render_template("error.html", status=status, message=friendly_message(exc)), status)


# ---- reference data ----------------------------------------------------------------------------------------


@dataclass
class Reference:
    """The service's reference lists, code -> name lookups, and commodity types grouped by heading."""

    data: Any
    names: dict[str, dict[str, str]] = field(default_factory=dict)
    commodity_groups: list[tuple[Any, list[Any]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        d = self.data
        self.names = {
            kind: {c.code: c.name for c in getattr(d, kind)}
            for kind in ("headings", "commodity_types", "concealment_methods", "transport_modes", "countries")
        }
        self.commodity_groups = [
            (h, [c for c in d.commodity_types if c.parent == h.code]) for h in d.headings
        ]

    def label(self, kind: str, code: str) -> str:
        """The name of a code in one of the lists; the code itself when the list does not know it."""
        if not code:
            return "—"
        return self.names.get(kind, {}).get(code, code)


def reference() -> Reference:
    """The reference lists, fetched as the signed-in user and kept for a few minutes (they change with releases)."""
    return cached_for(
        "cen_cpdb_reference",
        REFERENCE_TTL_SECONDS,
        lambda: Reference(call("GetPictureReference", cpdb_pb2.GetPictureReferenceRequest())),
    )


# ---- template helpers --------------------------------------------------------------------------------------


def kind_label(value: int) -> Any:
    return KIND_LABELS.get(value, "—")


def kind_key(value: int) -> str:
    """photo or xray: for CSS classes and test hooks."""
    return "xray" if value == cpdb_pb2.PICTURE_KIND_XRAY else "photo"


def picture_status_label(value: int) -> Any:
    return STATUS_LABELS.get(value, "—")


def picture_status_key(value: int) -> str:
    """pending, ready, rejected, withdrawn: for CSS classes, test hooks and the status script."""
    name = cpdb_pb2.PictureStatus.Name(value) if value in STATUS_LABELS else "PICTURE_STATUS_UNKNOWN"
    return name.removeprefix("PICTURE_STATUS_").lower()


def file_size(size: int) -> str:
    if size >= 2**20:
        return f"{size / 2**20:.1f} MiB"
    if size >= 1024:
        return f"{size / 1024:.0f} KiB"
    return f"{size} B"


@blueprint.context_processor
def _page_context() -> dict[str, Any]:
    return {
        "viewer": g.get("cpdb_viewer"),
        "csrf": csrf_token(session),
        "kind_label": kind_label,
        "kind_key": kind_key,
        "picture_status_label": picture_status_label,
        "picture_status_key": picture_status_key,
        "file_size": file_size,
    }
