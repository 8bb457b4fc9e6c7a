"""Watch lists (hit in the app and in the mail sink) and imports (progress, errors, idempotency) end to end."""

from __future__ import annotations

import email
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
from cen.seizures.v1 import seizures_pb2 as pb

from tests.conftest import ROOT
from tests.seizures.conftest import Seizures, long_form, rpc_error

pytestmark = pytest.mark.integration
MAIL_DIR = ROOT / ".devstack" / "mail"


def wait_for(condition, timeout: float = 90.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError("timed out")


def mails_mentioning(text: str) -> list[Path]:
    found = []
    for path in MAIL_DIR.glob("*.eml"):
        message = email.message_from_bytes(path.read_bytes())
        if text in str(message["Subject"]):
            found.append(path)
    return found


def test_watch_list_hit_shows_in_the_app_and_arrives_by_mail(call: Seizures) -> None:
    plate = f"WL-{uuid.uuid4().hex[:8].upper()}"
    watch = call(
        "readonly",
        "CreateWatchList",
        pb.CreateWatchListRequest(
            name=f"Plate {plate}", criteria=pb.WatchCriteria(vehicle_plates=[plate.lower()])
        ),
    )
    assert watch.criteria.vehicle_plates == [plate]
    case = call(
        "ncp-nl",
        "CreateSeizure",
        pb.CreateSeizureRequest(
            seizure=long_form(transport_mode="road", conveyance=pb.Conveyance(vehicle_plate=plate))
        ),
    )
    # A draft is not published yet: no hit for other countries' readers.
    hits = call("readonly", "ListWatchListHits", pb.ListWatchListHitsRequest(watch_list_id=watch.id)).hits
    assert hits == []
    call("ncp-nl", "SubmitSeizure", pb.SubmitSeizureRequest(id=case.id, version=1))
    hits = call("readonly", "ListWatchListHits", pb.ListWatchListHitsRequest(watch_list_id=watch.id)).hits
    assert [h.reference for h in hits] == [case.reference]
    mails = wait_for(lambda: mails_mentioning(case.reference))
    body = email.message_from_bytes(mails[0].read_bytes()).get_payload()
    assert case.reference in str(body) and "Plate" in str(body)
    wait_for(
        lambda: (
            call("readonly", "ListWatchListHits", pb.ListWatchListHitsRequest(watch_list_id=watch.id))
            .hits[0]
            .HasField("mailed_at")
        )
    )
    call("readonly", "DeleteWatchList", pb.DeleteWatchListRequest(id=watch.id))
    err = rpc_error(lambda: call("readonly", "DeleteWatchList", pb.DeleteWatchListRequest(id=watch.id)))
    assert err.code() is grpc.StatusCode.NOT_FOUND


def test_empty_watch_list_is_refused(call: Seizures) -> None:
    err = rpc_error(
        lambda: call(
            "readonly",
            "CreateWatchList",
            pb.CreateWatchListRequest(name="everything", criteria=pb.WatchCriteria()),
        )
    )
    assert err.code() is grpc.StatusCode.INVALID_ARGUMENT


def upload(
    call: Seizures,
    user: str,
    data: bytes,
    layout: int = pb.SEIZURE_FORM_SIMPLIFIED,
    fmt: int = pb.FILE_FORMAT_CSV,
) -> pb.ImportJob:
    def parts() -> Iterator[pb.UploadImportRequest]:
        yield pb.UploadImportRequest(
            metadata=pb.ImportMetadata(filename="test.csv", format=fmt, layout=layout)
        )
        for i in range(0, len(data), 1000):
            yield pb.UploadImportRequest(chunk=data[i : i + 1000])

    return call(user, "UploadImport", parts())


def finished(call: Seizures, user: str, job: pb.ImportJob) -> pb.ImportJob:
    return wait_for(
        lambda: (
            (j := call(user, "GetImportJob", pb.GetImportJobRequest(id=job.id))).status
            in (pb.IMPORT_STATUS_DONE, pb.IMPORT_STATUS_FAILED)
            and j
        )
    )


HEADER = "external_id,seizure_date,country,heading,commodity_type,quantity,unit,transport_mode,departure_country,destination_country\n"


def test_import_keeps_valid_rows_reports_bad_ones_and_is_idempotent(call: Seizures) -> None:
    run = uuid.uuid4().hex[:8]
    body = HEADER + "".join(
        [
            f"T-{run}-1,2025-05-01,NL,drugs,cocaine,12.5,kg,sea,EC,NL\n",
            f"T-{run}-2,2025-05-02,NL,tobacco,cigarettes,20000,sticks,road,BY,NL\n",
            f"T-{run}-3,2025-05-03,NL,drugs,cocaine,-4,kg,sea,EC,NL\n",
            f"T-{run}-4,2099-05-03,NL,drugs,cocaine,4,kg,sea,EC,NL\n",
            f"T-{run}-5,2025-05-03,NL,drugs,cocaine,lots,kg,sea,EC,NL\n",
            f"T-{run}-6,2025-05-03,BE,drugs,cocaine,4,kg,sea,EC,BE\n",
        ]
    )
    job = finished(call, "ncp-nl", upload(call, "ncp-nl", body.encode()))
    assert job.status == pb.IMPORT_STATUS_DONE
    assert (job.rows_total, job.rows_done, job.rows_imported, job.rows_rejected) == (6, 6, 2, 4)
    errors = call("ncp-nl", "ListImportErrors", pb.ListImportErrorsRequest(id=job.id)).errors
    assert [(e.line, e.column) for e in errors] == [
        (4, "quantity"),
        (5, "seizure_date"),
        (6, "quantity"),
        (7, "country"),
    ]
    again = finished(call, "ncp-nl", upload(call, "ncp-nl", body.encode()))
    assert (again.rows_imported, again.rows_unchanged, again.rows_rejected) == (0, 2, 4)
    found = call(
        "ncp-nl",
        "SearchSeizures",
        pb.SearchSeizuresRequest(
            filter=pb.SeizureFilter(
                countries=["NL"],
                date_from="2025-05-01",
                date_to="2025-05-02",
                statuses=[pb.SEIZURE_STATUS_DRAFT],
            ),
            skip_facets=True,
            page={"page_size": 200},
        ),
    )
    assert len([s for s in found.seizures if s.quantity in (12.5, 20000)]) >= 2
    # Other countries do not see the NCP's import jobs.
    err = rpc_error(lambda: call("ncp-br", "GetImportJob", pb.GetImportJobRequest(id=job.id)))
    assert err.code() is grpc.StatusCode.NOT_FOUND


def test_wrong_encoding_fails_the_whole_file(call: Seizures) -> None:
    body = (HEADER + "T-x,2025-05-01,NL,drugs,cocaine,1,kg,sea,EC,NL,Curaçao\n").encode("latin-1")
    job = finished(call, "ncp-nl", upload(call, "ncp-nl", body))
    assert job.status == pb.IMPORT_STATUS_FAILED and "UTF-8" in job.failure and job.rows_imported == 0


def test_malformed_header_fails(call: Seizures) -> None:
    job = finished(call, "ncp-nl", upload(call, "ncp-nl", b"this,is,not,our,header\n1,2,3,4,5\n"))
    assert job.status == pb.IMPORT_STATUS_FAILED and job.failure


def test_submit_on_import_needs_the_ncp(call: Seizures) -> None:
    def parts() -> Iterator[pb.UploadImportRequest]:
        yield pb.UploadImportRequest(
            metadata=pb.ImportMetadata(
                format=pb.FILE_FORMAT_CSV, layout=pb.SEIZURE_FORM_SIMPLIFIED, submit=True
            )
        )
        yield pb.UploadImportRequest(chunk=HEADER.encode())

    err = rpc_error(lambda: call("unlimited", "UploadImport", parts()))
    assert err.code() is grpc.StatusCode.PERMISSION_DENIED


def test_export_neutralises_formulas(call: Seizures) -> None:
    word = "zx" + uuid.uuid4().hex[:8]
    call(
        "ncp-nl",
        "CreateSeizure",
        pb.CreateSeizureRequest(
            seizure=long_form(narrative=f'=HYPERLINK("http://evil") {word}', place_name="+cmd|' /C calc'!A0")
        ),
    )
    data = b"".join(
        c.data
        for c in call(
            "ncp-nl",
            "ExportSeizures",
            pb.ExportSeizuresRequest(format=pb.FILE_FORMAT_CSV, filter=pb.SeizureFilter(text=word)),
        )
    )
    text = data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+cmd" in text
    assert ",=HYPERLINK" not in text and ",+cmd" not in text


def test_submitted_imports_reach_the_analysis(call: Seizures) -> None:
    """Imported cases are folded into the rollups before the job reports done."""
    request = pb.GetTrendsRequest(
        grain=pb.GRAIN_DAY,
        group_by=pb.GROUP_BY_COUNTRY,
        scope=pb.AnalysisScope(date_from="2018-07-01", date_to="2018-07-31", keys=["NL"]),
    )

    def nl_july() -> int:
        return sum(p.cases for p in call("readonly", "GetTrends", request).points)

    before = nl_july()
    run = uuid.uuid4().hex[:8]
    body = HEADER + "".join(
        f"S-{run}-{i},2018-07-{10 + i},NL,drugs,heroin,{1 + i}.5,kg,air,TR,NL\n" for i in range(3)
    )

    def parts() -> Iterator[pb.UploadImportRequest]:
        yield pb.UploadImportRequest(
            metadata=pb.ImportMetadata(
                format=pb.FILE_FORMAT_CSV, layout=pb.SEIZURE_FORM_SIMPLIFIED, submit=True
            )
        )
        yield pb.UploadImportRequest(chunk=body.encode())

    job = finished(call, "ncp-nl", call("ncp-nl", "UploadImport", parts()))
    assert (job.status, job.rows_imported) == (pb.IMPORT_STATUS_DONE, 3)
    assert nl_july() == before + 3
