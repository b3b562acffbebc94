import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROOT } from '../../lib/paths.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { pdfBytes } from '../../test/sample-files.js';

const run = promisify(execFile);

/** The README's "participant journey with curl": the shell block under that heading. */
function readmeJourney(): string {
  const readme = readFileSync(join(API_ROOT, '../../README.md'), 'utf8');
  const section = readme.split('### The participant journey with curl')[1];
  const block = section?.match(/```sh\n([\s\S]*?)```/)?.[1];
  if (!block) throw new Error('README.md has no shell block under "The participant journey with curl"');
  return block;
}

/**
 * The integrator guide is run as written, with curl and jq, against the API listening on a port
 * during the 2024 collection stage. Three things a person does outside the script are done for it:
 * the address points at this server, the code "received" by e-mail is fetched from the test's
 * sender, and an organizer approves the team where the guide says "Once an organizer approves".
 * Every curl fails the script on an HTTP error, so a step the API refuses fails the test.
 */
describe('the README integrator guide, run with curl', () => {
  let t: TestApp;
  let origin: string;
  let codes: Server;
  let codesUrl: string;
  let workdir: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    codes = createServer((request, response) => {
      const login = new URL(request.url ?? '/', 'http://codes').searchParams.get('login');
      response.end(t.sentCodes.findLast((message) => message.to === login)?.code ?? '');
    });
    await new Promise<void>((resolve) => codes.listen(0, '127.0.0.1', resolve));
    codesUrl = `http://127.0.0.1:${(codes.address() as AddressInfo).port}/`;
    workdir = mkdtempSync(join(tmpdir(), 'saishi-guide-'));
    writeFileSync(join(workdir, '参赛承诺书.pdf'), pdfBytes());
    writeFileSync(join(workdir, '项目申报书.pdf'), pdfBytes());
  });

  afterAll(async () => {
    await new Promise((resolve) => codes?.close(resolve));
    await t?.close();
    rmSync(workdir, { recursive: true, force: true });
  });

  it('takes a team from sign-up to a submitted project version', async () => {
    const organizer = await t.userWithToken('admin');
    const journey = readmeJourney();
    expect(journey).toContain('http://localhost:3000');
    expect(journey).toContain('<the 6 digits received>');
    expect(journey).toMatch(/^# 6\. /m);
    const script = [
      'set -euo pipefail',
      // Any HTTP error stops the journey, with the refused call and its problem on stderr.
      'curl() { local out; if ! out=$(command curl --fail-with-body "$@"); then echo "refused: curl $* -> $out" >&2; return 22; fi; printf "%s\\n" "$out"; }',
      journey
        .replaceAll('http://localhost:3000', origin)
        .replace(
          /("login":"([^"]+)","code":")<the 6 digits received>/,
          `$1'"$(command curl -s '${codesUrl}?login=$2')"'`,
        )
        .replace(
          /^# 6\. /m,
          `curl -s -X POST $API/teams/$TEAM/qualification -H 'authorization: Bearer ${organizer.token}' ` +
            `-H 'content-type: application/json' -d '{"decision":"approve"}' > /dev/null\n# 6. `,
        ),
      'echo "JOURNEY $TEAM $PROJECT"',
    ].join('\n');
    const { stdout } = await run('bash', ['-c', script], { cwd: workdir, timeout: 60_000 }).catch((error: unknown) => {
      const failed = error as { stdout?: string; stderr?: string };
      throw new Error(`the guide failed:\n${failed.stdout ?? ''}\n${failed.stderr ?? ''}`);
    });
    const [, teamId, projectId] = stdout.match(/JOURNEY (\S+) (\S+)/) ?? [];
    expect(teamId).toMatch(/^[0-9a-f-]{36}$/);
    const versions = await t.http
      .get(`/api/v1/projects/${projectId}/versions`)
      .set('authorization', `Bearer ${organizer.token}`);
    expect(versions.status).toBe(200);
    expect(versions.body.items).toHaveLength(1);
  });
});
