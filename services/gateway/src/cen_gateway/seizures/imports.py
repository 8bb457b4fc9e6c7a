"""The import pages: upload form and template links, then the job's progress, counts and error report."""

from __future__ import annotations

from typing import Any

import grpc
from cen.seizures.v1 import seizures_pb2
from cen_core.errors import from_rpc_error
from flask import Response, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response as ResponseBase

from cen_gateway.seizures.files import start_import
from cen_gateway.seizures.uploads import UploadRefused
from cen_gateway.seizures.web import (
    Pager,
    ServiceError,
    blueprint,
    call,
    call_or_message,
    caller,
    friendly_message,
    html_response,
    is_htmx,
    page_request,
    query_string,
)

UPLOAD_ENDPOINT = "seizures.upload"
ERRORS_PAGE_SIZE = 25
RUNNING = (seizures_pb2.IMPORT_STATUS_QUEUED, seizures_pb2.IMPORT_STATUS_RUNNING)
IMPORT_STATUS_LABELS = {
    seizures_pb2.IMPORT_STATUS_QUEUED: _l("Queued"),
    seizures_pb2.IMPORT_STATUS_RUNNING: _l("Running"),
    seizures_pb2.IMPORT_STATUS_DONE: _l("Done"),
    seizures_pb2.IMPORT_STATUS_FAILED: _l("Failed"),
}
TEMPLATES = (
    ("simplified", "csv", _l("Simplified layout, CSV")),
    ("simplified", "xlsx", _l("Simplified layout, XLSX")),
    ("long", "csv", _l("Long layout, CSV")),
    ("long", "xlsx", _l("Long layout, XLSX")),
)


def percent(job: Any) -> int:
    """How far the job is, 0-100; a finished job is at 100 whatever its row counts say."""
    if job.status in (seizures_pb2.IMPORT_STATUS_DONE, seizures_pb2.IMPORT_STATUS_FAILED):
        return 100
    if job.rows_total <= 0:
        return 0
    return max(0, min(99, int(job.rows_done * 100 // job.rows_total)))


def _job_context(job: Any) -> dict[str, Any]:
    return {
        "job": job,
        "percent": percent(job),
        "running": job.status in RUNNING,
        "status_text": IMPORT_STATUS_LABELS.get(job.status, "—"),
        "status_name": seizures_pb2.ImportStatus.Name(job.status).removeprefix("IMPORT_STATUS_").lower(),
        "layout_name": "long" if job.layout == seizures_pb2.SEIZURE_FORM_LONG else "simplified",
    }


@blueprint.get("/imports")
def imports() -> Any:
    who = caller()
    jobs = call("ListImportJobs", seizures_pb2.ListImportJobsRequest(page=page_request()))
    pager = Pager.from_request(request.path, [], jobs.page.next_page_token, jobs.page.total_size)
    return html_response(
        "seizures/imports.html",
        who=who,
        jobs=jobs.jobs,
        pager=pager,
        templates=TEMPLATES,
        job_status=lambda job: IMPORT_STATUS_LABELS.get(job.status, "—"),
        percent=percent,
        upload={},
    )


@blueprint.post("/imports", endpoint="upload")
def upload() -> Any:
    """The upload form's target: the file is streamed to the service as it arrives (the CSRF token is a header)."""
    who = caller()
    errors: dict[str, str] = {}
    message = ""
    try:
        job = start_import(f"Bearer {who.token}")
    except UploadRefused as exc:
        errors = {v.field: v.description for v in exc.violations}
        message = exc.detail
    except grpc.RpcError as exc:
        refusal = ServiceError(from_rpc_error(exc))
        if refusal.code == grpc.StatusCode.UNAUTHENTICATED or not is_htmx():
            raise refusal from None
        errors = refusal.field_errors
        message = str(friendly_message(refusal))
    else:
        target = url_for("seizures.import_job", job_id=job.id)
        if is_htmx():
            return Response(status=204, headers={"HX-Redirect": target})
        return redirect(target, code=303)
    upload = {"errors": errors, "message": message, "values": request.args}
    if is_htmx():
        return html_response("seizures/_upload_form.html", upload=upload, templates=TEMPLATES)
    return html_response(
        "seizures/imports.html", status=400, who=who, jobs=[], pager=None, upload=upload, templates=TEMPLATES
    )


@blueprint.get("/imports/<job_id>")
def import_job(job_id: str) -> Any:
    who = caller()
    job = call("GetImportJob", seizures_pb2.GetImportJobRequest(id=job_id))
    context = _job_context(job)
    if not context["running"]:
        context.update(_errors_context(job_id))
    return html_response("seizures/import_job.html", who=who, **context)


@blueprint.get("/imports/<job_id>/progress")
def import_progress(job_id: str) -> Any:
    """The progress fragment htmx polls every second; once the job has ended it carries the outcome and stops."""
    caller()
    job = call("GetImportJob", seizures_pb2.GetImportJobRequest(id=job_id))
    context = _job_context(job)
    if not context["running"]:
        context.update(_errors_context(job_id))
    return html_response("seizures/_import_progress.html", **context)


def _errors_context(job_id: str) -> dict[str, Any]:
    found, message = call_or_message(
        "ListImportErrors",
        seizures_pb2.ListImportErrorsRequest(id=job_id, page=page_request("e", ERRORS_PAGE_SIZE)),
    )
    if found is None:
        return {"import_errors": [], "errors_pager": None, "errors_message": message}
    path = url_for("seizures.import_errors", job_id=job_id)
    pager = Pager.from_request(path, [], found.page.next_page_token, found.page.total_size, "e")
    return {"import_errors": found.errors, "errors_pager": pager, "errors_message": "", "job_id": job_id}


@blueprint.get("/imports/<job_id>/errors")
def import_errors(job_id: str) -> ResponseBase | Any:
    """One page of the error report (a fragment for htmx; the job page otherwise)."""
    caller()
    if not is_htmx():
        return redirect(
            url_for("seizures.import_job", job_id=job_id) + query_string(request.args.items(multi=True)),
            code=303,
        )
    return html_response("seizures/_import_errors.html", **_errors_context(job_id))
