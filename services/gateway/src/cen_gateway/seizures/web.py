"""What the CEN database pages share: the blueprint, the signed-in caller, service calls and reference labels."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import grpc
from cen.common.v1 import paging_pb2
from cen.seizures.v1 import seizures_pb2
from cen_core.auth.principal import NCP, RILO_ANALYST, Principal, Tier
from cen_core.errors import RemoteError, from_rpc_error
from flask import Blueprint, Response, g, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response as ResponseBase

from cen_gateway import api, login
from cen_gateway.login import LoginNeeded
from cen_gateway.security import csrf_token
from cen_gateway.seizures.files import seizures_stub
from cen_gateway.state import cached_for, gateway

blueprint = Blueprint("seizures", __name__, url_prefix="/seizures")
REFERENCE_TTL_SECONDS = 600
PAGE_SIZE = 20
MAX_BACK_PAGES = 50
FIRST_PAGE = "~"  # the "previous pages" stack's name for the first page, whose token is empty

STATUS_LABELS = {
    seizures_pb2.SEIZURE_STATUS_DRAFT: _l("Draft"),
    seizures_pb2.SEIZURE_STATUS_SUBMITTED: _l("Submitted"),
    seizures_pb2.SEIZURE_STATUS_VALIDATED: _l("Validated"),
    seizures_pb2.SEIZURE_STATUS_RETURNED: _l("Returned"),
}
EDITABLE = (seizures_pb2.SEIZURE_STATUS_DRAFT, seizures_pb2.SEIZURE_STATUS_RETURNED)


# ---- the caller ------------------------------------------------------------------------------------------


class ServiceError(Exception):
    """A refused or failed call to the seizures service, as the page should explain it."""

    def __init__(self, remote: RemoteError) -> None:
        super().__init__(remote.message)
        self.remote = remote

    @property
    def code(self) -> grpc.StatusCode:
        return self.remote.grpc_code

    @property
    def field_errors(self) -> dict[str, str]:
        """Field violations keyed by the form's input names (request paths without the wrapping message)."""
        return {form_path(v.field): v.description for v in self.remote.violations}


def form_path(path: str) -> str:
    """A service's field path as the forms name their inputs: seizure.commodities[0].quantity -> commodities[0]…"""
    for prefix in ("seizure.", "criteria.filter.", "criteria.", "filter."):
        if path.startswith(prefix):
            return path.removeprefix(prefix)
    return path


@dataclass(frozen=True)
class Caller:
    """The signed-in user: their access token (forwarded to the service) and its verified claims."""

    token: str
    principal: Principal

    @property
    def can_read(self) -> bool:
        return self.principal.tier >= Tier.READONLY

    @property
    def can_enter(self) -> bool:
        return self.principal.tier >= Tier.UNLIMITED

    @property
    def is_admin(self) -> bool:
        return self.principal.is_wco_admin

    def may_edit(self, seizure: Any) -> bool:
        return (
            self.can_enter
            and seizure.status in EDITABLE
            and (self.is_admin or self.principal.country == seizure.country)
        )

    def may_submit(self, seizure: Any) -> bool:
        return seizure.status in EDITABLE and (
            self.is_admin or (self.principal.has_role(NCP) and self.principal.country == seizure.country)
        )

    def may_review(self, seizure: Any) -> bool:
        """Validate or return: a RILO analyst of the case's region (or wco-admin), once it is submitted."""
        if seizure.status != seizures_pb2.SEIZURE_STATUS_SUBMITTED:
            return False
        own = self.principal.rilo and self.principal.rilo in (seizure.rilo, seizure.region)
        return self.is_admin or bool(self.principal.has_role(RILO_ANALYST) and own)

    def may_delete(self, seizure: Any) -> bool:
        return (
            self.may_edit(seizure)
            and seizure.status == seizures_pb2.SEIZURE_STATUS_DRAFT
            and not seizure.HasField("submitted_at")
        )


