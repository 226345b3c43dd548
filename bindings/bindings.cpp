// Embind glue only: bytes and JSON text in, JSON text out. Every call returns
// an envelope {"ok": true, "result": ...} or {"ok": false, "code", "message"}
// so a C++ exception never reaches JavaScript as a bare pointer; the JS wrapper
// (web/src/engine/incrementa.js) turns a failure into an IncrementaError.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <string>

#include "api/commands.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"

using incrementa::Json;
using emscripten::val;

namespace {

std::map<int, incrementa::Table> g_tables;  // tables loaded by this instance, by handle
int g_next_table = 1;
// Set to 1 by the page to cancel the run in progress. In the simd-threads build the module's memory is a
// SharedArrayBuffer, so the page writes this word while the worker is busy in a run (web/src/worker/client.js);
// it stays set (later queued runs stop at once) until the worker's reset request clears it.
std::atomic<int32_t> g_cancel{0};

// Dumping never throws: bytes that are not UTF-8 are replaced, so an
// envelope always reaches JavaScript.
std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

template <class F>
std::string guarded(F&& body) {
  try {
    return dump(Json{{"ok", true}, {"result", body()}});
  } catch (const incrementa::Error& e) {
    return dump(Json{{"ok", false}, {"code", incrementa::error_code_name(e.code())}, {"message", e.what()}});
  } catch (const std::bad_alloc&) {
    return dump(Json{{"ok", false}, {"code", "memory"}, {"message", "out of memory: the data is too large for this browser tab"}});
  } catch (const std::exception& e) {
    return dump(Json{{"ok", false}, {"code", "internal"}, {"message", std::string("internal error: ") + e.what()}});
  }
}

std::string load_csv(const val& bytes, const std::string& source) {
  return guarded([&] {
    const size_t n = bytes["length"].as<size_t>();
    std::string data(n, '\0');
    val(emscripten::typed_memory_view(n, reinterpret_cast<unsigned char*>(data.data()))).call<void>("set", bytes);
    incrementa::Table table = incrementa::read_csv(data, source);
    Json described = incrementa::describe_table(table);
    const int id = g_next_table++;
    g_tables.emplace(id, std::move(table));
    described["table"] = id;
    return described;
  });
}

Json parse_options(const std::string& options) {
  try {
    return Json::parse(options);
  } catch (const Json::exception& e) {
    throw incrementa::ConfigError(std::string("options are not valid JSON: ") + e.what());
  }
}

// Progress goes to the JS callback, on the calling thread only; the run watches the shared cancel word.
incrementa::RunContext context_for(const val& progress) {
  incrementa::RunContext context([progress](double fraction, const std::string& stage) {
    if (progress.typeOf().as<std::string>() == "function") progress(fraction, stage);
  });
  context.watch(&g_cancel);
  return context;
}

std::string run(int table, const std::string& command, const std::string& options, val progress) {
  return guarded([&] {
    auto it = g_tables.find(table);
    if (it == g_tables.end()) throw incrementa::InputError("no table with handle " + std::to_string(table) + " is loaded");
    incrementa::RunContext context = context_for(progress);
    return incrementa::run_command(command, it->second, parse_options(options), context);
  });
}

// Commands that need no table, e.g. shapley on a teaching game.
std::string run_standalone(const std::string& command, const std::string& options, val progress) {
  return guarded([&] {
    incrementa::RunContext context = context_for(progress);
    return incrementa::run_standalone(command, parse_options(options), context);
  });
}

// Registers a simulated world's table (see src/sim/), like load_csv does a file.
std::string simulate(const std::string& world, const std::string& options) {
  return guarded([&] {
    incrementa::Table table = incrementa::simulate_table(world, parse_options(options));
    Json described = incrementa::describe_table(table);
    const int id = g_next_table++;
    g_tables.emplace(id, std::move(table));
    described["table"] = id;
    return described;
  });
}

bool free_table(int table) { return g_tables.erase(table) > 0; }

std::string features() {
  return guarded([] { return incrementa::build_features(); });
}

// The byte address of the cancel word in the module's memory (4-byte aligned).
uint32_t cancel_address() { return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(&g_cancel)); }
void reset_cancel() { g_cancel.store(0); }

void set_threads(int n) { incrementa::set_thread_count(n < 0 ? 0 : static_cast<size_t>(n)); }

}  // namespace

EMSCRIPTEN_BINDINGS(incrementa) {
  emscripten::function("_load_csv", &load_csv);
  emscripten::function("_run", &run);
  emscripten::function("_simulate", &simulate);
  emscripten::function("_run_standalone", &run_standalone);
  emscripten::function("_free_table", &free_table);
  emscripten::function("_features", &features);
  emscripten::function("_set_threads", &set_threads);
  emscripten::function("_cancel_address", &cancel_address);
  emscripten::function("_reset_cancel", &reset_cancel);
}
