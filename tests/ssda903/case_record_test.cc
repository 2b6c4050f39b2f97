// The SSDA903 return to and from the case record: export from the store, import all or nothing,
// and the round trip export -> import -> export giving the same files.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "base/clock.h"
#include "domain/codes.h"
#include "ssda903/case_record.h"
#include "ssda903/files.h"
#include "store/store.h"
#include "support/temp_dir.h"

namespace safeguard::ssda903 {
namespace {

Date day(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

const domain::CodeLists& codes() {
  static const domain::CodeLists lists = *domain::CodeLists::load_standard();
  return lists;
}

std::unique_ptr<store::Store> open_store(const std::string& path) {
  auto store = store::Store::open(path, store::Store::Mode::kCreateOrMigrate);
  EXPECT_TRUE(store) << store.error().message;
  return std::move(*store);
}

// Two children looked after in 2024/25: one with a placement move, a review, a missing episode
// and a social worker; one UASC care leaver.
void record_two_children(store::Store& store) {
  Status status = store.write([&](store::Transaction& tx) -> Status {
    domain::Child amy;
    amy.local_id = "C0001";
    amy.upn = "A123456789012";
    amy.first_name = "Amy";
    amy.last_name = "Test";
    amy.date_of_birth = day(2012, 5, 3);
    amy.sex = "F";
    amy.ethnicity = "WBRI";
    SAFEGUARD_TRY(tx.insert(amy));
    domain::Child ben = amy;
    ben.local_id = "C0002";
    ben.first_name = "Ben";
    ben.sex = "M";
    ben.ethnicity = "BAFR";
    ben.date_of_birth = day(2006, 9, 1);
    ben.unaccompanied_asylum_seeking = true;
    SAFEGUARD_TRY(tx.insert(ben));

    domain::LookedAfterEpisode first;
    first.child_id = amy.id;
    first.start_date = day(2024, 6, 1);
    first.reason_for_new_episode = "S";
    first.legal_status = "C2";
    first.category_of_need = "N1";
    first.placement_type = "U1";
    first.placement_provider = "PR1";
    first.end_date = day(2024, 9, 1);
    first.reason_episode_ceased = "X1";
    first.reason_place_change = "CARPL";
    first.home_postcode = "AB1";
    first.placement_postcode = "AB2";
    first.urn = "SC123456";
    SAFEGUARD_TRY(tx.insert(first));
    domain::LookedAfterEpisode second = first;
    second.start_date = day(2024, 9, 1);
    second.reason_for_new_episode = "P";
    second.placement_type = "U3";
    second.end_date.reset();
    second.reason_episode_ceased.clear();
    second.reason_place_change.clear();
    SAFEGUARD_TRY(tx.insert(second));
    domain::LookedAfterEpisode old = first;  // ended before the year: not in the return
    old.start_date = day(2020, 1, 1);
    old.end_date = day(2020, 3, 1);
    SAFEGUARD_TRY(tx.insert(old));

    domain::LookedAfterReview review{0, amy.id, day(2024, 7, 1), "PN1"};
    SAFEGUARD_TRY(tx.insert(review));
    domain::MissingEpisode missing{0, amy.id, "M", day(2024, 8, 1), day(2024, 8, 2), true};
    SAFEGUARD_TRY(tx.insert(missing));
    domain::CareLeaverContact contact{0, ben.id, day(2024, 9, 1), "YES", "F1", "B1"};
    SAFEGUARD_TRY(tx.insert(contact));

    domain::Team team{0, "Children in care 1", "children_in_care", true};
    SAFEGUARD_TRY(tx.insert(team));
    domain::Worker worker;
    worker.staff_id = "SW0001";
    worker.name = "A Worker";
    worker.role = "social_worker";
    worker.team_id = team.id;
    worker.start_date = day(2020, 1, 1);
    SAFEGUARD_TRY(tx.insert(worker));
    domain::Allocation allocation{
        0, amy.id, worker.id, team.id, day(2024, 6, 1), std::nullopt, "new case"};
    SAFEGUARD_TRY(tx.insert(allocation));
    return Status::success();
  });
  ASSERT_TRUE(status) << status.error().message;
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  std::stringstream text;
  text << stream.rdbuf();
  return text.str();
}

std::map<std::string, std::string> files_in(const std::filesystem::path& directory) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    files[entry.path().filename().string()] = slurp(entry.path());
  }
  return files;
}

std::int64_t count_children(store::Store& store) {
  std::int64_t children = 0;
  EXPECT_TRUE(store.read([&](store::Transaction& tx) -> Status {
    auto counted = tx.count<domain::Child>();
    if (!counted) return counted.error();
    children = *counted;
    return Status::success();
  }));
  return children;
}

std::int64_t count_audit(store::Store& store) {
  std::int64_t events = 0;
  EXPECT_TRUE(store.read([&](store::Transaction& tx) -> Status {
    return tx.for_each_audit_record(0, [&](const store::AuditRecord&) {
      ++events;
      return true;
    });
  }));
  return events;
}

ReadResult read_back(const std::filesystem::path& directory, int year) {
  ReadResult read;
  read_directory(directory, year, read);
  EXPECT_TRUE(read.problems.empty()) << read.problems.front().text();
  return read;
}

TEST(Export, WritesTheYearsRecordsInTheDfELayout) {
  testing::TempDir dir;
  auto store = open_store(dir.file("a.db"));
  record_two_children(*store);
  ManualClock clock(Timestamp::at_start_of(day(2025, 5, 1)));
  auto data = export_return(*store, 2025, clock, "test");
  ASSERT_TRUE(data) << data.error().message;
  const Table* episodes = data->find("Episodes");
  ASSERT_EQ(episodes->row_count, 2u);  // the 2020 episode is outside 2024/25
  EXPECT_EQ(episodes->cell(0, "DECOM"), Cell("01/06/2024"));
  EXPECT_EQ(episodes->cell(0, "DEC"), Cell("01/09/2024"));
  EXPECT_EQ(episodes->cell(1, "DEC"), std::nullopt);
  const Table* header = data->find("Header");
  ASSERT_EQ(header->row_count, 2u);
  EXPECT_EQ(header->cell(0, "SEX"), Cell("F"));                       // M/F from 2024/25
  EXPECT_EQ(data->find("UASC")->cell(0, "DUC"), Cell("01/09/2024"));  // 18th birthday
  EXPECT_EQ(data->find("OC3")->cell(0, "IN_TOUCH"), Cell("YES"));
  EXPECT_EQ(data->find("SWEpisodes")->cell(0, "SW_ID"), Cell("SW0001"));
  EXPECT_EQ(data->find("SWEpisodes")->cell(0, "SW_REASON"), std::nullopt);  // not a code
  // 2023/24: the 1/2 sex codes, and no episode open then.
  auto earlier = export_return(*store, 2024, clock, "test");
  ASSERT_TRUE(earlier);
  EXPECT_EQ(earlier->find("Episodes")->row_count, 0u);
  EXPECT_EQ(count_audit(*store), 2);  // each export is recorded
}

TEST(RoundTrip, ExportImportExportGivesIdenticalFiles) {
  for (std::string format : {"csv", "xml"}) {
    testing::TempDir dir;
    auto source = open_store(dir.file("source.db"));
    record_two_children(*source);
    ManualClock clock(Timestamp::at_start_of(day(2025, 5, 1)));
    auto first = export_return(*source, 2025, clock, "test");
    ASSERT_TRUE(first);
    ASSERT_TRUE(write_directory(*first, 2025, dir.path() / "first", format));

    auto target = open_store(dir.file("target.db"));
    ReadResult read = read_back(dir.path() / "first", 2025);
    std::vector<FileProblem> problems;
    auto imported =
        import_return(*target, read.data, 2025, read.file_of, codes(), clock, "test", problems);
    ASSERT_TRUE(imported) << imported.error().message
                          << (problems.empty() ? "" : "\n" + problems.front().text());
    EXPECT_EQ(imported->children_added, 2u);

    auto second = export_return(*target, 2025, clock, "test");
    ASSERT_TRUE(second);
    ASSERT_TRUE(write_directory(*second, 2025, dir.path() / "second", format));
    EXPECT_EQ(files_in(dir.path() / "first"), files_in(dir.path() / "second")) << format;
  }
}

TEST(Import, TheSameReturnTwiceUpdatesRatherThanDuplicates) {
  testing::TempDir dir;
  auto source = open_store(dir.file("source.db"));
  record_two_children(*source);
  ManualClock clock(Timestamp::at_start_of(day(2025, 5, 1)));
  auto exported = export_return(*source, 2025, clock, "test");
  ASSERT_TRUE(exported);
  ASSERT_TRUE(write_directory(*exported, 2025, dir.path() / "out", "csv"));
  ReadResult read = read_back(dir.path() / "out", 2025);
  auto target = open_store(dir.file("target.db"));
  std::vector<FileProblem> problems;
  ASSERT_TRUE(import_return(*target, read.data, 2025, read.file_of, codes(), clock, "t", problems));
  auto again = import_return(*target, read.data, 2025, read.file_of, codes(), clock, "t", problems);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->children_added, 0u);
  EXPECT_EQ(again->children_updated, 2u);
  auto second = export_return(*target, 2025, clock, "test");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->find("Episodes")->row_count, 2u);
  EXPECT_EQ(count_audit(*target), 3);  // two imports and one export
}

