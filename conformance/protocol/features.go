package protocol

// Feature is something a driver's client library can do; specs that need a
// feature the driver does not claim are skipped.
type Feature string

// The features of protocol version 1.
const (
	// FeatureSignServer: calls in a code-flow session, signed with
	// md5(access_token + application_secret_key).
	FeatureSignServer Feature = "sign_server"
	// FeatureSignClient: calls in a session signed with its
	// session_secret_key.
	FeatureSignClient Feature = "sign_client"
	// FeatureNoSession: calls without a session, signed with the
	// application secret.
	FeatureNoSession Feature = "no_session"
	// FeatureCodeFlow: the authorization code flow.
	FeatureCodeFlow Feature = "code_flow"
	// FeatureImplicitFlow: the implicit (token) flow.
	FeatureImplicitFlow Feature = "implicit_flow"
	// FeatureRefresh: refreshing an access token.
	FeatureRefresh Feature = "refresh"
	// FeatureAutoRefresh: refreshing on error 102 and repeating the call
	// once.
	FeatureAutoRefresh Feature = "auto_refresh"
	// FeatureRetries: retrying errors 2 and 8 and HTTP 5xx with back-off.
	FeatureRetries Feature = "retries"
	// FeatureTimeouts: abandoning an HTTP attempt after timeout_ms.
	FeatureTimeouts Feature = "timeouts"
	// FeaturePhotoUpload: the photo upload chain.
	FeaturePhotoUpload Feature = "photo_upload"
)

// AllFeatures lists every feature of this protocol version.
var AllFeatures = []Feature{
	FeatureSignServer, FeatureSignClient, FeatureNoSession, FeatureCodeFlow, FeatureImplicitFlow,
	FeatureRefresh, FeatureAutoRefresh, FeatureRetries, FeatureTimeouts, FeaturePhotoUpload,
}

// SchemeFeature is the feature a signing scheme needs.
func SchemeFeature(sign string) Feature {
	switch sign {
	case SignServer:
		return FeatureSignServer
	case SignClient:
		return FeatureSignClient
	}
	return FeatureNoSession
}
