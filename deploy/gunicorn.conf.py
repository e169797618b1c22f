"""gunicorn settings for one Ledgerline app process behind nginx (README "Running at scale").

    gunicorn -c deploy/gunicorn.conf.py -b 127.0.0.1:8001 wsgi:app

with ``LEDGERLINE_SOCKETIO_ASYNC_MODE=gevent`` and the shared Redis settings in the
environment. Scale with processes (one per CPU core, each on its own port, all in nginx's
upstreams), never with ``workers``: Socket.IO keeps its connections inside the process.
"""

import signal

worker_class = "gevent"
workers = 1
worker_connections = 2000
# On SIGTERM the process stops accepting, closes its live sockets at once (their clients
# reconnect through nginx to another process) and finishes the requests in flight.
graceful_timeout = 20
timeout = 60
# Longer than a client waits between two requests on one connection: a request sent just as
# the server closes an idle connection fails with "closed without response" (nginx in front
# closes its upstream connections itself, after each request).
keepalive = 75
accesslog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'


def post_worker_init(worker):
    """Chain gunicorn's SIGTERM handler with closing this process's Socket.IO connections."""
    import gevent

    from core.drain import close_live_connections

    stop = worker.handle_exit

    def handle_exit(sig, frame):
        stop(sig, frame)
        gevent.spawn(close_live_connections, worker.wsgi)

    signal.signal(signal.SIGTERM, handle_exit)
