#include "util/atomic_file.hpp"

#include "util/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace ctl::util {

namespace {

std::string directory_of(const std::string& path) {
    auto slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

[[noreturn]] void fail(const std::string& what, const std::string& path) {
    throw Error(ExitCode::failure, what + " " + path + ": " + std::strerror(errno));
}

}  // namespace

AtomicFile::AtomicFile(std::string path) : m_path(std::move(path)) {
    std::string dir = directory_of(m_path);
    m_fd = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
    if (m_fd >= 0) {
        m_out.open("/proc/self/fd/" + std::to_string(m_fd), std::ios::binary | std::ios::trunc);
    } else {
        auto slash = m_path.rfind('/');
        std::string base = slash == std::string::npos ? m_path : m_path.substr(slash + 1);
        m_temp_name = dir + "/." + base + ".tmp." + std::to_string(::getpid());
        m_out.open(m_temp_name, std::ios::binary | std::ios::trunc);
    }
    if (!m_out) fail("cannot write to", dir);
}

AtomicFile::~AtomicFile() {
    if (!m_committed && !m_temp_name.empty()) std::remove(m_temp_name.c_str());
    if (m_fd >= 0) ::close(m_fd);
}

void AtomicFile::commit() {
    m_out.flush();
    if (!m_out) fail("cannot write", m_path);
    m_out.close();
    if (m_fd >= 0) {
        if (::fsync(m_fd) != 0) fail("cannot sync", m_path);
        // linkat() cannot replace a file: link under a temporary name, then rename over the target.
        std::string temp = directory_of(m_path) + "/.ctl-" + std::to_string(::getpid()) + ".tmp";
        std::remove(temp.c_str());
        if (::linkat(AT_FDCWD, ("/proc/self/fd/" + std::to_string(m_fd)).c_str(), AT_FDCWD, temp.c_str(),
                     AT_SYMLINK_FOLLOW) != 0)
            fail("cannot create", m_path);
        if (std::rename(temp.c_str(), m_path.c_str()) != 0) {
            std::remove(temp.c_str());
            fail("cannot create", m_path);
        }
    } else if (std::rename(m_temp_name.c_str(), m_path.c_str()) != 0) {
        fail("cannot create", m_path);
    }
    m_committed = true;
}

}  // namespace ctl::util
