module timediff

go 1.21
