// Package color reads the colours a site's [brand] names and works out the
// ones it does not: the dark-scheme accent, the soft tints, and whether text
// in a colour can be read against a background (WCAG 2 contrast).
package color

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// RGB is a colour of the sRGB space, 8 bits a channel.
type RGB struct{ R, G, B uint8 }

// Parse reads "#rgb" or "#rrggbb", in either case.
func Parse(s string) (RGB, error) {
	h, ok := strings.CutPrefix(strings.TrimSpace(s), "#")
	if ok && len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	n, err := strconv.ParseUint(h, 16, 32)
	if !ok || len(h) != 6 || err != nil {
		return RGB{}, fmt.Errorf("%q is not a colour written #rrggbb or #rgb, such as \"#0b7a75\"", s)
	}
	return RGB{uint8(n >> 16), uint8(n >> 8), uint8(n)}, nil
}

// String writes c as #rrggbb.
func (c RGB) String() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// The backgrounds of the built-in theme's two schemes (theme/assets/style.css):
// the page, and the cards and header on it (--surface), on which links are
// also written and which read less well.
var (
	White        = RGB{0xff, 0xff, 0xff}
	LightSurface = RGB{0xf6, 0xf8, 0xfa}
	DarkPage     = RGB{0x0d, 0x11, 0x17}
	DarkSurface  = RGB{0x15, 0x1b, 0x23}
)

// luminance is the relative luminance of WCAG 2.
func (c RGB) luminance() float64 {
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// Contrast is the WCAG 2 contrast ratio of a and b, from 1 to 21.
func Contrast(a, b RGB) float64 {
	la, lb := a.luminance(), b.luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// mix returns a blended toward b by t (0: a, 1: b).
func mix(a, b RGB, t float64) RGB {
	m := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*t)) }
	return RGB{m(a.R, b.R), m(a.G, b.G), m(a.B, b.B)}
}

// TextOn is the least blend of c toward to that reads against bg with at
// least ratio, or to itself: how a light-scheme accent is lifted for the
// dark scheme.
func TextOn(c, to, bg RGB, ratio float64) RGB {
	for i := 0; i <= 20; i++ {
		if m := mix(c, to, float64(i)/20); Contrast(m, bg) >= ratio {
			return m
		}
	}
	return to
}

// AA is the contrast WCAG 2 level AA asks of body text.
const AA = 4.5

// Tint is a background for text in c: c blended into the page colour by at
// least t, and further until c reads on it with ratio (the page itself if
// nothing lighter does).
func Tint(c, page RGB, t, ratio float64) RGB {
	for ; t < 1; t += 0.01 {
		if m := mix(c, page, t); Contrast(c, m) >= ratio {
			return m
		}
	}
	return page
}