// A return whose only fault is on its last row: nothing of it may be stored.
TEST(Import, ARefusedCellLeavesTheStoreUnchanged) {
  testing::TempDir dir;
  auto target = open_store(dir.file("target.db"));
  ReadResult read;
  read_csv(
      "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\nK1,M,01/02/2012,WBRI,A123456789012,,\r\n"
      "K2,F,01/02/2013,WBRI,B123456789012,,\r\n",
      "header.csv", 2025, read);
  read_csv(
      "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,"
      "PL_POST,URN\r\nK1,01/05/2024,S,C2,N1,U1,PR1,,,,,,\r\nK2,31/02/2024,S,C2,N1,XX,PR1,,,,,,"
      "\r\n",
      "episodes.csv", 2025, read);
  ASSERT_TRUE(read.problems.empty());
  ManualClock clock(Timestamp::at_start_of(day(2025, 5, 1)));
  std::int64_t events = count_audit(*target);
  std::vector<FileProblem> problems;
  auto imported =
      import_return(*target, read.data, 2025, read.file_of, codes(), clock, "test", problems);
  ASSERT_FALSE(imported);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].file, "episodes.csv");
  EXPECT_EQ(problems[0].line, 3u);
  EXPECT_EQ(problems[0].column, "DECOM");
  EXPECT_NE(problems[0].reason.find("31/02/2024"), std::string::npos);
  EXPECT_EQ(problems[1].column, "PLACE");
  EXPECT_EQ(count_children(*target), 0);
  EXPECT_EQ(count_audit(*target), events);
}

