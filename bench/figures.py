"""What the benchmarks count and summarise with."""

import statistics
import time


class QueryCounter:
    """Counts SQL statements (``connection.execute_wrapper``): the debug query log
    is capped and would undercount."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def p50_p95(timings):
    return statistics.median(timings), statistics.quantiles(timings, n=20)[18]


def timed(call, runs, before=None):
    """p50 and p95 ms of ``runs`` calls of ``call``; ``before`` runs, untimed, ahead
    of each."""
    timings = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        call()
        timings.append((time.perf_counter() - start) * 1000)
    return p50_p95(timings)
