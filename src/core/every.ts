/** Runs `fn` every `ms` until the returned function is called. Injectable so tests drive periodic work by hand. */
export type Every = (ms: number, fn: () => void) => () => void;

/** Real intervals that never keep the process alive on their own (the owner clears them on stop). */
export const realEvery: Every = (ms, fn) => {
  const timer = setInterval(fn, ms);
  timer.unref();
  return () => clearInterval(timer);
};
