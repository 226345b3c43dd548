// A graph over named variables with directed (a → b) and undirected (a – b)
// edges: the common currency of discovery (PC gives a PDAG), adjustment and
// augmentation (both need a DAG). Stored as an edge-mark matrix, as pcalg
// does: mark(i, j) && !mark(j, i) is i → j; both marks is i – j.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace incrementa::causal_graph {

using EdgeList = std::vector<std::pair<std::string, std::string>>;

class Graph {
 public:
  Graph() = default;
  explicit Graph(std::vector<std::string> names);

  size_t size() const { return names_.size(); }
  const std::vector<std::string>& names() const { return names_; }
  const std::string& name(size_t i) const { return names_[i]; }
  // Index of a node; throws InputError naming the known nodes (`role` says where the name came from).
  size_t index(const std::string& name, const std::string& role) const;

  bool adjacent(size_t i, size_t j) const { return mark(i, j) || mark(j, i); }
  bool directed(size_t i, size_t j) const { return mark(i, j) && !mark(j, i); }  // i → j
  bool undirected(size_t i, size_t j) const { return mark(i, j) && mark(j, i); }

  void add_directed(size_t i, size_t j) { set(i, j, true), set(j, i, false); }
  void add_undirected(size_t i, size_t j) { set(i, j, true), set(j, i, true); }
  void remove(size_t i, size_t j) { set(i, j, false), set(j, i, false); }

  std::vector<size_t> neighbours(size_t i) const;  // every adjacent node, by index
  std::vector<size_t> parents(size_t i) const;     // j → i
  std::vector<size_t> children(size_t i) const;    // i → j
  bool has_undirected(size_t i) const;

 private:
  bool mark(size_t i, size_t j) const { return marks_[i * names_.size() + j] != 0; }
  void set(size_t i, size_t j, bool v) { marks_[i * names_.size() + j] = v ? 1 : 0; }
  std::vector<std::string> names_;
  std::vector<unsigned char> marks_;
};

// A directed cycle among the directed edges as node indices (first node not
// repeated), or nothing. The lowest-index cycle found by depth-first search, so
// the message is the same on every run.
std::optional<std::vector<size_t>> find_directed_cycle(const Graph& g);
// "a → b → c → a": the words used in every cycle error.
std::string cycle_text(const Graph& g, const std::vector<size_t>& cycle);
// Topological order of the directed edges (Kahn, lowest index first among the
// ready nodes, so the order is unique); throws ConfigError naming a cycle.
// Undirected edges are ignored. `what` names the graph in the error.
std::vector<size_t> topological_order(const Graph& g, const std::string& what);

// A DAG over `names` from [from, to] pairs; unknown names are InputErrors, a
// cycle is a ConfigError naming it ("<what> form a cycle: a → b → a").
Graph dag_from_edges(const std::vector<std::string>& names, const EdgeList& edges, const std::string& what);

}  // namespace incrementa::causal_graph
