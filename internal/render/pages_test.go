package render

import (
	"testing"

	"github.com/trustdocs/trustdocs/internal/markdown"
)

// TestPlainTextIsWhatGoldmarkMakes checks the shortcut for descriptions
// against goldmark itself: whatever plainText accepts, goldmark turns into
// exactly one paragraph of the same text.
func TestPlainTextIsWhatGoldmarkMakes(t *testing.T) {
	md := markdown.New(false)
	texts := []string{
		"What control 1 does, in a sentence or two, as a reader would see it.",
		"Access to production is reviewed quarterly (by the CISO); 100% of accounts.",
		"Überprüfung der Zugriffsrechte, l’accès",
		"Is it encrypted? Yes.",
		"See www.example.com for more",
		"1. Not a list item",
		"- a list",
		"Two  spaces",
		" leading space",
		"A *star* and _under_",
		"mail sec@example.com",
		"http://example.com",
		"Keys & locks <b>",
		"Ends with a backslash\\",
		"Hash # here",
		"Line one\nline two",
		"",
	}
	for _, s := range texts {
		if !plainText(s) {
			continue
		}
		res, err := md.Convert([]byte(s), nil)
		if err != nil {
			t.Fatal(err)
		}
		if want := "<p>" + s + "</p>\n"; string(res.HTML) != want {
			t.Errorf("plainText(%q), but goldmark makes %q", s, res.HTML)
		}
	}
	for _, s := range []string{"See www.example.com for more", "1. Not a list item", "A *star* and _under_", "Keys & locks <b>", "Line one\nline two", ""} {
		if plainText(s) {
			t.Errorf("plainText(%q) = true", s)
		}
	}
}

func FuzzPlainText(f *testing.F) {
	f.Add("What control 1 does, in a sentence or two.")
	f.Add("Reviewed (quarterly); 100% of them?")
	md := markdown.New(false)
	f.Fuzz(func(t *testing.T, s string) {
		if !plainText(s) {
			return
		}
		res, err := md.Convert([]byte(s), nil)
		if err != nil {
			t.Fatal(err)
		}
		if want := "<p>" + s + "</p>\n"; string(res.HTML) != want {
			t.Errorf("plainText(%q), but goldmark makes %q", s, res.HTML)
		}
	})
}
