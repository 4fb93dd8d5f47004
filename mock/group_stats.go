package mock

import (
	"slices"
	"strings"
	"time"

	"github.com/okmock/okmock/mock/world"
)

// Group statistics are for the group's staff (50 NOT_ADMIN otherwise).
// They are computed, not stored: from the group's real members, topics,
// likes and comments, plus reach figures fixed by the seed, the group and
// the day, so that the same world and clock give the same numbers.

// maxTrendDays bounds the period of group.getStatTrends.
const maxTrendDays = 92

// staffGroupPeriod reads the gid parameter, checks the caller's rights,
// and reads the period (statPeriod).
func (c *apiCall) staffGroupPeriod() (g world.Group, from, to time.Time, err *Error) {
	if g, err = c.staffGroup(); err != nil {
		return g, from, to, err
	}
	from, to, err = c.statPeriod()
	return g, from, to, err
}

// topicStats are the statistics of one group topic.
func (c *apiCall) topicStats(t world.Topic) object {
	likes := c.world.LikeCount(world.LikeTopic, t.ID)
	comments := c.world.CommentCount(world.DiscussedTopic, t.ID)
	reshares := c.world.Figure(0, likes/2+1, "reshares", t.ID)
	engagement := likes + comments + reshares
	reach := engagement*c.world.Figure(8, 40, "reach-factor", t.ID) + c.world.Figure(10, 500, "reach", t.ID)
	return object{
		{"id", t.ID}, {"created_ms", t.Created.UnixMilli()}, {"reach", reach},
		{"reach_own", reach * 3 / 4}, {"reach_earned", reach - reach*3/4}, {"engagement", engagement},
		{"likes", likes}, {"comments", comments}, {"reshares", reshares},
		{"feedback", c.world.Figure(0, 3, "feedback", t.ID)},
	}
}

// pickFields keeps the fields asked for (all when none of them is known); keep
// names are always there.
func pickFields(o object, fields fieldSet, keep ...string) object {
	known := false
	for _, f := range o {
		known = known || fields[f.key]
	}
	if !known {
		return o
	}
	out := object{}
	for _, f := range o {
		if fields[f.key] || slices.Contains(keep, f.key) {
			out = append(out, f)
		}
	}
	return out
}

// dayStart is the start of t's day in Moscow.
func dayStart(t time.Time) time.Time {
	y, m, d := t.In(moscow).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, moscow)
}

// statPeriod reads start_time and end_time (ms) with their defaults: the
// last week up to now.
func (c *apiCall) statPeriod() (from, to time.Time, err *Error) {
	to = c.now
	if ms, ok := c.int64Param("end_time", 0); ok {
		to = time.UnixMilli(ms)
	}
	from = to.AddDate(0, 0, -7)
	if ms, ok := c.int64Param("start_time", 0); ok {
		from = time.UnixMilli(ms)
	}
	if from.After(to) {
		return from, to, errParam("Invalid period: start_time %d is after end_time %d", from.UnixMilli(), to.UnixMilli())
	}
	return from, to, nil
}

// groupGetStatTopic answers the statistics of one group topic.
func groupGetStatTopic(c *apiCall) (any, *Error) {
	id := c.params.Value("topic_id")
	t, ok := c.world.Topic(id)
	if !ok || t.GroupID == "" {
		return nil, Errorf(CodeNotFound, "Group topic %s not found", id)
	}
	if err := c.requireGroupStaff(t.GroupID); err != nil {
		return nil, err
	}
	return object{{"topic", pickFields(c.topicStats(t), parseFields(c.params.Value("fields")), "id")}}, nil
}

