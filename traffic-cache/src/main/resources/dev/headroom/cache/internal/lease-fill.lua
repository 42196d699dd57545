-- Writes a loaded value and releases the lease, if this load still holds it. If no load holds it
-- (it lapsed while loading) and there is no value, the value is written anyway.
-- KEYS[1] the value, KEYS[2] the lease (one hash tag).
-- ARGV[1] this load's token, ARGV[2] the value, ARGV[3] the value's TTL in ms.
-- Returns 1 if the value was written, 0 if not: the key was invalidated while loading ('~'), or
-- another load took the lease over.
local holder = redis.call('GET', KEYS[2])
if holder == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  redis.call('DEL', KEYS[2])
  return 1
end
if not holder and redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0
