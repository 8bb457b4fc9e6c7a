"""gRPC transport of the seizures service: proto messages to domain calls and back, and the server factory."""

from __future__ import annotations

import contextlib
import dataclasses
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import grpc
import sqlalchemy
from celery import Celery
from cen.common.v1 import paging_pb2
from cen.seizures.v1 import seizures_pb2 as pb
from cen.seizures.v1 import seizures_pb2_grpc
from cen_core.auth.policy import current_principal
from cen_core.auth.tokens import TokenVerifier
from cen_core.celery_app import enqueue_after_commit
from cen_core.db import create_engine, make_sessionmaker
from cen_core.errors import FieldViolation, InvalidArgument
from cen_core.grpc_server import GrpcServer, ServiceRegistration, create_grpc_server, verifier_from_settings
from cen_core.objectstore import ObjectStore
from cen_core.reference import TERM_LISTS, ReferenceData, load_reference
from google.protobuf import json_format
from google.protobuf.timestamp_pb2 import Timestamp

from cen_seizures.analysis import AnalysisService, TrendPoint, parse_scope
from cen_seizures.domain import SeizureRecord
from cen_seizures.imports import ImportService
from cen_seizures.policy import POLICIES, SEIZURES_POLICY
from cen_seizures.service import SeizureService
from cen_seizures.settings import Settings

SORTS = {
    pb.SEARCH_SORT_UNSPECIFIED: "date_desc",
    pb.SEARCH_SORT_RELEVANCE: "relevance",
    pb.SEARCH_SORT_DATE_DESC: "date_desc",
    pb.SEARCH_SORT_DATE_ASC: "date_asc",
    pb.SEARCH_SORT_QUANTITY_DESC: "quantity_desc",
    pb.SEARCH_SORT_UPDATED_DESC: "updated_desc",
}
GRAINS = {
    pb.GRAIN_UNSPECIFIED: "month",
    pb.GRAIN_DAY: "day",
    pb.GRAIN_WEEK: "week",
    pb.GRAIN_MONTH: "month",
    pb.GRAIN_YEAR: "year",
}
GROUPS = {
    pb.GROUP_BY_UNSPECIFIED: "",
    pb.GROUP_BY_HEADING: "heading",
    pb.GROUP_BY_COMMODITY_TYPE: "commodity_type",
    pb.GROUP_BY_COUNTRY: "country",
    pb.GROUP_BY_REGION: "region",
    pb.GROUP_BY_TRANSPORT_MODE: "transport_mode",
}
EXPORT_FORMATS = {pb.FILE_FORMAT_CSV: "csv", pb.FILE_FORMAT_XLSX: "xlsx", pb.FILE_FORMAT_JSONL: "jsonl"}
IMPORT_STATUS = {
    "queued": pb.IMPORT_STATUS_QUEUED,
    "running": pb.IMPORT_STATUS_RUNNING,
    "done": pb.IMPORT_STATUS_DONE,
    "failed": pb.IMPORT_STATUS_FAILED,
}
FILE_FORMATS = {"csv": pb.FILE_FORMAT_CSV, "xlsx": pb.FILE_FORMAT_XLSX}
LAYOUTS = {"long": pb.SEIZURE_FORM_LONG, "simplified": pb.SEIZURE_FORM_SIMPLIFIED}
EXPORT_CHUNK = 64 * 1024


def _ts(value: datetime | None) -> Timestamp | None:
    if value is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(value)
    return stamp


def _dict(message: Any) -> dict[str, Any]:
    return json_format.MessageToDict(message, preserving_proto_field_name=True)


def _page(page: Any) -> tuple[int, str]:
    return page.page_size, page.page_token


def _page_response(next_token: str, total: int = 0) -> paging_pb2.PageResponse:
    return paging_pb2.PageResponse(next_page_token=next_token, total_size=min(total, 2**31 - 1))


