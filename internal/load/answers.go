package load

import (
	"strings"

	"github.com/trustdocs/trustdocs/internal/model"
)

// answers reads a file of the answer library: [[answer]] tables.
func (l *loader) answers(file string, src []byte) {
	t := l.parseTOML(file, src, 0, "")
	if t == nil {
		return
	}
	for _, a := range t.Tables("answer", "[[answer]]") {
		ans := &model.Answer{Origin: a.Origin()}
		ans.Question = a.Str("question", true, `the question as buyers ask it, e.g. question = "Do you encrypt data at rest?"`)
		ans.ID = a.Str("id", false, "")
		if ans.ID == "" {
			ans.ID = AnswerID(ans.Question)
		}
		ans.Phrasings = a.Plain("phrasings")
		ans.Answer = a.Str("answer", true, `your answer, in Markdown, e.g. answer = "Yes: AES-256 …"`)
		ans.Category = a.Str("category", false, "")
		if ans.Category == "" {
			ans.Category = "General"
		}
		ans.Controls = a.Strs("controls")
		ans.Policies = a.Strs("policies")
		ans.Classification = model.Classification(a.Enum("classification", model.Classifications, string(model.Public)))
		ans.Draft, _ = a.Bool("draft")
		a.Done()
		l.site.Answers = append(l.site.Answers, ans)
	}
	t.Done()
}

// AnswerID is the id an answer without one takes from its question: its
// slug, cut at a word to at most 60 characters, so that anchors and
// export keys stay readable.
func AnswerID(question string) string {
	s := model.Slug(question)
	if len(s) <= 60 {
		return s
	}
	s = s[:60]
	if i := strings.LastIndexByte(s, '-'); i > 20 {
		s = s[:i]
	}
	return strings.Trim(s, "-")
}
