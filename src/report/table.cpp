// Terminal table: one line per device plus the reason for its verdict, within the terminal's
// width (108 columns in full; from 60 up the addresses go under the device line).
// Device strings pass through printable(): a banner cannot move the cursor or recolour the
// auditor's terminal.
#include <cstdio>

#include "camsweep/core/text.hpp"
#include "camsweep/report/notices.hpp"
#include "camsweep/report/writers.hpp"
#include "report_text.hpp"

namespace camsweep {
namespace {

constexpr int kFullWidth = 108;
constexpr int kNarrowest = 60;  // ID, verdict, type and maker, and a few columns of model

// A padded cell always ends in at least one space, so columns never touch.
std::string fit(std::string_view text, std::size_t width, bool pad = true) { return fit_columns(text, width, pad, /*keep_gap=*/true); }

const char* colour_of(VerdictStatus s) {
    switch (s) {
        case VerdictStatus::covered: return "\033[1;31m";
        case VerdictStatus::likely_covered: return "\033[33m";
        case VerdictStatus::not_covered: return "\033[32m";
        default: return "\033[35m";
    }
}

// `text` in lines of at most `room` bytes, broken at spaces, each indented by `indent`.
void write_wrapped(std::ostream& out, const std::string& text, std::size_t indent, std::size_t room) {
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t len = std::min(room, text.size() - pos);
        if (pos + len < text.size()) {
            auto space = text.rfind(' ', pos + len);
            if (space != std::string::npos && space > pos) len = space - pos;
        }
        out << std::string(indent, ' ') << text.substr(pos, len) << '\n';
        pos += len;
        while (pos < text.size() && text[pos] == ' ') ++pos;
    }
}

}  // namespace

std::string verdict_counts(const Inventory& inventory) {
    int counts[4] = {0, 0, 0, 0};
    for (const auto& d : inventory.devices) ++counts[static_cast<int>(d.verdict.status)];
    return std::to_string(counts[0]) + " covered, " + std::to_string(counts[1]) + " likely-covered, " +
           std::to_string(counts[2]) + " not-covered, " + std::to_string(counts[3]) + " unknown";
}

void write_table(std::ostream& out, const Inventory& inventory, const SignatureDatabase& db, const TableOptions& options) {
    const char* reset = options.color ? "\033[0m" : "";
    const bool narrow = options.width >= kNarrowest && options.width < kFullWidth;
    const std::size_t width = narrow ? static_cast<std::size_t>(options.width) : kFullWidth;
    const std::size_t model_width = narrow ? width - 59 : 16;  // 59: ID, verdict, type, maker
    if (options.verbosity >= 1) {
        out << fit("ID", 8) << fit("VERDICT", 20) << fit("TYPE", 13) << fit("MAKER / BRAND", 18);
        if (narrow) out << "MODEL\n";
        else out << fit("MODEL", 16) << fit("IP", 16) << "MAC\n";
        for (const auto& d : inventory.devices) {
            std::string maker = d.best("vendor") ? db.display_name(d.best_value("vendor")) : "?";
            if (auto* brand = d.best("brand"); brand && brand->value != d.best_value("vendor"))
                maker += " / " + db.display_name(brand->value);
            std::string verdict = to_upper(to_string(d.verdict.status));
            char conf[16];
            std::snprintf(conf, sizeof conf, " %.2f", d.verdict.confidence);
            std::string ip = d.ips.empty() ? "-" : d.ips.back().to_string();
            std::string mac = d.macs.empty() ? "-" : d.macs.front().to_string();
            const std::string model = d.best_value("model").empty() ? "-" : d.best_value("model");
            out << fit(d.id, 8) << (options.color ? colour_of(d.verdict.status) : "") << fit(verdict + conf, 20) << reset
                << fit(type_label(d), 13) << fit(maker, 18);
            if (narrow) out << fit(model, model_width, /*pad=*/false) << '\n';
            else out << fit(model, 16) << fit(ip, 16) << mac << '\n';
            std::string why = narrow ? "IP " + ip + ", MAC " + mac + ". " + d.verdict.reason : d.verdict.reason;
            if (!d.verdict.listings.empty()) {
                why += ". Listed: ";
                for (std::size_t i = 0; i < d.verdict.listings.size(); ++i) {
                    const auto& hit = d.verdict.listings[i];
                    why += (i ? "; " : "") + hit.regime_name + hit.paragraph;
                }
            }
            if (d.verdict.purpose_qualified) why += ". Covered when used for the purposes of §889(f)(3)(B)";
            if (!d.verdict.other_listings.empty()) {
                why += ". Producer also on: ";
                for (std::size_t i = 0; i < d.verdict.other_listings.size(); ++i)
                    why += (i ? ", " : "") + d.verdict.other_listings[i].regime_name;
            }
            if (!d.parent_id.empty()) why += ". Channel " + d.channel + " behind " + d.parent_id;
            // Wrap the reason under the device line.
            const std::size_t indent = 8;
            write_wrapped(out, printable(why), indent, width - indent);
            if (options.verbosity >= 2) {
                for (const auto& e : d.evidence) {
                    char w[16];
                    std::snprintf(w, sizeof w, "%.2f", e.weight);
                    std::string item = "- w=" + std::string(w) + " " + e.rule_id + " [" + e.field + "=" + e.value + "]";
                    out << std::string(indent, ' ') << fit(item, width - indent, /*pad=*/false) << '\n';
                }
            }
        }
        out << '\n';
    }
    out << inventory.devices.size() << " devices: " << verdict_counts(inventory) << '\n';
    if (options.verbosity >= 1)
        out << "Audit date " << inventory.audit_date.to_string() << "; listings as of " << inventory.listings_as_of
            << (narrow ? ".\n" : ". ") << "Evidence and citations: --format json.\n";
    // Whatever the verbosity: a report that is incomplete or judged on old lists must say so.
    for (const auto& notice : report_notices(inventory)) {
        const std::string text = std::string(options.color ? "\033[1;33m" : "") + "WARNING: " + reset + notice.text;
        write_wrapped(out, text, 0, width);
    }
}

}  // namespace camsweep
