// Proves that every record type in src/store/mapping.h (the case record, the workforce, user
// accounts and sessions) survives the store field for field: insert, find, list_where, for_each,
// count and update, with optional fields both set and null, booleans both ways, doubles, dates and
// awkward text. Each record's fields are listed here by hand (and checked against the struct's
// member count at compile time), independently of the mapping, so a field the mapping forgets
// fails here.
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <ostream>
#include <tuple>
#include <utility>

#include "store/store.h"
#include "support/temp_dir.h"

namespace safeguard {

// Prints dates readably in failure messages (found by GoogleTest through ADL).
void PrintTo(const Date& date, std::ostream* out) { *out << date.iso(); }

namespace store {
namespace {

using namespace domain;  // NOLINT: the record types read better unqualified here.

// --- every member of every record, listed by hand ------------------------------------------------

// The number of members of an aggregate, found by trying to brace-initialise it with ever more
// values, so that a member added to a record without being added below fails to compile.
struct AnyMember {
  template <typename T>
  operator T() const;  // NOLINT(google-explicit-constructor): only used unevaluated
};
template <typename T, typename... Members>
constexpr std::size_t member_count() {
  if constexpr (requires { T{Members{}..., AnyMember{}}; }) {
    return member_count<T, Members..., AnyMember>();
  } else {
    return sizeof...(Members);
  }
}

auto fields(const Household& r) { return std::tie(r.id, r.address, r.postcode); }
auto fields(const Child& r) {
  return std::tie(r.id, r.local_id, r.upn, r.nhs_number, r.first_name, r.last_name, r.date_of_birth,
                  r.sex, r.ethnicity, r.household_id, r.unaccompanied_asylum_seeking,
                  r.date_of_death);
}
auto fields(const Contact& r) {
  return std::tie(r.id, r.child_id, r.date, r.source, r.outcome, r.decision_date, r.summary);
}
auto fields(const Referral& r) {
  return std::tie(r.id, r.child_id, r.contact_id, r.date, r.source, r.no_further_action);
}
auto fields(const ChildInNeedEpisode& r) {
  return std::tie(r.id, r.child_id, r.referral_id, r.start_date, r.primary_need, r.end_date,
                  r.reason_for_closure);
}
auto fields(const Assessment& r) {
  return std::tie(r.id, r.child_id, r.episode_id, r.start_date, r.authorised_date, r.factors);
}
auto fields(const Section47Enquiry& r) {
  return std::tie(r.id, r.child_id, r.episode_id, r.strategy_discussion_date, r.start_date,
                  r.conference_not_required);
}
auto fields(const InitialChildProtectionConference& r) {
  return std::tie(r.id, r.child_id, r.episode_id, r.enquiry_id, r.date, r.plan_made);
}
auto fields(const ChildProtectionPlan& r) {
  return std::tie(r.id, r.child_id, r.episode_id, r.start_date, r.initial_category,
                  r.latest_category, r.end_date);
}
auto fields(const ChildProtectionReview& r) { return std::tie(r.id, r.plan_id, r.date); }
auto fields(const LookedAfterEpisode& r) {
  return std::tie(r.id, r.child_id, r.start_date, r.reason_for_new_episode, r.legal_status,
                  r.category_of_need, r.placement_type, r.placement_provider, r.end_date,
                  r.reason_episode_ceased, r.reason_place_change, r.home_postcode,
                  r.placement_postcode, r.urn);
}
auto fields(const LookedAfterReview& r) {
  return std::tie(r.id, r.child_id, r.date, r.participation);
}
auto fields(const MissingEpisode& r) {
  return std::tie(r.id, r.child_id, r.kind, r.start_date, r.end_date, r.return_interview_offered);
}
auto fields(const LegalOrder& r) {
  return std::tie(r.id, r.child_id, r.type, r.made_date, r.end_date);
}
auto fields(const CareLeaverContact& r) {
  return std::tie(r.id, r.child_id, r.date, r.in_touch, r.activity, r.accommodation);
}
auto fields(const Team& r) { return std::tie(r.id, r.name, r.service, r.active); }
auto fields(const Worker& r) {
  return std::tie(r.id, r.staff_id, r.name, r.role, r.agency, r.fte, r.team_id, r.start_date,
                  r.leaving_date);
}
auto fields(const Allocation& r) {
  return std::tie(r.id, r.child_id, r.worker_id, r.team_id, r.start_date, r.end_date, r.reason);
}
auto fields(const SupervisionSession& r) {
  return std::tie(r.id, r.worker_id, r.supervisor_id, r.date, r.one_to_one);
}
auto fields(const Visit& r) {
  return std::tie(r.id, r.child_id, r.worker_id, r.date, r.child_seen, r.seen_alone, r.note);
}
auto fields(const CaseNote& r) {
  return std::tie(r.id, r.child_id, r.author_worker_id, r.date, r.subject, r.text);
}

auto fields(const UserAccount& r) {
  return std::tie(r.id, r.username, r.password_hash, r.role, r.worker_id, r.team_id, r.agency,
                  r.active, r.failed_attempts, r.locked_until, r.created_at);
}
auto fields(const Session& r) {
  return std::tie(r.id, r.token_hash, r.user_id, r.csrf_token, r.created_at, r.last_seen_at,
                  r.expires_at, r.ended);
}

template <typename Record>
constexpr bool lists_every_member =
    member_count<Record>() == std::tuple_size_v<decltype(fields(std::declval<const Record&>()))>;

static_assert(lists_every_member<Household>);
static_assert(lists_every_member<Child>);
static_assert(lists_every_member<Contact>);
static_assert(lists_every_member<Referral>);
static_assert(lists_every_member<ChildInNeedEpisode>);
static_assert(lists_every_member<Assessment>);
static_assert(lists_every_member<Section47Enquiry>);
static_assert(lists_every_member<InitialChildProtectionConference>);
static_assert(lists_every_member<ChildProtectionPlan>);
static_assert(lists_every_member<ChildProtectionReview>);
static_assert(lists_every_member<LookedAfterEpisode>);
static_assert(lists_every_member<LookedAfterReview>);
static_assert(lists_every_member<MissingEpisode>);
static_assert(lists_every_member<LegalOrder>);
static_assert(lists_every_member<CareLeaverContact>);
static_assert(lists_every_member<Team>);
static_assert(lists_every_member<Worker>);
static_assert(lists_every_member<Allocation>);
static_assert(lists_every_member<SupervisionSession>);
static_assert(lists_every_member<Visit>);
static_assert(lists_every_member<CaseNote>);
static_assert(lists_every_member<UserAccount>);
static_assert(lists_every_member<Session>);

// Every member but the id differs between the two records, so a member the store loses cannot
// come back looking right by chance (at least one of the two holds a value that is not the
// default).
template <typename Record>
void expect_every_field_differs(const Record& a, const Record& b) {
  auto left = fields(a);
  auto right = fields(b);
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    ((I == 0 || std::get<I>(left) != std::get<I>(right)
          ? void()
          : ADD_FAILURE() << Mapping<Record>::table << " member " << I
                          << " is the same in the full and the sparse record"),
     ...);
  }
  (std::make_index_sequence<std::tuple_size_v<decltype(left)>>());
}

template <typename Record>
void expect_same(const Record& actual, const Record& expected) {
  EXPECT_EQ(fields(actual), fields(expected)) << Mapping<Record>::table;
}

Date day(int year, int month, int d) { return *Date::from_ymd(year, month, d); }

// --- the parent records each kind of record hangs from ------------------------------------------

struct Parents {
  std::int64_t household = 0, child = 0, contact = 0, referral = 0, episode = 0, enquiry = 0,
               plan = 0, team = 0, worker = 0, supervisor = 0, user = 0;
};

class RoundTripTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Store::open(dir_.file("round_trip.db"), Store::Mode::kCreateOrMigrate);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(*opened);
    for (int family = 0; family < 2; ++family) {
      ASSERT_TRUE(store_->write(
          [&](Transaction& tx) -> Status { return add_parents(tx, family, parents_[family]); }));
    }
  }

