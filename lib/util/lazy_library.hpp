#pragma once
// Shared libraries loaded on first use. libpq and libcurl pull in some thirty libraries (TLS,
// Kerberos, LDAP, ...) whose loading and relocation cost more than everything else ctl does at
// start-up; a command that never talks to the database or to a provider should not pay for them.
//
// A library is wrapped by defining each of its functions that ctl calls with CTL_LAZY, with the
// exact signature of the library's header (the compiler rejects a mismatch, as the header
// declares the same extern "C" name). The first call of any of them loads the library; a
// function ctl calls but the list lacks is an undefined symbol at link time, never at run time.

namespace ctl::util {

class LazyLibrary {
public:
    // soname as the dynamic loader knows it ("libpq.so.5"); package is the Debian package that
    // provides it, for the error message.
    constexpr LazyLibrary(const char* soname, const char* package) : m_soname(soname), m_package(package) {}
    // The address of `name`, loading the library on first use. Throws ctl::Unavailable (exit 6)
    // when the library or the symbol is missing.
    void* symbol(const char* name);

private:
    const char* m_soname;
    const char* m_package;
    void* m_handle = nullptr;
};

}  // namespace ctl::util

// Defines `ret name params` as a call of the same function in `library` (a LazyLibrary object),
// looked up once.
#define CTL_LAZY(library, ret, name, params, args)                                          \
    extern "C" ret name params {                                                            \
        using Fn = ret(*) params;                                                           \
        static const Fn fn = reinterpret_cast<Fn>((library).symbol(#name));                 \
        return fn args;                                                                     \
    }
