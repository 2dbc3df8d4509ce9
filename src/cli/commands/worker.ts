// `joinedup worker`: the background job worker on its own (email delivery and scheduled jobs), for
// installations that run the web server with RUN_JOBS=false. No HTTP: the app is built only to collect
// the job definitions the modules register. Stops cleanly on SIGINT or SIGTERM.
import { registerCommand } from '../registry.ts';

registerCommand({
  name: 'worker',
  usage: 'worker',
  description: 'Run the background job worker (no web server) until stopped',
  details: 'Use with RUN_JOBS=false on the web server. With the embedded database only one process may open\n'
    + 'the data folder, so the worker suits PostgreSQL installations; on the embedded database the web\n'
    + 'server runs the jobs itself.',
  async run(_args, io) {
    const config = io.config();
    // The demo area is the web server's business; the worker never seeds.
    const { startRuntime } = await import('../../runtime.ts'); // the whole app: loaded only when needed
    const runtime = await startRuntime({ ...config, seedDemo: false }, { runJobs: true });
    await runtime.jobsStarted;
    const names = runtime.app.ctx.jobDefinitions.map((d) => d.name);
    const where = runtime.database.backend === 'pglite' ? `embedded database in ${config.dataDir}` : `PostgreSQL schema ${config.databaseSchema}`;
    // Listen for the stop before announcing readiness: a Ctrl-C (or a supervisor's SIGTERM) sent the
    // moment the line appears would otherwise meet Node's default action and kill the worker mid-job.
    const stopped = io.waitForStop();
    io.err(`Joined Up worker running (${where}); queues: ${names.join(', ')}. Stop with Ctrl-C.`);
    const signal = await stopped;
    io.err(`Stopping the worker (${signal})…`);
    await runtime.close();
    io.err('Worker stopped.');
  },
});
