#pragma once
// Internal to the seed (seed.cpp, seed_model.cpp, seed_rows.cpp): the deterministic model of
// one user's history. Every fact about user N is derived from (seed, N) alone, through
// independent random streams per aspect, so each table pass can recompute what it needs
// instead of holding the whole data set in memory. Ids of dependent rows (agents, payments,
// ...) are handed out by running counters while users are simulated in id order; every pass
// runs the same simulation, so every pass sees the same ids.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ctl::seed::model {

inline constexpr std::int64_t k_minute = 60;
inline constexpr std::int64_t k_hour = 3600;
inline constexpr std::int64_t k_day = 86400;

// ---- random numbers ------------------------------------------------------------------------

constexpr std::uint64_t mix64(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// splitmix64: tiny state, good enough statistics, and cheap to seed per (user, stream).
class Rng {
public:
    explicit Rng(std::uint64_t seed) : m_state(seed) {}
    Rng(std::uint64_t seed, std::uint64_t key, std::uint64_t stream)
        : m_state(mix64(seed ^ mix64(key * 0x9E3779B97F4A7C15ULL + stream * 0xD1B54A32D192ED03ULL))) {}

    std::uint64_t next() {
        m_state += 0x9E3779B97F4A7C15ULL;
        return mix64(m_state);
    }
    // Uniform in [0, n); 0 when n is 0.
    std::uint64_t below(std::uint64_t n);
    // Uniform in [lo, hi); lo when the range is empty.
    std::int64_t range(std::int64_t lo, std::int64_t hi) {
        return hi <= lo ? lo : lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo)));
    }
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return unit() < p; }
    // Index into `weights` (n entries) with probability proportional to the weight.
    int pick(const double* weights, int n);

private:
    std::uint64_t m_state;
};

// Streams: one per aspect of a user, so that aspects can be derived independently.
enum Stream : std::uint64_t {
    s_identity = 1,
    s_logins,
    s_business,
    s_activity,
    s_usage,
    s_consents,
    s_email,
    s_popia,
    s_world,
};

// ---- fixed catalogue -------------------------------------------------------------------------

enum class Tier : std::uint8_t { matt, pro, enterprise };
const char* tier_name(Tier t);

struct PlanDef {
    const char* code;
    const char* name;
    Tier tier;
    bool yearly;
    std::int64_t price_cents;
    int trial_days;
    int agent_limit;  // 0: unlimited (NULL)
};
inline constexpr int k_plan_count = 5;
extern const PlanDef k_plans[k_plan_count];  // plan id = index + 1

enum class CouponDuration : std::uint8_t { once, repeating, forever };
struct CouponDef {
    const char* code;
    int percent_off;           // 0 when amount_off_cents is used
    std::int64_t amount_off_cents;
    CouponDuration duration;
    int duration_months;       // repeating only
    int max_redemptions;       // 0: NULL
};
inline constexpr int k_coupon_count = 6;
extern const CouponDef k_coupons[k_coupon_count];  // coupon id = index + 1

// ---- the world: what every user shares -------------------------------------------------------

struct World {
    std::uint64_t seed = 0;
    std::int64_t users = 0;
    std::int64_t anchor = 0;     // no timestamp reaches it
    std::int64_t start = 0;      // anchor minus `months` calendar months
    std::int64_t span_days = 0;  // days in [start, anchor)
    std::vector<std::int64_t> day_first;  // span_days+1 entries: first user index of each day
    // E-mail local parts: a permutation of user indexes onto (first, last, separator, suffix).
    std::uint64_t name_space = 0;
    int feistel_half_bits = 0;
    std::uint64_t feistel_keys[4] = {};
    std::uint64_t github_offset = 0;
    // Coupon windows (absolute times).
    std::int64_t coupon_created[k_coupon_count] = {};
    std::int64_t coupon_expires[k_coupon_count] = {};   // 0: never
    std::int64_t coupon_disabled[k_coupon_count] = {};  // 0: never
};

// Builds the world for these options; throws nothing (options are validated by the caller).
World make_world(std::int64_t users, std::uint64_t seed, int months, std::int64_t anchor);

// ---- one user --------------------------------------------------------------------------------

enum class UserStatus : std::uint8_t { active, suspended, banned, deleted };
enum class AuthProvider : std::uint8_t { email, google, github, wallet, privy };
enum class Archetype : std::uint8_t { bounce, casual, core };

struct Ip {
    bool v6 = false;
    std::uint16_t part[8] = {};  // v4: part[0..3] are the octets
};

