// libcurl, loaded on first use (see util/lazy_library.hpp): every libcurl function ctl calls.

#include "util/lazy_library.hpp"

#include <curl/curl.h>

#include <cstdarg>

namespace {
ctl::util::LazyLibrary libcurl("libcurl.so.4", "libcurl4");

// curl_easy_setopt and curl_easy_getinfo take one argument after the option: a long, a
// curl_off_t or a pointer, all passed the same way as a 64-bit integer on the platforms ctl
// builds for, so it is forwarded as one.
static_assert(sizeof(long) == sizeof(void*) && sizeof(curl_off_t) == sizeof(void*));

template <typename Option>
CURLcode forward_one(void* function, CURL* curl, Option option, va_list args) {
    using Fn = CURLcode (*)(CURL*, Option, ...);
    void* value = va_arg(args, void*);
    return reinterpret_cast<Fn>(function)(curl, option, value);
}
}  // namespace

// curl.h declares curl_easy_setopt(CURL*, CURLoption, ...), and va_start on a parameter of enum
// type (promoted to int when passed) is undefined behaviour in C++. The definitions take the
// option as an int instead, which these int-sized C enums are passed as, and carry curl's symbol
// names through asm labels.
static_assert(sizeof(CURLoption) == sizeof(int) && sizeof(CURLINFO) == sizeof(int));
extern "C" CURLcode ctl_curl_easy_setopt(CURL* curl, int option, ...) __asm__("curl_easy_setopt");
extern "C" CURLcode ctl_curl_easy_getinfo(CURL* curl, int info, ...) __asm__("curl_easy_getinfo");

extern "C" CURLcode ctl_curl_easy_setopt(CURL* curl, int option, ...) {
    static void* const function = libcurl.symbol("curl_easy_setopt");
    va_list args;
    va_start(args, option);
    CURLcode result = forward_one(function, curl, static_cast<CURLoption>(option), args);
    va_end(args);
    return result;
}

extern "C" CURLcode ctl_curl_easy_getinfo(CURL* curl, int info, ...) {
    static void* const function = libcurl.symbol("curl_easy_getinfo");
    va_list args;
    va_start(args, info);
    CURLcode result = forward_one(function, curl, static_cast<CURLINFO>(info), args);
    va_end(args);
    return result;
}

// clang-format off
CTL_LAZY(libcurl, CURL *, curl_easy_init, (void), ())
CTL_LAZY(libcurl, CURLcode, curl_easy_perform, (CURL *curl), (curl))
CTL_LAZY(libcurl, void, curl_easy_cleanup, (CURL *curl), (curl))
CTL_LAZY(libcurl, void, curl_easy_reset, (CURL *curl), (curl))
CTL_LAZY(libcurl, const char *, curl_easy_strerror, (CURLcode error), (error))
CTL_LAZY(libcurl, CURLcode, curl_global_init, (long flags), (flags))
CTL_LAZY(libcurl, struct curl_slist *, curl_slist_append, (struct curl_slist *list, const char *data), (list, data))
CTL_LAZY(libcurl, void, curl_slist_free_all, (struct curl_slist *list), (list))
CTL_LAZY(libcurl, curl_mime *, curl_mime_init, (CURL *easy), (easy))
CTL_LAZY(libcurl, void, curl_mime_free, (curl_mime *mime), (mime))
CTL_LAZY(libcurl, curl_mimepart *, curl_mime_addpart, (curl_mime *mime), (mime))
CTL_LAZY(libcurl, CURLcode, curl_mime_name, (curl_mimepart *part, const char *name), (part, name))
CTL_LAZY(libcurl, CURLcode, curl_mime_filename, (curl_mimepart *part, const char *filename), (part, filename))
CTL_LAZY(libcurl, CURLcode, curl_mime_type, (curl_mimepart *part, const char *mimetype), (part, mimetype))
CTL_LAZY(libcurl, CURLcode, curl_mime_encoder, (curl_mimepart *part, const char *encoding), (part, encoding))
CTL_LAZY(libcurl, CURLcode, curl_mime_data, (curl_mimepart *part, const char *data, size_t datasize), (part, data, datasize))
CTL_LAZY(libcurl, CURLcode, curl_mime_subparts, (curl_mimepart *part, curl_mime *subparts), (part, subparts))
CTL_LAZY(libcurl, CURLcode, curl_mime_headers, (curl_mimepart *part, struct curl_slist *headers, int take_ownership), (part, headers, take_ownership))
CTL_LAZY(libcurl, void, curl_free, (void *p), (p))
CTL_LAZY(libcurl, char *, curl_easy_escape, (CURL *handle, const char *string, int length), (handle, string, length))
CTL_LAZY(libcurl, char *, curl_version, (void), ())
// clang-format on
