-- wrk script for benchmarks/submit_bench.py.
-- Without arguments: GET the URL (the hello-world yardstick).
-- With "FILE THREADS": POST one line of FILE per request ("cookie<TAB>form body"), each line
-- at most once; thread i takes lines i, i+THREADS, ... so no form token is sent twice.
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  lines = {}
  next_line = 0
  if args[1] == nil then return end
  local step = tonumber(args[2])
  local n = 0
  for line in io.lines(args[1]) do
    if n % step == id then table.insert(lines, line) end
    n = n + 1
  end
end

function request()
  if #lines == 0 then return wrk.format("GET", wrk.path) end
  next_line = next_line + 1
  local line = lines[next_line]
  if line == nil then
    -- Out of form tokens: ask for a page that does not exist, so it counts as failed.
    return wrk.format("GET", "/benchmark-ran-out-of-form-tokens")
  end
  local tab = line:find("\t", 1, true)
  return wrk.format("POST", wrk.path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = line:sub(1, tab - 1),
  }, line:sub(tab + 1))
end

function done(summary, latency, requests)
  io.write(string.format("requests %d\n", summary.requests))
  io.write(string.format("failed %d\n", summary.errors.status + summary.errors.connect
    + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("seconds %.3f\n", summary.duration / 1e6))
  io.write(string.format("p50_us %d\n", latency:percentile(50)))
  io.write(string.format("p99_us %d\n", latency:percentile(99)))
end
