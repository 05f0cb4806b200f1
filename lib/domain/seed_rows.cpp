// COPY text rows for every seeded table, from the model in seed_model.cpp. Formatting is by
// hand into one reused buffer: at a million users this is tens of millions of rows.

#include "domain/seed_model.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <iterator>

namespace ctl::seed::model {

namespace {

// ---- formatting --------------------------------------------------------------------------------

void put_int(std::string& o, std::int64_t v) {
    char b[24];
    auto r = std::to_chars(b, b + sizeof b, v);
    o.append(b, static_cast<std::size_t>(r.ptr - b));
}

void put_uint(std::string& o, std::uint64_t v) {
    char b[24];
    auto r = std::to_chars(b, b + sizeof b, v);
    o.append(b, static_cast<std::size_t>(r.ptr - b));
}

void put_padded(std::string& o, std::uint64_t v, int digits) {
    char b[24];
    for (int i = digits - 1; i >= 0; --i) {
        b[i] = static_cast<char>('0' + v % 10);
        v /= 10;
    }
    o.append(b, static_cast<std::size_t>(digits));
}

void put2(char* p, unsigned v) {
    p[0] = static_cast<char>('0' + v / 10);
    p[1] = static_cast<char>('0' + v % 10);
}

std::int64_t day_of(std::int64_t t) { return t >= 0 ? t / k_day : (t - k_day + 1) / k_day; }

void put_date(std::string& o, std::int64_t day) {
    std::int64_t y = 0;
    unsigned m = 0, d = 0;
    civil_from_days(day, y, m, d);
    char b[10];
    const auto yy = static_cast<unsigned>(y);
    put2(b, yy / 100);
    put2(b + 2, yy % 100);
    b[4] = '-';
    put2(b + 5, m);
    b[7] = '-';
    put2(b + 8, d);
    o.append(b, 10);
}

// "2026-10-01 12:00:00+00"
void put_ts(std::string& o, std::int64_t t) {
    const std::int64_t day = day_of(t);
    put_date(o, day);
    const auto s = static_cast<unsigned>(t - day * k_day);
    char b[12];
    b[0] = ' ';
    put2(b + 1, s / 3600);
    b[3] = ':';
    put2(b + 4, s / 60 % 60);
    b[6] = ':';
    put2(b + 7, s % 60);
    b[9] = '+';
    b[10] = '0';
    b[11] = '0';
    o.append(b, 12);
}

void put_opt_ts(std::string& o, std::int64_t t) {
    if (t)
        put_ts(o, t);
    else
        o += "\\N";
}

void put_hex(std::string& o, std::uint64_t v, int digits) {
    static const char hex[] = "0123456789abcdef";
    char b[16];
    for (int i = digits - 1; i >= 0; --i) {
        b[i] = hex[v & 15];
        v >>= 4;
    }
    o.append(b, static_cast<std::size_t>(digits));
}

void put_base(std::string& o, std::uint64_t v, int digits, const char* alphabet, unsigned radix) {
    for (int i = 0; i < digits; ++i) {
        o += alphabet[v % radix];
        v /= radix;
    }
}

const char k_base62[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const char k_base36[] = "0123456789abcdefghijklmnopqrstuvwxyz";

// A Stripe-style object id: prefix and 24 base-62 characters (8 from each of three words; 64
// bits hold only ~10.7 base-62 digits).
void put_stripe_id(std::string& o, const char* prefix, std::uint64_t bits) {
    o += prefix;
    const std::uint64_t b = mix64(bits), c = mix64(b);
    put_base(o, bits, 8, k_base62, 62);
    put_base(o, b, 8, k_base62, 62);
    put_base(o, c, 8, k_base62, 62);
}

void put_ip(std::string& o, const Ip& ip) {
    if (!ip.v6) {
        for (int i = 0; i < 4; ++i) {
            if (i) o += '.';
            put_int(o, ip.part[i]);
        }
        return;
    }
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 8; ++i) {
        if (i) o += ':';
        const unsigned g = ip.part[i];
        bool started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            const unsigned nib = (g >> shift) & 15;
            if (nib || started || shift == 0) {
                o += hex[nib];
                started = true;
            }
        }
    }
}

// "$49.00"
void put_dollars(std::string& o, std::int64_t cents) {
    o += '$';
    put_int(o, cents / 100);
    o += '.';
    put_padded(o, static_cast<std::uint64_t>(cents % 100), 2);
}

void tab(std::string& o) { o += '\t'; }
void null(std::string& o) { o += "\\N"; }

// ---- shared per-user facts ---------------------------------------------------------------------

const char* const k_auth_providers[] = {"email", "google", "github", "wallet", "privy"};
const char* const k_user_statuses[] = {"active", "suspended", "banned", "deleted"};

void put_email(std::string& o, const UserCore& u) {
    append_local_part(o, u);
    o += '@';
    if (u.company >= 0 && u.company_mail)
        append_company_domain(o, u);
    else
        o += Lists::mail_domains[u.mail_domain];
}

void put_user_name(std::string& o, const UserCore& u) {
    o += Lists::first_names[u.first].display;
    o += ' ';
    o += Lists::last_names[u.last].display;
}

void put_company(std::string& o, const UserCore& u) {
    o += Lists::companies_a[u.company % Lists::companies_a_count];
    o += ' ';
    o += Lists::companies_b[u.company / Lists::companies_a_count];
    o += Lists::company_forms[u.company_form];
}

void put_phone(std::string& o, const UserCore& u) {
    std::uint64_t x = u.phone_digits;
    auto digits = [&](int n) {
        std::uint64_t mod = 1;
        for (int i = 0; i < n; ++i) mod *= 10;
        put_padded(o, x % mod, n);
        x /= mod;
    };
    const char* country = u.country >= 0 ? Lists::countries[u.country] : "ZA";
    if (!std::strcmp(country, "US") || !std::strcmp(country, "CA")) {
        o += "+1";
        put_int(o, static_cast<std::int64_t>(201 + x % 789));  // area code
        x /= 789;
        put_int(o, static_cast<std::int64_t>(200 + x % 800));  // exchange
        x /= 800;
        digits(4);
    } else if (!std::strcmp(country, "GB")) {
        o += "+447";
        digits(9);
    } else if (!std::strcmp(country, "NG")) {
        static const char* const prefixes[] = {"803", "806", "813", "816", "703", "706", "810", "814"};
        o += "+234";
        o += prefixes[x % 8];
        x /= 8;
        digits(7);
    } else if (!std::strcmp(country, "KE")) {
        o += "+2547";
        digits(8);
    } else if (!std::strcmp(country, "IN")) {
        o += "+91";
        o += static_cast<char>('6' + x % 4);
        x /= 4;
        digits(9);
    } else if (!std::strcmp(country, "DE")) {
        o += "+4915";
        digits(9);
    } else {
        static const char* const prefixes[] = {"60", "61", "62", "63", "64", "65", "66", "67", "68", "71",
                                               "72", "73", "74", "76", "78", "79", "81", "82", "83", "84"};
        o += "+27";
        o += prefixes[x % 20];
        x /= 20;
        digits(7);
    }
}

void put_agent_name(std::string& o, const UserCore& u, const Agent& a) {
    if (a.name_style == 1 && u.has_name) {
        o += Lists::first_names[u.first].display;
        o += "'s ";
    } else if (a.name_style == 2 && u.company >= 0) {
        o += Lists::companies_a[u.company % Lists::companies_a_count];
        o += ' ';
    }
    o += Lists::agent_names[a.name].display;
}

void put_bot_username(std::string& o, const Agent& a) {
    o += "matt_";
    o += Lists::agent_names[a.name].slug;
    o += "_bot_";
    put_int(o, a.id);
}

void put_nowpayments_id(std::string& o, const World& w, std::int64_t payment_id) {
    // A bijection of payment ids onto 10-digit numbers, so ids never collide.
    const std::uint64_t x = (static_cast<std::uint64_t>(payment_id) * 0x9E3779B1ULL + (w.seed & 0xFFFFFFFFULL)) & 0xFFFFFFFFULL;
    put_uint(o, 4000000000ULL + x);
}

std::int64_t anchor_day(const World& w) { return day_of(w.anchor); }

// ---- tables --------------------------------------------------------------------------------

void write_plans(const World& w, RowSink& out, PassTotals&) {
    std::string& o = out.buf;
    for (int i = 0; i < k_plan_count; ++i) {
        const PlanDef& p = k_plans[i];
        put_int(o, i + 1);
        tab(o); o += p.code;
        tab(o); o += p.name;
        tab(o); o += tier_name(p.tier);
        tab(o); o += p.yearly ? "year" : "month";
        tab(o); put_int(o, p.price_cents);
        tab(o); o += "USD";
        tab(o); put_int(o, p.trial_days);
        tab(o); if (p.agent_limit) put_int(o, p.agent_limit); else null(o);
        tab(o); put_ts(o, day_of(w.start) * k_day - 45 * k_day + 9 * k_hour);
        tab(o); null(o);
        out.end_row();
    }
}

void write_coupons(const World& w, RowSink& out, PassTotals& totals) {
    std::string& o = out.buf;
    for (int i = 0; i < k_coupon_count; ++i) {
        const CouponDef& c = k_coupons[i];
        put_int(o, i + 1);
        tab(o); o += c.code;
        tab(o); if (c.percent_off) put_int(o, c.percent_off); else null(o);
        tab(o); if (c.percent_off) null(o); else put_int(o, c.amount_off_cents);
        tab(o); if (c.percent_off) null(o); else o += "USD";
        tab(o); o += c.duration == CouponDuration::once ? "once" : c.duration == CouponDuration::repeating ? "repeating" : "forever";
        tab(o); if (c.duration == CouponDuration::repeating) put_int(o, c.duration_months); else null(o);
        tab(o); if (c.max_redemptions) put_int(o, c.max_redemptions); else null(o);
        tab(o); put_int(o, totals.coupon_redemptions[i]);
        tab(o); put_opt_ts(o, w.coupon_expires[i]);
        tab(o); put_opt_ts(o, w.coupon_disabled[i]);
        tab(o); put_ts(o, w.coupon_created[i]);
        out.end_row();
    }
}

// Runs the simulation for every user in id order and hands each to `emit`.
template <typename Emit>
void for_each_user(const World& w, bool with_logins, Emit&& emit) {
    IdCounters ids;
    UserSim s;
    for (std::int64_t uid = 1; uid <= w.users; ++uid) {
        simulate_user(w, uid, ids, s, with_logins);
        emit(s);
    }
}

// User ids in the order their rows are written: by e-mail address (bytewise, as citext compares
// lower-case ASCII under the C collation), so the unique index on the case-insensitive e-mail
// is built from presorted input. Its comparisons lower-case both sides through the database's
// ctype and dominate the index build otherwise. Ids still follow sign-up order. Past a few
// million users the sort would cost too much memory, and ids are written in order.
std::vector<std::uint32_t> users_in_email_order(const World& w) {
    std::vector<std::uint32_t> order;
    if (w.users > 4'000'000) return order;
    struct Key {
        std::uint64_t prefix;  // the first 8 bytes, big-endian
        std::uint32_t uid;
    };
    std::vector<Key> keys(static_cast<std::size_t>(w.users));
    UserCore u;
    std::string email;
    auto email_of = [&](std::uint32_t uid) -> const std::string& {
        make_user_core(w, uid, u);
        email.clear();
        put_email(email, u);
        return email;
    };
    for (std::int64_t uid = 1; uid <= w.users; ++uid) {
        const std::string& e = email_of(static_cast<std::uint32_t>(uid));
        std::uint64_t p = 0;
        for (std::size_t i = 0; i < 8; ++i) p = (p << 8) | (i < e.size() ? static_cast<unsigned char>(e[i]) : 0u);
        keys[static_cast<std::size_t>(uid - 1)] = {p, static_cast<std::uint32_t>(uid)};
    }
    std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
        return a.prefix != b.prefix ? a.prefix < b.prefix : a.uid < b.uid;
    });
    order.reserve(keys.size());
    std::vector<std::pair<std::string, std::uint32_t>> run;
    for (std::size_t i = 0; i < keys.size();) {
        std::size_t j = i + 1;
        while (j < keys.size() && keys[j].prefix == keys[i].prefix) ++j;
        if (j - i == 1) {
            order.push_back(keys[i].uid);
        } else {
            run.clear();
            for (std::size_t k = i; k < j; ++k) run.emplace_back(email_of(keys[k].uid), keys[k].uid);
            std::sort(run.begin(), run.end());
            for (const auto& [e, uid] : run) order.push_back(uid);
        }
        i = j;
    }
    return order;
}

