package diag

import (
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
		if bestDist < 0 || d < bestDist || (d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	// Allow roughly one edit per three characters, at least one.
	limit := max(1, len(s)/3)
	if bestDist < 0 || bestDist > limit {
		return ""
	}
	return best
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
