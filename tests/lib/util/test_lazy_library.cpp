#include "util/error.hpp"
#include "util/lazy_library.hpp"

#include <doctest/doctest.h>

#include <curl/curl.h>
#include <libpq-fe.h>

#include <string>

using ctl::util::LazyLibrary;

TEST_CASE("a lazy library resolves symbols of a real library") {
    LazyLibrary libm("libm.so.6", "libc6");
    auto* cosine = reinterpret_cast<double (*)(double)>(libm.symbol("cos"));
    CHECK(cosine(0.0) == doctest::Approx(1.0));
}

TEST_CASE("a missing library or symbol is exit 6 naming the package") {
    LazyLibrary missing("libctl-does-not-exist.so.1", "ctl-nothing");
    try {
        missing.symbol("anything");
        FAIL("no exception");
    } catch (const ctl::Error& e) {
        CHECK(e.code() == ctl::ExitCode::unavailable);
        CHECK(std::string(e.what()).find("libctl-does-not-exist.so.1") != std::string::npos);
        CHECK(e.hint().find("ctl-nothing") != std::string::npos);
    }
    LazyLibrary libm("libm.so.6", "libc6");
    CHECK_THROWS_AS(libm.symbol("no_such_function_in_libm"), ctl::Unavailable);
}

TEST_CASE("libpq and libcurl calls go through the lazy wrappers") {
    CHECK(PQping("host=/nonexistent-ctl-socket-dir connect_timeout=1") == PQPING_NO_RESPONSE);
    std::string version = curl_version();
    CHECK(version.rfind("libcurl/", 0) == 0);
    CURL* curl = curl_easy_init();
    REQUIRE(curl != nullptr);
    CHECK(curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 1500L) == CURLE_OK);
    CHECK(curl_easy_setopt(curl, CURLOPT_URL, "http://127.0.0.1:9/") == CURLE_OK);
    long code = -1;
    CHECK(curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK);
    CHECK(code == 0);
    curl_easy_cleanup(curl);
}
