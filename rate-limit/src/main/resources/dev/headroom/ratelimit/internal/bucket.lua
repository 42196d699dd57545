-- One decision on one token bucket or GCRA limit: the common case, kept lean.
-- KEYS[1]  the theoretical arrival time (TAT), microseconds since the epoch.
-- ARGV[1]  cost: permits x interval, microseconds; '0' peeks and writes nothing.
-- ARGV[2]  tau: capacity x interval, microseconds.
-- ARGV[3]  initial debt, microseconds; absent means 0 (the bucket starts full).
-- ARGV[4]  tests only: the time in microseconds. Absent in production: the time is Redis TIME.
-- Reply: one integer. Allowed: the microseconds until the bucket is full (>= 0). Denied:
-- -1 - those microseconds. The client derives remaining and retry-after from it.
-- Cost per call matters here (see benchmarks/README.md): every ARGV and every redis.call argument
-- is converted on each call, so production sends two arguments, and numbers reach redis.call as
-- strings made by string.format('%d'), never as Lua numbers (formatted by '%.17g'); numeric
-- arguments are read by arithmetic coercion ('x + 0'), which skips a call to tonumber.
local now
local test = ARGV[4]
if test then
  now = tonumber(test)
else
  local t = redis.call('TIME')
  now = t[1] * 1000000 + t[2]
end
local tau = ARGV[2] + 0
local tat = redis.call('GET', KEYS[1])
if tat then
  tat = tat + 0
  if tat < now then tat = now end
else
  local debt = ARGV[3]
  if debt then tat = now + debt else tat = now end
end
if tat > now + tau then tat = now + tau end
local cost = ARGV[1]
if cost == '0' then
  return tat - now
end
local full = tat + cost - now
if full > tau then
  return -1 - (tat - now)
end
local format = string.format
if test then
  -- Keys expire on Redis's clock; a test clock does not move with it, so its keys live a minute longer.
  redis.call('SET', KEYS[1], format('%d', now + full), 'PX', format('%d', math.ceil(full / 1000) + 60000))
else
  redis.call('SET', KEYS[1], format('%d', now + full), 'PX', format('%d', math.ceil(full / 1000)))
end
return full
