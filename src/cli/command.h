// The command line: each command registers itself on the CLI11 app and runs when chosen.
// Conventions for every command: --help; exit 0 on success, 1 when the command ran and found a
// problem (a broken audit chain, failed validation), 2 when it could not run (bad arguments,
// unreadable file); a one-line reason on standard error; progress on standard error when it is a
// terminal.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace safeguard::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitProblemFound = 1;
inline constexpr int kExitCannotRun = 2;

// Set by the chosen command; main returns it.
using Runner = std::function<int()>;

void add_init_command(CLI::App& app, Runner& runner);
void add_demo_command(CLI::App& app, Runner& runner);
void add_summary_command(CLI::App& app, Runner& runner);
void add_audit_command(CLI::App& app, Runner& runner);
void add_backup_command(CLI::App& app, Runner& runner);
void add_user_command(CLI::App& app, Runner& runner);
void add_calendar_command(CLI::App& app, Runner& runner);
// Commands of later modules; each is registered by main.cc only when its source file exists
// (src/cli/CMakeLists.txt defines SAFEGUARD_HAS_COMMAND_<NAME>).
void add_serve_command(CLI::App& app, Runner& runner);     // command_serve.cc
void add_worklist_command(CLI::App& app, Runner& runner);  // command_worklist.cc
void add_report_command(CLI::App& app, Runner& runner);    // command_report.cc
// Subcommands of `safeguard returns`.
void add_903_commands(CLI::App& returns, Runner& runner);      // command_returns.cc
void add_cin_commands(CLI::App& returns, Runner& runner);      // command_cin.cc
void add_annex_a_commands(CLI::App& returns, Runner& runner);  // command_annex_a.cc

// Prints "safeguard: <message>" on standard error and returns the exit code for the error.
int report_error(const Error& error);

// Progress for work longer than a second: a line on standard error, redrawn in place, shown only
// when standard error is a terminal.
class Progress {
 public:
  explicit Progress(std::string task);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  void update(double fraction, std::string_view stage);
  void count(long long done, std::string_view unit);

 private:
  std::string task_;
  bool enabled_;
  bool drawn_ = false;
};

}  // namespace safeguard::cli
