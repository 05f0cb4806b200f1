#pragma once
// An invoice as a one-page A4 PDF (libharu): seller, buyer, lines, tax, total and status.
// Text is set in DejaVu Sans (embedded, UTF-8) when the font is installed (Debian
// fonts-dejavu-core); otherwise in the standard Helvetica, where characters outside WinAnsi
// print as '?'.

#include <string>
#include <vector>

namespace ctl::invoice {

struct Party {
    std::string name;
    std::vector<std::string> lines;  // address, e-mail, tax id ...
};

struct Line {
    std::string description;
    long long amount_cents = 0;
};

struct Document {
    std::string number;      // "INV-2026-000042"
    std::string status;      // draft, open, paid, void
    std::string issued_on;   // "2026-11-21"
    std::string due_on;      // empty when none
    std::string paid_on;     // empty when unpaid
    std::string currency;    // "USD"
    Party seller, buyer;
    std::vector<Line> lines;
    long long subtotal_cents = 0, tax_cents = 0, total_cents = 0;
    std::string tax_label;   // "Tax (15%)"
};

// The PDF bytes. Throws ctl::Error (exit 1) when libharu fails.
std::string render_pdf(const Document& doc);

}  // namespace ctl::invoice
