#include "synthetic/texts.h"

#include <iterator>

namespace safeguard::synthetic {
namespace {

template <std::size_t N>
std::string_view choose(const std::string_view (&options)[N], std::uint8_t pick) {
  return options[pick % N];
}

constexpr std::string_view kPolice[] = {
    "Police notification: domestic abuse incident at the family home, children present",
    "Police: child found out late at night in the town centre, returned home",
    "Police: concerns for the children after a parent was arrested",
    "Police: child reported missing overnight, found safe the next morning",
    "Police: concerns about the child's association with older young people and drugs"};
constexpr std::string_view kSchool[] = {
    "School: child arrived hungry and unkempt on several days this term",
    "School: child disclosed being hit at home; bruise seen on the arm",
    "School: persistent absence and no response from parents",
    "School: marked change in behaviour, withdrawn and tearful",
    "School: child said they are worried about a parent's drinking"};
constexpr std::string_view kHealth[] = {
    "GP: concerns about a parent's mental health and the care of the baby",
    "Health visitor: poor home conditions and missed appointments",
    "Emergency department: injury not consistent with the explanation given",
    "Midwife: pre-birth concerns, previous children removed from a parent's care",
    "School nurse: child disclosed self-harm"};
constexpr std::string_view kServices[] = {
    "Early help: family disengaged from the support plan, concerns increasing",
    "Housing: family facing eviction, overcrowding and rent arrears",
    "Youth service: concerns about exploitation",
    "Adult social care: parent's needs affecting the care of the children"};
constexpr std::string_view kIndividual[] = {
    "Relative worried about the parents' drinking and the children's care",
    "Neighbour heard shouting and a child crying late at night",
    "Young person asked for help: arguments at home, does not want to go back",
    "Parent asking for support, struggling to cope with the child's behaviour"};
constexpr std::string_view kOther[] = {
    "Probation: risk information about an adult now living in the household",
    "Anonymous caller concerned that young children are left alone",
    "Another local authority: family has moved into the area, previously known",
    "Voluntary organisation: concerns raised at a parenting group"};

constexpr std::string_view kAssessmentNotes[] = {
    "Assessment visit: spoke with parents and child; home conditions seen",
    "Assessment visit: child seen in school, views gathered",
    "Assessment visit: explored family history and support network"};
constexpr std::string_view kChildInNeedNotes[] = {
    "Child in need visit: plan reviewed with the family; progress with school attendance",
    "Child in need visit: child seen in their bedroom, spoke about friends and school",
    "Child in need visit: discussed support from early help and the family's wishes"};
constexpr std::string_view kProtectionNotes[] = {
    "Child protection visit: unannounced; home conditions adequate, child seen",
    "Child protection visit: spoke with the child alone about how things are at home",
    "Child protection visit: reviewed the safety plan with parents",
    "Child protection visit: checked the baby's sleeping arrangements and feeding"};
constexpr std::string_view kLookedAfterNotes[] = {
    "Statutory visit: child settled in placement, spoke about contact with family",
    "Statutory visit: met with carers; school and health appointments discussed",
    "Statutory visit: child seen alone in their room, wishes and feelings recorded",
    "Statutory visit: discussed pathway plan and college"};
constexpr std::string_view kNotSeen[] = {
    "Visit attempted: no answer at the door, card left",
    "Visit: child not at home, parent seen; visit rearranged",
    "Visit: child declined to speak with the social worker today"};

constexpr CaseNoteText kCaseNotes[] = {
    {"Telephone call with school",
     "Spoke with the designated safeguarding lead; attendance improving."},
    {"Management oversight",
     "Case discussed in supervision; plan remains appropriate, next steps agreed."},
    {"Core group", "Core group held; actions reviewed and updated."},
    {"Contact with parent", "Parent called to discuss arrangements for family time."},
    {"Health", "Initial health assessment booked; dental check outstanding."},
    {"Legal planning",
     "Legal gateway meeting: threshold discussed, letter before proceedings agreed."},
    {"Strategy discussion",
     "Strategy discussion with police and health; section 47 enquiry to continue."},
    {"Placement", "Carers report the child is settling; bedtime routine established."},
    {"Education", "PEP meeting held with the virtual school; targets set for the term."},
    {"Direct work", "Life story work session completed with the child."}};

}  // namespace

std::string_view contact_summary(std::string_view source, std::uint8_t pick) {
  if (source == "6") return choose(kPolice, pick);
  if (source == "2A" || source == "2B") return choose(kSchool, pick);
  if (!source.empty() && source[0] == '3') return choose(kHealth, pick);
  if (!source.empty() && (source[0] == '4' || source[0] == '5')) return choose(kServices, pick);
  if (!source.empty() && source[0] == '1') return choose(kIndividual, pick);
  return choose(kOther, pick);
}

std::string_view visit_note(VisitKind kind, bool child_seen, std::uint8_t pick) {
  if (!child_seen) return choose(kNotSeen, pick);
  switch (kind) {
    case VisitKind::kAssessment:
      return choose(kAssessmentNotes, pick);
    case VisitKind::kChildInNeed:
      return choose(kChildInNeedNotes, pick);
    case VisitKind::kChildProtection:
      return choose(kProtectionNotes, pick);
    case VisitKind::kLookedAfter:
      return choose(kLookedAfterNotes, pick);
  }
  return choose(kChildInNeedNotes, pick);
}

CaseNoteText case_note_text(std::uint8_t pick) { return kCaseNotes[pick % std::size(kCaseNotes)]; }

}  // namespace safeguard::synthetic
