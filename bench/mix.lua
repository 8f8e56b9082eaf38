-- wrk script of bench/query-mix: each request picks one of a list of
-- targets at random (uniformly, a fixed seed per thread), and the replies
-- are counted by their X-Cache header (hit, miss, or none when the cache
-- is off) and by status.
--
-- usage: wrk ... -s bench/mix.lua URL -- FILE     (one target per line)
--        wrk ... -s bench/mix.lua URL -- ids:N    (/api/v1/recommendations/{1..N})

local threads = {}
local count = 0

function setup(thread)
  count = count + 1
  thread:set("id", count)
  table.insert(threads, thread)
end

local targets = {}
local ids = nil

function init(args)
  math.randomseed(42 + id)
  local spec = args[1]
  if spec:sub(1, 4) == "ids:" then
    ids = tonumber(spec:sub(5))
  else
    for line in io.lines(spec) do
      if line ~= "" then table.insert(targets, line) end
    end
  end
  hits, misses, uncached, failed = 0, 0, 0, 0
end

function request()
  if ids then
    return wrk.format("GET", "/api/v1/recommendations/" .. math.random(1, ids))
  end
  return wrk.format("GET", targets[math.random(1, #targets)])
end

function response(status, headers, body)
  if status ~= 200 then failed = failed + 1 end
  local x = headers["X-Cache"]
  if x == "hit" then hits = hits + 1
  elseif x == "miss" then misses = misses + 1
  else uncached = uncached + 1 end
end

function done(summary, latency, requests)
  local h, m, u, f = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    h = h + t:get("hits")
    m = m + t:get("misses")
    u = u + t:get("uncached")
    f = f + t:get("failed")
  end
  io.write(string.format("mix: hits %d misses %d uncached %d non200 %d\n", h, m, u, f))
end
