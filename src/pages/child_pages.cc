// My caseload, a child's record, and recording a visit or a case note on it.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

#include "auth/policy.h"
#include "casework/facts.h"
#include "domain/child.h"
#include "domain/practice.h"
#include "domain/workforce.h"
#include "pages/child_view.h"
#include "pages/forms.h"
#include "pages/pagination.h"
#include "pages/site.h"
#include "rules/statutory_clocks.h"

namespace safeguard::pages {
namespace {

std::vector<rules::ClockItem> clocks_of(Site& site, const app::ChildRecord& record) {
  return rules::statutory_clocks(casework::facts_from_record(record), site.today(),
                                 site.services().timescales, site.services().calendar);
}

// The child as the forms need them, after the caller's right to record on them is checked (a
// refusal is audited by CaseAccess::authorise).
Result<domain::Child> child_to_record_on(Site& site, const api::Caller& caller,
                                         std::int64_t child_id) {
  SAFEGUARD_TRY(
      site.services().cases.authorise(caller.principal, auth::Action::kRecordOnChild, child_id));
  std::optional<domain::Child> child;
  Status status = site.services().store.read([&](store::Transaction& transaction) -> Status {
    auto found = transaction.find<domain::Child>(child_id);
    if (!found) return found.error();
    child = std::move(*found);
    return Status::success();
  });
  if (!status) return status.error();
  if (!child) return Error::not_found(fmt::format("there is no child with id {}", child_id));
  return *child;
}

// -- my caseload
// -----------------------------------------------------------------------------------

http::Response caseload_page(Site& site, http::Request& request, const api::Caller& caller) {
  auto records = site.services().cases.caseload(caller.principal);
  if (!records) return site.error_page(caller, records.error());
  Date today = site.today();

  struct Line {
    const app::ChildRecord* record;
    std::vector<rules::ClockItem> clocks;
    std::optional<rules::ClockItem> next;
  };
  std::vector<Line> lines;
  std::size_t overdue_children = 0;
  for (const auto& record : *records) {
    Line line{&record, clocks_of(site, record), std::nullopt};
    line.next = rules::next_due(line.clocks);
    if (std::any_of(line.clocks.begin(), line.clocks.end(), [](const auto& item) {
          return item.state == rules::ClockItem::State::kOverdue;
        })) {
      ++overdue_children;
    }
    lines.push_back(std::move(line));
  }
  // The one due first at the top; children with nothing due last, by name.
  std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
    if (a.next.has_value() != b.next.has_value()) return a.next.has_value();
    if (a.next && a.next->due != b.next->due) return a.next->due < b.next->due;
    return full_name(a.record->child) < full_name(b.record->child);
  });

  Page shown = page_of(request.query_param("page"), lines.size(), kCaseloadPageSize);
  Data children = list();
  for (std::size_t i = shown.begin; i < shown.end; ++i) {
    children << caseload_line(*lines[i].record, lines[i].clocks, today);
  }
  Data data = object();
  data["heading"] = std::string("My caseload");
  data["summary"] = lines.empty() ? std::string("No children are allocated to you.")
                                  : fmt::format("{} {} allocated to you. {}", lines.size(),
                                                lines.size() == 1 ? "child is" : "children are",
                                                showing_text(shown, "children"));
  if (overdue_children > 0) {
    data["overdue_count"] = std::to_string(overdue_children);
    data["overdue_text"] = fmt::format("{} {} an overdue statutory task.", overdue_children,
                                       overdue_children == 1 ? "child has" : "children have");
  }
  data["has_children"] = flag(!lines.empty());
  data["children"] = std::move(children);
  data["empty_text"] = std::string("When a case is allocated to you it will appear here.");
  data["pagination"] = pagination_data(shown, "/caseload", "", "Caseload pages");
  Frame frame = site.frame_for(caller, "My caseload", "/caseload");
  frame.notice = notice_for(request.query_param("done"));
  return site.page(200, "caseload", std::move(data), frame);
}

// -- the child's record
// ----------------------------------------------------------------------------

