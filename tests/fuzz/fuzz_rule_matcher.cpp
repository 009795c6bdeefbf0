// libFuzzer target: one fingerprint rule applied to one value. Input: a control byte (bits 0-1:
// exact, prefix, contains, regex; bit 2: case-insensitive), the pattern's length (16 bits,
// big-endian), the pattern, then the value. Regexes compile with the loader's RE2 options;
// the rule's claims use every template group.
#include <memory>

#include <re2/re2.h>

#include "fuzz_common.hpp"
#include "camsweep/signatures/matcher.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    ByteCursor cursor(Bytes(data, size));
    std::uint8_t control = 0;
    std::uint16_t length = 0;
    Bytes pattern;
    if (!cursor.u8(control) || !cursor.be16(length) || !cursor.bytes(std::min<std::size_t>(length, cursor.remaining()), pattern))
        return 0;
    Rule rule;
    rule.id = "fuzz";
    rule.field = "http.server";
    rule.kind = static_cast<MatchKind>(control & 3);
    rule.case_insensitive = (control & 4) != 0;
    rule.pattern = std::string(as_text(pattern));
    rule.sets = {{"vendor", "fuzz"}, {"model", "{1}-{2} {9}"}, {"firmware", "{0}{"}, {"serial", "{3}{4}{5}{6}{7}{8}"}};
    if (rule.kind == MatchKind::regex) {
        // As in src/signatures/loader.cpp.
        re2::RE2::Options options;
        options.set_case_sensitive(!rule.case_insensitive);
        options.set_log_errors(false);
        options.set_max_mem(8 << 20);
        auto re = std::make_shared<re2::RE2>(rule.pattern, options);
        if (!re->ok() || re->NumberOfCapturingGroups() > 9) return 0;
        rule.regex = std::move(re);
    }
    auto match = match_rule(rule, as_text(cursor.rest()));
    (void)match;
    return 0;
}
