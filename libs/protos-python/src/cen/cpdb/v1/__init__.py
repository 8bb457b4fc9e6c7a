"""Generated package cen.cpdb.v1 from protos/ (do not edit: run make protos)."""
