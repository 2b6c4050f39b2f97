#include "pages/pagination.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <utility>

namespace safeguard::pages {

Page page_of(std::string_view requested, std::size_t total_items, std::size_t page_size) {
  Page page;
  page_size = std::max<std::size_t>(page_size, 1);
  page.total_items = total_items;
  page.pages = std::max<std::size_t>(1, (total_items + page_size - 1) / page_size);
  std::size_t number = 1;
  auto [end, error] =
      std::from_chars(requested.data(), requested.data() + requested.size(), number);
  if (requested.empty() || error != std::errc() || end != requested.data() + requested.size() ||
      number < 1) {
    number = 1;
  }
  page.number = std::min(number, page.pages);
  page.begin = (page.number - 1) * page_size;
  page.end = std::min(total_items, page.begin + page_size);
  if (page.begin > page.end) page.begin = page.end;
  return page;
}

Data pagination_data(const Page& page, std::string_view path, std::string_view anchor,
                     std::string_view label) {
  if (page.pages <= 1) return flag(false);
  // A path with a query already (/returns?year=2025) gets &page=N.
  char separator = path.find('?') == std::string_view::npos ? '?' : '&';
  auto href = [&](std::size_t number) {
    return fmt::format("{}{}page={}{}", path, separator, number, anchor);
  };
  Data data = object();
  data["label"] = std::string(label);
  if (page.number > 1) {
    Data previous = object();
    previous["href"] = href(page.number - 1);
    data["previous"] = std::move(previous);
  }
  if (page.number < page.pages) {
    Data next = object();
    next["href"] = href(page.number + 1);
    data["next"] = std::move(next);
  }
  // The first, the last, and the current page with one either side; gaps become an ellipsis.
  Data items = list();
  bool gap = false;
  for (std::size_t number = 1; number <= page.pages; ++number) {
    bool shown = number == 1 || number == page.pages ||
                 (number + 1 >= page.number && number <= page.number + 1);
    if (!shown) {
      if (!gap) {
        Data ellipsis = object();
        ellipsis["ellipsis"] = flag(true);
        items << ellipsis;
      }
      gap = true;
      continue;
    }
    gap = false;
    Data item = object();
    item["number"] = std::to_string(number);
    item["href"] = href(number);
    item["current"] = flag(number == page.number);
    item["ellipsis"] = flag(false);
    items << item;
  }
  data["items"] = std::move(items);
  return data;
}

std::string showing_text(const Page& page, std::string_view things) {
  if (page.total_items == 0) return fmt::format("No {}.", things);
  return fmt::format("Showing {} to {} of {} {}.", page.begin + 1, page.end, page.total_items,
                     things);
}

}  // namespace safeguard::pages
