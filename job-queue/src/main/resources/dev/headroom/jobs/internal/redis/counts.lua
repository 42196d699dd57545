-- Replies the sizes of waiting, delayed, active, completed, failed and dead, read at one instant.
local prefix = ARGV[1]
return {
  redis.call('ZCARD', prefix .. 'waiting'),
  redis.call('ZCARD', prefix .. 'delayed'),
  redis.call('ZCARD', prefix .. 'active'),
  redis.call('ZCARD', prefix .. 'completed'),
  redis.call('ZCARD', prefix .. 'failed'),
  redis.call('ZCARD', prefix .. 'dead'),
}
