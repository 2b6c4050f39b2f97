// Names, addresses and identifiers for synthetic people and places: small built-in lists of common
// first and family names, a postcode area no real town uses ("NB", Northbrook), NHS numbers in the
// 999 range the NHS keeps for testing (with a valid modulus-11 check digit) and unique pupil
// numbers with a valid check letter under a local authority code no council has (999). Nobody real.
// Everything here is a pure function of its arguments.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace safeguard::synthetic {

std::span<const std::string_view> boys_names();
std::span<const std::string_view> girls_names();
std::span<const std::string_view> family_names();

// The authority's (fictional) postcode area and its number of districts (NB1 .. NB18).
inline constexpr std::string_view kPostcodeArea = "NB";
inline constexpr int kPostcodeDistricts = 18;

// "NB7" for district 7.
std::string outward_code(int district);
// A full postcode in `district`, e.g. "NB7 2QT"; `hash` picks the inward part.
std::string postcode(int district, std::uint64_t hash);
// First line of an address, e.g. "14 Elm Road".
std::string street_address(std::uint64_t hash);
// Outward codes of places outside the authority where children are placed (out of area).
std::span<const std::string_view> out_of_area_outward_codes();

// Ten digits starting 999 with a valid modulus-11 check digit.
std::string nhs_number(std::uint64_t hash);
// Thirteen characters: check letter, LA code 999, establishment, year and serial.
std::string unique_pupil_number(std::uint64_t hash);
// The DfE check letter for the twelve characters after it.
char upn_check_letter(std::string_view last_twelve);

}  // namespace safeguard::synthetic