def caller() -> Caller:
    """The signed-in user of this request (the token refreshed when due), or LoginNeeded."""
    found: Caller | None = g.get("seizures_caller")
    if found is None:
        found = Caller(*login.signed_in())
        g.seizures_caller = found  # the pages' context reads it
    return found


def call(method: str, message: Any, *, timeout: float | None = None) -> Any:
    """Call a SeizureService RPC as the signed-in caller; a refusal is a ServiceError."""
    who = caller()
    rpc = getattr(seizures_stub(), method)
    try:
        return rpc(
            message,
            timeout=timeout or gateway().settings.grpc_timeout_seconds,
            metadata=api.call_metadata(f"Bearer {who.token}"),
        )
    except grpc.RpcError as exc:
        raise ServiceError(from_rpc_error(exc)) from None


def call_or_message(method: str, message: Any) -> tuple[Any, str]:
    """For parts of a page that show their own refusal: (reply, "") or (None, the friendly message).
    An expired session still raises, so that it leads to a new login."""
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
        who = g.get("seizures_caller")
        if who is not None and who.principal.tier < Tier.READONLY:
            return _l(
                "Your access tier (limited) covers the CEN website and the picture database only. "
                "Ask your National Contact Point for read-only or unlimited access to the CEN database."
            )
        return _l("Your access tier or role does not allow this: %(reason)s", reason=error.remote.message)
    if code == grpc.StatusCode.NOT_FOUND:
        return _l("This item does not exist, or your access does not let you see it.")
    if code == grpc.StatusCode.ABORTED:
        return _l("Someone else changed this case in the meantime; reload it to see their changes.")
    if code in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED):
        return _l("The CEN database is not answering right now. Please try again shortly.")
    if code == grpc.StatusCode.RESOURCE_EXHAUSTED:
        return _l("Too many requests; please wait a minute and try again.")
    if error.remote.http_status >= 500:
        return _l("Something went wrong in the CEN database; quote the request id when reporting it.")
    return error.remote.message


def is_htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


@blueprint.errorhandler(LoginNeeded)
def _login_needed(_exc: LoginNeeded) -> ResponseBase:
    target = url_for("login.start_login", next=request.full_path.rstrip("?"))
    if is_htmx():
        return Response(status=204, headers={"HX-Redirect": target})
    return redirect(target, code=303)


@blueprint.errorhandler(ServiceError)
def _service_error(exc: ServiceError) -> ResponseBase:
    if exc.code == grpc.StatusCode.UNAUTHENTICATED:
        session.clear()
        return _login_needed(LoginNeeded())
    status = exc.remote.http_status
    message = friendly_message(exc)
    if is_htmx():
        # htmx swaps only 2xx answers: the fragment carries the message itself.
        return Response(render_template("seizures/_notice.html", message=message, kind="error"), 200)
    return Response(render_template("error.html", status=status, message=message), status)


@blueprint.context_processor
def _page_context() -> dict[str, Any]:
    return {"caller": g.get("seizures_caller"), "csrf": csrf_token(session)}


@blueprint.app_template_global()
def status_label(value: int) -> Any:
    return STATUS_LABELS.get(value, "—")


@blueprint.app_template_global()
def status_key(value: int) -> str:
    """draft, submitted, validated, returned: for CSS classes and test hooks."""
    name: str = seizures_pb2.SeizureStatus.Name(value) if value in STATUS_LABELS else "SEIZURE_STATUS_UNKNOWN"
    return name.removeprefix("SEIZURE_STATUS_").lower()


# ---- reference data ----------------------------------------------------------------------------------------


