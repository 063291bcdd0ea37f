import { join } from 'node:path';
import { configFromArgs } from './config';
import { verifyStoredAuditChains } from './audit/verify-audit-chain';
import { openDatabase } from './store/database';
import { createSyncServer } from './server';

const usage = `Usage: npm run sync-server -- [command] [options]

Commands:
  serve (default)   start the sync server
  verify-audit      check every organization's audit hash chain and name the rows where it breaks

Options (or environment variables):
  --port N               QUORUM_PORT               default 8787 (0 picks a free port)
  --host ADDRESS         QUORUM_HOST               default 127.0.0.1
  --data-dir PATH        QUORUM_DATA_DIR           default ~/.quorum-sync
  --log-level LEVEL      QUORUM_LOG_LEVEL          fatal|error|warn|info|debug|trace|silent, default info
  --default-plan PLAN    QUORUM_DEFAULT_PLAN       plan of new organizations, default free
  --body-limit BYTES     QUORUM_BODY_LIMIT         largest request body, default 1048576
  --session-ttl-hours N  QUORUM_SESSION_TTL_HOURS  session lifetime, default 336
`;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = configFromArgs(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(usage);
    return 2;
  }
  const { config, command } = parsed;

  if (command === 'verify-audit') {
    const db = openDatabase(join(config.dataDir, 'quorum.sqlite'));
    const result = verifyStoredAuditChains(db);
    db.close();
    if (result.ok) {
      console.log(`audit chain intact: ${result.checked} events checked`);
      return 0;
    }
    for (const broken of result.breaks) {
      console.log(`broken at row ${broken.seq} (${broken.id || 'missing'}) of organization ${broken.orgId}: ${broken.reason}`);
    }
    return 1;
  }
  if (command !== undefined && command !== 'serve') {
    console.error(`Unknown command ${command}.\n${usage}`);
    return 2;
  }

  // Hidden on purpose: QUORUM_UNSAFE_DISABLE_GUARD=1 turns the update guard off so that the
  // benchmarks (`npm run bench`) can measure what it costs. With it, any client with read access can
  // write anything; it must never be set on a server that anyone uses.
  const guard = process.env['QUORUM_UNSAFE_DISABLE_GUARD'] !== '1';
  if (!guard) console.error('WARNING: the update guard is OFF (QUORUM_UNSAFE_DISABLE_GUARD=1); for benchmarks only.');
  const server = createSyncServer(config, { guard });
  const url = await server.listen();
  console.log(`Quorum sync server listening on ${url} (data in ${config.dataDir})`);
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      server.app.log.info({ signal }, 'shutting down');
      void server.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
