package model

// A Crosswalk relates the requirements of two frameworks pair by pair: the
// built-in one between ISO/IEC 27001 and SOC 2, or one of the site's
// content/crosswalks/*.toml, which share one format. A site's pair
// overrides a built-in pair of the same two requirements.
type Crosswalk struct {
	Origin
	From, To Ref // framework ids
	BuiltIn  bool
	Pairs    []*Pair
}

// A Pair relates one requirement of a crosswalk's From framework to one of
// its To framework.
type Pair struct {
	Origin
	From, To     Ref // requirement ids
	Relationship Relationship
	Rationale    string
}

// Relationship is what From's requirement is to To's, in the set-theory
// terms of NIST IR 8477 (2024).
type Relationship string

const (
	Equal      Relationship = "equal"      // they ask for the same thing
	Subset     Relationship = "subset"     // all From asks, To asks too, and more
	Superset   Relationship = "superset"   // From asks all To does, and more
	Intersects Relationship = "intersects" // each asks something the other does not
	Unrelated  Relationship = "none"       // in a site's crosswalk: removes a built-in pair
)

// Relationships are the values a pair's relationship may take.
var Relationships = []string{string(Equal), string(Subset), string(Superset), string(Intersects), string(Unrelated)}

// Reverse is the relationship read the other way: To's requirement to
// From's.
func (r Relationship) Reverse() Relationship {
	switch r {
	case Subset:
		return Superset
	case Superset:
		return Subset
	}
	return r
}
