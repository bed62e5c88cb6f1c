// One HTTP request through libcurl's easy interface; see include/CCurl.h.
//
// libcurl is opened with dlopen on the first request (not linked), so that starting bbclerk
// does not make the dynamic loader bind libcurl and the ~30 libraries of its TLS, HTTP/2,
// IDN and LDAP chain. No curl headers are needed to build: the few option, info and error
// numbers used are declared below. They are part of libcurl's stable ABI (values are never
// renumbered), as listed in curl's include/curl/curl.h:
// https://github.com/curl/curl/blob/master/include/curl/curl.h

#define _GNU_SOURCE
#include "CCurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// MARK: - The part of curl.h that is used

typedef void CURL;
typedef int CURLcode;
typedef long long curl_off_t;
struct curl_slist;

enum {
    CURLE_OK = 0,
    CURLE_WRITE_ERROR = 23,
    CURLE_ABORTED_BY_CALLBACK = 42,
    CURLE_UNKNOWN_OPTION = 48,
    CURLE_FILESIZE_EXCEEDED = 63,
};

// CURLOPTTYPE_LONG 0, _OBJECTPOINT 10000, _FUNCTIONPOINT 20000, _OFF_T 30000.
enum {
    CURLOPT_WRITEDATA = 10001,
    CURLOPT_URL = 10002,
    CURLOPT_ERRORBUFFER = 10010,
    CURLOPT_WRITEFUNCTION = 20011,
    CURLOPT_POSTFIELDS = 10015,
    CURLOPT_USERAGENT = 10018,
    CURLOPT_HTTPHEADER = 10023,
    CURLOPT_HEADERDATA = 10029,
    CURLOPT_CUSTOMREQUEST = 10036,
    CURLOPT_NOPROGRESS = 43,
    CURLOPT_NOBODY = 44,
    CURLOPT_POST = 47,
    CURLOPT_NETRC = 51,
    CURLOPT_FOLLOWLOCATION = 52,
    CURLOPT_XFERINFODATA = 10057,
    CURLOPT_SSL_VERIFYPEER = 64,
    CURLOPT_HEADERFUNCTION = 20079,
    CURLOPT_HTTPGET = 80,
    CURLOPT_SSL_VERIFYHOST = 81,
    CURLOPT_NOSIGNAL = 99,
    CURLOPT_MAXFILESIZE_LARGE = 30117,
    CURLOPT_POSTFIELDSIZE_LARGE = 30120,
    CURLOPT_TIMEOUT_MS = 155,
    CURLOPT_CONNECTTIMEOUT_MS = 156,
    CURLOPT_PROTOCOLS = 181,
    CURLOPT_REDIR_PROTOCOLS = 182,
    CURLOPT_XFERINFOFUNCTION = 20219,
    CURLOPT_PROTOCOLS_STR = 10318,
    CURLOPT_REDIR_PROTOCOLS_STR = 10319,
};

enum {
    CURLINFO_RESPONSE_CODE = 0x200000 + 2, // CURLINFO_LONG + 2
};

enum {
    CURL_GLOBAL_ALL = 3,
    CURL_NETRC_IGNORED = 0,
    CURLPROTO_HTTP = 1 << 0,
    CURLPROTO_HTTPS = 1 << 1,
    CURL_ERROR_SIZE = 256,
};

_Static_assert(sizeof(((bb_http_response *)0)->error) >= CURL_ERROR_SIZE, "CURLOPT_ERRORBUFFER needs CURL_ERROR_SIZE bytes");

// MARK: - Loading

// Typed pointers for the variadic setopt and getinfo: one per argument type, since a call
// through a non-variadic prototype must pass exactly what the callee reads.
typedef CURLcode (*setopt_long_fn)(CURL *, int, long);
typedef CURLcode (*setopt_ptr_fn)(CURL *, int, const void *);
typedef CURLcode (*setopt_off_fn)(CURL *, int, curl_off_t);
typedef CURLcode (*getinfo_ptr_fn)(CURL *, int, void *);

static struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    CURLcode (*easy_perform)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    char *(*version)(void);
    setopt_long_fn setopt_long;
    setopt_ptr_fn setopt_ptr;
    setopt_off_fn setopt_off;
    getinfo_ptr_fn getinfo;
} curl;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static atomic_int loaded;
static char load_error[512];

