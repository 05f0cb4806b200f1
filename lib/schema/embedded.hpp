#pragma once
// The migration files, embedded at build time (cmake/embed_migrations.cmake), in file order.

#include <string_view>
#include <vector>

namespace ctl::schema {

struct EmbeddedMigration {
    std::string_view file;  // "0001_platform.sql"
    std::string_view sql;
};

const std::vector<EmbeddedMigration>& embedded_migrations();

}  // namespace ctl::schema
