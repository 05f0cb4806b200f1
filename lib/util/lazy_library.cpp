#include "util/lazy_library.hpp"

#include "util/error.hpp"

#include <dlfcn.h>
#include <fmt/format.h>

#include <mutex>

namespace ctl::util {

namespace {
std::mutex g_load;
}

void* LazyLibrary::symbol(const char* name) {
    std::lock_guard lock(g_load);
    if (!m_handle) {
        m_handle = dlopen(m_soname, RTLD_LAZY | RTLD_LOCAL);
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
