package scenarios

// Draws are a pure function of (engine seed, rule serial, matched-call
// count, purpose): no shared generator, no lock, and the same call sequence
// gives the same decisions however other rules' calls interleave.

const (
	saltProbability uint64 = 1
	saltDelay       uint64 = 2
)

// mix64 is the SplitMix64 finalizer, a strong 64-bit bit mixer.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

func draw(seed int64, serial uint64, n int64, salt uint64) uint64 {
	const golden = 0x9e3779b97f4a7c15
	h := mix64(uint64(seed) + golden)
	h = mix64(h ^ (serial * golden))
	h = mix64(h ^ uint64(n))
	return mix64(h ^ salt)
}

// unitFloat maps a draw to [0, 1).
func unitFloat(x uint64) float64 { return float64(x>>11) / (1 << 53) }
