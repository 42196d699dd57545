-- Takes the load lease of one key, unless another load holds it.
-- KEYS[1] the value, KEYS[2] the lease (one hash tag).
-- ARGV[1] this load's token, ARGV[2] the lease TTL in ms, ARGV[3] '1' to answer with the value
-- instead when it exists (a reader that missed), '0' to ignore it (a refresh of a stale value).
-- A lease holding '~' marks an invalidation: it blocks the write of a load in flight, not new loads.
-- Returns {2, value} when asked and the value exists, {1} when the lease was taken,
-- {0, ms} when another load holds it for ms more.
if ARGV[3] == '1' then
  local value = redis.call('GET', KEYS[1])
  if value then
    return {2, value}
  end
end
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= '~' then
  return {0, redis.call('PTTL', KEYS[2])}
end
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
return {1}
