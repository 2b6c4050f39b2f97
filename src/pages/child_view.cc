#include "pages/child_view.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "pages/pagination.h"

namespace safeguard::pages {
namespace {

constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                   "May",       "June",     "July",     "August",
                                   "September", "October",  "November", "December"};

std::string described(const domain::CodeLists& codes, std::string_view list,
                      std::string_view code) {
  if (code.empty()) return "Not recorded";
  std::string description = codes.description(list, code);
  if (description.empty() || description == code) return std::string(code);
  return fmt::format("{} ({})", description, code);
}

std::string or_not_recorded(const std::string& text) {
  return text.empty() ? std::string("Not recorded") : text;
}

bool open_on(Date start, const std::optional<Date>& end, Date today) {
  return start <= today && (!end || *end > today);
}

Data row(std::string key, std::string value) {
  Data item = object();
  item["key"] = std::move(key);
  item["value"] = std::move(value);
  return item;
}

Data clock_data(const rules::ClockItem& item) {
  Data data = object();
  data["description"] = item.description;
  data["due"] = long_date(item.due);
  data["state"] = state_title(item.state);
  data["tag_class"] = tag_class(item.state);
  data["overdue"] = flag(item.state == rules::ClockItem::State::kOverdue);
  return data;
}

std::string name_or(const std::map<std::int64_t, std::string>& names, std::int64_t id,
                    std::string_view fallback) {
  auto found = names.find(id);
  return found == names.end() ? std::string(fallback) : found->second;
}

}  // namespace

std::string full_name(const domain::Child& child) {
  std::string name = child.first_name;
  if (!child.last_name.empty()) name += (name.empty() ? "" : " ") + child.last_name;
  return name.empty() ? fmt::format("Child {}", child.id) : name;
}

std::string long_date(Date date) {
  return fmt::format("{} {} {}", date.day(), kMonths[(date.month() - 1) % 12], date.year());
}

std::string tag_class(rules::ClockItem::State state) {
  switch (state) {
    case rules::ClockItem::State::kOverdue:
      return "govuk-tag--red";
    case rules::ClockItem::State::kDueSoon:
      return "govuk-tag--yellow";
    case rules::ClockItem::State::kDue:
      break;
  }
  return "govuk-tag--grey";
}

std::string state_title(rules::ClockItem::State state) {
  switch (state) {
    case rules::ClockItem::State::kOverdue:
      return "Overdue";
    case rules::ClockItem::State::kDueSoon:
      return "Due soon";
    case rules::ClockItem::State::kDue:
      break;
  }
  return "Due";
}

std::string open_work(const app::ChildRecord& record, Date today) {
  std::vector<std::string> kinds;
  auto any_open = [&](const auto& items, auto start, auto end) {
    return std::any_of(items.begin(), items.end(),
                       [&](const auto& item) { return open_on(start(item), end(item), today); });
  };
  if (any_open(
          record.protection_plans, [](const auto& p) { return p.start_date; },
          [](const auto& p) { return p.end_date; })) {
    kinds.push_back("Child protection plan");
  }
  if (any_open(
          record.looked_after_episodes, [](const auto& e) { return e.start_date; },
          [](const auto& e) { return e.end_date; })) {
    kinds.push_back("Looked after");
  }
  if (kinds.empty() &&
      any_open(
          record.child_in_need_episodes, [](const auto& e) { return e.start_date; },
          [](const auto& e) { return e.end_date; })) {
    kinds.push_back("Child in need");
  }
  if (kinds.empty()) return "No open episode";
  std::string text = kinds[0];
  for (std::size_t i = 1; i < kinds.size(); ++i) text += ", " + kinds[i];
  return text;
}

Data caseload_line(const app::ChildRecord& record, const std::vector<rules::ClockItem>& clocks,
                   Date today) {
  Data line = object();
  line["id"] = std::to_string(record.child.id);
  line["name"] = full_name(record.child);
  line["date_of_birth"] = long_date(record.child.date_of_birth);
  line["open_work"] = open_work(record, today);
  if (auto next = rules::next_due(clocks)) line["next_due"] = clock_data(*next);
  return line;
}

