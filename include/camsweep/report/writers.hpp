#pragma once
// Report writers: terminal table (default), JSON (docs/report-format.md) and CSV.
#include <ostream>
#include <string>

#include "camsweep/inventory/inventory.hpp"
#include "camsweep/signatures/database.hpp"

namespace camsweep {

struct TableOptions {
    bool color = false;    // ANSI colours: only when writing to a terminal
    int verbosity = 1;     // 0 quiet (summary only), 1 normal, 2 verbose (evidence)
    // Columns to fit: the terminal's width (COLUMNS or the tty's). Below the full layout's 108
    // the IP and MAC move to the line under the device and the model column takes what is left;
    // below 60 the full layout is kept (nothing readable fits).
    int width = 108;
};

void write_table(std::ostream& out, const Inventory& inventory, const SignatureDatabase& db, const TableOptions& options);
void write_json(std::ostream& out, const Inventory& inventory, const SignatureDatabase& db);
void write_csv(std::ostream& out, const Inventory& inventory, const SignatureDatabase& db);

// "2 covered, 1 likely-covered, 3 not-covered, 1 unknown"
std::string verdict_counts(const Inventory& inventory);

}  // namespace camsweep
