#pragma once
// Shared by the files of the `ctl payments` group (payments.cpp registers them all).

#include "commands/context.hpp"
#include "domain/billing.hpp"
#include "domain/users.hpp"

namespace ctl::cli::payments_cmd {

// The change's summary on stderr, its record on stdout.
void report(Context& ctx, const billing::ActionResult& result);

// A listing on stdout, and the next page's cursor on stderr when the limit cut it.
void render_page(Context& ctx, const users::Page& page);

// Registration of the commands that change payments (payments_actions.cpp).
void register_actions(CLI::App& payments, Context& ctx);
// `payments invoices ...` (payments_invoices.cpp).
void register_invoices(CLI::App& payments, Context& ctx);
// `payments subscriptions ...` (payments_subscriptions.cpp).
void register_subscriptions(CLI::App& payments, Context& ctx);
// `payments plans ...` and `payments coupons ...` (payments_catalog.cpp).
void register_catalog(CLI::App& payments, Context& ctx);
// `payments reconcile` (payments_reconcile.cpp).
void register_reconcile(CLI::App& payments, Context& ctx);

}  // namespace ctl::cli::payments_cmd
