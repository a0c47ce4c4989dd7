"""gunicorn's settings for the site: read by the Dockerfile's command and by the outage tests
(search/tests/test_outage.py), so the tests run the site the way production does.

Threaded workers: a request waiting on the search engine (at most SEARCH_TIMEOUT) holds one
thread, not a whole worker process, so the requests queued behind it are served meanwhile. A
waiting thread costs no CPU, so each process keeps eight: when the engine stalls, ten concurrent
searches on two processes each get a thread at once instead of queueing behind the timeouts.
"""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = 60
