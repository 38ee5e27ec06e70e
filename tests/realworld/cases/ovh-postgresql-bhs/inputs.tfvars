# A user's input for this case (not from the origin): the same database in Beauharnois, Canada.
pg_type = {
  region  = "BHS"
  plan    = "essential"
  flavor  = "db1-4"
  version = "15"
}
local_authorised_ip = "192.0.2.10/32"
