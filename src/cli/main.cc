// safeguard: the command-line tool and (later) the web server of Safeguard, children's social care.
#include <CLI/CLI.hpp>

#include "cli/command.h"

int main(int argc, char** argv) {
  CLI::App app{
      "Safeguard: children's social care case records, safeguards and statutory returns.\n"
      "Every command has --help. Exit codes: 0 done, 1 a problem was found, 2 could not run."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("safeguard 0.1.0"));
  safeguard::cli::Runner runner;
  safeguard::cli::add_init_command(app, runner);
  safeguard::cli::add_demo_command(app, runner);
  safeguard::cli::add_summary_command(app, runner);
  safeguard::cli::add_audit_command(app, runner);
  safeguard::cli::add_backup_command(app, runner);
  safeguard::cli::add_user_command(app, runner);
  safeguard::cli::add_calendar_command(app, runner);
#ifdef SAFEGUARD_HAS_COMMAND_SERVE
  safeguard::cli::add_serve_command(app, runner);
#endif
#ifdef SAFEGUARD_HAS_COMMAND_WORKLIST
  safeguard::cli::add_worklist_command(app, runner);
#endif
#ifdef SAFEGUARD_HAS_COMMAND_REPORT
  safeguard::cli::add_report_command(app, runner);
#endif
#if defined(SAFEGUARD_HAS_COMMAND_RETURNS) || defined(SAFEGUARD_HAS_COMMAND_CIN) || \
    defined(SAFEGUARD_HAS_COMMAND_ANNEX_A)
  CLI::App* returns = app.add_subcommand(
      "returns", "Statutory returns: the SSDA903, the CIN census and Ofsted's Annex A");
  returns->require_subcommand(1);
#endif
#ifdef SAFEGUARD_HAS_COMMAND_RETURNS
  safeguard::cli::add_903_commands(*returns, runner);
#endif
#ifdef SAFEGUARD_HAS_COMMAND_CIN
  safeguard::cli::add_cin_commands(*returns, runner);
#endif
#ifdef SAFEGUARD_HAS_COMMAND_ANNEX_A
  safeguard::cli::add_annex_a_commands(*returns, runner);
#endif
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);
    return code == 0 ? 0 : safeguard::cli::kExitCannotRun;
  }
  return runner ? runner() : safeguard::cli::kExitCannotRun;
}
