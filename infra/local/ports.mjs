// Ports on 127.0.0.1 for the servers the launcher and the tests start themselves (PostgreSQL, Kafka).
import { createServer } from 'node:net';

/** Resolves to the port the kernel bound, or null when `port` is taken (0: any free port). */
function bind(port) {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(null));
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address();
      server.close(() => resolvePort(bound));
    });
  });
}

/** True when nothing listens on 127.0.0.1:port (we can bind it ourselves). */
export async function portIsFree(port) {
  return (await bind(port)) !== null;
}

/** `preferred` when it is free, otherwise a port the kernel picks. */
export async function freePort(preferred = 0) {
  return (preferred && (await bind(preferred))) || (await bind(0));
}
