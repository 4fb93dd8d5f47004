package mock

import (
	"encoding/json"
	"net/http/httptest"
	"testing"

	"github.com/okmock/okmock/mock/world"
)

// An album's life: created, listed, edited, filled by an upload, given a
// cover, its photo captioned and deleted, and the album deleted.
func TestAlbumWritesAreReadBack(t *testing.T) {
	ts, tok := newWriteServer(t)
	var aid string
	ts.ok(tok, callParams("photos.createAlbum", "title", "Дача", "description", "Лето", "type", "FRIENDS"), &aid)

	var albums struct {
		Albums []struct{ Aid, Title, Type, Description string }
	}
	ts.ok(tok, callParams("photos.getAlbums", "fields", "aid,title,type,description"), &albums)
	if len(albums.Albums) == 0 || albums.Albums[0].Aid != aid || albums.Albums[0].Title != "Дача" || albums.Albums[0].Type != "FRIENDS" {
		t.Fatalf("getAlbums after createAlbum: %+v", albums.Albums)
	}

	ts.ok(tok, callParams("photos.editAlbum", "aid", aid, "title", "Дача 2026", "description", "Осень", "type", "PRIVATE"), nil)
	var info struct {
		Album struct {
			Title, Description, Type string
			PhotosCount              int                  `json:"photos_count"`
			MainPhoto                *struct{ ID string } `json:"main_photo"`
		}
	}
	ts.ok(tok, callParams("photos.getAlbumInfo", "aid", aid), &info)
	if info.Album.Title != "Дача 2026" || info.Album.Description != "Осень" || info.Album.Type != "PRIVATE" || info.Album.PhotosCount != 0 {
		t.Fatalf("getAlbumInfo after editAlbum: %+v", info.Album)
	}

	pid := uploadPhoto(ts, tok, aid)
	ts.ok(tok, callParams("photos.getAlbumInfo", "aid", aid), &info)
	if info.Album.PhotosCount != 1 || info.Album.MainPhoto == nil || info.Album.MainPhoto.ID != pid {
		t.Fatalf("getAlbumInfo after the upload: %+v", info.Album)
	}
	second := uploadPhoto(ts, tok, aid)
	ts.ok(tok, callParams("photos.setAlbumMainPhoto", "aid", aid, "photo_id", pid), nil)
	ts.ok(tok, callParams("photos.getAlbumInfo", "aid", aid, "fields", "main_photo"), &info)
	if info.Album.MainPhoto == nil || info.Album.MainPhoto.ID != pid {
		t.Fatalf("cover after setAlbumMainPhoto = %+v, want %s", info.Album.MainPhoto, pid)
	}

	ts.ok(tok, callParams("photos.editPhoto", "photo_id", second, "description", "Яблоня"), nil)
	var photo struct{ Photo struct{ ID, Text string } }
	ts.ok(tok, callParams("photos.getPhotoInfo", "photo_id", second), &photo)
	if photo.Photo.Text != "Яблоня" {
		t.Errorf("caption after editPhoto = %q", photo.Photo.Text)
	}
	ts.ok(tok, callParams("photos.editPhoto", "photo_id", second), nil)
	ts.ok(tok, callParams("photos.getPhotoInfo", "photo_id", second), &photo)
	if photo.Photo.Text != "" {
		t.Errorf("editPhoto without description kept %q", photo.Photo.Text)
	}

	var page struct {
		Photos []struct{ ID string }
	}
	ts.ok(tok, callParams("photos.getPhotos", "aid", aid), &page)
	if len(page.Photos) != 2 || page.Photos[0].ID != second {
		t.Fatalf("getPhotos = %+v, want the two uploads newest first", page.Photos)
	}
	ts.ok(tok, callParams("photos.deletePhoto", "photo_id", second), nil)
	ts.fails(CodePhotoID, tok, callParams("photos.getPhotoInfo", "photo_id", second))
	ts.ok(tok, callParams("photos.deleteAlbum", "aid", aid), nil)
	ts.fails(CodeAlbumID, tok, callParams("photos.getAlbumInfo", "aid", aid))
	ts.fails(CodePhotoID, tok, callParams("photos.getPhotoInfo", "photo_id", pid))
}

