#pragma once
// The proof of an erasure: a search of every text-like column of every table of the public
// schema (audit payloads included) for what identified the person. Runs inside the erasing
// transaction, so a failed proof rolls the erasure back.

#include "db/connection.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ctl::popia {

// What identified a person before erasure.
struct Identifiers {
    std::vector<std::string> emails, names, phones, wallets, auth_ids;
    std::vector<std::string> ips;  // every address in an inet column of the person's rows
};

// Reads the person's identifiers (users row and every inet column of the linked tables).
Identifiers identifiers_of(db::Transaction& tx, std::int64_t user_id);

struct Leftover {
    std::string table, column, kind;  // kind: e-mail, name, phone, wallet, auth id, IP
    long long rows = 0;
};

// Every column still holding one of `ids` (case-insensitive; values under 4 characters only as
// a whole value; IPs only as a whole address). Another person's own profile may share the
// name: the users table is searched for the name on `user_id`'s row only.
std::vector<Leftover> find_leftovers(db::Transaction& tx, std::int64_t user_id, const Identifiers& ids);

// A POSIX regular expression (PostgreSQL ARE) matching `value` literally.
std::string literal_regex(std::string_view value);

}  // namespace ctl::popia
