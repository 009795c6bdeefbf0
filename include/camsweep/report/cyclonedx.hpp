#pragma once
// CycloneDX 1.5 JSON export of an inventory: every device a hardware component ("device"), its
// identity and verdict as "camsweep:" properties (docs/report-format.md, "CycloneDX").
#include <ostream>
#include <string>
#include <string_view>

#include "camsweep/inventory/inventory.hpp"
#include "camsweep/signatures/database.hpp"

namespace camsweep {

// Writes one CycloneDX 1.5 BOM as JSON (2-space indent, trailing newline). Its serialNumber is
// derived from the content (see cyclonedx_content_uuid), so the same inventory always yields the
// same document.
void write_cyclonedx(std::ostream& out, const Inventory& inventory, const SignatureDatabase& db);

// The name-based UUID (RFC 4122 version 5: SHA-1 of camsweep's BOM namespace UUID followed by
// `content`) in lower-case 8-4-4-4-12 form. write_cyclonedx passes the compact JSON of the BOM's
// metadata properties and components, so the serial number changes exactly when what the BOM
// says about the network changes (and not with the camsweep version).
std::string cyclonedx_content_uuid(std::string_view content);

}  // namespace camsweep
