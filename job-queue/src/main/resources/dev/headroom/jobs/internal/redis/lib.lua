-- Shared by every job-queue script; prepended to each by RedisBackend. ARGV[1] is the queue's key
-- prefix 'hr:{queue}:'; every key below starts with it, so a script's keys share one hash slot.
-- Numbers that Java reads back are written with fmt() (never in exponent form). Time comes from
-- the server's TIME, in integer milliseconds.
local PRIO_SPAN = 4398046511104 -- 2^42: (1000 + 1) * 2^42 < 2^53, exact in Lua's doubles
local MAX_PRIO = 1000

local function fmt(n)
  return string.format('%d', n)
end

local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local function job_key(prefix, id)
  return prefix .. 'job:' .. id
end

local function next_seq(prefix)
  return redis.call('INCR', prefix .. 'seq')
end

-- Higher priority first, then first come first served.
local function to_waiting(prefix, id, jk)
  local prio = tonumber(redis.call('HGET', jk, 'prio') or '0')
  redis.call('HSET', jk, 'state', 'waiting')
  redis.call('ZADD', prefix .. 'waiting', (MAX_PRIO - prio) * PRIO_SPAN + (next_seq(prefix) % PRIO_SPAN), id)
end

-- Removes finished jobs older than age, then the oldest beyond count.
local function trim(prefix, set, count, age, now)
  local old = redis.call('ZRANGEBYSCORE', set, '-inf', now - age, 'LIMIT', 0, 500)
  for _, id in ipairs(old) do
    redis.call('DEL', job_key(prefix, id))
    redis.call('ZREM', set, id)
  end
  local n = redis.call('ZCARD', set)
  if n > count then
    local extra = redis.call('ZRANGE', set, 0, math.min(n - count, 500) - 1)
    for _, id in ipairs(extra) do
      redis.call('DEL', job_key(prefix, id))
      redis.call('ZREM', set, id)
    end
  end
end

-- Moves an active job to a finished state ('completed', 'failed' or 'dead') and applies retention.
local function finish(prefix, id, jk, state, now, count, age)
  redis.call('ZREM', prefix .. 'active', id)
  if count <= 0 then
    redis.call('DEL', jk)
    return
  end
  redis.call('HSET', jk, 'state', state, 'fts', fmt(now))
  redis.call('HDEL', jk, 'tok')
  redis.call('ZADD', prefix .. state, now, id)
  redis.call('PEXPIRE', jk, age)
  trim(prefix, prefix .. state, count, age, now)
end

-- When a debounced job finishes: runs exactly one follow-up with the latest payload held while it
-- was active, or frees its debounce key. Call before finish(), which may delete the job.
local function release_debounce(prefix, id, jk, now)
  local dkey = redis.call('HGET', jk, 'dkey')
  if not dkey then
    return
  end
  local dmap = prefix .. 'debounce'
  local f = redis.call('HMGET', jk, 'fu', 'prio', 'max', 'bo', 'kcn', 'kca', 'kfn', 'kfa', 'dwin', 'dmax', 'fufirst', 'fulast')
  if f[1] then
    local nid = fmt(next_seq(prefix))
    local nk = job_key(prefix, nid)
    local first = tonumber(f[11])
    local due = math.min(tonumber(f[12]) + tonumber(f[9]), first + tonumber(f[10]))
    redis.call('HSET', nk, 'data', f[1], 'prio', f[2], 'max', f[3], 'bo', f[4], 'kcn', f[5], 'kca', f[6],
      'kfn', f[7], 'kfa', f[8], 'att', '0', 'stalls', '0', 'prog', '0', 'ts', fmt(now),
      'dkey', dkey, 'dwin', f[9], 'dmax', f[10], 'dfirst', fmt(first))
    redis.call('HDEL', jk, 'fu', 'fufirst', 'fulast')
    redis.call('HSET', dmap, dkey, nid)
    if due <= now then
      to_waiting(prefix, nid, nk)
    else
      redis.call('HSET', nk, 'state', 'delayed')
      redis.call('ZADD', prefix .. 'delayed', due, nid)
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
  local due = redis.call('ZRANGEBYSCORE', prefix .. 'delayed', '-inf', now, 'LIMIT', 0, 1000)
  for _, id in ipairs(due) do
    redis.call('ZREM', prefix .. 'delayed', id)
    to_waiting(prefix, id, job_key(prefix, id))
  end
end

-- Jobs whose lease expired stalled: back to waiting, or failed after too many stalls.
local function reclaim(prefix, now, max_stalls)
  local expired = redis.call('ZRANGEBYSCORE', prefix .. 'active', '-inf', now, 'LIMIT', 0, 1000)
  for _, id in ipairs(expired) do
    local jk = job_key(prefix, id)
    local stalls = redis.call('HINCRBY', jk, 'stalls', 1)
    redis.call('HDEL', jk, 'tok')
    if stalls > max_stalls then
      redis.call('HSET', jk, 'err', 'stalled ' .. stalls .. ' times: its worker died or hung past the visibility timeout')
      local r = redis.call('HMGET', jk, 'kfn', 'kfa')
      release_debounce(prefix, id, jk, now)
      finish(prefix, id, jk, 'failed', now, tonumber(r[1] or '0'), tonumber(r[2] or '1'))
    else
      redis.call('ZREM', prefix .. 'active', id)
      absorb_follow_up(jk)
      to_waiting(prefix, id, jk)
    end
  end
end

-- Leases up to max waiting jobs to token; appends id, payload, failed attempts, max attempts and
-- backoff of each to out.
local function take(prefix, token, lease_ms, max, now, out)
  if max <= 0 then
    return
  end
  local popped = redis.call('ZPOPMIN', prefix .. 'waiting', max)
  for i = 1, #popped, 2 do
    local id = popped[i]
    local jk = job_key(prefix, id)
    local f = redis.call('HMGET', jk, 'data', 'att', 'max', 'bo')
    if f[1] then
      redis.call('HSET', jk, 'state', 'active', 'tok', token, 'pts', fmt(now))
      redis.call('ZADD', prefix .. 'active', now + lease_ms, id)
      table.insert(out, id)
      table.insert(out, f[1])
      table.insert(out, tonumber(f[2]))
      table.insert(out, tonumber(f[3]))
      table.insert(out, f[4])
    end
  end
end

-- Milliseconds until the next delayed job is due or the next lease expires; -1 if neither.
local function hint(prefix, now)
  local h = -1
  local d = redis.call('ZRANGE', prefix .. 'delayed', 0, 0, 'WITHSCORES')
  if d[2] then
    h = math.max(0, tonumber(d[2]) - now)
  end
  local a = redis.call('ZRANGE', prefix .. 'active', 0, 0, 'WITHSCORES')
  if a[2] then
    local x = math.max(0, tonumber(a[2]) - now)
    if h < 0 or x < h then
      h = x
    end
  end
  return h
end
