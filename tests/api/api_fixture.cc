#include "api_fixture.h"

#include "app/access.h"
#include "domain/children_in_need.h"
#include "domain/front_door.h"
#include "domain/safeguards.h"
#include "store/mapping.h"

namespace safeguard::testing {
namespace {

Date day(int year, int month, int date) { return *Date::from_ymd(year, month, date); }

}  // namespace

ApiFixture::ApiFixture(api::ServiceOptions options, http::ServerOptions server_options)
    : clock_(Timestamp::at_start_of(day(2026, 3, 31)).plus_seconds(10 * 3600)) {
  auto opened = store::Store::open(dir_.file("api.db"), store::Store::Mode::kCreateOrMigrate);
  if (!opened) throw std::runtime_error(opened.error().message);
  store_ = std::move(*opened);
  auto codes = domain::CodeLists::load_standard();
  if (!codes) throw std::runtime_error(codes.error().message);
  codes_ = std::move(*codes);
  build_authority();
  services_ = std::make_unique<api::Services>(*store_, codes_, clock_, std::move(options));
  Status added = api::add_api_routes(router_, *services_);
  if (!added) throw std::runtime_error(added.error().message);
  server_options.worker_threads = std::max<std::size_t>(server_options.worker_threads, 16);
  server_ = std::make_unique<http::Server>(server_options, router_.as_handler());
  Status started = server_->start();
  if (!started) throw std::runtime_error(started.error().message);
}

ApiFixture::~ApiFixture() { server_->stop(); }

void ApiFixture::build_authority() {
  Status built = store_->write([&](store::Transaction& tx) -> Status {
    domain::Team one{0, "Assessment team 1", "assessment", true};
    domain::Team two{0, "Children in care team 2", "children_in_care", true};
    SAFEGUARD_TRY(tx.insert(one));
    SAFEGUARD_TRY(tx.insert(two));
    ids_.team_one = one.id;
    ids_.team_two = two.id;
    auto worker = [&](std::string staff, std::string name, std::string role,
                      std::int64_t team) -> Result<std::int64_t> {
      domain::Worker w;
      w.staff_id = std::move(staff);
      w.name = std::move(name);
      w.role = std::move(role);
      w.team_id = team;
      w.start_date = day(2020, 1, 6);
      return tx.insert(w);
    };
    auto a = worker("SW001", "Asha Patel", "social_worker", one.id);
    auto b = worker("SW002", "Ben Okafor", "social_worker", two.id);
    auto m = worker("TM001", "Clare Hughes", "team_manager", one.id);
    if (!a || !b || !m) return Error::internal("workers");
    ids_.worker_a = *a;
    ids_.worker_b = *b;
    ids_.manager_one = *m;
    auto child = [&](std::string local_id, std::string first, std::string last,
                     Date born) -> Result<std::int64_t> {
      domain::Child c;
      c.local_id = std::move(local_id);
      c.first_name = std::move(first);
      c.last_name = std::move(last);
      c.date_of_birth = born;
      c.sex = "F";
      c.ethnicity = "WBRI";
      return tx.insert(c);
    };
    auto allocate = [&](std::int64_t child_id, std::optional<std::int64_t> worker_id,
                        std::int64_t team) -> Status {
      domain::Allocation allocation;
      allocation.child_id = child_id;
      if (worker_id) allocation.worker_id = *worker_id;
      allocation.team_id = team;
      allocation.start_date = day(2025, 9, 1);
      allocation.reason = "new case";
      auto id = tx.insert(allocation);
      if (!id) return id.error();
      return Status::success();
    };
    auto own = child("C001", "Maya", "Stone", day(2015, 5, 14));
    auto second = child("C002", "Leo", "Stone", day(2017, 8, 2));
    auto third = child("C003", "Ivy", "Marsh", day(2011, 1, 20));
    auto other = child("C004", "Noah", "Reed", day(2012, 11, 3));
    auto tray = child("C005", "Ruby", "Fields", day(2019, 4, 9));
    if (!own || !second || !third || !other || !tray) return Error::internal("children");
    ids_.own_child = *own;
    ids_.second_child = *second;
    ids_.third_child = *third;
    ids_.other_child = *other;
    ids_.tray_child = *tray;
    SAFEGUARD_TRY(allocate(*own, *a, one.id));
    SAFEGUARD_TRY(allocate(*second, *a, one.id));
    SAFEGUARD_TRY(allocate(*third, *a, one.id));
    SAFEGUARD_TRY(allocate(*other, *b, two.id));
    SAFEGUARD_TRY(allocate(*tray, std::nullopt, one.id));
    // Each child has an open case (a child-in-need episode from a referral), which is what a
    // closure closes.
    for (std::int64_t child_id : {*own, *second, *third, *other, *tray}) {
      domain::Referral referral;
      referral.child_id = child_id;
      referral.date = day(2025, 9, 1);
      referral.source = "2A";
      auto referral_id = tx.insert(referral);
      if (!referral_id) return referral_id.error();
      domain::ChildInNeedEpisode episode;
      episode.child_id = child_id;
      episode.referral_id = *referral_id;
      episode.start_date = day(2025, 9, 1);
      episode.primary_need = "N1";
      auto episode_id = tx.insert(episode);
      if (!episode_id) return episode_id.error();
      if (child_id == *second) {
        // A worker's request to close Leo's case awaits a manager, but no visit backs it now.
        domain::ClosureRequest request;
        request.child_id = child_id;
        request.episode_id = *episode_id;
        request.closure_date = day(2026, 2, 2);
        request.reason_for_closure = "RC7";
        request.note = "Family moved away.";
        request.requested_by = "social-worker";
        request.requested_on = day(2026, 2, 2);
        request.status = "awaiting_approval";
        auto request_id = tx.insert(request);
        if (!request_id) return request_id.error();
        ids_.closure_request = *request_id;
      }
    }
    domain::Visit visit;
    visit.child_id = *own;
    visit.worker_id = *a;
    visit.date = day(2026, 3, 2);
    visit.child_seen = true;
    visit.seen_alone = true;
    visit.note = "Saw Maya at home.";
    SAFEGUARD_TRY(tx.insert(visit));
    return Status::success();
  });
  if (!built) throw std::runtime_error(built.error().message);
  app::Access access(*store_, clock_);
  for (const auto& [username, role] : accounts()) {
    app::NewAccount account{username, password_for(username), role, std::nullopt, std::nullopt, ""};
    if (username == "social-worker") {
      account.worker_id = ids_.worker_a;
      account.team_id = ids_.team_one;
    } else if (username == "other-worker") {
      account.worker_id = ids_.worker_b;
      account.team_id = ids_.team_two;
    } else if (username == "team-manager") {
      account.worker_id = ids_.manager_one;
      account.team_id = ids_.team_one;
    } else if (username == "partner-police") {
      account.agency = "police";
    }
    auto id = access.add_user(app::Actor::system("test"), account);
    if (!id) throw std::runtime_error(id.error().message);
  }
}

Person ApiFixture::sign_in(const std::string& username) {
  TestClient client(port());
  nlohmann::json body = {{"username", username}, {"password", password_for(username)}};
  auto response =
      client.request("POST", "/api/v1/session", body.dump(), "Content-Type: application/json\r\n");
  if (!response || response->status != 200) {
    ADD_FAILURE() << "sign in as " << username
                  << " failed: " << (response ? response->body : std::string("no response"));
    return {};
  }
  std::string cookie = response->header("set-cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  auto json = nlohmann::json::parse(response->body);
  return {username, cookie, json.at("csrf_token").get<std::string>()};
}

std::optional<ClientResponse> ApiFixture::call(const Person& person, std::string_view method,
                                               std::string_view target, std::string_view json_body,
                                               bool send_csrf, std::string_view extra_headers) {
  TestClient client(port());
  std::string headers(extra_headers);
  if (!person.cookie.empty()) headers += "Cookie: " + person.cookie + "\r\n";
  bool unsafe = method != "GET" && method != "HEAD";
  if (unsafe && send_csrf && !person.csrf_token.empty()) {
    headers += "X-CSRF-Token: " + person.csrf_token + "\r\n";
  }
  if (!json_body.empty()) headers += "Content-Type: application/json\r\n";
  return client.request(method, target, json_body, headers);
}

std::int64_t ApiFixture::last_seq() {
  std::int64_t seq = 0;
  Status read = store_->read([&](store::Transaction& tx) -> Status {
    auto last = tx.last_audit_record();
    if (!last) return last.error();
    if (*last) seq = (*last)->seq;
    return Status::success();
  });
  EXPECT_TRUE(read);
  return seq;
}

std::vector<store::AuditRecord> ApiFixture::events_after(std::int64_t after) {
  std::vector<store::AuditRecord> events;
  Status read = store_->read([&](store::Transaction& tx) -> Status {
    return tx.for_each_audit_record(after + 1, [&](const store::AuditRecord& record) {
      events.push_back(record);
      return true;
    });
  });
  EXPECT_TRUE(read);
  return events;
}

}  // namespace safeguard::testing