void write_users(const World& w, RowSink& out, PassTotals&) {
    std::string& o = out.buf;
    const std::vector<std::uint32_t> order = users_in_email_order(w);
    IdCounters unused;  // the users table needs no ids of other rows
    UserSim sim;
    for (std::int64_t i = 0; i < w.users; ++i) {
        const std::int64_t uid = order.empty() ? i + 1 : order[static_cast<std::size_t>(i)];
        simulate_user(w, uid, unused, sim, true);
        const UserSim& s = sim;
        const UserCore& u = s.u;
        put_int(o, u.id);
        tab(o); put_email(o, u);
        tab(o); if (u.has_name) put_user_name(o, u); else null(o);
        tab(o); if (u.company >= 0) put_company(o, u); else null(o);
        tab(o); if (u.has_phone) put_phone(o, u); else null(o);
        tab(o);
        if (u.has_wallet) {
            o += "0x";
            for (std::uint8_t b : u.wallet) put_hex(o, b, 2);
        } else {
            null(o);
        }
        tab(o); o += k_auth_providers[static_cast<int>(u.provider)];
        tab(o);
        switch (u.provider) {
            case AuthProvider::google:
                o += "google-oauth2|1";
                put_padded(o, u.auth_a % 10000000000ULL, 10);
                put_padded(o, u.auth_b % 10000000000ULL, 10);
                break;
            case AuthProvider::github:
                o += "github|";
                put_int(o, github_user_id(w, u.id));
                break;
            case AuthProvider::privy:
                o += "did:privy:c";
                put_base(o, u.auth_a, 12, k_base36, 36);
                put_base(o, u.auth_b, 12, k_base36, 36);
                break;
            default: null(o);
        }
        tab(o); o += k_user_statuses[static_cast<int>(u.status)];
        tab(o); if (u.status != UserStatus::active) o += Lists::status_reasons[u.status_reason]; else null(o);
        const int plan = s.has_plan ? 1 + static_cast<int>(s.plan_tier) : 0;
        static const char* const plan_names[] = {"free", "matt", "pro", "enterprise"};
        static const std::int64_t agent_quota[] = {3, 5, 10, 50};
        static const std::int64_t api_quota[] = {10000, 100000, 1000000, 10000000};
        static const std::int64_t minute_quota[] = {600, 3000, 20000, 100000};
        const std::int64_t bump = u.quota_override ? 2 : 1;
        tab(o); o += plan_names[plan];
        tab(o); put_opt_ts(o, s.trial_ends_at);
        tab(o); put_int(o, u.credits + (plan > 0 ? 500 : 0));
        tab(o); put_int(o, agent_quota[plan] * bump);
        tab(o); put_int(o, api_quota[plan] * bump);
        tab(o); put_int(o, minute_quota[plan]);
        tab(o); if (u.country >= 0) o += Lists::countries[u.country]; else null(o);
        tab(o); put_ts(o, u.signup);
        tab(o); put_ts(o, std::max(s.updated, s.last_login));
        tab(o); put_opt_ts(o, s.last_login);
        tab(o); if (u.status == UserStatus::deleted) put_ts(o, u.status_at); else null(o);
        out.end_row();
    }
}

