-- wrk script of Benchmarks/api-bench.sh.
--
-- The paths to request come after wrk's own arguments (`wrk ... URL -- PATH [PATH ...]`); each connection takes them
-- in turn, so one path is one endpoint under load and several are a mix. `done` prints one line that the script
-- reads: latency median and p99 in milliseconds, requests per second, and the failures wrk counts (a status that is
-- not 2xx or 3xx, a timeout, a socket error).
local paths = {}
local next_path = 1

function init(args)
    for _, path in ipairs(args) do
        paths[#paths + 1] = path
    end
    if #paths == 0 then
        paths[1] = "/"
    end
end

function request()
    local path = paths[next_path]
    next_path = next_path % #paths + 1
    return wrk.format(nil, path)
end

function done(summary, latency, requests)
    local seconds = summary.duration / 1e6
    local errors = summary.errors
    io.write(string.format(
        "WRK median_ms=%.2f p99_ms=%.2f max_ms=%.2f rps=%.1f requests=%d bytes=%d status_errors=%d timeouts=%d "
            .. "socket_errors=%d\n",
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
        summary.requests / seconds, summary.requests, summary.bytes, errors.status, errors.timeout,
        errors.connect + errors.read + errors.write))
end
