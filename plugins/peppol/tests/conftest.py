"""The shared fixtures of tests/conftest.py, the invoicing helpers, plus peppol helpers."""

import pytest

from plugins.invoicing.tests.helpers import *  # noqa: F403
from plugins.payments.tests.helpers import invoice_for  # noqa: F401
from plugins.peppol.tests.helpers import *  # noqa: F403
from tests.conftest import *  # noqa: F403
from tests.conftest import _base_config


@pytest.fixture
def app_config(db_url, tmp_path):
    """Short timeouts and immediate retries, so tests never wait on the clock."""
    return {
        **_base_config(db_url, tmp_path),
        "PEPPOL_HTTP_TIMEOUT": 0.5,
        "PEPPOL_RETRY_BASE_SECONDS": 0,
        "PEPPOL_MAX_ATTEMPTS": 3,
        "PEPPOL_CIRCUIT_THRESHOLD": 2,
        "PEPPOL_CIRCUIT_COOLDOWN_SECONDS": 3600,
        "PEPPOL_ALLOW_PRIVATE_URLS": True,  # the fake providers listen on 127.0.0.1
    }
