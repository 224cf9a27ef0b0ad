/**
 * Child process: the baseline for the click figure. A bare restify 12 server doing the least a card click needs:
 * parse the JSON body, POST the FinishTaskOperation for the clicked task to DigiOffice as the user, answer a fixed
 * card of the size the bot answers. No storage, no Bot Framework, no validation beyond the JSON parse.
 * Environment: BENCH_SIM_URL. Calls: setTokens (Entra object id → DigiOffice bearer token), setAnswer (the body).
 */
import restify from 'restify';
import { ready, serve } from '../lib/rpc';
import { APPROVE } from '../lib/fixtures';

interface Click {
  from?: { aadObjectId?: string };
  value?: { action?: { data?: { taskIds?: unknown[]; transitionId?: string; comment?: string } } };
}

async function main(): Promise<void> {
  const simUrl = process.env.BENCH_SIM_URL ?? '';
  const tokens = new Map<string, string>();
  let answer: unknown = { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: {} };

  const server = restify.createServer({ name: 'bare', handleUncaughtExceptions: false });
  server.post('/api/messages', restify.plugins.bodyParser({ mapParams: false }), async (req: restify.Request, res: restify.Response) => {
    const click = req.body as Click;
    const data = click.value?.action?.data ?? {};
    const operation = {
      TaskIDs: (data.taskIds ?? []).map(Number),
      WSVerbindingID: null,
      Transitions: [{ ...APPROVE, UserIDs: [], GroupIDs: [], RoleIDs: [], DeferUntil: null, DeferralNote: null }],
      DeferTo: null,
      Reason: null,
      Comment: data.comment ? data.comment : null,
    };
    const response = await fetch(`${simUrl}/api/workflowtasks/finish`, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        Authorization: `Bearer ${tokens.get(click.from?.aadObjectId ?? '') ?? ''}`,
      },
      body: JSON.stringify(operation),
    });
    await response.text();
    res.send(response.ok ? 200 : 502, response.ok ? answer : { error: response.status });
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });

  serve({
    setTokens: (entries: Array<[string, string]>) => {
      for (const [aadObjectId, token] of entries) tokens.set(aadObjectId, token);
    },
    setAnswer: (body: unknown) => {
      answer = body;
    },
    /** CPU time used so far (µs), as the bot child reports it: the main thread's and the whole process's. */
    cpu: () => {
      const main = process.threadCpuUsage();
      const all = process.cpuUsage();
      return { mainUs: main.user + main.system, processUs: all.user + all.system };
    },
    stop: () => {
      server.close();
      setImmediate(() => process.exit(0));
    },
  });
  ready({ url: `http://127.0.0.1:${server.address().port}` });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
