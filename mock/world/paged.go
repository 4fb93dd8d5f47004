package world

// pageLen is the number of elements of one page of a paged list.
const pageLen = 1024

// firstPageLen is the length a list's first page starts at. Most lists
// are short (an owner's topics): a whole page for each was a quarter of
// the world's memory when it had just been generated, and a page fault
// apiece at start.
const firstPageLen = 8

// paged is a list kept in fixed pages, so that growing it never copies
// more than one page. A slice that grows by appending is copied into a
// new array a quarter larger each time it fills: for the topic store's
// slots, at 90,000 topics, that was 2.7 MB copied into freshly faulted
// pages in one request, which then took 10 ms (on machines where a fresh
// page costs about 11 us), with every request behind it waiting. Only the
// first page grows by doubling, up to pageLen; every later page is
// allocated whole, so once a list is longer than a page nothing it holds
// moves again.
type paged[T any] struct {
	pages [][]T
	n     int
}

func (p *paged[T]) len() int { return p.n }

// at returns the element at i, which must be below len.
func (p *paged[T]) at(i int) *T { return &p.pages[i/pageLen][i%pageLen] }

// capacity is how many elements the pages hold: only a lone first page
// may be shorter than pageLen.
func (p *paged[T]) capacity() int {
	if len(p.pages) == 1 {
		return len(p.pages[0])
	}
	return len(p.pages) * pageLen
}

// push appends v.
func (p *paged[T]) push(v T) {
	if p.n == p.capacity() {
		switch {
		case len(p.pages) == 0:
			p.pages = [][]T{make([]T, firstPageLen)}
		case len(p.pages[0]) < pageLen:
			grown := make([]T, min(2*len(p.pages[0]), pageLen))
			copy(grown, p.pages[0])
			p.pages[0] = grown
		default:
			p.pages = append(p.pages, make([]T, pageLen))
		}
	}
	*p.at(p.n) = v
	p.n++
}

// insert puts v at i (at most len), moving the elements from i on.
func (p *paged[T]) insert(i int, v T) {
	var zero T
	p.push(zero)
	for j := p.n - 1; j > i; j-- {
		*p.at(j) = *p.at(j - 1)
	}
	*p.at(i) = v
}

// delete removes the element at i, moving the ones after it.
func (p *paged[T]) delete(i int) {
	for j := i; j < p.n-1; j++ {
		*p.at(j) = *p.at(j + 1)
	}
	var zero T
	*p.at(p.n - 1) = zero
	p.n--
	if p.n <= (len(p.pages)-1)*pageLen {
		p.pages[len(p.pages)-1] = nil
		p.pages = p.pages[:len(p.pages)-1]
	}
}

// search finds target in a list sorted by cmp, as slices.BinarySearchFunc.
func (p *paged[T]) search(target T, cmp func(T, T) int) (int, bool) {
	lo, hi := 0, p.n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if cmp(*p.at(m), target) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, lo < p.n && cmp(*p.at(lo), target) == 0
}
