package mock

import (
	"encoding/json"
	"slices"
	"strconv"

	"github.com/okmock/okmock/mock/world"
)

// productBlock is the product media block of market.add and market.edit.
type productBlock struct {
	Type     string          `json:"type"`
	Price    json.RawMessage `json:"price"`
	Currency string          `json:"currency"`
	Lifetime *int            `json:"lifetime"`
}

// productAttachment reads the attachment of market.add and market.edit:
// media blocks in a fixed order — the title text, an optional description
// text, an optional photo block, then the product block with its price
// and currency (RUB by default; lifetime 30 or 0 when given).
func (c *apiCall) productAttachment() (world.Product, *Error) {
	var p world.Product
	bad := func(why string) (world.Product, *Error) {
		return world.Product{}, errParam("Invalid parameter attachment: %s", why)
	}
	var a attachment
	if err := json.Unmarshal([]byte(c.params.Value("attachment")), &a); err != nil {
		return bad("not a JSON object")
	}
	stage := 0 // 0 title, 1 description, 2 photo, 3 product, 4 done
	for _, raw := range a.Media {
		var b mediaBlock
		if err := json.Unmarshal(raw, &b); err != nil {
			return bad("bad media block")
		}
		switch {
		case b.Type == "text" && stage == 0:
			if b.Text == "" {
				return bad("empty title")
			}
			p.Title, stage = b.Text, 1
		case b.Type == "text" && stage == 1:
			p.Description, stage = b.Text, 2
		case b.Type == "photo" && (stage == 1 || stage == 2):
			for _, ref := range b.List {
				if err := c.checkPhotoRef(ref.ID, ref.PhotoID); err != nil {
					return world.Product{}, err
				}
				p.Photos = append(p.Photos, ref.ID+ref.PhotoID)
			}
			stage = 3
		case b.Type == "product" && stage >= 1 && stage <= 3:
			if err := readProductBlock(raw, &p); err != nil {
				return world.Product{}, err
			}
			stage = 4
		default:
			return bad("blocks must be the title, an optional description and photo, then the product")
		}
	}
	if stage != 4 {
		return bad("a product needs a title and a product block")
	}
	return p, nil
}

func readProductBlock(raw json.RawMessage, p *world.Product) *Error {
	var b productBlock
	if err := json.Unmarshal(raw, &b); err != nil {
		return errParam("Invalid parameter attachment: bad product block")
	}
	price := string(b.Price)
	if s, err := strconv.Unquote(price); err == nil {
		price = s
	}
	if v, err := strconv.ParseFloat(price, 64); err != nil || v <= 0 {
		return errParam("Invalid parameter attachment: price %s is not a positive number", price)
	}
	p.Price, p.Currency = price, b.Currency
	if p.Currency == "" {
		p.Currency = "RUB"
	}
	if !slices.Contains(world.Currencies, p.Currency) {
		return errParam("Invalid parameter attachment: currency %s", p.Currency)
	}
	if b.Lifetime != nil && *b.Lifetime != 0 && *b.Lifetime != 30 {
		return errParam("Invalid parameter attachment: lifetime %d, 30 or 0 expected", *b.Lifetime)
	}
	return nil
}