static void *symbol(void *library, const char *name, int *missing) {
    void *address = dlsym(library, name);
    if (address == NULL) *missing = 1;
    return address;
}

static void load(void) {
    // Debian and Ubuntu ship libcurl4 (OpenSSL) and libcurl3-gnutls (whose soname is
    // libcurl-gnutls.so.4); "libcurl.so" is only there with the -dev package.
#ifdef __APPLE__
    static const char *const names[] = {"libcurl.4.dylib", "/usr/lib/libcurl.4.dylib", "libcurl.dylib"};
#else
    static const char *const names[] = {"libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so"};
#endif
    void *library = NULL;
    const char *first_error = NULL;
    char first[256] = "";
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]) && library == NULL; i++) {
        library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
        if (library == NULL && first_error == NULL) {
            first_error = dlerror();
            if (first_error != NULL) snprintf(first, sizeof(first), "%s", first_error);
        }
    }
    if (library == NULL) {
        snprintf(load_error, sizeof(load_error), "%s", first[0] ? first : "libcurl.so.4: not found");
        return;
    }
    int missing = 0;
    curl.global_init = (CURLcode (*)(long))symbol(library, "curl_global_init", &missing);
    curl.easy_init = (CURL * (*)(void)) symbol(library, "curl_easy_init", &missing);
    curl.easy_cleanup = (void (*)(CURL *))symbol(library, "curl_easy_cleanup", &missing);
    curl.easy_perform = (CURLcode (*)(CURL *))symbol(library, "curl_easy_perform", &missing);
    curl.easy_strerror = (const char *(*)(CURLcode))symbol(library, "curl_easy_strerror", &missing);
    curl.slist_append = (struct curl_slist * (*)(struct curl_slist *, const char *)) symbol(library, "curl_slist_append", &missing);
    curl.slist_free_all = (void (*)(struct curl_slist *))symbol(library, "curl_slist_free_all", &missing);
    curl.version = (char *(*)(void))symbol(library, "curl_version", &missing);
    void *setopt = symbol(library, "curl_easy_setopt", &missing);
    void *getinfo = symbol(library, "curl_easy_getinfo", &missing);
    if (missing) {
        snprintf(load_error, sizeof(load_error), "the libcurl found lacks curl_easy_* functions");
        return;
    }
    curl.setopt_long = (setopt_long_fn)setopt;
    curl.setopt_ptr = (setopt_ptr_fn)setopt;
    curl.setopt_off = (setopt_off_fn)setopt;
    curl.getinfo = (getinfo_ptr_fn)getinfo;
    // curl_global_init is not thread-safe and must run once before any handle: pthread_once
    // gives both.
    if (curl.global_init(CURL_GLOBAL_ALL) != CURLE_OK) {
        snprintf(load_error, sizeof(load_error), "curl_global_init failed");
        return;
    }
    atomic_store(&loaded, 1);
}

static int ensure_loaded(void) {
    pthread_once(&load_once, load);
    return atomic_load(&loaded);
}

const char *bb_http_load_error(void) { return load_error[0] ? load_error : NULL; }

const char *bb_http_curl_version(void) { return ensure_loaded() ? curl.version() : NULL; }

int bb_http_is_loaded(void) { return atomic_load(&loaded); }

// MARK: - Cancellation

struct bb_http_cancel {
    atomic_int set;
};

bb_http_cancel *bb_http_cancel_new(void) {
    bb_http_cancel *flag = malloc(sizeof(*flag));
    if (flag != NULL) atomic_init(&flag->set, 0);
    return flag;
}

void bb_http_cancel_set(bb_http_cancel *flag) {
    if (flag != NULL) atomic_store(&flag->set, 1);
}

void bb_http_cancel_free(bb_http_cancel *flag) { free(flag); }

// MARK: - One transfer

/// A growing byte buffer that refuses to grow past `limit`.
typedef struct {
    unsigned char *bytes;
    size_t length;
    size_t capacity;
    size_t limit;
} buffer;

/// Appends, or returns 0 when `limit` would be passed (nothing is appended then).
static int buffer_append(buffer *b, const void *data, size_t count) {
    if (count > b->limit - b->length) return 0;
    if (b->length + count + 1 > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 4096;
        while (capacity < b->length + count + 1) capacity *= 2;
        if (capacity > b->limit + 1) capacity = b->limit + 1;
        unsigned char *bytes = realloc(b->bytes, capacity);
        if (bytes == NULL) return 0;
        b->bytes = bytes;
        b->capacity = capacity;
    }
    memcpy(b->bytes + b->length, data, count);
    b->length += count;
    b->bytes[b->length] = 0;
    return 1;
}

