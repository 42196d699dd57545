-- Opens one lease of a distributed concurrency limit, if one is free.
-- KEYS[1]  a sorted set of open leases, each scored by its expiry in Redis milliseconds.
-- ARGV     limit, lease timeout ms, lease id, test time ms ('' in production: Redis TIME)
-- Reply: the number of open leases including the new one, or -1 - that number if none is free.
-- Leases a holder never closed (a crash) expire after the timeout; the set itself expires with
-- its newest lease, so idle keys vanish.
local now
if ARGV[4] == '' then
  local t = redis.call('TIME')
  now = t[1] * 1000 + math.floor(t[2] / 1000)
else
  now = tonumber(ARGV[4])
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local open = redis.call('ZCARD', KEYS[1])
if open >= tonumber(ARGV[1]) then
  return -1 - open
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return open + 1