  static Status add_parents(Transaction& tx, int family, Parents& p) {
    std::string tag = std::to_string(family);
    Household household{0, "Flat " + tag, "AB1 " + tag + "CD"};
    Child child{0,   "P" + tag, "", "",    "Parent", "Child" + tag, day(2010, 1, 1),
                "F", "WBRI",    {}, false, {}};
    Contact contact{0, 0, day(2024, 1, 1), "6", "", {}, ""};
    Team team{0, "Team " + tag, "assessment", true};
    Worker worker{0, "W" + tag, "Worker", "social_worker", false, 1.0, {}, day(2020, 1, 1), {}};
    Worker supervisor{0, "S" + tag, "Manager", "team_manager", false, 1.0, {}, day(2019, 1, 1), {}};
    auto add = [&](auto& record, std::int64_t& into) -> Status {
      auto id = tx.insert(record);
      if (!id) return id.error();
      into = *id;
      return Status::success();
    };
    SAFEGUARD_TRY(add(household, p.household));
    SAFEGUARD_TRY(add(child, p.child));
    contact.child_id = p.child;
    SAFEGUARD_TRY(add(contact, p.contact));
    Referral referral{0, p.child, p.contact, day(2024, 1, 2), "6", false};
    SAFEGUARD_TRY(add(referral, p.referral));
    ChildInNeedEpisode episode{0, p.child, p.referral, day(2024, 1, 2), "N1", {}, ""};
    SAFEGUARD_TRY(add(episode, p.episode));
    Section47Enquiry enquiry{0, p.child, p.episode, day(2024, 1, 3), day(2024, 1, 3), false};
    SAFEGUARD_TRY(add(enquiry, p.enquiry));
    ChildProtectionPlan plan{0, p.child, p.episode, day(2024, 2, 1), "NEG", "", {}};
    SAFEGUARD_TRY(add(plan, p.plan));
    SAFEGUARD_TRY(add(team, p.team));
    worker.team_id = p.team;
    SAFEGUARD_TRY(add(worker, p.worker));
    SAFEGUARD_TRY(add(supervisor, p.supervisor));
    UserAccount user{0,
                     "user-" + tag,
                     "$argon2id$parent",
                     "social_worker",
                     {},
                     {},
                     "",
                     true,
                     0,
                     "",
                     "2025-01-01T00:00:00.000000Z"};
    SAFEGUARD_TRY(add(user, p.user));
    return Status::success();
  }

