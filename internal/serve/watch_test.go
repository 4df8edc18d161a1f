package serve

import (
	"net"
	"testing"
)

func TestIgnoredName(t *testing.T) {
	for name, want := range map[string]bool{
		"access-control.md":             false,
		"soa.toml":                      false,
		"style.css":                     false,
		".access-control.md.swp":        true,
		".access-control.md.swx":        true,
		"access-control.md~":            true,
		"4913":                          true,
		"access-control.md___jb_tmp___": true,
		"access-control.md___jb_old___": true,
		"#access-control.md#":           true,
		".#access-control.md":           true,
		".git":                          true,
		".DS_Store":                     true,
		"soa.toml.tmp":                  true,
	} {
		if got := ignoredName(name); got != want {
			t.Errorf("ignoredName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:1313": true,
		"[::1]:1313":     true,
		"0.0.0.0:1313":   false,
		"10.1.2.3:1313":  false,
	} {
		a, err := net.ResolveTCPAddr("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := loopback(a); got != want {
			t.Errorf("loopback(%s) = %v, want %v", addr, got, want)
		}
	}
}
