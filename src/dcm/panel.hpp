// A balanced customers x periods panel from a long table: one row per
// (customer, period) with the surrogates and the outcome, plus per-customer
// features X0 (columns constant within a customer). Periods are whole numbers;
// every customer must have every period from the first to the last.
#pragma once
#include <string>
#include <vector>

#include "core/table.hpp"
#include "dcm/config.hpp"

namespace incrementa::dcm {

struct Panel {
  std::vector<std::string> customers;  // in order of first appearance
  std::vector<std::string> variables;  // surrogates in model order (non-ES, ES), then the outcome
  std::vector<std::string> features;
  long first_period = 0;               // the period value of index 0
  size_t periods = 0;                  // T
  // values[(c * T + t) * V + v], V = variables.size(); x0[c * F + f].
  std::vector<double> values;
  std::vector<double> x0;

  size_t n() const { return customers.size(); }
  size_t vars() const { return variables.size(); }
  double value(size_t c, size_t t, size_t v) const { return values[(c * periods + t) * variables.size() + v]; }
};

// Throws InputError naming the column, the customer, the period or the lines at fault.
Panel build_panel(const Table& table, const Config& config);

// The panel with the features X0 taken from a separate per-customer table (one row per customer, the
// config's customer column and feature columns): each panel row gets its customer's values. Customers are
// matched by their text. Errors name a customer missing from X0, one listed twice, a missing cell, or a
// feature found in both tables.
Table with_x0(const Table& panel, const Table& x0, const Config& config);

}  // namespace incrementa::dcm
