"""Analysis answers (read from the rollups) checked against an independent computation over the same rows."""

from __future__ import annotations

import threading
from collections import Counter

import grpc
import pytest
import sqlalchemy
from cen.seizures.v1 import seizures_pb2 as pb

from tests.seizures.conftest import Seizures, rpc_error, simplified

pytestmark = pytest.mark.integration

PUBLISHED = "status IN ('submitted', 'validated')"


def rows(db: sqlalchemy.Engine, sql: str, **params: object) -> list[sqlalchemy.Row]:  # type: ignore[type-arg]
    with db.connect() as conn:
        return list(conn.execute(sqlalchemy.text(sql), params))


def test_monthly_trend_by_heading_matches_the_cases(call: Seizures, db: sqlalchemy.Engine) -> None:
    scope = pb.AnalysisScope(date_from="2024-01-01", date_to="2024-12-31")
    answer = call(
        "readonly",
        "GetTrends",
        pb.GetTrendsRequest(grain=pb.GRAIN_MONTH, group_by=pb.GROUP_BY_HEADING, scope=scope, top=50),
    )
    got = Counter({(p.period, p.key): p.cases for p in answer.points})
    expected = Counter()
    for r in rows(
        db,
        f"SELECT DISTINCT s.id, date_trunc('month', s.seizure_date)::date AS m, l.heading FROM seizures s "
        f"JOIN commodity_lines l ON l.seizure_id = s.id WHERE {PUBLISHED} "
        "AND s.seizure_date BETWEEN '2024-01-01' AND '2024-12-31'",
    ):
        expected[(r.m.isoformat(), r.heading)] += 1
    assert got == +expected
    assert answer.keys[0] == max(
        {k for _, k in expected}, key=lambda h: sum(v for (m, k), v in expected.items() if k == h)
    )


def test_weekly_quantities_match(call: Seizures, db: sqlalchemy.Engine) -> None:
    scope = pb.AnalysisScope(date_from="2025-01-06", date_to="2025-06-29", keys=["cocaine"])
    answer = call(
        "readonly",
        "GetTrends",
        pb.GetTrendsRequest(grain=pb.GRAIN_WEEK, group_by=pb.GROUP_BY_COMMODITY_TYPE, scope=scope),
    )
    got = {(p.period, q.unit): round(q.quantity, 3) for p in answer.points for q in p.quantities}
    expected: Counter[tuple[str, str]] = Counter()
    for r in rows(
        db,
        f"SELECT date_trunc('week', s.seizure_date)::date AS w, l.unit, l.quantity FROM seizures s "
        f"JOIN commodity_lines l ON l.seizure_id = s.id WHERE {PUBLISHED} AND l.commodity_type = 'cocaine' "
        "AND s.seizure_date BETWEEN '2025-01-06' AND '2025-06-29'",
    ):
        expected[(r.w.isoformat(), r.unit)] += r.quantity
    assert got == {k: round(v, 3) for k, v in expected.items()}


def test_top_routes_and_country_counts_match(call: Seizures, db: sqlalchemy.Engine) -> None:
    scope = pb.AnalysisScope(date_from="2023-03-01", date_to="2025-08-31")
    routes = call("readonly", "GetTopRoutes", pb.GetTopRoutesRequest(scope=scope, top=10)).routes
    expected = Counter()
    for r in rows(
        db,
        f"SELECT departure_country AS dep, destination_country AS dst FROM seizures WHERE {PUBLISHED} "
        "AND departure_country IS NOT NULL AND destination_country IS NOT NULL "
        "AND seizure_date BETWEEN '2023-03-01' AND '2025-08-31'",
    ):
        expected[(r.dep, r.dst)] += 1
    assert [(r.departure_country, r.destination_country, r.cases) for r in routes] == [
        (d, t, n)
        for (d, t), n in sorted(expected.items(), key=lambda kv: (-kv[1], kv[0][0] + ">" + kv[0][1]))[:10]
    ]
    counts = call("readonly", "GetCountryCounts", pb.GetCountryCountsRequest(scope=scope)).counts
    by_country = Counter(
        r.country
        for r in rows(
            db,
            f"SELECT country FROM seizures WHERE {PUBLISHED} AND seizure_date BETWEEN '2023-03-01' AND '2025-08-31'",
        )
    )
    assert {c.country: c.cases for c in counts} == dict(by_country)


