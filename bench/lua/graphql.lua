-- wrk script for the GraphQL scenarios: POSTs a JSON body to /graphql and reports figures in one line.
-- Environment:
--   BENCH_BODY        the JSON request; $SKU, $EMAIL and $PICK in it are replaced on every request
--   BENCH_SKU         a SKU, or a prefix when BENCH_SKU_COUNT is set
--   BENCH_SKU_COUNT   if set, each request picks BENCH_SKU .. "-" .. random(1..count)
--   BENCH_TOKEN       bearer token, if any
--   BENCH_PICK        if set, space-separated words: each request puts one at random in place of $PICK
-- Output (last line): BENCH requests=... rps=... p50_ms=... p90_ms=... p99_ms=... max_ms=...
--   socket_errors=... non2xx=... graphql_errors=...  (a response containing "errors" counts as failed)
-- wrk is closed-loop: each connection sends its next request when the previous answer arrives.

local body_template = assert(os.getenv("BENCH_BODY"), "BENCH_BODY is required")
local sku = os.getenv("BENCH_SKU") or ""
local sku_count = tonumber(os.getenv("BENCH_SKU_COUNT") or "")
local token = os.getenv("BENCH_TOKEN")
local picks = {}
for word in (os.getenv("BENCH_PICK") or ""):gmatch("%S+") do table.insert(picks, word) end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
if token and token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end

local threads = {}
local next_id = 0
function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + id)
  graphql_errors = 0
  non2xx = 0
end

function request()
  local this_sku = sku
  if sku_count then this_sku = sku .. "-" .. math.random(1, sku_count) end
  local body = body_template:gsub("%$SKU", this_sku):gsub("%$EMAIL", "c" .. math.random(1, 10000) .. "@bench.example")
  if #picks > 0 then body = body:gsub("%$PICK", function() return picks[math.random(1, #picks)] end) end
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
  if body and body:find('"errors"', 1, true) then graphql_errors = graphql_errors + 1 end
end

function done(summary, latency, requests)
  local errors, failed = 0, 0
  for _, thread in ipairs(threads) do
    errors = errors + thread:get("graphql_errors")
    failed = failed + thread:get("non2xx")
  end
  local seconds = summary.duration / 1e6
  local socket_errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    "BENCH requests=%d duration_s=%.1f rps=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f socket_errors=%d non2xx=%d graphql_errors=%d\n",
    summary.requests, seconds, (summary.requests - errors - failed) / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    socket_errors, failed, errors))
end
