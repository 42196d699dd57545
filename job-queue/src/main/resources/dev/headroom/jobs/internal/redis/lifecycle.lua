-- Finishing and leasing jobs, shared by complete.lua and fail.lua, which include it.
--@include lib.lua

-- The score of a sorted set's first member, or nil if the set is empty.
local function head(key)
  local r = redis.call('ZRANGE', key, '0', '0', 'WITHSCORES')
  if r[2] then
    return tonumber(r[2])
  end
  return nil
end

-- Bounds a finished set: ids older than age leave it (their hashes carry a TTL of the same age and
-- expire on their own), then the oldest beyond count leave it with their hashes. At most 500 of
-- each per call, so one call stays short; later calls take the rest.
local function trim(prefix, set, count, age, now)
  local old = redis.call('ZRANGEBYSCORE', set, '-inf', fmt(now - age), 'LIMIT', '0', '500')
  if #old > 0 then
    redis.call('ZREM', set, unpack(old))
  end
  local n = redis.call('ZCARD', set)
  if n > count then
    local last = fmt(math.min(n - count, 500) - 1)
    local extra = redis.call('ZRANGE', set, '0', last)
    redis.call('ZREMRANGEBYRANK', set, '0', last)
    for i = 1, #extra do
      extra[i] = job_key(prefix, extra[i])
    end
    redis.call('DEL', unpack(extra))
  end
end

-- Records that an active job finished, in one write: its state, finish time ts (formatted), result
-- (nil for none) and no lease token, and a TTL of its retention's age (ms, a string). Leaving
-- 'active', entering the finished set and trimming it are the caller's, so that a batch does each
-- once.
local function mark_finished(jk, state, ts, age, res)
  if res then
    redis.call('HSET', jk, 'state', state, 'fts', ts, 'tok', '', 'res', res)
  else
    redis.call('HSET', jk, 'state', state, 'fts', ts, 'tok', '')
  end
  redis.call('PEXPIRE', jk, age)
end

-- Moves one active job to a finished state ('completed', 'failed' or 'dead') and applies retention.
local function finish(prefix, id, jk, state, now, count, age)
  redis.call('ZREM', prefix .. 'active', id)
  if count <= 0 then
    redis.call('DEL', jk)
    return
  end
  local ts = fmt(now)
  mark_finished(jk, state, ts, fmt(age), nil)
  redis.call('ZADD', prefix .. state, ts, id)
  trim(prefix, prefix .. state, count, age, now)
end

-- When a debounced job finishes: runs exactly one follow-up with the latest payload held while it
-- was active, or frees its debounce key. dkey is the job's debounce key if the caller read it
-- (false when it has none), or nil to read it here. Call before the job is marked finished or
-- deleted.
local function release_debounce(prefix, id, jk, now, dkey)
  if dkey == nil then
    dkey = redis.call('HGET', jk, 'dkey')
  end
  if not dkey then
    return
  end
  local dmap = prefix .. 'debounce'
  local f = redis.call('HMGET', jk, 'fu', 'opt', 'dwin', 'dmax', 'fufirst', 'fulast')
  if f[1] then
    local seq = next_seq(prefix)
    local nid = fmt(seq)
    local nk = job_key(prefix, nid)
    local first = tonumber(f[5])
    local due = math.min(tonumber(f[6]) + tonumber(f[3]), first + tonumber(f[4]))
    local state = 'delayed'
    if due <= now then
      state = 'waiting'
    end
    redis.call('HSET', nk, 'state', state, 'opt', f[2], 'ts', fmt(now), 'data', f[1], 'dkey', dkey, 'dwin', f[3],
      'dmax', f[4], 'dfirst', fmt(first))
    redis.call('HDEL', jk, 'fu', 'fufirst', 'fulast')
    redis.call('HSET', dmap, dkey, nid)
    if due <= now then
      enqueue(prefix, nid, tonumber(opt_priority(f[2])), seq)
    else
      redis.call('ZADD', prefix .. 'delayed', fmt(due), nid)
    end
  elseif redis.call('HGET', dmap, dkey) == id then
    redis.call('HDEL', dmap, dkey)
  end