void write_logins(const World& w, RowSink& out, PassTotals&) {
    std::string& o = out.buf;
    std::int64_t id = 0;
    for_each_user(w, true, [&](const UserSim& s) {
        for (const Login& l : s.logins) {
            put_int(o, ++id);
            tab(o); put_int(o, s.u.id);
            tab(o); put_ts(o, l.at);
            tab(o); put_ip(o, l.ip);
            tab(o); o += Lists::user_agents[l.ua];
            tab(o); o += l.success ? 't' : 'f';
            out.end_row();
        }
    });
}

void write_agents(const World& w, RowSink& out, PassTotals&) {
    std::string& o = out.buf;
    for_each_user(w, false, [&](const UserSim& s) {
        for (const Agent& a : s.agents) {
            put_int(o, a.id);
            tab(o); put_int(o, s.u.id);
            tab(o); put_agent_name(o, s.u, a);
            tab(o); o += Lists::agent_purposes[a.name];
            tab(o); o += tier_name(a.tier);
            tab(o); o += agent_status_name(a.status);
            tab(o); if (a.live_at) put_bot_username(o, a); else null(o);
            tab(o); o += a.verified_at ? 't' : 'f';
            tab(o); put_opt_ts(o, a.verified_at);
            tab(o); put_ts(o, a.created);
            tab(o); put_ts(o, a.updated);
            tab(o); if (a.status == AgentStatus::deleted) put_ts(o, a.ended_at); else null(o);
            tab(o); put_email(o, s.u);
            out.end_row();
        }
    });
}

void write_deployments(const World& w, RowSink& out, PassTotals&) {
    std::string& o = out.buf;
    for_each_user(w, false, [&](const UserSim& s) {
        for (const Deployment& d : s.deployments) {
            const Agent& a = s.agents[static_cast<std::size_t>(d.agent)];
            put_int(o, d.id);
            tab(o); put_int(o, a.id);
            tab(o); put_int(o, s.u.id);
            tab(o);
            if (d.has_session) {
                o += "devin-";
                put_hex(o, d.session_a, 16);
                put_hex(o, d.session_b, 16);
            } else {
                null(o);
            }
            tab(o); o += deploy_status_name(d.status);
            tab(o); put_int(o, d.attempt);
            tab(o); put_opt_ts(o, d.started);
            tab(o); put_opt_ts(o, d.finished);
            tab(o);
            if (d.status == DeployStatus::failed)
                o += Lists::deploy_errors[d.error];
            else if (d.status == DeployStatus::cancelled)
                o += d.error == -1 ? "Cancelled by the user" : "Cancelled: the account is no longer active";
            else
                null(o);
            tab(o);
            if (d.status == DeployStatus::succeeded) {
                o += R"({"bot_username": ")";
                put_bot_username(o, a);
                o += R"(", "auth_code": ")";
                put_int(o, d.auth_code);
                o += R"(", "acu_used": )";
                put_int(o, d.acu_tenths / 10);
                o += '.';
                put_int(o, d.acu_tenths % 10);
                o += R"(, "status_enum": "finished"})";
            } else if (d.status == DeployStatus::running) {
                o += R"({"status_enum": "working"})";
            } else if (d.status == DeployStatus::failed && d.error == 0) {
                o += R"({"status_enum": "expired"})";
            } else if (d.status == DeployStatus::failed && d.error == 4) {
                o += R"({"status_enum": "blocked"})";
            } else {
                null(o);
            }
            tab(o); put_ts(o, d.created);
            out.end_row();
        }
    });
}

