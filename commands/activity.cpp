// ctl activity: the platform's recent events in one feed; --follow streams new ones as they are
// inserted (LISTEN/NOTIFY, no polling), reconnecting across a database restart or a connection
// that silently died (found by the listener's keepalive check).

#include "commands/context.hpp"
#include "db/error.hpp"
#include "db/listener.hpp"
#include "domain/activity_feed.hpp"
#include "domain/users.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <thread>
#include <unistd.h>

namespace ctl::cli {

namespace {

struct ActivityArgs {
    bool follow = false;
    std::vector<std::string> types;
    std::string user, since;
    long long limit = 50;
    long long count = 0;  // --follow: stop after this many events (0: never)
};

activity::Filter filter_of(db::Connection& conn, const ActivityArgs& a) {
    activity::Filter f;
    for (const auto& t : a.types)
        for (auto& part : util::split_list(t)) f.types.push_back(part);
    activity::check_filter(f);
    if (!a.user.empty()) f.user_id = users::resolve(conn, a.user);
    long long now = static_cast<long long>(std::time(nullptr));
    f.since = util::parse_date_or_time(a.since.empty() ? "1h" : a.since, now);
    f.limit = a.limit;
    f.include_admin = activity::may_read_audit(conn);
    return f;
}

// Prints events as they come: ndjson (also when piped with the default format), or one line each.
class Printer {
public:
    explicit Printer(Context& ctx) : m_ctx(ctx), m_options(ctx.render_options()) {
        if (m_options.format == output::Format::table && !isatty(STDOUT_FILENO)) m_options.format = output::Format::ndjson;
        if (m_options.format == output::Format::json) m_options.format = output::Format::ndjson;
    }
    long long print(const activity::Events& ev) {
        if (ev.rows.empty()) return 0;
        if (m_options.format == output::Format::table) {
            for (const auto& r : ev.rows)
                m_ctx.out() << fmt::format("{}  {:<7}  {:<8}  {}\n", r[1].value.value_or(""), r[2].value.value_or(""),
                                           r[3].value ? "user " + *r[3].value : "-", r[4].value.value_or(""));
        } else {
            auto renderer = output::make_renderer(m_ctx.out(), m_options);
            renderer->begin(ev.columns);
            for (const auto& r : ev.rows) renderer->row(r);
            renderer->end();
        }
        m_ctx.out().flush();
        return static_cast<long long>(ev.rows.size());
    }

private:
    Context& m_ctx;
    output::RenderOptions m_options;
};

// activity.keepalive: how long the follow connection may stay silent before it is checked.
int keepalive_ms(Context& ctx) {
    auto text = ctx.config().get_or("activity.keepalive", "30s");
    auto seconds = util::parse_duration_seconds(text);
    if (seconds < 1 || seconds > 3600)
        throw UsageError(fmt::format("bad activity.keepalive '{}'", text), "a duration from 1s to 1h, e.g. 30s");
    return static_cast<int>(seconds * 1000);
}

void follow(Context& ctx, const ActivityArgs& a) {
    db::ConnectOptions opts{ctx.database_conninfo(), 5, 0, {}};
    int keepalive = keepalive_ms(ctx);
    // The cursor comes before LISTEN and the first fetch after it, so nothing inserted in
    // between is lost.
    auto f = filter_of(ctx.db(), a);
    auto cursor = activity::current_cursor(ctx.db());
    auto listener = std::make_unique<db::Listener>(opts, "ctl_activity", keepalive);
    Printer printer(ctx);
    long long printed = 0;
    auto done = [&] { return a.count > 0 && printed >= a.count; };
    auto emit = [&](const activity::Events& ev) {
        activity::Events part = ev;
        if (a.count > 0 && static_cast<long long>(part.rows.size()) > a.count - printed)
            part.rows.resize(static_cast<std::size_t>(a.count - printed));
        printed += printer.print(part);
    };
    if (!a.since.empty()) emit(activity::events(listener->connection(), f, {0, 0, 0, 0}, cursor, true));
    activity::Filter live = f;
    live.since.reset();
    auto first = activity::events(listener->connection(), live, cursor, std::nullopt, false);
    activity::advance(cursor, first);
    emit(first);
    while (!done()) {
        try {
            if (listener->wait(30000) == 0) continue;
            auto ev = activity::events(listener->connection(), live, cursor, std::nullopt, false);
            activity::advance(cursor, ev);
            emit(ev);
        } catch (const Error& e) {
            if (e.code() != ExitCode::unavailable) throw;
            ctx.info("lost the database connection; reconnecting...");
            listener.reset();
            for (;;) {
                std::this_thread::sleep_for(std::chrono::seconds(1));
                try {
                    listener = std::make_unique<db::Listener>(opts, "ctl_activity", keepalive);
                    break;
                } catch (const Error& again) {
                    if (again.code() != ExitCode::unavailable) throw;
                }
            }
            auto ev = activity::events(listener->connection(), live, cursor, std::nullopt, false);
            activity::advance(cursor, ev);
            ctx.info(fmt::format("reconnected; caught up on {} event(s) missed", ev.rows.size()));
            emit(ev);
        }
    }
}

}  // namespace

void register_activity(CLI::App& root, Context& ctx) {
    auto a = std::make_shared<ActivityArgs>();
    auto* cmd = add_command(root, "activity", "Recent platform events in one feed (--follow: live)");
    cmd->add_flag("--follow,-f", a->follow, "Keep printing new events as they happen (ndjson when piped)");
    cmd->add_option("--type", a->types, "signup, login, payment, deploy, agent, admin or other (repeatable, or a,b)");
    cmd->add_option("--user", a->user, "Only this user's events (id, e-mail, wallet or auth-provider id)");
    cmd->add_option("--since", a->since, "At or after (date, time or 1h; default 1h; with --follow: backlog to show)");
    cmd->add_option("--limit", a->limit, "Newest events to show (0: all)")->check(CLI::Range(0LL, 1000000000LL))->capture_default_str();
    cmd->add_option("--count", a->count, "With --follow: stop after this many events")->check(CLI::Range(0LL, 1000000000LL));
    cmd->callback([&ctx, a] {
        if (a->follow) {
            follow(ctx, *a);
            return;
        }
        auto options = ctx.render_options();
        auto& conn = ctx.db();
        auto f = filter_of(conn, *a);
        auto ev = activity::events(conn, f, {0, 0, 0, 0}, std::nullopt, true);
        output::render(ctx.out(), options, ev.columns, ev.rows);
    });
}

}  // namespace ctl::cli
