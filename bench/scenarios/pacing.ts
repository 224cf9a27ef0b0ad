import type { Agent } from 'node:http';
import { TENANT_ID } from '../../test/helpers/teamsActivities';
import type { TeamsStats } from '../lib/fakeTeams';
import { DeliveryError, silentLogger, ThrottledCardChannel, type CardChannel, type ConversationRef } from '../lib/product';
import { keepAliveAgent, postJson } from '../lib/http';
import { median } from '../lib/stats';
import { minimumDrainMs } from '../lib/teamsLimits';
import { fmt, type BenchContext, type FigureResult } from './context';

/**
 * Pacing: the product's Teams rate limiter alone (ThrottledCardChannel), in the bench process, over plain HTTP to the
 * stubs' connector enforcing the scaled limits: 16 callers send 5 messages to each of 2,000 conversations, round
 * robin, with no storage, rendering or webhook around it. Figure: time to the last answer ÷ the shortest time the
 * limits allow; 429s; the median time a send was under way (what the limiter pays per window). The drain figure
 * minus this one is what the rest of the delivery path costs.
 */

const CALLERS = 16;

export async function pacingFigure(ctx: BenchContext): Promise<FigureResult> {
  const conversations = ctx.options.quick ? 400 : 2_000;
  const perConversation = 5;
  const rounds = Math.min(ctx.options.rounds, 3);
  const results: Array<{ ms: number; refused429: number; underWayMs: number }> = [];
  for (let round = 0; round < rounds; round++) {
    await ctx.stubs.call('reset', { cards: true });
    await ctx.stubs.call('configure', { enforceScale: ctx.options.scale });
    const run = await sendAll(ctx.teamsUrl, ctx.options.scale, conversations, perConversation);
    const stats = await ctx.stubs.call<TeamsStats>('stats');
    await ctx.stubs.call('configure', { enforceScale: null });
    results.push({ ...run, refused429: stats.refused429 });
    ctx.log(`pacing: round ${round + 1}: ${fmt.s(run.ms / 1000)}, ${stats.refused429} 429s`);
  }
  const minimumMs = minimumDrainMs(Array<number>(conversations).fill(perConversation), ctx.options.scale);
  const ms = median(results.map((r) => r.ms));
  const refused = results.map((r) => r.refused429);
  const underWay = median(results.map((r) => r.underWayMs));
  return {
    rows: [
      {
        figure: 'pacing alone ÷ minimum',
        value: fmt.x(ms / minimumMs),
        goal: '(limiter only)',
        detail: `${fmt.n(conversations * perConversation)} sends in ${fmt.s(ms / 1000)} vs ${fmt.s(minimumMs / 1000)}; 429s per round ${refused.join(', ')}; under way ${fmt.ms(underWay)} (p50)`,
      },
    ],
    data: { scale: ctx.options.scale, conversations, perConversation, callers: CALLERS, minimumMs, rounds: results },
  };
}

/** Sends every message through one ThrottledCardChannel from `CALLERS` concurrent callers; the time to the last answer. */
async function sendAll(teamsUrl: string, scale: number, conversations: number, perConversation: number) {
  const agent = keepAliveAgent(CALLERS * 2);
  const underWay: number[] = [];
  const post = new ConnectorPost(teamsUrl, agent, underWay);
  const channel = new ThrottledCardChannel(post, { clock: { now: () => new Date() }, logger: silentLogger, timeScale: scale });
  const queue: string[] = [];
  for (let i = 0; i < perConversation; i++) for (let c = 0; c < conversations; c++) queue.push(`a:bench-pacing-${c}`);
  const started = Date.now();
  let next = 0;
  const caller = async (): Promise<void> => {
    while (next < queue.length) await channel.sendCard(reference(queue[next++] as string), { card: {}, summary: 'bench' });
  };
  try {
    await Promise.all(Array.from({ length: CALLERS }, caller));
    return { ms: Date.now() - started, underWayMs: median(underWay) };
  } finally {
    channel.stop();
    agent.destroy();
  }
}

/** The inner channel: one POST of a small activity per send, a 429 as Teams' throttling. */
class ConnectorPost implements CardChannel {
  constructor(
    private readonly teamsUrl: string,
    private readonly agent: Agent,
    private readonly underWay: number[],
  ) {}

  async sendCard(ref: ConversationRef): Promise<string> {
    const started = performance.now();
    const status = await this.post(ref.conversation.id);
    this.underWay.push(performance.now() - started);
    if (status === 429) throw new DeliveryError('throttled', 'Bot Connector: 429', 429);
    if (status !== 201) throw new DeliveryError('permanent', `Bot Connector: ${status}`, status);
    return 'sent';
  }

  updateCard(): Promise<void> {
    return Promise.reject(new Error('pacing: not used'));
  }

  private post(conversationId: string): Promise<number> {
    const body = JSON.stringify({ type: 'message', text: 'bench pacing', conversation: { id: conversationId, tenantId: TENANT_ID } });
    const url = new URL(`v3/conversations/${encodeURIComponent(conversationId)}/activities`, this.teamsUrl);
    return postJson(this.agent, url.toString(), body).then((answer) => answer.status);
  }
}

function reference(conversationId: string): ConversationRef {
  return {
    channelId: 'msteams',
    serviceUrl: 'https://smba.example.test/',
    conversation: { id: conversationId, tenantId: TENANT_ID, conversationType: 'personal' },
    user: { id: `29:${conversationId}` },
    bot: { id: '28:bench-bot' },
  };
}
