-- wrk script: POSTs typical messages (2 to 30 words, mixed kind and blaming) in turn.
-- The endpoint comes from the URL given to wrk; the bodies are the same for every endpoint.
-- Optional pacing: `wrk ... -s tools/load-messages.lua URL -- RATE CONNECTIONS` holds the total near RATE
-- requests a second by waiting CONNECTIONS*1000/RATE ms between one connection's requests.
local messages = {
  "You never help with the dishes!",
  "Typical. Late again.",
  "Thanks for dinner. You always leave your socks on the floor though.",
  "Can you grab milk on the way home?",
  "I feel like you don't care about my job at all.",
  "ur always on ur phone at dinner and it drives me crazy",
  "Must be nice to sleep till noon while I do everything.",
  "Love you! See you at six, I'll cook tonight.",
  "How hard is it to text back when you're running late?",
  "I had a rough day at work and I could really use a hug tonight.",
}
local bodies = {}
for i, m in ipairs(messages) do
  bodies[i] = '{"text":"' .. m .. '"}'
end
local n = 0
local wait = 0

init = function(args)
  if #args >= 2 then
    wait = tonumber(args[2]) * 1000 / tonumber(args[1])
  end
end

delay = function()
  return wait
end

request = function()
  n = n % #bodies + 1
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, bodies[n])
end