  // Drives one record type through every operation. `full(n)` has every optional set and every
  // flag true, `sparse(n)` the opposite; n makes unique columns unique. `column` is a column whose
  // value `full_value` picks out exactly the full records.
  template <typename Record>
  void round_trip(const std::function<Record(int)>& full, const std::function<Record(int)>& sparse,
                  std::string_view column, Value full_value) {
    SCOPED_TRACE(std::string(Mapping<Record>::table));
    Record a = full(1);
    Record b = sparse(2);
    expect_every_field_differs(a, b);

    std::int64_t before = 0;
    ASSERT_TRUE(store_->read([&](Transaction& tx) -> Status {
      auto count = tx.count<Record>();
      if (!count) return count.error();
      before = *count;
      return Status::success();
    }));

    // insert sets the ids
    Status inserted = store_->write([&](Transaction& tx) -> Status {
      auto id = tx.insert(a);
      if (!id) return id.error();
      EXPECT_EQ(*id, a.id);
      SAFEGUARD_TRY(tx.insert(b));
      return Status::success();
    });
    ASSERT_TRUE(inserted.ok()) << inserted.error().message;
    ASSERT_GT(a.id, 0);
    ASSERT_GT(b.id, a.id);

    // find, count, list_where, for_each all give back exactly what went in
    ASSERT_TRUE(store_->read([&](Transaction& tx) -> Status {
      auto found_a = tx.find<Record>(a.id);
      auto found_b = tx.find<Record>(b.id);
      EXPECT_TRUE(found_a.ok() && found_a->has_value());
      EXPECT_TRUE(found_b.ok() && found_b->has_value());
      if (found_a.ok() && found_a->has_value()) expect_same(**found_a, a);
      if (found_b.ok() && found_b->has_value()) expect_same(**found_b, b);
      auto absent = tx.find<Record>(b.id + 1000);
      EXPECT_TRUE(absent.ok() && !absent->has_value());

      EXPECT_EQ(*tx.count<Record>(), before + 2);

      auto listed = tx.list_where<Record>(column, full_value);
      EXPECT_TRUE(listed.ok()) << (listed.ok() ? "" : listed.error().message);
      if (listed.ok()) {
        // The parents may hold records of this kind too; the full record is there, the sparse not.
        int full_seen = 0;
        for (const Record& record : *listed) {
          EXPECT_NE(record.id, b.id) << "list_where " << column << " gave the sparse record";
          if (record.id == a.id) {
            ++full_seen;
            expect_same(record, a);
          }
        }
        EXPECT_EQ(full_seen, 1) << "list_where " << column;
      }

      std::vector<Record> all;
      SAFEGUARD_TRY(tx.for_each<Record>([&](const Record& record) -> Status {
        all.push_back(record);
        return Status::success();
      }));
      EXPECT_EQ(all.size(), static_cast<std::size_t>(before + 2));
      if (all.size() >= 2) {
        expect_same(all[all.size() - 2], a);
        expect_same(all.back(), b);
      }
      return Status::success();
    }));

    // update: the full row becomes sparse (optionals to null, flags off) and the sparse row full
    Record a_changed = sparse(3);
    a_changed.id = a.id;
    Record b_changed = full(4);
    b_changed.id = b.id;
    Status updated = store_->write([&](Transaction& tx) -> Status {
      SAFEGUARD_TRY(tx.update(a_changed));
      return tx.update(b_changed);
    });
    ASSERT_TRUE(updated.ok()) << updated.error().message;
    ASSERT_TRUE(store_->read([&](Transaction& tx) -> Status {
      auto found_a = tx.find<Record>(a.id);
      auto found_b = tx.find<Record>(b.id);
      EXPECT_TRUE(found_a.ok() && found_a->has_value() && found_b.ok() && found_b->has_value());
      if (found_a.ok() && found_a->has_value()) expect_same(**found_a, a_changed);
      if (found_b.ok() && found_b->has_value()) expect_same(**found_b, b_changed);
      EXPECT_EQ(*tx.count<Record>(), before + 2);
      return Status::success();
    }));

    // update of an id that is not there
    Record ghost = full(5);
    ghost.id = b.id + 1000;
    Status missing = store_->write([&](Transaction& tx) -> Status { return tx.update(ghost); });
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound) << missing.error().message;
    EXPECT_NE(missing.error().message.find(std::to_string(ghost.id)), std::string::npos);
  }

  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
  Parents parents_[2];
  const Parents& p0() const { return parents_[0]; }
  const Parents& p1() const { return parents_[1]; }
};

