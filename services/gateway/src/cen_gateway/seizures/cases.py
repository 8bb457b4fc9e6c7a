"""One seizure case: its detail page with history, the workflow buttons, and the entry and edit forms."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import grpc
from cen.seizures.v1 import seizures_pb2
from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as ResponseBase

from cen_gateway.seizures.forms import KINDS, LONG, SIMPLIFIED, CaseForm, form_from_input, parse_form
from cen_gateway.seizures.web import (
    Pager,
    ServiceError,
    blueprint,
    call,
    call_or_message,
    caller,
    friendly_message,
    html_response,
    page_request,
    reference,
)

HISTORY_PAGE_SIZE = 50
# Refusals a form or a button shows next to itself; anything else is the error page.
SHOWN_IN_PLACE = (
    grpc.StatusCode.INVALID_ARGUMENT,
    grpc.StatusCode.ABORTED,
    grpc.StatusCode.FAILED_PRECONDITION,
    grpc.StatusCode.PERMISSION_DENIED,
    grpc.StatusCode.ALREADY_EXISTS,
    grpc.StatusCode.NOT_FOUND,
)


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


def _shown(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def changes(entry: Any) -> list[Change]:
    """A history entry's changed fields with their values before and after."""

    def load(text: str) -> dict[str, Any]:
        try:
            value = json.loads(text) if text else {}
        except ValueError:
            return {"": text}
        return value if isinstance(value, dict) else {"": value}

    before, after = load(entry.before_json), load(entry.after_json)
    return [
        Change(k, _shown(before.get(k)), _shown(after.get(k))) for k in sorted(before.keys() | after.keys())
    ]


@blueprint.get("/cases/<seizure_id>")
def case(seizure_id: str) -> Any:
    who = caller()
    ref = reference()
    seizure = call("GetSeizure", seizures_pb2.GetSeizureRequest(id=seizure_id))
    pager = None
    history, history_error = call_or_message(
        "ListSeizureHistory",
        seizures_pb2.ListSeizureHistoryRequest(id=seizure_id, page=page_request("h", HISTORY_PAGE_SIZE)),
    )
    if history is not None:
        pager = Pager.from_request(
            request.path, [], history.page.next_page_token, history.page.total_size, "h"
        )
    return html_response(
        "seizures/case.html",
        who=who,
        ref=ref,
        seizure=seizure,
        content=seizure.content,
        history=history.entries if history is not None else [],
        history_error=history_error,
        pager=pager,
        changes=changes,
        form_kind=LONG if seizure.content.form == seizures_pb2.SEIZURE_FORM_LONG else SIMPLIFIED,
    )


def _version() -> int | None:
    try:
        return int(request.form.get("version", ""))
    except ValueError:
        return None


@blueprint.post("/cases/<seizure_id>/<any(submit, validate, return, delete):action>")
def workflow(seizure_id: str, action: str) -> ResponseBase:
    """The status buttons of the detail page; the outcome is told there."""
    caller()
    version = _version()
    here = url_for("seizures.case", seizure_id=seizure_id)
    if version is None:
        flash(_("The page was out of date; it has been reloaded, please try again."), "error")
        return redirect(here, code=303)
    try:
        if action == "submit":
            done = call("SubmitSeizure", seizures_pb2.SubmitSeizureRequest(id=seizure_id, version=version))
            flash(_("Case %(reference)s was submitted to the RILO.", reference=done.reference), "success")
        elif action == "validate":
            done = call(
                "ValidateSeizure", seizures_pb2.ValidateSeizureRequest(id=seizure_id, version=version)
            )
            flash(_("Case %(reference)s was validated.", reference=done.reference), "success")
        elif action == "return":
            reason = request.form.get("reason", "").strip()
            done = call(
                "ReturnSeizure",
                seizures_pb2.ReturnSeizureRequest(id=seizure_id, version=version, reason=reason),
            )
            flash(_("Case %(reference)s was returned to its country.", reference=done.reference), "success")
        else:
            call("DeleteSeizure", seizures_pb2.DeleteSeizureRequest(id=seizure_id, version=version))
            flash(_("The draft was deleted."), "success")
            return redirect(url_for("seizures.search"), code=303)
    except ServiceError as exc:
        if exc.code not in SHOWN_IN_PLACE:
            raise
        detail = "; ".join(f"{k}: {v}" for k, v in exc.field_errors.items())
        message = str(friendly_message(exc))
        flash(f"{message} ({detail})" if detail and detail not in message else message, "error")
    return redirect(here, code=303)


