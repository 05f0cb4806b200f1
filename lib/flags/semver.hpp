#pragma once
// Strict semantic versions as the SDKs' semver libraries read them ("1.2.3", "v1.2.3-beta.1+b7"),
// with precedence per semver.org (build metadata ignored).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ctl::flags {

struct SemVer {
    unsigned long long major = 0, minor = 0, patch = 0;
    std::vector<std::string> prerelease;
};

std::optional<SemVer> parse_semver(std::string_view text);
// <0, 0, >0
int compare(const SemVer& a, const SemVer& b);

}  // namespace ctl::flags
