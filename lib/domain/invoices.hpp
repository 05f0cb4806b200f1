#pragma once
// Invoices (issue 5): gap-free numbers per year ("INV-2026-000042"), taken from
// invoice_sequences under its row lock in the transaction that creates the invoice, so a
// rolled-back creation leaves no gap and concurrent creations queue for the next number.

#include "db/connection.hpp"
#include "domain/billing.hpp"
#include "domain/users.hpp"
#include "invoice/pdf.hpp"
#include "output/document.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace ctl::providers {
class EmailSender;
}

namespace ctl::billing {

struct InvoiceFilter {
    std::optional<std::int64_t> user_id;
    std::optional<std::string> status;  // draft, open, paid, void
    std::optional<int> year;
    long long limit = 50;
    std::optional<std::string> after;
};

// Newest first. UsageError for an unknown status or a bad cursor.
users::Page list_invoices(db::Connection& conn, const InvoiceFilter& filter);

// By id, "INV-2026-000042" or "2026-000042". Throws NotFound.
std::int64_t resolve_invoice(db::Connection& conn, std::string_view ref);

std::vector<output::Section> show_invoice(db::Connection& conn, std::int64_t invoice_id);

struct InvoiceRequest {
    std::int64_t payment_id = 0;
    double tax_percent = 0;          // the payment's amount includes this tax
    std::optional<long long> due_in_s;  // due date after issue; none for paid invoices
};

// Invoices a payment: status paid for a succeeded (or refunded) payment, open for a pending one.
// A payment that already has an invoice (not void) is not invoiced again (changed = false).
// Conflict for failed or canceled payments; UsageError for a tax outside [0, 100].
ActionResult create_invoice(db::Connection& conn, const InvoiceRequest& request, std::string_view reason,
                            bool dry_run);

// The invoice's printable document (seller from settings billing.seller_*, buyer from the user).
invoice::Document invoice_document(db::Connection& conn, std::int64_t invoice_id);

struct SendSettings {
    std::string from;  // From header
    std::optional<std::string> to;  // default: the user's e-mail
    bool again = false;             // send even when sent before
};

// E-mails the invoice PDF as an attachment and sets sent_at, logging the e-mail in email_log.
// The Idempotency-Key is "ctl-invoice-<id>-<epoch of the previous sent_at, or 0>", so a retry
// of one send delivers once. Already sent and not `again`: nothing sent (changed = false).
// Errors as EmailSender::send (6 unreachable, 1 refused), logged as failed.
ActionResult send_invoice(db::Connection& conn, std::int64_t invoice_id, providers::EmailSender& sender,
                          const SendSettings& settings, std::string_view reason, bool dry_run);

}  // namespace ctl::billing
