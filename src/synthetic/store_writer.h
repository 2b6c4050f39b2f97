// Writes a simulated Model into the store (the synthetic module's only I/O). Each compact record
// becomes its domain record, is checked with domain::validate against the code lists for its
// dates (a generated record that fails is a bug, reported as an internal error naming it), and is
// inserted; tables go in foreign-key order, prepared in batches of kBatchRows on a second thread
// while this one inserts, and committed in transactions of kBatchRows up to kMaxTransactionRows
// (a quarter of a large table). Record i
// of a table is stored with id i + 1, and the writer checks that the store agrees, so the model's
// references are the stored ids. Identifiers (local ids, UPNs, NHS numbers) and addresses are
// derived from the seed and the record's position, so they need no memory before writing.
#pragma once

#include <cstdint>

#include "base/result.h"
#include "domain/codes.h"
#include "store/store.h"
#include "synthetic/model.h"
#include "synthetic/simulation.h"

namespace safeguard::synthetic {

inline constexpr std::size_t kBatchRows = 50'000;
inline constexpr std::size_t kMaxTransactionRows = 2'000'000;

// Writes every table of `model`. Progress runs from `from_fraction` to `to_fraction`.
Status write_model(store::Store& store, const domain::CodeLists& codes, const Model& model,
                   std::uint64_t seed, const ProgressFunction& progress, double from_fraction,
                   double to_fraction);

}  // namespace safeguard::synthetic
