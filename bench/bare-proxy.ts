// A bare node:http pass-through (keep-alive, no parsing, no validation) to one upstream: the floor of what any
// proxy hop costs on this machine, for the companion overhead section. Usage: bare-proxy.ts <port> <upstream origin>
import { Agent, createServer, request } from 'node:http';

const [portArg, upstreamArg] = process.argv.slice(2);
if (!portArg || !upstreamArg) throw new Error('usage: bare-proxy.ts <port> <upstream origin>');
const upstream = new URL(upstreamArg);
const agent = new Agent({ keepAlive: true });

createServer((req, res) => {
  const forwarded = request(
    { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host }, agent },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  forwarded.on('error', () => res.writeHead(502).end());
  req.pipe(forwarded);
}).listen(Number(portArg), '127.0.0.1', () => console.info(`bare proxy on ${portArg} → ${upstream.origin}`));
