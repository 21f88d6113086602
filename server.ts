import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { Server } from "socket.io";
import { startEmbeddedPostgres } from "@/lib/database/embedded";
import { applyMigrations } from "@/lib/database/migrate";
import { CLIENT_ADDRESS_HEADER, plainAddress } from "@/lib/http/client-address";
import { AgentHub, setAgentHub } from "@/lib/hub/agent-hub";
import { SOCKET_MESSAGE_LIMIT } from "@/lib/hub/message-limits";
import { alertPushes, attachUiNamespace } from "@/lib/hub/ui-namespace";
import { AGENT_NAMESPACE, UI_NAMESPACE } from "@/lib/protocol";
import { ensureAuthSecret } from "@/lib/server/auth-secret";
import { readServerConfig } from "@/lib/server/config";
import { startLocalAgent } from "@/lib/server/local-agent";
import { loadSecretKey } from "@/lib/server/secret-box";
import { authenticateAgent } from "@/lib/services/hosts/authenticate-agent";
import { markHostConnected } from "@/lib/services/hosts/mark-host-connected";
import { recordAgentKeyConflict } from "@/lib/services/hosts/record-agent-key-conflict";
import { markHostDisconnected } from "@/lib/services/hosts/mark-host-disconnected";
import { updateEngineInfo } from "@/lib/services/hosts/update-engine-info";
import { HostMetricsRecorder } from "@/lib/services/metrics/host-metrics-recorder";
import { rollupHostMetrics } from "@/lib/services/metrics/rollup-host-metrics";
import { AlertEngine } from "@/lib/services/alerts/alert-engine";
import { issueSetupTokenIfNeeded } from "@/lib/services/setup/issue-setup-token";
import { GitPollScheduler } from "@/lib/services/stacks/git-poll-scheduler";
import { BackupScheduler } from "@/lib/services/volumes/backup-scheduler";
import { DeliveryWorker } from "@/lib/services/alerts/delivery-worker";
import { AutoUpdateScheduler } from "@/lib/services/image-updates/auto-update-scheduler";
import { ImageUpdateChecker } from "@/lib/services/image-updates/image-update-checker";

/** The project root: where .next and package.json live, whether run from source or dist/. */
function projectRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

async function main(): Promise<void> {
  const config = readServerConfig();
  const root = projectRoot();
  process.env.BERTH_ROOT = root;
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const cleanups: Array<() => Promise<void>> = [];

  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const embedded = await startEmbeddedPostgres(config.dataDir);
    databaseUrl = embedded.url;
    cleanups.push(() => embedded.stop());
    console.log(`Embedded PostgreSQL running under ${embedded.dir}`);
  }
  process.env.DATABASE_URL = databaseUrl;
  const { applied } = await applyMigrations(databaseUrl, {
    migrationsDir: path.join(root, "prisma", "migrations"),
  });
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(", ")}`);

  process.env.NEXTAUTH_SECRET = await ensureAuthSecret(config.dataDir);
  await loadSecretKey(config.dataDir);
  if (config.publicUrl) process.env.NEXTAUTH_URL = config.publicUrl;
  else process.env.AUTH_TRUST_HOST = "1";

  const app = next({ dev: config.dev, dir: root, hostname: config.host, port: config.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const httpServer = createServer((req, res) => {
    req.headers[CLIENT_ADDRESS_HEADER] = plainAddress(req.socket.remoteAddress) ?? "";
    void handle(req, res);
  });

  const io = new Server(httpServer, {
    serveClient: false,
    // Detects a silently vanished agent within ~20 s (ping every 10 s, 10 s to answer).
    pingInterval: 10_000,
    pingTimeout: 10_000,
    // Small until a connection authenticated: only agents get more (AgentHub raises it).
    maxHttpBufferSize: SOCKET_MESSAGE_LIMIT,
  });
  const recorder = new HostMetricsRecorder();
  const hub = new AgentHub({
    authenticate: authenticateAgent,
    onKeyConflict: recordAgentKeyConflict,
    onConnected: markHostConnected,
    onDisconnected: markHostDisconnected,
    onEngineInfo: updateEngineInfo,
    onSample: (hostId, sample) => recorder.add(hostId, sample),
  });
  setAgentHub(hub);
  hub.attach(io.of(AGENT_NAMESPACE));
  attachUiNamespace(io.of(UI_NAMESPACE), hub);
  const alerts = new AlertEngine(hub, alertPushes(io.of(UI_NAMESPACE)));
  alerts.start();

  const setupToken = await issueSetupTokenIfNeeded();
  if (setupToken) {
    await writeFile(path.join(config.dataDir, "setup-token"), `${setupToken}\n`, { mode: 0o600 });
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, config.host, resolve);
  });
  const localUrl = `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${config.port}`;
  const openUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  console.log(`Berth is listening on ${config.host}:${config.port}. Open ${openUrl}`);

  if (setupToken) {
    console.log(
      `First run: create the administrator at ${openUrl}/setup?token=${setupToken}\n` +
        `(the token is also in ${path.join(config.dataDir, "setup-token")}; it works once)`,
    );
  }

  const backups = new BackupScheduler();
  backups.start();
  const gitPolls = new GitPollScheduler(config.gitPollTickMs);
  gitPolls.start();
  const alertDeliveries = new DeliveryWorker();
  alertDeliveries.start();
  const imageChecks = new ImageUpdateChecker(hub);
  imageChecks.start();
  const autoUpdates = new AutoUpdateScheduler();
  autoUpdates.start();

  const rollupTimer = setInterval(() => {
    rollupHostMetrics().catch((err: unknown) =>
      console.error("metrics rollup failed:", err instanceof Error ? err.message : err),
    );
  }, 60_000);

  if (config.localAgent !== "off") {
    const agent = await startLocalAgent({
      root,
      dataDir: config.dataDir,
      serverUrl: localUrl,
      required: config.localAgent === "on",
    });
    if (agent) cleanups.unshift(() => agent.stop());
  }

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log(`${signal}: shutting down`);
    clearInterval(rollupTimer);
    backups.stop();
    gitPolls.stop();
    await alerts.stop();
    alertDeliveries.stop();
    imageChecks.stop();
    autoUpdates.stop();
    recorder.stop();
    await recorder.flushAll().catch(() => undefined);
    io.close();
    httpServer.close();
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err: unknown) => {
  console.error("Berth failed to start:", err instanceof Error ? err.message : err);
  process.exit(1);
});
