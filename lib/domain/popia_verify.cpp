#include "domain/popia_verify.hpp"

#include "domain/popia_catalog.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cctype>

namespace ctl::popia {

namespace {

void add_unique(std::vector<std::string>& to, std::optional<std::string> value) {
    if (!value || value->empty()) return;
    for (const auto& v : to)
        if (v == *value) return;
    to.push_back(*value);
}

// Patterns for a text identifier: a substring, or the whole value when it is short (a name of
// two letters is everywhere).
std::vector<std::string> text_patterns(const std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (const auto& v : values)
        out.push_back(v.size() < 4 ? "^" + literal_regex(v) + "$" : literal_regex(v));
    return out;
}

// An address inside text, not as part of a longer one.
std::vector<std::string> ip_patterns(const std::vector<std::string>& ips) {
    std::vector<std::string> out;
    for (const auto& ip : ips) {
        bool v6 = ip.find(':') != std::string::npos;
        // A trailing dot may end a sentence, so after an IPv4 address only a digit continues it.
        out.push_back(v6 ? fmt::format("(^|[^0-9a-f:]){}($|[^0-9a-f:])", literal_regex(ip))
                         : fmt::format("(^|[^0-9.]){}($|[^0-9])", literal_regex(ip)));
    }
    return out;
}

struct Kind {
    const char* name;
    std::vector<std::string> patterns;
};

// A LIKE pattern matching `value` literally (backslash is LIKE's escape).
std::string like_literal(std::string_view value) {
    std::string out;
    for (char c : value) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

}  // namespace

std::string literal_regex(std::string_view value) {
    std::string out;
    for (char c : value) {
        auto u = static_cast<unsigned char>(c);
        if (u < 128 && !std::isalnum(u)) out += '\\';
        out += c;
    }
    return out;
}

Identifiers identifiers_of(db::Transaction& tx, std::int64_t user_id) {
    Identifiers ids;
    auto u = tx.exec("SELECT email::text, name, phone, wallet, auth_provider_id FROM users WHERE id = $1", {user_id});
    if (u.empty()) return ids;
    add_unique(ids.emails, u[0].opt_text(0));
    add_unique(ids.names, u[0].opt_text(1));
    add_unique(ids.phones, u[0].opt_text(2));
    add_unique(ids.wallets, u[0].opt_text(3));
    add_unique(ids.auth_ids, u[0].opt_text(4));
    auto& conn = tx.connection();
    auto searchable = searchable_tables(conn);
    for (const auto& linked : linked_tables(conn)) {
        for (const auto& t : searchable) {
            if (t.name != linked.name) continue;
            for (const auto& c : t.columns) {
                if (!c.is_inet) continue;
                auto r = tx.exec(fmt::format("SELECT DISTINCT host({0}) FROM {1} WHERE {0} IS NOT NULL AND {2}",
                                             quote_name(c.name), quote_name(t.name), linked.condition),
                                 {user_id});
                for (int i = 0; i < r.rows(); ++i) add_unique(ids.ips, r[i].opt_text(0));
            }
        }
    }
    return ids;
}

std::vector<Leftover> find_leftovers(db::Transaction& tx, std::int64_t user_id, const Identifiers& ids) {
    std::vector<Kind> kinds = {{"e-mail", text_patterns(ids.emails)}, {"name", text_patterns(ids.names)},
                               {"phone", text_patterns(ids.phones)},   {"wallet", text_patterns(ids.wallets)},
                               {"auth id", text_patterns(ids.auth_ids)}, {"IP", ip_patterns(ids.ips)}};
    // $1 user id, $2 the addresses as inet[], then one text[] of patterns per kind.
    db::Params params{user_id, nlohmann::json(ids.ips).dump()};
    std::vector<std::string> slot;
    for (const auto& k : kinds) {
        params.emplace_back(nlohmann::json(k.patterns).dump());
        slot.push_back(fmt::format("ARRAY(SELECT jsonb_array_elements_text(${}::jsonb))", params.size()));
    }
    // A cheap first pass finds the rows holding any identifier as a fragment (ILIKE on all of a
    // row's text at once); only those rows get the exact, per-column regular expressions.
    std::vector<std::string> likes;
    for (const auto* values : {&ids.emails, &ids.names, &ids.phones, &ids.wallets, &ids.auth_ids, &ids.ips})
        for (const auto& v : *values) likes.push_back("%" + like_literal(v) + "%");
    params.emplace_back(nlohmann::json(likes).dump());
    const std::string like_any = fmt::format("ANY(ARRAY(SELECT jsonb_array_elements_text(${}::jsonb)))", params.size());
    // Every parameter typed once, whether this table's query uses it or not.
    std::string typed = "WITH params AS (SELECT $1::bigint, $2::jsonb";
    for (std::size_t i = 3; i <= params.size(); ++i) typed += fmt::format(", ${}::jsonb", i);
    typed += ")";
    const std::string inets = "ARRAY(SELECT jsonb_array_elements_text($2::jsonb))::inet[]";

    std::vector<Leftover> out;
    for (const auto& t : searchable_tables(tx.connection())) {
        std::vector<std::string> aggregates, texts, prefilter;
        std::vector<std::pair<std::string, std::string>> labels;  // column, kind
        for (const auto& c : t.columns) {
            std::string col = quote_name(c.name);
            if (c.is_inet)
                prefilter.push_back(fmt::format("{} = ANY({})", col, inets));
            else
                texts.push_back(col + "::text");
            for (std::size_t k = 0; k < kinds.size(); ++k) {
                if (kinds[k].patterns.empty()) continue;
                std::string cond;
                if (c.is_inet) {
                    if (std::string_view(kinds[k].name) != "IP") continue;
                    cond = fmt::format("{} = ANY({})", col, inets);
                } else {
                    cond = fmt::format("{}::text ~* ANY({})", col, slot[k]);
                    if (t.name == "users" && std::string_view(kinds[k].name) == "name")
                        cond = fmt::format("(\"id\" = $1 AND {})", cond);
                }
                aggregates.push_back(fmt::format("count(*) FILTER (WHERE {})", cond));
                labels.emplace_back(c.name, kinds[k].name);
            }
        }
        if (aggregates.empty()) continue;
        if (!texts.empty())
            prefilter.push_back(fmt::format("concat_ws(' ', {}) ILIKE {}", fmt::join(texts, ", "), like_any));
        auto r = tx.exec(fmt::format("{} SELECT {} FROM (SELECT * FROM {} WHERE {}) hits", typed,
                                     fmt::join(aggregates, ", "), quote_name(t.name), fmt::join(prefilter, " OR ")),
                         params);
        for (std::size_t i = 0; i < labels.size(); ++i) {
            auto n = r[0].int64(static_cast<int>(i));
            if (n > 0) out.push_back({t.name, labels[i].first, labels[i].second, n});
        }
    }
    return out;
}

}  // namespace ctl::popia
