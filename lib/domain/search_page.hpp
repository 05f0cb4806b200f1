#pragma once
// How a list with a search fragment finds its page (users list --search, agents list --search).
// Left to the planner, a guess at how common the fragment is decides between walking the list
// in order, testing each row (a million rows for a rare fragment it thought common), and
// collecting every match (a hundred thousand for a common one). So the page is looked for first
// among the first rows in list order, where a common fragment fills it; how many of those rows
// match tells how far a page is, and a longer walk is made when that is not far; otherwise the
// page is found among all the matches, collected through the trigram index and then ordered: few,
// for a fragment that is rare.

namespace ctl::domain {

// walk: the list without a search, in order through the sort's index.
// window: the first `rows` rows of the list (after the cursor), tested one by one.
// matches: every match, then ordered.
enum class SearchPlan { walk, window, matches };

// first: the rows always tested. most: the longest walk worth making rather than collecting the
// matches (each list sets it from what a row walked and a match collected cost it).
struct SearchWindow {
    long long first;
    long long most;
};

// The page, with one row more than `limit` when there is a next page. A limit of 0 (all rows) or
// one the first window cannot hold goes straight to the matches. `run(plan, rows)` runs the list's
// query for a plan and, for a window, its length; what it returns has rows().
template <class Run>
auto search_page(long long limit, SearchWindow window, const Run& run) {
    if (limit > 0 && limit < window.first) {
        auto first = run(SearchPlan::window, window.first);
        long long found = first.rows();
        if (found > limit) return first;
        if (found > 0) {
            // At this rate limit + 1 matches lie within (limit + 1) * first / found rows; half as
            // many again is the margin for matches that come in clusters.
            long long reach = (limit + 1) * window.first * 3 / (2 * found);
            if (reach <= window.most) {
                auto second = run(SearchPlan::window, reach);
                if (second.rows() > limit) return second;
            }
        }
    }
    return run(SearchPlan::matches, 0);
}

}  // namespace ctl::domain
