"""The baseline of benchmarks/fanout.py: a bare python-socketio server, nothing else.

No Flask, no sign-in, no rooms, no message queue: ``GET /emit?t=<time>`` emits
``{"t": <time>}`` to every connected client. Served exactly like a Ledgerline process:
``gunicorn -k gevent -w 1 benchmarks.fanout_bare:app``.
"""

from urllib.parse import parse_qs

import socketio

sio = socketio.Server(async_mode="gevent", cors_allowed_origins="*")


def emit(environ, start_response):
    sent = float(parse_qs(environ.get("QUERY_STRING", ""))["t"][0])
    sio.emit("bench_ping", {"t": sent})
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"sent"]


def not_found(environ, start_response):
    if environ.get("PATH_INFO") == "/emit":
        return emit(environ, start_response)
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"not found"]


app = socketio.WSGIApp(sio, not_found)
