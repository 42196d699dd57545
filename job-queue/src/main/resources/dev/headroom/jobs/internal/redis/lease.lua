-- Promotes due delayed jobs, reclaims expired leases, then leases up to ARGV[4] waiting jobs to
-- token ARGV[2] for ARGV[3] ms. ARGV[5] is the stall limit. Replies hint ms, then 5 fields per job.
local prefix = ARGV[1]
local now = now_ms()
promote(prefix, now)
reclaim(prefix, now, tonumber(ARGV[5]))
local out = { 0 }
take(prefix, ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), now, out)
out[1] = hint(prefix, now)
return out