# ---- entry and edit forms ----------------------------------------------------------------------------------


def _render_form(
    state: CaseForm, *, status: int = 200, seizure: Any = None, version: str = "", conflict: bool = False
) -> Any:
    who = caller()
    return html_response(
        "seizures/case_form.html",
        status=status,
        conflict=conflict,
        who=who,
        ref=reference(),
        form=state,
        seizure=seizure,
        version=version,
        action=url_for("seizures.edit_case", seizure_id=seizure.id)
        if seizure is not None
        else url_for("seizures.new_case"),
    )


def _apply_refusal(state: CaseForm, exc: ServiceError) -> int:
    """Put a refusal on the form: field errors next to their inputs, the rest at the top; the HTTP status."""
    if exc.code not in SHOWN_IN_PLACE:
        raise exc
    state.errors.update(exc.field_errors)
    if exc.code == grpc.StatusCode.INVALID_ARGUMENT:
        if not exc.field_errors:
            state.general.append(exc.remote.message)
    else:
        state.general.append(str(friendly_message(exc)))
    return exc.remote.http_status


@blueprint.route("/cases/new", methods=["GET", "POST"])
def new_case() -> Any:
    who = caller()
    kind = request.values.get("form", SIMPLIFIED)
    kind = kind if kind in KINDS else SIMPLIFIED
    if request.method == "GET":
        return _render_form(CaseForm(kind=kind))
    state = parse_form(request.form, kind)
    message = state.to_input(with_country=who.is_admin)
    if state.errors:
        return _render_form(state, status=400)
    try:
        created = call("CreateSeizure", seizures_pb2.CreateSeizureRequest(seizure=message))
    except ServiceError as exc:
        return _render_form(state, status=_apply_refusal(state, exc))
    flash(_("Case %(reference)s was saved as a draft.", reference=created.reference), "success")
    return redirect(url_for("seizures.case", seizure_id=created.id), code=303)


@blueprint.route("/cases/<seizure_id>/edit", methods=["GET", "POST"])
def edit_case(seizure_id: str) -> Any:
    who = caller()
    seizure = call("GetSeizure", seizures_pb2.GetSeizureRequest(id=seizure_id))
    if request.method == "GET":
        state = form_from_input(seizure.content)
        if request.args.get("form") == LONG:
            state.kind = LONG
        if not who.may_edit(seizure):
            state.general.append(
                _("Only drafts and returned cases can be changed, by their country's data entry staff.")
            )
        return _render_form(state, seizure=seizure, version=str(seizure.version))
    version = request.form.get("version", "")
    state = parse_form(request.form, request.form.get("form", LONG))
    message = state.to_input(with_country=who.is_admin)
    if not version.isdigit():
        state.general.append(_("The page was out of date; reload it and enter your changes again."))
    if state.errors or state.general:
        return _render_form(state, status=400, seizure=seizure, version=version)
    try:
        updated = call(
            "UpdateSeizure",
            seizures_pb2.UpdateSeizureRequest(id=seizure_id, version=int(version), seizure=message),
        )
    except ServiceError as exc:
        status = _apply_refusal(state, exc)
        conflict = exc.code == grpc.StatusCode.ABORTED
        return _render_form(state, status=status, seizure=seizure, version=version, conflict=conflict)
    flash(_("Case %(reference)s was saved.", reference=updated.reference), "success")
    return redirect(url_for("seizures.case", seizure_id=seizure_id), code=303)
