-- One decision on one token bucket or GCRA limit: the common case, kept lean.
-- KEYS[1]  the theoretical arrival time (TAT), microseconds since the epoch.
-- ARGV     permits (0 peeks), test time ('' in production: Redis TIME), interval us, tau us,
--          initial debt us.
-- Reply: one integer. Allowed: the microseconds until the bucket is full (>= 0). Denied:
-- -1 - those microseconds. The client derives remaining and retry-after from it.
local now
local slack = 0
if ARGV[2] == '' then
  local t = redis.call('TIME')
  now = t[1] * 1000000 + t[2]
else
  now = tonumber(ARGV[2])
  -- Keys expire on Redis's clock; a test clock does not move with it.
  slack = 60000
end
local interval = tonumber(ARGV[3])
local tau = tonumber(ARGV[4])
local tat = redis.call('GET', KEYS[1])
if tat then tat = tonumber(tat) else tat = now + tonumber(ARGV[5]) end
if tat < now then tat = now elseif tat > now + tau then tat = now + tau end
local nexttat = tat + tonumber(ARGV[1]) * interval
if nexttat - now > tau then
  return -1 - (tat - now)
end
if nexttat ~= tat then
  redis.call('SET', KEYS[1], string.format('%d', nexttat), 'PX', math.ceil((nexttat - now) / 1000) + slack)
end
return nexttat - now