def seizure_message(record: SeizureRecord) -> pb.Seizure:
    content = pb.SeizureInput()
    json_format.ParseDict(record.content, content, ignore_unknown_fields=True)
    return pb.Seizure(
        id=str(record.id),
        reference=record.reference,
        status=f"SEIZURE_STATUS_{record.status.name}",
        country=record.country,
        region=record.region,
        rilo=record.rilo,
        content=content,
        version=record.version,
        return_reason=record.return_reason,
        created_by=record.created_by,
        created_at=_ts(record.created_at),
        updated_by=record.updated_by,
        updated_at=_ts(record.updated_at),
        submitted_at=_ts(record.submitted_at),
        validated_at=_ts(record.validated_at),
        validated_by=record.validated_by,
        possible_duplicates=record.possible_duplicates,
    )


def reference_message(ref: ReferenceData) -> pb.ReferenceData:
    """The reference dataclasses carry the proto's field names: each list converts field by field."""

    def each(cls: Any, items: Any) -> list[Any]:
        return [cls(**dataclasses.asdict(item)) for item in items]

    lists = {name: each(pb.Term, getattr(ref, name)) for name in TERM_LISTS}
    return pb.ReferenceData(
        version=ref.version,
        headings=[
            pb.Heading(code=h.code, name=h.name, commodity_types=each(pb.CommodityType, h.commodity_types))
            for h in ref.headings
        ],
        regions=each(pb.Region, ref.regions),
        rilos=each(pb.Rilo, ref.rilos),
        countries=each(pb.Country, ref.countries),
        units=each(pb.Unit, ref.units),
        **lists,
    )


def _trend(point: TrendPoint) -> pb.TrendPoint:
    return pb.TrendPoint(
        period=point.period.isoformat(),
        key=point.key,
        cases=point.cases,
        quantities=[pb.QuantityTotal(unit=u, quantity=q) for u, q in sorted(point.quantities.items())],
    )


def import_job_message(job: Any) -> pb.ImportJob:
    return pb.ImportJob(
        id=str(job.id),
        filename=job.filename,
        format=FILE_FORMATS[job.format],
        layout=LAYOUTS[job.layout],
        status=IMPORT_STATUS[job.status],
        country=job.country,
        created_by=job.created_by,
        created_at=_ts(job.created_at),
        finished_at=_ts(job.finished_at),
        rows_total=job.rows_total,
        rows_done=job.rows_done,
        rows_imported=job.rows_imported,
        rows_unchanged=job.rows_unchanged,
        rows_rejected=job.rows_rejected,
        failure=job.failure,
        size_bytes=job.size_bytes,
    )


def _enum_name(enum_type: Any, value: int, field: str) -> str:
    """The proto enum's name; unknown numbers (possible over gRPC) are a field error, not a crash."""
    try:
        return str(enum_type.Name(value))
    except ValueError:
        raise InvalidArgument([FieldViolation(field, f"unknown value {value}")]) from None


