#include "causal_graph/graph.hpp"

#include "core/error.hpp"

namespace incrementa::causal_graph {

Graph::Graph(std::vector<std::string> names) : names_(std::move(names)), marks_(names_.size() * names_.size(), 0) {
  for (size_t i = 0; i < names_.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (names_[i] == names_[j]) throw InputError("causal graph: the variable '" + names_[i] + "' is listed twice");
}

size_t Graph::index(const std::string& name, const std::string& role) const {
  for (size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == name) return i;
  std::string list;
  for (const auto& n : names_) list += (list.empty() ? "" : ", ") + n;
  throw InputError("causal graph: " + role + " names '" + name + "', which is not one of the variables (" + list + ")");
}

std::vector<size_t> Graph::neighbours(size_t i) const {
  std::vector<size_t> out;
  for (size_t j = 0; j < size(); ++j)
    if (j != i && adjacent(i, j)) out.push_back(j);
  return out;
}

std::vector<size_t> Graph::parents(size_t i) const {
  std::vector<size_t> out;
  for (size_t j = 0; j < size(); ++j)
    if (directed(j, i)) out.push_back(j);
  return out;
}

std::vector<size_t> Graph::children(size_t i) const {
  std::vector<size_t> out;
  for (size_t j = 0; j < size(); ++j)
    if (directed(i, j)) out.push_back(j);
  return out;
}

bool Graph::has_undirected(size_t i) const {
  for (size_t j = 0; j < size(); ++j)
    if (j != i && undirected(i, j)) return true;
  return false;
}

namespace {

// Iterative DFS colouring (0 new, 1 on the stack, 2 done); the stack holds the path.
std::optional<std::vector<size_t>> cycle_from(const Graph& g, size_t start, std::vector<int>& colour) {
  std::vector<std::pair<size_t, size_t>> stack{{start, 0}};  // (node, next child to try)
  colour[start] = 1;
  while (!stack.empty()) {
    auto& [v, next] = stack.back();
    if (next == g.size()) {
      colour[v] = 2;
      stack.pop_back();
      continue;
    }
    const size_t w = next++;
    if (!g.directed(v, w)) continue;
    if (colour[w] == 1) {
      std::vector<size_t> cycle;
      size_t k = 0;
      while (stack[k].first != w) ++k;
      for (; k < stack.size(); ++k) cycle.push_back(stack[k].first);
      return cycle;
    }
    if (colour[w] == 0) {
      colour[w] = 1;
      stack.push_back({w, 0});
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::vector<size_t>> find_directed_cycle(const Graph& g) {
  std::vector<int> colour(g.size(), 0);
  for (size_t s = 0; s < g.size(); ++s)
    if (colour[s] == 0)
      if (auto c = cycle_from(g, s, colour)) return c;
  return std::nullopt;
}

std::string cycle_text(const Graph& g, const std::vector<size_t>& cycle) {
  std::string s;
  for (size_t v : cycle) s += g.name(v) + " → ";
  return s + g.name(cycle.front());
}

std::vector<size_t> topological_order(const Graph& g, const std::string& what) {
  if (auto c = find_directed_cycle(g)) throw ConfigError(what + " form a cycle: " + cycle_text(g, *c));
  std::vector<size_t> indegree(g.size(), 0), order;
  for (size_t i = 0; i < g.size(); ++i) indegree[i] = g.parents(i).size();
  std::vector<bool> done(g.size(), false);
  while (order.size() < g.size()) {
    size_t v = 0;
    while (done[v] || indegree[v] != 0) ++v;  // exists: the graph is acyclic
    done[v] = true;
    order.push_back(v);
    for (size_t w : g.children(v)) --indegree[w];
  }
  return order;
}

Graph dag_from_edges(const std::vector<std::string>& names, const EdgeList& edges, const std::string& what) {
  Graph g(names);
  for (const auto& [from, to] : edges) {
    const size_t a = g.index(from, what), b = g.index(to, what);
    if (a == b) throw ConfigError(what + ": the edge " + from + " → " + to + " points at itself");
    if (g.directed(b, a)) throw ConfigError(what + " form a cycle: " + from + " → " + to + " → " + from);
    g.add_directed(a, b);
  }
  if (auto c = find_directed_cycle(g)) throw ConfigError(what + " form a cycle: " + cycle_text(g, *c));
  return g;
}

}  // namespace incrementa::causal_graph
