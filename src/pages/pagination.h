// Lists shown a page at a time, with the GOV.UK pagination component. Pure.
//
//   Page page = page_of(request.query_param("page"), chronology.size(), 25);
//   for (std::size_t i = page.begin; i < page.end; ++i) ...
//   data["pagination"] = pagination_data(page, "/children/42", "#chronology", "Chronology pages");
#pragma once

#include <cstddef>
#include <string_view>

#include "pages/view.h"

namespace safeguard::pages {

struct Page {
  std::size_t number = 1;  // 1-based, clamped to [1, pages]
  std::size_t pages = 1;   // at least 1, even for an empty list
  std::size_t begin = 0;   // index of the first item shown
  std::size_t end = 0;     // one past the last item shown
  std::size_t total_items = 0;
};

// `requested` is the ?page= text: anything that is not a number from 1 up shows page 1; a number
// past the end shows the last page.
Page page_of(std::string_view requested, std::size_t total_items, std::size_t page_size);

// The data for templates/pagination_nav.mustache, or false when there is only one page. Links are
// `path?page=N` (`path&page=N` when `path` has a query already) followed by `anchor` (e.g.
// "#chronology"); long runs of pages are elided.
Data pagination_data(const Page& page, std::string_view path, std::string_view anchor,
                     std::string_view label);

// "Showing 26 to 50 of 120 events" (or "No events").
std::string showing_text(const Page& page, std::string_view things);

}  // namespace safeguard::pages
