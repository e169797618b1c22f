"""The shared fixtures, the invoicing and payments helpers, the wallet fixtures, and an
``app_config`` that points the wallet at the test's anvil node."""

import pytest

from plugins.invoicing.tests.helpers import *  # noqa: F403
from plugins.payments.tests.helpers import *  # noqa: F403
from plugins.wallet.tests.helpers import *  # noqa: F403
from tests.conftest import *  # noqa: F403
from tests.conftest import _base_config


@pytest.fixture
def app_config(db_url, tmp_path, anvil):
    return {**_base_config(db_url, tmp_path), "WALLET_RPC_URLS": anvil.url}
