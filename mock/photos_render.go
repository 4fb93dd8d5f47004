package mock

import (
	"github.com/okmock/okmock/mock/world"
)

// defaultPhotoFields are the fields of a photo when `fields` is not sent:
// those of the captured photos.getPhotos answer.
var defaultPhotoFields = fieldSet{
	"id": true, "standard_width": true, "standard_height": true, "pic50x50": true, "pic128x128": true,
	"pic190x190": true, "pic640x480": true, "pic1024x768": true, "text": true,
}

// defaultAlbumFields are the fields of an album when `fields` is not
// sent: those of the captured photos.getAlbums answer.
var defaultAlbumFields = fieldSet{"aid": true, "title": true, "created": true, "photos_count": true, "type": true}

// photoPicFields are OK's picture fields of a photo, smallest first.
var photoPicFields = []string{"pic50x50", "pic128x128", "pic190x190", "pic640x480", "pic1024x768"}

// renderPhoto returns the requested fields of a photo; the id always.
func (c *apiCall) renderPhoto(p world.Photo, f fieldSet) object {
	m := object{{"id", p.ID}}
	put := func(name string, v any) {
		if f[name] {
			m = append(m, field{name, v})
		}
	}
	put("album_id", p.AlbumID)
	put("user_id", p.OwnerUID)
	if p.GroupID != "" {
		put("group_id", p.GroupID)
	}
	put("standard_width", p.StandardWidth)
	put("standard_height", p.StandardHeight)
	for _, name := range photoPicFields {
		put(name, p.PicURL(name))
	}
	put("text", p.Text)
	put("created_ms", p.Created.UnixMilli())
	if f["like_count"] {
		put("like_count", c.world.LikeCount(world.LikePhoto, p.ID))
	}
	if f["liked_it"] {
		put("liked_it", c.world.Liked(world.LikePhoto, p.ID, c.uid()))
	}
	if f["comments_count"] {
		put("comments_count", c.world.CommentCount(world.DiscussedPhoto, p.ID))
	}
	return m
}

// renderAlbum returns the requested fields of an album; the aid always.
func (c *apiCall) renderAlbum(a world.Album, f fieldSet) object {
	m := object{{"aid", a.ID}}
	put := func(name string, v any) {
		if f[name] {
			m = append(m, field{name, v})
		}
	}
	put("title", a.Title)
	put("description", a.Description)
	put("created", a.Created.In(moscow).Format("2006-01-02"))
	if f["photos_count"] {
		put("photos_count", c.world.PhotoCount(a.ID))
	}
	put("type", a.Type)
	if a.GroupID != "" {
		put("group_id", a.GroupID)
	} else {
		put("user_id", a.OwnerUID)
	}
	if f["main_photo"] {
		if p, ok := c.world.AlbumCover(a.ID); ok {
			put("main_photo", c.renderPhoto(p, defaultPhotoFields))
		}
	}
	if f["like_count"] {
		put("like_count", c.world.LikeCount(world.LikeAlbum, a.ID))
	}
	if f["liked_it"] {
		put("liked_it", c.world.Liked(world.LikeAlbum, a.ID, c.uid()))
	}
	return m
}

// renderPhotos renders a list of photos with the same fields.
func (c *apiCall) renderPhotos(photos []world.Photo, f fieldSet) []object {
	out := make([]object, len(photos))
	for i, p := range photos {
		out[i] = c.renderPhoto(p, f)
	}
	return out
}
