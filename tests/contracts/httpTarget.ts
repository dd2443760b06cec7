/** The contract target for the real server over HTTP (fetch), on a given storage. */
import { createHttpTransport } from '../../src/protocol';
import { startTestServer, type TestStorage } from '../support/server';
import type { ContractTarget } from './sync.contract';

export async function httpTarget(storage: TestStorage): Promise<ContractTarget> {
  const server = await startTestServer({ storage });
  let drop = false;
  const transport = createHttpTransport({
    baseUrl: server.url,
    fetch: async (input, init) => {
      const res = await fetch(input, init);
      if (drop) {
        drop = false;
        await res.arrayBuffer(); // the server answered (and committed); the device never hears it
        throw new TypeError('fetch failed: connection reset');
      }
      return res;
    },
  });
  return {
    transport,
    enrollCode: (role, communeId) => server.enrollCode(role, communeId),
    revoke: async (id) => {
      await server.admin.store.revokeDevice(id, Date.now());
    },
    eventCount: (communeId) => server.admin.store.countEvents(communeId),
    dropNextAnswer: () => {
      drop = true;
    },
    async rawPost(path, token, text) {
      const res = await fetch(server.url + path, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: text,
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    stop: () => server.stop(),
  };
}
