-- Completes job ARGV[2] if token ARGV[3] still holds its lease, storing result ARGV[4] when ARGV[5]
-- is '1'; then, if ARGV[6] > 0, leases up to that many more jobs as lease.lua does (ARGV[7] lease
-- ms, ARGV[8] stall limit). Replies status (1 completed, 0 lease lost), hint ms, then 5 fields per
-- leased job.
local prefix = ARGV[1]
local id = ARGV[2]
local jk = job_key(prefix, id)
local now = now_ms()
local f = redis.call('HMGET', jk, 'state', 'tok', 'kcn', 'kca')
local status = 0
if f[1] == 'active' and f[2] == ARGV[3] then
  if ARGV[5] == '1' then
    redis.call('HSET', jk, 'res', ARGV[4])
  end
  release_debounce(prefix, id, jk, now)
  finish(prefix, id, jk, 'completed', now, tonumber(f[3]), tonumber(f[4]))
  status = 1
end
local out = { status, -1 }
local more = tonumber(ARGV[6])
if more > 0 then
  promote(prefix, now)
  reclaim(prefix, now, tonumber(ARGV[8]))
  take(prefix, ARGV[3], tonumber(ARGV[7]), more, now, out)
  out[2] = hint(prefix, now)
end
return out
