"""The picture database's web pages: the gallery with its filters, a picture, withdrawal, and the upload form."""

from __future__ import annotations

from typing import Any

import grpc
from cen.cpdb.v1 import cpdb_pb2
from cen_core.errors import InvalidArgument
from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response as ResponseBase

from cen_gateway.cpdb.files import PICTURES_PATH
from cen_gateway.cpdb.web import (
    ServiceError,
    blueprint,
    call,
    call_or_message,
    friendly_message,
    reference,
    viewer,
)
from cen_gateway.seizures.web import Pager, page_request, query_string, without
from cen_gateway.state import gateway
from cen_gateway.transcoder import message_from_query

PAGE_SIZE = 24
SIMILAR_LIMIT = 8
PAGING_KEYS = ("page", "back")
SORTS = (
    ("PICTURE_SORT_NEWEST", _l("Newest first")),
    ("PICTURE_SORT_OLDEST", _l("Oldest first")),
    ("PICTURE_SORT_TITLE", _l("Title")),
)
KINDS = (("PICTURE_KIND_PHOTO", _l("Photo")), ("PICTURE_KIND_XRAY", _l("X-ray")))
# Filter fields the gallery form edits, each with one value (a link may carry more; the form shows the first).
FORM_FILTERS = (
    "filter.text",
    "filter.kinds",
    "filter.headings",
    "filter.commodity_types",
    "filter.concealment_methods",
    "filter.transport_modes",
    "filter.countries",
    "filter.tags",
)

__all__ = ["blueprint"]


def gallery_query(args: MultiDict[str, str]) -> MultiDict[str, str]:
    """The gallery's query without paging and blanks; tags typed as "a, b" become one filter value each."""
    query: MultiDict[str, str] = MultiDict()
    for key, value in without(args, *PAGING_KEYS).items(multi=True):
        if key == "filter.tags":
            for tag in value.split(","):
                if tag.strip():
                    query.add(key, tag.strip())
        else:
            query.add(key, value)
    return query


@blueprint.get("/")
def gallery() -> Any:
    who = viewer()
    ref = reference()
    query = gallery_query(request.args)
    errors: dict[str, str] = {}
    result = None
    try:
        message = message_from_query(cpdb_pb2.SearchPicturesRequest, query)
    except InvalidArgument as exc:
        errors = {v.field: v.description for v in exc.violations}
    else:
        message.page.CopyFrom(page_request(size=PAGE_SIZE))
        try:
            result = call("SearchPictures", message)
        except ServiceError as exc:
            if exc.code != grpc.StatusCode.INVALID_ARGUMENT:
                raise
            errors = {v.field: v.description for v in exc.remote.violations} or {"": exc.remote.message}
    base = list(query.items(multi=True))
    pager = None
    if result is not None:
        pager = Pager.from_request(request.path, base, result.page.next_page_token, result.page.total_size)
    mine = query.get("filter.mine", "").lower() in ("true", "1")
    filtered = any(key in FORM_FILTERS for key, _value in base)
    # The filters fold stays open while something in it is in force (the text line is always shown).
    advanced = any(key in FORM_FILTERS and key != "filter.text" for key, _value in base)
    values = {key: query.get(key, "") for key in FORM_FILTERS}
    values["filter.tags"] = ", ".join(query.getlist("filter.tags"))
    return render_template(
        "cpdb/gallery.html",
        who=who,
        ref=ref,
        values=values,
        sort=query.get("sort", "PICTURE_SORT_NEWEST"),
        sorts=SORTS,
        kinds=KINDS,
        mine=mine,
        filtered=filtered,
        advanced=advanced,
        result=result,
        errors=errors,
        pager=pager,
    ), (400 if errors else 200)


@blueprint.get("/pictures/<picture_id>")
def picture(picture_id: str) -> Any:
    who = viewer()
    ref = reference()
    found = call("GetPicture", cpdb_pb2.GetPictureRequest(id=picture_id))
    similar: list[Any] = []
    similar_message = ""
    if found.status == cpdb_pb2.PICTURE_STATUS_READY:
        matches, similar_message = call_or_message(
            "FindSimilarPictures", cpdb_pb2.FindSimilarPicturesRequest(id=found.id, limit=SIMILAR_LIMIT)
        )
        similar = list(matches.matches) if matches is not None else []
    return render_template(
        "cpdb/picture.html",
        who=who,
        ref=ref,
        picture=found,
        similar=similar,
        similar_message=similar_message,
        api_url=f"{PICTURES_PATH}/{found.id}",
        tag_url=lambda tag: url_for("cpdb.gallery") + query_string([("filter.tags", tag)]),
    )


@blueprint.post("/pictures/<picture_id>/withdraw")
def withdraw(picture_id: str) -> ResponseBase:
    viewer()
    reason = request.form.get("reason", "").strip()
    try:
        call("WithdrawPicture", cpdb_pb2.WithdrawPictureRequest(id=picture_id, reason=reason))
    except ServiceError as exc:
        if exc.code == grpc.StatusCode.UNAUTHENTICATED:
            raise
        flash(_("The picture was not withdrawn: %(reason)s", reason=friendly_message(exc)), "error")
    else:
        flash(_("The picture was withdrawn; its files have been removed from the store."), "success")
    return redirect(url_for("cpdb.picture", picture_id=picture_id), code=303)


@blueprint.get("/upload")
def upload() -> Any:
    """The upload form; its script sends the picture to POST /api/v1/cpdb/pictures and follows the processing."""
    who = viewer()
    if not who.can_upload:
        message = _l(
            "Uploading pictures needs the unlimited access tier. You can still search and view the pictures; "
            "ask your National Contact Point if your work needs data entry."
        )
        return Response(render_template("cpdb/refused.html", who=who, message=message), status=403)
    ref = reference()
    limit = gateway().settings.max_picture_bytes
    return render_template(
        "cpdb/upload.html",
        who=who,
        ref=ref,
        kinds=KINDS,
        default_country=who.principal.country,
        limit_bytes=limit,
        limit_mib=limit // 2**20,
        upload_url=PICTURES_PATH,
    )