Data child_page_data(const ChildPage& page, const domain::CodeLists& codes, Date today) {
  const app::ChildRecord& record = *page.record;
  const domain::Child& child = record.child;
  Data data = object();
  data["id"] = std::to_string(child.id);
  data["name"] = full_name(child);
  data["may_record"] = flag(page.may_record);
  data["may_allocate"] = flag(page.may_allocate);

  // Alerts: what a worker must not miss when they open the record.
  Data alerts = list();
  if (child.date_of_death) {
    alerts << Data(
        fmt::format("{} died on {}.", child.first_name, long_date(*child.date_of_death)));
  }
  for (const auto& item : page.clocks) {
    if (item.state != rules::ClockItem::State::kOverdue) continue;
    alerts << Data(fmt::format("Overdue since {}: {}", long_date(item.due), item.description));
  }
  for (const auto& plan : record.protection_plans) {
    if (!open_on(plan.start_date, plan.end_date, today)) continue;
    alerts << Data(fmt::format(
        "Subject to a child protection plan since {} ({}).", long_date(plan.start_date),
        described(codes, "CategoryOfAbuse",
                  plan.latest_category.empty() ? plan.initial_category : plan.latest_category)));
  }
  for (const auto& missing : record.missing_episodes) {
    if (!open_on(missing.start_date, missing.end_date, today)) continue;
    alerts << Data(fmt::format("{} since {}.",
                               missing.kind == "A" ? "Away without authorisation" : "Missing",
                               long_date(missing.start_date)));
  }
  if (child.unaccompanied_asylum_seeking) {
    alerts << Data(std::string("Unaccompanied asylum-seeking child."));
  }
  data["has_alerts"] = flag(!alerts.list_value().empty());
  data["alerts"] = std::move(alerts);

  // Summary.
  Data summary = list();
  summary << row("Name", full_name(child));
  summary << row("Date of birth", fmt::format("{} (age {})", long_date(child.date_of_birth),
                                              child.date_of_birth.age_on(today)));
  summary << row("Sex", described(codes, "SEX", child.sex));
  summary << row("Ethnicity", described(codes, "ETHNIC", child.ethnicity));
  summary << row("Local child ID", or_not_recorded(child.local_id));
  summary << row("Unique pupil number", or_not_recorded(child.upn));
  summary << row("NHS number", or_not_recorded(child.nhs_number));
  if (page.household) {
    summary << row("Address",
                   fmt::format("{}, {}", page.household->address, page.household->postcode));
  }
  std::vector<std::string> holders;
  bool has_worker = false;
  for (const auto& allocation : record.allocations) {
    if (!open_on(allocation.start_date, allocation.end_date, today)) continue;
    std::string team = name_or(page.team_names, allocation.team_id, "a team");
    if (allocation.worker_id) {
      has_worker = true;
      holders.push_back(fmt::format("{} ({}), since {}",
                                    name_or(page.worker_names, *allocation.worker_id, "A worker"),
                                    team, long_date(allocation.start_date)));
    } else {
      holders.push_back(
          fmt::format("Waiting in {}'s tray since {}", team, long_date(allocation.start_date)));
    }
  }
  std::string held = holders.empty() ? std::string("Not allocated") : holders[0];
  for (std::size_t i = 1; i < holders.size(); ++i) held += "; " + holders[i];
  summary << row("Allocated to", held);
  data["allocate_text"] = has_worker ? "Transfer the case" : "Allocate the case";
  summary << row("Open work", open_work(record, today));
  if (auto next = rules::next_due(page.clocks)) {
    summary << row("Next statutory task",
                   fmt::format("{}: due {} ({})", next->description, long_date(next->due),
                               state_title(next->state)));
  } else {
    summary << row("Next statutory task", "Nothing due");
  }
  data["summary"] = std::move(summary);

  // Plans and episodes, the most recent first.
  struct PlanRow {
    Date from;
    std::optional<Date> to;
    std::string what;
    std::string detail;
  };
  std::vector<PlanRow> plans;
  for (const auto& episode : record.child_in_need_episodes) {
    plans.push_back(
        {episode.start_date, episode.end_date, "Child in need episode",
         fmt::format(
             "Primary need: {}{}", described(codes, "PrimaryNeedCode", episode.primary_need),
             episode.end_date
                 ? "; closed: " + described(codes, "ReasonForClosure", episode.reason_for_closure)
                 : std::string())});
  }
  for (const auto& plan : record.protection_plans) {
    plans.push_back(
        {plan.start_date, plan.end_date, "Child protection plan",
         fmt::format("Category: {}", described(codes, "CategoryOfAbuse", plan.initial_category))});
  }
  for (const auto& order : record.legal_orders) {
    std::string what = order.type;
    std::replace(what.begin(), what.end(), '_', ' ');
    if (!what.empty())
      what[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(what[0])));
    plans.push_back({order.made_date, order.end_date, what, ""});
  }
  std::stable_sort(plans.begin(), plans.end(),
                   [](const PlanRow& a, const PlanRow& b) { return a.from > b.from; });
  Data plan_rows = list();
  for (const auto& plan : plans) {
    Data item = object();
    item["what"] = plan.what;
    item["from"] = long_date(plan.from);
    item["to"] = plan.to ? long_date(*plan.to) : std::string("Open");
    item["open"] = flag(open_on(plan.from, plan.to, today));
    item["detail"] = plan.detail;
    plan_rows << item;
  }
  data["has_plans"] = flag(!plans.empty());
  data["plans"] = std::move(plan_rows);

  // Placement history: the looked-after episodes, the most recent first.
  std::vector<const domain::LookedAfterEpisode*> episodes;
  for (const auto& episode : record.looked_after_episodes) episodes.push_back(&episode);
  std::stable_sort(episodes.begin(), episodes.end(),
                   [](const auto* a, const auto* b) { return a->start_date > b->start_date; });
  Data placements = list();
  for (const auto* episode : episodes) {
    Data item = object();
    item["from"] = long_date(episode->start_date);
    item["to"] = episode->end_date ? long_date(*episode->end_date) : std::string("Now");
    item["placement"] = described(codes, "PLACE", episode->placement_type);
    item["legal_status"] = described(codes, "LS", episode->legal_status);
    item["ended"] = episode->end_date ? described(codes, "REC", episode->reason_episode_ceased)
                                      : std::string("Current");
    placements << item;
  }
  data["has_placements"] = flag(!episodes.empty());
  data["placements"] = std::move(placements);

  // The latest visits and notes.
  std::vector<const domain::Visit*> visits;
  for (const auto& visit : record.visits) visits.push_back(&visit);
  std::stable_sort(visits.begin(), visits.end(), [](const auto* a, const auto* b) {
    return a->date != b->date ? a->date > b->date : a->id > b->id;
  });
  Data visit_rows = list();
  for (std::size_t i = 0; i < visits.size() && i < kRecentVisits; ++i) {
    Data item = object();
    item["date"] = long_date(visits[i]->date);
    item["seen"] = visits[i]->child_seen ? "Yes" : "No";
    item["seen_alone"] = visits[i]->seen_alone ? "Yes" : "No";
    item["note"] = shorten(visits[i]->note, 200);
    visit_rows << item;
  }
  data["has_visits"] = flag(!visits.empty());
  data["visits"] = std::move(visit_rows);
  data["visits_caption"] =
      visits.size() > kRecentVisits
          ? fmt::format("The latest {} of {} visits; the rest are in the chronology", kRecentVisits,
                        visits.size())
          : fmt::format("{} visit{}", visits.size(), visits.size() == 1 ? "" : "s");

  std::vector<const domain::CaseNote*> notes;
  for (const auto& note : record.case_notes) notes.push_back(&note);
  std::stable_sort(notes.begin(), notes.end(), [](const auto* a, const auto* b) {
    return a->date != b->date ? a->date > b->date : a->id > b->id;
  });
  Data note_rows = list();
  for (std::size_t i = 0; i < notes.size() && i < kRecentNotes; ++i) {
    Data item = object();
    item["subject"] = notes[i]->subject.empty() ? std::string("Case note") : notes[i]->subject;
    item["date"] = long_date(notes[i]->date);
    item["text"] = shorten(notes[i]->text, 600);
    note_rows << item;
  }
  data["has_notes"] = flag(!notes.empty());
  data["notes"] = std::move(note_rows);
  if (notes.size() > kRecentNotes) data["more_notes"] = std::to_string(notes.size() - kRecentNotes);

  // The chronology, a page at a time.
  WorkerName worker_name = [&](std::int64_t id) { return name_or(page.worker_names, id, ""); };
  std::vector<ChronologyEntry> events = chronology(record, codes, worker_name, today);
  Page shown = page_of(page.page, events.size(), kChronologyPageSize);
  Data chronology_rows = list();
  for (std::size_t i = shown.begin; i < shown.end; ++i) {
    Data item = object();
    item["date"] = long_date(events[i].date);
    item["event"] = events[i].event;
    item["detail"] = events[i].detail;
    chronology_rows << item;
  }
  data["chronology"] = std::move(chronology_rows);
  data["chronology_range"] = showing_text(shown, "events");
  data["pagination"] = pagination_data(shown, fmt::format("/children/{}", child.id), "#chronology",
                                       "Chronology pages");
  return data;
}

}  // namespace safeguard::pages
