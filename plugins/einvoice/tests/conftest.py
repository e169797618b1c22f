"""The shared fixtures of tests/conftest.py, plus the invoicing helpers (api, company, customer)."""

from plugins.invoicing.tests.helpers import *  # noqa: F403
from tests.conftest import *  # noqa: F403
from tests.conftest import _base_config  # noqa: F401