class SeizureServicer(seizures_pb2_grpc.SeizureServiceServicer):
    def __init__(self, cases: SeizureService, analysis: AnalysisService, imports: ImportService) -> None:
        self.cases = cases
        self.analysis = analysis
        self.imports = imports
        self._reference = reference_message(cases.ref)

    def GetReferenceData(
        self, request: pb.GetReferenceDataRequest, context: grpc.ServicerContext
    ) -> pb.ReferenceData:
        return self._reference

    # ---- cases --------------------------------------------------------------------------------------------

    def CreateSeizure(self, request: pb.CreateSeizureRequest, context: grpc.ServicerContext) -> pb.Seizure:
        with _fields_under("seizure"):
            return seizure_message(self.cases.create(current_principal(), _seizure_input(request.seizure)))

    def GetSeizure(self, request: pb.GetSeizureRequest, context: grpc.ServicerContext) -> pb.Seizure:
        return seizure_message(self.cases.get(current_principal(), request.id))

    def UpdateSeizure(self, request: pb.UpdateSeizureRequest, context: grpc.ServicerContext) -> pb.Seizure:
        with _fields_under("seizure"):
            return seizure_message(
                self.cases.update(
                    current_principal(), request.id, request.version, _seizure_input(request.seizure)
                )
            )

    def DeleteSeizure(
        self, request: pb.DeleteSeizureRequest, context: grpc.ServicerContext
    ) -> pb.DeleteSeizureResponse:
        self.cases.delete(current_principal(), request.id, request.version)
        return pb.DeleteSeizureResponse()

    def SubmitSeizure(self, request: pb.SubmitSeizureRequest, context: grpc.ServicerContext) -> pb.Seizure:
        return seizure_message(self.cases.submit(current_principal(), request.id, request.version))

    def ValidateSeizure(
        self, request: pb.ValidateSeizureRequest, context: grpc.ServicerContext
    ) -> pb.Seizure:
        return seizure_message(self.cases.validate_case(current_principal(), request.id, request.version))

    def ReturnSeizure(self, request: pb.ReturnSeizureRequest, context: grpc.ServicerContext) -> pb.Seizure:
        return seizure_message(
            self.cases.return_case(current_principal(), request.id, request.version, request.reason)
        )

    def ListSeizureHistory(
        self, request: pb.ListSeizureHistoryRequest, context: grpc.ServicerContext
    ) -> pb.ListSeizureHistoryResponse:
        page = self.cases.history(current_principal(), request.id, *_page(request.page))
        return pb.ListSeizureHistoryResponse(
            entries=[
                pb.HistoryEntry(
                    version=row.version,
                    action=row.action,
                    actor=row.actor,
                    occurred_at=_ts(row.occurred_at),
                    before_json=json.dumps(row.before, sort_keys=True),
                    after_json=json.dumps(row.after, sort_keys=True),
                    reason=row.reason,
                )
                for row in page.items
            ],
            page=_page_response(page.next_token),
        )

    # ---- search and export --------------------------------------------------------------------------------

    def SearchSeizures(
        self, request: pb.SearchSeizuresRequest, context: grpc.ServicerContext
    ) -> pb.SearchSeizuresResponse:
        sort = SORTS.get(request.sort)
        if sort is None:
            raise InvalidArgument([FieldViolation("sort", "unknown sort")])
        result = self.cases.search(
            current_principal(),
            _filter(request),
            sort,
            *_page(request.page),
            with_facets=not request.skip_facets,
        )
        summaries = []
        for row in result.rows:
            m = row._mapping
            summaries.append(
                pb.SeizureSummary(
                    id=str(m["id"]),
                    reference=m["reference"],
                    status=f"SEIZURE_STATUS_{m['status'].upper()}",
                    country=m["country"],
                    seizure_date=m["seizure_date"].isoformat(),
                    transport_mode=m["transport_mode"],
                    headings=m["headings"],
                    commodity_types=m["commodity_types"],
                    quantity=m["first_quantity"],
                    unit=m["first_unit"],
                    departure_country=m["departure_country"] or "",
                    destination_country=m["destination_country"] or "",
                    snippet=m["snippet"] or "",
                    concealment_method=m["concealment_method"] or "",
                )
            )
        facets = [
            pb.Facet(field=name, counts=[pb.FacetCount(value=v, count=n) for v, n in counts])
            for name, counts in result.facets.items()
        ]
        return pb.SearchSeizuresResponse(
            seizures=summaries,
            page=_page_response(result.next_token, result.total),
            facets=facets,
            estimated=result.total_is_estimate,
        )

    def ExportSeizures(
        self, request: pb.ExportSeizuresRequest, context: grpc.ServicerContext
    ) -> Iterator[pb.FileChunk]:
        fmt = EXPORT_FORMATS.get(request.format)
        if fmt is None:
            raise InvalidArgument(
                [FieldViolation("format", "must be FILE_FORMAT_CSV, FILE_FORMAT_XLSX or FILE_FORMAT_JSONL")]
            )
        sort = SORTS.get(request.sort, "date_desc")
        filter_data = _dict(request.filter) if request.HasField("filter") else {}
        filename, content_type, chunks = self.cases.export(current_principal(), filter_data, sort, fmt)
        first = True
        for data in chunks:
            if first:
                yield pb.FileChunk(filename=filename, content_type=content_type, data=data)
                first = False
            else:
                yield pb.FileChunk(data=data)

    # ---- analysis -----------------------------------------------------------------------------------------

    def GetTrends(self, request: pb.GetTrendsRequest, context: grpc.ServicerContext) -> pb.GetTrendsResponse:
        points, keys = self.analysis.trends(
            GRAINS.get(request.grain, "?"),
            GROUPS.get(request.group_by, "?"),
            parse_scope(_dict(request.scope)),
            request.top,
        )
        return pb.GetTrendsResponse(points=[_trend(p) for p in points], keys=keys)

    def GetTopRoutes(
        self, request: pb.GetTopRoutesRequest, context: grpc.ServicerContext
    ) -> pb.GetTopRoutesResponse:
        routes = self.analysis.top_routes(
            parse_scope(_dict(request.scope)), request.heading.strip().lower(), request.top
        )
        return pb.GetTopRoutesResponse(
            routes=[pb.Route(departure_country=d, destination_country=t, cases=n) for d, t, n in routes]
        )

    def GetConcealmentByTransportMode(
        self, request: pb.GetConcealmentByTransportModeRequest, context: grpc.ServicerContext
    ) -> pb.GetConcealmentByTransportModeResponse:
        counts = self.analysis.concealment(parse_scope(_dict(request.scope)))
        return pb.GetConcealmentByTransportModeResponse(
            counts=[
                pb.ConcealmentCount(transport_mode=m, concealment_method=c, cases=n) for m, c, n in counts
            ]
        )

    def GetProfile(self, request: pb.GetProfileRequest, context: grpc.ServicerContext) -> pb.Profile:
        p = self.analysis.profile(request.country, request.region, parse_scope(_dict(request.scope)))
        return pb.Profile(
            country=p["country"],
            region=p["region"],
            cases=p["cases"],
            headings=[pb.KeyCount(key=k, cases=n) for k, n in p["headings"]],
            transport_modes=[pb.KeyCount(key=k, cases=n) for k, n in p["transport_modes"]],
            routes=[pb.Route(departure_country=d, destination_country=t, cases=n) for d, t, n in p["routes"]],
            monthly=[_trend(point) for point in p["monthly"]],
        )

    def GetRiskIndicators(
        self, request: pb.GetRiskIndicatorsRequest, context: grpc.ServicerContext
    ) -> pb.GetRiskIndicatorsResponse:
        period, found = self.analysis.risk_indicators(
            request.month.strip(), request.baseline_months, request.min_score, request.min_cases
        )
        kinds = {"route": pb.INDICATOR_KIND_ROUTE, "commodity_type": pb.INDICATOR_KIND_COMMODITY_TYPE}
        return pb.GetRiskIndicatorsResponse(
            period=period.isoformat() if period else "",
            indicators=[
                pb.RiskIndicator(
                    kind=kinds[i.kind],
                    key=i.key,
                    period=i.period.isoformat(),
                    cases=i.cases,
                    baseline_mean=round(i.mean, 3),
                    baseline_stddev=round(i.stddev, 3),
                    baseline_months=i.months,
                    score=round(i.score, 3),
                    ratio=round(i.ratio, 3),
                )
                for i in found
            ],
        )

    def GetCountryCounts(
        self, request: pb.GetCountryCountsRequest, context: grpc.ServicerContext
    ) -> pb.GetCountryCountsResponse:
        counts, geojson = self.analysis.country_counts(
            parse_scope(_dict(request.scope)), request.heading.strip().lower()
        )
        return pb.GetCountryCountsResponse(
            counts=[pb.CountryCount(country=c, cases=n) for c, n in counts], geojson=geojson
        )

    # ---- watch lists ----------------------------------------------------------------------------------------

    def CreateWatchList(
        self, request: pb.CreateWatchListRequest, context: grpc.ServicerContext
    ) -> pb.WatchList:
        row = self.cases.create_watch_list(current_principal(), request.name, _dict(request.criteria))
        return _watch_list(row)

    def ListWatchLists(
        self, request: pb.ListWatchListsRequest, context: grpc.ServicerContext
    ) -> pb.ListWatchListsResponse:
        page = self.cases.list_watch_lists(current_principal(), *_page(request.page))
        return pb.ListWatchListsResponse(
            watch_lists=[_watch_list(r._mapping) for r in page.items], page=_page_response(page.next_token)
        )

    def DeleteWatchList(
        self, request: pb.DeleteWatchListRequest, context: grpc.ServicerContext
    ) -> pb.DeleteWatchListResponse:
        self.cases.delete_watch_list(current_principal(), request.id)
        return pb.DeleteWatchListResponse()

    def ListWatchListHits(
        self, request: pb.ListWatchListHitsRequest, context: grpc.ServicerContext
    ) -> pb.ListWatchListHitsResponse:
        page = self.cases.list_hits(current_principal(), request.watch_list_id, *_page(request.page))
        return pb.ListWatchListHitsResponse(
            hits=[
                pb.WatchListHit(
                    id=str(h.id),
                    watch_list_id=str(h.watch_list_id),
                    watch_list_name=h.watch_list_name,
                    seizure_id=str(h.seizure_id),
                    reference=h.reference,
                    seizure_version=h.seizure_version,
                    created_at=_ts(h.created_at),
                    mailed_at=_ts(h.mailed_at),
                )
                for h in page.items
            ],
            page=_page_response(page.next_token),
        )

    # ---- import ---------------------------------------------------------------------------------------------

    def UploadImport(
        self, request_iterator: Iterator[pb.UploadImportRequest], context: grpc.ServicerContext
    ) -> pb.ImportJob:
        first = next(request_iterator, None)
        if first is None or first.WhichOneof("part") != "metadata":
            raise InvalidArgument([FieldViolation("metadata", "the first message must carry the metadata")])
        meta = first.metadata
        metadata = {
            "filename": meta.filename,
            "format": _enum_name(pb.FileFormat, meta.format, "metadata.format"),
            "layout": _enum_name(pb.SeizureForm, meta.layout, "metadata.layout"),
            "submit": meta.submit,
        }

        def chunks() -> Iterator[bytes]:
            for message in request_iterator:
                if message.WhichOneof("part") != "chunk":
                    raise InvalidArgument([FieldViolation("metadata", "metadata may only come first")])
                yield message.chunk

        return import_job_message(self.imports.start(current_principal(), metadata, chunks()))

    def GetImportJob(self, request: pb.GetImportJobRequest, context: grpc.ServicerContext) -> pb.ImportJob:
        return import_job_message(self.imports.get(current_principal(), request.id))

    def ListImportJobs(
        self, request: pb.ListImportJobsRequest, context: grpc.ServicerContext
    ) -> pb.ListImportJobsResponse:
        page = self.imports.list(current_principal(), *_page(request.page))
        return pb.ListImportJobsResponse(
            jobs=[import_job_message(j) for j in page.items], page=_page_response(page.next_token)
        )

    def ListImportErrors(
        self, request: pb.ListImportErrorsRequest, context: grpc.ServicerContext
    ) -> pb.ListImportErrorsResponse:
        page = self.imports.errors(current_principal(), request.id, *_page(request.page))
        return pb.ListImportErrorsResponse(
            errors=[pb.ImportError(line=e.line, column=e.col, reason=e.reason) for e in page.items],
            page=_page_response(page.next_token),
        )

    def GetImportTemplate(
        self, request: pb.GetImportTemplateRequest, context: grpc.ServicerContext
    ) -> pb.FileChunk:
        layout = {pb.SEIZURE_FORM_LONG: "long", pb.SEIZURE_FORM_SIMPLIFIED: "simplified"}.get(request.layout)
        fmt = {pb.FILE_FORMAT_CSV: "csv", pb.FILE_FORMAT_XLSX: "xlsx"}.get(request.format)
        violations = []
        if layout is None:
            violations.append(
                FieldViolation("layout", "must be SEIZURE_FORM_LONG or SEIZURE_FORM_SIMPLIFIED")
            )
        if fmt is None:
            violations.append(FieldViolation("format", "must be FILE_FORMAT_CSV or FILE_FORMAT_XLSX"))
        if violations:
            raise InvalidArgument(violations)
        filename, content_type, data = self.imports.template(layout, fmt)  # type: ignore[arg-type]
        return pb.FileChunk(filename=filename, content_type=content_type, data=data)


