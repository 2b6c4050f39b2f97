// The short free text of synthetic records: what a contact said, a visit's note, a case note. A
// handful of plausible sentences each, chosen by a number the simulation drew; no real case.
#pragma once

#include <cstdint>
#include <string_view>

#include "synthetic/model.h"

namespace safeguard::synthetic {

// What a contact from `source` (a ReferralSource code) said.
std::string_view contact_summary(std::string_view source, std::uint8_t pick);

std::string_view visit_note(VisitKind kind, bool child_seen, std::uint8_t pick);

struct CaseNoteText {
  std::string_view subject;
  std::string_view text;
};
CaseNoteText case_note_text(std::uint8_t pick);

}  // namespace safeguard::synthetic
