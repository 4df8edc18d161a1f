package render

import (
	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/resolve"
)

// The subprocessors page, its feed and subprocessors.json: who processes
// customer data now, what changes next and what changed before.
const (
	subprocessorsPage   = "subprocessors/index.html"
	subprocessorsSchema = "https://trustdocs.dev/schema/subprocessors/v1"
)

type subprocessorsData struct {
	Current  []*model.Subprocessor
	Upcoming []resolve.Notice // soonest first
	Past     []resolve.Notice // newest first
	Feed     string           // the subprocessor feed's site path
}

func (r *renderer) subprocessorsPage() {
	if len(r.s.Subprocessors) == 0 {
		return
	}
	r.add(&Page{Template: "subprocessors.html", Path: subprocessorsPage, Title: "Subprocessors",
		Section: "subprocessors", Description: "Third parties that process customer data on our behalf, and the changes announced.",
		Data: subprocessorsData{Current: r.s.CurrentSubprocessors(), Upcoming: r.s.UpcomingNotices(),
			Past: r.s.PastNotices(), Feed: subprocessorFeedPath}}, onSite())
	r.file(subprocessorFeedPath, onSite(), r.subprocessorFeed)
	r.file("subprocessors/subprocessors.json", onSite(), func() ([]byte, error) { return r.subprocessorsJSON(), nil })
}

type subprocessorsJSONDoc struct {
	Schema        string                 `json:"$schema"`
	Company       string                 `json:"company"`
	URL           string                 `json:"url,omitempty"`
	AsOf          string                 `json:"as_of"`
	NoticeDays    int                    `json:"notice_days"`
	Feed          string                 `json:"feed"`
	Subprocessors []subprocessorJSONItem `json:"subprocessors"`
	Notices       []noticeJSONItem       `json:"notices"`
}

type subprocessorJSONItem struct {
	Name      string   `json:"name"`
	Status    string   `json:"status"`
	Purpose   string   `json:"purpose"`
	Location  string   `json:"location,omitempty"`
	Website   string   `json:"website,omitempty"`
	Data      []string `json:"data"`
	Added     string   `json:"added,omitempty"`
	Announced string   `json:"announced,omitempty"`
	Removed   string   `json:"removed,omitempty"`
}

type noticeJSONItem struct {
	ID           string `json:"id"`
	Kind         string `json:"kind"`
	Subprocessor string `json:"subprocessor"`
	Date         string `json:"date"`
	Announced    string `json:"announced,omitempty"`
	NoticeDays   *int   `json:"notice_days,omitempty"`
	Upcoming     bool   `json:"upcoming"`
	Summary      string `json:"summary"`
	Link         string `json:"link"`
}

// subprocessorsJSON is the list for a customer's vendor-management tool:
// every subprocessor published (current, upcoming, removed) and every
// notice told of, newest first.
func (r *renderer) subprocessorsJSON() []byte {
	doc := subprocessorsJSONDoc{Schema: subprocessorsSchema, Company: r.s.Config.Company, URL: r.site.BaseURL,
		AsOf: r.s.AsOf.String(), NoticeDays: r.s.Config.NoticeDays, Feed: r.siteLink(subprocessorFeedPath),
		Subprocessors: []subprocessorJSONItem{}, Notices: []noticeJSONItem{}}
	for _, sp := range r.s.Subprocessors {
		status := r.s.SubprocessorStatus(sp)
		if status == "" {
			continue
		}
		doc.Subprocessors = append(doc.Subprocessors, subprocessorJSONItem{Name: sp.Name, Status: status,
			Purpose: sp.Purpose, Location: sp.Location, Website: sp.Website, Data: append([]string{}, sp.Data...),
			Added: sp.Added.String(), Announced: sp.Announced.String(), Removed: sp.Removed.String()})
	}
	for _, n := range r.s.Notices {
		it := noticeJSONItem{ID: n.Key(), Kind: string(n.Kind), Subprocessor: n.Subprocessor.Name, Date: n.Date.String(),
			Announced: n.Announced.String(), Upcoming: n.Upcoming(r.s.AsOf), Summary: n.Summary(),
			Link: r.siteLink(subprocessorsPage) + "#" + n.Key()}
		if d := n.NoticeDays(); d >= 0 {
			it.NoticeDays = &d
		}
		doc.Notices = append(doc.Notices, it)
	}
	return marshal(doc)
}
