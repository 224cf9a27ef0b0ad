/**
 * `npm run demo`: the whole product locally and offline — DigiOffice simulator, the bot (anonymous, loopback) and the
 * Microsoft 365 Agents Playground as the Teams client — with the demo tasks already on their way to Alex Wilber.
 * Ctrl-C (or SIGTERM) stops all three.
 */
import { rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { startDemoStack, PLAYGROUND_USER, type DemoStack } from './demo/stack';
import { SEED } from './digioffice-sim';

const DEMO_TASKS = [42, 43, 44];
const DATA_DIR = join(__dirname, '..', 'data', 'demo');

async function main(): Promise<void> {
  // A fresh bot storage each run: the simulator starts from its seed again, and a stored "already delivered" record
  // or a sign-in token from the previous run would not match it.
  await rm(DATA_DIR, { recursive: true, force: true });
  const starting = startDemoStack({ dataDir: DATA_DIR, ports: { digiOffice: 5088, bot: 3978, playground: 56150 }, logLevel: 'info' });
  // Listening before the Playground is spawned, so even a Ctrl-C during start-up stops it.
  const stopping = stopOnSignals(starting);
  const stack = await starting;
  try {
    for (const taskId of DEMO_TASKS) {
      const result = await stack.notify(taskId);
      if (result.status !== 202)
        throw new Error(`the bot refused the notification for task ${taskId}: ${result.status} ${JSON.stringify(result.body)}`);
    }
  } catch (err) {
    await stack.close();
    throw err;
  }
  if (!stopping()) process.stdout.write(instructions(stack.playground.url));
}

function instructions(url: string): string {
  const alex = SEED.users.find((u) => u.teams.userPrincipalName === PLAYGROUND_USER.userPrincipalName);
  const signIn = alex ? `user ${alex.userName}, password ${alex.password}` : '(see tools/digioffice-sim/seed.ts)';
  return [
    '',
    'DigiOffice Tasks demo is running. Open:',
    '',
    `    ${url}`,
    '',
    `That is the Microsoft 365 Agents Playground, signed in as ${PLAYGROUND_USER.name}. The cards for tasks ${DEMO_TASKS.join(', ')}`,
    'arrive in "Personal Chat" once the page is open. To finish one, type "sign in", sign in to DigiOffice with',
    `    ${signIn}`,
    'type the code the page shows into the chat, then click a button on a card. Also try "my tasks", "finish task 44",',
    '"taak 42 uitstellen tot volgende week", "help".',
    '',
    `Logs: ${relative(process.cwd(), DATA_DIR) || '.'}/  ·  Ctrl-C stops everything.`,
    '',
  ].join('\n');
}

/** Stops the stack (once it has started) on SIGINT, SIGTERM or SIGHUP; returns whether a stop was requested. */
function stopOnSignals(starting: Promise<DemoStack>): () => boolean {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // Ctrl-C reaches us twice under `npm run` (from the terminal and forwarded by npm): act on the first only.
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the Playground, the bot and the simulator…\n`);
    starting
      .then((stack) => stack.close())
      .then(
        () => {
          process.exitCode = 0;
          // Everything is closed, so the process ends by itself; this only guards against a handle we do not own.
          setTimeout(() => process.exit(0), 5000).unref();
        },
        (err: unknown) => {
          process.stderr.write(`stopping failed: ${err instanceof Error ? err.message : String(err)}\n`);
          process.exit(1);
        },
      );
  };
  // SIGHUP too (terminal closed): the Playground runs in its own session and would not get it.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
  return () => stopping;
}

main().catch((err: unknown) => {
  process.stderr.write(`The demo could not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
