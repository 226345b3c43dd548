// JSON face of the segment command (docs/segmentation.md): options in (every
// key checked), the report out with every number finite or null.
#pragma once
#include "api/json_util.hpp"
#include "core/run_context.hpp"
#include "core/table.hpp"

namespace incrementa {

Json segment_json(const Table& table, const Json& options, RunContext& context);

}  // namespace incrementa
