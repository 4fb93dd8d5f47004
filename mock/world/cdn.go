package world

import (
	"crypto/sha256"
	"encoding/base64"
	"strconv"
)

// cdnBase is where OK serves pictures; the r= token names the picture.
const cdnBase = "https://i.mycdn.me/i?r="

// cdnToken is the picture token of an object: a hash of the seed and the
// object, so that it is the same in every run and differs between worlds
// without drawing from the world's random sequence.
func cdnToken(seed int64, kind, id string) string {
	sum := sha256.Sum256([]byte("okmock/" + strconv.FormatInt(seed, 10) + "/" + kind + "/" + id))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// cdnURL is a picture address of the object, resized as fn says (sqr_50
// is a 50x50 square crop, w_640 is 640 pixels wide).
func cdnURL(seed int64, kind, id, fn string) string {
	return cdnPic(cdnToken(seed, kind, id), fn)
}

// cdnPic is the address of the picture with the token, resized as fn says.
func cdnPic(token, fn string) string {
	return cdnBase + token + "&fn=" + fn
}

// userPics are a user's pic_1 (50x50), pic_2 (128 wide), pic_3 (190x190)
// and pic_4 (640 wide).
func userPics(seed int64, uid string) [4]string {
	t := cdnToken(seed, "user", uid)
	return [4]string{cdnPic(t, "sqr_50"), cdnPic(t, "w_128"), cdnPic(t, "sqr_190"), cdnPic(t, "w_640")}
}
