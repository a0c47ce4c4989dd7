"""Rebuilds send bulk requests from a background thread (search/backends/engines.py). Whatever
happens there must reach the rebuild: a failed request is raised, never lost."""

import threading

import pytest

from search.backends.engines import BulkPipeline, background_bulk_writes


def test_requests_run_one_at_a_time_in_order_off_the_calling_thread():
    done, threads = [], set()

    def request(number):
        threads.add(threading.current_thread().name)
        done.append(number)

    pipeline = BulkPipeline()
    for number in range(5):
        pipeline.submit(request, number)
        assert len(done) >= number  # the previous request finished before this one was sent
    pipeline.close()

    assert done == [0, 1, 2, 3, 4]
    assert threading.current_thread().name not in threads


def test_a_failed_request_is_raised_when_the_next_chunk_is_sent():
    pipeline = BulkPipeline()
    pipeline.submit(_fail)
    with pytest.raises(ConnectionError, match="engine went away"):
        pipeline.submit(lambda: None)
    pipeline.close()


def test_a_failed_last_request_is_raised_at_the_end_of_the_rebuild():
    from search.backends import engines

    with pytest.raises(ConnectionError, match="engine went away"):
        with background_bulk_writes():
            engines._pipeline.get().submit(_fail)
    assert engines._pipeline.get() is None  # writes are synchronous again


def _fail():
    raise ConnectionError("engine went away")
