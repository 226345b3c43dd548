// Progress and cancellation passed into long work. The core never calls a
// platform API: the CLI, the bindings and the tests decide what these do.
#pragma once
#include <atomic>
#include <functional>
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
  void cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }
  // Throws CancelledError when cancel() was called; call between units of work.
  void check() const {
    if (cancelled()) throw CancelledError();
  }

 private:
  ProgressFn progress_;
  std::atomic<bool> cancelled_{false};
};

}  // namespace incrementa
