--@include lifecycle.lua
-- Fails one attempt of job ARGV[2] if token ARGV[3] still holds its lease. ARGV[4] error, ARGV[5]
-- '1' if permanent, ARGV[6] retry delay ms, ARGV[7] and ARGV[8] the dead-letter count and age ms,
-- ARGV[9] in tests only the time.
-- Replies 0 lease lost, 1 retrying, 2 failed, 3 dead.
local prefix = ARGV[1]
local id = ARGV[2]
local jk = job_key(prefix, id)
local now = now_ms(ARGV[9])
local f = redis.call('HMGET', jk, 'state', 'tok', 'att', 'opt')
if f[1] ~= 'active' or f[2] ~= ARGV[3] then
  return 0
end
local max, kfn, kfa = opt_failing(f[4])
local att = tonumber(f[3] or '0') + 1
redis.call('HSET', jk, 'att', fmt(att), 'err', ARGV[4])
if ARGV[5] == '1' then
  release_debounce(prefix, id, jk, now)
  finish(prefix, id, jk, 'failed', now, tonumber(kfn), tonumber(kfa))
  return 2
end
if att >= tonumber(max) then
  release_debounce(prefix, id, jk, now)
  finish(prefix, id, jk, 'dead', now, tonumber(ARGV[7]), tonumber(ARGV[8]))
  return 3
end
redis.call('ZREM', prefix .. 'active', id)
redis.call('HDEL', jk, 'tok')
absorb_follow_up(jk)
local delay = tonumber(ARGV[6])
if delay > 0 then
  redis.call('HSET', jk, 'state', 'delayed')
  redis.call('ZADD', prefix .. 'delayed', fmt(now + delay), id)
else
  to_waiting(prefix, id, jk)
end
return 1
