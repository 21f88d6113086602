/**
 * Volumes: backup and restore of a BENCH_VOLUME_MIB (1024) MiB volume through Berth next to
 * `docker run --rm -v vol:/v busybox tar czf - -C /v .` (and `tar xzf -` for the restore) on the
 * same host: the bytes per second of each, and the server's and the agent's peak memory while a
 * backup and a restore pass through them. Half the data is random (incompressible), half base64
 * text (compressible), plus 2000 small files. BENCH_VOLUME_ROUNDS (2) rounds, alternating; best
 * of each.
 */
import { spawn } from "node:child_process";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { BUSYBOX_IMAGE, DOCKER_CLI, type SimHost } from "../harness/hosts";
import { startStack } from "../harness/stack";
import { findPid, peakRss } from "./process-memory";

const VOLUME_MIB = Number(process.env.BENCH_VOLUME_MIB ?? 1024);
const ROUNDS = Number(process.env.BENCH_VOLUME_ROUNDS ?? 2);
const MiB = 1024 * 1024;
const FILE_MIB = 16;

/** `docker run` on the host with stdin from a file (or none) and stdout into a file (or dropped). */
function dockerRun(host: SimHost, args: string[], input?: string, output?: string) {
  const t0 = performance.now();
  return new Promise<{ ms: number }>((resolve, reject) => {
    const child = spawn(DOCKER_CLI, ["-H", host.dockerHost, "run", "--rm", ...args], {
      stdio: [input ? "pipe" : "ignore", output ? "pipe" : "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    if (input) void pipeline(createReadStream(input), child.stdin!);
    const written = output ? pipeline(child.stdout!, createWriteStream(output)) : Promise.resolve();
    child.on("error", reject);
    child.on("close", (code) => {
      void written.then(() =>
        code === 0 ? resolve({ ms: performance.now() - t0 }) : reject(new Error(stderr)),
      );
    });
  });
}

const rate = (ms: number) => `${(VOLUME_MIB / (ms / 1000)).toFixed(0)} MiB/s`;
const cpu = (seconds: number) => seconds.toFixed(1);
const mib = (bytes: number) => `${(bytes / MiB).toFixed(0)} MiB`;

export async function run(): Promise<void> {
  const stack = await startStack();
  const host = stack.hosts[0]!;
  const hostId = stack.hostIds[0]!;
  const session = stack.admin;
  const work = await mkdtemp(path.join(os.tmpdir(), "berth-bench-volumes-"));
  try {
    const pids = [
      await findPid("dist/server.js", `PORT=${stack.server.port}\0`),
      await findPid("agent.cjs", path.join(stack.stateDir, `${host.name}.json`)),
    ];
    const files = Math.max(1, Math.round(VOLUME_MIB / FILE_MIB / 2));
    await host.docker(["volume", "create", "bench"]);
    await host.docker(
      [
        "run",
        "--rm",
        "-v",
        "bench:/v",
        BUSYBOX_IMAGE,
        "sh",
        "-c",
        `for i in $(seq 1 ${files}); do dd if=/dev/urandom of=/v/random$i bs=1M count=${FILE_MIB} 2>/dev/null; ` +
          `base64 /dev/urandom | head -c ${FILE_MIB * MiB} > /v/text$i; done; mkdir /v/small; ` +
          `for i in $(seq 1 2000); do head -c 4096 /dev/urandom > /v/small/f$i; done`,
      ],
      { timeoutMs: 30 * 60_000 },
    );
    console.log(
      `  volume: ${files * 2} files of ${FILE_MIB} MiB (half random, half base64 text) and 2000 of 4 KiB`,
    );

    const best = {
      tarBackup: Infinity,
      berthBackup: Infinity,
      tarRestore: Infinity,
      berthRestore: Infinity,
    };
    let backupPeak: number[] = [];
    let restorePeak: number[] = [];
    let before: number[] = [];
    const direct = path.join(work, "direct.tar.gz");
    const viaBerth = path.join(work, "berth.tar.gz");
    for (let round = 1; round <= ROUNDS; round++) {
      const tarBackup = await dockerRun(
        host,
        ["-v", "bench:/v:ro", BUSYBOX_IMAGE, "tar", "czf", "-", "-C", "/v", "."],
        undefined,
        direct,
      );
      best.tarBackup = Math.min(best.tarBackup, tarBackup.ms);

      const backup = await peakRss(pids, async () => {
        const res = await session.fetch(`/api/hosts/${hostId}/volumes/bench/backup`);
        if (res.status !== 200) throw new Error(`backup failed: ${await res.text()}`);
        await pipeline(Readable.fromWeb(res.body as never), createWriteStream(viaBerth));
      });
      best.berthBackup = Math.min(best.berthBackup, backup.ms);
      before = backup.before;
      backupPeak = backup.peak;

      await host.docker(["volume", "rm", "-f", "bench-direct", "bench-berth"], { allowFail: true });
      await host.docker(["volume", "create", "bench-direct"]);
      const tarRestore = await dockerRun(
        host,
        ["-i", "-v", "bench-direct:/v", BUSYBOX_IMAGE, "tar", "xzf", "-", "-C", "/v"],
        viaBerth,
      );
      best.tarRestore = Math.min(best.tarRestore, tarRestore.ms);

      const restore = await peakRss(pids, async () => {
        const res = await session.fetch(
          `/api/hosts/${hostId}/volumes/bench-berth/restore?create=1`,
          {
            method: "POST",
            body: Readable.toWeb(createReadStream(viaBerth)) as ReadableStream,
            duplex: "half",
          } as RequestInit,
        );
        if (res.status !== 200) throw new Error(`restore failed: ${await res.text()}`);
      });
      best.berthRestore = Math.min(best.berthRestore, restore.ms);
      restorePeak = restore.peak;
      console.log(
        `  round ${round}: backup tar ${rate(tarBackup.ms)}, Berth ${rate(backup.ms)}; restore tar ${rate(tarRestore.ms)}, Berth ${rate(restore.ms)}`,
      );
      console.log(
        `    CPU seconds: server ${cpu(backup.cpu[0]!)} backup, ${cpu(restore.cpu[0]!)} restore; agent ${cpu(backup.cpu[1]!)} backup, ${cpu(restore.cpu[1]!)} restore`,
      );
    }
    const sizes = [(await stat(direct)).size, (await stat(viaBerth)).size];
    console.log(`  backup files: tar czf ${mib(sizes[0]!)}, Berth ${mib(sizes[1]!)}`);
    console.log(
      `  backup of ${VOLUME_MIB} MiB: docker run … tar czf ${rate(best.tarBackup)}, through Berth ${rate(best.berthBackup)} (${(best.tarBackup / best.berthBackup).toFixed(2)}×)`,
    );
    console.log(
      `  restore of ${VOLUME_MIB} MiB: docker run -i … tar xzf ${rate(best.tarRestore)}, through Berth ${rate(best.berthRestore)} (${(best.tarRestore / best.berthRestore).toFixed(2)}×)`,
    );
    console.log(
      `  RSS: server ${mib(before[0]!)} → peak ${mib(backupPeak[0]!)} during a backup, ${mib(restorePeak[0]!)} during a restore; ` +
        `agent ${mib(before[1]!)} → peak ${mib(backupPeak[1]!)}, ${mib(restorePeak[1]!)}`,
    );
  } finally {
    await rm(work, { recursive: true, force: true });
    await stack.stop();
  }
}
