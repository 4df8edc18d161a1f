package render

import "github.com/trustdocs/trustdocs/internal/markdown"

// Kept is converted Markdown kept from one build to the next outside the
// process (package buildcache keeps it beside the output): a build after
// an edit converts only the bodies that changed. A conversion depends on
// the body, the document it is in (its links are relative to its page)
// and where every document and file it may link to is published, which
// the links key sums up (renderer.linkKey); on everything else (the
// program, unsafe_html, the audience) only across builds whose frame is
// the same, which the keeper checks before it offers any. What Converted
// offers, the keeper holds in memory until the build ends: a render keeps
// no copy of its own elsewhere. Converted and Keep are called from several
// goroutines at once.
// A body is known by its SHA-256, which a build that leaves it on disk
// (model.Text) has without reading it again.
type Kept interface {
	// Converted returns the conversion of the body of SHA-256 sum, in
	// the document of file, made against the links key links, if one
	// was kept.
	Converted(file string, sum [32]byte, links uint64) (markdown.Result, bool)
	// Keep keeps the conversion of that body (made or found without an
	// error) for the next build.
	Keep(file string, sum [32]byte, links uint64, res markdown.Result)
}
