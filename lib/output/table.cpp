#include "output/detail.hpp"

#include "util/time.hpp"

#include <algorithm>
#include <ostream>

namespace ctl::output::detail {

namespace {

constexpr std::string_view k_separator = "  ";
constexpr std::size_t k_min_shrunk_width = 6;

std::string upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

}  // namespace

std::vector<std::size_t> fit_widths(const std::vector<std::size_t>& natural,
                                    const std::vector<std::size_t>& minimum,
                                    const std::vector<bool>& shrinkable, std::size_t separators,
                                    std::size_t total_width) {
    std::size_t fixed = separators;
    std::size_t widest = 0;
    for (std::size_t i = 0; i < natural.size(); ++i) {
        if (shrinkable[i]) {
            widest = std::max(widest, natural[i]);
        } else {
            fixed += natural[i];
        }
    }
    const auto width_at = [&](std::size_t i, std::size_t cap) {
        return shrinkable[i] ? std::max(minimum[i], std::min(natural[i], cap)) : natural[i];
    };
    const auto total_at = [&](std::size_t cap) {
        std::size_t total = fixed;
        for (std::size_t i = 0; i < natural.size(); ++i) {
            if (shrinkable[i]) total += width_at(i, cap);
        }
        return total;
    };
    if (total_at(widest) <= total_width) return natural;
    // Largest cap that fits (0 when even the minimums do not).
    std::size_t low = 0;
    std::size_t high = widest;
    while (low < high) {
        const std::size_t mid = low + (high - low + 1) / 2;
        if (total_at(mid) <= total_width) {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    std::vector<std::size_t> widths(natural.size());
    for (std::size_t i = 0; i < natural.size(); ++i) widths[i] = width_at(i, low);
    // Hand the columns left over below the next cap to the capped columns, left to right.
    std::size_t total = total_at(low);
    for (std::size_t i = 0; i < natural.size() && total < total_width; ++i) {
        if (shrinkable[i] && widths[i] == low && natural[i] > low && low >= minimum[i]) {
            ++widths[i];
            ++total;
        }
    }
    return widths;
}

TableRenderer::TableRenderer(std::ostream& out, const RenderOptions& options, std::string prefix)
    : m_out(out), m_options(options), m_prefix(std::move(prefix)) {}

void TableRenderer::begin(const std::vector<Column>& columns) {
    m_selected = select_columns(columns, m_options);
    m_columns = columns;
    m_now = m_options.now_epoch != 0 ? m_options.now_epoch : util::current_epoch();
    m_fields.clear();
    m_cells.clear();
    m_styles.clear();
    for (const std::size_t index : m_selected) {
        const Column& column = columns[index];
        Field field;
        field.header = upper(column.name);
        field.width = display_width(field.header);
        field.right = column.kind == Kind::integer || column.kind == Kind::number ||
                      column.kind == Kind::money;
        field.shrink = column.kind == Kind::text || column.kind == Kind::json;
        m_fields.push_back(std::move(field));
    }
}

void TableRenderer::row(const Row& cells) {
    for (std::size_t j = 0; j < m_selected.size(); ++j) {
        const Column& column = m_columns[m_selected[j]];
        const std::string* value = cell_at(cells, m_selected[j]);
        std::string text = value == nullptr ? std::string(1, '-')
                                            : table_text(column.kind, *value, m_now);
        const Style style =
            value == nullptr ? Style::dim : status_style(column.name, *value);
        m_fields[j].width = std::max(m_fields[j].width, display_width(text));
        m_cells.push_back(std::move(text));
        m_styles.push_back(style);
    }
}

void TableRenderer::end() {
    const std::size_t n = m_fields.size();
    if (n == 0) return;
    std::vector<std::size_t> widths(n);
    for (std::size_t j = 0; j < n; ++j) widths[j] = m_fields[j].width;
    if (m_options.width > 0) {
        std::vector<std::size_t> minimum(n);
        std::vector<bool> shrinkable(n);
        for (std::size_t j = 0; j < n; ++j) {
            minimum[j] = std::min(widths[j], std::max(display_width(m_fields[j].header),
                                                      k_min_shrunk_width));
            shrinkable[j] = m_fields[j].shrink;
        }
        const std::size_t separators = display_width(m_prefix) + k_separator.size() * (n - 1);
        widths = fit_widths(widths, minimum, shrinkable, separators,
                            static_cast<std::size_t>(m_options.width));
    }
    std::string line;
    std::vector<std::string_view> texts(n);
    std::vector<Style> styles(n, Style::none);
    for (std::size_t j = 0; j < n; ++j) texts[j] = m_fields[j].header;
    write_line(line, texts, styles, widths, m_options.color);
    const std::size_t rows = m_cells.size() / n;
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t j = 0; j < n; ++j) {
            texts[j] = m_cells[r * n + j];
            styles[j] = m_styles[r * n + j];
        }
        write_line(line, texts, styles, widths, false);
    }
    m_cells.clear();
    m_styles.clear();
}

void TableRenderer::write_line(std::string& line, const std::vector<std::string_view>& texts,
                               const std::vector<Style>& styles,
                               const std::vector<std::size_t>& widths, bool bold) {
    line.assign(m_prefix);
    if (bold) line += style_start(Style::bold);
    std::size_t pending_spaces = 0;  // padding is only written once something follows it
    for (std::size_t j = 0; j < texts.size(); ++j) {
        if (j > 0) pending_spaces += k_separator.size();
        std::string cut;
        std::string_view text = texts[j];
        std::size_t width = display_width(text);
        if (width > widths[j]) {
            cut = truncate_to_width(text, widths[j]);
            text = cut;
            width = display_width(text);
        }
        const std::size_t pad = widths[j] > width ? widths[j] - width : 0;
        if (m_fields[j].right) pending_spaces += pad;
        if (!text.empty()) {
            line.append(pending_spaces, ' ');
            pending_spaces = 0;
            const Style style = m_options.color ? styles[j] : Style::none;
            line += style_start(style);
            line += text;
            if (style != Style::none) line += k_style_reset;
        }
        if (!m_fields[j].right) pending_spaces += pad;
    }
    if (bold) line += k_style_reset;
    line += '\n';
    m_out.write(line.data(), static_cast<std::streamsize>(line.size()));
}

}  // namespace ctl::output::detail
