import { realpathSync } from "node:fs";
import path from "node:path";
import { isSea } from "node:sea";
import { guardProcess } from "./command-scope";
import { obtainIdentity, EnrollRefusedError } from "./enroll";
import { ConfigError, loadConfig, type AgentConfig } from "./config";
import { ServerConnection } from "./connection";
import { ExecSessions } from "./exec/exec-sessions";
import { ContainerFeed } from "./engine/container-feed";
import { ContainerLifeEvents } from "./engine/container-life-events";
import { createDockerClient } from "./engine/docker-client";
import { dispatchCommand } from "./engine/dispatch";
import { EngineEventWatcher } from "./engine/engine-events";
import { changesImageList } from "./engine/image-list-events";
import { ListFeed } from "./engine/list-feed";
import { changesNetworkList } from "./engine/network-list-events";
import { changesSwarm } from "./engine/swarm-list-events";
import { changesVolumeList, changesVolumeSizes } from "./engine/volume-list-events";
import { SecurityDigests } from "./engine/security-digest";
import { EngineInfoPublisher } from "./engine/engine-info-publisher";
import { commandRegistry } from "./engine/registry";
import { describeError, log } from "./log";
import { CommandCancelSchema, HELPER_LABEL, type ProgressMessage } from "@/lib/protocol";
import { RunningCalls } from "./engine/command-types";
import { UploadManager } from "./uploads/upload-manager";
import { HostSampler } from "./metrics/host-sampler";
import { ContainerStatsSweeper } from "./metrics/container-stats";
import { MetricsReporter } from "./metrics/metrics-reporter";
import { ProtectedPaths } from "./policy/protected-paths";
import { StateFileError } from "./state";
import { isHelperContainer, removeLeftoverHelpers } from "./volumes/helper-container";
import { VolumeSizes } from "./volumes/volume-sizes";
import { streamRegistry } from "./streams/registry";
import { StreamManager } from "./streams/stream-manager";
import { AGENT_VERSION } from "./version";

const EXIT_CONFIG = 2;
const EXIT_ENROLL_REFUSED = 3;

