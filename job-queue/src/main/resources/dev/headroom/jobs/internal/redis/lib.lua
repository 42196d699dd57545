-- Shared by the job-queue scripts, which include it. ARGV[1] is the queue's key
-- prefix 'hr:{queue}:'; every key below starts with it, so a script's keys share one hash slot.
-- Numbers that Java reads back are written with fmt() (never in exponent form). Time comes from
-- the server's TIME, in integer milliseconds; in tests only, a script that reads the time may be
-- given it as its last argument (see now_ms). Each redis.call costs the server more than the work
-- it does, so the hot paths (add, complete) read and write each key once where they can. A Lua
-- number passed to redis.call is formatted with '%.17g', which costs Redis 7.0 several times what
-- the call's own work does; arguments are therefore passed as strings: ARGV values as they came,
-- computed numbers through fmt(), constants quoted. Replies with scores (WITHSCORES, ZPOPMIN) cost a
-- float formatting per score the same way, so scripts ask for scores only where they need them.
-- Since every local function below is made anew on each call, the finishing and leasing helpers
-- live in lifecycle.lua, included only by the scripts that finish or lease jobs.
local PRIO_SPAN = 4398046511104 -- 2^42: (1000 + 1) * 2^42 < 2^53, exact in Lua's doubles
local MAX_PRIO = 1000

local function fmt(n)
  return string.format('%d', n)
end

-- The time in ms: the server's, or test_ms where a test passes its manual clock's (never in
-- production, where the argument is absent).
local function now_ms(test_ms)
  if test_ms then
    return tonumber(test_ms)
  end
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local function job_key(prefix, id)
  return prefix .. 'job:' .. id
end

local function next_seq(prefix)
  return redis.call('INCR', prefix .. 'seq')
end

-- Puts job id in line to be leased: higher priority first, then first come first served. seq is
-- a fresh value of the queue's counter (a generated id's own), or nil to draw one.
local function enqueue(prefix, id, prio, seq)
  local score = (MAX_PRIO - prio) * PRIO_SPAN + ((seq or next_seq(prefix)) % PRIO_SPAN)
  redis.call('ZADD', prefix .. 'waiting', fmt(score), id)
end

-- A job's options are one hash field, 'opt', packed by RedisBackend (PackedOptions) as
-- 'priority:max attempts:keep-completed count:age ms:keep-failed count:age ms:backoff'. These read
-- the parts a script needs, as strings; all nil if o is false (the job's hash is gone).
local function opt_priority(o)
  return o and string.match(o, '^%d+')
end

local function opt_keep_completed(o)
  if o then
    return string.match(o, '^%d+:%d+:(%d+):(%d+)')
  end
end

-- Max attempts, keep-failed count and keep-failed age.
local function opt_failing(o)
  if o then
    return string.match(o, '^%d+:(%d+):%d+:%d+:(%d+):(%d+)')
  end
end

local function to_waiting(prefix, id, jk)
  local prio = tonumber(opt_priority(redis.call('HGET', jk, 'opt')) or '0')
  redis.call('HSET', jk, 'state', 'waiting')
  enqueue(prefix, id, prio, nil)
end
