// Seeds for randomised tests. CI (CI=true) runs one fixed seed so that a submission is judged on a
// reproducible run; everywhere else each run draws a new seed and so explores new cases. Either way
// DYNASM_SEED=<n> replays a run, and every randomised suite names its seed in its title or failure.
export const FIXED_CI_SEED = 20261124;

export const seed: number = Number(process.env.DYNASM_SEED ?? (process.env.CI ? FIXED_CI_SEED : Date.now() % 2 ** 31));
