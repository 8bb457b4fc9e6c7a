"""Generated package cen.common from protos/ (do not edit: run make protos)."""
