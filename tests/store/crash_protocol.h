// What the crash writer writes, shared by the writer and the crash test so both agree on it.
#pragma once

#include <string>

namespace safeguard::crash {

// Child n is stored as local id "K<n>" with this many visits, in one transaction with one audit
// event.
inline int visits_for(long long n) { return 1 + static_cast<int>(n % 4); }
inline std::string local_id_for(long long n) { return "K" + std::to_string(n); }

}  // namespace safeguard::crash
