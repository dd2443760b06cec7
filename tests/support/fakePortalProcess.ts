/** The fake portal in its own process (the bench: the portal must not share the server's event loop). Prints its settings as one JSON line. */
import { startFakePortal } from './fakePortal';

const portal = await startFakePortal();
console.log(
  JSON.stringify({
    endpoint: portal.endpoint,
    authEndpoint: portal.authEndpoint,
    username: portal.username,
    password: portal.password,
    madonvi: portal.madonvi,
    url: portal.url,
  }),
);
process.on('SIGTERM', () => void portal.stop().then(() => process.exit(0)));