// Text with quotes, a comma, a line break, non-ASCII letters and a NUL byte.
const std::string kAwkward = std::string("O'Brien, \"Zo\xC3\xAB\"\nline two ") + '\0' + " end";

TEST_F(RoundTripTest, Household) {
  round_trip<Household>(
      [](int n) {
        return Household{0, kAwkward + std::to_string(n), "SW1A 1AA"};
      },
      [](int) {
        return Household{0, "", "E1 6AN"};
      },
      "postcode", Value{std::string("SW1A 1AA")});
}

TEST_F(RoundTripTest, Child) {
  round_trip<Child>(
      [&](int n) {
        return Child{0,
                     "FULL" + std::to_string(n),
                     "A123456789012",
                     "9434765919",
                     "Zo\xC3\xAB",
                     kAwkward,
                     day(2008, 2, 29),
                     "F",
                     "MWBA",
                     p0().household,
                     true,
                     day(2024, 12, 31)};
      },
      [&](int n) {
        return Child{0,
                     "SPARSE" + std::to_string(n),
                     "",
                     "",
                     "Sam",
                     "Jones",
                     day(2015, 7, 1),
                     "M",
                     "WBRI",
                     std::nullopt,
                     false,
                     std::nullopt};
      },
      "household_id", Value{p0().household});
}

