package world

import "encoding/json"

// loadNamed reads a kind saved as a JSON object of named parts (a kind
// holding several tables or maps), handing each part to its loader. A
// part missing from the snapshot is loaded from JSON null: empty.
func loadNamed(data json.RawMessage, parts map[string]func(json.RawMessage) error) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	for name, load := range parts {
		part := raw[name]
		if len(part) == 0 {
			part = json.RawMessage("null")
		}
		if err := load(part); err != nil {
			return err
		}
	}
	return nil
}

// loadSortedIDLists loads a map of id lists, sorting each list, into
// *dst (never nil afterwards).
func loadSortedIDLists(dst *map[string][]string) func(json.RawMessage) error {
	return func(data json.RawMessage) error {
		var in map[string][]string
		if err := json.Unmarshal(data, &in); err != nil {
			return err
		}
		*dst = make(map[string][]string, len(in))
		for k, ids := range in {
			(*dst)[k] = sortIDs(ids)
		}
		return nil
	}
}

// loadMap loads a map part into *dst (never nil afterwards).
func loadMap[T any](dst *map[string]T) func(json.RawMessage) error {
	return func(data json.RawMessage) error {
		*dst = nil
		err := json.Unmarshal(data, dst)
		if *dst == nil {
			*dst = map[string]T{}
		}
		return err
	}
}
