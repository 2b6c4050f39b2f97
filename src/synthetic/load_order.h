// Puts a simulated Model in the order that loads fastest: every table that belongs to a child is
// sorted by child, then date (supervision by worker, then date), and every reference is remapped to
// the new positions. The store indexes those tables by (child_id, date), so rows arriving in that
// order append to the indexes instead of touching pages all over them; loading takes about half
// the time. Ids therefore follow the child, not the calendar. Pure and deterministic (ties are
// broken by the old position).
#pragma once

#include "synthetic/model.h"

namespace safeguard::synthetic {

void order_for_loading(Model& model);

}  // namespace safeguard::synthetic
