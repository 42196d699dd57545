--@include lib.lua
-- Adds ARGV[2] jobs atomically. Per job, 8 arguments from ARGV[3 + 8 * j]: payload, job id ('' to
-- generate), packed options (see opt_priority), priority, delay ms, debounce key ('' for none),
-- debounce window ms, debounce max wait ms; then, in tests only, the time. Replies id, outcome per job. Wakes idle workers when
-- the queue was empty. A new job costs one hash write and one sorted-set write: a generated id is
-- also the job's place in line. Its failed attempts, stalls and progress start absent, which every
-- reader takes as 0. 'state' is written first, as the field read most: a small hash is scanned.
local prefix = ARGV[1]
local n = tonumber(ARGV[2])
local now = now_ms(ARGV[3 + n * 8])
local ts = fmt(now)
local was_empty = redis.call('ZCARD', prefix .. 'waiting') == 0
local dmap = prefix .. 'debounce'
local out = {}
local added = false

-- seq: the counter value that generated id, or nil to draw one for the job's place in line.
local function create(id, seq, a)
  local jk = job_key(prefix, id)
  local debounced = ARGV[a + 5] ~= ''
  local delay = tonumber(debounced and ARGV[a + 6] or ARGV[a + 4])
  local state = 'waiting'
  if delay > 0 then
    state = 'delayed'
  end
  if debounced then
    redis.call('HSET', jk, 'state', state, 'opt', ARGV[a + 2], 'ts', ts, 'data', ARGV[a],
      'dkey', ARGV[a + 5], 'dwin', ARGV[a + 6], 'dmax', ARGV[a + 7], 'dfirst', ts)
  else
    redis.call('HSET', jk, 'state', state, 'opt', ARGV[a + 2], 'ts', ts, 'data', ARGV[a])
  end
  if delay > 0 then
    redis.call('ZADD', prefix .. 'delayed', fmt(now + delay), id)
  else
    enqueue(prefix, id, tonumber(ARGV[a + 3]), seq)
  end
  added = true
end

for j = 0, n - 1 do
  local a = 3 + j * 8
  local dkey = ARGV[a + 5]
  if dkey ~= '' then
    local cur = redis.call('HGET', dmap, dkey)
    local handled = false
    if cur then
      local ck = job_key(prefix, cur)
      local f = redis.call('HMGET', ck, 'state', 'dfirst', 'dmax')
      if f[1] == 'waiting' or f[1] == 'delayed' then
        redis.call('HSET', ck, 'data', ARGV[a], 'dwin', ARGV[a + 6])
        if f[1] == 'delayed' then
          local due = math.min(now + tonumber(ARGV[a + 6]), tonumber(f[2]) + tonumber(f[3]))
          redis.call('ZADD', prefix .. 'delayed', fmt(due), cur)
        end
        table.insert(out, cur)
        table.insert(out, 'REPLACED')
        handled = true
      elseif f[1] == 'active' then
        redis.call('HSET', ck, 'fu', ARGV[a], 'fulast', ts, 'dwin', ARGV[a + 6])
        redis.call('HSETNX', ck, 'fufirst', ts)
        table.insert(out, cur)
        table.insert(out, 'FOLLOW_UP')
        handled = true
      end
    end
    if not handled then
      local seq = next_seq(prefix)
      local id = fmt(seq)
      create(id, seq, a)
      redis.call('HSET', dmap, dkey, id)
      table.insert(out, id)
      table.insert(out, 'ADDED')
    end
  else
    local id = ARGV[a + 1]
    local seq = nil
    if id == '' then
      -- A generated id is new: the counter never repeats and a caller's id is never all digits.
      seq = next_seq(prefix)
      id = fmt(seq)
    end
    if not seq and redis.call('EXISTS', job_key(prefix, id)) == 1 then
      table.insert(out, id)
      table.insert(out, 'DUPLICATE')
    else
      create(id, seq, a)
      table.insert(out, id)
      table.insert(out, 'ADDED')
    end
  end
end

if was_empty and added then
  redis.call('PUBLISH', prefix .. 'wake', '1')
end
return out