async function main(): Promise<void> {
  guardProcess();
  let config: AgentConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const problem of err.problems) console.error(`berth-agent: ${problem}`);
    process.exit(EXIT_CONFIG);
  }

  const shutdown = new AbortController();
  let stopAll: () => Promise<void> = async () => {};
  const onSignal = (signal: NodeJS.Signals) => {
    if (shutdown.signal.aborted) return;
    log.info(`${signal}: shutting down`);
    shutdown.abort();
    void stopAll().finally(() => process.exit(0));
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);

  log.info(`berth-agent ${AGENT_VERSION} starting ("${config.agentName}")`);
  const identity = await obtainIdentity(config, shutdown.signal);
  if (!identity) return; // shut down while enrolling
  if (identity.serverUrl !== config.serverUrl) {
    log.warn(
      `enrolled with ${identity.serverUrl}; connecting to ${config.serverUrl} as configured`,
    );
  }

  const docker = createDockerClient(config.dockerSocket);
  let dockerRootDir: string | undefined;
  const sampler = new HostSampler(() => dockerRootDir);
  await sampler.prime();

  const publisher = new EngineInfoPublisher(
    docker,
    config.dockerSocket,
    (info) => connection.emitEngineInfo(info),
    (facts) => {
      dockerRootDir = facts.dockerRootDir;
    },
  );
  const reporter = new MetricsReporter(sampler, (sample) => connection.emitHostSample(sample));
  const sweeper = new ContainerStatsSweeper(docker, (items) =>
    connection.emitContainerStats({ items }),
  );
  const usage = (id: string) => sweeper.usage(id);
  const securityDigests = new SecurityDigests(docker);
  const feed = new ContainerFeed(
    docker,
    {
      snapshot: (containers) => connection.emitContainersSnapshot(containers),
      change: (change) => connection.emitContainerChange(change),
    },
    { usage, digests: securityDigests },
  );
  const images = new ListFeed(changesImageList, () => connection.emitImagesChanged());
  const networks = new ListFeed(changesNetworkList, () => connection.emitNetworksChanged());
  const volumes = new ListFeed(changesVolumeList, () => connection.emitVolumesChanged());
  const swarm = new ListFeed(changesSwarm, () => connection.emitSwarmChanged());
  const volumeSizes = new VolumeSizes(docker, () => volumes.changed());
  const lifeEvents = new ContainerLifeEvents();
  const events = new EngineEventWatcher(docker, config.dockerSocket, () => publisher.changed(), {
    onEvent: (event) => {
      // Berth's helper containers (and the mounts they make) are not the user's doing
      const attributes = event.Actor.Attributes;
      if (attributes[HELPER_LABEL] !== undefined) return;
      if (event.Type === "volume" && isHelperContainer(attributes.container ?? "")) return;
      images.onEvent(event);
      networks.onEvent(event);
      swarm.onEvent(event);
      if (changesVolumeSizes(event)) volumeSizes.markStale();
      volumes.onEvent(event);
      if (event.Type !== "container") return;
      sweeper.onContainerEvent(event.Action, event.Actor.ID);
      feed.onEvent(event.Action, event.Actor.ID);
      const life = lifeEvents.onEvent(event);
      if (life) connection.emitContainerEvent(life);
    },
    onReopen: () => {
      images.changed();
      networks.changed();
      swarm.changed();
      volumes.changed();
      feed.resync();
      sweeper.resync();
    },
  });
  const uploads = new UploadManager();
  const calls = new RunningCalls();
  const protectedPaths = new ProtectedPaths(
    {
      statePath: config.statePath,
      // a single executable is its own code; a bundle run by node is the script it was given
      installDir: path.dirname(
        realpathSync(isSea() ? process.execPath : (process.argv[1] ?? process.cwd())),
      ),
      dockerSocket: config.dockerSocket,
      extra: config.protectedPaths,
    },
    docker,
  );
  const context = {
    docker,
    socketPath: config.dockerSocket,
    sendProgress: (message: ProgressMessage) => connection.emitProgress(message),
    containerUsage: usage,
    securityDigests,
    calls,
    takeUpload: (uploadId: string) => uploads.take(uploadId),
    protectedPaths,
    volumeSizes,
    stacksDir: config.stacksDir,
    swarmChanged: () => {
      publisher.changed();
      swarm.changed();
    },
    volumesChanged: () => {
      volumeSizes.markStale();
      volumes.changed();
    },
  };
  const streams = new StreamManager(streamRegistry, context, {
    chunk: (streamId, data) => connection.sendStreamChunk(streamId, data),
    end: (streamId, error) => connection.emitStreamEnd(error ? { streamId, error } : { streamId }),
  });

  const execs = new ExecSessions(docker, config.dockerSocket, {
    output: (sessionId, data) => connection.emitExecOutput(sessionId, data),
    exit: (message) => connection.emitExecExit(message),
  });

  const connection: ServerConnection = new ServerConnection({
    serverUrl: config.serverUrl,
    identity,
    statePath: config.statePath,
    callbacks: {
      onConnect: () => {
        void feed.start();
        sweeper.start();
        void publisher.start().finally(() => {
          if (connection.connected) reporter.start();
        });
      },
      onDisconnect: () => {
        publisher.stop();
        reporter.stop();
        feed.stop();
        images.stop();
        networks.stop();
        swarm.stop();
        volumes.stop();
        sweeper.stop();
        sweeper.setHostInterval(reporter.currentIntervalMs);
        streams.closeAll();
        execs.closeAll();
        uploads.closeAll();
        calls.cancelAll();
      },
      onCommand: (request) => dispatchCommand(request, commandRegistry, context),
      onMetricsInterval: (intervalMs) => {
        reporter.setInterval(intervalMs);
        sweeper.setHostInterval(intervalMs);
      },
      onStreamOpen: (request) => streams.handleOpen(request),
      onStreamCancel: (request) => streams.handleCancel(request),
      onExecOpen: (request) => execs.open(request),
      onExecInput: (request) => execs.input(request),
      onExecResize: (request) => execs.resize(request),
      onExecClose: (request) => execs.close(request),
      onExecAck: (request) => execs.ack(request),
      onUploadOpen: (request) => uploads.handleOpen(request),
      onUploadChunk: (request) => uploads.handleChunk(request),
      onUploadEnd: (request) => uploads.handleEnd(request),
      onCommandCancel: (request) => {
        const cancel = CommandCancelSchema.safeParse(request);
        if (cancel.success) calls.cancel(cancel.data.callId);
      },
    },
  });

  stopAll = async () => {
    events.stop();
    publisher.stop();
    reporter.stop();
    feed.stop();
    images.stop();
    networks.stop();
    swarm.stop();
    volumes.stop();
    sweeper.stop();
    streams.closeAll();
    execs.closeAll();
    uploads.closeAll();
    calls.cancelAll();
    await connection.close();
  };
  if (shutdown.signal.aborted) return void (await stopAll());
  await removeLeftoverHelpers(docker);
  events.start();
  connection.start();
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    for (const problem of err.problems) console.error(`berth-agent: ${problem}`);
    process.exit(EXIT_CONFIG);
  }
  if (err instanceof StateFileError) {
    log.error(err.message);
    process.exit(EXIT_CONFIG);
  }
  if (err instanceof EnrollRefusedError) {
    log.error(`${err.message}; create a new enrolment token and start again`);
    process.exit(EXIT_ENROLL_REFUSED);
  }
  log.error(`fatal: ${describeError(err)}`);
  process.exit(1);
});
