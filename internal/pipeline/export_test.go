package pipeline

import "github.com/trustdocs/trustdocs/internal/buildcache"

// Rebodied reports whether g was made from the build before it by
// converting the edited bodies alone (see Session.rebodied).
func Rebodied(g *Generation) bool { return g.rebodied }

// RecordedOutput reports whether the record in the cache of the output
// folder out holds the stamps its files and folders have now, and whether
// it says the output holds only what trustdocs wrote.
func RecordedOutput(out string) (same, clean bool) {
	c, err := buildcache.For(out)
	if err != nil {
		return false, false
	}
	rec, ok := c.Read()
	st, stamped := outputStamps(out)
	return ok && stamped && rec.Output == st.Sum && rec.Within == st.Within, ok && rec.Clean
}
