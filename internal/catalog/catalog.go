// Package catalog embeds the built-in framework catalogs, ISO/IEC
// 27001:2022 and SOC 2, and the crosswalk between them. They are TOML in
// the same formats a site may add under content/frameworks/ and
// content/crosswalks/, and are loaded by the same code.
package catalog

import (
	"embed"
	"io/fs"
	"slices"
	"strings"
)

//go:embed frameworks/*.toml crosswalks/*.toml
var files embed.FS

// Names returns the built-in frameworks' ids, sorted.
func Names() []string { return names("frameworks") }

// Crosswalks returns the built-in crosswalks' names, sorted.
func Crosswalks() []string { return names("crosswalks") }

// CrosswalkFile returns the TOML source of the built-in crosswalk name.
func CrosswalkFile(name string) ([]byte, error) {
	return files.ReadFile("crosswalks/" + name + ".toml")
}

func names(dir string) []string {
	entries, _ := fs.ReadDir(files, dir)
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