// groupGetStatTopics pages through the statistics of the group's topics
// posted within the period, the newest first.
func groupGetStatTopics(c *apiCall) (any, *Error) {
	g, from, to, err := c.staffGroupPeriod()
	if err != nil {
		return nil, err
	}
	if _, given := c.int64Param("start_time", 0); !given {
		// Without a start, every topic since the group began.
		from = time.Time{}
	}
	var topics []world.Topic
	for _, t := range c.world.Topics(g.ID) {
		if !t.Created.Before(from) && !t.Created.After(to) {
			topics = append(topics, t)
		}
	}
	p, err := c.paginate(len(topics), "anchor", 20, 100)
	if err != nil {
		return nil, err
	}
	fields := parseFields(c.params.Value("fields"))
	return pagedObjects("topics", topics, p, func(t world.Topic) object { return pickFields(c.topicStats(t), fields, "id") }), nil
}

// dayFigures are a group's figures of one day.
func (c *apiCall) dayFigures(gid string, day time.Time) (reach, engagement, joined, left int) {
	key := day.Format("2006-01-02")
	members := c.world.MemberCount(gid)
	reach = c.world.Figure(members, members*6+20, "day-reach", gid, key)
	engagement = c.world.Figure(0, reach/8+1, "day-engagement", gid, key)
	joined = c.world.Figure(0, members/15+2, "day-joined", gid, key)
	left = c.world.Figure(0, joined/2+1, "day-left", gid, key)
	return
}

// groupGetStatTrends answers daily series over the period: reach,
// engagement, members and their flow, likes and comments of the topics
// posted that day.
func groupGetStatTrends(c *apiCall) (any, *Error) {
	g, from, to, err := c.staffGroupPeriod()
	if err != nil {
		return nil, err
	}
	first, last := dayStart(from), dayStart(to)
	if days := int(last.Sub(first).Hours()/24) + 1; days > maxTrendDays {
		return nil, errParam("Period of %d days is too long, at most %d allowed", days, maxTrendDays)
	}
	names := []string{"reach", "engagement", "members_count", "new_members", "left_members", "likes", "comments", "page_visits"}
	series := map[string][]object{}
	point := func(name string, day time.Time, v int) {
		series[name] = append(series[name], object{{"time", day.UnixMilli()}, {"value", v}})
	}
	// members_count walks back from today's count through each day's flow.
	members := c.world.MemberCount(g.ID)
	for day := dayStart(c.now); day.After(last); day = day.AddDate(0, 0, -1) {
		_, _, joined, left := c.dayFigures(g.ID, day)
		members -= joined - left
	}
	counts := map[string]int{}
	for day := last; !day.Before(first); day = day.AddDate(0, 0, -1) {
		counts[day.Format("2006-01-02")] = members
		_, _, joined, left := c.dayFigures(g.ID, day)
		members -= joined - left
	}
	topics := c.world.Topics(g.ID)
	for day := first; !day.After(last); day = day.AddDate(0, 0, 1) {
		reach, engagement, joined, left := c.dayFigures(g.ID, day)
		likes, comments := 0, 0
		for _, t := range topics {
			if dayStart(t.Created).Equal(day) {
				likes += c.world.LikeCount(world.LikeTopic, t.ID)
				comments += c.world.CommentCount(world.DiscussedTopic, t.ID)
			}
		}
		point("reach", day, reach)
		point("engagement", day, engagement+likes+comments)
		point("members_count", day, max(0, counts[day.Format("2006-01-02")]))
		point("new_members", day, joined)
		point("left_members", day, left)
		point("likes", day, likes)
		point("comments", day, comments)
		point("page_visits", day, c.world.Figure(0, reach/3+1, "day-visits", g.ID, day.Format("2006-01-02")))
	}
	trends := object{}
	for _, name := range names {
		trends = append(trends, field{name, series[name]})
	}
	return object{{"trends", pickFields(trends, parseFields(c.params.Value("fields")))}}, nil
}

