// A travel-booking discount world with known truth, like the seeds': offers
// of 5 / 10 / 15 % off, customers of four kinds (hidden in real data, shown
// here as `segment`):
//   books_anyway     high base rate, discounts barely move them (pure cost)
//   price_sensitive  low base rate, bigger discounts help, with diminishing gains
//   sleeping_dog     an offer puts them off (pk < p0)
//   lost_cause       rarely book, offers hardly matter
// Columns: customer_id, segment, prior_bookings, days_since_visit (features an
// uplift model could use), the true probabilities p0, p5, p10, p15 (with
// `levels` = 3; levels = m gives p5 .. p{5m}), and one randomised historical
// campaign: offer_given (none or a level, uniform) and booked (0/1 drawn from
// the true probability of that arm).
// Suggested offers spec (margin 40 per booking, average booking 300):
//   {"base":"p0","value_per_conversion":40,"offers":[
//     {"name":"5%","column":"p5","cost_per_conversion":15},
//     {"name":"10%","column":"p10","cost_per_conversion":30},
//     {"name":"15%","column":"p15","cost_per_conversion":45}]}
#pragma once
#include <cstdint>

#include "core/table.hpp"

namespace incrementa {

struct TravelWorld {
  size_t rows = 10000;
  uint64_t seed = 1;
  size_t levels = 3;  // discount levels 5%, 10%, ... (1 to 8)
};

// Rows drawn in fixed chunks, each from its own RNG stream: the same table at
// any thread count, natively and in WASM.
Table simulate_travel(const TravelWorld& world);

}  // namespace incrementa
