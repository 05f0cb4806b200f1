// ctl analytics: the business's numbers (DESIGN §10), read from the replica when configured.
// The report command lives in analytics_report.cpp.

#include "analytics/metrics.hpp"
#include "analytics/refresh.hpp"
#include "commands/analytics_common.hpp"
#include "output/chart.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace ctl::cli {

namespace {

struct BreakdownArgs : PeriodArgs {
    std::string by;
    bool revenue = false;
    int top = 10;
};

void render_sections(Context& ctx, const std::vector<output::Section>& sections) {
    output::render_document(ctx.out(), ctx.render_options(), sections);
    ctx.out().flush();
}

// The overview's table: metrics, then a sparkline per daily series.
void run_overview(Context& ctx, const PeriodArgs& a) {
    auto& conn = analytics_db(ctx);
    auto s = analytics::overview(conn);
    output::render(ctx.out(), ctx.render_options(), s.columns, s.rows);
    if (charts_wanted(ctx, a)) {
        ctx.out() << "\nlast 30 days\n";
        print_trends(ctx, analytics::overview_trends(conn), {"signups", "received_cents", "failed_deployments"});
    }
    ctx.out().flush();
}

// Horizontal bars for a "name, count" section on a terminal.
void print_bars(Context& ctx, const output::Section& s, const std::string& label, const std::string& value) {
    std::size_t l = 0, v = 0;
    for (std::size_t i = 0; i < s.columns.size(); ++i) {
        if (s.columns[i].name == label) l = i;
        if (s.columns[i].name == value) v = i;
    }
    double max = 0;
    for (const auto& r : s.rows) max = std::max(max, std::strtod(r[v].value.value_or("0").c_str(), nullptr));
    ctx.out() << "\n" << s.title << "\n";
    for (const auto& r : s.rows) {
        std::string name = r[l].value.value_or("-");
        if (output::display_width(name) > 40) name = name.substr(0, 39) + "…";
        double x = std::strtod(r[v].value.value_or("0").c_str(), nullptr);
        ctx.out() << fmt::format("{:<40}  {} {:g}\n", name, output::hbar(x, max, 30), x);
    }
}

}  // namespace

