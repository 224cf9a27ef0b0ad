/**
 * Durations as operators type them: a whole number and a unit, `90s`, `30m`, `36h`, `7d` (`OUTBOX_PENDING_REPORT_AGE`,
 * the admin API's `olderThan`, the outbox CLI's `--older-than`).
 */
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d{1,6})([smhd])$/;

export const DURATION_HINT = 'a whole number and a unit: s, m, h or d (e.g. 7d, 36h, 30m)';

/** Milliseconds, or null when `text` is not a duration. */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** The largest unit that divides `ms` exactly: 604800000 → `7d`, 5400000 → `90m`. */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm'] as const) if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  return `${Math.round(ms / UNIT_MS.s)}s`;
}
