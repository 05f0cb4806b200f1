// ctl payments invoices: gap-free numbering under concurrency, the PDF (read back with
// pdftotext) and sending it as an e-mail attachment through a local fake of Resend.

#include "support/fakes/resend.hpp"
#include "support/fixtures.hpp"
#include "support/operators.hpp"
#include "support/pg_harness.hpp"
#include "support/run_ctl.hpp"

#include <doctest/doctest.h>
#include <sodium.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

using namespace ctl;
using testing::run_ctl;

namespace {

// Payments 2..n+1 for carol (succeeded, 115.00 USD), plus payment 1 of the fixture.
void insert_payments(db::Connection& c, int n) {
    c.exec("INSERT INTO payments (id, user_id, provider, provider_payment_id, amount_cents, currency, status, paid_at, "
           "description) SELECT g, 3, 'stripe', 'pi_inv_' || g, 11500, 'USD', 'succeeded', now(), 'Pro plan, November' "
           "FROM generate_series(2, $1::int + 1) g",
           {n});
    c.exec("INSERT INTO payments (id, user_id, provider, amount_cents, currency, status) "
           "VALUES (900, 3, 'stripe', 100, 'USD', 'failed')");
}

std::string pdf_text(const std::string& path) {
    std::string cmd = "pdftotext -layout '" + path + "' -";
    std::string text;
    if (FILE* p = popen(cmd.c_str(), "r")) {
        char buf[4096];
        std::size_t n;
        while ((n = fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
        pclose(p);
    }
    return text;
}

std::string year_now() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return std::to_string(tm.tm_year + 1900);
}

}  // namespace

TEST_SUITE("cli payments invoices") {
    TEST_CASE("concurrent creation numbers invoices without gaps; failures take no number") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        insert_payments(su, 20);
        testing::Operator billing(tdb, "billing");
        std::vector<int> codes(22, -1);
        std::vector<std::thread> threads;
        for (int i = 0; i < 22; ++i)
            threads.emplace_back([&, i] {
                // 20 payments, plus the failed payment 900 twice: refused, and must leave no gap.
                std::string payment = i < 20 ? std::to_string(i + 2) : "900";
                codes[static_cast<std::size_t>(i)] =
                    run_ctl({"payments", "invoices", "create", payment, "--tax", "15"}, billing.conninfo).exit_code;
            });
        for (auto& t : threads) t.join();
        for (int i = 0; i < 22; ++i) CHECK(codes[static_cast<std::size_t>(i)] == (i < 20 ? 0 : 4));
        auto seqs = su.exec("SELECT array_agg(seq ORDER BY seq)::text, count(DISTINCT payment_id) FROM invoices");
        CHECK(seqs[0].text(0) == "{1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20}");
        CHECK(seqs[0].int64(1) == 20);
        auto again = run_ctl({"payments", "invoices", "create", "2", "-o", "json"}, billing.conninfo);
        CHECK(again.exit_code == 0);
        CHECK(again.json()["changed"] == false);
        CHECK(su.exec("SELECT count(*) FROM invoices")[0].int64(0) == 20);
        auto inv = su.exec("SELECT amount_cents, tax_cents, status FROM invoices WHERE payment_id = 2");
        CHECK(inv[0].int64(0) == 10000);
        CHECK(inv[0].int64(1) == 1500);
        CHECK(inv[0].text(2) == "paid");

        auto list = run_ctl({"payments", "invoices", "list", "-o", "json", "--limit", "5", "--user", "carol@zeta.dev"},
                            billing.conninfo);
        REQUIRE_MESSAGE(list.exit_code == 0, list.err);
        CHECK(list.json().size() == 5);
        CHECK(list.json()[0]["total_cents"] == 11500);
        CHECK(run_ctl({"payments", "invoices", "create", "2", "--tax", "150"}, billing.conninfo).exit_code == 2);
        CHECK(run_ctl({"payments", "invoices", "show", "INV-1999-000001"}, billing.conninfo).exit_code == 3);
    }

