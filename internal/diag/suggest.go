package diag

import (
	"strconv"
	"strings"
)

// Suggest returns the candidate closest to s, for "did you mean" hints, or ""
// when none is close enough to be a plausible typo. Comparison ignores case,
// so "cc6.1" suggests "CC6.1".
func Suggest(s string, candidates []string) string {
	if s == "" {
		return ""
	}
	ls := strings.ToLower(s)
	best, bestDist := "", -1
	for _, c := range candidates {
		d := distance(ls, strings.ToLower(c))
		if bestDist < 0 || d < bestDist || (d == bestDist && closer(ls, c, best)) {
			best, bestDist = c, d
		}
	}
	// Allow roughly one edit per three characters, at least one for words
	// of three or more (for shorter ones, one edit is a different word).
	limit := len(s) / 3
	if len(s) >= 3 {
		limit = max(1, limit)
	}
	if bestDist >= 0 && bestDist <= limit {
		return best
	}
	// Else a candidate that s begins with, or that begins with s, as a
	// whole word: "risk-assessment" → "risk", "best" → "best-practice";
	// or the only candidate that begins with s: "pass" → "passed".
	var starts []string
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if len(lc) < 3 || len(ls) < 3 {
			continue
		}
		if wordPrefix(ls, lc) || wordPrefix(lc, ls) {
			return c
		}
		if strings.HasPrefix(lc, ls) {
			starts = append(starts, c)
		}
	}
	if len(starts) == 1 {
		return starts[0]
	}
	// Else the one candidate that shares most of s's beginning: "iso27k"
	// → "iso27001".
	best, bestLen, unique := "", 0, false
	for _, c := range candidates {
		switch n := commonPrefix(ls, strings.ToLower(c)); {
		case n > bestLen:
			best, bestLen, unique = c, n, true
		case n == bestLen:
			unique = false
		}
	}
	if unique && bestLen >= 4 && bestLen*3 >= len(ls)*2 {
		return best
	}
	return ""
}

// closer breaks a tie between two candidates as far from s: the one that
// shares the longer beginning with s wins ("A.5.38" → "A.5.37", not
// "A.5.18"), then the one first in order.
func closer(s, c, best string) bool {
	pc, pb := commonPrefix(s, strings.ToLower(c)), commonPrefix(s, strings.ToLower(best))
	if pc != pb {
		return pc > pb
	}
	if lc, lb := abs(len(c)-len(s)), abs(len(best)-len(s)); lc != lb {
		return lc < lb
	}
	// Ids that end in numbers: the nearest number ("A.5.38" → "A.5.37").
	if ns, ok := trailingNumber(s); ok {
		nc, okc := trailingNumber(c)
		nb, okb := trailingNumber(best)
		if okc && okb && abs(nc-ns) != abs(nb-ns) {
			return abs(nc-ns) < abs(nb-ns)
		}
	}
	return c < best
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// wordPrefix reports whether p is s's first word or words.
func wordPrefix(s, p string) bool {
	return len(s) > len(p) && strings.HasPrefix(s, p) && strings.ContainsRune("-_. ", rune(s[len(p)]))
}

// DidYouMean formats Suggest's answer as a sentence to append to a message,
// or "" when there is nothing to suggest.
func DidYouMean(s string, candidates []string) string {
	if m := Suggest(s, candidates); m != "" {
		return ` (did you mean "` + m + `"?)`
	}
	return ""
}

// distance is the Levenshtein edit distance between a and b, counting a
// transposition of two adjacent bytes as one edit (so "AC-10" → "AC-01" is 1).
func distance(a, b string) int {
	if a == b {
		return 0
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// trailingNumber reads the digits at the end of s.
func trailingNumber(s string) (int, bool) {
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' && len(s)-i < 6 {
		i--
	}
	n, err := strconv.Atoi(s[i:])
	return n, err == nil
}
