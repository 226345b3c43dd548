// Progress and cancellation passed into long work. The core never calls a
// platform API: the CLI, the bindings and the tests decide what these do.
//
// One run has one cancel token: every stage made with child() or with_progress()
// shares it, so a cancel reaches the innermost loop at once (no copies of the
// flag taken at a stage's start). The token can also watch an external flag —
// the WASM module's word in shared memory that the page sets (bindings.cpp).
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/error.hpp"

namespace incrementa {

class RunContext {
 public:
  using ProgressFn = std::function<void(double fraction, const std::string& stage)>;

  RunContext() = default;
  explicit RunContext(ProgressFn progress) : progress_(std::move(progress)) {}

  // Called from the thread that started the work only (it may call into JS).
  void progress(double fraction, const std::string& stage) const {
    if (progress_) progress_(fraction, stage);
  }
  void cancel() { token_->local.store(true, std::memory_order_relaxed); }
  bool cancelled() const {
    return token_->local.load(std::memory_order_relaxed) ||
           (token_->external && token_->external->load(std::memory_order_relaxed) != 0);
  }
  // Throws CancelledError when cancel() was called; call between units of work.
  void check() const {
    if (cancelled()) throw CancelledError();
  }
  // Cancelled also whenever *flag != 0 (a flag another thread or the page sets); the flag outlives the run.
  void watch(const std::atomic<int32_t>* flag) { token_->external = flag; }

  // A stage of this run: the same cancel token, its progress f in [0, 1] reported as lo + (hi - lo) f,
  // under `label` when one is given (else the stage's own words).
  RunContext child(double lo, double hi, std::string label = {}) const {
    const RunContext* parent = this;
    return with_progress([parent, lo, hi, label = std::move(label)](double f, const std::string& stage) {
      parent->progress(lo + (hi - lo) * f, label.empty() ? stage : label);
    });
  }
  // The same cancel token with another progress mapping (the parent must outlive the result).
  RunContext with_progress(ProgressFn progress) const {
    RunContext sub(std::move(progress));
    sub.token_ = token_;
    return sub;
  }

 private:
  struct Token {
    std::atomic<bool> local{false};
    const std::atomic<int32_t>* external = nullptr;
  };
  ProgressFn progress_;
  std::shared_ptr<Token> token_ = std::make_shared<Token>();
};

}  // namespace incrementa
