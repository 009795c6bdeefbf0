#pragma once
// The compliance policy: from a classified device to a verdict, by walking the vendor
// relations valid on the audit date up to the listed entities (research/listings.md §8.3,
// docs/verdicts.md).
#include "camsweep/inventory/device.hpp"
#include "camsweep/signatures/database.hpp"

namespace camsweep {

Verdict judge(const Device& device, const SignatureDatabase& db, const Date& audit_date);

}  // namespace camsweep
