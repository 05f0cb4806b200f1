// toml++'s implementation, built into ctl from the Debian package's own headers
// (libtomlplusplus-dev) instead of linking libtomlplusplus.so, for the reason given in fmt.cpp.
// Every other file includes toml++ with TOML_HEADER_ONLY=0 (CMakeLists.txt) and calls these.

#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
