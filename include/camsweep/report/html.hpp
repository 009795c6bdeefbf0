#pragma once
// HTML report (docs/report-format.md §4): one self-contained HTML5 file with a summary, charts,
// a sortable and filterable device table and, per device, the evidence behind its verdict.
// No external resource of any kind; a Content-Security-Policy admits only the report's own
// inline script, by its SHA-256 hash. Every device string is HTML-escaped.
#include <ostream>
#include <string>
#include <string_view>

#include "camsweep/inventory/inventory.hpp"
#include "camsweep/signatures/database.hpp"

namespace camsweep {

void write_html(std::ostream& out, const Inventory& inventory, const SignatureDatabase& db);

// The escaping every string in the HTML report goes through: control characters and invalid
// UTF-8 become visible \xNN text, bidirectional-override characters visible \uXXXX text, then
// & < > " ' become character references. Safe in element content and quoted attribute values.
std::string html_escape(std::string_view text);

// The text of the report's one inline script (its hash is in the report's CSP).
std::string_view html_report_script();

}  // namespace camsweep
