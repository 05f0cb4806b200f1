// ctl flags eval / export / import: Unleash evaluation against the database or a state document,
// and the client-API document itself.

#include "commands/flags_common.hpp"
#include "flags/evaluate.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"

#include <CLI/CLI.hpp>

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <unistd.h>

namespace ctl::cli::flags_cmd {

namespace {

struct EvalArgs {
    std::string flag, user, session, address, state_file, env, users_from, format = "unleash", out, file;
    std::vector<std::string> context;
};

nlohmann::json read_json_file(const std::string& path, const char* what) {
    std::ifstream in(path);
    if (!in) throw UsageError(fmt::format("cannot read {} {}", what, path));
    auto doc = nlohmann::json::parse(in, nullptr, false);
    if (doc.is_discarded()) throw UsageError(fmt::format("{} {} is not valid JSON", what, path));
    return doc;
}

flags::Context make_context(const EvalArgs& a, const std::string& env) {
    flags::Context c;
    c.environment = env;
    char host[256] = {};
    const char* from_env = std::getenv("HOSTNAME");
    if (from_env && *from_env) c.hostname = from_env;
    else if (gethostname(host, sizeof host - 1) == 0) c.hostname = host;
    for (const auto& kv : a.context) flags::assign_context(c, kv);
    if (!a.user.empty()) c.user_id = a.user;
    if (!a.session.empty()) c.session_id = a.session;
    if (!a.address.empty()) c.remote_address = a.address;
    return c;
}

// Many users at once: one line per user id; csv/tsv/ndjson/json list every user, the table
// sums them up (users, enabled, per variant).
void evaluate_many(Context& ctx, const flags::State& state, const std::string& flag, flags::Context c,
                   const std::string& file) {
    std::ifstream in_file;
    std::istream* in = &std::cin;
    if (file != "-") {
        in_file.open(file);
        if (!in_file) throw UsageError("cannot read --users-from " + file);
        in = &in_file;
    }
    auto format = ctx.format();
    auto& out = ctx.out();
    std::string line;
    long long users = 0, enabled = 0;
    std::map<std::string, long long> by_variant;
    const char sep = format == output::Format::tsv ? '\t' : ',';
    if (format == output::Format::csv || format == output::Format::tsv)
        out << "user_id" << sep << "enabled" << sep << "variant\n";
    if (format == output::Format::json) out << "[";
    std::string buffer;
    for (; std::getline(*in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        c.user_id = line;
        auto e = flags::evaluate(state, flag, c);
        ++users;
        enabled += e.enabled ? 1 : 0;
        ++by_variant[e.variant.name];
        switch (format) {
            case output::Format::csv:
            case output::Format::tsv:
                buffer.append(line).push_back(sep);
                buffer.append(e.enabled ? "true" : "false").push_back(sep);
                buffer.append(e.variant.name).push_back('\n');
                break;
            case output::Format::ndjson:
            case output::Format::json: {
                if (format == output::Format::json && users > 1) buffer.push_back(',');
                auto j = flags::to_json(e);
                j["user_id"] = line;
                buffer.append(j.dump());
                if (format == output::Format::ndjson) buffer.push_back('\n');
                break;
            }
            default: break;
        }
        if (buffer.size() > (1 << 16)) {
            out << buffer;
            buffer.clear();
        }
    }
    out << buffer;
    if (format == output::Format::json) out << "]\n";
    if (format != output::Format::table) return;
    auto share = [users](long long n) {
        return users ? 100.0 * static_cast<double>(n) / static_cast<double>(users) : 0.0;
    };
    flags::Table t{{{"variant"}, {"users", output::Kind::integer}, {"share"}}, {}};
    for (const auto& [name, n] : by_variant)
        t.rows.push_back({name, std::to_string(n), fmt::format("{:.2f}%", share(n))});
    out << fmt::format("{} users, {} enabled ({:.2f}%)\n", users, enabled, share(enabled));
    print(ctx, t);
}

}  // namespace

void register_evaluation(CLI::App& flags, Context& ctx) {
    auto a = std::make_shared<EvalArgs>();
    auto* eval = add_command(flags, "eval", "Evaluate a flag for a user exactly as the Unleash SDKs do");
    eval->add_option("FLAG", a->flag, "Flag name")->required();
    eval->add_option("--user", a->user, "userId");
    eval->add_option("--session", a->session, "sessionId");
    eval->add_option("--address", a->address, "remoteAddress (IP)");
    eval->add_option("--context", a->context, "KEY=VALUE (repeatable): appName, currentTime, tier, ...");
    eval->add_option("--state", a->state_file, "Evaluate against this Unleash client-API document, not the database");
    eval->add_option("--users-from", a->users_from, "File of user ids, one a line (- for stdin)");
    eval->add_option("--env", a->env, "Environment (default: flags.environment of the profile, else production)");
    eval->callback([&ctx, a] {
        std::string env = environment(ctx, a->env);
        auto state = flags::parse_state(a->state_file.empty() ? flags::export_state(ctx.db(), env)
                                                               : read_json_file(a->state_file, "state file"));
        if (!state.find(a->flag) && a->state_file.empty())
            throw NotFound(fmt::format("flag '{}' not found", a->flag), "see: ctl flags list");
        auto c = make_context(*a, env);
        if (!a->users_from.empty()) {
            evaluate_many(ctx, state, a->flag, std::move(c), a->users_from);
            return;
        }
        auto e = flags::evaluate(state, a->flag, c);
        auto format = ctx.format();
        if (format == output::Format::json || format == output::Format::ndjson) {
            ctx.out() << flags::to_json(e).dump(format == output::Format::json ? 2 : -1) << "\n";
            return;
        }
        flags::Change record;
        record.record = {{{"flag"}, {"enabled", output::Kind::boolean}, {"variant"}, {"variant_enabled", output::Kind::boolean},
                          {"feature_enabled", output::Kind::boolean}, {"payload", output::Kind::json}},
                         {{a->flag, e.enabled ? "true" : "false", e.variant.name, e.variant.enabled ? "true" : "false",
                           e.variant.feature_enabled ? "true" : "false",
                           e.variant.payload.is_null() ? output::Cell::null() : output::Cell(e.variant.payload.dump())}}};
        report(ctx, record);
    });

    auto x = std::make_shared<EvalArgs>();
    auto* exp = add_command(flags, "export", "The flags as an Unleash client-API document an SDK can load");
    exp->add_option("--format", x->format, "unleash (the state document) or json (the features only)")
        ->check(CLI::IsMember({"unleash", "json"}))
        ->capture_default_str();
    exp->add_option("--env", x->env, "Environment (default: flags.environment of the profile, else production)");
    exp->add_option("--out", x->out, "Write to this file (atomically) instead of stdout");
    exp->callback([&ctx, x] {
        auto doc = flags::export_state(ctx.db(), environment(ctx, x->env));
        std::string text = (x->format == "json" ? doc["features"] : doc).dump(2) + "\n";
        if (x->out.empty()) {
            ctx.out() << text;
            return;
        }
        util::AtomicFile file(x->out);
        file.stream() << text;
        file.commit();
        ctx.info("wrote " + x->out);
    });

    auto i = std::make_shared<EvalArgs>();
    auto* imp = add_command(flags, "import", "Upsert flags from an Unleash client-API document (reports the changes)");
    imp->add_option("FILE", i->file, "The state document (- for stdin)")->required();
    imp->add_option("--env", i->env, "Environment (default: flags.environment of the profile, else production)");
    imp->callback([&ctx, i] {
        nlohmann::json doc;
        if (i->file == "-") {
            doc = nlohmann::json::parse(std::cin, nullptr, false);
            if (doc.is_discarded()) throw UsageError("stdin is not valid JSON");
        } else {
            doc = read_json_file(i->file, "state file");
        }
        auto t = flags::import_state(ctx.db(), doc, environment(ctx, i->env), reason(ctx, "flags import"),
                                     ctx.options.dry_run);
        long long changed = 0;
        for (const auto& row : t.rows) changed += row[1].value != "unchanged" ? 1 : 0;
        print(ctx, t);
        ctx.info(fmt::format("{}{} of {} flag(s) changed{}", ctx.options.dry_run ? "dry run: " : "", changed,
                             t.rows.size(), ctx.options.dry_run ? " (rolled back)" : ""));
    });
}

}  // namespace ctl::cli::flags_cmd