typedef struct {
    buffer body;
    buffer headers;
    bb_http_stop stop;
    bb_http_cancel *cancel;
} transfer;

static size_t on_body(char *data, size_t size, size_t count, void *context) {
    transfer *t = context;
    size_t total = size * count;
    if (!buffer_append(&t->body, data, total)) {
        // Returning a short count makes libcurl stop with CURLE_WRITE_ERROR.
        if (t->stop == BB_HTTP_STOP_NONE) t->stop = BB_HTTP_STOP_BODY_TOO_LARGE;
        return 0;
    }
    return total;
}

static size_t on_header(char *data, size_t size, size_t count, void *context) {
    transfer *t = context;
    size_t total = size * count;
    // Each answer's status line starts a new block: only the final answer's headers are
    // kept (a 1xx before it is dropped). The limit counts every block, so a server cannot
    // stream informational answers forever.
    size_t limit_left = t->headers.limit;
    if (total >= 5 && memcmp(data, "HTTP/", 5) == 0 && t->headers.length > 0) {
        limit_left = t->headers.limit > t->headers.length ? t->headers.limit - t->headers.length : 0;
        t->headers.length = 0;
        t->headers.limit = limit_left;
    }
    if (!buffer_append(&t->headers, data, total)) {
        if (t->stop == BB_HTTP_STOP_NONE) t->stop = BB_HTTP_STOP_HEADERS_TOO_LARGE;
        return 0;
    }
    return total;
}

static int on_progress(void *context, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow) {
    (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
    transfer *t = context;
    if (t->cancel != NULL && atomic_load(&t->cancel->set)) {
        if (t->stop == BB_HTTP_STOP_NONE) t->stop = BB_HTTP_STOP_CANCELLED;
        return 1;
    }
    return 0;
}

/// Sets every option; the first failure's code, or CURLE_OK.
static CURLcode configure(CURL *handle, const bb_http_request *r, transfer *t, struct curl_slist *headers, char *error) {
    CURLcode code = CURLE_OK;
#define SET(call) \
    do { \
        if (code == CURLE_OK) code = (call); \
    } while (0)
    SET(curl.setopt_ptr(handle, CURLOPT_ERRORBUFFER, error));
    SET(curl.setopt_ptr(handle, CURLOPT_URL, r->url));
    // Only http and https, for the request and for any redirect (none is followed anyway).
    CURLcode protocols = curl.setopt_ptr(handle, CURLOPT_PROTOCOLS_STR, "http,https");
    if (protocols == CURLE_UNKNOWN_OPTION) { // libcurl before 7.85
        SET(curl.setopt_long(handle, CURLOPT_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS));
        SET(curl.setopt_long(handle, CURLOPT_REDIR_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS));
    } else {
        SET(protocols);
        SET(curl.setopt_ptr(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"));
    }
    // A redirect is handed back as the 3xx: the Authorization header must not travel on.
    SET(curl.setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0));
    // Signals are not libcurl's to use in a multi-threaded process.
    SET(curl.setopt_long(handle, CURLOPT_NOSIGNAL, 1));
    SET(curl.setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1));
    SET(curl.setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2));
    // Credentials come only from the clients' Authorization header: no ~/.netrc. No
    // CURLOPT_HTTPAUTH either, so a 401 is simply the 401; no CURLOPT_COOKIEFILE, so no
    // cookie engine.
    SET(curl.setopt_long(handle, CURLOPT_NETRC, CURL_NETRC_IGNORED));
    SET(curl.setopt_ptr(handle, CURLOPT_USERAGENT, "bbclerk"));
    SET(curl.setopt_long(handle, CURLOPT_TIMEOUT_MS, r->timeout_ms > 0 ? r->timeout_ms : 1));
    SET(curl.setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, r->connect_timeout_ms > 0 ? r->connect_timeout_ms : 1));
    SET(curl.setopt_off(handle, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)r->max_body_bytes));
    SET(curl.setopt_ptr(handle, CURLOPT_WRITEFUNCTION, (const void *)on_body));
    SET(curl.setopt_ptr(handle, CURLOPT_WRITEDATA, t));
    SET(curl.setopt_ptr(handle, CURLOPT_HEADERFUNCTION, (const void *)on_header));
    SET(curl.setopt_ptr(handle, CURLOPT_HEADERDATA, t));
    SET(curl.setopt_long(handle, CURLOPT_NOPROGRESS, 0));
    SET(curl.setopt_ptr(handle, CURLOPT_XFERINFOFUNCTION, (const void *)on_progress));
    SET(curl.setopt_ptr(handle, CURLOPT_XFERINFODATA, t));
    SET(curl.setopt_ptr(handle, CURLOPT_HTTPHEADER, headers));

    const char *method = r->method ? r->method : "GET";
    if (strcmp(method, "HEAD") == 0) {
        SET(curl.setopt_long(handle, CURLOPT_NOBODY, 1));
    } else if (strcmp(method, "GET") == 0 && r->body == NULL) {
        SET(curl.setopt_long(handle, CURLOPT_HTTPGET, 1));
    } else {
        if (r->body != NULL || strcmp(method, "GET") != 0) {
            static const unsigned char empty[1] = {0};
            SET(curl.setopt_long(handle, CURLOPT_POST, 1));
            SET(curl.setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(r->body ? r->body_length : 0)));
            SET(curl.setopt_ptr(handle, CURLOPT_POSTFIELDS, r->body ? (const void *)r->body : (const void *)empty));
        }
        if (strcmp(method, "POST") != 0) SET(curl.setopt_ptr(handle, CURLOPT_CUSTOMREQUEST, method));
    }