def test_concealment_by_mode_matches(call: Seizures, db: sqlalchemy.Engine) -> None:
    scope = pb.AnalysisScope(date_from="2022-01-01", date_to="2022-12-31")
    got = {
        (c.transport_mode, c.concealment_method): c.cases
        for c in call(
            "readonly", "GetConcealmentByTransportMode", pb.GetConcealmentByTransportModeRequest(scope=scope)
        ).counts
    }
    expected = Counter(
        (r.m, r.c or "")
        for r in rows(
            db,
            f"SELECT transport_mode m, concealment_method c FROM seizures WHERE {PUBLISHED} "
            "AND seizure_date BETWEEN '2022-01-01' AND '2022-12-31'",
        )
    )
    assert got == dict(expected)


def test_rollups_follow_changes(call: Seizures) -> None:
    """A case counts once it is submitted, and moves with a correction after being returned."""
    scope = pb.AnalysisScope(date_from="2019-03-01", date_to="2019-03-31")
    request = pb.GetTrendsRequest(grain=pb.GRAIN_DAY, group_by=pb.GROUP_BY_COUNTRY, scope=scope, top=50)

    def nl_on(day: str) -> int:
        points = call("readonly", "GetTrends", request).points
        return sum(p.cases for p in points if p.key == "NL" and p.period == day)

    before = nl_on("2019-03-14"), nl_on("2019-03-15")
    case = call(
        "ncp-nl", "CreateSeizure", pb.CreateSeizureRequest(seizure=simplified(seizure_date="2019-03-14"))
    )
    assert nl_on("2019-03-14") == before[0]
    case = call("ncp-nl", "SubmitSeizure", pb.SubmitSeizureRequest(id=case.id, version=case.version))
    assert nl_on("2019-03-14") == before[0] + 1
    case = call(
        "rilo-weu", "ReturnSeizure", pb.ReturnSeizureRequest(id=case.id, version=case.version, reason="date?")
    )
    assert nl_on("2019-03-14") == before[0]
    case = call(
        "ncp-nl",
        "UpdateSeizure",
        pb.UpdateSeizureRequest(
            id=case.id, version=case.version, seizure=simplified(seizure_date="2019-03-15")
        ),
    )
    call("ncp-nl", "SubmitSeizure", pb.SubmitSeizureRequest(id=case.id, version=case.version))
    assert (nl_on("2019-03-14"), nl_on("2019-03-15")) == (before[0], before[1] + 1)


def test_risk_indicators_carry_their_figures(call: Seizures) -> None:
    answer = call("readonly", "GetRiskIndicators", pb.GetRiskIndicatorsRequest(min_score=0.5, min_cases=1))
    assert answer.period
    for i in answer.indicators:
        assert i.cases >= 1 and i.baseline_months == 12
        assert abs(i.score - (i.cases - i.baseline_mean) / max(i.baseline_stddev, 1.0)) < 0.01


def test_profile_of_a_country(call: Seizures) -> None:
    profile = call("readonly", "GetProfile", pb.GetProfileRequest(country="NL"))
    assert profile.cases > 0 and profile.headings and profile.transport_modes
    assert sum(h.cases for h in profile.headings) >= profile.cases
    assert all("NL" in (r.departure_country, r.destination_country) for r in profile.routes)


@pytest.mark.parametrize(
    ("method", "request_"),
    [
        ("GetTrends", pb.GetTrendsRequest(scope=pb.AnalysisScope(date_from="9999-03-01"))),
        ("GetTopRoutes", pb.GetTopRoutesRequest(scope=pb.AnalysisScope(date_to="9999-03-01"))),
        ("GetRiskIndicators", pb.GetRiskIndicatorsRequest(month="9999-12")),
        ("GetRiskIndicators", pb.GetRiskIndicatorsRequest(month="2026-13")),
        ("GetProfile", pb.GetProfileRequest(country="NL", region="EUR")),
    ],
)
def test_out_of_range_analysis_requests_are_field_errors(
    call: Seizures, method: str, request_: object
) -> None:
    # Period arithmetic on dates near year 9999 used to escape as an internal error.
    err = rpc_error(lambda: call("readonly", method, request_))
    assert err.code() is grpc.StatusCode.INVALID_ARGUMENT


