--@include lib.lua
-- Records progress ARGV[3] of job ARGV[2] if token ARGV[4] holds its lease. Replies 1, or 0 if lost.
local jk = job_key(ARGV[1], ARGV[2])
local f = redis.call('HMGET', jk, 'state', 'tok')
if f[1] == 'active' and f[2] == ARGV[4] then
  redis.call('HSET', jk, 'prog', ARGV[3])
  return 1
end
return 0
