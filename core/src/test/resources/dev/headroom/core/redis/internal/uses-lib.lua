--@include lib.lua
  -- @include base.lua
return twice(tonumber(ARGV[1])) + base()
