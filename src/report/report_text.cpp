#include "report_text.hpp"

#include "camsweep/core/text.hpp"

namespace camsweep {

std::string json_text(std::string_view text) { return utf8_or_escaped(text); }

nlohmann::ordered_json json_text_or_null(std::string_view text) {
    return text.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(json_text(text));
}

double round3(double v) { return static_cast<double>(static_cast<long long>(v * 1000 + 0.5)) / 1000.0; }

std::string fit_columns(std::string_view text, std::size_t width, bool pad, bool keep_gap) {
    std::string clean = printable(text);
    const std::size_t room = pad && keep_gap ? width - 1 : width;
    auto is_continuation = [](char c) { return (static_cast<unsigned char>(c) & 0xc0) == 0x80; };
    std::size_t columns = 0, cut = clean.size();
    for (std::size_t i = 0; i < clean.size(); ++i) {
        if (is_continuation(clean[i])) continue;
        if (columns == room - 1 && cut == clean.size()) cut = i;
        ++columns;
    }
    if (columns > room) {
        clean = clean.substr(0, cut) + "~";
        columns = room;
    }
    return pad ? clean + std::string(width - columns, ' ') : clean;
}

std::string escape_html_entities(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string type_label(const Device& device) {
    std::string type = device.best_value("device_type");
    return type.empty() ? std::string(to_string(device.category)) : type;
}

}  // namespace camsweep
