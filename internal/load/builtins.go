package load

import (
	"github.com/trustdocs/trustdocs/internal/catalog"
	"github.com/trustdocs/trustdocs/internal/diag"
	"github.com/trustdocs/trustdocs/internal/model"
)

// builtins is what the built-in catalogs give a load: the frameworks and
// the crosswalks between them, some 64 KB of TOML that every load of a
// site reads before its content files (controls name frameworks). Parsed
// in a build's first milliseconds, while the site is stamped (Prefetch),
// they are off the load's path: at 1,000 policies they were 8-10 ms of it
// on one core.
type builtins struct {
	frameworks []*model.Framework
	crosswalks []*model.Crosswalk
	diags      []diag.Diagnostic
	unread     []string
}

func parseBuiltins() builtins {
	var d diag.List
	l := newLoader("", &d)
	for _, name := range catalog.Names() {
		src, _ := catalog.File(name)
		if f := l.framework("builtin:"+name, src); f != nil {
			f.BuiltIn = true
			l.site.Frameworks = append(l.site.Frameworks, f)
		}
	}
	l.builtinCrosswalks()
	return builtins{l.site.Frameworks, l.site.Crosswalks, d.Export(), keys(l.site.Unread)}
}

// Prefetch starts parsing the built-in catalogs for the cache's next load,
// if it has not loaded a site yet: what a build asks for as it starts. The
// catalogs go to that load alone, which may change them (a site's load is
// its own); a later load parses them again.
func (c *Cache) Prefetch() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.head != nil || c.pre != nil {
		return
	}
	pre := make(chan builtins, 1)
	c.pre = pre
	go func() { pre <- parseBuiltins() }()
}

// builtins returns the catalogs Prefetch parsed, or parses them.
func (c *Cache) builtins() builtins {
	if pre := c.pre; pre != nil {
		c.pre = nil
		return <-pre
	}
	return parseBuiltins()
}
