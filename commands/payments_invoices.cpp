// ctl payments invoices: list, show, create, pdf and send.

#include "commands/payments_common.hpp"
#include "domain/invoices.hpp"
#include "domain/payments.hpp"
#include "domain/users.hpp"
#include "providers/email.hpp"
#include "util/atomic_file.hpp"
#include "util/parse.hpp"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>

namespace ctl::cli::payments_cmd {

namespace {

struct ListArgs {
    std::string user, status, after;
    int year = 0;
    long long limit = 50;
};

struct CreateArgs {
    std::string payment, tax = "0", due = "14d";
};

struct PdfArgs {
    std::string invoice, out;
};

struct SendArgs {
    std::string invoice, to;
    bool again = false;
};

double parse_percent(std::string text) {
    if (!text.empty() && text.back() == '%') text.pop_back();
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !(v >= 0 && v <= 100))
        throw UsageError("bad --tax '" + text + "'", "a percentage from 0 to 100, e.g. 15 or 15%");
    return v;
}

void run_pdf(Context& ctx, const PdfArgs& a) {
    auto id = billing::resolve_invoice(ctx.db(), a.invoice);
    auto doc = billing::invoice_document(ctx.db(), id);
    auto bytes = invoice::render_pdf(doc);
    if (a.out == "-") {
        std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        std::cout.flush();
        return;
    }
    std::string path = a.out.empty() ? doc.number + ".pdf" : a.out;
    util::AtomicFile file(path);
    file.stream().write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    file.commit();
    ctx.info("wrote " + path);
}

void run_send(Context& ctx, const SendArgs& a) {
    auto id = billing::resolve_invoice(ctx.db(), a.invoice);
    billing::SendSettings s;
    s.from = ctx.config().get_or("email.from", "");
    if (!a.to.empty()) s.to = a.to;
    s.again = a.again;
    http::Client client(ctx.http_options());
    auto sender = providers::make_email_sender(ctx.config(), client);
    report(ctx, billing::send_invoice(ctx.db(), id, *sender, s, ctx.options.reason, ctx.options.dry_run));
}

}  // namespace

void register_invoices(CLI::App& payments, Context& ctx) {
    auto* invoices = add_command(payments, "invoices", "Invoices: gap-free numbers per year, PDF, e-mail");
    invoices->require_subcommand(1);

    auto largs = std::make_shared<ListArgs>();
    auto* list = add_command(*invoices, "list", "List invoices, newest first");
    list->add_option("--user", largs->user, "Only this user's invoices");
    list->add_option("--status", largs->status, "Only this status")->check(CLI::IsMember({"draft", "open", "paid", "void"}));
    list->add_option("--year", largs->year, "Only this year's numbers")->check(CLI::Range(2000, 9999));
    add_paging_options(*list, largs->limit, largs->after);
    list->callback([&ctx, largs] {
        billing::InvoiceFilter f;
        if (!largs->user.empty()) f.user_id = users::resolve(ctx.db(), largs->user);
        if (!largs->status.empty()) f.status = largs->status;
        if (largs->year > 0) f.year = largs->year;
        f.limit = largs->limit;
        if (!largs->after.empty()) f.after = largs->after;
        render_page(ctx, billing::list_invoices(ctx.db(), f));
    });

    auto sref = std::make_shared<std::string>();
    auto* show = add_command(*invoices, "show", "One invoice with its payment");
    show->add_option("INVOICE", *sref, "Invoice id or number (INV-2026-000042)")->required();
    show->callback([&ctx, sref] {
        auto options = ctx.render_options();
        output::render_document(ctx.out(), options,
                                billing::show_invoice(ctx.db(), billing::resolve_invoice(ctx.db(), *sref)));
    });

    auto cargs = std::make_shared<CreateArgs>();
    auto* create = add_command(*invoices, "create", "Invoice a payment (the next number of the year)");
    create->add_option("PAYMENT", cargs->payment, "Payment id or the provider's payment id")->required();
    create->add_option("--tax", cargs->tax, "Tax included in the amount, in percent (15 or 15%)")->capture_default_str();
    create->add_option("--due", cargs->due, "Due after issue, for a pending payment (14d)")->capture_default_str();
    create->callback([&ctx, cargs] {
        billing::InvoiceRequest req;
        req.tax_percent = parse_percent(cargs->tax);
        req.due_in_s = util::parse_duration_seconds(cargs->due);
        req.payment_id = payments::resolve(ctx.db(), cargs->payment);
        report(ctx, billing::create_invoice(ctx.db(), req, ctx.options.reason, ctx.options.dry_run));
    });

    auto pargs = std::make_shared<PdfArgs>();
    auto* pdf = add_command(*invoices, "pdf", "Write the invoice as PDF");
    pdf->add_option("INVOICE", pargs->invoice, "Invoice id or number")->required();
    pdf->add_option("--out", pargs->out, "File to write (default NUMBER.pdf; - for stdout)");
    pdf->callback([&ctx, pargs] { run_pdf(ctx, *pargs); });

    auto eargs = std::make_shared<SendArgs>();
    auto* send = add_command(*invoices, "send", "E-mail the invoice PDF to the customer and set sent_at");
    send->add_option("INVOICE", eargs->invoice, "Invoice id or number")->required();
    send->add_option("--to", eargs->to, "Another address (default: the user's e-mail)");
    send->add_flag("--again", eargs->again, "Send even if it was sent before");
    send->callback([&ctx, eargs] { run_send(ctx, *eargs); });
}

}  // namespace ctl::cli::payments_cmd
