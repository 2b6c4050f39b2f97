#include "cin_census/xml.h"

#include <fmt/format.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include <climits>
#include <memory>

extern const std::string_view safeguard_embedded_cin_schema_2023;
extern const std::string_view safeguard_embedded_cin_schema_2024;
extern const std::string_view safeguard_embedded_cin_schema_2025;
extern const std::string_view safeguard_embedded_cin_schema_2026;

namespace safeguard::cin_census {

namespace {

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

std::string trim(std::string_view text) {
  const char* spaces = " \t\r\n";
  auto first = text.find_first_not_of(spaces);
  if (first == std::string_view::npos) return {};
  auto last = text.find_last_not_of(spaces);
  return std::string(text.substr(first, last - first + 1));
}

std::string_view name_of(const xmlNode* node) {
  return node->name ? std::string_view(reinterpret_cast<const char*>(node->name)) : "";
}

int line_of(const xmlNode* node) {
  long line = xmlGetLineNo(node);
  return line < 0 || line > INT_MAX ? 0 : static_cast<int>(line);
}

bool has_element_children(const xmlNode* node) {
  for (const xmlNode* child = node->children; child; child = child->next) {
    if (child->type == XML_ELEMENT_NODE) return true;
  }
  return false;
}

Cell text_of(const xmlNode* node) {
  xmlChar* content = xmlNodeGetContent(node);
  if (content == nullptr) return std::nullopt;
  std::string value = trim(reinterpret_cast<const char*>(content));
  xmlFree(content);
  if (value.empty()) return std::nullopt;
  return value;
}

// Calls visit(child) for each element child of `node`.
template <typename Visit>
void for_each_element(const xmlNode* node, Visit&& visit) {
  for (const xmlNode* child = node->children; child; child = child->next) {
    if (child->type == XML_ELEMENT_NODE) visit(child);
  }
}

// Copies every leaf element under `node` into `table` row `row`, named as the element.
void copy_leaves(const xmlNode* node, Table& table, std::size_t row) {
  for_each_element(node, [&](const xmlNode* child) {
    if (!has_element_children(child)) table.set(row, name_of(child), text_of(child));
  });
}

// Parses with the safe options; refuses DOCTYPEs. The error names the line.
Result<DocPtr> parse(std::string_view xml) {
  if (xml.size() > static_cast<std::size_t>(INT_MAX)) {
    return Error::invalid("the file is too large to read as XML");
  }
  xmlInitParser();
  xmlParserCtxt* context = xmlNewParserCtxt();
  if (context == nullptr) return Error::internal("could not start the XML parser");
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  DocPtr doc(xmlCtxtReadMemory(context, xml.data(), static_cast<int>(xml.size()), "census.xml",
                               nullptr, options));
  if (!doc) {
    const xmlError* error = xmlCtxtGetLastError(context);
    std::string reason = error && error->message ? trim(error->message) : "not well-formed XML";
    int line = error ? error->line : 0;
    xmlFreeParserCtxt(context);
    return Error::invalid(
        fmt::format("line {}: the file is not well-formed XML: {}", line, reason));
  }
  xmlFreeParserCtxt(context);
  if (doc->intSubset != nullptr || doc->extSubset != nullptr) {
    return Error::invalid(
        "the file has a DOCTYPE declaration, which a CIN census file never needs; it is refused so "
        "that no entity in it is expanded or fetched");
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr || name_of(root) != "Message") {
    return Error::invalid(fmt::format(
        "line {}: the root element is <{}>, but a CIN census file starts with <Message>",
        root ? line_of(root) : 1, root ? name_of(root) : ""));
  }
  return doc;
}

void read_header(const xmlNode* header, Census& census) {
  Table& table = census.table("Header");
  std::size_t row = table.add_row(line_of(header));
  for_each_element(header, [&](const xmlNode* part) {
    if (name_of(part) == "CollectionDetails" || name_of(part) == "Source") {
      copy_leaves(part, table, row);
    }
  });
}

struct Ids {
  long cin = 0;
  long assessment = 0;
  long plan = 0;
};

void read_assessment(const xmlNode* node, const Cell& child_id, const std::string& cin_id, Ids& ids,
                     Census& census) {
  Table& assessments = census.table("Assessments");
  Table& factor_list = census.table("AssessmentFactorsList");
  std::string assessment_id = std::to_string(++ids.assessment);
  std::size_t row = assessments.add_row(line_of(node));
  assessments.set(row, "LAchildID", child_id);
  assessments.set(row, "CINdetailsID", cin_id);
  assessments.set(row, "AssessmentID", assessment_id);
  copy_leaves(node, assessments, row);
  std::string joined;
  for_each_element(node, [&](const xmlNode* part) {
    if (name_of(part) != "FactorsIdentifiedAtAssessment") return;
    for_each_element(part, [&](const xmlNode* factor) {
      if (name_of(factor) != "AssessmentFactors") return;
      Cell code = text_of(factor);
      std::size_t listed = factor_list.add_row(line_of(factor));
      factor_list.set(listed, "LAchildID", child_id);
      factor_list.set(listed, "CINdetailsID", cin_id);
      factor_list.set(listed, "AssessmentID", assessment_id);
      factor_list.set(listed, "AssessmentActualStartDate",
                      assessments.cell(row, "AssessmentActualStartDate"));
      factor_list.set(listed, "AssessmentAuthorisationDate",
                      assessments.cell(row, "AssessmentAuthorisationDate"));
      factor_list.set(listed, "AssessmentFactor", code);
      if (code) {
        if (!joined.empty()) joined += ',';
        joined += *code;
      }
    });
  });
  assessments.set(row, "AssessmentFactors", joined.empty() ? Cell() : Cell(joined));
}

void read_plan(const xmlNode* node, const Cell& child_id, const std::string& cin_id, Ids& ids,
               Census& census) {
  Table& plans = census.table("ChildProtectionPlans");
  std::string plan_id = std::to_string(++ids.plan);
  std::size_t row = plans.add_row(line_of(node));
  plans.set(row, "LAchildID", child_id);
  plans.set(row, "CINdetailsID", cin_id);
  plans.set(row, "CPPID", plan_id);
  copy_leaves(node, plans, row);
  for_each_element(node, [&](const xmlNode* part) {
    if (name_of(part) != "Reviews") return;
    Table& reviews = census.table("Reviews");
    for_each_element(part, [&](const xmlNode* review) {
      if (name_of(review) != "CPPreviewDate") return;
      std::size_t review_row = reviews.add_row(line_of(review));
      reviews.set(review_row, "LAchildID", child_id);
      reviews.set(review_row, "CINdetailsID", cin_id);
      reviews.set(review_row, "CPPID", plan_id);
      reviews.set(review_row, "CPPreviewDate", text_of(review));
    });
  });
}

void read_cin_details(const xmlNode* node, const Cell& child_id, Ids& ids, Census& census) {
  Table& details = census.table("CINdetails");
  std::string cin_id = std::to_string(++ids.cin);
  std::size_t row = details.add_row(line_of(node));
  details.set(row, "LAchildID", child_id);
  details.set(row, "CINdetailsID", cin_id);
  copy_leaves(node, details, row);
  for_each_element(node, [&](const xmlNode* part) {
    std::string_view name = name_of(part);
    if (name == "Assessments") {
      read_assessment(part, child_id, cin_id, ids, census);
    } else if (name == "CINPlanDates") {
      Table& plan_dates = census.table("CINplanDates");
      std::size_t plan_row = plan_dates.add_row(line_of(part));
      plan_dates.set(plan_row, "LAchildID", child_id);
      plan_dates.set(plan_row, "CINdetailsID", cin_id);
      copy_leaves(part, plan_dates, plan_row);
    } else if (name == "Section47") {
      Table& enquiries = census.table("Section47");
      std::size_t enquiry_row = enquiries.add_row(line_of(part));
      enquiries.set(enquiry_row, "LAchildID", child_id);
      enquiries.set(enquiry_row, "CINdetailsID", cin_id);
      copy_leaves(part, enquiries, enquiry_row);
    } else if (name == "ChildProtectionPlans") {
      read_plan(part, child_id, cin_id, ids, census);
    }
  });
}

void read_child(const xmlNode* child, Ids& ids, Census& census) {
  Cell child_id;
  for_each_element(child, [&](const xmlNode* part) {
    if (name_of(part) != "ChildIdentifiers") return;
    for_each_element(part, [&](const xmlNode* field) {
      if (name_of(field) == "LAchildID") child_id = text_of(field);
    });
  });
  for_each_element(child, [&](const xmlNode* part) {
    std::string_view name = name_of(part);
    if (name == "ChildIdentifiers") {
      Table& identifiers = census.table("ChildIdentifiers");
      std::size_t row = identifiers.add_row(line_of(part));
      copy_leaves(part, identifiers, row);
      identifiers.set(row, "LAchildID", child_id);
    } else if (name == "ChildCharacteristics") {
      Table& characteristics = census.table("ChildCharacteristics");
      std::size_t row = characteristics.add_row(line_of(part));
      characteristics.set(row, "LAchildID", child_id);
      copy_leaves(part, characteristics, row);
      for_each_element(part, [&](const xmlNode* group) {
        if (name_of(group) != "Disabilities") return;
        Table& disabilities = census.table("Disabilities");
        for_each_element(group, [&](const xmlNode* code) {
          if (name_of(code) != "Disability") return;
          std::size_t disability_row = disabilities.add_row(line_of(code));
          disabilities.set(disability_row, "LAchildID", child_id);
          disabilities.set(disability_row, "Disability", text_of(code));
        });
      });
    } else if (name == "CINdetails") {
      read_cin_details(part, child_id, ids, census);
    }
  });
}

struct ProblemSink {
  std::vector<XmlProblem>* problems;
};

void collect_problem(void* user_data, xmlErrorPtr error) {
  auto* sink = static_cast<ProblemSink*>(user_data);
  if (error == nullptr || sink->problems->size() >= 1000) return;
  XmlProblem problem;
  problem.line = error->line;
  if (error->node != nullptr) {
    const auto* node = static_cast<const xmlNode*>(error->node);
    problem.element = std::string(name_of(node));
    if (problem.line == 0) problem.line = line_of(node);
  }
  problem.reason = error->message ? trim(error->message) : "does not match the schema";
  sink->problems->push_back(std::move(problem));
}

}  // namespace

std::string XmlProblem::text() const {
  if (element.empty()) return fmt::format("line {}: {}", line, reason);
  return fmt::format("line {}, element <{}>: {}", line, element, reason);
}

std::vector<int> schema_years() { return {2023, 2024, 2025, 2026}; }

Result<std::string_view> schema_for_year(int year) {
  switch (year) {
    case 2023:
      return safeguard_embedded_cin_schema_2023;
    case 2024:
      return safeguard_embedded_cin_schema_2024;
    case 2025:
      return safeguard_embedded_cin_schema_2025;
    case 2026:
      return safeguard_embedded_cin_schema_2026;
    default:
      return Error::not_found(fmt::format(
          "there is no CIN census schema for collection year {} (ending 31 March {}); Safeguard "
          "knows 2023 to 2026",
          year, year));
  }
}

Result<Census> read_census_xml(std::string_view xml) {
  auto doc = parse(xml);
  if (!doc) return doc.error();
  Census census;
  for (const char* name : kTableNames) census.table(name);
  Ids ids;
  const xmlNode* root = xmlDocGetRootElement(doc->get());
  for_each_element(root, [&](const xmlNode* part) {
    if (name_of(part) == "Header") {
      read_header(part, census);
    } else if (name_of(part) == "Children") {
      for_each_element(part, [&](const xmlNode* child) {
        if (name_of(child) == "Child") read_child(child, ids, census);
      });
    }
  });
  return census;
}

Result<std::vector<XmlProblem>> check_against_schema(std::string_view xml, int year) {
  auto schema_text = schema_for_year(year);
  if (!schema_text) return schema_text.error();
  auto doc = parse(xml);
  if (!doc) return doc.error();

  std::vector<XmlProblem> problems;
  ProblemSink sink{&problems};
  std::vector<XmlProblem> schema_problems;
  ProblemSink schema_sink{&schema_problems};
  xmlSchemaParserCtxt* parser =
      xmlSchemaNewMemParserCtxt(schema_text->data(), static_cast<int>(schema_text->size()));
  if (parser == nullptr) return Error::internal("could not read the built-in CIN census schema");
  xmlSchemaSetParserStructuredErrors(parser, collect_problem, &schema_sink);
  xmlSchema* schema = xmlSchemaParse(parser);
  xmlSchemaFreeParserCtxt(parser);
  if (schema == nullptr) {
    return Error::internal(fmt::format(
        "the built-in CIN census schema for {} does not load: {}", year,
        schema_problems.empty() ? std::string("unknown reason") : schema_problems.front().text()));
  }
  xmlSchemaValidCtxt* validator = xmlSchemaNewValidCtxt(schema);
  if (validator == nullptr) {
    xmlSchemaFree(schema);
    return Error::internal("could not start the schema validator");
  }
  xmlSchemaSetValidStructuredErrors(validator, collect_problem, &sink);
  int outcome = xmlSchemaValidateDoc(validator, doc->get());
  xmlSchemaFreeValidCtxt(validator);
  xmlSchemaFree(schema);
  if (outcome != 0 && problems.empty()) {
    problems.push_back(XmlProblem{0, "", "the file does not match the CIN census schema"});
  }
  return problems;
}

}  // namespace safeguard::cin_census
