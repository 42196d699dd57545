-- Removes a value and marks its lease '~', so that a load in flight on any instance does not write
-- its older value back; new loads may take the lease at once.
-- KEYS[1] the value, KEYS[2] the lease (one hash tag); ARGV[1] the mark's TTL in ms (the lease TTL).
-- Returns 1.
redis.call('DEL', KEYS[1])
redis.call('SET', KEYS[2], '~', 'PX', ARGV[1])
return 1
