package world

// The fixed example objects of the shared contract (notes/contracts.md).
// They exist in every world whatever the seed, so that the `example`
// values of the OpenAPI document work on any seed; their names and
// contents come from the seed like everything else. Further dedicated
// examples (for instance objects meant to be deleted) are added here: a
// constant, and a line in examples().
const (
	// DefaultUserID is the user of sessions that name none.
	DefaultUserID = "575000000001"
	// ExampleFriendID is a friend of the default user and a member of the
	// example group.
	ExampleFriendID = "575000000002"
	// ExampleFriend2ID is a second friend of the default user.
	ExampleFriend2ID = "575000000003"
	// ExampleGroupID is an OPEN group whose ADMIN is the default user.
	ExampleGroupID = "57500000000001"
	// ExampleAlbumID is a PUBLIC album of the default user.
	ExampleAlbumID = "575000000101"
	// ExampleGroupAlbumID is an album of the example group.
	ExampleGroupAlbumID = "575000000102"
	// ExamplePhotoID is a photo of the default user in the example album.
	ExamplePhotoID = "575000000201"
	// ExampleTopicID is a media topic posted by the default user.
	ExampleTopicID = "575000000301"
	// ExampleGroupTopicID is a topic of the default user in the example
	// group.
	ExampleGroupTopicID = "575000000302"
)

// exampleUserIDs are the example users, the default user first.
var exampleUserIDs = []string{DefaultUserID, ExampleFriendID, ExampleFriend2ID}

// examples creates the example objects with their fixed ids and the
// relations the contract promises; random content is added around them
// later (more friends, members, photos and topics).
func (g *generator) examples() {
	for _, uid := range exampleUserIDs {
		g.addUser(uid)
	}
	// The default user shows every field, email (GET_EMAIL) included.
	if u := g.w.users.byID[DefaultUserID]; u.Email == "" {
		u.Email = g.email(u.FirstName, u.LastName, g.now.Year()-30)
		g.w.users.byID[DefaultUserID] = u
	}
	g.w.friends.link(DefaultUserID, ExampleFriendID)
	g.w.friends.link(DefaultUserID, ExampleFriend2ID)

	grp := g.addGroup(ExampleGroupID, DefaultUserID)
	grp.AccessType = AccessOpen
	g.w.groups.byID[ExampleGroupID] = grp
	g.w.groups.setMember(ExampleGroupID, ExampleFriendID, MemberActive)

	album := g.addAlbum(ExampleAlbumID, DefaultUserID, "")
	album.Type = AlbumPublic
	g.w.albums.byID[ExampleAlbumID] = album
	g.addPhoto(ExamplePhotoID, album, DefaultUserID)
	g.fillAlbum(album, g.between(1, 4))

	groupAlbum := g.addAlbum(ExampleGroupAlbumID, DefaultUserID, ExampleGroupID)
	g.fillAlbum(groupAlbum, g.between(1, 4))

	g.addTopic(ExampleTopicID, DefaultUserID, "")
	g.addTopic(ExampleGroupTopicID, DefaultUserID, ExampleGroupID)
}
