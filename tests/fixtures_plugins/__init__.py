"""Tiny plugin packages for the engine tests, found through fake entry points."""
