--@include lib.lua
-- Renews for ARGV[2] ms the leases of the ARGV[3] id, token pairs from ARGV[4]; then, in tests
-- only, the time. Replies the ids whose lease was lost (the job was reclaimed, or finished elsewhere).
local prefix = ARGV[1]
local lease_ms = tonumber(ARGV[2])
local n = tonumber(ARGV[3])
local now = now_ms(ARGV[4 + n * 2])
local deadline = fmt(now + lease_ms)
local lost = {}
for i = 4, 3 + n * 2, 2 do
  local id = ARGV[i]
  local f = redis.call('HMGET', job_key(prefix, id), 'state', 'tok')
  if f[1] == 'active' and f[2] == ARGV[i + 1] then
    redis.call('ZADD', prefix .. 'active', 'XX', deadline, id)
  else
    table.insert(lost, id)
  end
end
return lost
