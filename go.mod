module github.com/trustdocs/trustdocs

go 1.26.0

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/charlievieth/fastwalk v1.0.14
	github.com/fsnotify/fsnotify v1.10.1
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3
	github.com/yuin/goldmark v1.8.7
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/sys v0.49.0
)

require golang.org/x/text v0.14.0 // indirect
