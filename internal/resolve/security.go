package resolve

import (
	"time"

	"github.com/trustdocs/trustdocs/internal/model"
)

// securityTxt checks the expiry of security.txt as of the build's date:
// RFC 9116 tells readers to ignore a file past its Expires, so a lapsed
// one is an error and one about to lapse a warning.
func (r *resolver) securityTxt() {
	st := r.s.Config.SecurityTxt
	if st == nil || st.Expires.IsZero() {
		return
	}
	at := st.At("expires")
	asOf := r.s.AsOf.Time()
	switch days := int(st.Expires.Sub(asOf).Hours() / 24); {
	case !st.Expires.After(asOf):
		r.diags.Errorf(at, "security.txt expired on %s (as of %s); readers ignore an expired file: set expires to a date less than a year ahead", expiresText(st.Expires), r.s.AsOf)
	case days < securityTxtWarnDays:
		r.diags.Warnf(at, "security.txt expires on %s, in %d days (as of %s); move expires forward, less than a year ahead", expiresText(st.Expires), days, r.s.AsOf)
	case st.Expires.After(asOf.AddDate(1, 0, 0)):
		r.diags.Warnf(at, "security.txt expires on %s, more than a year after %s; RFC 9116 recommends less than a year, so that stale contacts lapse", expiresText(st.Expires), r.s.AsOf)
	}
}

// securityTxtWarnDays is how long before its expiry security.txt is warned about.
const securityTxtWarnDays = 30

func expiresText(t time.Time) string {
	if t.Equal(model.DateOf(t).Time()) {
		return model.DateOf(t).String()
	}
	return t.Format(time.RFC3339)
}
