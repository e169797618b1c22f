"""Stopping an app process without stranding its live connections (rolling restarts).

A process that is being stopped closes every Socket.IO connection it holds as a dropped
transport, not as a deliberate disconnect, so clients reconnect at once (through the proxy, to
a process that is still running) and re-fetch what changed while they were away (realtime.js
fires ``ll:reconnected``). Each closed connection leaves its rooms and presence lists like any
other disconnect, so no other process keeps showing its viewers.
"""

from __future__ import annotations

import logging

log = logging.getLogger("ledgerline.realtime")


def close_live_connections(app) -> int:
    """Close all of this process's Engine.IO connections; return how many were closed."""
    from core.realtime import SERVER_KEY

    server = app.extensions.get(SERVER_KEY)
    if server is None or server.eio is None:
        return 0
    sockets = list(server.eio.sockets.values())
    for socket in sockets:
        try:
            # abort: no "close" packet, which clients would take as "do not come back".
            socket.close(wait=False, abort=True, reason=server.eio.reason.TRANSPORT_CLOSE)
        except Exception:  # one broken socket must not keep the others open
            log.exception("could not close socket %s while stopping", socket.sid)
    log.info("closed %d live connection(s): this process is stopping", len(sockets))
    return len(sockets)
