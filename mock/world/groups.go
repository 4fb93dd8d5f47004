package world

import (
	"encoding/json"
	"slices"
	"time"
)

// Access types of groups.
const (
	AccessOpen   = "OPEN"
	AccessClosed = "CLOSED"
	AccessSecret = "SECRET"
)

// Member statuses of group.getUserGroupsV2 and group.getUserGroupsByIds.
const (
	MemberActive         = "ACTIVE"
	MemberAdmin          = "ADMIN"
	MemberModerator      = "MODERATOR"
	MemberEditor         = "EDITOR"
	MemberAnalyst        = "ANALYST"
	MemberSuperModerator = "SUPER_MODERATOR"
)

// memberStatuses are the statuses SetMemberStatus accepts.
var memberStatuses = []string{MemberActive, MemberAdmin, MemberModerator, MemberEditor, MemberAnalyst, MemberSuperModerator}

// Group is an OK group (community).
type Group struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	Shortname   string    `json:"shortname"`
	AccessType  string    `json:"access_type"`
	AdminUID    string    `json:"admin_uid"`
	Created     time.Time `json:"created"`
	PicAvatar   string    `json:"pic_avatar"`
}

// Membership is one user's place in one group.
type Membership struct {
	GroupID string `json:"group_id"`
	UserID  string `json:"user_id"`
	Status  string `json:"status"`
}

// groupStore holds groups and their members, indexed both ways.
type groupStore struct {
	byID    map[string]Group
	members map[string]map[string]string // gid -> uid -> status
	ofUser  map[string]map[string]string // uid -> gid -> status
}

func newGroupStore() groupStore {
	return groupStore{byID: map[string]Group{}, members: map[string]map[string]string{}, ofUser: map[string]map[string]string{}}
}

func (s *groupStore) has(id string) bool { _, ok := s.byID[id]; return ok }

// setMember adds uid to gid with the status, or changes their status.
func (s *groupStore) setMember(gid, uid, status string) {
	if s.members[gid] == nil {
		s.members[gid] = map[string]string{}
	}
	if s.ofUser[uid] == nil {
		s.ofUser[uid] = map[string]string{}
	}
	s.members[gid][uid] = status
	s.ofUser[uid][gid] = status
}

// unsetMember removes uid from gid.
func (s *groupStore) unsetMember(gid, uid string) {
	delete(s.members[gid], uid)
	if len(s.members[gid]) == 0 {
		delete(s.members, gid)
	}
	delete(s.ofUser[uid], gid)
	if len(s.ofUser[uid]) == 0 {
		delete(s.ofUser, uid)
	}
}

// groupsOf returns the gids of the user's groups, sorted.
func (s *groupStore) groupsOf(uid string) []string {
	gids := make([]string, 0, len(s.ofUser[uid]))
	for gid := range s.ofUser[uid] {
		gids = append(gids, gid)
	}
	return sortIDs(gids)
}

// successor picks who administers gid after its admin left: another
// admin, else the first moderator, else the first member, else nobody.
func (s *groupStore) successor(gid string) string {
	uids := make([]string, 0, len(s.members[gid]))
	for uid := range s.members[gid] {
		uids = append(uids, uid)
	}
	sortIDs(uids)
	for _, want := range []string{MemberAdmin, MemberModerator} {
		for _, uid := range uids {
			if s.members[gid][uid] == want {
				return uid
			}
		}
	}
	if len(uids) > 0 {
		return uids[0]
	}
	return ""
}

// groupState is the snapshot form of groupStore.
type groupState struct {
	Groups  map[string]Group             `json:"groups"`
	Members map[string]map[string]string `json:"members"`
}

func (s *groupStore) save() any { return groupState{s.byID, s.members} }

func (s *groupStore) load(data json.RawMessage) error {
	var st groupState
	if err := json.Unmarshal(data, &st); err != nil {
		return err
	}
	*s = newGroupStore()
	for gid, g := range st.Groups {
		s.byID[gid] = g
	}
	for gid, ms := range st.Members {
		for uid, status := range ms {
			s.setMember(gid, uid, status)
		}
	}
	return nil
}

// Group returns the group with the id.
func (w *World) Group(gid string) (Group, bool) {
	w.mu.RLock()
	g, ok := w.groups.byID[gid]
	w.mu.RUnlock()
	return g, ok
}

// GroupIDs returns every group id, sorted numerically.
func (w *World) GroupIDs() []string {
	w.mu.RLock()
	ids := make([]string, 0, len(w.groups.byID))
	for id := range w.groups.byID {
		ids = append(ids, id)
	}
	w.mu.RUnlock()
	return sortIDs(ids)
}

// UserGroups returns the user's memberships, sorted by group id.
func (w *World) UserGroups(uid string) []Membership {
	w.mu.RLock()
	defer w.mu.RUnlock()
	gids := w.groups.groupsOf(uid)
	out := make([]Membership, len(gids))
	for i, gid := range gids {
		out[i] = Membership{GroupID: gid, UserID: uid, Status: w.groups.ofUser[uid][gid]}
	}
	return out
}

