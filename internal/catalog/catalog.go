// Package catalog embeds the built-in framework catalogs: ISO/IEC
// 27001:2022 and SOC 2. They are TOML in the same format a site may add
// under content/frameworks/, and are loaded by the same code.
package catalog

import (
	"embed"
	"io/fs"
	"slices"
	"strings"
)

//go:embed frameworks/*.toml
var files embed.FS

// Names returns the built-in frameworks' ids, sorted.
func Names() []string {
	entries, _ := fs.ReadDir(files, "frameworks")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".toml"))
	}
	slices.Sort(names)
	return names
}

// File returns the TOML source of the built-in framework with the given id.
func File(id string) ([]byte, error) {
	return files.ReadFile("frameworks/" + id + ".toml")
}
