#pragma once
// Classification: signature rules and MAC OUIs turn a device's observations into weighted
// evidence, and the evidence into scored attributes (vendor, brand, model, firmware, ...).
#include "camsweep/inventory/device.hpp"
#include "camsweep/signatures/database.hpp"

namespace camsweep {

void classify(Device& device, const SignatureDatabase& db);

}  // namespace camsweep