void register_analytics(CLI::App& root, Context& ctx) {
    auto* group = add_command(root, "analytics", "Business metrics: MRR, revenue, churn, users, agents, usage");
    group->require_subcommand(1);

    auto overview_args = std::make_shared<PeriodArgs>();
    auto* overview = add_command(*group, "overview", "The dashboard: users, agents, MRR, payments, deployments");
    overview->add_flag("--no-chart", overview_args->no_chart, "No sparklines on a terminal");
    overview->callback([&ctx, overview_args] { run_overview(ctx, *overview_args); });

    auto mrr_args = std::make_shared<PeriodArgs>();
    auto* mrr = add_command(*group, "mrr", "MRR per interval with its movements, ARR and ARPA");
    add_period_options(*mrr, *mrr_args);
    mrr->callback([&ctx, mrr_args] {
        auto periods = analytics::mrr_movements(analytics_db(ctx), range_of(*mrr_args));
        render_metric(ctx, *mrr_args, analytics::mrr_section(periods), {"mrr_cents", "net_new_cents"});
    });

    auto revenue_args = std::make_shared<BreakdownArgs>();
    auto* revenue = add_command(*group, "revenue", "Cash received less refunds per interval");
    add_period_options(*revenue, *revenue_args);
    revenue->add_option("--by", revenue_args->by, "Break down by plan, provider or currency")
        ->check(CLI::IsMember({"plan", "provider", "currency"}));
    revenue->callback([&ctx, revenue_args] {
        auto s = analytics::revenue(analytics_db(ctx), range_of(*revenue_args), revenue_args->by);
        render_metric(ctx, *revenue_args, s, revenue_args->by.empty() ? std::vector<std::string>{"net_cents"}
                                                                         : std::vector<std::string>{});
    });

    auto churn_args = std::make_shared<BreakdownArgs>();
    auto* churn = add_command(*group, "churn", "Customer churn, gross and net MRR churn, NRR and LTV");
    add_period_options(*churn, *churn_args);
    churn->add_option("--by", churn_args->by, "plan: subscription churn per plan")->check(CLI::IsMember({"plan"}));
    churn->callback([&ctx, churn_args] {
        auto range = range_of(*churn_args);
        if (churn_args->by == "plan")
            return render_metric(ctx, *churn_args, analytics::churn_by_plan(analytics_db(ctx), range), {});
        auto s = analytics::churn(analytics::mrr_movements(analytics_db(ctx), range));
        render_metric(ctx, *churn_args, s, {"customer_churn", "net_mrr_churn"});
    });

    auto users_args = std::make_shared<BreakdownArgs>();
    auto* users = add_command(*group, "users", "Signups, DAU/WAU/MAU, activation and trial conversion");
    add_period_options(*users, *users_args);
    users->add_option("--by", users_args->by, "Segment signups by plan or auth_provider")
        ->check(CLI::IsMember({"plan", "auth_provider"}));
    users->callback([&ctx, users_args] {
        auto s = analytics::users(analytics_db(ctx), range_of(*users_args), users_args->by);
        render_metric(ctx, *users_args, s,
                      users_args->by.empty() ? std::vector<std::string>{"signups", "mau"} : std::vector<std::string>{});
    });

    auto retention_args = std::make_shared<BreakdownArgs>();
    auto* retention = add_command(*group, "retention", "Cohorts by signup month: share active in month 0..N");
    add_period_options(*retention, *retention_args, false);
    retention->add_flag("--revenue", retention_args->revenue, "Net MRR retention by first-paid month instead");
    retention->callback([&ctx, retention_args] {
        auto s = analytics::retention(analytics_db(ctx), range_of(*retention_args), retention_args->revenue);
        output::render(ctx.out(), ctx.render_options(), s.columns, s.rows);
        ctx.out().flush();
    });

    auto agents_args = std::make_shared<BreakdownArgs>();
    auto* agents = add_command(*group, "agents", "Agents created, deployment success and time, failures, purposes");
    add_period_options(*agents, *agents_args);
    agents->add_option("--top", agents_args->top, "How many failure reasons and purposes")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    agents->callback([&ctx, agents_args] {
        auto sections = analytics::agents(analytics_db(ctx), range_of(*agents_args), agents_args->top);
        if (ctx.format() != output::Format::table) return render_sections(ctx, sections);
        render_metric(ctx, *agents_args, sections[0], {"agents_created", "success_rate"});
        if (charts_wanted(ctx, *agents_args)) {
            print_bars(ctx, sections[1], "reason", "failures");
            print_bars(ctx, sections[2], "purpose", "agents");
        } else {
            render_sections(ctx, {sections[1], sections[2]});
        }
        ctx.out().flush();
    });

    auto usage_args = std::make_shared<BreakdownArgs>();
    auto* usage = add_command(*group, "usage", "Usage and cost, margin per user, top/bottom users, near quota");
    add_period_options(*usage, *usage_args);
    usage->add_option("--top", usage_args->top, "How many top and bottom users")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    usage->callback([&ctx, usage_args] {
        render_sections(ctx, analytics::usage(analytics_db(ctx), range_of(*usage_args), usage_args->top));
    });

    auto funnel_args = std::make_shared<PeriodArgs>();
    auto* funnel = add_command(*group, "funnel", "Signup → agent → deployed → paid for a signup cohort");
    add_period_options(*funnel, *funnel_args, false);
    funnel->callback([&ctx, funnel_args] {
        auto s = analytics::funnel(analytics_db(ctx), range_of(*funnel_args));
        output::render(ctx.out(), ctx.render_options(), s.columns, s.rows);
        if (charts_wanted(ctx, *funnel_args)) print_bars(ctx, s, "step", "users");
        ctx.out().flush();
    });

    add_command(*group, "refresh", "Bring the daily analytics rollups up to today (for cron; incremental)")
        ->callback([&ctx] {
            ctx.allow_long_statements();
            auto r = analytics::refresh_rollup(ctx.db());
            ctx.info(fmt::format("MRR rollups {} up to {}: {} customers, {} days, {} periods; {} days of signups",
                                 r.full_rebuild ? "rebuilt" : "refreshed", r.rolled_up_until, r.customers,
                                 r.changed_days, r.periods, r.user_days));
        });

    register_analytics_report(*group, ctx);
}

}  // namespace ctl::cli
