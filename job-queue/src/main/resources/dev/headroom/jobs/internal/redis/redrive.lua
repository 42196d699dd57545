--@include lib.lua
-- Moves dead job ARGV[2] back to waiting with fresh attempts. Replies 1, or 0 if it is not dead.
local prefix = ARGV[1]
local id = ARGV[2]
local jk = job_key(prefix, id)
if redis.call('HGET', jk, 'state') ~= 'dead' then
  return 0
end
redis.call('ZREM', prefix .. 'dead', id)
redis.call('PERSIST', jk)
redis.call('HSET', jk, 'att', '0', 'stalls', '0', 'prog', '0')
redis.call('HDEL', jk, 'fts')
local was_empty = redis.call('ZCARD', prefix .. 'waiting') == 0
to_waiting(prefix, id, jk)
if was_empty then
  redis.call('PUBLISH', prefix .. 'wake', '1')
end
return 1
