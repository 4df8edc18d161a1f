package tomlpos

import (
	"fmt"
	"strings"
	"testing"
)

// controlsFile is a file of n controls shaped like a real one's.
func controlsFile(n int) []byte {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "[[control]]\nid = \"SC-%04d\"\ntitle = \"Control %d\"\ndescription = \"What control %d does, in a sentence or two.\"\nowner = \"Owner %d\"\nstatus = \"implemented\"\niso27001 = [\"A.5.%d\", \"A.8.%d\"]\nsoc2 = [\"CC1.%d\"]\n\n", i, i, i, i%7, i%37, i%34, i%5)
	}
	return []byte(b.String())
}

// go test ./internal/tomlpos -run XXX -bench 'Locate|Parse' -benchmem
func BenchmarkLocate(b *testing.B) {
	src := controlsFile(100)
	for b.Loop() {
		locate("c.toml", src, 0)
	}
}

func BenchmarkParse(b *testing.B) {
	src := controlsFile(100)
	for b.Loop() {
		Parse("c.toml", src, 0, "", nil)
	}
}
