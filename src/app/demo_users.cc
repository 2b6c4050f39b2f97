#include "app/demo_users.h"

#include <fmt/format.h>

#include <map>
#include <optional>

namespace safeguard::app {
namespace {

struct Workforce {
  std::vector<domain::Worker> workers;
  std::map<std::int64_t, std::int64_t> open_cases;  // worker id -> open allocations on today
};

bool in_post(const domain::Worker& worker, Date today) {
  return worker.start_date <= today && (!worker.leaving_date || today < *worker.leaving_date);
}

const domain::Worker* first_with_role(const Workforce& workforce, std::string_view role,
                                      std::optional<std::int64_t> team_id, Date today) {
  for (const auto& worker : workforce.workers) {
    if (worker.role != role || !in_post(worker, today)) continue;
    if (team_id && worker.team_id != team_id) continue;
    return &worker;
  }
  return nullptr;
}

}  // namespace

Result<std::vector<DemoUser>> add_demo_users(store::Store& store, Access& access, Date today) {
  Workforce workforce;
  Status read = store.read([&](store::Transaction& transaction) -> Status {
    SAFEGUARD_TRY(transaction.for_each<domain::Worker>([&](const domain::Worker& worker) {
      workforce.workers.push_back(worker);
      return Status::success();
    }));
    return transaction.for_each<domain::Allocation>([&](const domain::Allocation& allocation) {
      bool open =
          allocation.start_date <= today && (!allocation.end_date || today < *allocation.end_date);
      std::optional<std::int64_t> worker(allocation.worker_id);
      if (open && worker) workforce.open_cases[*worker] += 1;
      return Status::success();
    });
  });
  if (!read) return read.error();

  // The social worker with the most open cases (the lowest id among equals).
  const domain::Worker* social_worker = nullptr;
  std::int64_t most = 0;
  for (const auto& worker : workforce.workers) {
    if (worker.role != "social_worker" || !worker.team_id || !in_post(worker, today)) continue;
    std::int64_t cases = workforce.open_cases[worker.id];
    if (cases > most) {
      most = cases;
      social_worker = &worker;
    }
  }
  if (social_worker == nullptr) {
    return Error::invalid(
        "the demo authority has no social worker holding cases, so there is no one for the "
        "social-worker sign-in to be");
  }
  std::int64_t team_id = *social_worker->team_id;
  const domain::Worker* manager = first_with_role(workforce, "team_manager", team_id, today);
  const domain::Worker* head = first_with_role(workforce, "head_of_service", std::nullopt, today);
  const domain::Worker* iro =
      first_with_role(workforce, "independent_reviewing_officer", std::nullopt, today);

  auto id_of = [](const domain::Worker* worker) {
    return worker ? std::optional<std::int64_t>(worker->id) : std::nullopt;
  };
  struct Planned {
    NewAccount account;
    std::string description;
  };
  std::vector<Planned> planned = {
      {{"social-worker", "", "social_worker", social_worker->id, team_id, ""},
       fmt::format("{}, a social worker holding {} cases", social_worker->name, most)},
      {{"team-manager", "", "team_manager", id_of(manager), team_id, ""},
       manager ? fmt::format("{}, manager of the social worker's team", manager->name)
               : std::string("manager of the social worker's team")},
      {{"head-of-service", "", "head_of_service", id_of(head), std::nullopt, ""},
       "head of service: every team"},
      {{"iro", "", "iro", id_of(iro), std::nullopt, ""}, "independent reviewing officer"},
      {{"partner-police", "", "partner_agency", std::nullopt, std::nullopt, "police"},
       "partner agency (police): its own concerns and their outcomes"},
      {{"analyst", "", "analyst", std::nullopt, std::nullopt, ""}, "analyst: aggregates only"},
      {{"admin", "", "admin", std::nullopt, std::nullopt, ""},
       "administrator: accounts, no case content"},
  };
  std::vector<DemoUser> users;
  for (auto& plan : planned) {
    plan.account.password = "demo-" + plan.account.username;
    plan.account.minimum_password_length = 8;  // "demo-iro"
    auto added = access.add_user(Actor::system("demo"), plan.account);
    if (!added) return added.error();
    users.push_back(
        {plan.account.username, plan.account.password, plan.account.role, plan.description});
  }
  return users;
}

}  // namespace safeguard::app
