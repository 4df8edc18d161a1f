package questionnaire

import (
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/kljensen/snowball/english"
)

// BM25's parameters: the values most search engines ship with.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// synonyms map the words and abbreviations buyers use to one spelling, so
// that "MFA", "2FA" and "two-factor" find an answer that says
// "multi-factor authentication". A word maps to one or more words; what it
// maps to is then stemmed like any other.
var synonyms = map[string]string{
	"mfa": "multifactor authentication", "2fa": "multifactor authentication", "2sv": "multifactor authentication",
	"twofactor": "multifactor authentication",
	"sso":       "single signon", "saml": "single signon",
	"pentest": "penetration test", "pentests": "penetration test", "pentesting": "penetration test",
	"bcp": "business continuity", "drp": "disaster recovery", "dr": "disaster recovery", "bcdr": "business continuity disaster recovery",
	"rto": "recovery time objective", "rpo": "recovery point objective",
	"siem": "security monitoring log", "soc": "security monitoring", "ids": "intrusion detection monitoring",
	"edr": "endpoint detection response", "av": "antimalware", "antivirus": "antimalware", "malware": "antimalware",
	"laptop": "endpoint", "laptops": "endpoint", "workstation": "endpoint", "workstations": "endpoint", "computers": "endpoint", "devices": "device",
	"mdm": "device management", "byod": "personal device",
	"vuln": "vulnerability", "vulns": "vulnerability", "cve": "vulnerability", "patch": "patching", "patches": "patching",
	"sdlc": "secure development lifecycle", "ssdlc": "secure development lifecycle", "sast": "static analysis", "dast": "dynamic testing",
	"sbom": "software bill materials", "owasp": "web application attack",
	"waf": "web application firewall", "ddos": "denial service",
	"dlp": "data leakage prevention", "exfiltration": "leakage", "leak": "leakage",
	"kms": "key management", "hsm": "key management", "tls": "encryption transit", "ssl": "encryption transit", "https": "encryption transit", "aes": "encryption rest",
	"encrypt": "encryption", "encrypted": "encryption", "encrypting": "encryption", "cryptographic": "encryption", "cryptography": "encryption",
	"rbac": "rolebased access", "iam": "identity access management", "pam": "privileged access",
	"admin": "privileged", "administrator": "privileged", "administrative": "privileged", "superuser": "privileged", "root": "privileged",
	"offboarding": "leaver", "termination": "leaver", "terminated": "leaver", "leavers": "leaver", "departing": "leaver",
	"onboarding": "joiner", "hire": "joiner", "hiring": "joiner",
	"background": "screening", "vetting": "screening",
	"nda": "confidentiality agreement", "ndas": "confidentiality agreement",
	"vendor": "supplier", "vendors": "supplier", "thirdparty": "supplier", "subcontractor": "supplier", "tprm": "supplier risk",
	"dpa": "data processing agreement", "gdpr": "gdpr data protection", "dpo": "data protection officer", "dsar": "data subject request",
	"isms": "information security management", "iso": "iso27001", "27001": "iso27001",
	"ciso": "security responsible", "breach": "incident breach", "breaches": "incident breach",
	"datacenter": "data center", "datacentre": "data center", "centre": "center", "centres": "center",
	"logs": "log", "logging": "log",
	"staff": "employee", "employees": "employee", "personnel": "employee", "workforce": "employee", "workers": "employee", "people": "employee",
	"accountable": "responsible", "accountability": "responsible", "responsibility": "responsible", "owns": "responsible", "owner": "responsible",
	"revoke": "remove", "revoked": "remove", "revoking": "remove", "disable": "remove", "disabled": "remove", "deprovision": "remove", "deprovisioned": "remove",
	"leave": "leaver", "leaves": "leaver", "left": "leaver", "quit": "leaver",
	"mandatory": "require", "required": "require", "requires": "require", "compulsory": "require", "enforced": "enforce", "enforces": "enforce",
	"timeframe": "time", "timeline": "time", "timelines": "time", "quickly": "time", "fast": "time", "soon": "time", "hours": "time", "days": "time",
	"notified": "notify", "notification": "notify", "inform": "notify", "informed": "notify",
	"retained": "keep", "retention": "keep", "retain": "keep", "kept": "keep", "stored": "store", "storage": "store",
	"peer": "review", "reviewed": "review", "reviews": "review",
	"deployed": "release", "deploy": "release", "deployment": "release", "released": "release", "shipped": "release",
	"dependencies": "dependency", "libraries": "dependency", "library": "dependency", "packages": "dependency", "components": "dependency", "opensource": "dependency",
	"zones": "zone", "multiregion": "redundancy", "redundant": "redundancy", "failover": "redundancy", "resilient": "redundancy", "resilience": "redundancy",
	"geographic": "region", "regions": "region", "country": "region", "countries": "region", "located": "store", "location": "store", "hosted": "store", "residency": "region",
	"24x7": "around clock", "24/7": "around clock", "247": "around clock",
	"checks": "screening", "check": "screening",
	"third": "", "party": "", "parties": "",
}

// fillerWords are words questionnaires wrap questions in ("Please describe
// how frequently …"): as little a sign of what is asked as stop words.
var fillerWords = map[string]bool{
	"please": true, "describe": true, "provide": true, "explain": true, "detail": true, "details": true,
	"list": true, "outline": true, "confirm": true, "indicate": true, "specify": true, "state": true,
	"company": true, "organisation": true, "organization": true, "organisations": true, "organizations": true,
	"frequently": true, "frequency": true, "frequencies": true, "often": true, "regularly": true, "regular": true, "periodically": true,
	"carried": true, "carry": true, "perform": true, "performed": true, "performing": true, "conduct": true, "conducted": true,
	"maintain": true, "maintained": true, "ensure": true, "currently": true, "applicable": true, "etc": true,
	"exist": true, "exists": true, "place": true, "documented": true, "formal": true, "formally": true,
	"implemented": true, "implement": true, "established": true, "establish": true, "within": true, "new": true,
}

