package pipeline

// Rebodied reports whether g was made from the build before it by
// converting the edited bodies alone (see Session.rebodied).
func Rebodied(g *Generation) bool { return g.rebodied }