// groupGetStatOverview answers the overview of a week (the last seven
// days) or of a month (period=MONTH, start_time one of months_ms).
func groupGetStatOverview(c *apiCall) (any, *Error) {
	g, err := c.staffGroup()
	if err != nil {
		return nil, err
	}
	months := statMonths(g.Created, c.now)
	to, days := dayStart(c.now), 7
	switch strings.ToUpper(c.params.Value("period")) {
	case "", "WEEK":
	case "MONTH":
		start := months[len(months)-1]
		if ms, ok := c.int64Param("start_time", 0); ok {
			start = time.UnixMilli(ms).In(moscow)
			if !containsMonth(months, start) {
				return nil, errParam("Invalid parameter start_time value %d: not one of months_ms", ms)
			}
		}
		to, days = start.AddDate(0, 1, -1), start.AddDate(0, 1, -1).Day()
	}
	var reach, engagement, joined, left int
	for i := range days {
		r, e, j, l := c.dayFigures(g.ID, to.AddDate(0, 0, -i))
		reach, engagement, joined, left = reach+r, engagement+e, joined+j, left+l
	}
	monthsMs := make([]int64, len(months))
	for i, m := range months {
		monthsMs[i] = m.UnixMilli()
	}
	all := object{
		{"reach", reach}, {"engagement", engagement},
		{"feedback", c.world.Figure(0, engagement/20+1, "feedback", g.ID, to.Format("2006-01"))},
		{"members_count", c.world.MemberCount(g.ID)}, {"new_members", joined}, {"left_members", left},
	}
	return append(object{{"months_ms", monthsMs}}, pickFields(all, parseFields(c.params.Value("fields")))...), nil
}

// statMonths are the starts of the months (Moscow) with statistics: the
// last twelve, or since the group was created.
func statMonths(created, now time.Time) []time.Time {
	y, m, _ := now.In(moscow).Date()
	cur := time.Date(y, m, 1, 0, 0, 0, 0, moscow)
	var out []time.Time
	for i := 11; i > 0; i-- {
		if month := cur.AddDate(0, -i, 0); !month.AddDate(0, 1, 0).Before(created) {
			out = append(out, month)
		}
	}
	return append(out, cur)
}

func containsMonth(months []time.Time, t time.Time) bool {
	for _, m := range months {
		if m.Equal(t) {
			return true
		}
	}
	return false
}

// ageBands are the age groups of group.getStatPeople.
var ageBands = []struct {
	name     string
	from, to int
}{{"0-17", 0, 17}, {"18-24", 18, 24}, {"25-34", 25, 34}, {"35-44", 35, 44}, {"45-54", 45, 54}, {"55+", 55, 200}}

// groupGetStatPeople answers the demography of the group's members:
// genders, age bands and cities (fields picks among those three).
func groupGetStatPeople(c *apiCall) (any, *Error) {
	g, err := c.staffGroup()
	if err != nil {
		return nil, err
	}
	switch t := strings.ToUpper(c.params.Value("demo_type")); t {
	case "", "MEMBERS", "REACH", "ENGAGEMENT":
	default:
		return nil, errParam("Invalid parameter demo_type value %s", c.params.Value("demo_type"))
	}
	genders := map[string]int{}
	ages := make([]int, len(ageBands))
	cities := map[string]int{}
	var cityOrder []string
	for _, m := range c.world.GroupMembers(g.ID) {
		u, ok := c.world.User(m.UserID)
		if !ok {
			continue
		}
		genders[u.Gender]++
		if age, ok := u.Age(c.now); ok {
			for i, b := range ageBands {
				if age >= b.from && age <= b.to {
					ages[i]++
				}
			}
		}
		if u.City != "" {
			if cities[u.City] == 0 {
				cityOrder = append(cityOrder, u.City)
			}
			cities[u.City]++
		}
	}
	ageObj := object{}
	for i, b := range ageBands {
		ageObj = append(ageObj, field{b.name, ages[i]})
	}
	cityObj := object{}
	for _, city := range cityOrder {
		cityObj = append(cityObj, field{city, cities[city]})
	}
	demo := object{
		{"genders", object{{world.Male, genders[world.Male]}, {world.Female, genders[world.Female]}}},
		{"ages", ageObj}, {"cities", cityObj},
	}
	return object{{"demography", pickFields(demo, parseFields(c.params.Value("fields")))}}, nil
}
