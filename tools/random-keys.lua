-- wrk script: POSTs a typical message with a different random X-Api-Key on every request and counts the
-- answers by status, summed over wrk's threads at the end. With keys off (the default) the header must buy
-- nothing: every request counts against the one address.
counts = {}  -- global, so done() can read each thread's copy with thread:get
local threads = {}

setup = function(thread)
  table.insert(threads, thread)
end

init = function()
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
end

request = function()
  local key = string.format("%08x%08x%08x%08x", math.random(0, 0x7fffffff), math.random(0, 0x7fffffff),
    math.random(0, 0x7fffffff), math.random(0, 0x7fffffff))
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["X-Api-Key"] = key },
    '{"text":"You never help with the dishes!"}')
end

response = function(status)
  counts[status] = (counts[status] or 0) + 1
end

done = function(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    -- each thread's counts table lives in its own Lua state; read it back through thread:get
    local c = thread:get("counts")
    for status, n in pairs(c) do
      total[status] = (total[status] or 0) + n
    end
  end
  for status, n in pairs(total) do
    io.write(string.format("status %d: %d\n", status, n))
  end
end
