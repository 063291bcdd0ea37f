import { Server } from '@hocuspocus/server';

/*
 * Run as its own process by the benchmarks: Hocuspocus 3.4 with nothing added, no authentication
 * and no persistence, as its documentation starts it. Prints its address once it listens.
 */
const port = Number(process.argv[2]);
const server = new Server({ port, address: '127.0.0.1', quiet: true });
server.listen().then(
  () => console.log(`hocuspocus listening on http://127.0.0.1:${port}`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
