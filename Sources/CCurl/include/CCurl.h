// One HTTP request through libcurl's easy interface, with libcurl opened by dlopen on
// first use, so that starting bbclerk does not load libcurl and its TLS chain.
//
// Swift cannot call curl_easy_setopt/curl_easy_getinfo (they are variadic), so the whole
// request is made here, in C, and handed back as plain bytes.

#ifndef BBCLERK_CCURL_H
#define BBCLERK_CCURL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Why bbclerk (not libcurl) stopped a transfer early.
typedef enum {
    BB_HTTP_STOP_NONE = 0,
    /// The body grew past max_body_bytes (or its Content-Length said it would).
    BB_HTTP_STOP_BODY_TOO_LARGE = 1,
    /// The header block grew past max_header_bytes.
    BB_HTTP_STOP_HEADERS_TOO_LARGE = 2,
    /// bb_http_cancel_set was called.
    BB_HTTP_STOP_CANCELLED = 3,
} bb_http_stop;

/// What bb_http_perform returns.
typedef enum {
    /// libcurl ran the request: see curl_code (0 is success) and status.
    BB_HTTP_PERFORMED = 0,
    /// libcurl could not be loaded: see bb_http_load_error().
    BB_HTTP_NO_LIBCURL = 1,
    /// libcurl was loaded but refused to set the request up (out of memory, bad option).
    BB_HTTP_SETUP_FAILED = 2,
} bb_http_result;

/// A flag another thread sets to stop a transfer.
typedef struct bb_http_cancel bb_http_cancel;

bb_http_cancel *bb_http_cancel_new(void);
void bb_http_cancel_set(bb_http_cancel *flag);
void bb_http_cancel_free(bb_http_cancel *flag);

/// One request. Every pointer is borrowed for the duration of bb_http_perform.
typedef struct {
    /// "GET", "HEAD", "POST", "PATCH", "PUT", "DELETE".
    const char *method;
    /// An absolute http or https URL.
    const char *url;
    /// Complete header lines ("Name: value"), already checked for CR and LF.
    const char *const *headers;
    size_t header_count;
    /// The body, or NULL for none.
    const unsigned char *body;
    size_t body_length;
    /// Whole transfer and connection phase, in milliseconds (> 0).
    long timeout_ms;
    long connect_timeout_ms;
    /// Larger bodies and header blocks stop the transfer (> 0).
    size_t max_body_bytes;
    size_t max_header_bytes;
    /// May be NULL.
    bb_http_cancel *cancel;
} bb_http_request;

/// One answer, or why there was none. Free with bb_http_response_free.
typedef struct {
    long status;
    /// The header block of the final answer, as received (CRLF-separated lines), malloc'd.
    char *headers;
    size_t headers_length;
    /// The body, malloc'd (NULL when empty).
    unsigned char *body;
    size_t body_length;
    /// libcurl's CURLcode; 0 when the transfer completed.
    int curl_code;
    /// Set when bbclerk stopped the transfer (then curl_code is a write or callback error).
    bb_http_stop stop;
    /// libcurl's CURLOPT_ERRORBUFFER text (or curl_easy_strerror), NUL-terminated.
    char error[256];
} bb_http_response;

bb_http_result bb_http_perform(const bb_http_request *request, bb_http_response *response);
void bb_http_response_free(bb_http_response *response);

/// Why libcurl could not be loaded (dlerror text), or NULL when it was or was not tried yet.
const char *bb_http_load_error(void);

/// libcurl's version string ("libcurl/8.5.0 OpenSSL/3.0.13 …"), loading it if needed;
/// NULL when it cannot be loaded.
const char *bb_http_curl_version(void);

/// Whether libcurl has been loaded in this process (for tests of the lazy load).
int bb_http_is_loaded(void);

#ifdef __cplusplus
}
#endif

#endif
