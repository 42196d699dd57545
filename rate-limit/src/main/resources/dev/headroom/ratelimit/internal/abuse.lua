-- One abuse check: a short-window count per client and, past the limit, a ban that grows with
-- each offence remembered. Time is Redis's own (PTTL, PEXPIRE).
-- KEYS[1] the client's window count, KEYS[2] its ban, KEYS[3] its offences; one hash tag.
-- ARGV: limit, window ms, first ban ms, multiplier, max ban ms, offence memory ms
-- Reply: {0 allowed | 1 banned now | 2 banned before, ban ms left, offences}
local ban = redis.call('PTTL', KEYS[2])
local offences = tonumber(redis.call('GET', KEYS[3]) or '0')
if ban > 0 then
  return {2, ban, offences}
end
local limit = tonumber(ARGV[1])
local count = redis.call('INCR', KEYS[1])
if count == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
if count <= limit then
  return {0, 0, offences}
end
offences = redis.call('INCR', KEYS[3])
redis.call('PEXPIRE', KEYS[3], ARGV[6])
local length = math.floor(tonumber(ARGV[3]) * tonumber(ARGV[4]) ^ (offences - 1))
local longest = tonumber(ARGV[5])
if length > longest then length = longest end
redis.call('SET', KEYS[2], offences, 'PX', length)
redis.call('DEL', KEYS[1])
return {1, length, offences}
