// The hub's settings from the environment.

/** Caching can be switched off (GRONDPLAN_CACHE=off), e.g. to measure the uncached path. */
export const cachingEnabled = () => process.env.GRONDPLAN_CACHE !== 'off';
