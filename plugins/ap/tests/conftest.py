"""The shared fixtures of tests/conftest.py, the invoicing helpers, plus AP helpers."""

from plugins.ap.tests.helpers import *  # noqa: F403
from plugins.invoicing.tests.helpers import *  # noqa: F403
from tests.conftest import *  # noqa: F403
from tests.conftest import _base_config  # noqa: F401
