"""Payments domain services: no Flask views here, callable from API, pages, CLI and jobs."""
