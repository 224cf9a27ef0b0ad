/**
 * Calls between the bench (parent) and its child processes over Node's IPC channel: the child announces itself with
 * `ready(info)` and answers `{ id, method, params }` messages with the handler's result.
 */

export type Handlers = Record<string, (params: never) => unknown>;

export interface CallMessage {
  kind: 'call';
  id: number;
  method: string;
  params: unknown;
}

export type ChildMessage =
  | { kind: 'ready'; info: Record<string, unknown> }
  | { kind: 'result'; id: number; ok: true; value: unknown }
  | { kind: 'result'; id: number; ok: false; error: string };

function send(message: ChildMessage): void {
  if (!process.send) throw new Error('this script runs as a child of `npm run bench` (it needs an IPC channel)');
  process.send(message);
}

/** Answers the parent's calls; the process ends when the parent goes away (its IPC channel closes). */
export function serve(handlers: Handlers): void {
  process.once('disconnect', () => process.exit(0));
  process.on('message', (raw: CallMessage) => {
    if (raw?.kind !== 'call') return;
    const handler = handlers[raw.method] as ((params: unknown) => unknown) | undefined;
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown method ${raw.method}`);
        return handler(raw.params);
      })
      .then(
        (value) => send({ kind: 'result', id: raw.id, ok: true, value: value ?? null }),
        (err: unknown) =>
          send({ kind: 'result', id: raw.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
      );
  });
}

export function ready(info: Record<string, unknown>): void {
  send({ kind: 'ready', info });
}