void write_subscriptions(const World& w, RowSink& out, PassTotals& totals) {
    std::string& o = out.buf;
    std::fill(std::begin(totals.coupon_redemptions), std::end(totals.coupon_redemptions), 0);
    for_each_user(w, false, [&](const UserSim& s) {
        for (const Subscription& sub : s.subs) {
            const PlanDef& p = k_plans[sub.plan];
            if (sub.coupon >= 0) ++totals.coupon_redemptions[sub.coupon];
            put_int(o, sub.id);
            tab(o); put_int(o, s.u.id);
            tab(o); put_int(o, s.agents[static_cast<std::size_t>(sub.agent)].id);
            tab(o); put_int(o, sub.plan + 1);
            tab(o); if (sub.coupon >= 0) put_int(o, sub.coupon + 1); else null(o);
            tab(o); o += sub_status_name(sub.status);
            tab(o); o += p.yearly ? "year" : "month";
            tab(o); put_int(o, p.price_cents);
            tab(o); put_int(o, sub.discount_cents);
            tab(o); o += "USD";
            tab(o); put_opt_ts(o, sub.trial_end);
            tab(o); put_ts(o, sub.period_start);
            tab(o); put_ts(o, sub.period_end);
            tab(o); put_opt_ts(o, sub.status == SubStatus::canceled ? sub.canceled_at : sub.cancel_at);
            tab(o); put_opt_ts(o, sub.canceled_at);
            tab(o); put_opt_ts(o, sub.paused_at);
            tab(o); put_ts(o, sub.created);
            tab(o); put_ts(o, sub.updated);
            out.end_row();
        }
    });
}

void write_subscription_events(const World& w, RowSink& out, PassTotals&) {
    std::string& o = out.buf;
    for_each_user(w, false, [&](const UserSim& s) {
        for (const Subscription& sub : s.subs) {
            for (int i = 0; i < sub.ev_count; ++i) {
                const SubEvent& e = s.events[static_cast<std::size_t>(sub.ev_begin + i)];
                put_int(o, e.id);
                tab(o); put_int(o, sub.id);
                tab(o); put_int(o, s.u.id);
                tab(o); put_int(o, e.plan + 1);
                tab(o); o += event_kind_name(e.kind);
                tab(o); o += sub_status_name(e.status);
                tab(o); put_int(o, e.mrr_cents);
                tab(o); o += "USD";
                tab(o); put_ts(o, e.at);
                out.end_row();
            }
        }
    });
}

void write_payments(const World& w, RowSink& out, PassTotals& totals) {
    std::string& o = out.buf;
    totals.paid.clear();
    for_each_user(w, false, [&](const UserSim& s) {
        const bool vat = s.u.country == 0;  // ZA
        for (const Payment& p : s.payments) {
            const Subscription& sub = s.subs[static_cast<std::size_t>(p.sub)];
            const bool crypto = p.provider == PayProvider::nowpayments;
            if (p.paid_at) {
                PaidPayment paid{};
                paid.paid_offset = static_cast<std::uint32_t>(p.paid_at - w.start);
                paid.payment_id = static_cast<std::uint32_t>(p.id);
                paid.user_id = static_cast<std::uint32_t>(s.u.id);
                paid.subscription_id = static_cast<std::uint32_t>(sub.id);
                paid.amount_cents = static_cast<std::uint32_t>(p.amount_cents) & 0x7FFFFFFFu;
                paid.vat = vat ? 1u : 0u;
                totals.paid.push_back(paid);
            }
            put_int(o, p.id);
            tab(o); put_int(o, s.u.id);
            tab(o); put_int(o, sub.id);
            tab(o); o += crypto ? "nowpayments" : "stripe";
            tab(o);
            if (crypto) {
                put_nowpayments_id(o, w, p.id);
            } else {
                put_stripe_id(o, "pi_", p.ext);
            }
            tab(o); put_int(o, p.amount_cents);
            tab(o); o += "USD";
            tab(o); put_int(o, p.refunded_cents);
            tab(o); o += pay_status_name(p.status);
            tab(o); o += k_provider_status_words[p.provider_status];
            tab(o);
            if (crypto) {
                put_int(o, p.pay_units / 100000000);
                o += '.';
                put_padded(o, static_cast<std::uint64_t>(p.pay_units % 100000000), 8);
            } else {
                null(o);
            }
            tab(o); if (crypto) o += Lists::coins[p.coin]; else null(o);
            tab(o);
            o += k_plans[p.plan].name;
            o += " · ";
            put_agent_name(o, s.u, s.agents[static_cast<std::size_t>(sub.agent)]);
            tab(o);
            if (p.failure >= 0)
                o += crypto ? Lists::crypto_failures[p.failure] : Lists::stripe_failures[p.failure];
            else
                null(o);
            tab(o); put_opt_ts(o, p.paid_at);
            tab(o); put_ts(o, p.created);
            tab(o); put_ts(o, p.updated);
            out.end_row();
        }
    });
}

