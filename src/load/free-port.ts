// A port nobody listens on, on the loopback interface: the kernel picks one for a server that is closed
// again at once. Another process could take it in between; the app then fails to listen on it, which
// the start reports like any other start failure.
import net from 'node:net';

export const LOOPBACK = '127.0.0.1';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('the kernel gave no free port'))));
    });
  });
}
