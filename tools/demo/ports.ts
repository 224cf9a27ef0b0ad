import { createServer } from 'node:net';

/** Resolves to `preferred` when it can be bound on `host`, else to a free ephemeral port (0 always means ephemeral). */
export function portOrFree(preferred: number, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      if (preferred !== 0 && err.code === 'EADDRINUSE') resolve(portOrFree(0, host));
      else reject(err);
    });
    probe.listen(preferred, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export const freePort = (host?: string): Promise<number> => portOrFree(0, host);