http::Response child_page(Site& site, http::Request& request, const api::Caller& caller) {
  auto id = parse_id(request.path_param("id"));
  if (!id) return site.error_page(caller, Error::not_found("no such child"));
  auto record = site.services().cases.open_child(caller.principal, *id);
  if (!record) return site.error_page(caller, record.error());
  Date today = site.today();

  ChildPage page;
  page.record = &*record;
  page.clocks = clocks_of(site, *record);
  page.page = std::string(request.query_param("page"));
  (void)site.services().store.read([&](store::Transaction& transaction) -> Status {
    if (record->child.household_id) {
      auto household = transaction.find<domain::Household>(*record->child.household_id);
      if (household && *household) page.household = **household;
    }
    for (const auto& allocation : record->allocations) {
      if (allocation.worker_id && !page.worker_names.count(*allocation.worker_id)) {
        auto worker = transaction.find<domain::Worker>(*allocation.worker_id);
        if (worker && *worker) page.worker_names[*allocation.worker_id] = (*worker)->name;
      }
      if (!page.team_names.count(allocation.team_id)) {
        auto team = transaction.find<domain::Team>(allocation.team_id);
        if (team && *team) page.team_names[allocation.team_id] = (*team)->name;
      }
    }
    return Status::success();
  });
  if (auto holders = site.services().cases.holders(*id)) {
    page.may_record =
        auth::decide(caller.principal, auth::Action::kRecordOnChild, *holders).allowed;
    bool manager = caller.principal.role == auth::Role::kTeamManager ||
                   caller.principal.role == auth::Role::kHeadOfService;
    page.may_allocate =
        manager && auth::decide(caller.principal, auth::Action::kAllocateCase, *holders).allowed;
  }
  Data data = child_page_data(page, site.services().codes, today);
  Frame frame = site.frame_for(caller, full_name(record->child));
  frame.breadcrumbs.push_back(Link{Site::home_for(caller.principal), "My cases", false});
  frame.notice = notice_for(request.query_param("done"));
  return site.page(200, "child", std::move(data), frame);
}

// -- visits and case notes
// -------------------------------------------------------------------------

std::string draft_key(std::string_view what, std::int64_t child_id) {
  return fmt::format("{}-{}", what, child_id);
}

Data form_data(const domain::Child& child, std::string_view what, bool restore_draft) {
  Data data = object();
  data["child_id"] = std::to_string(child.id);
  data["child_name"] = full_name(child);
  data["child_first_name"] = child.first_name.empty() ? full_name(child) : child.first_name;
  data["draft_key"] = draft_key(what, child.id);
  data["restore_draft"] = std::string(restore_draft ? "true" : "false");
  data["date_legend"] = std::string(what == "visit" ? "Date of the visit" : "Date of the note");
  data["date_example"] = std::string("27 3 2025");
  return data;
}

Frame form_frame(Site& site, const api::Caller& caller, const domain::Child& child,
                 std::string title, bool has_errors) {
  Frame frame = site.frame_for(caller, std::move(title));
  frame.has_errors = has_errors;
  frame.breadcrumbs.push_back(Link{Site::home_for(caller.principal), "My cases", false});
  frame.breadcrumbs.push_back(Link{fmt::format("/children/{}", child.id), full_name(child), false});
  return frame;
}

http::Response visit_form(Site& site, const api::Caller& caller, const domain::Child& child,
                          const Fields& fields, const FormErrors& errors, int status) {
  Data data = form_data(child, "visit", errors.empty());
  errors.add_to(data);
  Data values = object();
  add_date_values(fields, "date", values);
  values["note"] = field(fields, "note");
  data["value"] = std::move(values);
  Data checked = object();
  std::string seen = field(fields, "seen");
  std::string alone = field(fields, "seen_alone");
  checked["seen_yes"] = flag(seen == "yes");
  checked["seen_no"] = flag(seen == "no");
  checked["seen_alone_yes"] = flag(alone == "yes");
  checked["seen_alone_no"] = flag(alone == "no");
  data["checked"] = std::move(checked);
  return site.page(status, "visit_form", std::move(data),
                   form_frame(site, caller, child, "Record a visit", !errors.empty()));
}

http::Response note_form(Site& site, const api::Caller& caller, const domain::Child& child,
                         const Fields& fields, const FormErrors& errors, int status) {
  Data data = form_data(child, "note", errors.empty());
  errors.add_to(data);
  Data values = object();
  add_date_values(fields, "date", values);
  values["subject"] = field(fields, "subject");
  values["text"] = field(fields, "text");
  data["value"] = std::move(values);
  return site.page(status, "note_form", std::move(data),
                   form_frame(site, caller, child, "Add a case note", !errors.empty()));
}

// A domain refusal of a record that passed the form's checks (a code, a date order ...): shown in
// the error summary against the date, the field most such rules are about.
void add_domain_error(FormErrors& errors, const Error& error) {
  std::string message = error.message;
  if (!message.empty()) {
    message[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(message[0])));
  }
  errors.add("date", "date-day", message);
}