// uploadPhoto puts one photo in the album through the upload chain and
// returns its id.
func uploadPhoto(ts *testServer, tok, aid string) string {
	ts.t.Helper()
	var up uploadURL
	ts.ok(tok, callParams("photosV2.getUploadUrl", "aid", aid), &up)
	var res uploadResult
	decode(ts.t, ts.upload(up.UploadURL, pngBytes), &res)
	var commit struct {
		Photos []commitResult `json:"photos"`
	}
	ts.ok(tok, callParams("photosV2.commit", "photo_id", up.PhotoIDs[0], "token", res.Photos[up.PhotoIDs[0]].Token), &commit)
	if len(commit.Photos) != 1 || commit.Photos[0].Status != "SUCCESS" {
		ts.t.Fatalf("commit: %+v", commit)
	}
	return commit.Photos[0].Assigned
}

func decode(t testing.TB, rec *httptest.ResponseRecorder, out any) {
	t.Helper()
	if err := json.Unmarshal(rec.Body.Bytes(), out); err != nil {
		t.Fatalf("%v: %s", err, rec.Body)
	}
}

// Likes of photos and albums show in the likes lists and in liked_it;
// liking one's own is refused, liking twice is harmless.
func TestPhotoLikesAreReadBack(t *testing.T) {
	ts, tok := newWriteServer(t)
	for range 2 {
		ts.ok(tok, callParams("photos.addPhotoLike", "photo_id", world.ExampleFriendPhotoID), nil)
		ts.ok(tok, callParams("photos.addAlbumLike", "aid", world.ExampleFriendAlbumID), nil)
	}
	var likes struct {
		Users []struct{ UID string }
	}
	ts.ok(tok, callParams("photos.getPhotoLikes", "photo_id", world.ExampleFriendPhotoID), &likes)
	if len(likes.Users) == 0 || likes.Users[0].UID != world.DefaultUserID {
		t.Errorf("getPhotoLikes = %+v, want the default user first", likes.Users)
	}
	ts.ok(tok, callParams("photos.getAlbumLikes", "aid", world.ExampleFriendAlbumID), &likes)
	if len(likes.Users) != 1 || likes.Users[0].UID != world.DefaultUserID {
		t.Errorf("getAlbumLikes = %+v, want the default user", likes.Users)
	}
	var photo struct {
		Photo struct {
			LikedIt   bool `json:"liked_it"`
			LikeCount int  `json:"like_count"`
		}
	}
	ts.ok(tok, callParams("photos.getPhotoInfo", "photo_id", world.ExampleFriendPhotoID, "fields", "liked_it,like_count"), &photo)
	if !photo.Photo.LikedIt || photo.Photo.LikeCount < 1 {
		t.Errorf("getPhotoInfo after the like: %+v", photo.Photo)
	}
	ts.fails(CodeParam, tok, callParams("photos.addPhotoLike", "photo_id", world.ExamplePhotoID))
	ts.fails(CodeParam, tok, callParams("photos.addAlbumLike", "aid", world.ExampleAlbumID))
}

// Deleted tags are gone from getTags and from the tagged user's "tags"
// album; deleting them again is harmless.
func TestDeletedTagsAreGone(t *testing.T) {
	ts, tok := newWriteServer(t)
	friend := ts.sessionOf(world.ExampleFriendID, "VALUABLE_ACCESS", "PHOTO_CONTENT")
	var tagged struct {
		Photos []struct{ ID string }
	}
	ts.ok(friend, callParams("photos.getPhotos", "aid", "tags"), &tagged)
	if !containsPhoto(tagged.Photos, world.ExamplePhotoID) {
		t.Fatalf("the friend's tags album lacks %s: %+v", world.ExamplePhotoID, tagged.Photos)
	}
	for range 2 {
		ts.ok(tok, callParams("photos.deleteTags", "photo_id", world.ExamplePhotoID, "tag_ids", world.ExamplePhotoTagID), nil)
	}
	var tags struct {
		Tags []struct{ ID string } `json:"photo_tags"`
	}
	ts.ok(tok, callParams("photos.getTags", "photo_id", world.ExamplePhotoID), &tags)
	for _, tg := range tags.Tags {
		if tg.ID == world.ExamplePhotoTagID {
			t.Errorf("tag %s still listed", tg.ID)
		}
	}
	ts.ok(friend, callParams("photos.getPhotos", "aid", "tags"), &tagged)
	if containsPhoto(tagged.Photos, world.ExamplePhotoID) {
		t.Error("the friend's tags album still shows the photo")
	}
	// Only the photo's owner removes tags.
	ts.fails(CodeNotOwner, friend, callParams("photos.deleteTags", "photo_id", world.ExamplePhotoID, "tag_ids", "1"))
}

