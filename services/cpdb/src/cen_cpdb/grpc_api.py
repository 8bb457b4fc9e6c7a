"""gRPC transport of the cpdb service: proto messages to use cases and back, and the server factory."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import grpc
import sqlalchemy
from celery import Celery
from cen.common.v1 import paging_pb2
from cen.cpdb.v1 import cpdb_pb2 as pb
from cen.cpdb.v1 import cpdb_pb2_grpc
from cen_core.auth.policy import current_principal
from cen_core.auth.tokens import TokenVerifier
from cen_core.celery_app import enqueue_after_commit
from cen_core.db import create_engine, make_sessionmaker
from cen_core.errors import FieldViolation, InvalidArgument
from cen_core.grpc_server import GrpcServer, ServiceRegistration, create_grpc_server, verifier_from_settings
from cen_core.objectstore import ObjectStore
from cen_core.reference import ReferenceData, load_reference
from google.protobuf.timestamp_pb2 import Timestamp

from cen_cpdb.cases import SeizureCases
from cen_cpdb.domain import Kind, Status
from cen_cpdb.policy import CPDB_POLICY, POLICIES
from cen_cpdb.service import Match, PictureService, PictureView
from cen_cpdb.settings import Settings

KINDS = {pb.PICTURE_KIND_PHOTO: Kind.PHOTO, pb.PICTURE_KIND_XRAY: Kind.XRAY}
KIND_ENUMS = {v: k for k, v in KINDS.items()}
STATUS_ENUMS = {
    Status.PENDING: pb.PICTURE_STATUS_PENDING,
    Status.READY: pb.PICTURE_STATUS_READY,
    Status.REJECTED: pb.PICTURE_STATUS_REJECTED,
    Status.WITHDRAWN: pb.PICTURE_STATUS_WITHDRAWN,
}
SORTS = {
    pb.PICTURE_SORT_UNSPECIFIED: "",
    pb.PICTURE_SORT_NEWEST: "newest",
    pb.PICTURE_SORT_OLDEST: "oldest",
    pb.PICTURE_SORT_TITLE: "title",
}


def _timestamp(value: datetime | None) -> Timestamp | None:
    if value is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(value)
    return stamp


def _kind(value: int, field: str) -> str:
    kind = KINDS.get(value)
    if kind is None:
        raise InvalidArgument([FieldViolation(field, "must be PICTURE_KIND_PHOTO or PICTURE_KIND_XRAY")])
    return kind.value


def details_dict(details: pb.PictureDetails) -> dict[str, Any]:
    """Proto details to the plain values the domain checks (a missing kind is left for it to report)."""
    return {
        "kind": KINDS[details.kind].value if details.kind in KINDS else "",
        "title": details.title,
        "description": details.description,
        "heading": details.heading,
        "commodity_type": details.commodity_type,
        "concealment_method": details.concealment_method,
        "transport_mode": details.transport_mode,
        "country": details.country,
        "case_id": details.case_id,
        "tags": list(details.tags),
    }


def filter_dict(f: pb.PictureFilter) -> dict[str, Any]:
    return {
        "text": f.text,
        "kinds": [_kind(k, f"filter.kinds[{i}]") for i, k in enumerate(f.kinds)],
        "headings": list(f.headings),
        "commodity_types": list(f.commodity_types),
        "concealment_methods": list(f.concealment_methods),
        "transport_modes": list(f.transport_modes),
        "countries": [c.upper() for c in f.countries],
        "tags": list(f.tags),
        "uploaded_from": f.uploaded_from,
        "uploaded_to": f.uploaded_to,
        "mine": f.mine,
        "case_id": f.case_id,
    }


def picture_message(view: PictureView) -> pb.Picture:
    r = view.record
    message = pb.Picture(
        id=str(r.id),
        kind=KIND_ENUMS[r.kind],
        title=r.title,
        description=r.description,
        heading=r.heading,
        commodity_type=r.commodity_type,
        concealment_method=r.concealment_method,
        transport_mode=r.transport_mode,
        country=r.country,
        case_id=str(r.case_id) if r.case_id else "",
        case_reference=r.case_reference,
        tags=list(r.tags),
        uploaded_by=r.uploaded_by,
        uploader_country=r.uploader_country,
        status=STATUS_ENUMS[r.status],
        status_reason=r.status_reason,
        width=r.width,
        height=r.height,
        media_type=r.media_type,
        size_bytes=r.size_bytes,
        sha256=r.sha256,
        created_at=_timestamp(r.created_at),
        processed_at=_timestamp(r.processed_at),
        duplicate_ids=[str(d) for d in view.duplicate_ids],
    )
    if view.links is not None:
        message.links.CopyFrom(
            pb.PictureLinks(
                thumbnail_url=view.links.thumbnail_url,
                preview_url=view.links.preview_url,
                original_url=view.links.original_url,
                expires_at=_timestamp(view.links.expires_at),
            )
        )
    return message


def _similar(matches: list[Match]) -> pb.SimilarPictures:
    return pb.SimilarPictures(
        matches=[pb.SimilarPicture(picture=picture_message(m.view), distance=m.distance) for m in matches]
    )


def reference_message(ref: ReferenceData) -> pb.PictureReference:
    return pb.PictureReference(
        version=ref.version,
        headings=[pb.Code(code=h.code, name=h.name) for h in ref.headings],
        commodity_types=[
            pb.Code(code=c.code, name=c.name, parent=h.code) for h in ref.headings for c in h.commodity_types
        ],
        concealment_methods=[pb.Code(code=t.code, name=t.name) for t in ref.concealment_methods],
        transport_modes=[pb.Code(code=t.code, name=t.name) for t in ref.transport_modes],
        countries=[pb.Code(code=c.code, name=c.name) for c in ref.countries],
    )


def _chunks(requests: Iterator[Any], first_field: str) -> Iterator[bytes]:
    for message in requests:
        if message.WhichOneof("part") != "chunk":
            raise InvalidArgument([FieldViolation(first_field, f"{first_field} may only come first")])
        yield message.chunk


class PictureServicer(cpdb_pb2_grpc.PictureServiceServicer):  # type: ignore[misc]
    def __init__(self, pictures: PictureService) -> None:
        self.pictures = pictures
        self._reference = reference_message(pictures.ref)

    def GetPictureReference(
        self, request: pb.GetPictureReferenceRequest, context: grpc.ServicerContext
    ) -> pb.PictureReference:
        return self._reference

    def UploadPicture(
        self, request_iterator: Iterator[pb.UploadPictureRequest], context: grpc.ServicerContext
    ) -> pb.Picture:
        first = next(request_iterator, None)
        if first is None or first.WhichOneof("part") != "details":
            raise InvalidArgument([FieldViolation("details", "the first message must carry the details")])
        try:
            details = details_dict(first.details.picture)
            view = self.pictures.upload(
                current_principal(), details, first.details.filename, _chunks(request_iterator, "details")
            )
        except InvalidArgument as exc:
            # Field paths as the client wrote them: details.picture.<field>.
            raise InvalidArgument(
                [
                    FieldViolation(
                        v.field if v.field.startswith(("chunk", "details")) else f"details.picture.{v.field}",
                        v.description,
                    )
                    for v in exc.violations
                ]
            ) from None
        return picture_message(view)

    def GetPicture(self, request: pb.GetPictureRequest, context: grpc.ServicerContext) -> pb.Picture:
        return picture_message(self.pictures.get(current_principal(), request.id))

    def SearchPictures(
        self, request: pb.SearchPicturesRequest, context: grpc.ServicerContext
    ) -> pb.SearchPicturesResponse:
        sort = SORTS.get(request.sort)
        if sort is None:
            raise InvalidArgument([FieldViolation("sort", f"unknown sort {request.sort}")])
        page = self.pictures.search(
            current_principal(),
            filter_dict(request.filter),
            sort,
            request.page.page_size,
            request.page.page_token,
        )
        return pb.SearchPicturesResponse(
            pictures=[picture_message(v) for v in page.items],
            page=paging_pb2.PageResponse(next_page_token=page.next_token, total_size=page.total),
        )

    def FindSimilarPictures(
        self, request: pb.FindSimilarPicturesRequest, context: grpc.ServicerContext
    ) -> pb.SimilarPictures:
        return _similar(
            self.pictures.similar(current_principal(), request.id, request.limit, request.max_distance)
        )

    def FindSimilarToUpload(
        self, request_iterator: Iterator[pb.FindSimilarToUploadRequest], context: grpc.ServicerContext
    ) -> pb.SimilarPictures:
        first = next(request_iterator, None)
        if first is None or first.WhichOneof("part") != "options":
            raise InvalidArgument([FieldViolation("options", "the first message must carry the options")])
        options = {"limit": first.options.limit, "max_distance": first.options.max_distance}
        return _similar(
            self.pictures.similar_to_upload(
                current_principal(), options, _chunks(request_iterator, "options")
            )
        )

    def WithdrawPicture(
        self, request: pb.WithdrawPictureRequest, context: grpc.ServicerContext
    ) -> pb.Picture:
        return picture_message(self.pictures.withdraw(current_principal(), request.id, request.reason))


@dataclass(frozen=True)
class CpdbDeps:
    """What the server and the worker need from outside; tests build it against the real stack."""

    pictures: PictureService
    verifier: TokenVerifier
    engine: sqlalchemy.Engine
    cases: SeizureCases

    def close(self) -> None:
        self.cases.close()
        self.engine.dispose()


def build_deps(settings: Settings, celery: Celery | None = None) -> CpdbDeps:
    """The production wiring: PostgreSQL, the object store, Celery (processing), seizures and the realm's JWKS."""
    from datetime import timedelta

    from cen_cpdb.tasks import PROCESS_PICTURE, make_celery

    celery = celery or make_celery(settings)
    engine = create_engine(settings.database_url.get_secret_value())
    store = ObjectStore(
        settings.s3_endpoint,
        settings.s3_access_key.get_secret_value(),
        settings.s3_secret_key.get_secret_value(),
        settings.s3_secure,
        public_endpoint=settings.s3_public_endpoint,
        public_secure=settings.s3_public_secure,
    )
    cases = SeizureCases(settings.seizures_addr)
    pictures = PictureService(
        sessions=make_sessionmaker(engine),
        ref=load_reference(),
        store=store,
        cases=cases,
        enqueue=lambda session, pid: enqueue_after_commit(
            session, celery.signature(PROCESS_PICTURE), str(pid)
        ),
        max_bytes=settings.max_picture_bytes,
        link_ttl=timedelta(seconds=settings.link_seconds),
    )
    return CpdbDeps(pictures=pictures, verifier=verifier_from_settings(settings), engine=engine, cases=cases)


def create_server(settings: Settings, deps: CpdbDeps | None = None) -> GrpcServer:
    """The cpdb gRPC server (health, reflection, metrics, auth and error interceptors from cen_core)."""
    deps = deps or build_deps(settings)
    registration = ServiceRegistration(
        name=CPDB_POLICY.service_full_name,
        add_fn=cpdb_pb2_grpc.add_PictureServiceServicer_to_server,
        servicer=PictureServicer(deps.pictures),
    )
    return create_grpc_server(settings, services=[registration], policies=POLICIES, verifier=deps.verifier)
