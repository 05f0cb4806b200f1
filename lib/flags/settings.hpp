#pragma once
// System settings: typed JSON values with a description and a category. Secret values are masked
// by the database (view settings_visible) for everyone but admins and owners, and masked in
// output unless `reveal` is asked for. Changes are audited (secret values as keyed hashes) and
// send NOTIFY ctl_flags with the key.

#include "db/connection.hpp"
#include "flags/store.hpp"

#include <optional>
#include <string>

namespace ctl::flags {

inline constexpr const char* k_categories[] = {"general", "pricing", "email", "integrations", "branding", "retention",
                                               "limits"};

Table settings_list(db::Connection& conn, const std::optional<std::string>& category, bool reveal);
Table settings_get(db::Connection& conn, const std::string& key, bool reveal);

struct SettingEdit {
    std::string key;
    std::string value;  // JSON text; anything that is not JSON is taken as a string
    std::optional<bool> secret;
    std::optional<std::string> description, category;
};
// Upsert. A value of another JSON type than the current one is refused (UsageError): unset first.
Change settings_set(db::Connection& conn, const SettingEdit& edit, std::string_view reason, bool dry_run);
Change settings_unset(db::Connection& conn, const std::string& key, std::string_view reason, bool dry_run);

}  // namespace ctl::flags
