-- One rate-limit decision over one or more limits: all consumed or none.
-- KEYS[i]    the state of limit i; all keys share one hash tag.
-- ARGV[1]    permits; 0 peeks and writes nothing.
-- ARGV[2]    '' in production: the time is Redis TIME. Tests may pass a time in microseconds.
-- ARGV[3..]  four per limit: kind ('t' bucket/GCRA, 'f' fixed window, 's' sliding window), a, b, c.
--            't': a = microseconds per token, b = tau (capacity x a), c = initial debt
--            'f', 's': a = window in microseconds, b = limit
-- State, in microseconds since the epoch: 't' the theoretical arrival time (TAT); 'f' "index:count";
-- 's' "index:previous:current". Every write sets a TTL after which the state is as good as new.
-- Reply: {allowed (1/0), index of the binding limit (0-based), remaining, reset us, retry-after us (-1 never)}
local permits = tonumber(ARGV[1])
local now
-- Keys expire on Redis's clock; a test clock does not move with it, so its keys live a minute longer.
local slack = 0
if ARGV[2] == '' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
else
  now = tonumber(ARGV[2])
  slack = 60000
end

local n = #KEYS
local values = {}
local ttls = {}
local denied = false
local bi, brem, breset, bretry = 0, -1, 0, -2

for i = 1, n do
  local at = 3 + (i - 1) * 4
  local kind = ARGV[at]
  local a = tonumber(ARGV[at + 1])
  local b = tonumber(ARGV[at + 2])
  local c = tonumber(ARGV[at + 3])
  local raw = redis.call('GET', KEYS[i])
  local ok, rem, reset, retry
  if kind == 't' then
    local tat
    if raw then tat = tonumber(raw) else tat = now + c end
    if tat < now then tat = now end
    if tat > now + b then tat = now + b end
    local nexttat = tat + permits * a
    if permits * a <= b and nexttat - now <= b then
      ok = true
      values[i] = string.format('%d', nexttat)
      ttls[i] = nexttat - now
      rem = math.floor((b - (nexttat - now)) / a)
      reset = nexttat - now
      retry = 0
    else
      ok = false
      rem = math.floor((b - (tat - now)) / a)
      reset = tat - now
      if permits * a > b then retry = -1 else retry = nexttat - b - now end
    end
  elseif kind == 'f' then
    local index = math.floor(now / a)
    local count = 0
    if raw then
      local si, sc = string.match(raw, '^(%d+):(%d+)$')
      if tonumber(si) == index then count = tonumber(sc) end
    end
    local toend = a - (now - index * a)
    if permits <= b and count + permits <= b then
      ok = true
      values[i] = string.format('%d:%d', index, count + permits)
      ttls[i] = toend
      rem = b - count - permits
      if count + permits == 0 then reset = 0 else reset = toend end
      retry = 0
    else
      ok = false
      rem = b - count
      if count == 0 then reset = 0 else reset = toend end
      if permits > b then retry = -1 else retry = toend end
    end
  else
    local index = math.floor(now / a)
    local prev, cur = 0, 0
    if raw then
      local si, sp, sc = string.match(raw, '^(%d+):(%d+):(%d+)$')
      si = tonumber(si)
      if si == index then
        prev = tonumber(sp)
        cur = tonumber(sc)
      elseif si == index - 1 then
        prev = tonumber(sc)
      end
    end
    local elapsed = now - index * a
    local estimate = prev * (a - elapsed) / a + cur
    local toend = a - elapsed
    if permits <= b and estimate + permits <= b then
      ok = true
      cur = cur + permits
      values[i] = string.format('%d:%d:%d', index, prev, cur)
      ttls[i] = toend + a
      rem = math.floor(b - (prev * (a - elapsed) / a + cur))
      retry = 0
    else
      ok = false
      rem = math.floor(b - estimate)
      if permits > b then
        retry = -1
      else
        local room = b - cur - permits
        if room >= 0 and prev > 0 then
          retry = math.max(1, a - math.floor(room * a / prev) - elapsed)
        else
          local after = 0
          if cur > 0 then after = math.max(0, a - math.floor((b - permits) * a / cur)) end
          retry = toend + after
        end
      end
    end
    if cur > 0 then reset = toend + a elseif prev > 0 then reset = toend else reset = 0 end
  end
  if rem < 0 then rem = 0 end
  if ok then
    if not denied and (brem < 0 or rem < brem) then
      bi, brem, breset = i, rem, reset
    end
  else
    local wait = retry
    if wait < 0 then wait = math.huge end
    local bwait = bretry
    if bwait == -1 then bwait = math.huge end
    if not denied or wait > bwait then
      bi, brem, breset, bretry = i, rem, reset, retry
    end
    denied = true
  end
end

if denied then
  return {0, bi - 1, brem, breset, bretry}
end
if permits > 0 then
  for i = 1, n do
    local ms = math.ceil(ttls[i] / 1000) + slack
    if ms < 1 then ms = 1 end
    redis.call('SET', KEYS[i], values[i], 'PX', ms)
  end
end
return {1, bi - 1, brem, breset, 0}