// A fault only the case record's own rules find, after earlier rows were written inside the
// transaction: the transaction is rolled back, so those rows go too.
TEST(Import, ARecordRefusedInsideTheTransactionRollsEverythingBack) {
  testing::TempDir dir;
  auto target = open_store(dir.file("target.db"));
  ReadResult read;
  read_csv(
      "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\nK1,M,01/02/2012,WBRI,A123456789012,,\r\n"
      "K2,F,01/02/2013,WBRI,B123456789012,,\r\n",
      "header.csv", 2025, read);
  // A temporary placement (T0) with a provider, and a REC without a DEC: codes from the lists,
  // but not a record the case record accepts.
  read_csv(
      "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,"
      "PL_POST,URN\r\nK1,01/05/2024,S,C2,N1,U1,PR1,,,,,,\r\nK2,01/05/2024,S,C2,N1,T0,PR1,,E11,"
      ",,,\r\n",
      "episodes.csv", 2025, read);
  ManualClock clock(Timestamp::at_start_of(day(2025, 5, 1)));
  std::vector<FileProblem> problems;
  auto imported =
      import_return(*target, read.data, 2025, read.file_of, codes(), clock, "test", problems);
  ASSERT_FALSE(imported);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].file, "episodes.csv");
  EXPECT_EQ(problems[0].line, 3u);
  EXPECT_EQ(problems[0].column, "PLACE_PROVIDER");
  EXPECT_EQ(problems[1].column, "REC");
  EXPECT_EQ(count_children(*target), 0);
}

TEST(Import, AChildMissingFromHeaderIsNamed) {
  ReadResult read;
  read_csv("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\nK1,M,01/02/2012,WBRI,A123456789012,,\r\n",
           "header.csv", 2025, read);
  read_csv("CHILD,DOB,REVIEW,REVIEW_CODE\r\nK9,01/02/2012,01/06/2024,PN1\r\n", "reviews.csv", 2025,
           read);
  auto problems = check_cells(read.data, 2025, codes(), read.file_of);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].file, "reviews.csv");
  EXPECT_EQ(problems[0].line, 2u);
  EXPECT_EQ(problems[0].column, "CHILD");
}

TEST(Import, SexCodesFollowTheYear) {
  ReadResult read;
  read_csv("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\nK1,1,01/02/2012,WBRI,A123456789012,,\r\n",
           "header.csv", 2025, read);
  EXPECT_EQ(check_cells(read.data, 2025, codes(), read.file_of).size(), 1u);  // 2024/25: M/F/U
  ReadResult older;
  read_csv("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\nK1,1,01/02/2012,WBRI,A123456789012,,\r\n",
           "header.csv", 2024, older);
  EXPECT_TRUE(check_cells(older.data, 2024, codes(), older.file_of).empty());
}

}  // namespace
}  // namespace safeguard::ssda903
