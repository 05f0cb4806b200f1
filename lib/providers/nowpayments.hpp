#pragma once
// NOWPayments (DESIGN §9): "x-api-key: <key>" on every call; the list endpoint also wants
// "Authorization: Bearer <jwt>" from POST /auth {email, password} (the token lives about five
// minutes, so one is fetched per listing). Errors {status:false, statusCode, code, message}.
// There is no refund call. Base URL configurable (nowpayments.api_url).

#include "http/client.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ctl::config {
class Config;
}

namespace ctl::providers {

struct NowPaymentsSettings {
    std::string api_url = "https://api.nowpayments.io/v1";
    std::string api_key;
    std::string email, password;  // of the account, for POST /auth
};

struct NowPayment {
    std::string payment_id;      // int64 as text
    std::string payment_status;  // waiting, confirming, confirmed, sending, partially_paid, finished, failed, refunded, expired
    long long price_cents = 0;   // price_amount in minor units
    std::string price_currency;  // upper-case
    std::string pay_amount;      // decimal text
    std::string pay_currency;
    std::string order_id;
    std::string created_at;      // as NOWPayments gives it (ISO 8601)
};

class NowPayments {
public:
    NowPayments(NowPaymentsSettings settings, http::Client& client);

    // Every payment created in [date_from, date_to) ("YYYY-MM-DD" or ISO times), all pages of
    // GET /payment/?limit=500&page=N, oldest first. Throws ctl::Error: UsageError (2) when the
    // key or the account is refused, Unavailable (6), failure (1) with NOWPayments' message.
    std::vector<NowPayment> list_payments(const std::string& date_from, const std::string& date_to);

private:
    std::string token();
    std::string call(const http::Request& request);

    NowPaymentsSettings m_settings;
    http::Client& m_client;
};

// One page of GET /payment/ as received (the body of a 2xx response). Throws ctl::Error (1)
// when it has no "data" array or a price_amount is not a non-negative amount.
struct NowPaymentsPage {
    std::vector<NowPayment> payments;
    long long pages_count = 0;  // pagesCount; 0 when absent
};
NowPaymentsPage parse_nowpayments_page(const std::string& body);
// The JWT of a POST /auth answer. Throws ctl::Error (1) when there is none.
std::string parse_nowpayments_token(const std::string& body);
// The "message" of an error body, else "HTTP <status>".
std::string nowpayments_error_message(long status, const std::string& body);

// Normalised payment status of DESIGN §7 for a NOWPayments payment_status.
std::string normalise_nowpayments_status(const std::string& status);

// NOWPayments as configured (nowpayments.api_url, .api_key, .email, .password). UsageError
// when a setting is missing.
NowPayments make_nowpayments(const config::Config& cfg, http::Client& client);

}  // namespace ctl::providers
