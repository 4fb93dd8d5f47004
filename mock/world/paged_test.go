package world

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// paged must behave as a plain sorted slice does, across page borders.
func TestPagedIsASortedSliceThatNeverMoves(t *testing.T) {
	var p paged[int]
	var model []int
	r := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		v := r.IntN(3000)
		at, _ := p.search(v, cmp.Compare[int])
		p.insert(at, v)
		i, _ := slices.BinarySearch(model, v)
		model = slices.Insert(model, i, v)
	}
	first := p.at(0)
	for range 3000 {
		p.push(1 << 20) // largest, so the list stays sorted
		model = append(model, 1<<20)
	}
	if p.at(0) != first {
		t.Error("growing the list moved its first element")
	}
	for range 6000 {
		v := model[r.IntN(len(model))]
		at, found := p.search(v, cmp.Compare[int])
		if !found {
			t.Fatalf("search(%d) did not find a stored value", v)
		}
		p.delete(at)
		i, _ := slices.BinarySearch(model, v)
		model = slices.Delete(model, i, i+1)
	}
	if p.len() != len(model) {
		t.Fatalf("len %d, want %d", p.len(), len(model))
	}
	for i, want := range model {
		if got := *p.at(i); got != want {
			t.Fatalf("at(%d) = %d, want %d", i, got, want)
		}
	}
	if want := (len(model) + pageLen - 1) / pageLen; len(p.pages) != want {
		t.Errorf("%d pages hold %d elements; %d would do", len(p.pages), len(model), want)
	}
	if _, found := p.search(-1, cmp.Compare[int]); found {
		t.Error("search found a value never stored")
	}
}

// Most lists are short (an owner's topics); each must take memory in
// proportion to what it holds, not a whole page.
func TestShortPagedListsHoldNoWholePage(t *testing.T) {
	for _, n := range []int{1, 3, 8, 9, 100, pageLen - 1} {
		var p paged[uint32]
		for i := range n {
			p.push(uint32(i))
		}
		held := 0
		for _, pg := range p.pages {
			held += len(pg)
		}
		if held > max(2*n, firstPageLen) {
			t.Errorf("%d elements hold room for %d", n, held)
		}
		for i := range n {
			if *p.at(i) != uint32(i) {
				t.Fatalf("%d elements: at(%d) = %d", n, i, *p.at(i))
			}
		}
	}
}
