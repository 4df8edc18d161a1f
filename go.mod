module github.com/trustdocs/trustdocs

go 1.26.0

require (
	github.com/BurntSushi/toml v1.6.0 // indirect
	github.com/yuin/goldmark v1.8.7 // indirect
	golang.org/x/sys v0.49.0 // indirect
)
