-- SPDX-License-Identifier: GPL-2.0
-- wrk's report as one line of numbers for xnf-ab and xnf-soak:
-- "WRK requests R seconds S errors E p50 P50 p90 P90 p99 P99 max MAX"
-- (latencies in microseconds; errors: connect, read, write, timeout and
-- non-2xx/3xx answers together).
done = function(summary, latency, requests)
	local e = summary.errors
	io.write(string.format("WRK requests %d seconds %.3f errors %d p50 %d p90 %d p99 %d max %d\n",
		summary.requests, summary.duration / 1e6,
		e.connect + e.read + e.write + e.timeout + e.status,
		latency:percentile(50), latency:percentile(90),
		latency:percentile(99), latency.max))
end
