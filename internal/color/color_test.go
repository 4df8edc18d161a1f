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
	if Contrast(accent, DarkPage) >= AA {
		t.Fatal("test premise: the light accent should fail on the dark page")
	}
	got := TextOn(accent, White, DarkPage, AA)
	if c := Contrast(got, DarkPage); c < AA {
		t.Errorf("TextOn gave %v, contrast %.2f < %.1f", got, c, AA)
	}
	if got == White {
		t.Errorf("TextOn went all the way to white; it should stop at the least blend")
	}
}
