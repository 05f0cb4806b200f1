#include "util/lazy_library.hpp"

#include "util/error.hpp"

#include <dlfcn.h>
#include <fmt/format.h>

#include <cstdlib>
#include <mutex>

namespace ctl::util {

namespace {

std::mutex g_load;

// GnuTLS comes in with libpq and libcurl (through LDAP and RTMP; both use OpenSSL for their own
// TLS) and initialises itself as it is loaded: parsing its ASN.1 tables costs about 2 ms of CPU,
// a quarter of a one-query command. GnuTLS's documented GNUTLS_NO_IMPLICIT_INIT=1 leaves that to
// an explicit gnutls_global_init(), which OpenLDAP calls before it uses TLS. The variable is set
// only while the library loads (unless the user set it), so the programs ctl starts (pg_ctl, the
// server) get the environment ctl was given; at exit GnuTLS's destructor finds nothing to undo.
void* load_without_gnutls_init(const char* soname) {
    static const char* k_variable = "GNUTLS_NO_IMPLICIT_INIT";
    bool set_here = std::getenv(k_variable) == nullptr && setenv(k_variable, "1", 0) == 0;
    void* handle = dlopen(soname, RTLD_LAZY | RTLD_LOCAL);
    if (set_here) unsetenv(k_variable);
    return handle;
}

}  // namespace

void* LazyLibrary::symbol(const char* name) {
    std::lock_guard lock(g_load);
    if (!m_handle) {
        m_handle = load_without_gnutls_init(m_soname);
        if (!m_handle)
            throw Unavailable(fmt::format("cannot load {}: {}", m_soname, dlerror()),
                              fmt::format("install the Debian package {}", m_package));
    }
    void* address = dlsym(m_handle, name);
    if (!address)
        throw Unavailable(fmt::format("{} has no function {}", m_soname, name),
                          fmt::format("install a newer {}", m_package));
    return address;
}

}  // namespace ctl::util
