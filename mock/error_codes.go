package mock

import "strconv"

// errorInfo is one row of OK's error code table.
type errorInfo struct {
	name string
	text string
}

// errorTable is OK's error code table (reference: the apiok error page as
// copied by client libraries; texts are the live ones where captured).
var errorTable = map[int]errorInfo{
	1:    {"UNKNOWN", "Unknown error"},
	2:    {"SERVICE", "Service is temporary unavailable."},
	3:    {"METHOD", "Method does not exist."},
	4:    {"REQUEST", "Request can not be processed"},
	7:    {"ACTION_BLOCKED", "The requested action is temporarily blocked for current user"},
	8:    {"FLOOD_BLOCKED", "Call blocked due to flood protection"},
	9:    {"IP_BLOCKED", "Request is blocked by IP address"},
	10:   {"PERMISSION_DENIED", "Permission denied"},
	11:   {"LIMIT_REACHED", "Method call limit reached"},
	12:   {"CANCELLED", "Operation cancelled by user"},
	21:   {"NOT_MULTIPART", "Not a multi-part request when uploading photo"},
	22:   {"NOT_ACTIVATED", "User must activate the account"},
	23:   {"NOT_YET_INVOLVED", "User is not involved in the application"},
	24:   {"NOT_OWNER", "User does not own the specified object"},
	25:   {"NOT_ACTIVE", "User is not active in the application"},
	26:   {"TOTAL_LIMIT_REACHED", "Total limit of notifications reached"},
	30:   {"NETWORK", "Request is too big or has bad headers"},
	31:   {"NETWORK_TIMEOUT", "Client is too slow"},
	50:   {"NOT_ADMIN", "User has no administrative rights for this method"},
	100:  {"PARAM", "Missing or invalid parameter"},
	101:  {"PARAM_API_KEY", "Application not exist"},
	102:  {"PARAM_SESSION_EXPIRED", "Session expired"},
	103:  {"PARAM_SESSION_KEY", "Invalid session key"},
	104:  {"PARAM_SIGNATURE", "Invalid signature"},
	105:  {"PARAM_RESIGNATURE", "Invalid re-signature"},
	106:  {"PARAM_ENTITY_ID", "Invalid entity id"},
	110:  {"PARAM_USER_ID", "Invalid uid"},
	120:  {"PARAM_ALBUM_ID", "Invalid album id"},
	121:  {"PARAM_PHOTO_ID", "Invalid photo id"},
	130:  {"PARAM_WIDGET", "Invalid widget id"},
	140:  {"PARAM_MESSAGE_ID", "Invalid message id"},
	141:  {"PARAM_COMMENT_ID", "Invalid comment id"},
	150:  {"PARAM_HAPPENING_ID", "Invalid happening id"},
	151:  {"PARAM_HAPPENING_PHOTO_ID", "Invalid happening photo id"},
	160:  {"PARAM_GROUP_ID", "Invalid group id"},
	200:  {"PARAM_PERMISSION", "Application can not perform the operation"},
	210:  {"PARAM_APPLICATION_DISABLED", "Application is disabled"},
	211:  {"PARAM_DECISION", "Invalid decision id"},
	212:  {"PARAM_BADGE_ID", "Invalid badge id"},
	213:  {"PARAM_PRESENT_ID", "Invalid present id"},
	214:  {"PARAM_RELATION_TYPE", "Invalid relation type"},
	220:  {"PARAM_FIELDSET", "Invalid fieldset"},
	300:  {"NOT_FOUND", "Requested information is not found"},
	324:  {"EDIT_PHOTO_FILE", "Error processing multipart request"},
	401:  {"AUTH_LOGIN", "Authentication failure"},
	402:  {"AUTH_LOGIN_CAPTCHA", "Captcha required"},
	403:  {"AUTH_LOGIN_WEB_HUMAN_CHECK", "Human check required"},
	451:  {"NOT_SESSION_METHOD", "Session key was specified for the method that must be called without session"},
	453:  {"SESSION_REQUIRED", "Session key was not specified for the method that requires session"},
	454:  {"CENSOR_MATCH", "Text rejected by censor"},
	455:  {"FRIEND_RESTRICTION", "Action is restricted by friend"},
	456:  {"GROUP_RESTRICTION", "Action is restricted by group"},
	457:  {"UNAUTHORIZED_RESTRICTION", "Unauthorized access"},
	458:  {"PRIVACY_RESTRICTION", "Restricted by privacy settings"},
	500:  {"PHOTO_SIZE_LIMIT_EXCEEDED", "Photo size limit exceeded"},
	501:  {"PHOTO_SIZE_TOO_SMALL", "Photo size is too small"},
	502:  {"PHOTO_SIZE_TOO_BIG", "Photo size is too big"},
	503:  {"PHOTO_INVALID_FORMAT", "Photo format is invalid"},
	504:  {"PHOTO_IMAGE_CORRUPTED", "Photo image is corrupted"},
	505:  {"PHOTO_NO_IMAGE", "No image was found in the request"},
	508:  {"PHOTO_PIN_TOO_MUCH", "Too many pins on the photo"},
	511:  {"IDS_BLOCKED", "Blocked by antispam"},
	512:  {"PHOTO_ALBUM_NOT_BELONGS_TO_USER", "Album does not belong to the user"},
	513:  {"PHOTO_ALBUM_NOT_BELONGS_TO_GROUP", "Album does not belong to the group"},
	514:  {"IDS_SESSION_VERIFICATION_REQUIRED", "Session verification required"},
	600:  {"MEDIA_TOPIC_BLOCK_LIMIT", "Too many media blocks"},
	601:  {"MEDIA_TOPIC_TEXT_LIMIT", "Text is too long"},
	602:  {"MEDIA_TOPIC_POLL_QUESTION_TEXT_LIMIT", "Poll question is too long"},
	603:  {"MEDIA_TOPIC_POLL_ANSWERS_LIMIT", "Too many poll answers"},
	604:  {"MEDIA_TOPIC_POLL_ANSWER_TEXT_LIMIT", "Poll answer is too long"},
	605:  {"MEDIA_TOPIC_WITH_FRIENDS_LIMIT", "Too many friends marked"},
	606:  {"MEDIA_TOPIC_WITH_FRIENDS_USER_LIMIT", "User can not be marked"},
	607:  {"MEDIA_TOPIC_LINK_BAD_FORMAT", "Link has a bad format"},
	610:  {"GROUP_DUPLICATE_JOIN_REQUEST", "Join request already registered"},
	700:  {"COMMENT_NOT_FOUND", "Comment not found"},
	701:  {"INVALID_AUTHOR", "Invalid author"},
	702:  {"COMMENT_NOT_ACTIVE", "Comment is not active"},
	704:  {"TIMEOUT_EXCEEDED", "Timeout exceeded"},
	705:  {"CHAT_NOT_FOUND", "Chat not found"},
	706:  {"MESSAGE_NOT_ACTIVE", "Message is not active"},
	900:  {"NO_SUCH_APP", "Application does not exist"},
	1001: {"CALLBACK_INVALID_PAYMENT", "Payment is invalid and can not be processed"},
	1002: {"PAYMENT_IS_REQUIRED_PAYMENT", "Payment is required"},
	1003: {"INVALID_PAYMENT", "Invalid payment"},
	1004: {"DUPLICATE_PAYMENT", "Duplicate payment"},
	1005: {"NOT_ENOUGH_MONEY", "Not enough money"},
	1101: {"VCHAT_SERVICE_DISABLED", "Video chat service is disabled"},
	1102: {"TARGET_USER_UNAVAILABLE", "Target user is unavailable"},
	1103: {"FRIENDSHIP_REQUIRED", "Friendship required"},
	1200: {"BATCH", "Batch error"},
	1300: {"APP_NO_PLATFORM_ALLOWED", "No platform allowed for the application"},
	1301: {"APP_DEVICE_NOT_ALLOWED", "Device not allowed"},
	1302: {"APP_DEVICE_NOT_SPECIFIED", "Device not specified"},
	1400: {"APP_EMPTY_SEARCH_PARAMS", "Empty search parameters"},
	1401: {"APP_SEARCH_SCENARIO_DOES_NOT_EXIST", "Search scenario does not exist"},
	2001: {"GRAPH_PARAM_REQUEST", "Graph API parameter error"},
	5000: {"INVALID_RESPONSE", "Invalid response"},
	9999: {"SYSTEM", "Critical system error"},
}

// ErrorName is OK's symbolic name for an error code ("PARAM_SESSION_EXPIRED"
// for 102). Codes outside the table are named by their number.
func ErrorName(code int) string {
	if info, ok := errorTable[code]; ok {
		return info.name
	}
	return "ERROR_" + strconv.Itoa(code)
}

// DefaultErrorText is the text okmock uses for a code when nothing more
// specific is known, such as for a scenario that names only error_code.
func DefaultErrorText(code int) string {
	if info, ok := errorTable[code]; ok {
		return info.text
	}
	return "Error " + strconv.Itoa(code)
}

// KnownErrorCode reports whether code is in OK's error table.
func KnownErrorCode(code int) bool {
	_, ok := errorTable[code]
	return ok
}