def _queued_case(call: Seizures, db: sqlalchemy.Engine, day: str) -> str:
    """A submitted NL case that is queued for folding (as an import leaves it) and not yet in the rollups."""
    case = call("ncp-nl", "CreateSeizure", pb.CreateSeizureRequest(seizure=simplified(seizure_date=day)))
    case = call("ncp-nl", "SubmitSeizure", pb.SubmitSeizureRequest(id=case.id, version=case.version))
    with db.begin() as conn:
        conn.execute(
            sqlalchemy.text("SELECT seizure_rollup_apply(ARRAY[CAST(:i AS uuid)], -1)"), {"i": case.id}
        )
        conn.execute(sqlalchemy.text("INSERT INTO rollup_pending VALUES (:i)"), {"i": case.id})
    return str(case.id)


def _nl_cases_on(db: sqlalchemy.Engine, day: str) -> tuple[int, int]:
    """(cases in the rollups, published cases in the table) of NL on a day."""
    counted = rows(
        db,
        "SELECT coalesce(sum(cases), 0) AS n FROM rollups WHERE dim = 'country' AND grain = 'd' "
        "AND period = CAST(:d AS date) AND key = 'NL' AND unit = ''",
        d=day,
    )[0].n
    stored = rows(
        db,
        f"SELECT count(*) AS n FROM seizures WHERE country = 'NL' AND seizure_date = :d AND {PUBLISHED}",
        d=day,
    )[0].n
    return int(counted), int(stored)


def test_a_change_waits_for_a_fold_of_its_case(call: Seizures, db: sqlalchemy.Engine) -> None:
    """A RILO return of a case that a fold is folding waits for the fold, then takes the case out again."""
    day = "2019-05-07"
    for _ in range(3):  # the worker's periodic fold may claim the case first; then queue another
        sid = _queued_case(call, db, day)
        fold = db.connect()
        fold.begin()
        claimed = fold.execute(
            sqlalchemy.text("DELETE FROM rollup_pending WHERE seizure_id = :i RETURNING seizure_id"),
            {"i": sid},
        ).first()
        if claimed:
            break
        fold.close()
    assert claimed, "the queued case was folded by someone else three times running"
    fold.execute(sqlalchemy.text("SELECT seizure_rollup_apply(ARRAY[CAST(:i AS uuid)], 1)"), {"i": sid})
    case = call("readonly", "GetSeizure", pb.GetSeizureRequest(id=sid))
    result: dict[str, object] = {}

    def return_case() -> None:
        request = pb.ReturnSeizureRequest(id=sid, version=case.version, reason="check the quantity")
        result["case"] = call("rilo-weu", "ReturnSeizure", request)

    worker = threading.Thread(target=return_case)
    try:
        worker.start()
        worker.join(timeout=1.5)
        assert worker.is_alive(), "the change did not wait for the fold holding its queued row"
        fold.commit()
    finally:
        fold.close()
        worker.join(timeout=30)
    assert result["case"].status == pb.SEIZURE_STATUS_RETURNED  # type: ignore[attr-defined]
    counted, stored = _nl_cases_on(db, day)
    assert counted == stored


def test_a_fold_leaves_a_case_being_changed_for_later(call: Seizures, db: sqlalchemy.Engine) -> None:
    """A fold skips a queued case whose change is in flight; the next fold counts it exactly once."""
    from cen_seizures.repository import SeizureRepository
    from sqlalchemy.orm import Session

    day = "2019-05-08"
    sid = _queued_case(call, db, day)
    with db.connect() as change:
        change.begin()
        change.execute(
            sqlalchemy.text("SELECT seizure_id FROM rollup_pending WHERE seizure_id = :i FOR UPDATE"),
            {"i": sid},
        )
        with Session(db) as session, session.begin():
            SeizureRepository().fold_rollups(session)
        assert rows(db, "SELECT seizure_id FROM rollup_pending WHERE seizure_id = :i", i=sid)
        change.commit()
    with Session(db) as session, session.begin():
        SeizureRepository().fold_rollups(session)
    counted, stored = _nl_cases_on(db, day)
    assert counted == stored
