package world

import (
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/brianvoe/gofakeit/v7"
)

// pcgStream is the second PCG seed word of world fakers (any constant:
// it only has to be the same in every run).
const pcgStream = 0x6f6b6d6f636b // "okmock"

// generator fills a new world. It is the only user of the world's faker,
// and runs before anyone else can see the world, so it writes the stores
// without locking. Every choice is drawn in a fixed order from the faker,
// and nothing iterates a map, so the seed alone fixes the result.
type generator struct {
	w    *World
	f    *gofakeit.Faker
	opts Options
	now  time.Time

	emails     map[string]bool
	shortnames map[string]bool
	themes     []int // group themes not used yet, in a shuffled order
}

func newGenerator(w *World, opts Options) *generator {
	return &generator{
		w: w,
		// A faker of this world's own. Not gofakeit.New: it seeds from
		// crypto/rand when the seed is 0, and locks a mutex on every draw.
		f:          gofakeit.NewFaker(rand.NewPCG(uint64(opts.Seed), pcgStream), false),
		opts:       opts,
		now:        opts.Now,
		emails:     map[string]bool{},
		shortnames: map[string]bool{},
	}
}

// run builds the world: the example objects first, so that their fixed
// ids are held before random ids are drawn, then everything else.
func (g *generator) run() {
	g.examples()
	uids := g.seedUsers()
	g.seedFriendships(uids)
	gids := g.seedGroups(uids)
	g.seedMemberships(uids, gids)
	g.seedAlbums(uids, gids)
	g.seedTopics(uids, gids)
	for _, uid := range uids {
		g.w.events.byUser[uid] = seededEvents(g.w.seed, uid)
	}
	for _, name := range g.w.extNames {
		g.w.ext[name].populate(g)
	}
}

// chance is true with probability p.
func (g *generator) chance(p float64) bool { return g.f.Float64() < p }

// between is a whole number in [lo, hi].
func (g *generator) between(lo, hi int) int { return g.f.IntRange(lo, hi) }

// pick is one of the words.
func (g *generator) pick(words []string) string { return words[g.f.IntN(len(words))] }

// pickWeighted is one of the words, chosen by weight.
func (g *generator) pickWeighted(words []weighted) string {
	total := 0
	for _, w := range words {
		total += w.weight
	}
	n := g.f.IntN(total)
	for _, w := range words {
		if n < w.weight {
			return w.word
		}
		n -= w.weight
	}
	return words[len(words)-1].word
}

// randomID draws a free id from the range.
func (g *generator) randomID(r idRange) string {
	for {
		id := strconv.FormatUint(r.min+uint64(g.f.UintN(uint(r.max-r.min+1))), 10)
		if !g.w.takenLocked(id) {
			return id
		}
	}
}

// ago is a moment between lo and hi before now, to the second.
func (g *generator) ago(lo, hi time.Duration) time.Time {
	return g.now.Add(-time.Duration(g.between(int(lo/time.Second), int(hi/time.Second))) * time.Second)
}

// after is a moment between t and now, to the second.
func (g *generator) after(t time.Time) time.Time {
	span := int(g.now.Sub(t) / time.Second)
	if span <= 0 {
		return t
	}
	return t.Add(time.Duration(g.between(0, span)) * time.Second)
}

// shuffled returns a shuffled copy of ids.
func (g *generator) shuffled(ids []string) []string {
	out := append([]string(nil), ids...)
	g.f.ShuffleStrings(out)
	return out
}

// sortedUsers returns every uid of the world being built, sorted.
func (g *generator) sortedUsers() []string {
	ids := make([]string, 0, len(g.w.users.byID))
	for id := range g.w.users.byID {
		ids = append(ids, id)
	}
	return sortIDs(ids)
}

const (
	day  = 24 * time.Hour
	year = 365 * day
)
