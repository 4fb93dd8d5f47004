package world

import (
	"hash/fnv"
	"math/rand/v2"
	"strconv"

	"github.com/brianvoe/gofakeit/v7"
)

// kindGenerator returns a generator that writes the same world but draws
// from a faker of its own, seeded from the world's seed and the name. An
// extension kind populates with it so that adding or changing one kind
// does not shift the random choices of the kinds populated after it.
func (g *generator) kindGenerator(name string) *generator {
	sub := *g
	sub.f = seededFaker(g.w.seed, "kind/"+name)
	return &sub
}

// sample draws k distinct items of list (k at most len(list)), in the
// order drawn. It costs O(k) draws for small k, unlike shuffling the list.
func (g *generator) sample(list []string, k int) []string {
	k = min(k, len(list))
	out := make([]string, 0, k)
	seen := make(map[int]bool, k)
	for len(out) < k {
		if i := g.f.IntN(len(list)); !seen[i] {
			seen[i] = true
			out = append(out, list[i])
		}
	}
	return out
}

// seededFaker is a faker fixed by the seed and a key alone: the same pair
// always draws the same sequence, whatever else the world holds.
func seededFaker(seed int64, key string) *gofakeit.Faker {
	h := fnv.New64a()
	h.Write([]byte(key))
	return gofakeit.NewFaker(rand.NewPCG(uint64(seed), h.Sum64()), false)
}

// seededInt is a number in [lo, hi] fixed by the seed and the key parts,
// for values computed on demand rather than stored (statistics, devices).
func seededInt(seed int64, lo, hi int, key ...string) int {
	h := fnv.New64a()
	h.Write([]byte(strconv.FormatInt(seed, 10)))
	for _, k := range key {
		h.Write([]byte{0})
		h.Write([]byte(k))
	}
	if hi <= lo {
		return lo
	}
	return lo + int(h.Sum64()%uint64(hi-lo+1))
}

// Bounds of the dedicated example ids of openapi/EXAMPLES.md.
const (
	dedicatedFirst = 575000000900
	dedicatedLast  = 575000000999
)

// IsDedicatedExample reports whether id is one of the dedicated example
// objects of openapi/EXAMPLES.md (5750000009xx). Their delete methods
// answer success again once the object is gone, so that the catalogue's
// examples can run any number of times in one world; a reset brings the
// objects back.
func IsDedicatedExample(id string) bool {
	n, err := strconv.ParseUint(id, 10, 64)
	return err == nil && len(id) == 12 && n >= dedicatedFirst && n <= dedicatedLast
}

// Figure is a number in [lo, hi] fixed by the world's seed and the key, for
// numbers okmock computes on demand rather than stores (statistics).
func (w *World) Figure(lo, hi int, key ...string) int { return seededInt(w.seed, lo, hi, key...) }
