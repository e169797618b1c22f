"""The shared fixtures, the invoicing and payments helpers, then the wallet fixtures (last:
its ``app_config`` adds the anvil RPC URL to the shared one)."""

from plugins.invoicing.tests.helpers import *  # noqa: F403
from plugins.payments.tests.helpers import *  # noqa: F403
from plugins.wallet.tests.helpers import *  # noqa: F403,E402,I001
from tests.conftest import *  # noqa: F403
from tests.conftest import _base_config  # noqa: F401
