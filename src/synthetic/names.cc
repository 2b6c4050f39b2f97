#include "synthetic/names.h"

#include <fmt/format.h>

#include <iterator>

namespace safeguard::synthetic {
namespace {

constexpr std::string_view kBoys[] = {
    "Oliver",  "George",   "Noah",   "Arthur", "Harry",     "Leo",     "Muhammad", "Jack",
    "Charlie", "Oscar",    "Jacob",  "Henry",  "Thomas",    "Freddie", "Alfie",    "Theo",
    "William", "Theodore", "Archie", "Joshua", "Alexander", "James",   "Isaac",    "Edward",
    "Lucas",   "Tommy",    "Finley", "Max",    "Logan",     "Ethan",   "Mason",    "Harrison",
    "Daniel",  "Adam",     "Reuben", "Samuel", "Riley",     "Dylan",   "Liam",     "Kai",
    "Tyler",   "Callum",   "Connor", "Kieran", "Jayden",    "Ryan",    "Lewis",    "Aaron",
    "Ibrahim", "Yusuf",    "Ali",    "Omar",   "Zain",      "Ayaan",   "Kofi",     "Tobi",
    "Mateo",   "Luca",     "Jakub",  "Filip",  "Ahmad",     "Dawit",   "Elias",    "Kian"};

constexpr std::string_view kGirls[] = {
    "Olivia",    "Amelia",  "Isla",    "Ava",     "Ivy",      "Freya",  "Lily",     "Florence",
    "Mia",       "Willow",  "Rosie",   "Sophia",  "Isabella", "Grace",  "Daisy",    "Sienna",
    "Poppy",     "Elsie",   "Emily",   "Ella",    "Evelyn",   "Phoebe", "Sofia",    "Evie",
    "Charlotte", "Harper",  "Millie",  "Matilda", "Ruby",     "Alice",  "Maya",     "Chloe",
    "Jessica",   "Lacey",   "Leah",    "Megan",   "Holly",    "Paige",  "Courtney", "Jade",
    "Keira",     "Bethany", "Shannon", "Kayla",   "Demi",     "Tia",    "Layla",    "Nevaeh",
    "Aisha",     "Fatima",  "Zara",    "Maryam",  "Hafsa",    "Amara",  "Adaeze",   "Esme",
    "Zuzanna",   "Maja",    "Elena",   "Nadia",   "Selam",    "Hana",   "Ayla",     "Hope"};

constexpr std::string_view kFamilies[] = {
    "Smith",     "Jones",     "Williams", "Taylor",  "Brown",    "Davies",     "Evans",
    "Wilson",    "Thomas",    "Johnson",  "Roberts", "Robinson", "Thompson",   "Wright",
    "Walker",    "White",     "Edwards",  "Hughes",  "Green",    "Hall",       "Lewis",
    "Harris",    "Clarke",    "Patel",    "Jackson", "Wood",     "Turner",     "Martin",
    "Cooper",    "Hill",      "Ward",     "Morris",  "Moore",    "Clark",      "Lee",
    "King",      "Baker",     "Harrison", "Morgan",  "Allen",    "James",      "Scott",
    "Phillips",  "Watson",    "Davis",    "Parker",  "Price",    "Bennett",    "Young",
    "Griffiths", "Mitchell",  "Kelly",    "Cook",    "Carter",   "Richardson", "Bailey",
    "Collins",   "Bell",      "Shaw",     "Murphy",  "Miller",   "Cox",        "Richards",
    "Khan",      "Marshall",  "Anderson", "Simpson", "Ellis",    "Adams",      "Singh",
    "Begum",     "Wilkinson", "Foster",   "Chapman", "Powell",   "Webb",       "Rogers",
    "Gray",      "Mason",     "Ali",      "Hunt",    "Hussain",  "Campbell",   "Matthews",
    "Owen",      "Palmer",    "Holmes",   "Mills",   "Barnes",   "Knight",     "Lloyd",
    "Butler",    "Russell",   "Barker",   "Fisher",  "Stevens",  "Jenkins",    "Okafor",
    "Mensah",    "Nowak"};

constexpr std::string_view kStreets[] = {
    "Elm Road",       "Station Road",   "Church Street", "Victoria Road",  "Park Avenue",
    "Mill Lane",      "Queens Road",    "Kings Road",    "Grove Road",     "Albert Street",
    "New Street",     "High Street",    "Chapel Lane",   "Manor Way",      "Orchard Close",
    "Windsor Road",   "York Street",    "Brook Lane",    "Willow Court",   "Beech Grove",
    "Oak Crescent",   "Cedar Drive",    "Meadow View",   "School Lane",    "North Street",
    "South Parade",   "Riverside Walk", "Canal Street",  "Bridge Road",    "Green Lane",
    "Castle Street",  "Market Place",   "Farm Close",    "Hawthorn Way",   "Rowan Drive",
    "Ash Tree Close", "Holly Road",     "Fern Bank",     "Northbrook Way", "Brookside"};

constexpr std::string_view kOutOfArea[] = {"B23", "M14", "LS11", "S5",  "NG7", "LE4", "ST6",
                                           "BD3", "DN4", "HU9",  "WS2", "L36", "BB1", "TS3"};

// Letters used in the inward part of a postcode (no C, I, K, M, O or V).
constexpr std::string_view kInwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

}  // namespace

std::span<const std::string_view> boys_names() { return kBoys; }
std::span<const std::string_view> girls_names() { return kGirls; }
std::span<const std::string_view> family_names() { return kFamilies; }
std::span<const std::string_view> out_of_area_outward_codes() { return kOutOfArea; }

std::string outward_code(int district) { return fmt::format("{}{}", kPostcodeArea, district); }

std::string postcode(int district, std::uint64_t hash) {
  const std::size_t letters = kInwardLetters.size();
  return fmt::format("{}{} {}{}{}", kPostcodeArea, district, hash % 10,
                     kInwardLetters[(hash / 10) % letters],
                     kInwardLetters[(hash / 10 / letters) % letters]);
}

std::string street_address(std::uint64_t hash) {
  return fmt::format("{} {}", 1 + hash % 180, kStreets[(hash / 180) % std::size(kStreets)]);
}

std::string nhs_number(std::uint64_t hash) {
  std::string digits = fmt::format("999{:06}", hash % 1'000'000);
  for (int attempt = 0; attempt < 10; ++attempt) {
    int sum = 0;
    for (int i = 0; i < 9; ++i) sum += (digits[static_cast<std::size_t>(i)] - '0') * (10 - i);
    int check = 11 - sum % 11;
    if (check == 11) check = 0;
    if (check != 10) return digits + static_cast<char>('0' + check);
    // No check digit exists for this stem: move the last digit on and try again.
    digits[8] = static_cast<char>('0' + (digits[8] - '0' + 1) % 10);
  }
  return "9990000001";  // unreachable: one of ten consecutive stems always has a check digit
}

char upn_check_letter(std::string_view last_twelve) {
  static constexpr std::string_view kLetters = "ABCDEFGHJKLMNPQRTUVWXYZ";
  int sum = 0;
  for (std::size_t i = 0; i < last_twelve.size(); ++i) {
    char c = last_twelve[i];
    int value = (c >= '0' && c <= '9') ? c - '0' : 0;
    sum += value * static_cast<int>(i + 2);
  }
  return kLetters[static_cast<std::size_t>(sum % 23)];
}

std::string unique_pupil_number(std::uint64_t hash) {
  // LA code, establishment number, two-digit year of allocation and a serial.
  std::string rest = fmt::format("999{:04}{:02}{:03}", 2000 + hash % 7000, 10 + (hash / 7000) % 16,
                                 (hash / 112000) % 1000);
  return upn_check_letter(rest) + rest;
}

}  // namespace safeguard::synthetic
