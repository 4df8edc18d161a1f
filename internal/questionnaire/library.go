package questionnaire

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// answersSchema is the schema answers.json names: the library's format.
const answersSchema = "https://trustdocs.dev/schema/answers/v1"

// Library is an answer library: a site's answers/answers.json (schema
// answers-v1), built for the audience whose answers may be used.
type Library struct {
	Company  string   `json:"company"`
	URL      string   `json:"url"`
	Audience string   `json:"audience"`
	Answers  []Answer `json:"answers"`
}

// Answer is one answer of the library.
type Answer struct {
	ID        string   `json:"id"`
	Question  string   `json:"question"`
	Phrasings []string `json:"phrasings"`
	Category  string   `json:"category"`
	URL       string   `json:"url"`
	// Text is the answer as plain text; "" when the library's audience
	// may only see the question: such an answer is never used.
	Text     string `json:"answer_text"`
	Controls []struct {
		ID     string `json:"id"`
		Title  string `json:"title"`
		Status string `json:"status"`
		URL    string `json:"url"`
	} `json:"controls"`
	Policies []struct {
		Title string `json:"title"`
		URL   string `json:"url"`
	} `json:"policies"`
}

// ReadLibrary reads an answers.json.
func ReadLibrary(r io.Reader) (*Library, error) {
	var doc struct {
		Schema string `json:"$schema"`
		Library
	}
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("reading the answer library: %w", err)
	}
	if doc.Schema != answersSchema {
		return nil, fmt.Errorf("the answer library names the schema %q, not %s", doc.Schema, answersSchema)
	}
	return &doc.Library, nil
}

// Sources says what an answer rests on, one line each: its controls (with
// their status when it is not implemented) and policies, with links.
func (a *Answer) Sources() string {
	var lines []string
	for _, c := range a.Controls {
		s := "Control " + c.ID + " " + c.Title
		if c.Status != "implemented" {
			s += " (" + c.Status + ")"
		}
		lines = append(lines, s+": "+c.URL)
	}
	for _, p := range a.Policies {
		lines = append(lines, p.Title+": "+p.URL)
	}
	lines = append(lines, "Answer: "+a.URL)
	return strings.Join(lines, "\n")
}
