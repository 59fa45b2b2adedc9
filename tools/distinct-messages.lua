-- wrk script: POSTs typical messages, each made distinct by a counter (and the thread), so no reading is ever
-- cached: what a stream of messages nobody has sent before costs.
local messages = {
  "You never help with the dishes!",
  "Typical. Late again.",
  "I feel like you don't care about my job at all.",
  "Can you grab milk on the way home?",
  "How hard is it to text back when you're running late?",
}
local n = 0
local counter = 0
local tag = ""
id = 0  -- global: setup sets it in each thread's own Lua state

setup = function(thread)
  counter = counter + 1
  thread:set("id", counter)
end

init = function()
  -- a tag per thread and run, so neither two threads nor two runs ever send the same message
  math.randomseed(os.time() * 100 + id)
  tag = id .. "-" .. math.random(1, 1000000000)
end

request = function()
  n = n + 1
  local m = messages[n % #messages + 1]
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" },
    '{"text":"' .. m .. ' (' .. tag .. '-' .. n .. ')"}')
end
