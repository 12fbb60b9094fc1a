module google.golang.org/api

go 1.26

require golang.org/x/oauth2 v0.0.1

replace golang.org/x/oauth2 => ../oauth2
