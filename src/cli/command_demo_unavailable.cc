// Temporary stand-in while the synthetic module is being built.
#include "cli/command.h"

namespace safeguard::cli {
void add_demo_command(CLI::App&, Runner&) {}
}  // namespace safeguard::cli
