package world

import "encoding/json"

// The fixed example objects: those of the shared contract
// (notes/contracts.md) and the dedicated ones of openapi/EXAMPLES.md
// (5750000009xx). They exist in every world whatever the seed, so that the
// `example` values of the OpenAPI document work on any seed; their names
// and contents come from the seed like everything else. A new example is a
// constant here and a line in examples() (or in the populate hook of the
// extension kind it belongs to).
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

// Dedicated examples of openapi/EXAMPLES.md. Destructive methods get
// objects of their own, so that one method's example never breaks
// another's.
const (
	// ExampleDeletableAlbumID is an album of the default user for the
	// photos.deleteAlbum example.
	ExampleDeletableAlbumID = "575000000911"
	// ExampleDeletablePhotoID is a photo of the default user in the example
	// album, for the photos.deletePhoto example.
	ExampleDeletablePhotoID = "575000000912"
	// ExampleFriendPhotoID is a photo of the example friend (own photos
	// cannot be liked), in ExampleFriendAlbumID.
	ExampleFriendPhotoID = "575000000914"
	// ExampleFriendAlbumID is a PUBLIC album of the example friend.
	ExampleFriendAlbumID = "575000000915"
	// ExampleGuestID is a user who visited the default user's profile
	// (users.deleteGuests); the guest list itself belongs to a future
	// guests kind.
	ExampleGuestID = "575000000921"
	// ExampleFriendTopicID is a media topic of the example friend, which
	// the default user bookmarked (the bookmark belongs to a future
	// bookmarks kind).
	ExampleFriendTopicID = "575000000931"
	// ExamplePollTopicID is a media topic of the default user whose first
	// media block is a poll (the example friend's vote for answer 0
	// belongs to a future poll votes kind).
	ExamplePollTopicID = "575000000942"
)

// The other examples of openapi/EXAMPLES.md belong to extension kinds,
// each created by its kind's populate hook:
//
//	575000000901-906  market products and catalogs (market.go)
//	575000000913      photo tag of the example friend on ExamplePhotoID (phototags.go)
//	575000000916, 917 photos uploaded for the example group, not committed (groupphotos.go)
//	575000000941      comment of the example friend on ExampleGroupTopicID (comments.go)
//	575000000951-953  notification mailings of every application (notifications.go)
//	575000000961-963  feed items and a banner in the default user's feed (feed.go)
//	575000000971-973  videos and a video channel of the default user (videos.go)
//	575000000981      pin id of a group-feed event of the example group (grouppins.go)
//
// Their ids are outside every seeded and counter range (ids.go), so the
// seeded content drawn before them cannot take them.

// exampleUserIDs are the example users, the default user first.
var exampleUserIDs = []string{DefaultUserID, ExampleFriendID, ExampleFriend2ID, ExampleGuestID}

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
	g.w.albums.put(album)
	g.addPhoto(ExamplePhotoID, album, DefaultUserID)
	g.fillAlbum(album, g.between(1, 4))

	groupAlbum := g.addAlbum(ExampleGroupAlbumID, DefaultUserID, ExampleGroupID)
	g.fillAlbum(groupAlbum, g.between(1, 4))

	g.addTopic(ExampleTopicID, DefaultUserID, "")
	g.addTopic(ExampleGroupTopicID, DefaultUserID, ExampleGroupID)

	g.dedicatedExamples(album)
}

// dedicatedExamples creates the objects of openapi/EXAMPLES.md that belong
// to the core kinds.
func (g *generator) dedicatedExamples(exampleAlbum Album) {
	deletable := g.addAlbum(ExampleDeletableAlbumID, DefaultUserID, "")
	g.fillAlbum(deletable, g.between(1, 3))
	g.addPhoto(ExampleDeletablePhotoID, exampleAlbum, DefaultUserID)

	friendAlbum := g.addAlbum(ExampleFriendAlbumID, ExampleFriendID, "")
	friendAlbum.Type = AlbumPublic
	g.w.albums.put(friendAlbum)
	g.addPhoto(ExampleFriendPhotoID, friendAlbum, ExampleFriendID)

	g.addTopic(ExampleFriendTopicID, ExampleFriendID, "")
	poll := g.addTopic(ExamplePollTopicID, DefaultUserID, "")
	poll.Media = append([]json.RawMessage{g.pollBlock()}, poll.Media[:1]...)
	g.w.topics.put(poll)
}