end

-- A held follow-up payload is newer than the job's: it replaces it, with fresh attempts.
local function absorb_follow_up(jk)
  local fu = redis.call('HGET', jk, 'fu')
  if fu then
    redis.call('HSET', jk, 'data', fu, 'att', '0')
    redis.call('HDEL', jk, 'fu', 'fufirst', 'fulast')
  end
end

local function promote(prefix, now)
  local due = redis.call('ZRANGEBYSCORE', prefix .. 'delayed', '-inf', fmt(now), 'LIMIT', '0', '1000')
  for _, id in ipairs(due) do
    redis.call('ZREM', prefix .. 'delayed', id)
    to_waiting(prefix, id, job_key(prefix, id))
  end
end

-- Jobs whose lease expired stalled: back to waiting, or failed after too many stalls.
local function reclaim(prefix, now, max_stalls)
  local expired = redis.call('ZRANGEBYSCORE', prefix .. 'active', '-inf', fmt(now), 'LIMIT', '0', '1000')
  for _, id in ipairs(expired) do
    local jk = job_key(prefix, id)
    local stalls = redis.call('HINCRBY', jk, 'stalls', '1')
    redis.call('HDEL', jk, 'tok')
    if stalls > max_stalls then
      redis.call('HSET', jk, 'err', 'stalled ' .. stalls .. ' times: its worker died or hung past the visibility timeout')
      local _, kfn, kfa = opt_failing(redis.call('HGET', jk, 'opt'))
      release_debounce(prefix, id, jk, now, nil)
      finish(prefix, id, jk, 'failed', now, tonumber(kfn or '0'), tonumber(kfa or '1'))
    else
      redis.call('ZREM', prefix .. 'active', id)
      absorb_follow_up(jk)
      to_waiting(prefix, id, jk)
    end
  end
end

-- Promotes due delayed jobs and reclaims expired leases, reading each set's head first so that a
-- set with nothing due costs one read. Returns the heads of 'delayed' and 'active' afterwards.
local function upkeep(prefix, now, max_stalls)
  local d = head(prefix .. 'delayed')
  if d and d <= now then
    promote(prefix, now)
    d = head(prefix .. 'delayed')
  end
  local a = head(prefix .. 'active')
  if a and a <= now then
    reclaim(prefix, now, max_stalls)
    a = head(prefix .. 'active')
  end
  return d, a
end

-- Leases up to max waiting jobs to token at time now; appends id, payload, failed attempts and
-- packed options of each to out. Returns how many it leased. The ids are read and removed
-- by rank rather than popped: ZPOPMIN would reply their scores, each formatted as a float.
local function take(prefix, token, lease_ms, max, now, out)
  if max <= 0 then
    return 0
  end
  local waiting = prefix .. 'waiting'
  local popped = redis.call('ZRANGE', waiting, '0', fmt(max - 1))
  if #popped == 0 then
    return 0
  end
  redis.call('ZREMRANGEBYRANK', waiting, '0', fmt(#popped - 1))
  local deadline = fmt(now + lease_ms)
  local leases = {}
  for i = 1, #popped do
    local id = popped[i]
    local jk = job_key(prefix, id)
    local f = redis.call('HMGET', jk, 'data', 'opt', 'att')
    if f[1] then
      redis.call('HSET', jk, 'state', 'active', 'tok', token)
      leases[#leases + 1] = deadline
      leases[#leases + 1] = id
      out[#out + 1] = id
      out[#out + 1] = f[1]
      out[#out + 1] = f[3] or '0'
      out[#out + 1] = f[2]
    end
  end
  if #leases > 0 then
    redis.call('ZADD', prefix .. 'active', unpack(leases))
  end
  return #leases / 2
end

-- Milliseconds until the earlier of two deadlines (either may be nil); -1 if neither.
local function hint(now, d, a)
  local h = -1
  if d then
    h = math.max(0, d - now)
  end
  if a then
    local x = math.max(0, a - now)
    if h < 0 or x < h then
      h = x
    end
  end
  return h
end
