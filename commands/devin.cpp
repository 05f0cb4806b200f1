// ctl devin: watching deployments and their Devin sessions (queue, sessions, show, logs, test).
// The commands that change a deployment live in devin_actions.cpp; register_devin() registers
// them all.

#include "commands/devin_common.hpp"
#include "commands/users_common.hpp"
#include "commands/watch.hpp"
#include "domain/deployments.hpp"
#include "output/document.hpp"
#include "util/parse.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>

namespace ctl::cli {

namespace {

struct QueueArgs {
    long long limit = 20;
    std::string recent = "24h";
    bool watch = false;
    double interval = 5;
    long long count = 0;
};

struct SessionsArgs {
    std::string status, since;
    long long limit = 50;
};

struct ShowArgs {
    std::string ref;
    bool watch = false;
    double interval = 2;
    long long count = 0;
};

void render_page(Context& ctx, const users::Page& page) {
    output::render(ctx.out(), ctx.render_options(), page.columns, page.rows);
    ctx.out().flush();
}

void run_queue(Context& ctx, const QueueArgs& a) {
    deployments::QueueFilter f;
    f.limit = a.limit;
    f.recent_seconds = util::parse_duration_seconds(a.recent);
    auto draw = [&] {
        render_page(ctx, deployments::queue(ctx.db(), f));
        return true;
    };
    if (!a.watch) {
        draw();
        return;
    }
    watch(ctx, {a.interval, a.interval, a.count}, draw);
}

// Shows one session; returns true while it is not finished (for --watch).
bool show_session(Context& ctx, providers::DevinClient& devin, const std::string& session_id) {
    auto s = devin.get_session(session_id);
    auto options = ctx.render_options();
    if (options.format == output::Format::json) {
        ctx.out() << s.raw.dump(2) << "\n";  // the raw answer, as Devin sent it
    } else if (options.format == output::Format::ndjson) {
        ctx.out() << s.raw.dump() << "\n";
    } else {
        output::render_document(ctx.out(), options, deployments::session_document(ctx.db(), s));
    }
    ctx.out().flush();
    return !providers::is_terminal_status(s.status_enum);
}

void run_show(Context& ctx, const ShowArgs& a) {
    auto session_id = deployments::session_of(ctx.db(), a.ref);
    DevinAccess devin(ctx);
    if (!a.watch) {
        show_session(ctx, devin.client(), session_id);
        return;
    }
    watch(ctx, {a.interval, 30, a.count}, [&] { return show_session(ctx, devin.client(), session_id); });
}

void run_test(Context& ctx) {
    DevinAccess devin(ctx);
    auto settings = providers::devin_settings(ctx.config());
    auto start = std::chrono::steady_clock::now();
    auto sessions = devin.client().list_sessions(1, 0);
    auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    ctx.info(fmt::format("Devin answered in {:.0f} ms; the API key is accepted", ms));
    users_cmd::render_record(ctx, {{"api_url"}, {"reachable", output::Kind::boolean}, {"key_accepted", output::Kind::boolean},
                                   {"latency_ms", output::Kind::integer}},
                             {settings.api_url, "true", "true", std::to_string(static_cast<long long>(ms + 0.5))});
}

}  // namespace

void print_session_messages(Context& ctx, const std::string& session_id) {
    DevinAccess devin(ctx);
    render_page(ctx, deployments::session_messages(devin.client().get_session(session_id)));
}

void register_devin(CLI::App& root, Context& ctx) {
    auto* devin = add_command(root, "devin", "Watch and steer agent deployments and their Devin sessions");
    devin->require_subcommand(1);

    auto q = std::make_shared<QueueArgs>();
    auto* queue = add_command(*devin, "queue", "Pending, running, failed and recently completed deployments");
    queue->add_option("--limit", q->limit, "Rows per part")->check(CLI::Range(1LL, 1000000000LL))->capture_default_str();
    queue->add_option("--recent", q->recent, "Window of the failed and completed parts (24h, 7d)")->capture_default_str();
    queue->add_flag("--watch", q->watch, "Redraw every --interval seconds until interrupted");
    queue->add_option("--interval", q->interval, "Seconds between redraws")->check(finite_number())->check(CLI::Range(0.1, 3600.0))->capture_default_str();
    queue->add_option("--count", q->count, "With --watch: stop after this many redraws")->check(CLI::Range(0LL, 1000000000LL));
    queue->callback([&ctx, q] { run_queue(ctx, *q); });

    auto s = std::make_shared<SessionsArgs>();
    auto* sessions = add_command(*devin, "sessions", "Devin's sessions, newest first, with their deployments");
    sessions->add_option("--status", s->status, "Only this status_enum (working, blocked, finished, expired, ...)");
    sessions->add_option("--since", s->since, "Created at or after (date, time or 7d)");
    sessions->add_option("--limit", s->limit, "Rows")->check(CLI::Range(1LL, 1000000000LL))->capture_default_str();
    sessions->callback([&ctx, s] {
        std::optional<std::string> since;
        if (!s->since.empty()) since = util::parse_date_or_time(s->since, static_cast<long long>(std::time(nullptr)));
        DevinAccess access(ctx);
        auto page = deployments::sessions(ctx.db(), access.client(),
                                          s->status.empty() ? std::nullopt : std::optional(s->status), since, s->limit);
        render_page(ctx, page);
        if (page.more) ctx.info("more sessions: raise --limit");
    });

    auto sh = std::make_shared<ShowArgs>();
    auto* show = add_command(*devin, "show", "A session's live status and parsed result (-o json: Devin's raw answer)");
    show->add_option("SESSION", sh->ref, "Devin session id, or a deployment id")->required();
    show->add_flag("--watch", sh->watch, "Poll with backoff until the session is finished or expired");
    show->add_option("--interval", sh->interval, "First pause between polls, in seconds (doubles up to 30)")
        ->check(finite_number())
        ->check(CLI::Range(0.1, 3600.0))
        ->capture_default_str();
    show->add_option("--count", sh->count, "With --watch: stop after this many polls")->check(CLI::Range(0LL, 1000000000LL));
    show->callback([&ctx, sh] { run_show(ctx, *sh); });

    auto l = std::make_shared<std::string>();
    auto* logs = add_command(*devin, "logs", "A session's messages in order, with times and authors");
    logs->add_option("SESSION", *l, "Devin session id, or a deployment id")->required();
    logs->callback([&ctx, l] { print_session_messages(ctx, deployments::session_of(ctx.db(), *l)); });

    auto* test = add_command(*devin, "test", "Check the API key and that Devin answers; prints the latency");
    test->callback([&ctx] { run_test(ctx); });

    register_devin_actions(*devin, ctx);
}

}  // namespace ctl::cli
