package resolve

import (
	"cmp"
	"slices"
	"strings"
)

// naturalCompare orders ids with embedded numbers by value, so that A.5.9
// sorts before A.5.10 and AC-2 before AC-10.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if c := cmp.Or(cmp.Compare(len(na), len(nb)), cmp.Compare(na, nb)); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func digits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// sortPolicies sorts policies by weight (those with none after), then by
// title ignoring case, then by slug. Each title is lowered once: lowering
// in the comparison would allocate n log n strings, which shows on a site
// of ten thousand policies.
func sortPolicies(ps []*Policy) {
	type keyed struct {
		title string
		p     *Policy
	}
	ks := make([]keyed, len(ps))
	for i, p := range ps {
		ks[i] = keyed{strings.ToLower(p.Title), p}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		return cmp.Or(byWeight(a.p.Weight, b.p.Weight), cmp.Compare(a.title, b.title), cmp.Compare(a.p.Slug, b.p.Slug))
	})
	for i, k := range ks {
		ps[i] = k.p
	}
}

// byWeight orders by Hugo's rule: a weight of 0 is none, and comes last.
func byWeight(a, b int) int {
	switch {
	case a == b:
		return 0
	case a == 0:
		return 1
	case b == 0:
		return -1
	}
	return cmp.Compare(a, b)
}
