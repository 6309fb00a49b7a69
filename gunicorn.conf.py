"""gunicorn settings for a PaaS web process (read automatically from this folder)."""

import os

wsgi_app = "campaign.wsgi:application"
bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
# Two workers per core the process may use, at most four, unless the
# platform says (Heroku sets WEB_CONCURRENCY from the dyno's memory). A sync
# worker waiting on PostgreSQL or Redis, a network round trip away on a PaaS,
# leaves its core idle, and the second fills it: with four workers on two
# cores, page cache hits went from 45 % to 53 % of what a trivial app serves
# (bench/load.py). At most four because a container may see every core of
# its host, and four workers share a small dyno's memory (bench/load.py
# prints what they use).
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * len(os.sched_getaffinity(0)), 4))

# Load the app in the master before forking: a configuration error stops the
# start with one clear message instead of failing on the first request, and
# the workers share the loaded code's memory.
preload_app = True

# Routers give up on a request after 30 s; answer or give up before they do so
# that the worker is recycled and the visitor sees our error, not theirs.
timeout = 25
graceful_timeout = 20
keepalive = 5

# The router terminates TLS and says so in X-Forwarded-Proto; on a PaaS only
# the router can reach the app, so trust it from any address unless the
# operator narrows FORWARDED_ALLOW_IPS.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# The runtime control socket (gunicornc) is of no use on a PaaS.
control_socket_disable = True
