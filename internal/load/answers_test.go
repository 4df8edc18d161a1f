package load

import "testing"

func TestAnswerID(t *testing.T) {
	for _, tc := range []struct{ q, want string }{
		{"Do you encrypt data at rest?", "do-you-encrypt-data-at-rest"},
		{"Is MFA (2FA) enforced?", "is-mfa-2fa-enforced"},
		{"Describe how your organization identifies, assesses, treats and monitors information security risks across all of its business units", "describe-how-your-organization-identifies-assesses-treats"},
	} {
		if got := AnswerID(tc.q); got != tc.want {
			t.Errorf("AnswerID(%q) = %q, want %q", tc.q, got, tc.want)
		}
		if len(AnswerID(tc.q)) > 60 {
			t.Errorf("AnswerID(%q) is longer than 60", tc.q)
		}
	}
}