@dataclass
class Reference:
    """The service's reference lists and code -> name lookups for labels."""

    data: Any
    names: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        d = self.data
        commodity_types = [c for h in d.headings for c in h.commodity_types]
        self.names = {
            "headings": {h.code: h.name for h in d.headings},
            "commodity_types": {c.code: c.name for c in commodity_types},
            "countries": {c.code: c.name for c in d.countries},
            "regions": {r.code: r.name for r in d.regions},
            "rilos": {r.code: r.name for r in d.rilos},
            "transport_modes": {t.code: t.name for t in d.transport_modes},
            "detection_methods": {t.code: t.name for t in d.detection_methods},
            "concealment_methods": {t.code: t.name for t in d.concealment_methods},
            "units": {u.code: u.name for u in d.units},
            "place_types": {t.code: t.name for t in d.place_types},
            "customs_procedures": {t.code: t.name for t in d.customs_procedures},
            "directions": {t.code: t.name for t in d.directions},
            "genders": {t.code: t.name for t in d.genders},
            "age_bands": {t.code: t.name for t in d.age_bands},
            "offender_roles": {t.code: t.name for t in d.offender_roles},
            "cites_appendices": {t.code: t.name for t in d.cites_appendices},
            "currencies": {t.code: t.name for t in d.currencies},
        }

    def label(self, kind: str, code: str) -> str:
        """The name of a code in one of the lists; the code itself when the list does not know it."""
        if not code:
            return "—"
        return self.names.get(kind, {}).get(code, code)


def reference() -> Reference:
    """The reference lists, fetched as the signed-in user and kept for a few minutes (they change with releases)."""
    return cached_for(
        "cen_seizures_reference",
        REFERENCE_TTL_SECONDS,
        lambda: Reference(call("GetReferenceData", seizures_pb2.GetReferenceDataRequest())),
    )


# ---- query strings and paging ------------------------------------------------------------------------------


def query_string(pairs: Iterable[tuple[str, str]]) -> str:
    items = [(k, v) for k, v in pairs if v != ""]
    return ("?" + urlencode(items)) if items else ""


def without(query: MultiDict[str, str], *keys: str) -> MultiDict[str, str]:
    kept: MultiDict[str, str] = MultiDict()
    for key, value in query.items(multi=True):
        if key not in keys and value.strip() != "":
            kept.add(key, value.strip())
    return kept


@dataclass(frozen=True)
class Pager:
    """Next/previous links over page tokens: the tokens of earlier pages travel in the link as `back`."""

    path: str
    base: list[tuple[str, str]]
    token: str
    back: list[str]
    next_token: str
    total: int
    prefix: str = ""

    @classmethod
    def from_request(
        cls, path: str, base: Iterable[tuple[str, str]], next_token: str, total: int, prefix: str = ""
    ) -> Pager:
        back = [b for b in request.args.getlist(prefix + "back") if b][-MAX_BACK_PAGES:]
        return cls(path, list(base), request.args.get(prefix + "page", ""), back, next_token, total, prefix)

    @property
    def number(self) -> int:
        return len(self.back) + 1

    def next_url(self) -> str:
        if not self.next_token:
            return ""
        back = [*self.back, self.token or FIRST_PAGE][-MAX_BACK_PAGES:]
        pairs = [*self.base, (self.prefix + "page", self.next_token)]
        pairs += [(self.prefix + "back", b) for b in back]
        return self.path + query_string(pairs)

    def previous_url(self) -> str:
        if not self.back:
            return ""
        token = self.back[-1]
        pairs = list(self.base)
        if token != FIRST_PAGE:
            pairs.append((self.prefix + "page", token))
        pairs += [(self.prefix + "back", b) for b in self.back[:-1]]
        return self.path + query_string(pairs)


def page_request(prefix: str = "", size: int = PAGE_SIZE) -> Any:
    token = request.args.get(prefix + "page", "")
    return paging_pb2.PageRequest(page_size=size, page_token="" if token == FIRST_PAGE else token)


def html_response(
    template: str, status: int = 200, headers: Mapping[str, str] | None = None, **context: Any
) -> Response:
    return Response(render_template(template, **context), status=status, headers=dict(headers or {}))
