import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import { GroupCommit } from './sqliteGroupCommit';
import { prepareStatements, WRITE_SQL } from './sqliteStatements';
import { serializeError, type WriterReply, type WriterRequest, type WriterStart } from './sqliteWriterProtocol';

/**
 * The embedded store's writer thread (started by sqliteWriter.ts): the one connection that writes. `node:sqlite` is
 * synchronous, so a commit's fsync blocks the thread it runs on; here that is this thread, not the event loop that
 * answers HTTP. The main thread sends one group at a time and the next only after this one's reply.
 *
 * An error thrown here outside a group (the database cannot be opened) ends the thread with that error; the main
 * thread then rejects every call with it.
 */
function serve(): void {
  const port = parentPort;
  if (!port) throw new Error('sqliteWriterWorker runs as a worker thread only');
  const { file, busyTimeoutMs } = workerData as WriterStart;
  const db = new DatabaseSync(file, { timeout: busyTimeoutMs });
  const group = new GroupCommit(db, prepareStatements(db, WRITE_SQL));

  port.on('message', (request: WriterRequest) => {
    if (request.type === 'close') {
      db.close();
      port.postMessage({ type: 'closed' } satisfies WriterReply);
      port.close();
      return;
    }
    let reply: WriterReply;
    try {
      reply = { type: 'committed', outcomes: group.commit(request.sync, request.calls) };
    } catch (error) {
      reply = { type: 'failed', error: serializeError(error) };
    }
    port.postMessage(reply);
  });
}

serve();
