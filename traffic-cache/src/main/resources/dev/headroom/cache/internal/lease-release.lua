-- Releases a lease if this load still holds it (a failed load); another holder's lease is left.
-- KEYS[1] the lease; ARGV[1] this load's token. Returns 1 if released, else 0.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
