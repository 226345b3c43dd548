#include "mmm/graph_roles.hpp"

#include <algorithm>

#include "causal_graph/graph.hpp"

namespace incrementa::mmm {

namespace cg = causal_graph;

namespace {

// Every node reachable from `from` along directed edges.
std::vector<char> descendants(const cg::Graph& g, size_t from) {
  std::vector<char> seen(g.size(), 0);
  std::vector<size_t> stack{from};
  while (!stack.empty()) {
    const size_t v = stack.back();
    stack.pop_back();
    for (size_t c : g.children(v))
      if (!seen[c]) seen[c] = 1, stack.push_back(c);
  }
  return seen;
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

}  // namespace

GraphRoles graph_roles(const MmmOptions& o, const std::vector<std::pair<std::string, std::string>>& edges) {
  std::vector<std::string> names{o.kpi};
  names.insert(names.end(), o.channels.begin(), o.channels.end());
  names.insert(names.end(), o.controls.begin(), o.controls.end());
  const cg::Graph g = cg::dag_from_edges(names, edges, "the graph's edges");
  const size_t kpi = 0, first_control = 1 + o.channels.size();
  std::vector<std::vector<char>> down(names.size());
  for (size_t i = 0; i < names.size(); ++i) down[i] = descendants(g, i);
  GraphRoles r;
  for (size_t c = 1; c < first_control; ++c) {
    GraphRoles::Channel ch;
    ch.name = names[c];
    for (size_t p : g.parents(c)) ch.adjust_for.push_back(names[p]);
    for (size_t d = 1; d < first_control; ++d)
      if (down[c][d]) ch.mediators.push_back(names[d]);
    if (!ch.mediators.empty())
      r.notes.push_back(ch.name + " drives " + join(ch.mediators) + ": its contribution here is its direct part only");
    if (down[kpi][c]) r.notes.push_back("the graph says " + o.kpi + " causes " + ch.name + ": spend that follows sales overstates its return");
    r.channels.push_back(std::move(ch));
  }
  for (size_t k = first_control; k < names.size(); ++k) {
    std::vector<std::string> causes;
    for (size_t c = 1; c < first_control; ++c)
      if (down[c][k]) causes.push_back(names[c]);
    bool confounds = false;  // a parent of some channel: dropping it would leave that channel confounded
    for (size_t c = 1; c < first_control; ++c) confounds = confounds || g.directed(k, c);
    if (down[kpi][k]) {
      r.dropped.push_back({names[k], "the graph says " + o.kpi + " causes it: holding it fixed would bias every channel"});
    } else if (!causes.empty() && !confounds) {
      r.dropped.push_back({names[k], "the graph says " + join(causes) + " cause" + (causes.size() == 1 ? "s" : "") +
                                         " it: holding it fixed would hide part of " + (causes.size() == 1 ? "its" : "their") + " effect"});
    } else {
      if (!causes.empty())
        r.notes.push_back(names[k] + " is caused by " + join(causes) + " but confounds another channel: kept, and " +
                          join(causes) + "'s contribution is its direct part only");
      r.kept_controls.push_back(names[k]);
    }
  }
  return r;
}

}  // namespace incrementa::mmm
