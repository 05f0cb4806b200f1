#pragma once
// Sets TZ for one test and restores it afterwards (local-time rendering depends on it).

#include <cstdlib>
#include <ctime>
#include <string>

namespace ctl::testing {

class TzGuard {
public:
    explicit TzGuard(const char* zone) {
        if (const char* old = std::getenv("TZ")) {
            m_had = true;
            m_old = old;
        }
        setenv("TZ", zone, 1);
        tzset();
    }
    ~TzGuard() {
        if (m_had) {
            setenv("TZ", m_old.c_str(), 1);
        } else {
            unsetenv("TZ");
        }
        tzset();
    }
    TzGuard(const TzGuard&) = delete;
    TzGuard& operator=(const TzGuard&) = delete;

private:
    bool m_had = false;
    std::string m_old;
};

}  // namespace ctl::testing