TEST_F(RoundTripTest, Contact) {
  round_trip<Contact>(
      [&](int) {
        return Contact{0,          p0().child,       day(2025, 1, 10), "6",
                       "referral", day(2025, 1, 11), kAwkward};
      },
      [&](int) { return Contact{0, p1().child, day(2025, 2, 1), "2A", "", std::nullopt, ""}; },
      "child_id", Value{p0().child});
}

TEST_F(RoundTripTest, Referral) {
  round_trip<Referral>(
      [&](int) { return Referral{0, p0().child, p0().contact, day(2025, 1, 11), "6", true}; },
      [&](int) { return Referral{0, p1().child, std::nullopt, day(2025, 2, 2), "3A", false}; },
      "child_id", Value{p0().child});
}

TEST_F(RoundTripTest, ChildInNeedEpisode) {
  round_trip<ChildInNeedEpisode>(
      [&](int) {
        return ChildInNeedEpisode{0,    p0().child,      p0().referral, day(2024, 6, 1),
                                  "N1", day(2025, 1, 1), "RC7"};
      },
      [&](int) {
        return ChildInNeedEpisode{0, p1().child, p1().referral, day(2024, 7, 1), "N4", std::nullopt,
                                  ""};
      },
      "referral_id", Value{p0().referral});
}

TEST_F(RoundTripTest, Assessment) {
  round_trip<Assessment>(
      [&](int) {
        return Assessment{0, p0().child, p0().episode, day(2024, 6, 2), day(2024, 7, 1), "2A,3A"};
      },
      [&](int) {
        return Assessment{0, p1().child, p1().episode, day(2024, 7, 2), std::nullopt, ""};
      },
      "episode_id", Value{p0().episode});
}

TEST_F(RoundTripTest, Section47Enquiry) {
  round_trip<Section47Enquiry>(
      [&](int) {
        return Section47Enquiry{0,   p0().child, p0().episode, day(2024, 6, 3), day(2024, 6, 4),
                                true};
      },
      [&](int) {
        return Section47Enquiry{0,    p1().child, p1().episode, day(2024, 7, 3), day(2024, 7, 5),
                                false};
      },
      "child_id", Value{p0().child});
}

TEST_F(RoundTripTest, InitialChildProtectionConference) {
  round_trip<InitialChildProtectionConference>(
      [&](int) {
        return InitialChildProtectionConference{
            0, p0().child, p0().episode, p0().enquiry, day(2024, 6, 20), true};
      },
      [&](int) {
        return InitialChildProtectionConference{
            0, p1().child, p1().episode, std::nullopt, day(2024, 7, 20), false};
      },
      "child_id", Value{p0().child});
}

TEST_F(RoundTripTest, ChildProtectionPlan) {
  round_trip<ChildProtectionPlan>(
      [&](int) {
        return ChildProtectionPlan{0,     p0().child, p0().episode,   day(2024, 6, 20),
                                   "NEG", "EMO",      day(2025, 2, 1)};
      },
      [&](int) {
        return ChildProtectionPlan{0,     p1().child, p1().episode, day(2024, 7, 20),
                                   "PHY", "",         std::nullopt};
      },
      "episode_id", Value{p0().episode});
}

TEST_F(RoundTripTest, ChildProtectionReview) {
  round_trip<ChildProtectionReview>(
      [&](int) {
        return ChildProtectionReview{0, p0().plan, day(2024, 9, 20)};
      },
      [&](int) {
        return ChildProtectionReview{0, p1().plan, day(2024, 10, 20)};
      },
      "plan_id", Value{p0().plan});
}

TEST_F(RoundTripTest, LookedAfterEpisode) {
  round_trip<LookedAfterEpisode>(
      [&](int) {
        return LookedAfterEpisode{0,     p0().child, day(2024, 5, 1),  "S",   "C2",    "N1",
                                  "U4",  "PR1",      day(2025, 1, 10), "E4A", "CARPL", "SW1A",
                                  "SE1", "SC123456"};
      },
      [&](int) {
        return LookedAfterEpisode{
            0, p1().child, day(2024, 6, 1), "P", "V2", "N4", "T1", "", {}, "", "", "", "", ""};
      },
      "child_id", Value{p0().child});
}

