"""Unit tests of how approval derives a Keycloak username and what WhoAmI lists per tier."""

from __future__ import annotations

import itertools

from cen_auth.keycloak_admin import username_base, username_candidates
from cen_auth.service import modules_for
from cen_core.auth.principal import Tier


def test_username_from_local_part() -> None:
    assert username_base("Anna.de.Vries+cen@douane.nl") == "anna.de.vries-cen"
    assert username_base("..@x.org") == "user"
    assert username_base("émile@douane.fr") == "emile"
    assert len(username_base("a" * 64 + "@x.org")) == 40


def test_candidates_are_unique_and_bounded() -> None:
    names = list(username_candidates("anna"))
    assert names[:3] == ["anna", "anna-2", "anna-3"]
    assert len(names) == len(set(names)) == 50
    assert list(itertools.islice(username_candidates("x"), 1)) == ["x"]


def test_modules_by_tier() -> None:
    assert modules_for(Tier.LIMITED) == ("cws", "cpdb")
    assert set(modules_for(Tier.READONLY)) == {"seizures", "cws", "cpdb", "cencomm"}
    assert set(modules_for(Tier.UNLIMITED)) == {"seizures", "cws", "cpdb", "cencomm"}
