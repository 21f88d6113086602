/**
 * Writes a RunSpec as one `docker run` line, for "copy as docker run". Every word is quoted for a
 * POSIX shell, so pasting the line back (or into a terminal) gives the same spec. Pure and
 * browser-safe.
 *
 * Where `docker run` cannot say exactly what the spec says, the closest equivalent is written:
 * an entrypoint of several words becomes `--entrypoint first` with the rest in front of the
 * command (the same process runs), and an exec-form health check (`["CMD", …]`) becomes
 * `--health-cmd` with the words joined for a shell.
 */
import type { RunSpecInput } from "@/lib/protocol/containers";
import { formatDuration } from "./parse-duration";
import { formatSize } from "./parse-size";
import { joinShellWords } from "./shell-words";

export interface FormatDockerRunOptions {
  /** Put each flag on its own line, joined with ` \` continuations. */
  multiline?: boolean;
}

type PortInput = NonNullable<RunSpecInput["ports"]>[number];

/** `-p` spelling of one mapping: `8080:80`, `127.0.0.1::53/udp`, `[::1]:8080:80`, `80`. */
export function formatPublish(port: PortInput): string {
  const ip = port.hostIp ? (port.hostIp.includes(":") ? `[${port.hostIp}]` : port.hostIp) : "";
  const host = port.hostPort === undefined ? "" : String(port.hostPort);
  const protocol = port.protocol && port.protocol !== "tcp" ? `/${port.protocol}` : "";
  const base = ip
    ? `${ip}:${host}:${port.containerPort}`
    : host
      ? `${host}:${port.containerPort}`
      : `${port.containerPort}`;
  return `${base}${protocol}`;
}

/** A field of a `--mount`/`--network` value, quoted CSV-style when it has to be. */
const csvField = (field: string) => (/[,"]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);

function mountArgs(type: "bind" | "volume", source: string, target: string, readOnly: boolean) {
  if (!source.includes(":") && !target.includes(":"))
    return ["-v", `${source}:${target}${readOnly ? ":ro" : ""}`];
  const fields = [`type=${type}`, `source=${source}`, `target=${target}`];
  if (readOnly) fields.push("readonly");
  return ["--mount", fields.map(csvField).join(",")];
}

export function formatDockerRun(spec: RunSpecInput, options: FormatDockerRunOptions = {}): string {
  const start = spec.start !== false;
  const groups: string[][] = [["docker", start ? "run" : "create"]];
  if (start) groups.push(["-d"]);
  const add = (...words: string[]) => groups.push(words);

  if (spec.name !== undefined) add("--name", spec.name);
  if (spec.hostname !== undefined) add("--hostname", spec.hostname);
  if (spec.user !== undefined) add("--user", spec.user);
  if (spec.workingDir !== undefined) add("--workdir", spec.workingDir);
  const [entrypoint, ...entrypointArgs] = spec.entrypoint ?? [];
  if (spec.entrypoint !== undefined) add("--entrypoint", entrypoint ?? "");

  for (const e of spec.env ?? []) add("-e", `${e.key}=${e.value}`);
  for (const p of spec.ports ?? []) add("-p", formatPublish(p));
  if (spec.publishAll) add("-P");
  for (const v of spec.volumes ?? [])
    add(...mountArgs("volume", v.name, v.target, v.readOnly ?? false));
  for (const b of spec.binds ?? [])
    add(...mountArgs("bind", b.source, b.target, b.readOnly ?? false));
  for (const t of spec.tmpfs ?? [])
    add("--tmpfs", t.options ? `${t.target}:${t.options}` : t.target);

  const [firstNetwork, ...otherNetworks] = spec.networks ?? [];
  if (firstNetwork) {
    add("--network", firstNetwork.name);
    for (const alias of firstNetwork.aliases ?? []) add("--network-alias", alias);
  }
  for (const n of otherNetworks) {
    const aliases = n.aliases ?? [];
    if (aliases.length === 0) add("--network", n.name);
    else
      add(
        "--network",
        [`name=${n.name}`, ...aliases.map((a) => `alias=${a}`)].map(csvField).join(","),
      );
  }

  const restart = spec.restartPolicy;
  if (restart?.name && restart.name !== "no")
    add(
      "--restart",
      restart.name === "on-failure" && restart.maxRetries !== undefined
        ? `on-failure:${restart.maxRetries}`
        : restart.name,
    );
  if (spec.cpus !== undefined) add("--cpus", String(spec.cpus));
  if (spec.memoryBytes !== undefined) add("--memory", formatSize(spec.memoryBytes));
  if (spec.pidsLimit !== undefined) add("--pids-limit", String(spec.pidsLimit));
  if (spec.readOnlyRootfs) add("--read-only");
  if (spec.privileged) add("--privileged");
  for (const c of spec.capAdd ?? []) add("--cap-add", c);
  for (const c of spec.capDrop ?? []) add("--cap-drop", c);
  if (spec.noNewPrivileges) add("--security-opt", "no-new-privileges");
  for (const [key, value] of Object.entries(spec.labels ?? {})) add("--label", `${key}=${value}`);

  const hc = spec.healthcheck;
  if (hc) {
    const [kind, ...rest] = hc.test;
    if (kind === "NONE") add("--no-healthcheck");
    else {
      const cmd =
        kind === "CMD-SHELL"
          ? rest.join(" ")
          : kind === "CMD"
            ? joinShellWords(rest)
            : joinShellWords(hc.test);
      add("--health-cmd", cmd);
      if (hc.intervalSeconds !== undefined)
        add("--health-interval", formatDuration(hc.intervalSeconds));
      if (hc.timeoutSeconds !== undefined)
        add("--health-timeout", formatDuration(hc.timeoutSeconds));
      if (hc.startPeriodSeconds !== undefined)
        add("--health-start-period", formatDuration(hc.startPeriodSeconds));
      if (hc.retries !== undefined) add("--health-retries", String(hc.retries));
    }
  }
  if (spec.autoRemove) add("--rm");

  groups.push([spec.image, ...entrypointArgs, ...(spec.command ?? [])]);
  const lines = groups.map((words, i) => (i === 0 ? words.join(" ") : joinShellWords(words)));
  if (!options.multiline) return lines.join(" ");
  // Keep "docker run -d" together on the first line.
  const head = start ? `${lines[0]} ${lines[1]}` : lines[0]!;
  return [head, ...lines.slice(start ? 2 : 1)].join(" \\\n  ");
}