#undef SET
    return code;
}

bb_http_result bb_http_perform(const bb_http_request *r, bb_http_response *out) {
    memset(out, 0, sizeof(*out));
    if (!ensure_loaded()) return BB_HTTP_NO_LIBCURL;

    CURL *handle = curl.easy_init();
    if (handle == NULL) {
        snprintf(out->error, sizeof(out->error), "curl_easy_init failed");
        return BB_HTTP_SETUP_FAILED;
    }
    transfer t = {
        .body = {.limit = r->max_body_bytes},
        .headers = {.limit = r->max_header_bytes},
        .stop = BB_HTTP_STOP_NONE,
        .cancel = r->cancel,
    };
    // "Expect:" with no value removes the header libcurl would add to a large POST, so it
    // never waits for a 100 Continue; an empty Accept-Encoding is not sent, so bodies come
    // unencoded and the size limit counts real bytes.
    struct curl_slist *headers = curl.slist_append(NULL, "Expect:");
    for (size_t i = 0; i < r->header_count && headers != NULL; i++) {
        struct curl_slist *next = curl.slist_append(headers, r->headers[i]);
        if (next == NULL) {
            curl.slist_free_all(headers);
            headers = NULL;
        } else {
            headers = next;
        }
    }
    if (headers == NULL) {
        curl.easy_cleanup(handle);
        snprintf(out->error, sizeof(out->error), "out of memory for the header list");
        return BB_HTTP_SETUP_FAILED;
    }

    CURLcode code = configure(handle, r, &t, headers, out->error);
    if (code != CURLE_OK) {
        if (out->error[0] == 0) snprintf(out->error, sizeof(out->error), "%s", curl.easy_strerror(code));
        out->curl_code = code;
        curl.easy_cleanup(handle);
        curl.slist_free_all(headers);
        free(t.body.bytes);
        free(t.headers.bytes);
        return BB_HTTP_SETUP_FAILED;
    }

    code = curl.easy_perform(handle);
    if (code == CURLE_FILESIZE_EXCEEDED && t.stop == BB_HTTP_STOP_NONE) t.stop = BB_HTTP_STOP_BODY_TOO_LARGE;
    long status = 0;
    curl.getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    if (code != CURLE_OK && out->error[0] == 0) snprintf(out->error, sizeof(out->error), "%s", curl.easy_strerror(code));
    curl.easy_cleanup(handle);
    curl.slist_free_all(headers);

    out->status = status;
    out->curl_code = code;
    out->stop = t.stop;
    out->body = t.body.bytes;
    out->body_length = t.body.length;
    out->headers = (char *)t.headers.bytes;
    out->headers_length = t.headers.length;
    return BB_HTTP_PERFORMED;
}

void bb_http_response_free(bb_http_response *response) {
    free(response->body);
    free(response->headers);
    response->body = NULL;
    response->headers = NULL;
}
