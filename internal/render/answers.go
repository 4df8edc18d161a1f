package render

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/trustdocs/trustdocs/internal/csvsafe"
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/resolve"
)

// The answer library's page and exports. answers.json is also what
// trustdocs answer fills questionnaires from: its schema is the contract.
const (
	answersPage   = "answers/index.html"
	answersSchema = "https://trustdocs.dev/schema/answers/v1"
)

type answersData struct {
	Groups []answerGroupData
	Count  int
}

type answerGroupData struct {
	Category string
	ID       string // the category's anchor
	Answers  []answerData
}

type answerData struct {
	*resolve.Answer
	Body     template.HTML // the answer; "" when this audience only sees the question
	Readable bool
}

// answerAnchor is an answer's fragment on the answers page.
func answerAnchor(a *resolve.Answer) string { return "a-" + a.ID }

func (r *renderer) answersPage() {
	if len(r.s.Answers) == 0 {
		return
	}
	d := answersData{Count: len(r.s.Answers)}
	for _, g := range r.s.AnswerGroups() {
		gd := answerGroupData{Category: g.Category, ID: "c-" + model.Slug(g.Category)}
		for _, a := range g.Answers {
			ad := answerData{Answer: a, Readable: r.site.Renders(a.Classification)}
			if ad.Readable {
				ad.Body = r.inline(a.Answer.Answer)
			}
			gd.Answers = append(gd.Answers, ad)
		}
		d.Groups = append(d.Groups, gd)
	}
	r.add(&Page{Template: "answers.html", Path: answersPage, Title: "Security questions", Section: "answers",
		Description: "Answers to the questions buyers ask in security questionnaires, with the controls and policies behind each.",
		Data:        d}, onSite())
	r.file("answers/answers.csv", onSite(), func() ([]byte, error) { return r.answersCSV(), nil })
	r.file("answers/answers.json", onSite(), func() ([]byte, error) { return r.answersJSON(), nil })
}

type answersJSONDoc struct {
	Schema   string           `json:"$schema"`
	Company  string           `json:"company"`
	URL      string           `json:"url,omitempty"`
	AsOf     string           `json:"as_of"`
	Audience string           `json:"audience"`
	Answers  []answerJSONItem `json:"answers"`
}

type answerJSONItem struct {
	ID             string          `json:"id"`
	Question       string          `json:"question"`
	Phrasings      []string        `json:"phrasings,omitempty"`
	Category       string          `json:"category"`
	Classification string          `json:"classification"`
	URL            string          `json:"url"`
	Answer         string          `json:"answer,omitempty"`      // Markdown, as written
	AnswerText     string          `json:"answer_text,omitempty"` // plain text
	Controls       []answerControl `json:"controls,omitempty"`
	Policies       []answerPolicy  `json:"policies,omitempty"`
}

type answerControl struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Status string `json:"status"`
	URL    string `json:"url"`
}

type answerPolicy struct {
	Slug  string `json:"slug"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// answerItems are the answers as the exports give them: what this
// audience may read in full, and the questions of the others.
func (r *renderer) answerItems() []answerJSONItem {
	items := []answerJSONItem{}
	for _, a := range r.s.Answers {
		it := answerJSONItem{ID: a.ID, Question: a.Question, Category: a.Category,
			Classification: string(a.Classification), URL: r.siteLink(answersPage) + "#" + answerAnchor(a)}
		if r.site.Renders(a.Classification) {
			it.Phrasings, it.Answer = a.Phrasings, a.Answer.Answer
			it.AnswerText = r.md.PlainText([]byte(a.Answer.Answer))
			for _, c := range a.Controls {
				it.Controls = append(it.Controls, answerControl{c.ID, c.Title, string(c.Status), r.siteLink(controlURL(c))})
			}
			for _, p := range a.Policies {
				it.Policies = append(it.Policies, answerPolicy{p.Slug, p.Title, r.siteLink(r.policyLink(p))})
			}
		}
		items = append(items, it)
	}
	return items
}

// policyLink is where a policy is read: its page, or its listing when
// this audience may not read it.
func (r *renderer) policyLink(p *resolve.Policy) string {
	if r.site.Renders(p.Classification) {
		return policyURL(p.Slug)
	}
	return "policies/index.html#policy-" + p.Slug
}

// siteLink is a link to an output path for use outside the site (a
// spreadsheet, a questionnaire): absolute with a base URL, and a
// folder's address rather than its index.html; else from the site's root.
func (r *renderer) siteLink(path string) string {
	if r.site.BaseURL == "" {
		return path
	}
	return r.site.BaseURL + strings.TrimSuffix(path, "index.html")
}

func (r *renderer) answersJSON() []byte {
	return marshal(answersJSONDoc{Schema: answersSchema, Company: r.s.Config.Company, URL: r.site.BaseURL,
		AsOf: r.s.AsOf.String(), Audience: string(r.site.Audience), Answers: r.answerItems()})
}

// answersCSV is the library as a spreadsheet: one answer a row, to paste
// from or to load into a questionnaire tool.
func (r *renderer) answersCSV() []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff") // a BOM, so that spreadsheets read UTF-8
	w := csvsafe.NewWriter(&b)
	w.Write([]string{"ID", "Category", "Question", "Answer", "Also asked as", "Controls", "Policies", "Classification", "Link"})
	for _, it := range r.answerItems() {
		answer := it.AnswerText
		if it.Answer == "" {
			answer = "Available under NDA"
		}
		var controls, policies []string
		for _, c := range it.Controls {
			controls = append(controls, c.ID+" "+c.Title)
		}
		for _, p := range it.Policies {
			policies = append(policies, p.Title)
		}
		w.Write([]string{it.ID, it.Category, it.Question, answer, strings.Join(it.Phrasings, "\n"),
			strings.Join(controls, "\n"), strings.Join(policies, "\n"), it.Classification, it.URL})
	}
	w.Flush()
	return b.Bytes()
}
