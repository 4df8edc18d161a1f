package load

// SetHoldFor sets how many documents a site may have for a load for one
// build to hold their texts, and returns what puts it back.
func SetHoldFor(n int) (restore func()) {
	was := holdFor
	holdFor = n
	return func() { holdFor = was }
}
