#pragma once
// Classification: signature rules and MAC OUIs turn a device's observations into weighted
// evidence, and the evidence into scored attributes (vendor, brand, model, firmware, ...).
#include "camsweep/inventory/device.hpp"
#include "camsweep/signatures/database.hpp"

namespace camsweep {

// Fills the device's evidence, attributes and category.
void classify(Device& device, const SignatureDatabase& db);

// The category of a classified device: from its device type when a rule named one, else from
// the device side of a protocol only surveillance equipment speaks (a SADP or DHIP answer, an
// ONVIF or RTSP server's reply, the camera makers' own discovery answers; never a client's
// search or request); "unidentified" when nothing says what it is.
DeviceCategory category_of(const Device& device);

}  // namespace camsweep