// One invoice per paid payment, numbered in issue (paid_at, then payment id) order, gap-free
// per calendar year (UTC). Amounts include South African VAT for ZA customers.
void write_invoices(const World& w, RowSink& out, PassTotals& totals) {
    std::string& o = out.buf;
    std::vector<PaidPayment>& paid = totals.paid;
    std::sort(paid.begin(), paid.end(), [](const PaidPayment& a, const PaidPayment& b) {
        return a.paid_offset != b.paid_offset ? a.paid_offset < b.paid_offset : a.payment_id < b.payment_id;
    });
    totals.last_seq_by_year.clear();
    std::int64_t id = 0;
    int year = 0, seq = 0;
    for (const PaidPayment& p : paid) {
        const std::int64_t at = w.start + p.paid_offset;
        std::int64_t y = 0;
        unsigned m = 0, d = 0;
        civil_from_days(day_of(at), y, m, d);
        if (y != year) {
            if (seq) totals.last_seq_by_year.emplace_back(year, seq);
            year = static_cast<int>(y);
            seq = 0;
        }
        put_int(o, ++id);
        tab(o); put_int(o, year);
        tab(o); put_int(o, ++seq);
        tab(o); put_int(o, p.user_id);
        tab(o); put_int(o, p.payment_id);
        tab(o); put_int(o, p.subscription_id);
        tab(o); put_int(o, p.amount_cents);
        tab(o); put_int(o, p.vat ? std::int64_t{p.amount_cents} * 15 / 115 : 0);
        tab(o); o += "USD\tpaid\t";
        put_ts(o, at);
        tab(o); put_ts(o, at);
        tab(o); put_ts(o, at);
        tab(o); put_opt_ts(o, at + k_minute < w.anchor ? at + k_minute : 0);
        tab(o); put_ts(o, at);
        out.end_row();
    }
    if (seq) totals.last_seq_by_year.emplace_back(year, seq);
    paid.clear();
    paid.shrink_to_fit();
}

void write_invoice_sequences(const World&, RowSink& out, PassTotals& totals) {
    std::string& o = out.buf;
    for (const auto& [year, last] : totals.last_seq_by_year) {
        put_int(o, year);
        tab(o); put_int(o, last);
        out.end_row();
    }
}

void write_refunds(const World& w, RowSink& out, PassTotals&) {
    std::string& o = out.buf;
    for_each_user(w, false, [&](const UserSim& s) {
        for (const Refund& f : s.refunds) {
            const Payment& p = s.payments[static_cast<std::size_t>(f.payment)];
            const bool crypto = p.provider == PayProvider::nowpayments;
            put_int(o, f.id);
            tab(o); put_int(o, p.id);
            tab(o); put_int(o, s.u.id);
            tab(o); put_int(o, f.amount_cents);
            tab(o); o += "USD";
            tab(o); o += crypto ? "manual" : "succeeded";
            tab(o); o += Lists::refund_reasons[f.reason];
            tab(o);
            if (crypto) {
                null(o);
            } else {
                put_stripe_id(o, "re_", f.ext);
            }
            tab(o); o += "ctl-refund-"; put_int(o, p.id); o += '-'; put_int(o, f.seq);
            tab(o); o += Lists::operators[f.operator_name];
            tab(o); put_ts(o, f.at);
            tab(o); put_ts(o, crypto ? f.at : f.at + 2);
            out.end_row();
        }
    });
}

// ---- activity --------------------------------------------------------------------------------

enum class Act : std::uint8_t {
    signup, login, agent_created, deploy_succeeded, deploy_failed, agent_deleted, subscription_created,
    plan_changed, subscription_canceled, subscription_reactivated, payment, payment_failed, refund, account_status,
};

struct ActivityItem {
    std::int64_t at;
    Act type;
    int index;  // into the list the type refers to
};

void put_act(std::string& o, const UserSim& s, const ActivityItem& it) {
    const auto at = static_cast<std::size_t>(it.index);
    switch (it.type) {
        case Act::signup:
            o += "signup\t{\"auth_provider\": \"";
            o += k_auth_providers[static_cast<int>(s.u.provider)];
            o += "\"}";
            break;
        case Act::login:
            o += "login\t{\"ip\": \"";
            put_ip(o, s.logins[at].ip);
            o += "\"}";
            break;
        case Act::agent_created:
        case Act::agent_deleted: {
            const Agent& a = s.agents[at];
            o += it.type == Act::agent_created ? "agent_created" : "agent_deleted";
            o += "\t{\"tier\": \"";
            o += tier_name(a.tier);
            o += "\", \"agent_id\": ";
            put_int(o, a.id);
            o += '}';
            break;
        }
        case Act::deploy_succeeded:
        case Act::deploy_failed: {
            const Deployment& d = s.deployments[at];
            o += it.type == Act::deploy_succeeded ? "deploy_succeeded" : "deploy_failed";
            o += "\t{\"attempt\": ";
            put_int(o, d.attempt);
            o += ", \"agent_id\": ";
            put_int(o, s.agents[static_cast<std::size_t>(d.agent)].id);
            o += ", \"deployment_id\": ";
            put_int(o, d.id);
            o += '}';
            break;
        }
        case Act::subscription_created: {
            const Subscription& sub = s.subs[at];
            o += "subscription_created\t{\"plan\": \"";
            o += k_plans[sub.first_plan].code;
            o += "\", \"trial\": ";
            o += sub.trial_end ? "true" : "false";
            o += ", \"subscription_id\": ";
            put_int(o, sub.id);
            o += '}';
            break;
        }
        case Act::plan_changed:
        case Act::subscription_canceled:
        case Act::subscription_reactivated: {
            const SubEvent& e = s.events[at];
            const Subscription* owner = &s.subs.front();
            for (const Subscription& sub : s.subs)
                if (it.index >= sub.ev_begin && it.index < sub.ev_begin + sub.ev_count) owner = &sub;
            o += it.type == Act::plan_changed            ? "plan_changed\t{\"plan\": \""
                 : it.type == Act::subscription_canceled ? "subscription_canceled\t{\"plan\": \""
                                                         : "subscription_reactivated\t{\"plan\": \"";
            o += k_plans[e.plan].code;
            o += "\", \"subscription_id\": ";
            put_int(o, owner->id);
            o += '}';
            break;
        }
        case Act::payment:
        case Act::payment_failed: {
            const Payment& p = s.payments[at];
            o += it.type == Act::payment ? "payment" : "payment_failed";
            o += "\t{\"currency\": \"USD\", \"provider\": \"";
            o += p.provider == PayProvider::nowpayments ? "nowpayments" : "stripe";
            o += "\", \"payment_id\": ";
            put_int(o, p.id);
            o += ", \"amount_cents\": ";
            put_int(o, p.amount_cents);
            o += '}';
            break;
        }
        case Act::refund: {
            const Refund& f = s.refunds[at];
            o += "refund\t{\"currency\": \"USD\", \"refund_id\": ";
            put_int(o, f.id);
            o += ", \"payment_id\": ";
            put_int(o, s.payments[static_cast<std::size_t>(f.payment)].id);
            o += ", \"amount_cents\": ";
            put_int(o, f.amount_cents);
            o += '}';
            break;
        }
        case Act::account_status:
            o += "account_";
            o += k_user_statuses[static_cast<int>(s.u.status)];
            o += "\t{\"reason\": \"";
            o += Lists::status_reasons[s.u.status_reason];
            o += "\"}";
            break;
    }
}

