// The hrtrack server under test: the one the `http_server` CTest fixture
// started (tests/http/server_fixture.sh), whose port is in a file.
import { readFileSync } from 'node:fs';
import { portFile } from './env.mjs';

export const PASSWORD = 'correct horse battery staple';

/* The fixture's accounts (server_fixture.sh), by role. */
export const ACCOUNTS = {
  admin: 'admin@test.hrtrack',
  coordinator: 'coordinator@test.hrtrack',
  focalMoh: 'focal.moh@test.hrtrack',
  validatorMoh: 'validator.moh@test.hrtrack',
  focalMoe: 'focal.moe@test.hrtrack',
  cso: 'cso@test.hrtrack',
  unct: 'unct@test.hrtrack',
};
/* The public name the fixture gave the cso@ account. */
export const CSO_PUBLIC_NAME = 'Voces del Sur';

/* http://127.0.0.1:PORT of the test server; throws when the fixture did not run. */
export function hrtrackBase() {
  let port;
  try {
    port = readFileSync(portFile, 'utf8').trim();
  } catch (err) {
    throw new Error(`no hrtrack test server: cannot read the port file "${portFile}" ` +
      '(run the test through CTest, which starts the http_server fixture)', { cause: err });
  }
  if (!/^[0-9]+$/.test(port)) throw new Error(`port file ${portFile} holds "${port}"`);
  return `http://127.0.0.1:${port}`;
}

/*
 * Where the pages are: the test server, or HRTRACK_WEB_BASE when set (the
 * harness's own test points it at a fixture; a developer can point it at
 * the pages of another server whose API is the test server's).
 */
export function pagesBase() {
  return (process.env.HRTRACK_WEB_BASE || hrtrackBase()).replace(/\/$/, '');
}

/*
 * Whether the server serves the web pages: GET / answers 200 with HTML.
 * Until web/ is merged it answers 404 JSON, and the acceptance tests skip.
 */
export async function pagesServed(base = hrtrackBase()) {
  try {
    const reply = await fetch(`${base}/`, { redirect: 'follow' });
    const type = reply.headers.get('content-type') || '';
    await reply.arrayBuffer();
    return reply.status === 200 && type.startsWith('text/html');
  } catch {
    return false;
  }
}
