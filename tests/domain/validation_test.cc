// Proves validate() for every record of the case record, table by table: a valid record has no
// problems, and each way of breaking one field produces problems naming exactly that field (and,
// where it helps the person entering it, the value and the rule). Codes are checked against the
// date they apply to, so a placement recorded in 2024 and one recorded in 2025 are judged by the
// lists of their own years.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "domain/validation.h"

namespace safeguard::domain {
namespace {

const CodeLists& codes() {
  static const CodeLists lists = [] {
    auto loaded = CodeLists::load_standard();
    if (!loaded) {
      ADD_FAILURE() << loaded.error().message;
      return CodeLists();
    }
    return std::move(loaded).value();
  }();
  return lists;
}

Date on(const char* iso) { return *Date::parse_iso(iso); }

std::string describe(const Problems& problems) {
  std::string out;
  for (const auto& problem : problems) out += "\n  [" + problem.field + "] " + problem.message;
  return out.empty() ? " (none)" : out;
}

// One way to break a valid record, and the field the problem must name.
template <typename Record>
struct Breakage {
  std::string what;
  std::function<void(Record&)> apply;
  std::string field;
  std::string says = {};  // text one problem's message must contain
};

template <typename Record>
void expect_valid(const Record& record, const std::string& what = "the valid record") {
  Problems problems = validate(record, codes());
  EXPECT_TRUE(problems.empty()) << what << " has problems:" << describe(problems);
}

template <typename Record>
void expect_each_breakage_names_its_field(const Record& valid,
                                          const std::vector<Breakage<Record>>& breakages) {
  expect_valid(valid);
  for (const auto& breakage : breakages) {
    SCOPED_TRACE(breakage.what);
    Record broken = valid;
    breakage.apply(broken);
    Problems problems = validate(broken, codes());
    ASSERT_FALSE(problems.empty()) << breakage.what << " was accepted";
    bool says_it = breakage.says.empty();
    for (const auto& problem : problems) {
      EXPECT_EQ(problem.field, breakage.field) << describe(problems);
      EXPECT_FALSE(problem.message.empty());
      if (problem.message.find(breakage.says) != std::string::npos) says_it = true;
    }
    EXPECT_TRUE(says_it) << "no problem says '" << breakage.says << "':" << describe(problems);
  }
}

// --- the child and their household ---------------------------------------------------------------

TEST(HouseholdValidation, PostcodeIsRequired) {
  Household household{1, "10 High Street", "SW1A 1AA"};
  expect_each_breakage_names_its_field<Household>(
      household, {{"no postcode", [](Household& h) { h.postcode.clear(); }, "postcode",
                   "postcode is required"}});
  household.address.clear();
  expect_valid(household, "a household with no address lines");
}

Child valid_child() {
  Child child;
  child.id = 7;
  child.local_id = "C1001";
  child.upn = "A123456789012";
  child.nhs_number = "9434765919";  // a valid modulus 11 check digit
  child.first_name = "Amira";
  child.last_name = "Hussain";
  child.date_of_birth = on("2012-05-01");
  child.sex = "F";
  child.ethnicity = "APKN";
  return child;
}

TEST(ChildValidation, EachBrokenFieldIsNamed) {
  expect_each_breakage_names_its_field<Child>(
      valid_child(),
      {
          {"no local id", [](Child& c) { c.local_id.clear(); }, "local_id", "local_id is required"},
          {"no first name", [](Child& c) { c.first_name.clear(); }, "first_name"},
          {"no last name", [](Child& c) { c.last_name.clear(); }, "last_name"},
          {"unknown sex code", [](Child& c) { c.sex = "X"; }, "sex", "'X'"},
          {"903 sex code from before 2024/25", [](Child& c) { c.sex = "1"; }, "sex", "'1'"},
          {"no sex", [](Child& c) { c.sex.clear(); }, "sex", "sex is required"},
          {"unknown ethnicity", [](Child& c) { c.ethnicity = "ZZZZ"; }, "ethnicity", "'ZZZZ'"},
          {"ethnicity in lower case", [](Child& c) { c.ethnicity = "wbri"; }, "ethnicity"},
          {"no ethnicity", [](Child& c) { c.ethnicity.clear(); }, "ethnicity", "required"},
          {"NHS number with a wrong check digit", [](Child& c) { c.nhs_number = "9434765918"; },
           "nhs_number", "'9434765918'"},
          {"NHS number whose check digit would be 10",
           [](Child& c) { c.nhs_number = "1234567890"; }, "nhs_number"},
          {"NHS number of 9 digits", [](Child& c) { c.nhs_number = "943476591"; }, "nhs_number"},
          {"NHS number of 11 digits", [](Child& c) { c.nhs_number = "94347659190"; }, "nhs_number"},
          {"NHS number with letters", [](Child& c) { c.nhs_number = "94347659AB"; }, "nhs_number"},
          {"NHS number with spaces", [](Child& c) { c.nhs_number = "943 476 5919"; }, "nhs_number"},
          {"UPN of the wrong length", [](Child& c) { c.upn = "A12345678901"; }, "upn",
           "'A12345678901'"},
          {"unknown UPN code", [](Child& c) { c.upn = "UN9"; }, "upn", "'UN9'"},
          {"died before birth", [](Child& c) { c.date_of_death = on("2011-01-01"); },
           "date_of_death", "date_of_death (2011-01-01) is before date_of_birth (2012-05-01)"},
      });
}

TEST(ChildValidation, AcceptsBlankNumbersUnknownUpnCodesAndEveryEthnicity) {
  Child child = valid_child();
  child.nhs_number.clear();
  child.upn.clear();
  expect_valid(child, "blank NHS number and UPN");
  for (const char* code : {"UN1", "UN2", "UN3", "UN4", "UN5", "UN6", "UN7"}) {
    child.upn = code;
    expect_valid(child, code);
  }
  for (const char* nhs : {"4010232137", "9434765919"}) {
    child.nhs_number = nhs;
    expect_valid(child, nhs);
  }
  for (const std::string& ethnicity : codes().allowed("ETHNIC")) {
    child.ethnicity = ethnicity;
    expect_valid(child, ethnicity);
  }
  for (const char* sex : {"M", "F", "U"}) {
    child.sex = sex;
    expect_valid(child, sex);
  }
  child.date_of_death = child.date_of_birth;
  expect_valid(child, "died on the day of birth");
}

TEST(ChildValidation, EveryProblemIsReportedAtOnce) {
  Child child = valid_child();
  child.local_id.clear();
  child.sex = "X";
  child.nhs_number = "123";
  Problems problems = validate(child, codes());
  ASSERT_EQ(problems.size(), 3u) << describe(problems);
  EXPECT_EQ(problems[0].field, "local_id");
  EXPECT_EQ(problems[1].field, "sex");
  EXPECT_EQ(problems[2].field, "nhs_number");

  Status status = check("child", child, codes());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(status.error().message.rfind("child refused: local_id is required; sex 'X'", 0), 0u)
      << status.error().message;
  EXPECT_NE(status.error().message.find("; nhs_number '123'"), std::string::npos);
  EXPECT_TRUE(check("child", valid_child(), codes()).ok());
}

// --- the front door ------------------------------------------------------------------------------

TEST(ContactValidation, EachBrokenFieldIsNamed) {
  Contact contact{1, 7, on("2025-01-10"), "6", "referral", on("2025-01-11"), "Police report"};
  expect_each_breakage_names_its_field<Contact>(
      contact,
      {
          {"no child", [](Contact& c) { c.child_id = 0; }, "child_id", "must name a stored record"},
          {"unknown source", [](Contact& c) { c.source = "99"; }, "source", "'99'"},
          {"no source", [](Contact& c) { c.source.clear(); }, "source", "required"},
          {"unknown outcome", [](Contact& c) { c.outcome = "maybe"; }, "outcome", "'maybe'"},
          {"outcome without a decision date", [](Contact& c) { c.decision_date.reset(); },
           "decision_date"},
          {"decided before it arrived", [](Contact& c) { c.decision_date = on("2025-01-09"); },
           "decision_date", "before date"},
      });
  contact.outcome.clear();
  contact.decision_date.reset();
  expect_valid(contact, "a contact awaiting a decision");
}

TEST(ReferralValidation, EachBrokenFieldIsNamed) {
  Referral referral{1, 7, std::nullopt, on("2025-01-11"), "2A", false};
  expect_each_breakage_names_its_field<Referral>(
      referral, {
                    {"no child", [](Referral& r) { r.child_id = -3; }, "child_id"},
                    {"unknown source", [](Referral& r) { r.source = "2Z"; }, "source", "'2Z'"},
                });
}

// --- children in need and child protection -------------------------------------------------------

TEST(ChildInNeedEpisodeValidation, EachBrokenFieldIsNamed) {
  ChildInNeedEpisode episode{1, 7, 3, on("2024-06-01"), "N1", on("2025-01-01"), "RC7"};
  expect_each_breakage_names_its_field<ChildInNeedEpisode>(
      episode,
      {
          {"no child", [](ChildInNeedEpisode& e) { e.child_id = 0; }, "child_id"},
          {"no referral", [](ChildInNeedEpisode& e) { e.referral_id = 0; }, "referral_id"},
          {"unknown need", [](ChildInNeedEpisode& e) { e.primary_need = "N10"; }, "primary_need",
           "'N10'"},
          {"closed before it opened", [](ChildInNeedEpisode& e) { e.end_date = on("2024-05-31"); },
           "end_date"},
          {"closed with no reason", [](ChildInNeedEpisode& e) { e.reason_for_closure.clear(); },
           "reason_for_closure", "required"},
          {"unknown reason", [](ChildInNeedEpisode& e) { e.reason_for_closure = "RC0"; },
           "reason_for_closure", "'RC0'"},
          {"reason while still open", [](ChildInNeedEpisode& e) { e.end_date.reset(); },
           "reason_for_closure", "no end_date"},
      });
  episode.end_date.reset();
  episode.reason_for_closure.clear();
  expect_valid(episode, "an open episode");
}

TEST(AssessmentValidation, EachBrokenFieldIsNamed) {
  Assessment assessment{1, 7, 2, on("2024-06-02"), on("2024-07-01"), "2A,3A"};
  expect_each_breakage_names_its_field<Assessment>(
      assessment,
      {
          {"no child", [](Assessment& a) { a.child_id = 0; }, "child_id"},
          {"no episode", [](Assessment& a) { a.episode_id = 0; }, "episode_id"},
          {"authorised before it started",
           [](Assessment& a) { a.authorised_date = on("2024-06-01"); }, "authorised_date"},
      });
}

TEST(Section47EnquiryValidation, EachBrokenFieldIsNamed) {
  Section47Enquiry enquiry{1, 7, 2, on("2024-06-03"), on("2024-06-03"), false};
  expect_each_breakage_names_its_field<Section47Enquiry>(
      enquiry, {
                   {"no child", [](Section47Enquiry& e) { e.child_id = 0; }, "child_id"},
                   {"no episode", [](Section47Enquiry& e) { e.episode_id = 0; }, "episode_id"},
                   {"started before the strategy discussion",
                    [](Section47Enquiry& e) { e.start_date = on("2024-06-02"); }, "start_date",
                    "strategy_discussion_date"},
               });
}

TEST(InitialChildProtectionConferenceValidation, EachBrokenFieldIsNamed) {
  InitialChildProtectionConference conference{1, 7, 2, 4, on("2024-06-20"), true};
  expect_each_breakage_names_its_field<InitialChildProtectionConference>(
      conference, {
                      {"no child", [](auto& c) { c.child_id = 0; }, "child_id"},
                      {"no episode", [](auto& c) { c.episode_id = 0; }, "episode_id"},
                  });
}

TEST(ChildProtectionPlanValidation, EachBrokenFieldIsNamed) {
  ChildProtectionPlan plan{1, 7, 2, on("2024-06-20"), "NEG", "EMO", on("2025-02-01")};
  expect_each_breakage_names_its_field<ChildProtectionPlan>(
      plan,
      {
          {"no child", [](ChildProtectionPlan& p) { p.child_id = 0; }, "child_id"},
          {"no episode", [](ChildProtectionPlan& p) { p.episode_id = 0; }, "episode_id"},
          {"unknown category", [](ChildProtectionPlan& p) { p.initial_category = "XYZ"; },
           "initial_category", "'XYZ'"},
          {"no category", [](ChildProtectionPlan& p) { p.initial_category.clear(); },
           "initial_category", "required"},
          {"unknown latest category", [](ChildProtectionPlan& p) { p.latest_category = "BAD"; },
           "latest_category", "'BAD'"},
          {"ended before it started", [](ChildProtectionPlan& p) { p.end_date = on("2024-06-19"); },
           "end_date"},
      });
  plan.latest_category.clear();
  plan.end_date.reset();
  expect_valid(plan, "an open plan with no latest category");
}

TEST(ChildProtectionReviewValidation, NeedsItsPlan) {
  expect_each_breakage_names_its_field<ChildProtectionReview>(
      ChildProtectionReview{1, 3, on("2024-09-20")},
      {{"no plan", [](ChildProtectionReview& r) { r.plan_id = 0; }, "plan_id"}});
}

// --- children looked after -----------------------------------------------------------------------

LookedAfterEpisode valid_episode() {
  LookedAfterEpisode episode;
  episode.id = 1;
  episode.child_id = 7;
  episode.start_date = on("2024-05-01");
  episode.reason_for_new_episode = "S";
  episode.legal_status = "C2";
  episode.category_of_need = "N1";
  episode.placement_type = "U4";
  episode.placement_provider = "PR1";
  episode.end_date = on("2025-01-10");
  episode.reason_episode_ceased = "E4A";
  episode.reason_place_change = "CARPL";
  episode.home_postcode = "SW1A";
  episode.placement_postcode = "SE1";
  episode.urn = "SC123456";
  return episode;
}

TEST(LookedAfterEpisodeValidation, EachBrokenFieldIsNamed) {
  using E = LookedAfterEpisode;
  expect_each_breakage_names_its_field<E>(
      valid_episode(),
      {
          {"no child", [](E& e) { e.child_id = 0; }, "child_id"},
          {"unknown RNE", [](E& e) { e.reason_for_new_episode = "Q"; }, "RNE", "'Q'"},
          {"no RNE", [](E& e) { e.reason_for_new_episode.clear(); }, "RNE", "RNE is required"},
          {"unknown LS", [](E& e) { e.legal_status = "Z9"; }, "LS", "'Z9'"},
          {"freeing order long after 2005", [](E& e) { e.legal_status = "D1"; }, "LS",
           "valid only up to 2005-12-31"},
          {"unknown CIN", [](E& e) { e.category_of_need = "N9"; }, "CIN", "'N9'"},
          {"unknown PLACE", [](E& e) { e.placement_type = "Z9"; }, "PLACE", "'Z9'"},
          {"K3 before April 2025", [](E& e) { e.placement_type = "K3"; }, "PLACE",
           "valid only from 2025-04-01"},
          {"no PLACE", [](E& e) { e.placement_type.clear(); }, "PLACE", "PLACE is required"},
          {"unknown PLACE_PROVIDER", [](E& e) { e.placement_provider = "PR9"; }, "PLACE_PROVIDER",
           "'PR9'"},
          {"no PLACE_PROVIDER for a foster placement", [](E& e) { e.placement_provider.clear(); },
           "PLACE_PROVIDER", "required"},
          {"PLACE_PROVIDER for a temporary placement", [](E& e) { e.placement_type = "T1"; },
           "PLACE_PROVIDER", "must be blank"},
          {"PLACE_PROVIDER for T4", [](E& e) { e.placement_type = "T4"; }, "PLACE_PROVIDER",
           "(PLACE T4), not 'PR1'"},
          {"REC without DEC", [](E& e) { e.end_date.reset(); }, "REC", "no DEC"},
          {"DEC before DECOM", [](E& e) { e.end_date = on("2024-04-30"); }, "DEC",
           "DEC (2024-04-30) is before DECOM (2024-05-01)"},
          {"DEC without REC", [](E& e) { e.reason_episode_ceased.clear(); }, "REC",
           "REC is required"},
          {"unknown REC", [](E& e) { e.reason_episode_ceased = "E99"; }, "REC", "'E99'"},
          {"unknown REASON_PLACE_CHANGE", [](E& e) { e.reason_place_change = "BORED"; },
           "REASON_PLACE_CHANGE", "'BORED'"},
      });
}

TEST(LookedAfterEpisodeValidation, TemporaryAndOtherPlacementsHaveNoProvider) {
  LookedAfterEpisode episode = valid_episode();
  episode.placement_provider.clear();
  for (const char* place : {"T0", "T1", "T2", "T3", "T4"}) {
    episode.placement_type = place;
    expect_valid(episode, place);
  }
  episode.start_date = on("2025-05-01");
  episode.end_date = on("2025-06-01");
  for (const char* place : {"Z11", "Z12", "Z13", "Z14"}) {
    episode.placement_type = place;
    expect_valid(episode, place);
  }
}

TEST(LookedAfterEpisodeValidation, PlacementCodesAreJudgedByTheYearTheEpisodeStarts) {
  LookedAfterEpisode episode = valid_episode();
  episode.end_date.reset();
  episode.reason_episode_ceased.clear();
  episode.reason_place_change.clear();

  episode.placement_type = "H5";
  episode.start_date = on("2024-05-01");
  expect_valid(episode, "H5 in 2024/25");
  episode.start_date = on("2025-05-01");
  Problems problems = validate(episode, codes());
  ASSERT_EQ(problems.size(), 1u) << describe(problems);
  EXPECT_EQ(problems[0].field, "PLACE");
  EXPECT_NE(problems[0].message.find("'H5' is valid only up to 2025-03-31, not on 2025-05-01"),
            std::string::npos)
      << problems[0].message;
  EXPECT_NE(problems[0].message.find("data/reference/codelists.csv"), std::string::npos);

  episode.placement_type = "K3";
  expect_valid(episode, "K3 in 2025/26");
  episode.start_date = on("2024-05-01");
  EXPECT_EQ(validate(episode, codes()).size(), 1u);

  episode.placement_type = "Z1";
  expect_valid(episode, "Z1 in 2024/25");
  episode.start_date = on("2025-05-01");
  problems = validate(episode, codes());
  ASSERT_EQ(problems.size(), 1u) << describe(problems);
  EXPECT_EQ(problems[0].field, "PLACE");
}

TEST(LookedAfterEpisodeValidation, AnOpenEpisodeNeedsNoEndFields) {
  LookedAfterEpisode episode = valid_episode();
  episode.end_date.reset();
  episode.reason_episode_ceased.clear();
  episode.reason_place_change.clear();
  expect_valid(episode, "an open episode");
  episode.end_date = episode.start_date;
  episode.reason_episode_ceased = "X1";
  expect_valid(episode, "an episode ending the day it started");
}

TEST(LookedAfterReviewValidation, EachBrokenFieldIsNamed) {
  expect_each_breakage_names_its_field<LookedAfterReview>(
      LookedAfterReview{1, 7, on("2024-11-01"), "PN1"},
      {
          {"no child", [](LookedAfterReview& r) { r.child_id = 0; }, "child_id"},
          {"unknown participation", [](LookedAfterReview& r) { r.participation = "PN9"; },
           "REVIEW_CODE", "'PN9'"},
          {"no participation", [](LookedAfterReview& r) { r.participation.clear(); }, "REVIEW_CODE",
           "required"},
      });
}

TEST(MissingEpisodeValidation, EachBrokenFieldIsNamed) {
  expect_each_breakage_names_its_field<MissingEpisode>(
      MissingEpisode{1, 7, "M", on("2024-11-01"), on("2024-11-02"), true},
      {
          {"no child", [](MissingEpisode& m) { m.child_id = 0; }, "child_id"},
          {"unknown kind", [](MissingEpisode& m) { m.kind = "X"; }, "MISSING", "'X'"},
          {"found before going missing", [](MissingEpisode& m) { m.end_date = on("2024-10-31"); },
           "end_date"},
      });
}

TEST(LegalOrderValidation, EachBrokenFieldIsNamed) {
  expect_each_breakage_names_its_field<LegalOrder>(
      LegalOrder{1, 7, "care_order", on("2024-06-01"), std::nullopt},
      {
          {"no child", [](LegalOrder& o) { o.child_id = 0; }, "child_id"},
          {"unknown type", [](LegalOrder& o) { o.type = "care-order"; }, "type", "'care-order'"},
          {"ended before it was made", [](LegalOrder& o) { o.end_date = on("2024-05-01"); },
           "end_date", "made_date"},
      });
  for (const char* type : kLegalOrderTypes) {
    expect_valid(LegalOrder{1, 7, type, on("2024-06-01"), std::nullopt}, type);
  }
}

TEST(CareLeaverContactValidation, EachBrokenFieldIsNamed) {
  expect_each_breakage_names_its_field<CareLeaverContact>(
      CareLeaverContact{1, 7, on("2025-02-01"), "YES", "F2", "D1"},
      {
          {"no child", [](CareLeaverContact& c) { c.child_id = 0; }, "child_id"},
          {"unknown in touch", [](CareLeaverContact& c) { c.in_touch = "MAYBE"; }, "IN_TOUCH",
           "'MAYBE'"},
          {"unknown activity", [](CareLeaverContact& c) { c.activity = "Z9"; }, "ACTIV", "'Z9'"},
          {"unknown accommodation", [](CareLeaverContact& c) { c.accommodation = "Q1"; }, "ACCOM",
           "'Q1'"},
      });
}

// --- practice ------------------------------------------------------------------------------------

TEST(VisitValidation, EachBrokenFieldIsNamed) {
  Visit visit{1, 7, 3, on("2025-01-15"), true, true, "Seen at school"};
  expect_each_breakage_names_its_field<Visit>(
      visit, {
                 {"no child", [](Visit& v) { v.child_id = 0; }, "child_id"},
                 {"seen alone but not seen", [](Visit& v) { v.child_seen = false; }, "seen_alone",
                  "not seen"},
             });
  visit.child_seen = false;
  visit.seen_alone = false;
  visit.worker_id.reset();
  expect_valid(visit, "a visit where the child was not seen, by no recorded worker");
}

TEST(CaseNoteValidation, EachBrokenFieldIsNamed) {
  expect_each_breakage_names_its_field<CaseNote>(
      CaseNote{1, 7, std::nullopt, on("2025-01-15"), "", "Spoke to school"},
      {
          {"no child", [](CaseNote& n) { n.child_id = 0; }, "child_id"},
          {"no text", [](CaseNote& n) { n.text.clear(); }, "text", "text is required"},
      });
}

// --- the workforce -------------------------------------------------------------------------------

TEST(TeamValidation, EachBrokenFieldIsNamed) {
  expect_each_breakage_names_its_field<Team>(
      Team{1, "Assessment North", "assessment", true},
      {
          {"no name", [](Team& t) { t.name.clear(); }, "name"},
          {"unknown service", [](Team& t) { t.service = "pottery"; }, "service", "'pottery'"},
      });
}

TEST(WorkerValidation, EachBrokenFieldIsNamed) {
  Worker worker{1,   "SW001", "Jo Bloggs",      "social_worker", false,
                1.0, 2,       on("2020-09-01"), std::nullopt};
  expect_each_breakage_names_its_field<Worker>(
      worker,
      {
          {"no staff id", [](Worker& w) { w.staff_id.clear(); }, "staff_id"},
          {"no name", [](Worker& w) { w.name.clear(); }, "name"},
          {"unknown role", [](Worker& w) { w.role = "wizard"; }, "role", "'wizard'"},
          {"no role", [](Worker& w) { w.role.clear(); }, "role"},
          {"fte of zero", [](Worker& w) { w.fte = 0.0; }, "fte", "more than 0 and at most 1"},
          {"fte above one", [](Worker& w) { w.fte = 1.5; }, "fte"},
          {"fte just above one", [](Worker& w) { w.fte = 1.0000001; }, "fte"},
          {"negative fte", [](Worker& w) { w.fte = -0.5; }, "fte"},
          {"fte not a number", [](Worker& w) { w.fte = std::nan(""); }, "fte"},
          {"fte infinite", [](Worker& w) { w.fte = std::numeric_limits<double>::infinity(); },
           "fte"},
          {"left before starting", [](Worker& w) { w.leaving_date = on("2020-08-31"); },
           "leaving_date"},
      });
  for (double fte : {1.0, 0.5, 0.01}) {
    worker.fte = fte;
    expect_valid(worker, "fte " + std::to_string(fte));
  }
  for (const char* role : kWorkerRoles) {
    worker.role = role;
    expect_valid(worker, role);
  }
}

TEST(AllocationValidation, EachBrokenFieldIsNamed) {
  expect_each_breakage_names_its_field<Allocation>(
      Allocation{1, 7, 3, 2, on("2025-01-01"), std::nullopt, "new case"},
      {
          {"no child", [](Allocation& a) { a.child_id = 0; }, "child_id"},
          {"no worker", [](Allocation& a) { a.worker_id = 0; }, "worker_id"},
          {"no team", [](Allocation& a) { a.team_id = 0; }, "team_id"},
          {"ended before it started", [](Allocation& a) { a.end_date = on("2024-12-31"); },
           "end_date"},
      });
}

TEST(SupervisionSessionValidation, EachBrokenFieldIsNamed) {
  expect_each_breakage_names_its_field<SupervisionSession>(
      SupervisionSession{1, 3, 4, on("2025-01-20"), true},
      {
          {"self-supervision", [](SupervisionSession& s) { s.supervisor_id = s.worker_id; },
           "supervisor_id", "cannot supervise themselves"},
          {"no worker", [](SupervisionSession& s) { s.worker_id = 0; }, "worker_id"},
          {"no supervisor", [](SupervisionSession& s) { s.supervisor_id = -1; }, "supervisor_id"},
      });
}

TEST(ToStatus, NoProblemsIsSuccess) {
  EXPECT_TRUE(to_status("visit", {}).ok());
  Status refused = to_status("visit", {{"a", "first"}, {"b", "second"}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message, "visit refused: first; second");
}

}  // namespace
}  // namespace safeguard::domain