void write_activity(const World& w, RowSink& out, PassTotals&) {
    std::string& o = out.buf;
    std::int64_t id = 0;
    std::vector<ActivityItem> items;
    for_each_user(w, true, [&](const UserSim& s) {
        items.clear();
        items.push_back({s.u.signup, Act::signup, 0});
        for (std::size_t i = 1; i < s.logins.size(); ++i)
            if (s.logins[i].success) items.push_back({s.logins[i].at, Act::login, static_cast<int>(i)});
        for (std::size_t i = 0; i < s.agents.size(); ++i) {
            const Agent& a = s.agents[i];
            items.push_back({a.created, Act::agent_created, static_cast<int>(i)});
            if (a.status == AgentStatus::deleted) items.push_back({a.ended_at, Act::agent_deleted, static_cast<int>(i)});
        }
        // The outcome of each agent's last deployment attempt.
        for (const Agent& a : s.agents) {
            if (a.dep_count == 0) continue;
            const auto last = static_cast<std::size_t>(a.dep_begin + a.dep_count - 1);
            const Deployment& d = s.deployments[last];
            if (d.status == DeployStatus::succeeded) items.push_back({d.finished, Act::deploy_succeeded, static_cast<int>(last)});
            if (d.status == DeployStatus::failed) items.push_back({d.finished, Act::deploy_failed, static_cast<int>(last)});
        }
        for (std::size_t i = 0; i < s.subs.size(); ++i) items.push_back({s.subs[i].created, Act::subscription_created, static_cast<int>(i)});
        for (std::size_t i = 0; i < s.events.size(); ++i) {
            if (s.events[i].kind == EventKind::plan_changed) items.push_back({s.events[i].at, Act::plan_changed, static_cast<int>(i)});
            if (s.events[i].kind == EventKind::canceled) items.push_back({s.events[i].at, Act::subscription_canceled, static_cast<int>(i)});
            if (s.events[i].kind == EventKind::reactivated)
                items.push_back({s.events[i].at, Act::subscription_reactivated, static_cast<int>(i)});
        }
        for (std::size_t i = 0; i < s.payments.size(); ++i) {
            const Payment& p = s.payments[i];
            if (p.paid_at && !p.renewal) items.push_back({p.paid_at, Act::payment, static_cast<int>(i)});
            if (p.status == PayStatus::failed || p.status == PayStatus::canceled) items.push_back({p.created, Act::payment_failed, static_cast<int>(i)});
        }
        for (std::size_t i = 0; i < s.refunds.size(); ++i) items.push_back({s.refunds[i].at, Act::refund, static_cast<int>(i)});
        if (s.u.status != UserStatus::active) items.push_back({s.u.status_at, Act::account_status, 0});
        std::stable_sort(items.begin(), items.end(), [](const ActivityItem& a, const ActivityItem& b) { return a.at < b.at; });
        for (const ActivityItem& it : items) {
            put_int(o, ++id);
            tab(o); put_int(o, s.u.id);
            tab(o); put_act(o, s, it);
            tab(o); put_ts(o, it.at);
            out.end_row();
        }
    });
}

// ---- usage -----------------------------------------------------------------------------------

// Daily usage for the last 30 complete days, for users whose agents are live now.
void write_usage(const World& w, RowSink& out, PassTotals&) {
    std::string& o = out.buf;
    const std::int64_t last_day = anchor_day(w) - 1;
    const std::int64_t first_day = last_day - 29;
    for_each_user(w, false, [&](const UserSim& s) {
        int live = 0;
        std::int64_t live_since = 0;
        for (const Agent& a : s.agents) {
            if (a.status != AgentStatus::active) continue;
            ++live;
            live_since = live_since ? std::min(live_since, a.live_at) : a.live_at;
        }
        if (!live) return;
        bool paying = false;
        for (const Subscription& sub : s.subs)
            paying = paying || sub.status == SubStatus::active || sub.status == SubStatus::past_due || sub.status == SubStatus::trialing;
        Rng r(w.seed, static_cast<std::uint64_t>(s.u.id), s_usage);
        static const double tier_minutes[] = {40, 120, 400};
        const double base = (paying ? tier_minutes[static_cast<int>(s.plan_tier)] : 15.0) * live * (0.5 + r.unit());
        const double p_day = paying ? 0.38 : 0.03;
        std::int64_t storage = r.range(5, 200) * 1048576 * live;
        for (std::int64_t day = std::max(first_day, day_of(live_since) + 1); day <= last_day; ++day) {
            const std::int64_t dow = ((day % 7) + 7 + 3) % 7;  // 0 = Monday
            storage += r.range(0, 3 * 1048576);
            if (!r.chance(dow >= 5 ? p_day * 0.75 : p_day)) continue;
            const auto minutes = std::max<std::int64_t>(1, static_cast<std::int64_t>(base * (0.3 + 1.4 * r.unit())));
            const std::int64_t calls = minutes * r.range(15, 60);
            put_int(o, s.u.id);
            tab(o); put_date(o, day);
            tab(o); put_int(o, minutes);
            tab(o); put_int(o, calls);
            tab(o); put_int(o, storage);
            tab(o); put_int(o, minutes * 2 + calls / 250);
            tab(o); o += "USD";
            out.end_row();
        }
    });
}

// ---- back office -------------------------------------------------------------------------------

