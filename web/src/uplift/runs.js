// Runs the chosen set of learners one after another in the worker, each an
// `uplift` run with the same columns and settings. A learner that fails
// (e.g. one not built yet) keeps its message in its row; the others still
// show. Answers are kept per learner for the same data and settings, so
// ticking one more learner runs only that one.

export const LEARNERS = Object.freeze({
  s: 'S-learner',
  t: 'T-learner',
  x: 'X-learner',
  r: 'R-learner',
  dr: 'DR-learner',
  causal_forest: 'Causal forest',
});

// Options the core may not know in an older build: dropped and retried once
// when the core answers "unknown option" for them (the truth is optional).
const OPTIONAL_KEYS = ['true_cate'];
const unsupported = new Set();

/** The core's options without the learner (throws a config error for a bad field). */
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
  for (const key of ['value', 'cost', 'trim']) if (settings[key] != null) o[key] = settings[key];
  if (simulated && !unsupported.has('true_cate')) o.true_cate = 'true_cate';
  return o;
}

async function runOne(session, options, onProgress) {
  try {
    return await session.run(options, onProgress);
  } catch (error) {
    const key = /unknown option '([^']+)'/.exec(error.message ?? '')?.[1];
    if (!key || !OPTIONAL_KEYS.includes(key) || !(key in options)) throw error;
    unsupported.add(key);
    const { [key]: _dropped, ...rest } = options;
    return session.run(rest, onProgress);
  }
}

/**
 * @returns {Promise<Array<{learner, result?, error?}>>} one entry per learner, in the order asked;
 * throws (keeping nothing) when every learner fails, with the first failure (a bad column choice
 * fails them all the same way), or when the run is cancelled.
 */
export async function runLearners(session, cache, key, learners, options, onProgress) {
  if (cache.key !== key) {
    cache.key = key;
    cache.answers = new Map();
  }
  const todo = learners.filter((l) => !cache.answers.has(l) || cache.answers.get(l).error);
  let done = 0;
  for (const learner of todo) {
    const label = LEARNERS[learner] ?? learner;
    const progress = (f, stage) => onProgress((done + (f ?? 0)) / todo.length, `${label} (${done + 1} of ${todo.length})${stage ? `: ${stage}` : ''}`);
    progress(0, '');
    try {
      cache.answers.set(learner, { learner, result: await runOne(session, { ...options, learner }, progress) });
    } catch (error) {
      if (error.code === 'cancelled') throw error;
      cache.answers.set(learner, { learner, error });
    }
    done += 1;
  }
  const answers = learners.map((l) => cache.answers.get(l));
  if (answers.every((a) => a.error)) {
    const first = answers[0].error;
    cache.key = null; // nothing of this setting is kept
    throw first;
  }
  return answers;
}
