import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';

/** A TCP relay to a server (MariaDB) that a test can switch off and on again on the same port. */
export async function tcpRelay(host: string, port: number) {
  let server: Server | null = null;
  const sockets = new Set<Socket>();
  const listen = (at: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = tcpConnect(port, host);
        for (const sock of [client, upstream]) {
          sockets.add(sock);
          sock.on('close', () => sockets.delete(sock));
          sock.on('error', () => (sock === client ? upstream : client).destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      s.once('error', reject);
      s.listen(at, '127.0.0.1', () => {
        server = s;
        resolve((s.address() as { port: number }).port);
      });
    });
  const stop = async (): Promise<void> => {
    const s = server;
    server = null;
    for (const sock of sockets) sock.destroy();
    if (s) await new Promise<void>((done) => s.close(() => done()));
  };
  const relayPort = await listen(0);
  return { port: relayPort, down: stop, up: () => listen(relayPort).then(() => undefined), close: stop };
}
