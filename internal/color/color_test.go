package color

import (
	"math"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"#0B7A75", "#0b7a75", true},
		{"#fff", "#ffffff", true},
		{" #1f4fd1 ", "#1f4fd1", true},
		{"0b7a75", "", false},
		{"#0b7a7", "", false},
		{"#gg0000", "", false},
		{"teal", "", false},
		{"#", "", false},
		{"#+1234a", "", false},
	} {
		c, err := Parse(tt.in)
		if (err == nil) != tt.ok || (tt.ok && c.String() != tt.want) {
			t.Errorf("Parse(%q) = %v, %v; want %q ok=%v", tt.in, c, err, tt.want, tt.ok)
		}
	}
}

func TestContrast(t *testing.T) {
	// Known WCAG figures: black on white 21:1, #777 on white about 4.48:1.
	for _, tt := range []struct {
		a, b RGB
		want float64
	}{
		{RGB{}, White, 21},
		{RGB{0x77, 0x77, 0x77}, White, 4.48},
		{White, White, 1},
	} {
		if got := Contrast(tt.a, tt.b); math.Abs(got-tt.want) > 0.01 {
			t.Errorf("Contrast(%v, %v) = %.3f, want %.2f", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestTextOn(t *testing.T) {
	accent, _ := Parse("#1f4fd1") // the built-in light accent: too dark on the dark page
	if Contrast(accent, DarkSurface) >= AA {
		t.Fatal("test premise: the light accent should fail on the dark cards")
	}
	got := TextOn(accent, White, DarkSurface, AA)
	if c := Contrast(got, DarkSurface); c < AA {
		t.Errorf("TextOn gave %v, contrast %.2f < %.1f", got, c, AA)
	}
	if got == White {
		t.Errorf("TextOn went all the way to white; it should stop at the least blend")
	}
}

func TestTint(t *testing.T) {
	for _, tt := range []struct {
		c, page RGB
		from    float64
	}{
		{RGB{0x0b, 0x7a, 0x75}, White, 0.88},   // a teal accent: 88% is not enough
		{RGB{0x1f, 0x4f, 0xd1}, White, 0.88},   // the built-in blue
		{RGB{0x5f, 0xd4, 0xcc}, DarkPage, 0.8}, // a light accent on the dark page
	} {
		got := Tint(tt.c, tt.page, tt.from, AA)
		if Contrast(tt.c, got) < AA {
			t.Errorf("Tint(%v on %v) = %v: contrast %.2f", tt.c, tt.page, got, Contrast(tt.c, got))
		}
		if got == tt.page {
			t.Errorf("Tint(%v on %v) gave the page colour itself", tt.c, tt.page)
		}
	}
}
