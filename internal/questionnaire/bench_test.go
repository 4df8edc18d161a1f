package questionnaire

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// synthetic makes a library of n answers (a question, two phrasings and
// a category each, of 6 to 12 words from a vocabulary of 3,000) and a
// questionnaire of q questions asked in other words, half of them near a
// library question.
func synthetic(n, q int) (*Library, string) {
	r := rand.New(rand.NewPCG(1, 2))
	syll := []string{"ac", "cess", "en", "crypt", "back", "up", "vend", "or", "log", "mon", "it", "pol", "icy", "risk", "net", "work", "key", "dat", "ser", "ver"}
	vocab := make([]string, 3000)
	for i := range vocab {
		vocab[i] = syll[r.IntN(len(syll))] + syll[r.IntN(len(syll))] + syll[r.IntN(len(syll))]
	}
	sentence := func() string {
		w := make([]string, 6+r.IntN(7))
		for i := range w {
			w[i] = vocab[r.IntN(len(vocab))]
		}
		return strings.Join(w, " ") + "?"
	}
	lib := &Library{}
	for i := range n {
		lib.Answers = append(lib.Answers, Answer{ID: fmt.Sprint(i), Question: sentence(), Phrasings: []string{sentence(), sentence()},
			Category: vocab[r.IntN(40)], Text: "An answer.", URL: "answers/index.html"})
	}
	var b strings.Builder
	b.WriteString("Ref,Question\n")
	for i := range q {
		s := sentence()
		if i%2 == 0 {
			s = lib.Answers[r.IntN(n)].Question + " " + vocab[r.IntN(len(vocab))]
		}
		fmt.Fprintf(&b, "%d,%s\n", i+1, s)
	}
	return lib, b.String()
}

// BenchmarkFill1000x500 fills a questionnaire of 1,000 questions from a
// library of 500 answers: the README's figure (the issue asks ≤ 1 s).
func BenchmarkFill1000x500(b *testing.B) {
	lib, csv := synthetic(500, 1000)
	dir := b.TempDir()
	in, out := filepath.Join(dir, "q.csv"), filepath.Join(dir, "o.csv")
	os.WriteFile(in, []byte(csv), 0o644)
	for b.Loop() {
		rep, err := FillFile(lib, in, out, Options{})
		if err != nil || len(rep.Rows) != 1000 {
			b.Fatal(err)
		}
	}
}
