package world

import "testing"

func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for i := range b.N {
		New(Options{Seed: int64(i), Now: testNow})
	}
}

func BenchmarkUser(b *testing.B) {
	w := newTestWorld(b, 1)
	uids := w.UserIDs()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if _, ok := w.User(uids[i%len(uids)]); !ok {
			b.Fatal("missing user")
		}
	}
}

func BenchmarkFriends(b *testing.B) {
	w := newTestWorld(b, 1)
	uids := w.UserIDs()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if len(w.Friends(uids[i%len(uids)])) == 0 {
			b.Fatal("no friends")
		}
	}
}

func BenchmarkUserParallel(b *testing.B) {
	w := newTestWorld(b, 1)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			w.User(DefaultUserID)
		}
	})
}

func BenchmarkSnapshot(b *testing.B) {
	w := newTestWorld(b, 1)
	b.ReportAllocs()
	for range b.N {
		if _, err := w.Snapshot(); err != nil {
			b.Fatal(err)
		}
	}
}