struct UserCore {
    std::int64_t id = 0;
    std::int64_t signup = 0;
    std::int64_t status_at = 0;  // when the status changed; 0 for active users
    std::int64_t horizon = 0;    // the user can act before this (status_at, or the anchor)
    std::int64_t life_end = 0;   // last moment the user is engaged (<= horizon)
    int first = 0, last = 0, separator = 0;
    std::uint64_t suffix = 0;    // e-mail local part suffix (0: none)
    bool has_name = true;
    int company = -1;            // index into the company list, -1: none
    int company_form = 0;        // legal suffix
    bool company_mail = false;   // e-mail at the company's domain
    int mail_domain = 0;
    int country = -1;            // index into the country list, -1: NULL
    AuthProvider provider = AuthProvider::email;
    bool has_wallet = false;
    std::uint8_t wallet[20] = {};
    std::uint64_t auth_a = 0, auth_b = 0;
    bool has_phone = false;
    std::uint64_t phone_digits = 0;
    UserStatus status = UserStatus::active;
    int status_reason = 0;
    Archetype archetype = Archetype::bounce;
    bool pays_crypto = false;
    Ip home_ip;
    int ua_main = 0, ua_alt = 0;
    std::int64_t credits = 0;
    bool quota_override = false;
};

struct Login {
    std::int64_t at = 0;
    bool success = true;
    Ip ip;
    int ua = 0;
};

enum class AgentStatus : std::uint8_t { pending, deploying, active, failed, cancelled, deleted };
enum class DeployStatus : std::uint8_t { queued, running, succeeded, failed, cancelled };
enum class SubStatus : std::uint8_t { trialing, active, past_due, paused, canceled };
enum class EventKind : std::uint8_t {
    created, trial_started, activated, renewed, plan_changed, past_due, paused, resumed, canceled, reactivated
};
enum class PayStatus : std::uint8_t { pending, succeeded, failed, refunded, partially_refunded, canceled };
enum class PayProvider : std::uint8_t { stripe, nowpayments };

const char* agent_status_name(AgentStatus s);
const char* deploy_status_name(DeployStatus s);
const char* sub_status_name(SubStatus s);
const char* event_kind_name(EventKind k);
const char* pay_status_name(PayStatus s);

struct Deployment {
    std::int64_t id = 0;
    int agent = 0;  // index into UserSim::agents
    int attempt = 1;
    DeployStatus status = DeployStatus::queued;
    std::int64_t created = 0, started = 0, finished = 0;  // 0: NULL
    int error = -1;
    std::uint64_t session_a = 0, session_b = 0;
    bool has_session = false;
    std::uint32_t auth_code = 0;
    int acu_tenths = 0;
};

struct Agent {
    std::int64_t id = 0;
    std::int64_t created = 0, updated = 0;
    std::int64_t live_at = 0, verified_at = 0, ended_at = 0;  // 0: never
    Tier tier = Tier::matt;
    AgentStatus status = AgentStatus::pending;
    int name = 0, name_style = 0, purpose_variant = 0;
    int sub = -1;  // index into UserSim::subs
    int dep_begin = 0, dep_count = 0;
};

struct SubEvent {
    std::int64_t id = 0;
    std::int64_t at = 0;
    EventKind kind = EventKind::created;
    SubStatus status = SubStatus::active;
    int plan = 0;
    std::int64_t mrr_cents = 0;
};

struct Subscription {
    std::int64_t id = 0;
    int agent = 0;
    int plan = 0;       // current plan index
    int first_plan = 0;
    int coupon = -1;    // index into k_coupons
    SubStatus status = SubStatus::trialing;
    std::int64_t discount_cents = 0;  // recurring ("forever") discount per interval
    std::int64_t created = 0, updated = 0, trial_end = 0;
    std::int64_t period_start = 0, period_end = 0;
    std::int64_t cancel_at = 0, canceled_at = 0, paused_at = 0;
    int ev_begin = 0, ev_count = 0;
};

struct Payment {
    std::int64_t id = 0;
    int sub = 0;
    int plan = 0;
    PayProvider provider = PayProvider::stripe;
    PayStatus status = PayStatus::pending;
    int provider_status = 0;  // index into the provider-status words
    int failure = -1;
    int coin = 0;
    bool renewal = false;  // a renewal charge (not the first of a billing cycle)
    std::int64_t amount_cents = 0, refunded_cents = 0;
    std::int64_t created = 0, paid_at = 0, updated = 0;
    std::uint64_t ext = 0;         // random bits for the provider id
    std::int64_t pay_units = 0;    // crypto amount in 1e-8 units
};

struct Refund {
    std::int64_t id = 0;
    int payment = 0;
    std::int64_t amount_cents = 0;
    std::int64_t at = 0;
    int seq = 1;  // 1st, 2nd refund of the payment
    int reason = 0, operator_name = 0;
    std::uint64_t ext = 0;
};

struct UserSim {
    UserCore u;
    std::vector<Login> logins;
    std::int64_t last_login = 0;
    std::vector<Agent> agents;
    std::vector<Deployment> deployments;
    std::vector<Subscription> subs;
    std::vector<SubEvent> events;
    std::vector<Payment> payments;
    std::vector<Refund> refunds;
    Tier plan_tier = Tier::matt;
    bool has_plan = false;         // false: 'free'
    std::int64_t trial_ends_at = 0;
    std::int64_t updated = 0;
};

struct IdCounters {
    std::int64_t agent = 0, deployment = 0, subscription = 0, event = 0, payment = 0, refund = 0;
};

