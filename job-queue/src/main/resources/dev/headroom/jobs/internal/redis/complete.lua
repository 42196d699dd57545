--@include lifecycle.lua
-- One worker turn: completes finished jobs, then leases more. ARGV[2] is the token for the new
-- leases, ARGV[3] the lease ms, ARGV[4] how many jobs to lease at most, ARGV[5] the stall limit,
-- ARGV[6] how many finished jobs follow from ARGV[7], 4 arguments each: id, the token that leased
-- it, '1' if a result follows or '0', the result; then, in tests only, the time. A job completes only if its token still holds the
-- lease. Leasing first promotes due delayed jobs and reclaims expired leases; a turn that only
-- completes (ARGV[4] is 0 and there are finished jobs) skips that. Replies the hint (ms until the
-- next delayed job is due or lease expires; -1 if none, or if it did not lease), 1 if it leased all
-- it asked for and more jobs wait (else 0), the number of finished jobs whose lease was lost, their
-- ids, then 4 fields per leased job as take() writes them.
local prefix = ARGV[1]
local n = tonumber(ARGV[6])
local now = now_ms(ARGV[7 + n * 4])
local ts = fmt(now)
local lost = {}
local done = {}
local kept = {}
local retentions = {}
local seen = {}
for j = 0, n - 1 do
  local a = 7 + j * 4
  local id = ARGV[a]
  local jk = job_key(prefix, id)
  local f = redis.call('HMGET', jk, 'state', 'tok', 'opt', 'dkey')
  if f[1] == 'active' and f[2] == ARGV[a + 1] then
    release_debounce(prefix, id, jk, now, f[4])
    done[#done + 1] = id
    local count, age = opt_keep_completed(f[3])
    if tonumber(count) <= 0 then
      redis.call('DEL', jk)
    else
      local res = nil
      if ARGV[a + 2] == '1' then
        res = ARGV[a + 3]
      end
      mark_finished(jk, 'completed', ts, age, res)
      kept[#kept + 1] = ts
      kept[#kept + 1] = id
      local r = count .. ':' .. age
      if not seen[r] then
        seen[r] = true
        retentions[#retentions + 1] = { tonumber(count), tonumber(age) }
      end
    end
  else
    lost[#lost + 1] = id
  end
end
if #done > 0 then
  redis.call('ZREM', prefix .. 'active', unpack(done))
end
if #kept > 0 then
  redis.call('ZADD', prefix .. 'completed', unpack(kept))
  -- One trim per distinct retention in the batch, after all its jobs are recorded.
  for _, r in ipairs(retentions) do
    trim(prefix, prefix .. 'completed', r[1], r[2], now)
  end
end

local out = { -1, 0, #lost }
for _, id in ipairs(lost) do
  out[#out + 1] = id
end
local max = tonumber(ARGV[4])
if max > 0 or n == 0 then
  local d, a = upkeep(prefix, now, tonumber(ARGV[5]))
  local lease_ms = tonumber(ARGV[3])
  local taken = take(prefix, ARGV[2], lease_ms, max, now, out)
  if taken > 0 and (not a or now + lease_ms < a) then
    a = now + lease_ms
  end
  out[1] = hint(now, d, a)
  if taken == max and max > 0 and redis.call('EXISTS', prefix .. 'waiting') == 1 then
    out[2] = 1
  end
end
return out
