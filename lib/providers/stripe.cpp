#include "providers/stripe.hpp"

#include "config/config.hpp"
#include "providers/refusal.hpp"
#include "util/error.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iterator>

namespace ctl::providers {

namespace {

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

std::string text_of(const nlohmann::json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

long long int_of(const nlohmann::json& j, const char* key) {
    return j.contains(key) && j[key].is_number_integer() ? j[key].get<long long>() : 0;
}

StripePaymentIntent intent_of(const nlohmann::json& j) {
    StripePaymentIntent pi;
    pi.id = text_of(j, "id");
    pi.amount_cents = int_of(j, "amount");
    pi.currency = upper(text_of(j, "currency"));
    pi.status = text_of(j, "status");
    pi.created = int_of(j, "created");
    if (j.contains("last_payment_error") && j["last_payment_error"].is_object())
        pi.last_error = text_of(j["last_payment_error"], "message");
    if (j.contains("metadata") && j["metadata"].is_object()) pi.user_id = text_of(j["metadata"], "user_id");
    return pi;
}

}  // namespace

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string out;
    for (const auto& [key, value] : fields) {
        if (!out.empty()) out += '&';
        out += http::percent_encode(key) + '=' + http::percent_encode(value);
    }
    return out;
}

Stripe::Stripe(StripeSettings settings, http::Client& client) : m_settings(std::move(settings)), m_client(client) {
    while (!m_settings.api_url.empty() && m_settings.api_url.back() == '/') m_settings.api_url.pop_back();
}

std::string Stripe::call(const std::string& method, const std::string& path, const std::string& form,
                         const std::string& idempotency_key) {
    http::Request req;
    req.method = method;
    req.url = m_settings.api_url + path;
    req.headers = {{"Authorization", "Bearer " + m_settings.api_key}};
    if (method == "POST") {
        req.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
        req.headers.emplace_back("Idempotency-Key", idempotency_key);
        req.body = form;
    }
    auto res = m_client.send(req);
    if (res.status >= 200 && res.status < 300) return res.body;
    throw_refusal(res, stripe_error_message(res.status, res.body),
                  {.provider = "Stripe",
                   .key_hint = "check stripe.api_key (CTL_STRIPE_API_KEY)",
                   .retry_hint = "safe to retry: the idempotency key prevents a second charge or refund",
                   .refused = "Stripe refused"});
}

StripeRefund Stripe::create_refund(const std::string& payment_ref, long long amount_cents, const std::string& reason,
                                   const std::map<std::string, std::string>& metadata,
                                   const std::string& idempotency_key) {
    std::vector<std::pair<std::string, std::string>> form;
    form.emplace_back(payment_ref.rfind("ch_", 0) == 0 ? "charge" : "payment_intent", payment_ref);
    form.emplace_back("amount", std::to_string(amount_cents));
    form.emplace_back("reason", "requested_by_customer");
    form.emplace_back("metadata[reason]", reason);
    for (const auto& [k, v] : metadata) form.emplace_back("metadata[" + k + "]", v);
    return parse_stripe_refund(call("POST", "/v1/refunds", form_encode(form), idempotency_key));
}

StripePaymentIntent Stripe::confirm_payment_intent(const std::string& id, const std::string& idempotency_key) {
    return parse_stripe_payment_intent(
        call("POST", "/v1/payment_intents/" + form_encode({{"", id}}).substr(1) + "/confirm", "", idempotency_key));
}

std::vector<StripePaymentIntent> Stripe::list_payment_intents(long long created_gte, long long created_lt) {
    std::vector<StripePaymentIntent> out;
    std::string after;
    for (;;) {
        std::vector<std::pair<std::string, std::string>> query = {{"limit", "100"},
                                                                  {"created[gte]", std::to_string(created_gte)},
                                                                  {"created[lt]", std::to_string(created_lt)}};
        if (!after.empty()) query.emplace_back("starting_after", after);
        auto listed = parse_stripe_intent_page(call("GET", "/v1/payment_intents?" + form_encode(query), "", ""));
        if (!listed.has_more || listed.intents.empty()) {
            out.insert(out.end(), std::make_move_iterator(listed.intents.begin()),
                       std::make_move_iterator(listed.intents.end()));
            break;
        }
        after = listed.intents.back().id;
        out.insert(out.end(), std::make_move_iterator(listed.intents.begin()),
                   std::make_move_iterator(listed.intents.end()));
    }
    return out;
}

std::string stripe_error_message(long status, const std::string& body) {
    auto json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_object() && json.contains("error") && json["error"].is_object()) {
        auto m = text_of(json["error"], "message");
        if (!m.empty()) return m;
    }
    return fmt::format("HTTP {}", status);
}

StripeRefund parse_stripe_refund(const std::string& body) {
    auto j = nlohmann::json::parse(body, nullptr, false);
    // The refund may have been made: a re-run sends the same idempotency key and gets it back.
    if (!j.is_object() || text_of(j, "id").empty())
        throw Unavailable("Stripe sent a malformed answer (no refund id)",
                          "safe to retry: the idempotency key prevents a second refund");
    return {text_of(j, "id"), int_of(j, "amount"), upper(text_of(j, "currency")), text_of(j, "status")};
}

StripePaymentIntent parse_stripe_payment_intent(const std::string& body) {
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (!j.is_object() || text_of(j, "id").empty())
        throw Unavailable("Stripe sent a malformed answer (no payment intent)",
                          "safe to retry: the idempotency key prevents a second charge");
    return intent_of(j);
}

StripeIntentPage parse_stripe_intent_page(const std::string& body) {
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("data") || !j["data"].is_array())
        throw Error(ExitCode::failure, "Stripe answered the payment intent list without data");
    StripeIntentPage page;
    for (const auto& item : j["data"]) page.intents.push_back(intent_of(item));
    page.has_more = j.contains("has_more") && j["has_more"].is_boolean() && j["has_more"].get<bool>();
    return page;
}

std::string normalise_stripe_status(const std::string& status) {
    if (status == "succeeded") return "succeeded";
    if (status == "canceled") return "canceled";
    if (status == "requires_payment_method") return "failed";
    return "pending";  // processing, requires_action, requires_confirmation, requires_capture, ...
}

Stripe make_stripe(const config::Config& cfg, http::Client& client) {
    auto key = cfg.get("stripe.api_key").value_or("");
    if (key.empty()) throw UsageError("no Stripe key is configured", "set CTL_STRIPE_API_KEY (or stripe.api_key)");
    return Stripe({cfg.get_or("stripe.api_url", "https://api.stripe.com"), key}, client);
}

}  // namespace ctl::providers