// Saves a visit or a case note written on a form. A record the domain refuses goes back to the form
// with the reason in the error summary (422); a saved one clears its draft and opens the
// chronology.
template <typename Record, typename ShowForm>
http::Response save_from_form(Site& site, const api::Caller& caller, const Record& record,
                              std::string_view what, std::int64_t child_id, FormErrors& errors,
                              ShowForm show_form) {
  auto added = site.services().case_record.add(caller.actor(), record);
  if (!added) {
    if (added.error().kind != ErrorKind::kInvalid) return site.error_page(caller, added.error());
    add_domain_error(errors, added.error());
    return show_form();
  }
  site.drafts().erase(caller.principal.user_id, draft_key(what, child_id));
  return http::Response::redirect(fmt::format("/children/{}?done={}#chronology", child_id, what));
}

}  // namespace

Status add_child_routes(http::Router& router, Site& site) {
  SAFEGUARD_TRY(
      router.add("GET", "/caseload",
                 site.signed_in([&site](http::Request& request, const api::Caller& caller) {
                   return caseload_page(site, request, caller);
                 })));
  SAFEGUARD_TRY(
      router.add("GET", "/children/{id}",
                 site.signed_in([&site](http::Request& request, const api::Caller& caller) {
                   return child_page(site, request, caller);
                 })));

  SAFEGUARD_TRY(
      router.add("GET", "/children/{id}/visits/new",
                 site.signed_in([&site](http::Request& request, const api::Caller& caller) {
                   auto id = parse_id(request.path_param("id"));
                   if (!id) return site.error_page(caller, Error::not_found("no such child"));
                   auto child = child_to_record_on(site, caller, *id);
                   if (!child) return site.error_page(caller, child.error());
                   return visit_form(site, caller, *child, {}, FormErrors{}, 200);
                 })));
  SAFEGUARD_TRY(router.add(
      "POST", "/children/{id}/visits",
      site.signed_in([&site](http::Request& request, const api::Caller& caller) {
        auto id = parse_id(request.path_param("id"));
        if (!id) return site.error_page(caller, Error::not_found("no such child"));
        auto child = child_to_record_on(site, caller, *id);
        if (!child) return site.error_page(caller, child.error());
        Fields fields = api::form_fields(request);
        FormErrors errors;
        auto form =
            read_visit_form(fields, site.today(), child->date_of_birth,
                            child->first_name.empty() ? "the child" : child->first_name, errors);
        if (!form) return visit_form(site, caller, *child, fields, errors, 422);
        domain::Visit visit;
        visit.child_id = child->id;
        visit.worker_id = caller.principal.worker_id;
        visit.date = form->date;
        visit.child_seen = form->child_seen;
        visit.seen_alone = form->seen_alone;
        visit.note = form->note;
        return save_from_form(site, caller, visit, "visit", child->id, errors, [&] {
          return visit_form(site, caller, *child, fields, errors, 422);
        });
      })));

  SAFEGUARD_TRY(
      router.add("GET", "/children/{id}/notes/new",
                 site.signed_in([&site](http::Request& request, const api::Caller& caller) {
                   auto id = parse_id(request.path_param("id"));
                   if (!id) return site.error_page(caller, Error::not_found("no such child"));
                   auto child = child_to_record_on(site, caller, *id);
                   if (!child) return site.error_page(caller, child.error());
                   return note_form(site, caller, *child, {}, FormErrors{}, 200);
                 })));
  SAFEGUARD_TRY(router.add(
      "POST", "/children/{id}/notes",
      site.signed_in([&site](http::Request& request, const api::Caller& caller) {
        auto id = parse_id(request.path_param("id"));
        if (!id) return site.error_page(caller, Error::not_found("no such child"));
        auto child = child_to_record_on(site, caller, *id);
        if (!child) return site.error_page(caller, child.error());
        Fields fields = api::form_fields(request);
        FormErrors errors;
        auto form = read_note_form(fields, site.today(), child->date_of_birth, errors);
        if (!form) return note_form(site, caller, *child, fields, errors, 422);
        domain::CaseNote note;
        note.child_id = child->id;
        note.author_worker_id = caller.principal.worker_id;
        note.date = form->date;
        note.subject = form->subject;
        note.text = form->text;
        return save_from_form(site, caller, note, "note", child->id, errors,
                              [&] { return note_form(site, caller, *child, fields, errors, 422); });
      })));
  return Status::success();
}

}  // namespace safeguard::pages
