// Amounts and currencies of refunds, credits, plans and coupons: "10", "0.99", "usd".
#include "fuzz/fuzz_target.hpp"
#include "util/parse.hpp"

#include <cctype>

CTL_FUZZ_TARGET(money) {
    try {
        const long long cents = ctl::util::parse_money_cents(input);
        CTL_FUZZ_CHECK(cents >= 0);
        // What format_money prints reads back as the same amount.
        CTL_FUZZ_CHECK(ctl::util::parse_money_cents(ctl::util::format_money(cents, "")) == cents);
    } catch (const ctl::UsageError&) {
    }
    try {
        const std::string currency = ctl::util::parse_currency(input);
        CTL_FUZZ_CHECK(currency.size() == 3);
        for (const char c : currency) CTL_FUZZ_CHECK(c >= 'A' && c <= 'Z');
    } catch (const ctl::UsageError&) {
    }
}