// Simulates user `uid` (1-based), filling `sim` (its vectors are reused, not reallocated) and
// advancing `ids`. Logins are simulated only when `with_logins` (they use no shared ids).
void simulate_user(const World& w, std::int64_t uid, IdCounters& ids, UserSim& sim, bool with_logins);
// Only the identity part of a user (name, e-mail, sign-up, status, ...): cheap.
void make_user_core(const World& w, std::int64_t uid, UserCore& u);

// ---- helpers shared with the row writers --------------------------------------------------

std::int64_t add_months(std::int64_t t, int months);
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d);
void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d);
// A time of day, in seconds, following the platform's daily traffic curve; q in [0, 1).
std::int64_t diurnal_seconds(double q);
// A moment in [lo, hi) placed at a plausible time of day; lo when the range is empty.
std::int64_t plausible_time(Rng& r, std::int64_t lo, std::int64_t hi);
Ip roaming_ip(Rng& r, int country);
std::int64_t mrr_cents(int plan, std::int64_t discount_cents, SubStatus status);
std::int64_t github_user_id(const World& w, std::int64_t uid);

// Built-in texts (name lists, companies, agents, errors, ...), see seed_model.cpp.
struct Name {
    const char* display;
    const char* slug;  // ASCII, lower case, no separators
};
struct Lists {
    static const Name first_names[];
    static const int first_count;
    static const Name last_names[];
    static const int last_count;
    static const char* const companies_a[];
    static const int companies_a_count;
    static const char* const companies_b[];
    static const int companies_b_count;
    static const char* const company_forms[];  // "" or " (Pty) Ltd", ...
    static const int company_form_count;
    static const char* const mail_domains[];
    static const int mail_domain_count;
    static const char* const countries[];      // ISO 3166-1 alpha-2
    static const int country_count;
    static const char* const user_agents[];
    static const int user_agent_count;
    static const char* const status_reasons[];  // by status: 3 suspended, 3 banned, 2 deleted
    static const Name agent_names[];            // display name, bot-username word
    static const int agent_name_count;
    static const char* const agent_purposes[];  // aligned with agent_names
    static const char* const deploy_errors[];
    static const int deploy_error_count;
    static const char* const stripe_failures[];
    static const int stripe_failure_count;
    static const char* const crypto_failures[];  // expired, partially paid, failed
    static const char* const refund_reasons[];
    static const int refund_reason_count;
    static const char* const operators[];
    static const int operator_count;
    static const char* const coins[];           // NOWPayments pay_currency codes
};
// Index 0..: "succeeded", "processing", "requires_payment_method", "canceled" (Stripe) and
// "finished", "waiting", "confirming", "failed", "expired", "partially_paid", "refunded"
// (NOWPayments).
extern const char* const k_provider_status_words[];
enum ProviderStatusWord : int {
    ps_stripe_succeeded, ps_stripe_processing, ps_stripe_requires_payment_method, ps_stripe_canceled,
    ps_np_finished, ps_np_waiting, ps_np_confirming, ps_np_failed, ps_np_expired, ps_np_partially_paid,
    ps_np_refunded,
};

// The e-mail local part of a user ("zoe.mokoena", "thabo_nkosi12"), appended to `out`.
void append_local_part(std::string& out, const UserCore& u);
// The company's domain ("bluepeaklogistics.co.za"), appended to `out`.
void append_company_domain(std::string& out, const UserCore& u);

// ---- row writers (seed_rows.cpp) ----------------------------------------------------------

// Rows in COPY text format accumulate in `buf` and are handed to `put` about every megabyte.
// `put` may take the buffer's contents (swap it for an empty one); it is cleared afterwards.
class RowSink {
public:
    static constexpr std::size_t k_flush = 1u << 20;
    explicit RowSink(std::function<void(std::string&)> put) : m_put(std::move(put)) { buf.reserve(k_flush + 64 * 1024); }
    std::string buf;
    long long rows = 0;
    void end_row() {
        buf += '\n';
        ++rows;
        if (buf.size() >= k_flush) flush();
    }
    void flush() {
        if (!buf.empty()) m_put(buf);
        buf.clear();
    }

private:
    std::function<void(std::string&)> m_put;
};

// One paid payment, kept between the payments pass and the invoices pass (which numbers them in
// global paid_at order): 20 bytes, about 19 MB at a million users.
struct PaidPayment {
    std::uint32_t paid_offset;  // seconds since World::start
    std::uint32_t payment_id;
    std::uint32_t user_id;
    std::uint32_t subscription_id;
    std::uint32_t amount_cents : 31;
    std::uint32_t vat : 1;      // South African customer: VAT included
};

// Facts one pass learns for a later one.
struct PassTotals {
    long long coupon_redemptions[k_coupon_count] = {};
    std::vector<PaidPayment> paid;
    std::vector<std::pair<int, int>> last_seq_by_year;
};

struct TableWriter {
    const char* table;
    const char* columns;  // the COPY column list
    void (*write)(const World& w, RowSink& out, PassTotals& totals);
};
// In writing order.
extern const TableWriter k_table_writers[];
extern const int k_table_writer_count;

}  // namespace ctl::seed::model
