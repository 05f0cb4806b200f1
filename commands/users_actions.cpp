// ctl users: the commands that change one user (status, profile, deletion, notes, credits,
// trial, plan, quotas, impersonation) and the per-user histories (activity, logins).

#include "commands/email_common.hpp"
#include "commands/users_common.hpp"
#include "domain/impersonation.hpp"
#include "domain/user_actions.hpp"
#include "domain/user_email.hpp"
#include "http/client.hpp"
#include "providers/email.hpp"
#include "domain/users.hpp"
#include "util/parse.hpp"
#include "util/time.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <ctime>
#include <map>
#include <sstream>

namespace ctl::cli::users_cmd {

void render_record(Context& ctx, const std::vector<output::Column>& columns, const output::Row& row) {
    auto options = ctx.render_options();
    if (options.format == output::Format::table) {
        output::Section s{"result", "Result", columns, {row}, true};
        output::render_document(ctx.out(), options, {s});
        return;
    }
    if (options.format == output::Format::json) options.format = output::Format::ndjson;  // one object
    output::render(ctx.out(), options, columns, {row});
}

std::optional<security::NotesKey> notes_key(Context& ctx) {
    auto text = ctx.config().get("notes.key");
    if (!text || text->empty()) return std::nullopt;
    return security::parse_notes_key(*text);
}

namespace {

void report(Context& ctx, const users::ActionResult& r) {
    ctx.info(r.summary);
    render_record(ctx, r.columns, r.row);
}

std::int64_t resolve(Context& ctx, const std::string& ref) { return users::resolve(ctx.db(), ref); }

CLI::Option* add_user(CLI::App& cmd, std::string& ref) {
    return cmd.add_option("USER", ref, "Id, e-mail, wallet or auth-provider id")->required();
}

struct EditArgs {
    std::string user, name, email, company, phone;
};

struct ImpersonateArgs {
    std::string user, ttl = "15m", revoke;
};

struct HistoryArgs {
    std::string user, type, since;
    long long limit = 50;
};

struct ChangeArgs {
    std::string user, action, value;
    std::vector<std::string> values;
};

}  // namespace

void register_actions(CLI::App& users, Context& ctx) {
    for (const char* name : {"ban", "unban", "suspend", "activate"}) {
        auto ref = std::make_shared<std::string>();
        static const std::map<std::string, std::string> help = {
            {"ban", "Ban a user (revokes their impersonation tokens)"},
            {"unban", "Lift a ban"},
            {"suspend", "Suspend a user (revokes their impersonation tokens)"},
            {"activate", "Make a suspended or banned user active again"}};
        auto* cmd = add_command(users, name, help.at(name));
        add_user(*cmd, *ref);
        std::string action = name;
        cmd->callback([&ctx, ref, action] {
            const auto& reason = ctx.require_reason("users " + action);
            auto id = resolve(ctx, *ref);
            report(ctx, users::change_status(ctx.db(), id, users::parse_status_action(action), reason,
                                             ctx.options.dry_run));
        });
    }

    auto edit = std::make_shared<EditArgs>();
    auto* editcmd = add_command(users, "edit", "Change a user's name, e-mail, company or phone");
    add_user(*editcmd, edit->user);
    auto* o_name = editcmd->add_option("--name", edit->name, "New name (\"\" clears it)");
    auto* o_email = editcmd->add_option("--email", edit->email, "New e-mail address (unique)");
    auto* o_company = editcmd->add_option("--company", edit->company, "New company (\"\" clears it)");
    auto* o_phone = editcmd->add_option("--phone", edit->phone, "New phone number (\"\" clears it)");
    editcmd->callback([&ctx, edit, o_name, o_email, o_company, o_phone] {
        users::ProfileEdit e;
        auto given = [](CLI::Option* o, const std::string& v) {
            return o->count() > 0 ? std::optional(v) : std::nullopt;
        };
        e.name = given(o_name, edit->name);
        e.email = given(o_email, edit->email);
        e.company = given(o_company, edit->company);
        e.phone = given(o_phone, edit->phone);
        auto id = resolve(ctx, edit->user);
        report(ctx, users::edit_profile(ctx.db(), id, e, ctx.options.reason, ctx.options.dry_run));
    });

    auto del = std::make_shared<std::string>();
    auto hard = std::make_shared<bool>(false);
    auto* delcmd = add_command(users, "delete", "Delete a user (soft: status deleted; --hard: remove the row)");
    add_user(*delcmd, *del);
    delcmd->add_flag("--hard", *hard, "Remove the user and their data (only without payments)");
    delcmd->callback([&ctx, del, hard] {
        const auto& reason = ctx.require_reason("users delete");
        auto id = resolve(ctx, *del);
        if (!ctx.options.dry_run)
            ctx.confirm(std::string(*hard ? "permanently delete" : "delete") + " user " + *del + "?");
        report(ctx, users::delete_user(ctx.db(), id, *hard, reason, ctx.options.dry_run));
    });

    auto note = std::make_shared<ChangeArgs>();
    auto* notecmd = add_command(users, "note", "Add an internal note (encrypted with CTL_NOTES_KEY)");
    add_user(*notecmd, note->user);
    notecmd->add_option("TEXT", note->value, "The note")->required();
    notecmd->callback([&ctx, note] {
        auto key = notes_key(ctx);
        if (!key)
            throw UsageError("no notes key is configured; notes are stored encrypted only",
                             "set CTL_NOTES_KEY (or notes.key) to 32 bytes of base64");
        auto id = resolve(ctx, note->user);
        report(ctx, users::add_note(ctx.db(), id, *key, note->value, ctx.options.reason, ctx.options.dry_run));
    });

    auto notes_of = std::make_shared<std::string>();
    auto* notescmd = add_command(users, "notes", "A user's internal notes, decrypted when the key is set");
    add_user(*notescmd, *notes_of);
    notescmd->callback([&ctx, notes_of] {
        auto options = ctx.render_options();
        auto key = notes_key(ctx);
        auto t = users::notes(ctx.db(), resolve(ctx, *notes_of), key);
        output::render(ctx.out(), options, t.columns, t.rows);
        ctx.out().flush();
        std::size_t unreadable = 0;
        for (const auto& r : t.rows) unreadable += r[4].value == "false" ? 1 : 0;
        if (unreadable > 0)
            ctx.info(std::to_string(unreadable) + " note(s) cannot be read " +
                     (key ? "with this key (key id " + key->id + ")" : "without CTL_NOTES_KEY"));
    });

    auto imp = std::make_shared<ImpersonateArgs>();
    auto* impcmd = add_command(users, "impersonate", "Issue a short-lived token to act as a user (or --revoke one)");
    impcmd->add_option("USER", imp->user, "Id, e-mail, wallet or auth-provider id");
    impcmd->add_option("--ttl", imp->ttl, "Lifetime, at most 1h")->capture_default_str();
    impcmd->add_option("--revoke", imp->revoke, "Revoke the token with this id (jti) instead");
    impcmd->callback([&ctx, imp] {
        const auto& reason = ctx.require_reason("users impersonate");
        if (!imp->revoke.empty()) {
            report(ctx, users::revoke_impersonation(ctx.db(), imp->revoke, reason, ctx.options.dry_run));
            return;
        }
        if (imp->user.empty()) throw UsageError("users impersonate needs USER", "or --revoke JTI");
        long long ttl = util::parse_duration_seconds(imp->ttl);
        if (ttl <= 0 || ttl > users::k_max_impersonation_ttl_s)
            throw UsageError("--ttl must be between 1s and 1h", "e.g. --ttl 15m");
        auto secret = ctx.config().get("impersonation.secret").value_or("");
        auto id = resolve(ctx, imp->user);
        auto options = ctx.render_options();
        auto grant = users::impersonate(ctx.db(), id, secret, ttl, reason, ctx.options.dry_run);
        std::string expires = util::format_rfc3339_utc(grant.expires_at);
        if (ctx.options.dry_run) {
            // Nothing was recorded, so no token is issued: the record shows what would be.
            ctx.info("dry run: would issue a token for " + grant.email + " until " + expires + " (rolled back)");
            render_record(ctx, {{"token"}, {"jti"}, {"expires_at", output::Kind::time}},
                          {output::Cell::null(), grant.jti, expires});
            return;
        }
        ctx.info("token for " + grant.email + " (jti " + grant.jti + ") valid until " + expires);
        if (options.format == output::Format::table) {
            ctx.out() << grant.token << "\n";
            return;
        }
        render_record(ctx, {{"token"}, {"jti"}, {"expires_at", output::Kind::time}},
                      {grant.token, grant.jti, expires});
    });

    auto imps = std::make_shared<HistoryArgs>();
    auto* impscmd = add_command(users, "impersonations", "Impersonation tokens issued, newest first");
    impscmd->add_option("USER", imps->user, "Only this user's");
    impscmd->add_option("--limit", imps->limit, "Rows (0: all)")->check(CLI::Range(0LL, 1000000000LL))->capture_default_str();
    impscmd->callback([&ctx, imps] {
        auto options = ctx.render_options();
        std::optional<std::int64_t> id;
        if (!imps->user.empty()) id = resolve(ctx, imps->user);
        auto t = users::impersonations(ctx.db(), id, imps->limit);
        output::render(ctx.out(), options, t.columns, t.rows);
    });

    auto act = std::make_shared<HistoryArgs>();
    auto* actcmd = add_command(users, "activity", "A user's activity, newest first");
    add_user(*actcmd, act->user);
    actcmd->add_option("--type", act->type, "Only this event type (login, agent_created, payment, ...)");
    actcmd->add_option("--since", act->since, "At or after (date, time or 30d)");
    actcmd->add_option("--limit", act->limit, "Rows")->check(CLI::Range(1LL, 1000000000LL))->capture_default_str();
    actcmd->callback([&ctx, act] {
        auto options = ctx.render_options();
        std::optional<std::string> since;
        if (!act->since.empty())
            since = util::parse_date_or_time(act->since, static_cast<long long>(std::time(nullptr)));
        auto id = resolve(ctx, act->user);
        auto t = users::activity(ctx.db(), id, act->type.empty() ? std::nullopt : std::optional(act->type), since,
                                 act->limit);
        output::render(ctx.out(), options, t.columns, t.rows);
    });

    auto log = std::make_shared<HistoryArgs>();
    log->limit = 10;
    auto* logcmd = add_command(users, "logins", "A user's logins with IP, newest first");
    add_user(*logcmd, log->user);
    logcmd->add_option("--limit", log->limit, "Rows")->check(CLI::Range(1LL, 1000000000LL))->capture_default_str();
    logcmd->callback([&ctx, log] {
        auto options = ctx.render_options();
        auto t = users::logins(ctx.db(), resolve(ctx, log->user), log->limit);
        output::render(ctx.out(), options, t.columns, t.rows);
    });

    auto reset = std::make_shared<std::string>();
    auto* resetcmd = add_command(users, "reset-password", "Send the password-reset e-mail (via email.* settings)");
    add_user(*resetcmd, *reset);
    resetcmd->callback([&ctx, reset] {
        const auto& cfg = ctx.config();
        users::PasswordResetSettings s;
        s.from = cfg.get("email.from").value_or("");
        s.app_url = cfg.get_or("app.url", "http://localhost:3000");
        s.secret = cfg.get("impersonation.secret").value_or("");
        s.values = email_cmd::app_values(ctx);
        http::Client client(ctx.http_options());
        auto sender = providers::make_email_sender(cfg, client);
        auto id = resolve(ctx, *reset);
        report(ctx, users::send_password_reset(ctx.db(), id, *sender, s, ctx.options.reason, ctx.options.dry_run));
    });

    auto credits = std::make_shared<ChangeArgs>();
    auto* creditscmd = add_command(users, "credits", "Add or remove free credits");
    add_user(*creditscmd, credits->user);
    creditscmd->add_option("ACTION", credits->action, "add or remove")->required()->check(CLI::IsMember({"add", "remove"}));
    creditscmd->add_option("AMOUNT", credits->value, "Whole credits, 1 or more")->required();
    creditscmd->callback([&ctx, credits] {
        const auto& reason = ctx.require_reason("users credits");
        long long amount = util::parse_positive_int(credits->value, "credit amount");
        auto id = resolve(ctx, credits->user);
        report(ctx, users::change_credits(ctx.db(), id, credits->action == "add" ? amount : -amount, reason,
                                          ctx.options.dry_run));
    });

    auto trial = std::make_shared<ChangeArgs>();
    auto* trialcmd = add_command(users, "trial", "Extend a user's trial");
    add_user(*trialcmd, trial->user);
    trialcmd->add_option("ACTION", trial->action, "extend")->required()->check(CLI::IsMember({"extend"}));
    trialcmd->add_option("DURATION", trial->value, "How much longer, e.g. 14d")->required();
    trialcmd->callback([&ctx, trial] {
        const auto& reason = ctx.require_reason("users trial");
        long long seconds = util::parse_duration_seconds(trial->value);
        auto id = resolve(ctx, trial->user);
        report(ctx, users::extend_trial(ctx.db(), id, seconds, reason, ctx.options.dry_run));
    });

    auto plan = std::make_shared<ChangeArgs>();
    auto* plancmd = add_command(users, "plan", "Move a user (and their live subscriptions) to another plan");
    add_user(*plancmd, plan->user);
    plancmd->add_option("ACTION", plan->action, "set")->required()->check(CLI::IsMember({"set"}));
    plancmd->add_option("PLAN", plan->value, "free, matt, pro or enterprise")
        ->required()
        ->check(CLI::IsMember({"free", "matt", "pro", "enterprise"}));
    plancmd->callback([&ctx, plan] {
        const auto& reason = ctx.require_reason("users plan");
        auto id = resolve(ctx, plan->user);
        report(ctx, users::set_plan(ctx.db(), id, plan->value, reason, ctx.options.dry_run));
    });

    auto quota = std::make_shared<ChangeArgs>();
    auto* quotacmd = add_command(users, "quota", "Set a user's quotas");
    add_user(*quotacmd, quota->user);
    quotacmd->add_option("ACTION", quota->action, "set")->required()->check(CLI::IsMember({"set"}));
    quotacmd->add_option("QUOTA", quota->values, "minutes=N, agents=N, api_calls=N")->required();
    quotacmd->callback([&ctx, quota] {
        const auto& reason = ctx.require_reason("users quota");
        auto q = users::parse_quota(quota->values);
        auto id = resolve(ctx, quota->user);
        report(ctx, users::set_quota(ctx.db(), id, q, reason, ctx.options.dry_run));
    });
}

}  // namespace ctl::cli::users_cmd
