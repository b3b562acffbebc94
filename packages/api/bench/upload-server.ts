/**
 * The server side of the upload benchmark, run as its own process so that its resident memory is
 * measured alone: the real app on an ephemeral port, an in-memory database with the demo edition,
 * a temporary storage folder, the clock inside the 2024 collection stage, and one approved team
 * with a project. Reports `{ port, token, projectId, storageDir }` to the parent over IPC.
 */
import { createTeamFixture } from '../src/modules/projects/fixtures.js';
import { createTestApp } from '../src/test/app.js';

const t = await createTestApp();
const team = await createTeamFixture(t);
const created = await t.http
  .post(`/api/v1/teams/${team.team.id}/project`)
  .set('authorization', `Bearer ${team.leader.token}`)
  .send({ title: '上传基准测试作品', category: 'modeling' });
if (created.status !== 201)
  throw new Error(`could not create the project: ${created.status} ${JSON.stringify(created.body)}`);
await t.app.listen({ port: 0, host: '127.0.0.1' });
const address = t.app.server.address();
if (!address || typeof address === 'string') throw new Error('no port');

process.send!({
  port: address.port,
  token: team.leader.token,
  projectId: created.body.id,
  storageDir: t.config.STORAGE_DIR,
});
process.on('message', (message) => {
  if (message === 'stop') void t.close().then(() => process.exit(0));
});
