// Runs a computation with the worker pool at a given size, then restores the default (even when it
// throws): for the tests that compare results at 1 and N threads.
#pragma once
#include <cstddef>

#include "core/parallel.hpp"

namespace testsupport {

template <class Fn>
auto at_threads(size_t threads, Fn fn) {
  incrementa::set_thread_count(threads);
  struct Restore {
    ~Restore() { incrementa::set_thread_count(0); }
  } restore;
  return fn();
}

}  // namespace testsupport