@contextlib.contextmanager
def _fields_under(prefix: str) -> Iterator[None]:
    """Domain field paths are relative to the SeizureInput; the caller sent it as this request field."""
    try:
        yield
    except InvalidArgument as err:
        raise InvalidArgument(
            [FieldViolation(f"{prefix}.{v.field}", v.description) for v in err.violations], err.public_message
        ) from None


def _seizure_input(message: pb.SeizureInput) -> dict[str, Any]:
    data = _dict(message)
    # Proto JSON writes 64-bit-safe doubles as numbers already; nothing else to adapt.
    return data


def _filter(request: pb.SearchSeizuresRequest) -> dict[str, Any]:
    return _dict(request.filter) if request.HasField("filter") else {}


def _watch_list(row: Any) -> pb.WatchList:
    criteria = pb.WatchCriteria()
    json_format.ParseDict(row["criteria"], criteria, ignore_unknown_fields=True)
    return pb.WatchList(
        id=str(row["id"]),
        name=row["name"],
        criteria=criteria,
        created_at=_ts(row["created_at"]),
        hit_count=row["hit_count"],
    )


@dataclass(frozen=True)
class SeizureDeps:
    """What the server needs from outside; tests build it against the real stack."""

    cases: SeizureService
    analysis: AnalysisService
    imports: ImportService
    verifier: TokenVerifier
    engine: sqlalchemy.Engine

    def close(self) -> None:
        self.engine.dispose()


