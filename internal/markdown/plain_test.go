package markdown

import "testing"

func TestPlainText(t *testing.T) {
	c := New(false)
	for _, tc := range []struct{ in, want string }{
		{"Yes. We encrypt **all** data at rest with `AES-256`.", "Yes. We encrypt all data at rest with AES-256."},
		{"One\nline.\n\nTwo.", "One line.\n\nTwo."},
		{"We test:\n\n- backups *monthly*\n- restores\n  yearly\n\nDone.", "We test:\n\n- backups monthly\n- restores yearly\n\nDone."},
		{"1. first\n2. second", "1. first\n2. second"},
		{"3. three\n4. four", "3. three\n4. four"},
		{"See [our policy](https://acme.example/p/) or https://acme.example/x.", "See our policy (https://acme.example/p/) or https://acme.example/x."},
		{"See [a section](#travel).", "See a section."},
		{"> quoted\n> text", "quoted text"},
		{"# Heading\n\nBody", "Heading\n\nBody"},
		{"Raw <b>html</b> here.\n\n<div>block</div>", "Raw html here."},
		{"```\ncode line\n```", "code line"},
		{"| a | b |\n|---|---|\n| 1 | 2 |", "a | b\n1 | 2"},
		{"- outer\n  - inner", "- outer\n  - inner"},
		{"Line one  \nline two", "Line one\nline two"},
	} {
		if got := c.PlainText([]byte(tc.in)); got != tc.want {
			t.Errorf("PlainText(%q) =\n%q\nwant\n%q", tc.in, got, tc.want)
		}
	}
}

func FuzzPlainText(f *testing.F) {
	f.Add("- a\n  1. b\n\n> c [d](e)")
	c := New(false)
	f.Fuzz(func(t *testing.T, s string) {
		c.PlainText([]byte(s))
	})
}