TEST_F(RoundTripTest, LookedAfterReview) {
  round_trip<LookedAfterReview>(
      [&](int) {
        return LookedAfterReview{0, p0().child, day(2024, 11, 1), "PN1"};
      },
      [&](int) {
        return LookedAfterReview{0, p1().child, day(2024, 12, 1), "PN0"};
      },
      "child_id", Value{p0().child});
}

TEST_F(RoundTripTest, MissingEpisode) {
  round_trip<MissingEpisode>(
      [&](int) {
        return MissingEpisode{0, p0().child, "M", day(2024, 11, 1), day(2024, 11, 2), true};
      },
      [&](int) {
        return MissingEpisode{0, p1().child, "A", day(2024, 12, 1), std::nullopt, false};
      },
      "kind", Value{std::string("M")});
}

TEST_F(RoundTripTest, LegalOrder) {
  round_trip<LegalOrder>(
      [&](int) {
        return LegalOrder{0, p0().child, "care_order", day(2024, 6, 1), day(2025, 6, 1)};
      },
      [&](int) {
        return LegalOrder{0, p1().child, "interim_care_order", day(2024, 5, 1), std::nullopt};
      },
      "type", Value{std::string("care_order")});
}

TEST_F(RoundTripTest, CareLeaverContact) {
  round_trip<CareLeaverContact>(
      [&](int) { return CareLeaverContact{0, p0().child, day(2025, 2, 1), "YES", "F2", "D1"}; },
      [&](int) { return CareLeaverContact{0, p1().child, day(2025, 3, 1), "NO", "0", "R1"}; },
      "child_id", Value{p0().child});
}

TEST_F(RoundTripTest, Team) {
  round_trip<Team>(
      [](int n) {
        return Team{0, "Full team " + std::to_string(n), "safeguarding", true};
      },
      [](int n) {
        return Team{0, "Sparse team " + std::to_string(n), "front_door", false};
      },
      "service", Value{std::string("safeguarding")});
}

TEST_F(RoundTripTest, Worker) {
  round_trip<Worker>(
      [&](int n) {
        return Worker{0,
                      "FULL" + std::to_string(n),
                      kAwkward,
                      "senior_practitioner",
                      true,
                      0.1 + 0.2,  // not exactly 0.3: doubles must come back bit for bit
                      p0().team,
                      day(2021, 9, 1),
                      day(2025, 3, 31)};
      },
      [&](int n) {
        return Worker{
            0, "SPARSE" + std::to_string(n), "Jo", "social_worker", false, 1.0, {}, day(2022, 1, 4),
            {}};
      },
      "agency", Value{std::int64_t{1}});
}

TEST_F(RoundTripTest, Allocation) {
  round_trip<Allocation>(
      [&](int) {
        return Allocation{
            0, p0().child, p0().worker, p0().team, day(2025, 1, 1), day(2025, 3, 1), "transfer"};
      },
      [&](int) {
        return Allocation{0, p1().child, p1().worker, p1().team, day(2025, 2, 1), std::nullopt, ""};
      },
      "worker_id", Value{p0().worker});
}

TEST_F(RoundTripTest, SupervisionSession) {
  round_trip<SupervisionSession>(
      [&](int) {
        return SupervisionSession{0, p0().worker, p0().supervisor, day(2025, 1, 20), true};
      },
      [&](int) {
        return SupervisionSession{0, p1().worker, p1().supervisor, day(2025, 2, 20), false};
      },
      "supervisor_id", Value{p0().supervisor});
}

TEST_F(RoundTripTest, Visit) {
  round_trip<Visit>(
      [&](int) {
        return Visit{0, p0().child, p0().worker, day(2025, 1, 15), true, true, kAwkward};
      },
      [&](int) { return Visit{0, p1().child, std::nullopt, day(2025, 2, 15), false, false, ""}; },
      "child_id", Value{p0().child});
}

