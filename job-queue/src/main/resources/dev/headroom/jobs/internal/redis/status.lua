--@include lib.lua
-- Replies the status fields of job ARGV[2], or an empty array if there is no such job.
local jk = job_key(ARGV[1], ARGV[2])
if redis.call('EXISTS', jk) == 0 then
  return {}
end
return redis.call('HMGET', jk, 'state', 'prog', 'att', 'opt', 'stalls', 'res', 'err', 'ts', 'fts')