// tokens are the stems of text's words: lower case, hyphens and slashes
// joined ("multi-factor", "sign-on"), English stop words and one-letter
// words left out, synonyms mapped, Porter2 (Snowball English) stems.
func tokens(text string) []string {
	var out []string
	for _, w := range words(text) {
		if len([]rune(w)) < 2 || english.IsStopWord(w) || fillerWords[w] {
			continue
		}
		st := stem(w)
		syn, ok := synonyms[w]
		if !ok {
			syn, ok = synonyms[st] // a plural or other form: "hires", "laptop's"
		}
		if !ok {
			out = append(out, st)
			continue
		}
		for _, s := range strings.Fields(syn) { // none for a word that means nothing alone
			out = append(out, stem(s))
		}
	}
	return out
}

func stem(w string) string {
	if strings.IndexFunc(w, unicode.IsDigit) >= 0 {
		return w // ids and numbers as they are: iso27001, 2fa
	}
	return english.Stem(w, false)
}

// words splits text into lower-case words; a hyphen or slash inside a
// word joins it ("multi-factor" → "multifactor", "sign-on" → "signon"),
// and an apostrophe ends it ("company's" → "company").
func words(text string) []string {
	var out []string
	var b strings.Builder
	rs := []rune(text)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		inWord := b.Len() > 0 && i+1 < len(rs) && (unicode.IsLetter(rs[i+1]) || unicode.IsDigit(rs[i+1]))
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			continue
		case (r == '-' || r == '/') && inWord:
			continue
		case (r == '\'' || r == '’') && inWord:
			for i+1 < len(rs) && unicode.IsLetter(rs[i+1]) {
				i++
			}
		}
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out
}

// A doc is one text an answer is found by: its question or a phrasing,
// with its category's words.
type doc struct {
	answer int // index in the library
	terms  map[string]int
	length int
	weight float64 // sum of the idf of its distinct terms
}

// An index finds the answers of a library for a question by BM25 over
// their questions, phrasings and categories.
type index struct {
	docs     []doc
	df       map[string]int
	postings map[string][]int // term → the docs that hold it
	avgLen   float64
}

func newIndex(lib *Library) *index {
	ix := &index{df: map[string]int{}, postings: map[string][]int{}}
	total := 0
	for i, a := range lib.Answers {
		if a.Text == "" {
			continue // listed only: this audience may not read it
		}
		category := tokens(a.Category)
		for _, q := range append([]string{a.Question}, a.Phrasings...) {
			d := doc{answer: i, terms: map[string]int{}}
			for _, t := range append(tokens(q), category...) {
				d.terms[t]++
				d.length++
			}
			for t := range d.terms {
				ix.df[t]++
				ix.postings[t] = append(ix.postings[t], len(ix.docs))
			}
			total += d.length
			ix.docs = append(ix.docs, d)
		}
	}
	if len(ix.docs) > 0 {
		ix.avgLen = float64(total) / float64(len(ix.docs))
	}
	for i := range ix.docs {
		for t := range ix.docs[i].terms {
			ix.docs[i].weight += ix.idf(t)
		}
	}
	return ix
}

// idf is a term's inverse document frequency (BM25's, kept positive); a
// term no document has weighs the most: a question about something the
// library never mentions is not answered by what it shares with others.
func (ix *index) idf(t string) float64 {
	n := float64(len(ix.docs))
	df := float64(ix.df[t])
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// A match is the library's best answer for a question.
type match struct {
	Answer     int     // index in the library; -1 for none
	Confidence float64 // 0 to 1
}

// best returns the answer whose question or phrasing scores highest for
// q by BM25, with a confidence: how much of the question's weight (by
// idf) that text covers, and of its own weight the question covers — a
// weighted geometric mean (the question's share counting more: what is
// asked must be answered), so that sharing one common word with a long
// text, or a long question with a short one, is not confident.
func (ix *index) best(q string) match {
	terms := tokens(q)
	slices.Sort(terms)
	terms = slices.Compact(terms)
	m := match{Answer: -1}
	if len(terms) == 0 {
		return m
	}
	var qWeight float64
	for _, t := range terms {
		qWeight += ix.idf(t)
	}
	// Only the docs that share a term with q can score: each is scored
	// once, from its terms, in the order of the docs (so that ties go to
	// the library's first).
	var cand []int
	for _, t := range terms {
		cand = append(cand, ix.postings[t]...)
	}
	slices.Sort(cand)
	cand = slices.Compact(cand)
	bestScore := 0.0
	for _, i := range cand {
		d := &ix.docs[i]
		score, shared := 0.0, 0.0
		for _, t := range terms {
			tf := float64(d.terms[t])
			if tf == 0 {
				continue
			}
			idf := ix.idf(t)
			shared += idf
			score += idf * tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*float64(d.length)/ix.avgLen))
		}
		if score <= bestScore {
			continue
		}
		bestScore = score
		m.Answer = d.answer
		m.Confidence = math.Pow(shared/qWeight, 0.7) * math.Pow(shared/d.weight, 0.3)
	}
	return m
}
