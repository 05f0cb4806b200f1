#pragma once
// Writing a file so that it appears complete or not at all: the data goes to an unnamed file in
// the target's directory (O_TMPFILE; a hidden temporary name where the filesystem lacks it),
// which commit() links and renames over the target. Until commit(), an interrupted process
// (error, Ctrl-C, SIGPIPE) leaves no file behind, and an existing target is untouched.

#include <fstream>
#include <string>

namespace ctl::util {

class AtomicFile {
public:
    // Throws ctl::Error (exit 1) when the directory is not writable.
    explicit AtomicFile(std::string path);
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile();  // without commit(): discards the data

    std::ostream& stream() { return m_out; }
    // Flushes, syncs and puts the file in place. Throws ctl::Error on a write failure.
    void commit();

private:
    std::string m_path;
    std::string m_temp_name;  // named fallback only
    int m_fd = -1;
    std::ofstream m_out;
    bool m_committed = false;
};

}  // namespace ctl::util
