"""For every test folder (tests/ and each plugin's tests/): the run leaves no process behind."""

import pytest

from tests.support.leftovers import processes_left_behind


@pytest.fixture(scope="session", autouse=True)
def no_process_left_behind():
    yield
    left = processes_left_behind()
    assert not left, "processes the tests started are still running (now killed): " + "; ".join(
        left
    )


@pytest.fixture(scope="session", autouse=True)
def app_server_launcher(no_process_left_behind):
    """Set up after (so torn down before) the check above, which it requests for that: the
    launcher of test app servers (tests/support/forkserver.py) stops at the end of the session.
    """
    yield
    from tests.support.forkserver import LAUNCHER

    LAUNCHER.stop()
