package world

import (
	"errors"
	"slices"
	"testing"
)

func TestSeededGroups(t *testing.T) {
	shorts := map[string]bool{}
	for _, seed := range testSeeds {
		w := newTestWorld(t, seed)
		clear(shorts)
		for _, gid := range w.GroupIDs() {
			g, _ := w.Group(gid)
			if len(gid) != 14 || !isDigits(gid) {
				t.Errorf("gid %q", gid)
			}
			if !cyrillicText.MatchString(g.Name) || g.Description == "" || !cdnPicture.MatchString(g.PicAvatar) {
				t.Errorf("group %+v", g)
			}
			if !shortname.MatchString(g.Shortname) || shorts[g.Shortname] {
				t.Errorf("shortname %q (duplicate: %v)", g.Shortname, shorts[g.Shortname])
			}
			shorts[g.Shortname] = true
			if !slices.Contains([]string{AccessOpen, AccessClosed, AccessSecret}, g.AccessType) {
				t.Errorf("access type %q", g.AccessType)
			}
			if s, _ := w.MemberStatus(gid, g.AdminUID); s != MemberAdmin {
				t.Errorf("admin %s of %s has status %q", g.AdminUID, gid, s)
			}
			if g.Created.After(testNow) || g.Created.IsZero() {
				t.Errorf("group created %v", g.Created)
			}
			members := w.GroupMembers(gid)
			if len(members) < 2 || w.MemberCount(gid) != len(members) {
				t.Errorf("group %s has %d members (count %d)", gid, len(members), w.MemberCount(gid))
			}
			for _, m := range members {
				if !slices.Contains(w.UserGroups(m.UserID), m) {
					t.Errorf("membership %+v is not in UserGroups", m)
				}
				if !slices.Contains(memberStatuses, m.Status) {
					t.Errorf("status %q", m.Status)
				}
			}
		}
		if len(w.UserGroups(DefaultUserID)) < 2 {
			t.Errorf("seed %d: the default user is in %d groups", seed, len(w.UserGroups(DefaultUserID)))
		}
	}
}

func TestJoinLeaveAndStatus(t *testing.T) {
	w := newTestWorld(t, 4)
	uid := mustNonMember(t, w, ExampleGroupID)
	must(t, w.JoinGroup(ExampleGroupID, uid))
	if s, _ := w.MemberStatus(ExampleGroupID, uid); s != MemberActive {
		t.Errorf("after JoinGroup status = %q", s)
	}
	must(t, w.SetMemberStatus(ExampleGroupID, uid, MemberModerator))
	must(t, w.JoinGroup(ExampleGroupID, uid)) // joining again keeps the status
	if s, _ := w.MemberStatus(ExampleGroupID, uid); s != MemberModerator {
		t.Errorf("after a second JoinGroup status = %q", s)
	}
	if !slices.Contains(w.UserGroups(uid), Membership{ExampleGroupID, uid, MemberModerator}) {
		t.Error("UserGroups misses the membership")
	}
	must(t, w.LeaveGroup(ExampleGroupID, uid))
	must(t, w.LeaveGroup(ExampleGroupID, uid))
	if w.IsMember(ExampleGroupID, uid) || slices.ContainsFunc(w.GroupMembers(ExampleGroupID), func(m Membership) bool { return m.UserID == uid }) {
		t.Error("still a member after LeaveGroup")
	}

	if err := w.JoinGroup("1", uid); !errors.Is(err, ErrUnknownGroup) {
		t.Errorf("JoinGroup unknown group: %v", err)
	}
	if err := w.JoinGroup(ExampleGroupID, "1"); !errors.Is(err, ErrUnknownUser) {
		t.Errorf("JoinGroup unknown user: %v", err)
	}
	if err := w.SetMemberStatus(ExampleGroupID, uid, "KING"); !errors.Is(err, ErrInvalid) {
		t.Errorf("SetMemberStatus KING: %v", err)
	}
}

func TestAnAdminWhoLeavesHandsTheGroupOn(t *testing.T) {
	w := New(Options{Seed: 4, Users: -1, Groups: -1, Now: testNow})
	must(t, w.SetMemberStatus(ExampleGroupID, ExampleFriend2ID, MemberModerator))
	must(t, w.LeaveGroup(ExampleGroupID, DefaultUserID))
	g, _ := w.Group(ExampleGroupID)
	if g.AdminUID != ExampleFriend2ID {
		t.Errorf("new admin = %q, want the moderator", g.AdminUID)
	}
	if s, _ := w.MemberStatus(ExampleGroupID, ExampleFriend2ID); s != MemberAdmin {
		t.Errorf("new admin's status = %q", s)
	}
}

func TestCreateAndDeleteGroup(t *testing.T) {
	w := newTestWorld(t, 4)
	gid := mustID(t)(w.CreateGroup(Group{Name: "Новая группа", AdminUID: ExampleFriendID}))
	g, ok := w.Group(gid)
	if !ok || len(gid) != 14 || g.AccessType != AccessOpen || !g.Created.Equal(testNow) || g.PicAvatar == "" {
		t.Errorf("created group = %+v", g)
	}
	if s, _ := w.MemberStatus(gid, ExampleFriendID); s != MemberAdmin {
		t.Errorf("creator's status = %q", s)
	}
	aid := mustID(t)(w.CreateAlbum(Album{OwnerUID: ExampleFriendID, GroupID: gid, Title: "Встречи"}))
	pid := mustID(t)(w.AddPhoto(Photo{AlbumID: aid}))
	tid := mustID(t)(w.PostTopic(Topic{AuthorUID: ExampleFriendID, GroupID: gid, Media: textMedia("Привет")}))

	must(t, w.DeleteGroup(gid))
	if _, ok := w.Group(gid); ok || w.IsMember(gid, ExampleFriendID) {
		t.Error("group or membership survived")
	}
	if _, ok := w.Album(aid); ok {
		t.Error("group album survived")
	}
	if _, ok := w.Photo(pid); ok {
		t.Error("group photo survived")
	}
	if _, ok := w.Topic(tid); ok {
		t.Error("group topic survived")
	}
	if err := w.DeleteGroup(gid); !errors.Is(err, ErrUnknownGroup) {
		t.Errorf("second DeleteGroup: %v", err)
	}
	if _, err := w.CreateGroup(Group{Name: "x", AdminUID: "1"}); !errors.Is(err, ErrUnknownUser) {
		t.Errorf("CreateGroup with an unknown admin: %v", err)
	}
	if _, err := w.CreateGroup(Group{AdminUID: DefaultUserID}); !errors.Is(err, ErrInvalid) {
		t.Errorf("CreateGroup without a name: %v", err)
	}
}

// mustNonMember finds a user outside the group.
func mustNonMember(t *testing.T, w *World, gid string) string {
	t.Helper()
	for _, uid := range w.UserIDs() {
		if !w.IsMember(gid, uid) {
			return uid
		}
	}
	t.Fatal("everyone is a member")
	return ""
}
