"""The cpdb service's policy table: every RPC of PictureService and the tier/roles it needs.

Every tier sees ready pictures; what each tier sees of a picture (case link, original) and who may withdraw
(the uploader's NCP, wco-admin) is decided in service.py per picture.
"""

from __future__ import annotations

from cen_core.auth.policy import Policy, requires
from cen_core.auth.principal import NCP, WCO_ADMIN, Tier

SERVICE_NAME = "cen.cpdb.v1.PictureService"

_VIEW = requires(tier=Tier.LIMITED)
_UPLOAD = requires(tier=Tier.UNLIMITED)
_WITHDRAW = requires(tier=Tier.UNLIMITED, any_role=(NCP, WCO_ADMIN))

CPDB_POLICY = Policy(
    SERVICE_NAME,
    {
        "GetPictureReference": _VIEW,
        "UploadPicture": _UPLOAD,
        "GetPicture": _VIEW,
        "SearchPictures": _VIEW,
        "FindSimilarPictures": _VIEW,
        "FindSimilarToUpload": _VIEW,
        "WithdrawPicture": _WITHDRAW,
    },
)

POLICIES = [CPDB_POLICY]
