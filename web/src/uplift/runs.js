// Fits the chosen learners one after another in the worker, each an `uplift` run with the same columns
// and settings, the quick one first (the T-learner with the page's base model: the fastest of the five in
// the browser, and sound on a randomised test), so a first answer is on screen within seconds; the others
// follow in the background and each one that arrives updates the comparison. A learner that fails keeps its
// message in its row; the others still show. Answers are kept per learner for the same data and settings,
// so ticking one more learner runs only that one.

export const LEARNERS = Object.freeze({
  s: 'S-learner',
  t: 'T-learner',
  x: 'X-learner',
  r: 'R-learner',
  dr: 'DR-learner',
  causal_forest: 'Causal forest',
});

export const QUICK = 't';

/** The order of the fits: the quick learner first, then the others as asked. */
export const fitOrder = (learners) => (learners.includes(QUICK) ? [QUICK, ...learners.filter((l) => l !== QUICK)] : [...learners]);

// Options the core may not know in an older build: dropped and retried once
// when the core answers "unknown option" for them (the truth is optional).
const OPTIONAL_KEYS = ['true_cate'];
const unsupported = new Set();

/**
 * The core's options without the learner. Cost and value are not among them: the page re-ranks the fitted
 * effects for any cost and value itself (economics.js), so changing them never refits.
 */
export function buildOptions(settings, { simulated }) {
  const o = {
    treatment: settings.treatment,
    outcome: settings.outcome,
    features: settings.features,
    base: settings.base,
    propensity: settings.propensity,
    folds: settings.folds,
    seed: settings.seed,
    return_predictions: true,
  };
  if (settings.control) o.control = settings.control;
  if (settings.trees != null) o.trees = settings.trees;
  if (settings.trim != null) o.trim = settings.trim;
  if (simulated && !unsupported.has('true_cate')) o.true_cate = 'true_cate';
  return o;
}

async function runOne(run, options, onProgress) {
  try {
    return await run(options, onProgress);
  } catch (error) {
    const key = /unknown option '([^']+)'/.exec(error.message ?? '')?.[1];
    if (!key || !OPTIONAL_KEYS.includes(key) || !(key in options)) throw error;
    unsupported.add(key);
    const { [key]: _dropped, ...rest } = options;
    return run(rest, onProgress);
  }
}

/** The core's definitions say "null" for a number it leaves out; on screen that reads "n/a". */
function readable(result) {
  for (const [key, text] of Object.entries(result.definitions ?? {})) if (typeof text === 'string') result.definitions[key] = text.replace(/\bnull\b/g, 'n/a');
  return result;
}

/**
 * Fits `learners` (quick one first). After each answer, `onAnswer(answers)` gets one entry per learner in
 * the order asked: {learner, result} | {learner, error} | {learner, pending: true}; it is first called with
 * the first success. Stops early when `stale()` says a newer run took over. Throws (keeping nothing) when
 * every learner fails, with the first failure (a bad column choice fails them all the same way), or when
 * the run is cancelled (what was shown stays).
 * `quickArm`: with several arms, the one shown first: the quick fit estimates it alone (each arm is estimated
 * on its own, so its numbers are the full fit's), the full fit brings the others.
 * @param {{run: (options, onProgress) => Promise<object>, cache: {key, answers: Map}, key: string,
 *          learners: string[], options: object, onProgress, onAnswer, stale: () => boolean, quickArm?: string}} job
 */
export async function fitLearners({ run, cache, key, learners, options, onProgress, onAnswer, stale, quickArm }) {
  if (cache.key !== key) {
    cache.key = key;
    cache.answers = new Map();
  }
  const snapshot = () => learners.map((l) => cache.answers.get(l) ?? { learner: l, pending: true });
  const order = fitOrder(learners);
  const todo = order.filter((l) => !cache.answers.has(l) || cache.answers.get(l).error);
  // The quick learner's first fit leaves out the per-customer predictions (passing 64,000 × arms numbers
  // back costs ~0.3 s of a cold load) and the RATE bootstrap (rate_replicates 0: ~40% of the fit; its
  // standard errors are null until then); the full fit follows first in the background (the core is
  // deterministic: the same estimates, plus the predictions for step 1 and the export, and RATE's errors).
  const jobs = todo.map((learner) => ({ learner, options }));
  const quick = { ...options, return_predictions: false, rate_replicates: 0, ...(quickArm ? { arms: [quickArm] } : {}) };
  if (todo[0] === QUICK) jobs.splice(0, 1, { learner: QUICK, options: quick }, { learner: QUICK, options, refresh: true });
  let announced = false;
  const announce = () => {
    if (![...cache.answers.values()].some((a) => a.result && learners.includes(a.learner))) return;
    announced = true;
    onAnswer(snapshot());
  };
  if (todo.length < order.length) announce(); // kept answers show at once
  let done = 0;
  for (const { learner, options: o, refresh } of jobs) {
    if (stale()) return null;
    const label = `${LEARNERS[learner] ?? learner}${refresh ? ', per-customer predictions' : ''}`;
    const progress = (f, stage) => onProgress((done + (f ?? 0)) / jobs.length, `${label} (${done + 1} of ${jobs.length})${stage ? `: ${stage}` : ''}`);
    progress(0, '');
    try {
      cache.answers.set(learner, { learner, result: readable(await runOne(run, { ...o, learner }, progress)) });
    } catch (error) {
      if (error.code === 'cancelled') throw error;
      // A failed second fit keeps the first one's answer (without predictions).
      if (!refresh) cache.answers.set(learner, { learner, error });
    }
    done += 1;
    if (stale()) return null;
    announce();
  }
  const answers = snapshot();
  if (answers.every((a) => a.error)) {
    cache.key = null; // nothing of this setting is kept
    throw answers[0].error;
  }
  if (!announced) onAnswer(answers);
  return answers;
}
