#pragma once
// How a list with a search fragment finds its page (users list --search, agents list --search).
// Left to the planner, a guess at how common the fragment is decides between walking the list
// in order, testing each row (a million rows for a rare fragment it thought common), and
// collecting every match (a hundred thousand for a common one). So the page is looked for first
// among the first rows in list order, where a common fragment fills it, and otherwise among all
// the matches, collected through the trigram index and then ordered: few, for a rare fragment.

#include "db/connection.hpp"

#include <functional>

namespace ctl::domain {

// walk: the list without a search, in order through the sort's index.
enum class SearchPlan { walk, window, matches };

// The window's answer when it holds more than `limit` rows (a full page, and proof of a next
// one), else the matches'; a limit of 0 (all rows) or one the window cannot hold goes straight to
// the matches. `run` runs the list's query for a plan.
inline db::Result search_page(long long limit, long long window_rows, const std::function<db::Result(SearchPlan)>& run) {
    if (limit > 0 && limit < window_rows) {
        auto in_window = run(SearchPlan::window);
        if (in_window.rows() > limit) return in_window;
    }
    return run(SearchPlan::matches);
}

}  // namespace ctl::domain
