#pragma once
// Hostile test captures: devices whose banners carry markup, script and broken UTF-8, for the
// report writers' escaping tests (tests/e2e/html_report.sh).
#include "camsweep/synth/frames.hpp"

namespace camsweep::synth {

// pcaps written by `camsweep-pcapgen write hostile-banners`: a Dahua-firmware camera whose DHIP
// DeviceType, SerialNo, Vendor and Version carry <script>, "><img onerror>, </title> and U+2028;
// an Axis-style camera whose DHCP hostname and vendor class (model) and SSDP SERVER carry markup
// and invalid UTF-8; a Huawei-style gateway whose SSDP SERVER carries an <iframe>; two more
// Dahua-firmware cameras whose model, serial and machine name carry terminal escapes (ESC, BEL,
// C1 CSI) and spreadsheet formulas starting with =, +, - and @ (tests/e2e/safe_output.sh).
PcapWriter hostile_banners();

}  // namespace camsweep::synth
