"""Concealment Picture Database: the cpdb gRPC service."""