// GroupMembers returns the group's memberships, sorted by user id.
func (w *World) GroupMembers(gid string) []Membership {
	w.mu.RLock()
	defer w.mu.RUnlock()
	ms := w.groups.members[gid]
	uids := make([]string, 0, len(ms))
	for uid := range ms {
		uids = append(uids, uid)
	}
	sortIDs(uids)
	out := make([]Membership, len(uids))
	for i, uid := range uids {
		out[i] = Membership{GroupID: gid, UserID: uid, Status: ms[uid]}
	}
	return out
}

// MemberCount is the number of the group's members.
func (w *World) MemberCount(gid string) int {
	w.mu.RLock()
	n := len(w.groups.members[gid])
	w.mu.RUnlock()
	return n
}

// IsMember reports whether the user belongs to the group, in any status.
func (w *World) IsMember(gid, uid string) bool {
	_, ok := w.MemberStatus(gid, uid)
	return ok
}

// MemberStatus returns the user's status in the group.
func (w *World) MemberStatus(gid, uid string) (status string, ok bool) {
	w.mu.RLock()
	status, ok = w.groups.members[gid][uid]
	w.mu.RUnlock()
	return status, ok
}

// CreateGroup adds a group and returns its new id (g.ID is ignored). The
// admin must exist and becomes its ADMIN member; access type, creation
// time and avatar default to OPEN, Now and a CDN picture.
func (w *World) CreateGroup(g Group) (string, error) {
	if g.Name == "" {
		return "", invalid("empty group name")
	}
	if g.AccessType == "" {
		g.AccessType = AccessOpen
	}
	if !slices.Contains([]string{AccessOpen, AccessClosed, AccessSecret}, g.AccessType) {
		return "", invalid("access type %q", g.AccessType)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.users.has(g.AdminUID) {
		return "", notFound(ErrUnknownUser, g.AdminUID)
	}
	g.ID = w.newIDLocked(longID)
	g.Created = w.stamp(g.Created)
	if g.PicAvatar == "" {
		g.PicAvatar = cdnURL(w.seed, "group", g.ID, "sqr_128")
	}
	w.groups.byID[g.ID] = g
	w.groups.setMember(g.ID, g.AdminUID, MemberAdmin)
	return g.ID, nil
}

// DeleteGroup removes a group with its memberships, albums, photos and
// topics.
func (w *World) DeleteGroup(gid string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.groups.has(gid) {
		return notFound(ErrUnknownGroup, gid)
	}
	for uid := range w.groups.members[gid] {
		w.groups.unsetMember(gid, uid)
	}
	for _, aid := range w.albums.ids(gid) {
		w.deleteAlbumLocked(aid)
	}
	for _, tid := range w.topics.ids(gid) {
		w.deleteTopicLocked(tid)
	}
	delete(w.groups.byID, gid)
	w.forgetLocked("group", gid)
	return nil
}

// JoinGroup makes the user an ACTIVE member; a member keeps their status.
func (w *World) JoinGroup(gid, uid string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkGroupUserLocked(gid, uid); err != nil {
		return err
	}
	if _, member := w.groups.members[gid][uid]; !member {
		w.groups.setMember(keep(gid), keep(uid), MemberActive)
	}
	return nil
}

// LeaveGroup removes the user from the group; leaving a group one is not
// in changes nothing. An admin who leaves hands the group on (see
// RemoveUser).
func (w *World) LeaveGroup(gid, uid string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkGroupUserLocked(gid, uid); err != nil {
		return err
	}
	w.leaveGroupLocked(gid, uid)
	return nil
}

// SetMemberStatus gives the user a status in the group, adding them when
// they are not a member.
func (w *World) SetMemberStatus(gid, uid, status string) error {
	i := slices.Index(memberStatuses, status)
	if i < 0 {
		return invalid("member status %q", status)
	}
	status = memberStatuses[i] // the constant, not the caller's string
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkGroupUserLocked(gid, uid); err != nil {
		return err
	}
	gid, uid = keep(gid), keep(uid)
	w.groups.setMember(gid, uid, status)
	if g := w.groups.byID[gid]; status == MemberAdmin && g.AdminUID == "" {
		g.AdminUID = uid
		w.groups.byID[gid] = g
	}
	return nil
}

func (w *World) checkGroupUserLocked(gid, uid string) error {
	if !w.groups.has(gid) {
		return notFound(ErrUnknownGroup, gid)
	}
	return w.checkUsersLocked(uid)
}

// leaveGroupLocked removes a membership and hands an abandoned group on.
func (w *World) leaveGroupLocked(gid, uid string) {
	if _, member := w.groups.members[gid][uid]; !member {
		return
	}
	w.groups.unsetMember(gid, uid)
	if g := w.groups.byID[gid]; g.AdminUID == uid {
		g.AdminUID = w.groups.successor(gid)
		if g.AdminUID != "" {
			w.groups.setMember(gid, g.AdminUID, MemberAdmin)
		}
		w.groups.byID[gid] = g
	}
}

// checkOwnerLocked checks the user and, when gid is set, the group that
// new content belongs to.
func (w *World) checkOwnerLocked(uid, gid string) error {
	if err := w.checkUsersLocked(uid); err != nil {
		return err
	}
	if gid != "" && !w.groups.has(gid) {
		return notFound(ErrUnknownGroup, gid)
	}
	return nil
}
