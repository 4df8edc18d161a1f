package main

import (
	"errors"
	"flag"
	"fmt"
	"strings"
	"unicode"

	"github.com/trustdocs/trustdocs/internal/model"
	"github.com/trustdocs/trustdocs/internal/pipeline"
	"github.com/trustdocs/trustdocs/internal/render"
)

// recipientFlags are --recipient and --valid-until, taken by the commands
// that make something for one reader (pack, pdf).
type recipientFlags struct {
	name, validUntil string
}

func (f *recipientFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.name, "recipient", "", "prepare it for this `company`: every page says so, and a confidentiality notice opens it")
	fs.StringVar(&f.validUntil, "valid-until", "", "with --recipient, the last `date` (YYYY-MM-DD) it may be relied on")
}

// recipient checks the flags: nil when there is no recipient.
func (f *recipientFlags) recipient() (*render.Recipient, error) {
	name := strings.Join(strings.Fields(f.name), " ")
	if name == "" {
		if f.validUntil != "" {
			return nil, errors.New("--valid-until needs --recipient: name whom the pack is for")
		}
		if f.name != "" {
			return nil, errors.New("--recipient is blank; name the company, e.g. --recipient \"Buyer Inc\"")
		}
		return nil, nil
	}
	if strings.IndexFunc(name, unicode.IsControl) >= 0 || len([]rune(name)) > 100 {
		return nil, fmt.Errorf("--recipient %.40q is not a company's name: give at most 100 printable characters", name)
	}
	rc := &render.Recipient{Name: name}
	if f.validUntil != "" {
		d, err := model.ParseDate(f.validUntil)
		if err != nil {
			return nil, fmt.Errorf("--valid-until %q: %v; write a date such as 2026-12-31", f.validUntil, err)
		}
		rc.ValidUntil = d
	}
	return rc, nil
}

// preparedFor is what a command's last line says of the recipient:
// ", prepared for Buyer Inc", or nothing.
func preparedFor(opts pipeline.Options) string {
	if opts.Recipient == nil {
		return ""
	}
	return ", prepared for " + opts.Recipient.Name
}
