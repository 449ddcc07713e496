import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * A server on 127.0.0.1 and an ephemeral port that answers each path the way a broken or
 * hostile service would: the clients are tested against real sockets, so that cut-off bodies,
 * resets and stalls are what `fetch` really sees.
 */
export async function startHostileServer(routes: Record<string, Handler>) {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    const route = Object.entries(routes).find(([prefix]) => path.startsWith(prefix));
    if (route) return route[1](request, response);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo; // a TCP listener's address is an object

  return {
    url: `http://127.0.0.1:${port}`,
    async close(): Promise<void> {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An answer with a status, a content type and a body, sent in full. */
export const answer =
  (status: number, contentType: string, body: string | Buffer, headers = {}): Handler =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': contentType, ...headers }).end(body);
  };

/** The error page an nginx proxy shows when the site behind it is down. */
export const PROXY_502_PAGE = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx/1.24.0</center>
</body>
</html>
`;

/** Headers and the start of a body, then the connection dies before the announced length. */
export const cutOff =
  (start: string): Handler =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
    response.write(start);
    setTimeout(() => response.destroy(), 20);
  };

/** Headers and the start of a body, then silence. */
export const stallAfterHeaders =
  (start: string): Handler =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write(start);
  };

/** No answer at all: the request hangs until the client gives up. */
export const neverAnswer: Handler = () => undefined;

/** The connection is reset before any answer. */
export const resetConnection: Handler = (request) => request.socket.destroy();

/**
 * A body of `bytes` bytes sent chunk by chunk without a content length (chunked), so that only
 * counting while reading can stop it.
 */
export const hugeChunked =
  (bytes: number, status = 200): Handler =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let left = bytes;
    const pump = () => {
      while (left > 0) {
        left -= chunk.length;
        if (!response.write(chunk)) return void response.once('drain', pump);
      }
      response.end();
    };
    response.on('error', () => undefined);
    pump();
  };
