-- Counts the 2xx answers of a wrk run and prints one JSON line of results at the end.
-- The request comes from the environment: BENCH_MODE is check, echo, messages or inbound;
-- BENCH_KEY the API key; BENCH_RECIPIENT the patient id; BENCH_TAG makes idempotency keys and
-- phone numbers unique to this run.
local threads = {}
local mode = os.getenv("BENCH_MODE")
local key = os.getenv("BENCH_KEY") or ""
local recipient = os.getenv("BENCH_RECIPIENT") or ""
local tag = os.getenv("BENCH_TAG") or "run"
local area = tonumber(os.getenv("BENCH_AREA") or "555")
local text = "Your visit is Tue 3pm at Riverside Family Medicine. Reply STOP to opt out."

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

local counter = 0
ok = 0
other = 0

function init(args)
  wrk.headers["Content-Type"] = "application/json"
  if key ~= "" then wrk.headers["Authorization"] = "Bearer " .. key end
end

local check_body = '{"text":"' .. text .. '","channel":"sms"}'

function request()
  counter = counter + 1
  if mode == "check" then
    return wrk.format("POST", "/v1/check", nil, check_body)
  elseif mode == "echo" then
    return wrk.format("POST", "/echo", nil, check_body)
  elseif mode == "messages" then
    local body = string.format('{"recipient":"%s","kind":"sms","notify":["sms"],"body":"%s","idempotencyKey":"%s-%d-%d"}',
      recipient, text, tag, tid, counter)
    return wrk.format("POST", "/v1/messages", nil, body)
  else
    local from = string.format("+1%03d%07d", area, 2000000 + tid * 1000000 + counter)
    return wrk.format("POST", "/v1/inbound", nil, '{"from":"' .. from .. '","to":"+15552100100","body":"STOP"}')
  end
end

function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local good, bad = 0, 0
  for _, t in ipairs(threads) do
    good = good + t:get("ok")
    bad = bad + t:get("other")
  end
  io.write(string.format('BENCH {"requests":%d,"seconds":%.6f,"p50_us":%d,"p99_us":%d,"ok":%d,"non2xx":%d,"socket_errors":%d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99), good, bad,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