void write_consents(const World& w, RowSink& out, PassTotals&) {
    std::string& o = out.buf;
    std::int64_t id = 0;
    for_each_user(w, false, [&](const UserSim& s) {
        const UserCore& u = s.u;
        Rng r(w.seed, static_cast<std::uint64_t>(u.id), s_consents);
        auto row = [&](const char* purpose, bool granted, std::int64_t at, bool with_ip) {
            put_int(o, ++id);
            tab(o); put_int(o, u.id);
            tab(o); o += purpose;
            tab(o); o += granted ? 't' : 'f';
            tab(o); if (with_ip) put_ip(o, u.home_ip); else null(o);
            tab(o); put_ts(o, at);
            out.end_row();
        };
        row("terms", true, u.signup, true);
        row("privacy", true, u.signup, true);
        if (r.chance(0.28)) {
            row("marketing", true, u.signup, true);
            if (r.chance(0.12)) {
                const std::int64_t t = plausible_time(r, u.signup + k_day, w.anchor);
                if (t > u.signup && t < w.anchor) row("marketing", false, t, false);
            }
        } else if (r.chance(0.06)) {
            const std::int64_t t = plausible_time(r, u.signup + k_day, u.life_end);
            if (t > u.signup && t < u.life_end) row("marketing", true, t, true);
        }
    });
}

void write_email_log(const World& w, RowSink& out, PassTotals&) {
    std::string& o = out.buf;
    std::int64_t id = 0;
    const std::int64_t window = w.anchor - 90 * k_day;
    for_each_user(w, false, [&](const UserSim& s) {
        const UserCore& u = s.u;
        Rng r(w.seed, static_cast<std::uint64_t>(u.id), s_email);
        const bool smtp = r.chance(0.08);
        auto row = [&](std::int64_t at, const char* tmpl, auto&& subject) {
            if (at < window || at >= w.anchor) return;
            put_int(o, ++id);
            tab(o); put_int(o, u.id);
            tab(o); put_email(o, u);
            tab(o); o += tmpl;
            tab(o); subject(o);
            tab(o); o += smtp ? "smtp" : "resend";
            const double f = r.unit();
            const bool queued = at >= w.anchor - 2 * k_minute;
            const bool failed = !queued && f < 0.01;
            tab(o);
            if (queued || failed) {
                null(o);
            } else if (smtp) {
                o += '<';
                put_hex(o, r.next(), 16);
                o += "@mail.meetmatt.ai>";
            } else {
                const std::uint64_t a = r.next(), b = r.next();
                put_hex(o, a >> 32, 8); o += '-';
                put_hex(o, (a >> 16) & 0xFFFF, 4); o += "-4";
                put_hex(o, a & 0xFFF, 3); o += '-';
                put_hex(o, 0x8000 | ((b >> 48) & 0x3FFF), 4); o += '-';
                put_hex(o, b & 0xFFFFFFFFFFFFULL, 12);
            }
            tab(o); o += queued ? "queued" : failed ? "failed" : "sent";
            tab(o);
            if (failed) {
                static const char* const errors[] = {
                    "422 validation_error: The `to` field is invalid",
                    "550 5.1.1 Recipient address rejected: user unknown",
                    "429 rate_limit_exceeded: Too many requests, retry after 1 s",
                };
                o += errors[r.below(3)];
            } else {
                null(o);
            }
            tab(o); put_ts(o, at);
            out.end_row();
        };
        struct Mail {
            std::int64_t at;
            int kind;
            int index;
        };
        Mail mails[64];
        int n = 0;
        auto add = [&](std::int64_t at, int kind, int index) {
            if (at >= window && at < w.anchor && n < 64) mails[n++] = {at, kind, index};
        };
        add(u.signup + r.range(2, 30), 0, 0);
        for (std::size_t i = 0; i < s.agents.size(); ++i)
            if (s.agents[i].live_at) add(s.agents[i].live_at + 30, 1, static_cast<int>(i));
        for (std::size_t i = 0; i < s.subs.size(); ++i) {
            const Subscription& sub = s.subs[i];
            if (!sub.trial_end) continue;
            const std::int64_t reminder = sub.trial_end - 2 * k_day;
            bool still_trialing = true;
            for (int e = 0; e < sub.ev_count; ++e) {
                const SubEvent& ev = s.events[static_cast<std::size_t>(sub.ev_begin + e)];
                if (ev.kind == EventKind::canceled && ev.at <= reminder) still_trialing = false;
            }
            if (still_trialing) add(reminder, 2, static_cast<int>(i));
        }
        for (std::size_t i = 0; i < s.payments.size(); ++i) {
            const Payment& p = s.payments[i];
            if (p.paid_at && p.paid_at >= w.anchor - 30 * k_day) add(p.paid_at + 60, 3, static_cast<int>(i));
            if (p.status == PayStatus::failed || p.status == PayStatus::canceled) add(p.updated + 120, 4, static_cast<int>(i));
        }
        for (std::size_t i = 0; i < s.refunds.size(); ++i) add(s.refunds[i].at + 90, 5, static_cast<int>(i));
        if (u.status == UserStatus::suspended || u.status == UserStatus::banned) add(u.status_at + 60, 6, 0);
        std::stable_sort(mails, mails + n, [](const Mail& a, const Mail& b) { return a.at < b.at; });
        for (int i = 0; i < n; ++i) {
            const Mail& m = mails[i];
            const auto at = static_cast<std::size_t>(m.index);
            switch (m.kind) {
                case 0:
                    row(m.at, "welcome", [&](std::string& t) {
                        t += "Welcome to MeetMatt";
                        if (u.has_name) {
                            t += ", ";
                            t += Lists::first_names[u.first].display;
                        }
                        t += '!';
                    });
                    break;
                case 1:
                    row(m.at, "agent_deployed", [&](std::string& t) {
                        t += "Your agent ";
                        put_agent_name(t, u, s.agents[at]);
                        t += " is live on Telegram";
                    });
                    break;
                case 2:
                    row(m.at, "trial_ending", [&](std::string& t) { t += "Your MeetMatt trial ends in 2 days"; });
                    break;
                case 3:
                    row(m.at, "payment_receipt", [&](std::string& t) {
                        t += "Receipt for your payment of ";
                        put_dollars(t, s.payments[at].amount_cents);
                    });
                    break;
                case 4:
                    row(m.at, "payment_failed", [&](std::string& t) {
                        t += "Action needed: your payment of ";
                        put_dollars(t, s.payments[at].amount_cents);
                        t += " did not go through";
                    });
                    break;
                case 5:
                    row(m.at, "refund_issued", [&](std::string& t) {
                        t += "We refunded ";
                        put_dollars(t, s.refunds[at].amount_cents);
                        t += " to you";
                    });
                    break;
                default:
                    row(m.at, "account_status", [&](std::string& t) {
                        t += u.status == UserStatus::banned ? "Your MeetMatt account has been closed"
                                                            : "Your MeetMatt account has been suspended";
                    });
                    break;
            }
        }
    });
}

