#include "invoice/pdf.hpp"

#include "util/error.hpp"
#include "util/parse.hpp"

#include <hpdf.h>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <type_traits>

namespace ctl::invoice {

namespace {

// libharu is C: an exception must not unwind through it, so the first error is kept and
// reported once the document is done.
void on_error(HPDF_STATUS error, HPDF_STATUS, void* user) {
    auto* first = static_cast<HPDF_STATUS*>(user);
    if (*first == 0) *first = error;
}

// WinAnsi text for the standard fonts: ASCII and Latin-1 from UTF-8, '?' for the rest.
std::string win_ansi(const std::string& utf8) {
    std::string out;
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        auto c = static_cast<unsigned char>(utf8[i]);
        if (c < 0x80) {
            out += static_cast<char>(c >= 0x20 ? c : ' ');
        } else if ((c & 0xE0) == 0xC0 && i + 1 < utf8.size()) {
            unsigned code = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3Fu);
            out += code >= 0xA0 && code <= 0xFF ? static_cast<char>(code) : '?';
        } else {
            while (i + 1 < utf8.size() && (static_cast<unsigned char>(utf8[i + 1]) & 0xC0) == 0x80) ++i;
            out += '?';
        }
    }
    return out;
}

// Text without control characters; UTF-8 kept.
std::string printable(const std::string& utf8) {
    std::string out;
    for (char c : utf8) out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
    return out;
}

constexpr const char* k_font_regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* k_font_bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

class Page {
public:
    // DejaVu Sans (embedded, UTF-8) when installed, so any name prints; else the standard
    // Helvetica with WinAnsi text.
    Page(HPDF_Doc pdf) : m_page(HPDF_AddPage(pdf)) {
        HPDF_Page_SetSize(m_page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
        if (std::filesystem::exists(k_font_regular) && std::filesystem::exists(k_font_bold)) {
            HPDF_UseUTFEncodings(pdf);
            m_regular = HPDF_GetFont(pdf, HPDF_LoadTTFontFromFile(pdf, k_font_regular, HPDF_TRUE), "UTF-8");
            m_bold = HPDF_GetFont(pdf, HPDF_LoadTTFontFromFile(pdf, k_font_bold, HPDF_TRUE), "UTF-8");
            m_utf8 = m_regular != nullptr && m_bold != nullptr;
        }
        if (!m_utf8) {
            m_regular = HPDF_GetFont(pdf, "Helvetica", "WinAnsiEncoding");
            m_bold = HPDF_GetFont(pdf, "Helvetica-Bold", "WinAnsiEncoding");
        }
    }
    float height() const { return HPDF_Page_GetHeight(m_page); }
    float width() const { return HPDF_Page_GetWidth(m_page); }

    void text(float x, float y, const std::string& s, float size = 10, bool bold = false) {
        HPDF_Page_BeginText(m_page);
        HPDF_Page_SetFontAndSize(m_page, bold ? m_bold : m_regular, size);
        HPDF_Page_TextOut(m_page, x, y, encode(s).c_str());
        HPDF_Page_EndText(m_page);
    }
    // Right-aligned at x.
    void text_right(float x, float y, const std::string& s, float size = 10, bool bold = false) {
        HPDF_Page_SetFontAndSize(m_page, bold ? m_bold : m_regular, size);
        float w = HPDF_Page_TextWidth(m_page, encode(s).c_str());
        text(x - w, y, s, size, bold);
    }
    void rule(float x1, float x2, float y) {
        HPDF_Page_SetLineWidth(m_page, 0.5f);
        HPDF_Page_MoveTo(m_page, x1, y);
        HPDF_Page_LineTo(m_page, x2, y);
        HPDF_Page_Stroke(m_page);
    }

private:
    std::string encode(const std::string& s) const { return m_utf8 ? printable(s) : win_ansi(s); }

    HPDF_Page m_page;
    HPDF_Font m_regular = nullptr, m_bold = nullptr;
    bool m_utf8 = false;
};

float party(Page& page, float x, float y, const char* title, const Party& p) {
    page.text(x, y, title, 8, true);
    y -= 14;
    page.text(x, y, p.name, 11, true);
    for (const auto& line : p.lines) {
        if (line.empty()) continue;
        y -= 13;
        page.text(x, y, line);
    }
    return y;
}

}  // namespace

std::string render_pdf(const Document& doc) {
    HPDF_STATUS failure = 0;
    std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, decltype(&HPDF_Free)> pdf(HPDF_New(on_error, &failure), HPDF_Free);
    if (!pdf) throw Error(ExitCode::failure, "cannot initialise libharu");
    HPDF_SetCompressionMode(pdf.get(), HPDF_COMP_ALL);
    HPDF_SetInfoAttr(pdf.get(), HPDF_INFO_TITLE, win_ansi("Invoice " + doc.number).c_str());
    HPDF_SetInfoAttr(pdf.get(), HPDF_INFO_CREATOR, "ctl");
    Page page(pdf.get());
    const float left = 50, right = page.width() - 50;
    float y = page.height() - 60;
    page.text(left, y, "INVOICE", 22, true);
    page.text_right(right, y, doc.number, 14, true);
    y -= 20;
    page.text_right(right, y, "Status: " + doc.status, 10, true);
    y -= 14;
    page.text_right(right, y, "Issued: " + doc.issued_on);
    if (!doc.due_on.empty()) page.text_right(right, y -= 14, "Due: " + doc.due_on);
    if (!doc.paid_on.empty()) page.text_right(right, y -= 14, "Paid: " + doc.paid_on);

    y -= 30;
    float seller_end = party(page, left, y, "FROM", doc.seller);
    float buyer_end = party(page, page.width() / 2, y, "BILL TO", doc.buyer);
    y = std::min(seller_end, buyer_end) - 36;

    page.text(left, y, "Description", 10, true);
    page.text_right(right, y, "Amount", 10, true);
    y -= 6;
    page.rule(left, right, y);
    for (const auto& line : doc.lines) {
        y -= 16;
        page.text(left, y, line.description);
        page.text_right(right, y, util::format_money(line.amount_cents, doc.currency));
    }
    y -= 10;
    page.rule(left, right, y);
    y -= 16;
    page.text_right(right - 120, y, "Subtotal");
    page.text_right(right, y, util::format_money(doc.subtotal_cents, doc.currency));
    y -= 16;
    page.text_right(right - 120, y, doc.tax_label.empty() ? "Tax" : doc.tax_label);
    page.text_right(right, y, util::format_money(doc.tax_cents, doc.currency));
    y -= 20;
    page.text_right(right - 120, y, "Total", 12, true);
    page.text_right(right, y, util::format_money(doc.total_cents, doc.currency), 12, true);

    HPDF_SaveToStream(pdf.get());
    HPDF_ResetStream(pdf.get());
    std::string bytes;
    for (;;) {
        HPDF_BYTE buffer[8192];
        HPDF_UINT32 n = sizeof buffer;
        HPDF_STATUS rc = HPDF_ReadFromStream(pdf.get(), buffer, &n);
        bytes.append(reinterpret_cast<const char*>(buffer), n);
        if (rc == HPDF_STREAM_EOF || n == 0) break;
    }
    if (failure != 0 || bytes.empty())
        throw Error(ExitCode::failure, fmt::format("cannot write the invoice PDF (libharu error 0x{:04X})", failure));
    return bytes;
}

}  // namespace ctl::invoice
