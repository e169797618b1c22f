"""The shared fixtures of tests/conftest.py, plus where the official examples live."""

from tests.conftest import *  # noqa: F403
from tests.conftest import _base_config  # noqa: F401
