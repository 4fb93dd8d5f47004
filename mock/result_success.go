package mock

// successResult is the {"success": true} of OK's write methods.
type successResult struct {
	Success bool `json:"success"`
}

// success answers a write that was made.
func success() successResult { return successResult{true} }

// written answers a world write: {"success": true} when it was made, its
// OK error otherwise.
func written(err error) (any, *Error) {
	if err != nil {
		return nil, worldError(err)
	}
	return success(), nil
}
