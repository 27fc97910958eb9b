// A small round-robin HTTP proxy (node:http only) in front of several instances of one service: what
// `npm start -- --instances N` puts on each service's usual port. For local runs and tests; production puts a real
// load balancer there.
//
// - Requests go to the instances in turn; an instance that refuses the connection is skipped for a second and the
//   request goes to the next one (nothing reached the refused instance, so this is safe for any request).
// - A request whose instance fails after it was sent (the process died mid-request) is NOT sent again: the proxy
//   cannot know whether it took effect. The client gets 502 with a problem document and retries as it would
//   any lost answer — with the same Idempotency-Key or If-Match, which the services honour.
// - `X-Forwarded-For` gets the client's address appended (the instances trust it through TRUSTED_PROXIES).
//
// As a command: node infra/local/round-robin-proxy.mjs --listen 127.0.0.1:3001 --target 127.0.0.1:13001 --target 127.0.0.1:13002
// It prints `proxy listening on http://HOST:PORT` once it listens, and stops on SIGTERM/SIGINT.
import http from 'node:http';
import { pathToFileURL } from 'node:url';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);
const MAX_BODY_BYTES = 1024 * 1024;
const DOWN_FOR_MS = 1_000;

/** "host:port" → { host, port }. */
function parseAddress(address) {
  const at = address.lastIndexOf(':');
  const port = Number(address.slice(at + 1));
  if (at < 1 || !Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`not a host:port: ${address}`);
  return { host: address.slice(0, at), port };
}

function problem(response, status, title, detail) {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(status, { 'content-type': 'application/problem+json' });
  response.end(JSON.stringify({ type: 'about:blank', title, status, detail }));
}

/**
 * Starts the proxy. `targets`: ["host:port", ...]. Resolves to { url, port, counts(), close() } once listening;
 * `counts()` says how many requests each target was sent.
 */
export async function startRoundRobinProxy({ listen, targets, log = () => {} }) {
  if (!targets.length) throw new Error('the proxy needs at least one target');
  const upstreams = targets.map((target) => ({ ...parseAddress(target), address: target, downUntil: 0, sent: 0 }));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let next = 0;

  /** The next instance in turn, skipping those that refused a connection in the last second (unless all did). */
  const pick = (tried) => {
    const now = Date.now();
    for (let i = 0; i < upstreams.length; i++) {
      const candidate = upstreams[(next + i) % upstreams.length];
      if (tried.has(candidate) || candidate.downUntil > now) continue;
      next = (upstreams.indexOf(candidate) + 1) % upstreams.length;
      return candidate;
    }
    return upstreams.find((candidate) => !tried.has(candidate));
  };

  const forward = (request, response, body, tried) => {
    const upstream = pick(tried);
    if (!upstream) {
      problem(response, 503, 'Service Unavailable', 'No instance of the service accepted the connection.');
      return;
    }
    tried.add(upstream);
    const headers = {};
    for (const [name, value] of Object.entries(request.headers)) if (!HOP_BY_HOP.has(name)) headers[name] = value;
    const client = request.socket.remoteAddress ?? '';
    headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${client}` : client;
    headers['content-length'] = String(body.length);
    let connected = false;
    const outgoing = http.request(
      { host: upstream.host, port: upstream.port, method: request.method, path: request.url, headers, agent },
      (answer) => {
        const out = {};
        for (const [name, value] of Object.entries(answer.headers)) if (!HOP_BY_HOP.has(name)) out[name] = value;
        response.writeHead(answer.statusCode ?? 502, answer.statusMessage, out);
        answer.pipe(response);
        answer.on('error', () => response.destroy());
      },
    );
    outgoing.on('socket', (socket) => {
      if (!socket.connecting) connected = true;
      else socket.once('connect', () => (connected = true));
    });
    outgoing.on('error', (error) => {
      if (!connected && (error.code === 'ECONNREFUSED' || error.code === 'ECONNRESET' || error.code === 'EHOSTUNREACH')) {
        // Never reached the instance: safe to send elsewhere.
        if (upstream.downUntil <= Date.now()) log(`instance ${upstream.address} refused the connection; skipping it for ${DOWN_FOR_MS} ms`);
        upstream.downUntil = Date.now() + DOWN_FOR_MS;
        forward(request, response, body, tried);
        return;
      }
      problem(response, 502, 'Bad Gateway', 'The instance failed while handling the request; it may or may not have taken effect. Retry with the same Idempotency-Key or If-Match.');
    });
    upstream.sent += 1;
    outgoing.end(body);
  };

  const server = http.createServer((request, response) => {
    const chunks = [];
    let size = 0;
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        problem(response, 413, 'Payload Too Large', `Bodies up to ${MAX_BODY_BYTES} bytes pass the proxy.`);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (size <= MAX_BODY_BYTES) forward(request, response, Buffer.concat(chunks), new Set());
    });
  });
  server.keepAliveTimeout = 5_000;
  const { host, port } = parseAddress(listen);
  await new Promise((resolve, reject) => server.listen(port, host, resolve).once('error', reject));
  const bound = server.address().port;
  return {
    url: `http://${host}:${bound}`,
    port: bound,
    counts: () => Object.fromEntries(upstreams.map((upstream) => [upstream.address, upstream.sent])),
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function main() {
  const args = process.argv.slice(2);
  const targets = [];
  let listen;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--listen') listen = args[++i];
    else if (args[i] === '--target') targets.push(args[++i]);
    else throw new Error(`unknown argument ${args[i]} (use --listen host:port --target host:port ...)`);
  }
  if (!listen) throw new Error('--listen host:port is required');
  const proxy = await startRoundRobinProxy({ listen, targets, log: (line) => console.error(`proxy: ${line}`) });
  console.log(`proxy listening on ${proxy.url} → ${targets.join(', ')}`);
  const stop = () => void proxy.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(`proxy: ${error.message}`);
    process.exit(1);
  });
}
