#include "annex_a/annex_a.h"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>

#include "audit/audit_trail.h"
#include "csv/csv.h"

namespace safeguard::annex_a {

std::string Cell::display() const { return date ? date->uk() : text; }

Status write_xlsx(const AnnexA& annex, const std::string& path) {
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (workbook == nullptr) return Error::unavailable(fmt::format("cannot create {}", path));
  lxw_format* header = workbook_add_format(workbook);
  format_set_bold(header);
  format_set_text_wrap(header);
  lxw_format* date_format = workbook_add_format(workbook);
  format_set_num_format(date_format, "dd/mm/yyyy");
  std::string problem;
  for (const List& list : annex.lists) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, list.name.c_str());
    if (sheet == nullptr) {
      problem = "cannot add the sheet " + list.name;
      break;
    }
    for (std::size_t c = 0; c < list.columns.size(); ++c) {
      auto column = static_cast<lxw_col_t>(c);
      worksheet_write_string(sheet, 0, column, list.columns[c].c_str(), header);
      worksheet_set_column(sheet, column, column, 18, nullptr);
    }
    worksheet_freeze_panes(sheet, 1, 0);
    for (std::size_t r = 0; r < list.rows.size() && problem.empty(); ++r) {
      auto row = static_cast<lxw_row_t>(r + 1);
      for (std::size_t c = 0; c < list.rows[r].size(); ++c) {
        const Cell& cell = list.rows[r][c];
        auto column = static_cast<lxw_col_t>(c);
        lxw_error written = LXW_NO_ERROR;
        if (cell.date) {
          lxw_datetime when{cell.date->year(), cell.date->month(), cell.date->day(), 0, 0, 0.0};
          written = worksheet_write_datetime(sheet, row, column, &when, date_format);
        } else if (!cell.text.empty()) {
          written = worksheet_write_string(sheet, row, column, cell.text.c_str(), nullptr);
        }
        if (written != LXW_NO_ERROR) {
          problem = fmt::format("{} row {}: {}", list.name, r + 1, lxw_strerror(written));
          break;
        }
      }
    }
  }
  lxw_error closed = workbook_close(workbook);
  if (!problem.empty()) return Error::internal(problem);
  if (closed != LXW_NO_ERROR) {
    return Error::unavailable(fmt::format("cannot write {}: {}", path, lxw_strerror(closed)));
  }
  return Status::success();
}

Result<std::vector<std::string>> write_csv(const AnnexA& annex, const std::string& directory) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error)
    return Error::unavailable(fmt::format("cannot create {}: {}", directory, error.message()));
  std::vector<std::string> files;
  for (const List& list : annex.lists) {
    std::string name = list.name;
    for (char& c : name) c = c == ' ' ? '_' : c;
    std::string path = (std::filesystem::path(directory) / (name + ".csv")).string();
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (!file) return Error::unavailable(fmt::format("cannot write {}", path));
    file << csv::format_record(list.columns);
    for (const auto& row : list.rows) {
      std::vector<std::string> fields;
      fields.reserve(row.size());
      for (const Cell& cell : row) fields.push_back(cell.display());
      file << csv::format_record(fields);
    }
    file.close();
    if (!file) return Error::unavailable(fmt::format("could not finish writing {}", path));
    files.push_back(path);
  }
  return files;
}

Result<AnnexA> export_annex_a(store::Store& store, const Clock& clock, Date as_of,
                              const std::string& actor) {
  AnnexA annex;
  Status status = store.write([&](store::Transaction& transaction) -> Status {
    auto built = build_annex_a(transaction, as_of);
    if (!built) return built.error();
    annex = std::move(*built);
    std::size_t rows = 0;
    for (const List& list : annex.lists) rows += list.rows.size();
    audit::Event event;
    event.actor = actor;
    event.action = "export";
    event.entity = "annex_a";
    event.entity_id = as_of.iso();
    event.reason = fmt::format("Ofsted Annex A as of {} ({} rows)", as_of.iso(), rows);
    auto appended = audit::append(transaction, clock, event);
    if (!appended) return appended.error();
    return Status::success();
  });
  if (!status) return status.error();
  return annex;
}

}  // namespace safeguard::annex_a
