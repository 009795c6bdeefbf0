#pragma once
// The compliance policy: from a classified device to a verdict, by walking the vendor
// relations valid on the audit date up to the listed entities (research/listings.md §8.3,
// docs/verdicts.md).
#include "camsweep/inventory/device.hpp"
#include "camsweep/signatures/database.hpp"

namespace camsweep {

Verdict judge(const Device& device, const SignatureDatabase& db, const Date& audit_date);

// Whether a judged device is a finding for `--fail-on LEVEL` ("covered", "likely-covered" or
// "unknown"; each level includes the ones before it). Unknown phones, laptops and printers
// (category it-other) are not findings: unknown surveillance, telecom and unidentified devices are.
bool is_finding(const Device& device, std::string_view level);

}  // namespace camsweep
