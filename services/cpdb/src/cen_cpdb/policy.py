"""The cpdb service's policy table. Empty until the module's RPCs exist: anything not listed is refused."""

from cen_core.auth.policy import Policy

POLICIES: list[Policy] = []
