-- Returns the first key's name and the first argument, proving both reached the server.
return {KEYS[1], ARGV[1]}
