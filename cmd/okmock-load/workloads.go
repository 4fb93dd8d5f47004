package main

import (
	"crypto/md5"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// workload is a request stream measured against both servers. Its ring of
// prepared requests is built against a fresh okmock (sessions, topics to
// read); the baseline gets the very same bytes.
type workload struct {
	name  string
	label string
	build func(*setup) ([][]byte, error)
	// breakdown marks a part of an issue workload shown on its own (writes
	// alone, reads alone); the targets are checked on the others.
	breakdown bool
}

var workloads = []workload{
	{name: "getCurrentUser", label: "users.getCurrentUser (server scheme)", build: (*setup).currentUserRing},
	{name: "friends.get", label: "friends.get (client scheme)", build: (*setup).friendsRing},
	{name: "post+read", label: "mediatopic.post writes followed by reads (alternately a post and a getByIds of a posted topic)", build: (*setup).postReadRing},
	{name: "mix", label: "mix: 55% getCurrentUser, 20% friends.get, 12% getByIds, 10% post, 2% users.getInfo, 1% journal query", build: (*setup).mixRing},
	{name: "mediatopic.post", label: "breakdown: mediatopic.post alone (writes)", build: (*setup).postRing, breakdown: true},
	{name: "mediatopic.getByIds", label: "breakdown: mediatopic.getByIds alone (reads of posted topics)", build: (*setup).topicReadRing, breakdown: true},
}

func workloadNames() []string {
	names := make([]string, len(workloads))
	for i, w := range workloads {
		names[i] = w.name
	}
	return names
}

func workloadByName(name string) (workload, bool) {
	for _, w := range workloads {
		if w.name == name {
			return w, true
		}
	}
	return workload{}, false
}

// ringSize is how many distinct prepared requests a ring holds.
const ringSize = 512

// sessionCount is how many users (and tokens) the load is spread over.
const sessionCount = 16

// exampleUser is the default user every okmock world has.
const exampleUser = "575000000001"

// setup prepares requests against one okmock: sessions for several users,
// topics to read back.
type setup struct {
	conn     *httpConn
	sessions []session
	topics   []string
	rnd      *rand.Rand
}

func newSetup(addr string) *setup {
	return &setup{conn: newHTTPConn(addr), rnd: rand.New(rand.NewPCG(8, 8))}
}

func (s *setup) close() { s.conn.close() }

// call sends one request and decodes a good answer into out.
func (s *setup) call(req []byte, out any) error {
	a, err := s.conn.do(req)
	if err != nil {
		return err
	}
	if err := okAnswer(a); err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(a.body, out)
}

// users are the default user and its friends: the load is spread over
// many users and tokens, as a test suite's is.
func (s *setup) users() ([]string, error) {
	var friends []string
	req := getRequest(appSigned([]param{{"method", "friends.get"}, {"fid", exampleUser}}))
	if err := s.call(req, &friends); err != nil {
		return nil, fmt.Errorf("friends.get: %w", err)
	}
	return append([]string{exampleUser}, friends...), nil
}

// ensureSessions mints sessionCount sessions through the control API,
// with fixed tokens: a second okmock set up the same way (-against) then
// holds the same sessions, and is sent the very same requests.
func (s *setup) ensureSessions() error {
	if len(s.sessions) > 0 {
		return nil
	}
	users, err := s.users()
	if err != nil {
		return err
	}
	for i := range sessionCount {
		body, _ := json.Marshal(map[string]any{
			"application_key": demoKey, "uid": users[i%len(users)],
			"scopes":       []string{"VALUABLE_ACCESS", "LONG_ACCESS_TOKEN"},
			"access_token": loadToken(i), "session_secret_key": loadSecret(i),
		})
		var sess session
		if err := s.call(controlRequest("POST", "/__okmock/sessions", body), &sess); err != nil {
			return fmt.Errorf("create session: %w", err)
		}
		s.sessions = append(s.sessions, sess)
	}
	return nil
}

// loadToken is session i's access token, shaped as okmock's own ("-s-"
// and 68 URL-safe characters) so that requests are as long as with minted
// ones.
func loadToken(i int) string {
	sum := sha512.Sum512([]byte("okmock-load access token " + strconv.Itoa(i)))
	return "-s-" + base64.RawURLEncoding.EncodeToString(sum[:51])
}

// loadSecret is session i's session_secret_key: 32 hex characters.
func loadSecret(i int) string {
	sum := md5.Sum([]byte("okmock-load session secret " + strconv.Itoa(i)))
	return hex.EncodeToString(sum[:])
}

// ring builds ringSize requests with build(i, session).
func (s *setup) ring(build func(i int, sess session) []byte) ([][]byte, error) {
	if err := s.ensureSessions(); err != nil {
		return nil, err
	}
	out := make([][]byte, ringSize)
	for i := range out {
		out[i] = build(i, s.sessions[i%len(s.sessions)])
	}
	return out, nil
}

func (s *setup) currentUserRing() ([][]byte, error) {
	return s.ring(func(_ int, sess session) []byte {
		return getRequest(serverSigned([]param{{"method", "users.getCurrentUser"}, {"format", "json"}}, sess))
	})
}

func (s *setup) friendsRing() ([][]byte, error) {
	return s.ring(func(_ int, sess session) []byte {
		return getRequest(clientSigned([]param{{"method", "friends.get"}, {"format", "json"}}, sess))
	})
}

// postRequestFor is one mediatopic.post with a short text.
func postRequestFor(i int, sess session) []byte {
	att := `{"media":[{"type":"text","text":"load test post ` + strconv.Itoa(i) + `"}]}`
	return postRequest(serverSigned([]param{{"method", "mediatopic.post"}, {"type", "USER"}, {"attachment", att}}, sess))
}

func (s *setup) postRing() ([][]byte, error) { return s.ring(postRequestFor) }

// ensureTopics posts ringSize topics, answered with their ids.
func (s *setup) ensureTopics() error {
	if len(s.topics) > 0 {
		return nil
	}
	if err := s.ensureSessions(); err != nil {
		return err
	}
	for i := range ringSize {
		var id string
		if err := s.call(postRequestFor(i, s.sessions[i%len(s.sessions)]), &id); err != nil {
			return fmt.Errorf("mediatopic.post: %w", err)
		}
		s.topics = append(s.topics, id)
	}
	return nil
}

func (s *setup) topicReadRing() ([][]byte, error) {
	if err := s.ensureTopics(); err != nil {
		return nil, err
	}
	return s.ring(func(i int, sess session) []byte {
		return getRequest(serverSigned([]param{{"method", "mediatopic.getByIds"}, {"topic_ids", s.topics[i]}}, sess))
	})
}

// postReadRing alternates a post and a read of a topic posted before the
// run, so that the world grows while it is read.
func (s *setup) postReadRing() ([][]byte, error) {
	posts, err := s.postRing()
	if err != nil {
		return nil, err
	}
	reads, err := s.topicReadRing()
	if err != nil {
		return nil, err
	}
	out := make([][]byte, 0, len(posts)+len(reads))
	for i := range posts {
		out = append(out, posts[i], reads[i%len(reads)])
	}
	return out, nil
}

// readRing mixes the read methods, for peak RSS and the soak.
func (s *setup) readRing() ([][]byte, error) {
	return s.weighted([]weightedRing{{60, s.currentUserRing}, {25, s.friendsRing}, {15, s.topicReadRing}})
}

// soakRing is the read mix with journal queries: no writes, so memory
// must stay flat however long it runs.
func (s *setup) soakRing() ([][]byte, error) {
	return s.weighted([]weightedRing{{60, s.currentUserRing}, {24, s.friendsRing}, {15, s.topicReadRing}, {1, journalRing}})
}

// journalRing is a test suite's typical journal query.
func journalRing() ([][]byte, error) {
	return [][]byte{controlRequest("GET", "/__okmock/requests/count?method=users.getCurrentUser", nil)}, nil
}

func (s *setup) mixRing() ([][]byte, error) {
	info := func() ([][]byte, error) {
		return [][]byte{getRequest(appSigned([]param{{"method", "users.getInfo"}, {"uids", exampleUser}, {"fields", "uid,name"}}))}, nil
	}
	return s.weighted([]weightedRing{
		{55, s.currentUserRing}, {20, s.friendsRing}, {12, s.topicReadRing},
		{10, s.postRing}, {2, info}, {1, journalRing},
	})
}

// weightedRing is a part of a mix: its weight in percent and its ring.
type weightedRing struct {
	weight int
	build  func() ([][]byte, error)
}

// weighted interleaves rings in proportion to their weights, in a fixed
// pseudo-random order.
func (s *setup) weighted(parts []weightedRing) ([][]byte, error) {
	var slots []int
	rings := make([][][]byte, len(parts))
	for i, p := range parts {
		r, err := p.build()
		if err != nil {
			return nil, err
		}
		rings[i] = r
		for range p.weight * 10 {
			slots = append(slots, i)
		}
	}
	s.rnd.Shuffle(len(slots), func(i, j int) { slots[i], slots[j] = slots[j], slots[i] })
	out := make([][]byte, len(slots))
	used := make([]int, len(parts))
	for i, k := range slots {
		out[i] = rings[k][used[k]%len(rings[k])]
		used[k]++
	}
	return out, nil
}

// probe is the cold-start check: a signed call that needs the catalogue,
// the world and the signature check all ready.
func probe() []byte {
	return getRequest(appSigned([]param{{"method", "users.getInfo"}, {"uids", exampleUser}, {"fields", "uid"}}))
}

// probeOK accepts okmock's answer to probe: a one-user array.
func probeOK(a answer) bool {
	return okAnswer(a) == nil && strings.Contains(string(a.body), exampleUser)
}