def build_deps(settings: Settings, celery: Celery | None = None) -> SeizureDeps:
    """The production wiring: PostgreSQL, the object store, Celery (imports, hit mail) and the realm's JWKS."""
    from cen_seizures.tasks import DELIVER_HITS, RUN_IMPORT, make_celery

    celery = celery or make_celery(settings)
    engine = create_engine(settings.database_url.get_secret_value())
    sessions = make_sessionmaker(engine)
    ref = load_reference()
    cases = SeizureService(
        sessions,
        ref,
        notify_hits=lambda session: enqueue_after_commit(session, celery.signature(DELIVER_HITS)),
    )
    store = ObjectStore(
        settings.s3_endpoint,
        settings.s3_access_key.get_secret_value(),
        settings.s3_secret_key.get_secret_value(),
        settings.s3_secure,
    )
    imports = ImportService(
        cases,
        store,
        lambda session, jid: enqueue_after_commit(session, celery.signature(RUN_IMPORT), str(jid)),
        max_bytes=settings.max_import_bytes,
    )
    return SeizureDeps(
        cases=cases,
        analysis=AnalysisService(sessions, ref),
        imports=imports,
        verifier=verifier_from_settings(settings),
        engine=engine,
    )


def create_server(settings: Settings, deps: SeizureDeps | None = None) -> GrpcServer:
    """The seizures gRPC server (health, reflection, metrics, auth and error interceptors from cen_core)."""
    deps = deps or build_deps(settings)
    registration = ServiceRegistration(
        name=SEIZURES_POLICY.service_full_name,
        add_fn=seizures_pb2_grpc.add_SeizureServiceServicer_to_server,
        servicer=SeizureServicer(deps.cases, deps.analysis, deps.imports),
    )
    return create_grpc_server(settings, services=[registration], policies=POLICIES, verifier=deps.verifier)
