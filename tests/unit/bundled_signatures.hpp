#pragma once
// The signature database shipped in signatures/, loaded once per test process: what the tests
// that judge devices end to end judge them with.
#include <gtest/gtest.h>

#include "camsweep/signatures/loader.hpp"

namespace camsweep {

inline const SignatureDatabase& bundled_signatures() {
    static const SignatureLoad load = load_signatures(CAMSWEEP_SOURCE_DIR "/signatures");
    EXPECT_TRUE(load.ok()) << (load.errors.empty() ? "" : load.errors.front());
    return load.database;
}

}  // namespace camsweep
