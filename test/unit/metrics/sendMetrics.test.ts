import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendMetrics, type MetricsSource } from '../../../src/metrics/metricsServer';

/** A real HTTP server answering every request with `sendMetrics` (what both /metrics routes do). */
async function serve(source: MetricsSource, errors: unknown[]): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => void sendMetrics(res, source, req.method === 'HEAD', (err) => errors.push(err)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`, server };
}

describe('sendMetrics()', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('answers the metrics text with its content type, uncached', async () => {
    const errors: unknown[] = [];
    const { url, server } = await serve({ contentType: 'text/plain; version=0.0.4', text: () => Promise.resolve('up 1\n') }, errors);
    servers.push(server);

    const response = await fetch(url);

    expect({ status: response.status, type: response.headers.get('content-type'), cache: response.headers.get('cache-control') }).toEqual({
      status: 200,
      type: 'text/plain; version=0.0.4',
      cache: 'no-store',
    });
    expect(await response.text()).toBe('up 1\n');
    expect(errors).toEqual([]);
  });

  it('answers 503 and reports the error when the metrics cannot be collected', async () => {
    const errors: unknown[] = [];
    const failure = new Error('the outbox could not be read');
    const { url, server } = await serve({ contentType: 'text/plain', text: () => Promise.reject(failure) }, errors);
    servers.push(server);

    const response = await fetch(url);

    expect(response.status).toBe(503);
    expect(await response.text()).toBe('Metrics are not available just now.\n');
    expect(errors).toEqual([failure]);
  });
});
