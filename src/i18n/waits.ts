/** A wait as the whole minutes a message names ("try again in {minutes} min."): rounded up, at least 1. */
export function minutesToWait(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}
