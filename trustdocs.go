// Package trustdocs holds the default templates and theme, embedded into
// the binary. It lives at the root of the module because go:embed cannot
// reach parent folders; the code is under internal/ and cmd/.
package trustdocs

import "embed"

// Templates holds templates/*.html.
//
//go:embed templates
var Templates embed.FS

// Theme holds the static assets copied to the output root.
//
//go:embed theme
var Theme embed.FS
