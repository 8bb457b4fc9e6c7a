"""Token verification, the Principal, and per-service policy tables."""