    TEST_CASE("the PDF holds the number, the buyer and the total; send attaches it and sets sent_at") {
        auto tdb = testing::fresh_database();
        auto su = tdb.connect();
        testing::insert_small_fixture(su);
        insert_payments(su, 1);
        su.exec("UPDATE settings SET value = '\"Agents Inc\"' WHERE key = 'billing.seller_name'");
        su.exec("UPDATE users SET company = 'Zeta Łódź' WHERE id = 3");
        testing::Operator billing(tdb, "billing");
        auto created = run_ctl({"payments", "invoices", "create", "pi_inv_2", "--tax", "15", "-o", "json"}, billing.conninfo);
        REQUIRE_MESSAGE(created.exit_code == 0, created.err);
        std::string number = created.json()["number"];
        CHECK(number == "INV-" + year_now() + "-000001");

        auto dir = std::filesystem::temp_directory_path() / ("ctl-invoice-" + std::to_string(getpid()));
        std::filesystem::create_directories(dir);
        auto path = (dir / "invoice.pdf").string();
        auto pdf = run_ctl({"payments", "invoices", "pdf", number, "--out", path}, billing.conninfo);
        REQUIRE_MESSAGE(pdf.exit_code == 0, pdf.err);
        auto text = pdf_text(path);
        CHECK(text.find(number) != std::string::npos);
        CHECK(text.find("Carol Chen") != std::string::npos);
        CHECK(text.find("Zeta Łódź") != std::string::npos);  // beyond Latin-1: the embedded font
        CHECK(text.find("115.00 USD") != std::string::npos);
        CHECK(text.find("15.00 USD") != std::string::npos);
        CHECK(text.find("Agents Inc") != std::string::npos);
        CHECK(text.find("paid") != std::string::npos);

        testing::FakeResendInbox resend;
        std::map<std::string, std::string> env = {{"CTL_EMAIL_API_URL", resend.url()},
                                                  {"CTL_EMAIL_API_KEY", "re_key"},
                                                  {"CTL_EMAIL_FROM", "Billing <billing@example.com>"}};
        auto sent = run_ctl({"payments", "invoices", "send", number, "-o", "json"}, billing.conninfo, env);
        REQUIRE_MESSAGE(sent.exit_code == 0, sent.err);
        CHECK(sent.json()["to"] == "carol@zeta.dev");
        REQUIRE(resend.delivered.size() == 1);
        auto& mail = resend.delivered[0];
        REQUIRE(mail["attachments"].size() == 1);
        CHECK(mail["attachments"][0]["filename"] == number + ".pdf");
        std::string b64 = mail["attachments"][0]["content"];
        std::string raw(b64.size(), '\0');
        std::size_t len = 0;
        REQUIRE(sodium_base642bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), b64.data(), b64.size(),
                                  nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) == 0);
        raw.resize(len);
        auto attached = (dir / "attached.pdf").string();
        std::ofstream(attached, std::ios::binary) << raw;
        CHECK(pdf_text(attached).find(number) != std::string::npos);
        CHECK_FALSE(su.exec("SELECT sent_at FROM invoices WHERE id = 1")[0].is_null(0));
        CHECK(su.exec("SELECT count(*) FROM email_log WHERE template = 'invoice' AND status = 'sent'")[0].int64(0) == 1);

        auto twice = run_ctl({"payments", "invoices", "send", number}, billing.conninfo, env);
        CHECK(twice.exit_code == 0);
        CHECK(twice.err.find("already sent") != std::string::npos);
        CHECK(resend.delivered.size() == 1);
        CHECK(run_ctl({"payments", "invoices", "send", number, "--again"}, billing.conninfo, env).exit_code == 0);
        CHECK(resend.delivered.size() == 2);
        std::filesystem::remove_all(dir);
    }
}
