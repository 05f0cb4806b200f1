#include "providers/nowpayments.hpp"

#include "config/config.hpp"
#include "providers/refusal.hpp"
#include "providers/stripe.hpp"
#include "util/error.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cmath>
#include <iterator>

namespace ctl::providers {

namespace {

std::string text_of(const nlohmann::json& j, const char* key) {
    if (!j.contains(key)) return {};
    const auto& v = j[key];
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    if (v.is_number()) return fmt::format("{}", v.get<double>());
    return {};
}

// price_amount is a JSON number (or numeric string) in major units. Anything else — text that is
// not a number, a negative, infinite or NaN amount, one past the range of cents — is an answer
// ctl cannot import (llround of such a value is not even defined).
long long cents_of(const nlohmann::json& j, const char* key) {
    if (!j.contains(key) || j[key].is_null()) return 0;
    const auto& v = j[key];
    double d = std::nan("");
    if (v.is_number()) {
        d = v.get<double>();
    } else if (v.is_string()) {
        const auto& s = v.get_ref<const std::string&>();
        char* end = nullptr;
        const double parsed = std::strtod(s.c_str(), &end);
        if (!s.empty() && end == s.c_str() + s.size()) d = parsed;
    }
    if (!std::isfinite(d) || d < 0 || d * 100 >= 9.0e18)
        throw Error(ExitCode::failure, fmt::format("NOWPayments answered a {} that is not an amount: {}", key, v.dump()),
                    "nothing was imported; check the payment at NOWPayments");
    return std::llround(d * 100);
}

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

}  // namespace

std::string normalise_nowpayments_status(const std::string& s) {
    if (s == "finished") return "succeeded";
    if (s == "failed") return "failed";
    if (s == "refunded") return "refunded";
    if (s == "expired") return "canceled";
    return "pending";  // waiting, confirming, confirmed, sending, partially_paid and anything new
}

NowPayments::NowPayments(NowPaymentsSettings settings, http::Client& client)
    : m_settings(std::move(settings)), m_client(client) {
    while (!m_settings.api_url.empty() && m_settings.api_url.back() == '/') m_settings.api_url.pop_back();
}

std::string NowPayments::call(const http::Request& req) {
    auto res = m_client.send(req);
    if (res.status >= 200 && res.status < 300) return res.body;
    throw_refusal(res, nowpayments_error_message(res.status, res.body),
                  {.provider = "NOWPayments",
                   .key = "credentials",
                   .key_hint = "check nowpayments.api_key, nowpayments.email and nowpayments.password",
                   .refused = "NOWPayments refused"});
}

std::string NowPayments::token() {
    http::Request req;
    req.method = "POST";
    req.url = m_settings.api_url + "/auth";
    req.headers = {{"Content-Type", "application/json"}, {"x-api-key", m_settings.api_key}};
    req.body = nlohmann::json{{"email", m_settings.email}, {"password", m_settings.password}}.dump();
    return parse_nowpayments_token(call(req));
}

std::vector<NowPayment> NowPayments::list_payments(const std::string& date_from, const std::string& date_to) {
    std::string jwt = token();
    std::vector<NowPayment> out;
    for (long long page = 0;; ++page) {
        http::Request req;
        req.url = m_settings.api_url + "/payment/?" +
                  form_encode({{"limit", "500"}, {"page", std::to_string(page)}, {"sortBy", "created_at"},
                               {"orderBy", "asc"}, {"dateFrom", date_from}, {"dateTo", date_to}});
        req.headers = {{"x-api-key", m_settings.api_key}, {"Authorization", "Bearer " + jwt}};
        auto listed = parse_nowpayments_page(call(req));
        const bool empty = listed.payments.empty();
        out.insert(out.end(), std::make_move_iterator(listed.payments.begin()),
                   std::make_move_iterator(listed.payments.end()));
        if (page + 1 >= listed.pages_count || empty) break;
    }
    return out;
}

std::string nowpayments_error_message(long status, const std::string& body) {
    auto j = nlohmann::json::parse(body, nullptr, false);
    // An empty message (found by fuzzing: {"message": ""}) would make an empty error line.
    if (j.is_object() && j.contains("message") && j["message"].is_string() && !j["message"].get<std::string>().empty())
        return j["message"].get<std::string>();
    return fmt::format("HTTP {}", status);
}

std::string parse_nowpayments_token(const std::string& body) {
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("token") || !j["token"].is_string())
        throw Error(ExitCode::failure, "NOWPayments answered /auth without a token");
    return j["token"].get<std::string>();
}

NowPaymentsPage parse_nowpayments_page(const std::string& body) {
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("data") || !j["data"].is_array())
        throw Error(ExitCode::failure, "NOWPayments answered the payment list without data");
    NowPaymentsPage page;
    for (const auto& p : j["data"]) {
        page.payments.push_back({text_of(p, "payment_id"), text_of(p, "payment_status"), cents_of(p, "price_amount"),
                                 upper(text_of(p, "price_currency")), text_of(p, "pay_amount"),
                                 text_of(p, "pay_currency"), text_of(p, "order_id"), text_of(p, "created_at")});
    }
    if (j.contains("pagesCount") && j["pagesCount"].is_number_integer()) page.pages_count = j["pagesCount"].get<long long>();
    return page;
}

NowPayments make_nowpayments(const config::Config& cfg, http::Client& client) {
    NowPaymentsSettings s;
    s.api_url = cfg.get_or("nowpayments.api_url", s.api_url);
    s.api_key = cfg.get("nowpayments.api_key").value_or("");
    s.email = cfg.get("nowpayments.email").value_or("");
    s.password = cfg.get("nowpayments.password").value_or("");
    if (s.api_key.empty() || s.email.empty() || s.password.empty())
        throw UsageError("NOWPayments is not configured",
                         "set CTL_NOWPAYMENTS_API_KEY, CTL_NOWPAYMENTS_EMAIL and CTL_NOWPAYMENTS_PASSWORD");
    return NowPayments(std::move(s), client);
}

}  // namespace ctl::providers