func containsPhoto(photos []struct{ ID string }, id string) bool {
	for _, p := range photos {
		if p.ID == id {
			return true
		}
	}
	return false
}

// Who may see and change what: album types, owners, group managers.
func TestPhotoAccessRules(t *testing.T) {
	ts, tok := newWriteServer(t)
	_, w := ts.srv.state()
	stranger := ""
	for _, uid := range w.UserIDs() {
		if uid != world.DefaultUserID && !w.AreFriends(uid, world.DefaultUserID) && !w.IsMember(world.ExampleGroupID, uid) {
			stranger = uid
			break
		}
	}
	scopes := []string{"VALUABLE_ACCESS", "PHOTO_CONTENT", "LIKE"}
	friendTok, strangerTok := ts.sessionOf(world.ExampleFriendID, scopes...), ts.sessionOf(stranger, scopes...)
	album := func(typ string) string {
		var aid string
		ts.ok(tok, callParams("photos.createAlbum", "title", typ, "type", typ), &aid)
		return aid
	}
	friends, private := album("FRIENDS"), album("PRIVATE")

	ts.ok(friendTok, callParams("photos.getAlbumInfo", "aid", friends), nil)
	ts.fails(codePrivacyRestriction, strangerTok, callParams("photos.getAlbumInfo", "aid", friends))
	ts.fails(codePrivacyRestriction, friendTok, callParams("photos.getAlbumInfo", "aid", private))
	ts.fails(codeAlbumNotUsers, friendTok, callParams("photos.editAlbum", "aid", friends, "title", "чужой"))
	ts.fails(codeAlbumNotUsers, friendTok, callParams("photos.deleteAlbum", "aid", friends))
	ts.fails(CodeNotOwner, friendTok, callParams("photos.deletePhoto", "photo_id", world.ExamplePhotoID))
	ts.fails(codeAlbumNotGroups, tok, callParams("photos.getAlbumInfo", "aid", world.ExampleAlbumID, "gid", world.ExampleGroupID))
	ts.fails(CodeGroupID, tok, callParams("photos.getAlbums", "gid", "1"))

	// The example group's admin manages its albums; a member does not.
	var gaid string
	ts.ok(tok, callParams("photos.createAlbum", "gid", world.ExampleGroupID, "title", "Встреча"), &gaid)
	ts.fails(codeNotAdmin, friendTok, callParams("photos.editAlbum", "aid", gaid, "gid", world.ExampleGroupID, "title", "x"))
	ts.fails(codeNotAdmin, friendTok, callParams("photos.createAlbum", "gid", world.ExampleGroupID, "title", "x"))
	var groupAlbums struct {
		Albums []struct{ Aid string }
	}
	ts.ok(strangerTok, callParams("photos.getAlbums", "gid", world.ExampleGroupID), &groupAlbums)
	if len(groupAlbums.Albums) == 0 || groupAlbums.Albums[0].Aid != gaid {
		t.Errorf("the open group's albums = %+v, want %s first", groupAlbums.Albums, gaid)
	}
}

// The dedicated examples of the destructive methods may be deleted any
// number of times (openapi/EXAMPLES.md); other missing objects are errors.
func TestDedicatedExampleDeletesRepeat(t *testing.T) {
	ts, tok := newWriteServer(t)
	for range 2 {
		ts.ok(tok, callParams("photos.deleteAlbum", "aid", world.ExampleDeletableAlbumID), nil)
		ts.ok(tok, callParams("photos.deletePhoto", "photo_id", world.ExampleDeletablePhotoID), nil)
	}
	ts.fails(CodeAlbumID, tok, callParams("photos.getAlbumInfo", "aid", world.ExampleDeletableAlbumID))
	ts.fails(CodeAlbumID, tok, callParams("photos.deleteAlbum", "aid", "590999999999"))
	ts.fails(CodePhotoID, tok, callParams("photos.deletePhoto", "photo_id", "590999999999"))
}
