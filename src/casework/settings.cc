#include "casework/settings.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>

namespace safeguard::casework {
namespace {

// A setting: how to check a value and store it in Settings.
struct Entry {
  std::string key;
  std::string meaning;
  std::function<std::string(const Settings&)> current;
  std::function<Status(std::string_view, Settings&)> apply;
};

Result<int> parse_whole(std::string_view key, std::string_view text, int low, int high) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < low || value > high) {
    return Error::invalid(fmt::format("setting {} is '{}': it must be a whole number from {} to {}",
                                      key, text, low, high));
  }
  return value;
}

Result<double> parse_number(std::string_view key, std::string_view text, double low, double high) {
  double value = 0.0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value) ||
      value < low || value > high) {
    return Error::invalid(
        fmt::format("setting {} is '{}': it must be a number from {} to {}", key, text, low, high));
  }
  return value;
}

Entry whole(std::string key, std::string meaning, int Settings::*member, int low, int high) {
  return Entry{key, std::move(meaning),
               [member](const Settings& s) { return std::to_string(s.*member); },
               [key, member, low, high](std::string_view text, Settings& s) -> Status {
                 auto value = parse_whole(key, text, low, high);
                 if (!value) return value.error();
                 s.*member = *value;
                 return Status::success();
               }};
}

Entry timescale(std::string field, std::string meaning, int rules::Timescales::*member, int low,
                int high) {
  std::string key = "timescale." + field;
  return Entry{key, std::move(meaning),
               [member](const Settings& s) { return std::to_string(s.timescales.*member); },
               [key, member, low, high](std::string_view text, Settings& s) -> Status {
                 auto value = parse_whole(key, text, low, high);
                 if (!value) return value.error();
                 s.timescales.*member = *value;
                 return Status::success();
               }};
}

Entry number(std::string key, std::string meaning, std::function<double&(Settings&)> member,
             double low, double high) {
  return Entry{
      key, std::move(meaning),
      [member](const Settings& s) { return fmt::format("{}", member(const_cast<Settings&>(s))); },
      [key, member, low, high](std::string_view text, Settings& s) -> Status {
        auto value = parse_number(key, text, low, high);
        if (!value) return value.error();
        member(s) = *value;
        return Status::success();
      }};
}

