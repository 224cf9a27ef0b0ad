import { Agent, request } from 'node:http';

/** Plain Node HTTP with keep-alive: the load generator's client, cheap enough not to be what is measured. */

export interface HttpAnswer {
  status: number;
  text: string;
}

/** Idle sockets are dropped after 4 s, before the servers' 5 s keep-alive timeout closes them under a request. */
export function keepAliveAgent(maxSockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, timeout: 4_000 });
}

export function send(
  agent: Agent,
  url: string,
  method: 'GET' | 'POST',
  body: string | Buffer | null,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = request(
      {
        agent,
        method,
        hostname: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        headers: body === null ? headers : { 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

export function postJson(agent: Agent, url: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return send(agent, url, 'POST', body, { 'content-type': 'application/json', ...headers });
}