TEST_F(RoundTripTest, CaseNote) {
  round_trip<CaseNote>(
      [&](int) {
        return CaseNote{0, p0().child, p0().worker, day(2025, 1, 16), "Strategy", kAwkward};
      },
      [&](int) { return CaseNote{0, p1().child, std::nullopt, day(2025, 2, 16), "", "Short"}; },
      "child_id", Value{p0().child});
}

TEST_F(RoundTripTest, UserAccount) {
  round_trip<UserAccount>(
      [&](int n) {
        return UserAccount{0,
                           "full-" + std::to_string(n),
                           "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA",
                           "partner_agency",
                           p0().worker,
                           p0().team,
                           "Northshire Police",
                           true,
                           4,
                           "2025-03-31T09:30:00.000000Z",
                           "2025-01-01T08:00:00.000000Z"};
      },
      [&](int n) {
        return UserAccount{
            0,  "sparse-" + std::to_string(n), "$argon2id$other", "admin", {}, {}, "", false, 0,
            "", "2025-02-01T08:00:00.000000Z"};
      },
      "role", Value{std::string("partner_agency")});
}

TEST_F(RoundTripTest, Session) {
  round_trip<Session>(
      [&](int n) {
        return Session{0,
                       std::string(63, 'a') + std::to_string(n % 10),
                       p0().user,
                       "csrf-full",
                       "2025-03-31T09:00:00.000000Z",
                       "2025-03-31T09:10:00.000000Z",
                       "2025-03-31T19:00:00.000000Z",
                       true};
      },
      [&](int n) {
        return Session{0,
                       std::string(63, 'b') + std::to_string(n % 10),
                       p1().user,
                       "csrf-sparse",
                       "2025-03-30T09:00:00.000000Z",
                       "2025-03-30T09:00:01.000000Z",
                       "2025-03-30T19:00:00.000000Z",
                       false};
      },
      "user_id", Value{p0().user});
}

// The audit trail's rows go through their own statements rather than the mapping.
TEST_F(RoundTripTest, AuditRecord) {
  AuditRecord full{1,
                   "2025-03-31T09:15:02.000123Z",
                   "social-worker",
                   "update",
                   "child",
                   "42",
                   p0().child,
                   kAwkward,
                   "{\"a\":1}",
                   "{\"a\":2}",
                   std::string(64, '0'),
                   std::string(64, 'a')};
  AuditRecord sparse{
      2,         "2025-03-31T09:15:03.000000Z", "system:test", "read", "visit", "", {}, "", "", "",
      full.hash, std::string(64, 'b')};
  ASSERT_TRUE(store_->write([&](Transaction& tx) -> Status {
    SAFEGUARD_TRY(tx.append_audit_record(full));
    return tx.append_audit_record(sparse);
  }));
  auto as_tuple = [](const AuditRecord& r) {
    return std::tie(r.seq, r.at, r.actor, r.action, r.entity, r.entity_id, r.child_id, r.reason,
                    r.before, r.after, r.prev_hash, r.hash);
  };
  ASSERT_TRUE(store_->read([&](Transaction& tx) -> Status {
    std::vector<AuditRecord> all;
    SAFEGUARD_TRY(tx.for_each_audit_record(1, [&](const AuditRecord& record) {
      all.push_back(record);
      return true;
    }));
    EXPECT_EQ(all.size(), 2u);
    if (all.size() == 2) {
      EXPECT_EQ(as_tuple(all[0]), as_tuple(full));
      EXPECT_EQ(as_tuple(all[1]), as_tuple(sparse));
    }
    auto last = tx.last_audit_record();
    EXPECT_TRUE(last.ok() && last->has_value());
    if (last.ok() && last->has_value()) {
      EXPECT_EQ(as_tuple(**last), as_tuple(sparse));
    }
    auto for_child = tx.audit_records_for_child(p0().child, 10);
    EXPECT_TRUE(for_child.ok());
    if (for_child.ok()) {
      EXPECT_EQ(for_child->size(), 1u);
      if (!for_child->empty()) {
        EXPECT_EQ(as_tuple(for_child->front()), as_tuple(full));
      }
    }
    return Status::success();
  }));
}

}  // namespace
}  // namespace store
}  // namespace safeguard
