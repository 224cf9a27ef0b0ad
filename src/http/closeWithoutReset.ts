import type { IncomingMessage } from 'node:http';

/** How long a refused client has to read the answer before its connection is closed regardless. */
const LINGER_MS = 2000;

/**
 * Prepares the connection of a request that is answered before its body was read (or read to the end) to close
 * without a reset, so a client that is still sending gets the answer instead of EPIPE/ECONNRESET.
 *
 * Node ends a `Connection: close` answer with `socket.destroySoon()`: the socket closes as soon as the answer is
 * written, and closing a socket with unread bytes in the kernel's buffer makes Linux send a reset, which can reach
 * the client before it has read the answer. Here reading stops (the client's sends stall; nothing is buffered
 * or discarded), the answer goes out followed by a FIN, and the socket is destroyed after `LINGER_MS` or when the
 * client closes, whichever comes first.
 */
export function closeWithoutReset(req: IncomingMessage): void {
  if (req.complete) return;
  // A 'data' listener counts as consuming the body; without one Node would resume reading to discard it.
  req.on('data', ignore);
  req.pause();
  const socket = req.socket;
  socket.destroySoon = () => {
    socket.end();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  };
}

function ignore(): void {}