void write_popia_requests(const World& w, RowSink& out, PassTotals&) {
    std::string& o = out.buf;
    std::int64_t id = 0;
    const double p_other = std::max(0.0005, 10.0 / static_cast<double>(w.users));
    for_each_user(w, false, [&](const UserSim& s) {
        const UserCore& u = s.u;
        Rng r(w.seed, static_cast<std::uint64_t>(u.id), s_popia);
        auto row = [&](const char* kind, const char* status, const char* details, const char* resolution,
                       std::int64_t opened, std::int64_t closed, bool handled) {
            put_int(o, ++id);
            tab(o); put_int(o, u.id);
            tab(o); o += kind;
            tab(o); o += status;
            tab(o); o += details;
            tab(o); if (resolution) o += resolution; else null(o);
            tab(o); put_ts(o, opened);
            tab(o); put_ts(o, opened + 30 * k_day);
            tab(o); put_opt_ts(o, closed);
            tab(o); if (handled) o += Lists::operators[r.below(static_cast<std::uint64_t>(Lists::operator_count))]; else null(o);
            out.end_row();
        };
        if (u.status == UserStatus::deleted && r.chance(0.3)) {
            // Deleted accounts awaiting erasure: `ctl popia erase` has work to do.
            const std::int64_t opened = std::max(u.signup + k_minute, u.status_at - r.range(0, 3 * k_day));
            const bool started = r.chance(0.4);
            row("erasure", started ? "in_progress" : "open",
                "Please delete my account and all my personal information.", nullptr, opened, 0, started);
        }
        if (!r.chance(p_other)) return;
        static const char* const kinds[] = {"access", "correction", "objection"};
        static const char* const details[] = {
            "Please send me a copy of all personal data you hold about me.",
            "My name and phone number on the account are wrong, please correct them.",
            "I object to my data being used for marketing and analytics.",
        };
        static const char* const resolutions[] = {
            "Export sent to the user's verified e-mail address",
            "Name and phone number corrected",
            "Marketing consent withdrawn and analytics opt-out recorded",
        };
        static const double weights[] = {0.5, 0.25, 0.25};
        const int k = r.pick(weights, 3);
        const std::int64_t opened = plausible_time(r, u.signup + k_hour, w.anchor);
        if (opened >= w.anchor) return;
        const std::int64_t closed = opened + r.range(k_day, 25 * k_day);
        if (closed < w.anchor) {
            const bool rejected = r.chance(0.08);
            row(kinds[k], rejected ? "rejected" : "closed", details[k],
                rejected ? "Could not verify the identity of the requester" : resolutions[k], opened, closed, true);
        } else {
            const bool started = r.chance(0.5);
            row(kinds[k], started ? "in_progress" : "open", details[k], nullptr, opened, 0, started);
        }
    });
}

}  // namespace

const TableWriter k_table_writers[] = {
    {"plans", "id, code, name, tier, interval, price_cents, currency, trial_days, agent_limit, created_at, archived_at",
     write_plans},
    {"users",
     "id, email, name, company, phone, wallet, auth_provider, auth_provider_id, status, status_reason, plan, "
     "trial_ends_at, credits, agent_quota, api_call_quota, minute_quota, country, created_at, updated_at, "
     "last_login_at, deleted_at",
     write_users},
    {"logins", "id, user_id, logged_in_at, ip, user_agent, success", write_logins},
    {"agents",
     "id, user_id, name, purpose, tier, status, bot_username, verified, verified_at, created_at, updated_at, deleted_at, "
     "owner_email",
     write_agents},
    {"deployments",
     "id, agent_id, user_id, devin_session_id, status, attempt, started_at, finished_at, error, output, created_at",
     write_deployments},
    {"subscriptions",
     "id, user_id, agent_id, plan_id, coupon_id, status, interval, price_cents, discount_cents, currency, "
     "trial_ends_at, current_period_start, current_period_end, cancel_at, canceled_at, paused_at, created_at, updated_at",
     write_subscriptions},
    {"coupons",
     "id, code, percent_off, amount_off_cents, currency, duration, duration_months, max_redemptions, "
     "redeemed_count, expires_at, disabled_at, created_at",
     write_coupons},
    {"subscription_events", "id, subscription_id, user_id, plan_id, kind, status, mrr_cents, currency, effective_at",
     write_subscription_events},
    {"payments",
     "id, user_id, subscription_id, provider, provider_payment_id, amount_cents, currency, refunded_cents, status, "
     "provider_status, pay_amount, pay_currency, description, failure_reason, paid_at, created_at, updated_at",
     write_payments},
    {"invoices",
     "id, year, seq, user_id, payment_id, subscription_id, amount_cents, tax_cents, currency, status, issued_at, "
     "due_at, paid_at, sent_at, created_at",
     write_invoices},
    {"invoice_sequences", "year, last_seq", write_invoice_sequences},
    {"refunds",
     "id, payment_id, user_id, amount_cents, currency, status, reason, provider_refund_id, idempotency_key, "
     "created_by, created_at, updated_at",
     write_refunds},
    {"activity", "id, user_id, type, data, created_at", write_activity},
    {"usage", "user_id, day, minutes, api_calls, storage_bytes, cost_cents, currency", write_usage},
    {"consents", "id, user_id, purpose, granted, ip, created_at", write_consents},
    {"email_log", "id, user_id, to_address, template, subject, provider, provider_id, status, error, created_at",
     write_email_log},
    {"popia_requests", "id, user_id, kind, status, details, resolution, opened_at, due_at, closed_at, handled_by",
     write_popia_requests},
};
const int k_table_writer_count = static_cast<int>(std::size(k_table_writers));

}  // namespace ctl::seed::model
