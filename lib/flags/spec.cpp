#include "flags/spec.hpp"

#include "flags/model.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <cctype>

namespace ctl::flags {

nlohmann::json parse_constraint_spec(std::string_view spec) {
    if (!util::is_valid_utf8(spec))
        throw UsageError("bad constraint: not valid UTF-8", "CONTEXT [NOT] OPERATOR[/i] VALUES, e.g. 'tier IN pro,enterprise'");
    auto words = util::split_list(spec, ' ');
    auto bad = [&] {
        return UsageError(fmt::format("bad constraint '{}'", spec),
                          "CONTEXT [NOT] OPERATOR[/i] VALUES, e.g. 'tier IN pro,enterprise'");
    };
    if (words.size() < 3) throw bad();
    nlohmann::json c = {{"contextName", words[0]}, {"inverted", false}, {"caseInsensitive", false}};
    std::size_t i = 1;
    if (words[i] == "NOT" || words[i] == "not") {
        c["inverted"] = true;
        ++i;
    }
    if (i + 1 >= words.size()) throw bad();
    std::string op = words[i];
    if (op.size() > 2 && op.substr(op.size() - 2) == "/i") {
        c["caseInsensitive"] = true;
        op.resize(op.size() - 2);
    }
    for (auto& ch : op) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    Operator parsed = parse_operator(op);
    if (parsed == Operator::unknown)
        throw UsageError(fmt::format("unknown constraint operator '{}'", op),
                         "IN NOT_IN STR_STARTS_WITH STR_ENDS_WITH STR_CONTAINS NUM_EQ NUM_GT NUM_GTE NUM_LT NUM_LTE "
                         "DATE_AFTER DATE_BEFORE SEMVER_EQ SEMVER_GT SEMVER_LT REGEX");
    c["operator"] = op;
    std::string rest;
    for (std::size_t k = i + 1; k < words.size(); ++k) rest += (rest.empty() ? "" : " ") + words[k];
    bool multi = parsed == Operator::in || parsed == Operator::not_in || parsed == Operator::str_starts_with ||
                 parsed == Operator::str_ends_with || parsed == Operator::str_contains;
    if (multi) {
        c["values"] = util::split_list(rest, ',');
    } else {
        c["value"] = rest;
        c["values"] = nlohmann::json::array();
    }
    return c;
}

nlohmann::json parse_variant_spec(std::string_view spec, const std::string& stickiness) {
    if (!util::is_valid_utf8(spec) || !util::is_valid_utf8(stickiness))
        throw UsageError("bad variant: not valid UTF-8", "NAME:WEIGHT[:PAYLOAD], e.g. blue:500");
    auto c1 = spec.find(':');
    if (c1 == std::string_view::npos || c1 == 0)
        throw UsageError(fmt::format("bad variant '{}'", spec), "NAME:WEIGHT[:PAYLOAD], e.g. blue:500");
    auto c2 = spec.find(':', c1 + 1);
    std::string name(spec.substr(0, c1));
    std::string weight_text(spec.substr(c1 + 1, c2 == std::string_view::npos ? std::string_view::npos : c2 - c1 - 1));
    long long weight = util::parse_int(weight_text, "variant weight", 0, 1000000);
    nlohmann::json v = {{"name", name}, {"weight", weight}, {"weightType", "variable"}, {"stickiness", stickiness}};
    if (c2 != std::string_view::npos) {
        std::string payload(spec.substr(c2 + 1));
        auto parsed = nlohmann::json::parse(payload, nullptr, false);
        if (!parsed.is_discarded() && (parsed.is_object() || parsed.is_array()))
            v["payload"] = {{"type", "json"}, {"value", payload}};
        else
            v["payload"] = {{"type", "string"}, {"value", payload}};
    }
    return v;
}

}  // namespace ctl::flags
