"""Generated package cen.common.v1 from protos/ (do not edit: run make protos)."""
