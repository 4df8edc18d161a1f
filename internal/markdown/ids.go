package markdown

import (
	"bytes"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// githubIDs makes heading ids the way GitHub does, so that a link to an
// anchor that works on GitHub works here: the heading's text in lower
// case, letters (of any script), digits, marks, "_" and "-" kept, every
// space a hyphen, anything else dropped; a repeated id gets -1, -2 … A
// heading with an id of its own ({#id}) keeps it. One per document.
type githubIDs struct {
	used map[string]bool
	next map[string]int // the last suffix given to each base id
}

func newGitHubIDs() *githubIDs { return &githubIDs{used: map[string]bool{}, next: map[string]int{}} }

func (s *githubIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	var id []byte
	for _, r := range string(bytes.ToLower(bytes.TrimSpace(value))) {
		switch {
		case r == ' ':
			id = append(id, '-')
		case r == '_', r == '-', unicode.IsLetter(r), unicode.IsNumber(r), unicode.IsMark(r):
			id = utf8.AppendRune(id, r)
		}
	}
	if len(id) == 0 {
		id = []byte("heading")
	}
	base := string(id)
	if !s.used[base] {
		s.used[base] = true
		return id
	}
	for i := s.next[base] + 1; ; i++ {
		if cand := base + "-" + strconv.Itoa(i); !s.used[cand] {
			s.used[cand], s.next[base] = true, i
			return []byte(cand)
		}
	}
}

func (s *githubIDs) Put(value []byte) { s.used[string(value)] = true }
