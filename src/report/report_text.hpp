#pragma once
// Text helpers shared by the report writers (src/report only): how a device string becomes a
// JSON value, a fixed-width terminal cell or HTML text.
#include <nlohmann/json.hpp>

#include "camsweep/inventory/device.hpp"

#include <string>
#include <string_view>

namespace camsweep {

// A device string as a JSON string: always valid UTF-8 (invalid bytes become "\xNN" text).
std::string json_text(std::string_view text);
// Empty text is "absent": null, as everywhere in the reports.
nlohmann::ordered_json json_text_or_null(std::string_view text);
// Confidences and weights keep three decimals.
double round3(double v);

// A JSON array of `to_json(item)` for every item.
template <class Items, class ToJson>
nlohmann::ordered_json json_array_of(const Items& items, ToJson to_json) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& item : items) out.push_back(to_json(item));
    return out;
}

// Pads or cuts `text` to `width` terminal columns, counting UTF-8 characters (not bytes) and
// never splitting one; "~" marks a cut. The text passes through printable() first. With
// `keep_gap`, a padded cell always ends in at least one space, so columns never touch.
std::string fit_columns(std::string_view text, std::size_t width, bool pad, bool keep_gap);

// What a TYPE column shows: the device type a rule named, else the device's category
// ("surveillance" from a camera protocol, "unidentified").
std::string type_label(const Device& device);

// & < > " ' as character references: safe in element content and quoted attribute values.
// `text` must already be printable (no control characters or invalid UTF-8).
std::string escape_html_entities(std::string_view text);

}  // namespace camsweep
