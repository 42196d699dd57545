--@include cycle-b.lua
return 1
