"""The seizures service's policy table: every RPC of SeizureService and the tier/roles it needs.

Country and region scoping (own country for entry, the NCP's country, the analyst's RILO) is decided in
service.py per case; the limited tier gets nothing in the CEN database.
"""

from __future__ import annotations

from cen_core.auth.policy import Policy, requires
from cen_core.auth.principal import NCP, RILO_ANALYST, WCO_ADMIN, Tier

SERVICE_NAME = "cen.seizures.v1.SeizureService"

_READ = requires(tier=Tier.READONLY)
_ENTER = requires(tier=Tier.UNLIMITED)
_SUBMIT = requires(tier=Tier.UNLIMITED, any_role=(NCP, WCO_ADMIN))
_VALIDATE = requires(tier=Tier.UNLIMITED, any_role=(RILO_ANALYST, WCO_ADMIN))

SEIZURES_POLICY = Policy(
    SERVICE_NAME,
    {
        "GetReferenceData": _READ,
        "CreateSeizure": _ENTER,
        "GetSeizure": _READ,
        "UpdateSeizure": _ENTER,
        "DeleteSeizure": _ENTER,
        "SubmitSeizure": _SUBMIT,
        "ValidateSeizure": _VALIDATE,
        "ReturnSeizure": _VALIDATE,
        "ListSeizureHistory": _READ,
        "SearchSeizures": _READ,
        "GetTrends": _READ,
        "GetTopRoutes": _READ,
        "GetConcealmentByTransportMode": _READ,
        "GetProfile": _READ,
        "GetRiskIndicators": _READ,
        "GetCountryCounts": _READ,
        "CreateWatchList": _READ,
        "ListWatchLists": _READ,
        "DeleteWatchList": _READ,
        "ListWatchListHits": _READ,
        "UploadImport": _ENTER,
        "GetImportJob": _ENTER,
        "ListImportJobs": _ENTER,
        "ListImportErrors": _ENTER,
        "GetImportTemplate": _ENTER,
        "ExportSeizures": _READ,
    },
)

POLICIES = [SEIZURES_POLICY]