const std::vector<Entry>& entries() {
  using T = rules::Timescales;
  static const std::vector<Entry> all = [] {
    std::vector<Entry> list;
    list.push_back(number(
        "caseload.limit_per_fte", "weighted cases a full-time worker may hold (pro rata to FTE)",
        [](Settings& s) -> double& { return s.caseload_limit_per_fte; }, 0.0, 500.0));
    list.push_back(number(
        "caseload.weight.child_protection", "weight of a case with an open child protection plan",
        [](Settings& s) -> double& { return s.weights.child_protection; }, 0.0, 10.0));
    list.push_back(number(
        "caseload.weight.looked_after", "weight of the case of a child looked after",
        [](Settings& s) -> double& { return s.weights.looked_after; }, 0.0, 10.0));
    list.push_back(number(
        "caseload.weight.child_in_need", "weight of any other open case",
        [](Settings& s) -> double& { return s.weights.child_in_need; }, 0.0, 10.0));
    list.push_back(whole("closure.visit_working_days",
                         "a case closes only after a visit with the child seen within this many "
                         "working days",
                         &Settings::closure_visit_working_days, 0, 250));
    list.push_back(whole("worklist.unallocated_working_days",
                         "a case waiting for a worker longer than this is on the work lists",
                         &Settings::unallocated_working_days, 0, 250));
    list.push_back(Entry{
        "calendar.closure_days",
        "days the offices are closed besides bank holidays (YYYY-MM-DD, comma separated)",
        [](const Settings& s) {
          std::string text;
          for (Date day : s.closure_days) text += (text.empty() ? "" : ",") + day.iso();
          return text;
        },
        [](std::string_view text, Settings& s) -> Status {
          s.closure_days.clear();
          std::size_t start = 0;
          while (start <= text.size()) {
            std::size_t comma = text.find(',', start);
            std::string_view part = text.substr(
                start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
            while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
            while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
            if (!part.empty()) {
              auto day = Date::parse_iso(part);
              if (!day) {
                return Error::invalid(fmt::format(
                    "setting calendar.closure_days: '{}' is not a date (YYYY-MM-DD): {}", part,
                    day.error().message));
              }
              s.closure_days.push_back(*day);
            }
            if (comma == std::string_view::npos) break;
            start = comma + 1;
          }
          std::sort(s.closure_days.begin(), s.closure_days.end());
          return Status::success();
        }});
    struct Field {
      const char* name;
      int T::*member;
      const char* meaning;
    };
    const Field fields[] = {
        {"contact_decision_working_days", &T::contact_decision_working_days,
         "decision on a contact within this many working days"},
        {"assessment_working_days", &T::assessment_working_days,
         "assessment authorised within this many working days of the referral"},
        {"initial_conference_working_days", &T::initial_conference_working_days,
         "initial child protection conference within this many working days of the strategy "
         "discussion"},
        {"protection_first_review_months", &T::protection_first_review_months,
         "first child protection review within this many months of the plan"},
        {"protection_later_review_months", &T::protection_later_review_months,
         "later child protection reviews at most this many months apart"},
        {"protection_visit_working_days", &T::protection_visit_working_days,
         "child protection visits at most this many working days apart"},
        {"protection_plan_flag_months", &T::protection_plan_flag_months,
         "child protection plans open this long are on the work lists"},
        {"looked_after_first_review_working_days", &T::looked_after_first_review_working_days,
         "first looked-after review within this many working days of entering care"},
        {"looked_after_second_review_months", &T::looked_after_second_review_months,
         "second looked-after review within this many months of the first"},
        {"looked_after_later_review_months", &T::looked_after_later_review_months,
         "later looked-after reviews at most this many months apart"},
        {"looked_after_new_placement_visit_days", &T::looked_after_new_placement_visit_days,
         "visit within this many days of a new placement"},
        {"looked_after_visit_weeks", &T::looked_after_visit_weeks,
         "looked-after visits at most this many weeks apart in a placement's first year"},
        {"looked_after_long_term_visit_months", &T::looked_after_long_term_visit_months,
         "visits at most this many months apart in a long-term placement after a year"},
        {"pathway_plan_review_months", &T::pathway_plan_review_months,
         "pathway plans reviewed at most this many months apart"},
        {"due_soon_days", &T::due_soon_days,
         "an item is due soon this many working days before it is due"},
        {"supervision_weeks", &T::supervision_weeks,
         "one-to-one supervision at most this many weeks apart"},
    };
    for (const Field& field : fields) {
      list.push_back(timescale(field.name, field.meaning, field.member, 0, 400));
    }
    return list;
  }();
  return all;
}

const Entry* find_entry(std::string_view key) {
  for (const Entry& entry : entries()) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

}  // namespace

std::vector<SettingInfo> setting_catalogue() {
  Settings defaults;
  std::vector<SettingInfo> catalogue;
  for (const Entry& entry : entries()) {
    catalogue.push_back({entry.key, entry.current(defaults), entry.meaning});
  }
  return catalogue;
}

Result<Settings> load_settings(store::Transaction& transaction) {
  Settings settings;
  for (const Entry& entry : entries()) {
    auto value = transaction.setting(entry.key);
    if (!value) return value.error();
    if (!*value) continue;
    SAFEGUARD_TRY(entry.apply(**value, settings));
  }
  return settings;
}

Status check_setting(std::string_view key, std::string_view value) {
  const Entry* entry = find_entry(key);
  if (entry == nullptr) {
    return Error::invalid(
        fmt::format("there is no safeguard setting {} (docs/safeguards.md lists them)", key));
  }
  Settings scratch;
  return entry->apply(value, scratch);
}

}  // namespace safeguard::casework
