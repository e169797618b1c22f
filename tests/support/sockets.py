"""python-socketio clients for tests, without a needless wait each time a socket closes.

Closing the WebSocket transport (``Client.disconnect()``, and a refused ``connect()``, which
disconnects too) ends in websocket-client's ``WebSocket.close()``: it sends a close frame and
reads until the server's close frame comes back, for up to 3 s. The server answers at once,
but engineio's read loop (another thread, blocked in ``recv``) is the one that receives the
answer, so ``close()`` always waited its full 3 s. ``client()`` builds the same
``socketio.Client`` with a WebSocket class whose close waits CLOSE_WAIT instead, through
engineio's public ``websocket_extra_options`` (handed to ``websocket.create_connection``).
"""

from __future__ import annotations

import socketio
import websocket

CLOSE_WAIT = 0.2  # seconds for the server's close frame; the read loop has had it long before


class QuickCloseWebSocket(websocket.WebSocket):
    def close(self, status=websocket.STATUS_NORMAL, reason=b"", timeout=CLOSE_WAIT) -> None:
        super().close(status, reason, timeout)


def client(**options) -> socketio.Client:
    """``socketio.Client(**options)`` whose WebSocket closes without the 3 s wait."""
    extra = {"class_": QuickCloseWebSocket, **options.pop("websocket_extra_options", {})}
    return socketio.Client(websocket_extra_options=extra, **options)
