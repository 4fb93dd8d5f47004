package world

import (
	"encoding/json"
	"strconv"
	"strings"
)

// pollVoteStore holds the votes of polls in topics:
// "<topic>:<block>:<answer>" to the voters, in the order they voted.
type pollVoteStore struct {
	byAnswer map[string][]string
}

func init() {
	registerKind("poll_votes", func() extension { return &pollVoteStore{byAnswer: map[string][]string{}} })
}

func pollKey(topicID string, block, answer int) string {
	return topicID + ":" + strconv.Itoa(block) + ":" + strconv.Itoa(answer)
}

func (s *pollVoteStore) has(string) bool { return false }

// populate lets the people around each poll vote once for one answer; the
// example friend votes for answer 0 of the example poll.
func (s *pollVoteStore) populate(g *generator) {
	g = g.kindGenerator("poll_votes")
	for _, tid := range g.w.topics.all() {
		t, _ := g.w.topics.get(tid)
		for i, raw := range t.Media {
			var poll pollBlock
			if json.Unmarshal(raw, &poll) != nil || poll.Type != "poll" || len(poll.Answers) == 0 {
				continue
			}
			voters := g.commenters(t.AuthorUID, t.GroupID)
			for _, uid := range g.shuffled(voters)[:g.between(0, len(voters))] {
				if tid == ExamplePollTopicID && uid == ExampleFriendID {
					continue
				}
				key := pollKey(tid, i, g.f.IntN(len(poll.Answers)))
				s.byAnswer[key] = append(s.byAnswer[key], uid)
			}
		}
	}
	key := pollKey(ExamplePollTopicID, 0, 0)
	s.byAnswer[key] = append(s.byAnswer[key], ExampleFriendID)
}

func (s *pollVoteStore) forget(kind, id string) {
	for key, uids := range s.byAnswer {
		switch {
		case kind == "topic" && strings.HasPrefix(key, id+":"):
			delete(s.byAnswer, key)
		case kind == "user":
			kept := uids[:0]
			for _, uid := range uids {
				if uid != id {
					kept = append(kept, uid)
				}
			}
			if len(kept) == 0 {
				delete(s.byAnswer, key)
			} else {
				s.byAnswer[key] = kept
			}
		}
	}
}

func (s *pollVoteStore) save() any { return s.byAnswer }

func (s *pollVoteStore) load(data json.RawMessage) error {
	s.byAnswer = map[string][]string{}
	return json.Unmarshal(data, &s.byAnswer)
}

// PollVoters returns who voted for an answer of the poll that is media
// block number block of a topic, the latest vote first.
func (w *World) PollVoters(topicID string, block, answer int) []string {
	w.mu.RLock()
	defer w.mu.RUnlock()
	uids := w.ext["poll_votes"].(*pollVoteStore).byAnswer[pollKey(topicID, block, answer)]
	out := make([]string, len(uids))
	for i, uid := range uids {
		out[len(uids)-1-i] = uid
	}
	return out
}
