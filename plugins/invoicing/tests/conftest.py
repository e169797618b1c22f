"""The shared fixtures of tests/conftest.py, plus invoicing helpers."""

from plugins.invoicing.tests.helpers import *  # noqa: F403
from tests.conftest import *  # noqa: F403
from tests.conftest import _base_config  # noqa: F401
