// Why an offer gets nobody, worked out from the plan itself rather than guessed: the page re-plans the
// same data at a ladder of budgets (no ROI floor, no cost quantile: the bare LP path, where customers
// move to an offer in order of what an extra booking costs) and records which offers get customers
// where. An offer unused at this budget is then either one whose extra bookings cost more than the ones
// the plan buys now (it first gets customers at a larger budget), one the plan has moved past (its
// customers get a bigger offer now), or one that no budget makes worth it.
import { money, num } from '../kit/format.js';
import { value } from '../kit/story.js';

/**
 * Re-plans at a ladder of budgets from 0.2% to 100% of `end` (the unconstrained cost), then narrows down
 * the budget where each offer first gets somebody. `probe(budget)` returns a budget result;
 * `idle()` resolves when no user-asked solve is waiting (probes never hold up a what-if).
 */
export async function probeOfferUse(probe, end, names, { rows = 0, idle = async () => {} } = {}) {
  const big = rows > 200_000;
  const points = big ? 10 : 24;
  const grid = [];
  for (let i = 0; i < points; i++) {
    const budget = end * 0.002 ** (1 - i / (points - 1));
    await idle();
    grid.push({ budget, counts: (await probe(budget)).plan.counts });
  }
  const firstUse = {};
  for (const name of names) {
    const i = grid.findIndex((g) => g.counts[name] > 0);
    if (i < 0) {
      firstUse[name] = null;
      continue;
    }
    let lo = i > 0 ? grid[i - 1].budget : 0;
    let hi = grid[i].budget;
    for (let k = 0; k < (big ? 0 : 7); k++) {
      const mid = (lo + hi) / 2;
      await idle();
      if ((await probe(mid)).plan.counts[name] > 0) hi = mid;
      else lo = mid;
    }
    firstUse[name] = hi;
  }
  return { grid, firstUse };
}

/** What the last extra bookings cost at `budget`, from the frontier's LP-path points (null if flat). */
export function marginalCost(result, budget) {
  const pts = result.frontier?.points ?? [];
  for (let i = 1; i < pts.length; i++) {
    if (pts[i].budget >= budget) {
      const dc = pts[i].uplift.cost - pts[i - 1].uplift.cost;
      const dy = pts[i].uplift.incremental_conversions - pts[i - 1].uplift.incremental_conversions;
      return dy > 1e-9 ? dc / dy : null;
    }
  }
  return null;
}

const list = (items) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`);

/** The budget the plan was actually made at: the ROI floor or the cost quantile can stop it earlier. */
export function effectiveBudget(result) {
  if (result.lp_bound?.binding === 'roi_floor') return result.lp_bound.cost;
  return result.cost_quantile?.planning_budget ?? result.budget;
}

/**
 * One sentence per offer nobody gets: [{offer, parts}] (strings and value() spans). `probes` may be null (still being worked out).
 * `label(name)` names an offer in words ("the 15% discount").
 */
export function nobodyReasons(result, probes, { label }) {
  if (!result.plan.targeted) return [];
  const unused = result.per_offer.filter((o) => o.customers === 0).map((o) => o.offer);
  if (!unused.length) return [];
  const used = result.per_offer.filter((o) => o.customers > 0).map((o) => o.offer);
  const costOf = new Map(result.offers.map((o) => [o.name, o.cost_per_conversion]));
  const B = effectiveBudget(result);
  const profit = result.objective === 'profit';
  const margin = marginalCost(result, B);
  const floor = result.lp_bound?.binding === 'roi_floor' ? result.roi_floor : null;
  return unused.map((name) => {
    const head = `Nobody gets ${label(name)}: `;
    if (!probes) return { offer: name, parts: [`${head}working out why…`] };
    const usedAt = probes.grid.filter((g) => g.counts[name] > 0).map((g) => g.budget);
    const first = probes.firstUse[name];
    const later = first != null && first > B ? first : usedAt.find((b) => b > B * 1.0001);
    const earlier = usedAt.some((b) => b < B);
    let parts;
    if (later != null && !(earlier && first < B)) {
      const dearer = profit
        ? `each dollar spent on it adds less profit than one spent on ${list(used.map(label))}`
        : `each extra booking it would buy costs more than one bought with ${list(used.map(label))}${margin ? ` (those cost about ${money(margin)} each here)` : ''}`;
      const from = value(later, money(later), { 'data-role': 'first-budget' });
      parts = floor != null
        ? [`${dearer}, and the ROI floor of ${num(floor)} stops the plan before it gets there (without the floor it gets customers from a budget of about `, from, ').']
        : [`at this budget ${dearer}. It gets customers once the budget reaches about `, from, '.'];
    } else if (earlier) {
      const bigger = used.filter((u) => costOf.get(u) > costOf.get(name));
      parts = [`at this budget the plan can afford more for the customers it suited: they get ${bigger.length ? list(bigger.map(label)) : list(used.map(label))} instead, which adds more ${profit ? 'profit' : 'bookings'}.`];
    } else {
      parts = [profit
        ? 'at no budget is it the best use of the money for any customer: another offer adds more profit for what it costs.'
        : 'at no budget is it worth it for any customer: another offer adds the same bookings more cheaply.'];
    }
    return { offer: name, parts: [head, ...parts] };
  });
}
