/**
 * Reads a pasted `docker run …` line into a RunSpec, naming everything it cannot carry over.
 * Nothing is executed or expanded: the line is split like a POSIX shell would split it and
 * `$VAR`, `$(cmd)` and backticks stay literal. Pure and browser-safe.
 */
import type { z } from "zod";
import { RunSpecSchema, type RunSpecInput } from "@/lib/protocol/containers";
import { parseDuration } from "./parse-duration";
import { parseSize } from "./parse-size";
import { quoteShellWord, splitShellWords } from "./shell-words";

export interface ParsedDockerRun {
  /** What the line sets; fields it does not mention are left out (the schema's defaults apply). */
  spec: RunSpecInput;
  /** Flags Berth cannot carry over, as typed with their values, e.g. `--log-opt max-size=10m`. */
  unknownFlags: string[];
  /** Flags that need nothing from Berth (it always detaches and pulls as needed), e.g. `-it`. */
  ignoredFlags: string[];
  /** Problems to fix before the container can be created, in plain words. */
  errors: string[];
}

type PortInput = NonNullable<RunSpecInput["ports"]>[number];
type VolumeInput = NonNullable<RunSpecInput["volumes"]>[number];
type BindInput = NonNullable<RunSpecInput["binds"]>[number];
type TmpfsInput = NonNullable<RunSpecInput["tmpfs"]>[number];
type RestartInput = NonNullable<RunSpecInput["restartPolicy"]>;
type HealthInput = NonNullable<RunSpecInput["healthcheck"]>;

interface Draft {
  name?: string;
  entrypoint?: string[];
  workingDir?: string;
  user?: string;
  hostname?: string;
  env: Array<{ key: string; value: string }>;
  ports: PortInput[];
  publishAll: boolean;
  volumes: VolumeInput[];
  binds: BindInput[];
  tmpfs: TmpfsInput[];
  networks: Array<{ name: string; aliases: string[] }>;
  aliases: string[];
  restartPolicy?: RestartInput;
  cpus?: number;
  memoryBytes?: number;
  pidsLimit?: number;
  readOnlyRootfs: boolean;
  privileged: boolean;
  capAdd: string[];
  capDrop: string[];
  noNewPrivileges: boolean;
  labels: Record<string, string>;
  health: {
    cmd?: string;
    none: boolean;
    intervalSeconds?: number;
    timeoutSeconds?: number;
    startPeriodSeconds?: number;
    retries?: number;
    /** The --health-* flags given, for messages. */
    given: string[];
  };
  autoRemove: boolean;
}

interface Ctx {
  draft: Draft;
  errors: string[];
  unknownFlags: string[];
  ignoredFlags: string[];
}

/** How a flag was typed plus its value, quoted as a shell would need it. */
const shownWith = (flag: string, value: string) => `${flag} ${quoteShellWord(value)}`;

interface FlagDef {
  /** Long names without dashes; the first is the canonical one. */
  long: string[];
  short?: string;
  takesValue: boolean;
  /** `flag` is the flag as typed (`-p`, `--publish`); booleans get "true" or "false". */
  apply: (value: string, flag: string, ctx: Ctx) => void;
}

// ---------------------------------------------------------------------------------------------
// Values

const PORT = /^\d+$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const IPV6 = /^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(%[\w.-]+)?$/;
const MAX_PORTS_PER_FLAG = 1000;

const isIp = (ip: string) =>
  IPV4.test(ip) ? ip.split(".").every((n) => Number(n) <= 255) : IPV6.test(ip);

/** `80`, `8000-8002` → [first, last]; null when not a port or range. */
function portRange(text: string, allowZero: boolean): [number, number] | null {
  const [a = "", b, ...more] = text.split("-");
  if (more.length > 0 || !PORT.test(a) || (b !== undefined && !PORT.test(b))) return null;
  const first = Number(a);
  const last = b === undefined ? first : Number(b);
  const min = allowZero ? 0 : 1;
  if (first < min || last < first || last > 65535) return null;
  return [first, last];
}

/** One `-p` value → its mappings (ranges expanded), or a plain-words problem. */
export function parsePublish(value: string): { ports: PortInput[]; error?: string } {
  let rest = value.trim();
  let protocol: "tcp" | "udp" | "sctp" = "tcp";
  const slash = rest.lastIndexOf("/");
  if (slash >= 0) {
    const proto = rest.slice(slash + 1).toLowerCase();
    if (proto !== "tcp" && proto !== "udp" && proto !== "sctp")
      return { ports: [], error: `"${proto}" is not a protocol: use tcp, udp or sctp.` };
    protocol = proto;
    rest = rest.slice(0, slash);
  }
  let ip = "";
  if (rest.startsWith("[")) {
    const close = rest.indexOf("]");
    if (close < 0 || rest[close + 1] !== ":")
      return { ports: [], error: "An IPv6 address in [brackets] must be followed by ':'." };
    ip = rest.slice(1, close);
    rest = rest.slice(close + 2);
    if (!rest.includes(":")) rest = `:${rest}`;
  }
  const parts = rest.split(":");
  let hostText = "";
  let containerText: string;
  if (ip !== "") {
    if (parts.length !== 2) return { ports: [], error: "Write it as [ip]:hostPort:containerPort." };
    [hostText, containerText] = parts as [string, string];
  } else if (parts.length === 1) containerText = parts[0]!;
  else if (parts.length === 2) [hostText, containerText] = parts as [string, string];
  else {
    ip = parts.slice(0, -2).join(":");
    hostText = parts[parts.length - 2]!;
    containerText = parts[parts.length - 1]!;
  }
  if (ip !== "" && !isIp(ip)) return { ports: [], error: `"${ip}" is not an IP address.` };
  const container = portRange(containerText, false);
  if (!container)
    return {
      ports: [],
      error:
        containerText === ""
          ? "The container port is missing."
          : `"${containerText}" is not a container port (1-65535) or range (8000-8010).`,
    };
  const host = hostText === "" ? null : portRange(hostText, true);
  if (hostText !== "" && !host)
    return { ports: [], error: `"${hostText}" is not a host port (1-65535) or range.` };
  const count = container[1] - container[0] + 1;
  if (count > MAX_PORTS_PER_FLAG)
    return { ports: [], error: `A range of ${count} ports is more than Berth publishes at once.` };
  if (host && host[1] - host[0] + 1 !== count) {
    return {
      ports: [],
      error:
        count === 1
          ? "A host port range onto one container port is not supported: pick one host port."
          : "The host and container ranges must be the same length.",
    };
  }
  const ports: PortInput[] = [];
  for (let i = 0; i < count; i += 1) {
    const mapping: PortInput = { containerPort: container[0] + i, protocol };
    if (ip !== "") mapping.hostIp = ip;
    const hostPort = host ? host[0] + i : 0;
    if (hostPort !== 0) mapping.hostPort = hostPort;
    ports.push(mapping);
  }
  return { ports };
}

const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** Why a host path in a pasted line cannot be used as is, or null when it is absolute. */
function hostPathProblem(source: string): string | null {
  if (/[$`]/.test(source))
    return `"${source}" needs a shell to expand it, which a pasted line does not have: write the absolute host path.`;
  if (source.startsWith("~"))
    return `"${source}" uses ~, which only a shell expands: write the absolute host path.`;
  if (!source.startsWith("/"))
    return `"${source}" is a relative path, which a pasted line cannot resolve: write the absolute host path.`;
  return null;
}

/** Adds a bind (absolute or otherwise path-like source) or a named volume, or reports why not. */
function addMount(
  ctx: Ctx,
  what: string,
  source: string,
  target: string,
  readOnly: boolean,
  kind: "auto" | "bind" | "volume",
) {
  const pathLike =
    source.startsWith("/") ||
    source.startsWith(".") ||
    source.startsWith("~") ||
    source.includes("/") ||
    /[$`]/.test(source);
  if (kind === "bind" || (kind === "auto" && pathLike)) {
    const problem = hostPathProblem(source);
    if (problem) ctx.errors.push(`${what}: ${problem}`);
    else ctx.draft.binds.push({ source, target, readOnly });
    return;
  }
  if (!VOLUME_NAME.test(source)) {
    ctx.errors.push(
      `${what}: "${source}" is not a volume name (letters, digits and _ . -, starting with a letter or digit).`,
    );
    return;
  }
  ctx.draft.volumes.push({ name: source, target, readOnly });
}

function applyVolume(value: string, flag: string, ctx: Ctx) {
  const what = shownWith(flag, value);
  const parts = value.split(":");
  if (parts.length === 1) {
    ctx.errors.push(
      value.startsWith("/")
        ? `${what}: anonymous volumes are not supported; give it a name, e.g. ${flag} data:${value}.`
        : `${what}: say where to mount it, e.g. ${flag} ${value}:/data.`,
    );
    return;
  }
  if (parts.length > 3) {
    ctx.errors.push(`${what}: write it as source:target or source:target:options.`);
    return;
  }
  const [source = "", target = "", optionText = ""] = parts;
  const options = optionText ? optionText.split(",").map((o) => o.trim()) : [];
  let readOnly = false;
  const unsupported: string[] = [];
  for (const option of options) {
    if (option === "ro" || option === "readonly") readOnly = true;
    else if (option === "rw") readOnly = false;
    else if (option) unsupported.push(option);
  }
  if (source === "") {
    ctx.errors.push(`${what}: the source (a volume name or host path) is missing.`);
    return;
  }
  if (unsupported.length > 0)
    ctx.unknownFlags.push(`${what} (not supported: ${unsupported.join(", ")})`);
  addMount(ctx, what, source, target, readOnly, "auto");
}

/** Splits `a,"b,c",d` like the engine's CSV reader. */
function splitCsv(value: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < value.length; i += 1) {
    const c = value[i]!;
    if (quoted) {
      if (c === '"' && value[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else field += c;
  }
  fields.push(field);
  return fields.map((f) => f.trim()).filter((f) => f !== "");
}

const TRUE_WORDS = new Set(["1", "t", "true"]);
const FALSE_WORDS = new Set(["0", "f", "false"]);

/** Go's strconv.ParseBool, which the docker CLI uses; null when not a boolean. */
function parseBool(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  return null;
}

function applyMount(value: string, flag: string, ctx: Ctx) {
  const what = shownWith(flag, value);
  let type = "volume";
  let source = "";
  let target = "";
  let readOnly = false;
  const tmpfsOptions: string[] = [];
  const unsupported: string[] = [];
  for (const field of splitCsv(value)) {
    const eq = field.indexOf("=");
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    const val = eq < 0 ? "" : field.slice(eq + 1);
    switch (key) {
      case "type":
        type = val.toLowerCase();
        break;
      case "source":
      case "src":
        source = val;
        break;
      case "target":
      case "destination":
      case "dst":
        target = val;
        break;
      case "readonly":
      case "ro": {
        const b = eq < 0 ? true : parseBool(val);
        if (b === null) ctx.errors.push(`${what}: "${field}" should be readonly=true or false.`);
        else readOnly = b;
        break;
      }
      case "tmpfs-size":
        tmpfsOptions.push(`size=${val}`);
        break;
      case "tmpfs-mode":
        tmpfsOptions.push(`mode=${val}`);
        break;
      default:
        unsupported.push(key);
    }
  }
  if (type !== "bind" && type !== "volume" && type !== "tmpfs") {
    ctx.unknownFlags.push(`${what} (type ${type} is not supported)`);
    return;
  }
  if (unsupported.length > 0)
    ctx.unknownFlags.push(`${what} (not supported: ${unsupported.join(", ")})`);
  if (target === "") {
    ctx.errors.push(`${what}: the target path inside the container is missing.`);
    return;
  }
  if (type === "tmpfs") {
    const tmpfs: TmpfsInput = { target };
    if (tmpfsOptions.length > 0) tmpfs.options = tmpfsOptions.join(",");
    ctx.draft.tmpfs.push(tmpfs);
    return;
  }
  if (source === "") {
    ctx.errors.push(
      type === "bind"
        ? `${what}: the host path (source=) is missing.`
        : `${what}: anonymous volumes are not supported; add source=<volume name>.`,
    );
    return;
  }
  addMount(ctx, what, source, target, readOnly, type === "bind" ? "bind" : "volume");
}

function applyTmpfs(value: string, _flag: string, ctx: Ctx) {
  const colon = value.indexOf(":");
  const tmpfs: TmpfsInput = { target: colon < 0 ? value : value.slice(0, colon) };
  const options = colon < 0 ? "" : value.slice(colon + 1);
  if (options) tmpfs.options = options;
  ctx.draft.tmpfs.push(tmpfs);
}

function network(ctx: Ctx, name: string) {
  const found = ctx.draft.networks.find((n) => n.name === name);
  if (found) return found;
  const added = { name, aliases: [] as string[] };
  ctx.draft.networks.push(added);
  return added;
}

function applyNetwork(value: string, flag: string, ctx: Ctx) {
  if (!value.includes("=")) {
    network(ctx, value.trim());
    return;
  }
  // Advanced syntax: --network name=app,alias=web,alias=www
  let name = "";
  const aliases: string[] = [];
  const unsupported: string[] = [];
  for (const field of splitCsv(value)) {
    const eq = field.indexOf("=");
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    const val = eq < 0 ? "" : field.slice(eq + 1);
    if (key === "name") name = val;
    else if (key === "alias") aliases.push(val);
    else unsupported.push(key);
  }
  const what = shownWith(flag, value);
  if (unsupported.length > 0)
    ctx.unknownFlags.push(`${what} (not supported: ${unsupported.join(", ")})`);
  if (!name) {
    ctx.errors.push(`${what}: name= is missing.`);
    return;
  }
  const n = network(ctx, name);
  for (const a of aliases) if (!n.aliases.includes(a)) n.aliases.push(a);
}

function applyEnv(value: string, flag: string, ctx: Ctx) {
  const eq = value.indexOf("=");
  const key = eq < 0 ? value : value.slice(0, eq);
  if (key.trim() === "") {
    ctx.errors.push(`${shownWith(flag, value)}: the variable has no name.`);
    return;
  }
  const entry = { key, value: eq < 0 ? "" : value.slice(eq + 1) };
  if (eq < 0)
    ctx.errors.push(
      `${shownWith(flag, value)} copies ${key} from your shell, which a pasted line cannot see: enter its value (it is empty for now).`,
    );
  const env = ctx.draft.env;
  const at = env.findIndex((e) => e.key === key);
  if (at >= 0) env[at] = entry;
  else env.push(entry);
}

function applyLabel(value: string, flag: string, ctx: Ctx) {
  const eq = value.indexOf("=");
  const key = eq < 0 ? value : value.slice(0, eq);
  if (key.trim() === "") {
    ctx.errors.push(`${shownWith(flag, value)}: the label has no name.`);
    return;
  }
  ctx.draft.labels[key] = eq < 0 ? "" : value.slice(eq + 1);
}

function applyRestart(value: string, flag: string, ctx: Ctx) {
  const match = /^(no|always|unless-stopped|on-failure)(?::(\d+))?$/.exec(value.trim());
  if (!match || (match[2] !== undefined && match[1] !== "on-failure")) {
    ctx.errors.push(
      `${shownWith(flag, value)}: use no, always, unless-stopped or on-failure (optionally on-failure:N).`,
    );
    return;
  }
  const policy: RestartInput = { name: match[1] as RestartInput["name"] };
  if (match[2] !== undefined) policy.maxRetries = Number(match[2]);
  ctx.draft.restartPolicy = policy;
}

function applyCpus(value: string, flag: string, ctx: Ctx) {
  const n = /^(\d+(\.\d*)?|\.\d+)$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isFinite(n)) {
    ctx.errors.push(`${shownWith(flag, value)}: not a number of CPUs (e.g. 0.5 or 2).`);
    return;
  }
  // 0 means "no limit" to docker, as it does here.
  ctx.draft.cpus = n > 0 ? n : undefined;
}

function applyMemory(value: string, flag: string, ctx: Ctx) {
  const bytes = parseSize(value);
  if (bytes === null) {
    ctx.errors.push(`${shownWith(flag, value)}: not a size; use e.g. 512m or 1.5g.`);
    return;
  }
  ctx.draft.memoryBytes = bytes > 0 ? bytes : undefined;
}

function applyPidsLimit(value: string, flag: string, ctx: Ctx) {
  if (!/^-?\d+$/.test(value.trim())) {
    ctx.errors.push(`${shownWith(flag, value)}: not a whole number of processes.`);
    return;
  }
  const n = Number(value);
  // 0 and -1 mean "no limit" to docker.
  ctx.draft.pidsLimit = n > 0 ? n : undefined;
}

const capabilities = (value: string) =>
  value
    .split(",")
    .map((c) => c.trim().toUpperCase().replace(/^CAP_/, ""))
    .filter(Boolean);

function applySecurityOpt(value: string, flag: string, ctx: Ctx) {
  const match = /^no-new-privileges(?:[:=](.*))?$/i.exec(value.trim());
  if (!match) {
    ctx.unknownFlags.push(shownWith(flag, value));
    return;
  }
  const b = match[1] === undefined ? true : parseBool(match[1]);
  if (b === null)
    ctx.errors.push(`${shownWith(flag, value)}: use no-new-privileges or no-new-privileges:false.`);
  else ctx.draft.noNewPrivileges = b;
}

function healthDuration(
  field: "intervalSeconds" | "timeoutSeconds" | "startPeriodSeconds",
): FlagDef["apply"] {
  return (value, flag, ctx) => {
    ctx.draft.health.given.push(flag);
    const seconds = parseDuration(value);
    if (seconds === null) {
      ctx.errors.push(
        `${shownWith(flag, value)}: use a duration with a unit, e.g. 30s, 1m30s or 500ms.`,
      );
      return;
    }
    // 0 means "the engine's default", as with docker.
    ctx.draft.health[field] = seconds > 0 ? seconds : undefined;
  };
}

// ---------------------------------------------------------------------------------------------
// Flags

const set =
  <K extends "name" | "workingDir" | "user" | "hostname">(key: K): FlagDef["apply"] =>
  (value, _flag, ctx) => {
    ctx.draft[key] = value;
  };

const toggle =
  (key: "publishAll" | "readOnlyRootfs" | "privileged" | "autoRemove"): FlagDef["apply"] =>
  (value, _flag, ctx) => {
    ctx.draft[key] = value === "true";
  };

const unknownFlag: FlagDef["apply"] = (value, flag, ctx) => {
  ctx.unknownFlags.push(value === "true" ? flag : value === "false" ? `${flag}=false` : value);
};
const ignoredFlag: FlagDef["apply"] = (value, flag, ctx) => {
  ctx.ignoredFlags.push(value === "false" ? `${flag}=false` : flag);
};
const withValue =
  (bucket: "unknownFlags" | "ignoredFlags"): FlagDef["apply"] =>
  (value, flag, ctx) => {
    ctx[bucket].push(shownWith(flag, value));
  };

const FLAGS: FlagDef[] = [
  { long: ["name"], takesValue: true, apply: set("name") },
  { long: ["hostname"], short: "h", takesValue: true, apply: set("hostname") },
  { long: ["workdir"], short: "w", takesValue: true, apply: set("workingDir") },
  { long: ["user"], short: "u", takesValue: true, apply: set("user") },
  {
    long: ["entrypoint"],
    takesValue: true,
    apply: (value, _flag, ctx) => {
      ctx.draft.entrypoint = [value];
    },
  },
  { long: ["env"], short: "e", takesValue: true, apply: applyEnv },
  {
    long: ["env-file", "label-file"],
    takesValue: true,
    apply: (value, flag, ctx) =>
      ctx.errors.push(
        `${shownWith(flag, value)}: Berth cannot read files named in a pasted line; add those ${flag === "--env-file" ? "variables" : "labels"} one by one.`,
      ),
  },
  { long: ["label"], short: "l", takesValue: true, apply: applyLabel },
  {
    long: ["publish"],
    short: "p",
    takesValue: true,
    apply: (value, flag, ctx) => {
      const { ports, error } = parsePublish(value);
      if (error) ctx.errors.push(`${shownWith(flag, value)}: ${error}`);
      ctx.draft.ports.push(...ports);
    },
  },
  { long: ["publish-all"], short: "P", takesValue: false, apply: toggle("publishAll") },
  { long: ["volume"], short: "v", takesValue: true, apply: applyVolume },
  { long: ["mount"], takesValue: true, apply: applyMount },
  { long: ["tmpfs"], takesValue: true, apply: applyTmpfs },
  { long: ["network", "net"], takesValue: true, apply: applyNetwork },
  {
    long: ["network-alias", "net-alias"],
    takesValue: true,
    apply: (value, _flag, ctx) => {
      if (!ctx.draft.aliases.includes(value)) ctx.draft.aliases.push(value);
    },
  },
  { long: ["restart"], takesValue: true, apply: applyRestart },
  { long: ["cpus"], takesValue: true, apply: applyCpus },
  { long: ["memory"], short: "m", takesValue: true, apply: applyMemory },
  { long: ["pids-limit"], takesValue: true, apply: applyPidsLimit },
  { long: ["read-only"], takesValue: false, apply: toggle("readOnlyRootfs") },
  { long: ["privileged"], takesValue: false, apply: toggle("privileged") },
  {
    long: ["cap-add"],
    takesValue: true,
    apply: (value, _flag, ctx) => ctx.draft.capAdd.push(...capabilities(value)),
  },
  {
    long: ["cap-drop"],
    takesValue: true,
    apply: (value, _flag, ctx) => ctx.draft.capDrop.push(...capabilities(value)),
  },
  { long: ["security-opt"], takesValue: true, apply: applySecurityOpt },
  { long: ["rm"], takesValue: false, apply: toggle("autoRemove") },
  {
    long: ["health-cmd"],
    takesValue: true,
    apply: (value, flag, ctx) => {
      ctx.draft.health.given.push(flag);
      if (value.trim() === "") ctx.errors.push(`${flag}: the health command is empty.`);
      else ctx.draft.health.cmd = value;
    },
  },
  { long: ["health-interval"], takesValue: true, apply: healthDuration("intervalSeconds") },
  { long: ["health-timeout"], takesValue: true, apply: healthDuration("timeoutSeconds") },
  { long: ["health-start-period"], takesValue: true, apply: healthDuration("startPeriodSeconds") },
  {
    long: ["health-retries"],
    takesValue: true,
    apply: (value, flag, ctx) => {
      ctx.draft.health.given.push(flag);
      if (!/^\d+$/.test(value.trim()))
        ctx.errors.push(`${shownWith(flag, value)}: not a whole number of retries.`);
      else ctx.draft.health.retries = Number(value);
    },
  },
  {
    long: ["no-healthcheck"],
    takesValue: false,
    apply: (value, _flag, ctx) => {
      ctx.draft.health.none = value === "true";
    },
  },
  // Berth always detaches, never attaches a terminal and pulls missing images itself.
  { long: ["detach"], short: "d", takesValue: false, apply: ignoredFlag },
  { long: ["interactive"], short: "i", takesValue: false, apply: ignoredFlag },
  { long: ["tty"], short: "t", takesValue: false, apply: ignoredFlag },
  { long: ["quiet"], short: "q", takesValue: false, apply: ignoredFlag },
  { long: ["sig-proxy"], takesValue: false, apply: ignoredFlag },
  { long: ["disable-content-trust"], takesValue: false, apply: ignoredFlag },
  { long: ["attach"], short: "a", takesValue: true, apply: withValue("ignoredFlags") },
  { long: ["detach-keys"], takesValue: true, apply: withValue("ignoredFlags") },
  { long: ["pull"], takesValue: true, apply: withValue("ignoredFlags") },
  { long: ["cidfile"], takesValue: true, apply: withValue("ignoredFlags") },
  // Real `docker run` flags a RunSpec has no field for: named, with their values.
  { long: ["cpu-shares"], short: "c", takesValue: true, apply: withValue("unknownFlags") },
  ...[
    "add-host",
    "annotation",
    "blkio-weight",
    "blkio-weight-device",
    "cgroup-parent",
    "cgroupns",
    "cpu-count",
    "cpu-percent",
    "cpu-period",
    "cpu-quota",
    "cpu-rt-period",
    "cpu-rt-runtime",
    "cpuset-cpus",
    "cpuset-mems",
    "device",
    "device-cgroup-rule",
    "device-read-bps",
    "device-read-iops",
    "device-write-bps",
    "device-write-iops",
    "dns",
    "dns-option",
    "dns-opt",
    "dns-search",
    "domainname",
    "expose",
    "gpus",
    "group-add",
    "health-start-interval",
    "io-maxbandwidth",
    "io-maxiops",
    "ip",
    "ip6",
    "ipc",
    "isolation",
    "kernel-memory",
    "link",
    "link-local-ip",
    "log-driver",
    "log-opt",
    "mac-address",
    "memory-reservation",
    "memory-swap",
    "memory-swappiness",
    "oom-score-adj",
    "pid",
    "platform",
    "runtime",
    "shm-size",
    "stop-signal",
    "stop-timeout",
    "storage-opt",
    "sysctl",
    "ulimit",
    "userns",
    "uts",
    "volume-driver",
    "volumes-from",
  ].map((name): FlagDef => ({ long: [name], takesValue: true, apply: withValue("unknownFlags") })),
  ...["init", "oom-kill-disable", "use-api-socket", "help"].map((name): FlagDef => ({
    long: [name],
    takesValue: false,
    apply: unknownFlag,
  })),
];

const BY_LONG = new Map(FLAGS.flatMap((f) => f.long.map((name) => [name, f] as const)));
const BY_SHORT = new Map(FLAGS.filter((f) => f.short).map((f) => [f.short!, f] as const));

// ---------------------------------------------------------------------------------------------
// The command in front of the flags

const DOCKER = /^(?:.*\/)?(docker|podman|nerdctl)(\.exe)?$/;
/** `docker` options before the subcommand that take a value. */
const GLOBAL_WITH_VALUE = new Set([
  "-H",
  "--host",
  "-c",
  "--context",
  "--config",
  "-l",
  "--log-level",
  "--tlscacert",
  "--tlscert",
  "--tlskey",
]);

interface Prefix {
  /** Index of the first word after `docker run`. */
  start: number;
  create: boolean;
  /** Set when the line is some other docker command. */
  otherCommand?: string;
}

function readPrefix(words: string[], ignored: string[]): Prefix {
  let i = 0;
  if (words[i] === "$" || words[i] === "%") i += 1;
  if (words[i] === "sudo") {
    let j = i + 1;
    while (j < words.length && !DOCKER.test(words[j]!)) j += 1;
    if (j < words.length) i = j;
  }
  while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!)) ignored.push(words[i++]!);
  if (i < words.length && DOCKER.test(words[i]!)) {
    i += 1;
    while (i < words.length && words[i]!.startsWith("-")) {
      const word = words[i]!;
      if (GLOBAL_WITH_VALUE.has(word) && i + 1 < words.length) {
        ignored.push(shownWith(word, words[i + 1]!));
        i += 2;
      } else {
        ignored.push(word);
        i += 1;
      }
    }
    if (words[i] === "container") i += 1;
    const sub = words[i];
    if (sub === "run" || sub === "create") return { start: i + 1, create: sub === "create" };
    return { start: words.length, create: false, otherCommand: words.slice(0, i + 1).join(" ") };
  }
  if (words[i] === "container") i += 1;
  if (words[i] === "run" || words[i] === "create")
    return { start: i + 1, create: words[i] === "create" };
  return { start: i, create: false };
}

// ---------------------------------------------------------------------------------------------
// Validation messages

const FIELD_LABELS: Record<string, string> = {
  image: "Image",
  name: "Name (--name)",
  command: "Command",
  entrypoint: "Entrypoint (--entrypoint)",
  workingDir: "Working directory (-w)",
  user: "User (-u)",
  hostname: "Hostname (-h)",
  restartPolicy: "Restart policy (--restart)",
  cpus: "CPUs (--cpus)",
  memoryBytes: "Memory (-m)",
  pidsLimit: "Process limit (--pids-limit)",
  capAdd: "Added capability (--cap-add)",
  capDrop: "Dropped capability (--cap-drop)",
  labels: "Label",
  healthcheck: "Health check",
};

function fieldLabel(path: readonly PropertyKey[], spec: RunSpecInput): string {
  const [field, index] = path;
  const at = typeof index === "number" ? index : -1;
  switch (field) {
    case "env":
      return `Variable "${spec.env?.[at]?.key ?? ""}" (-e)`;
    case "ports": {
      const p = spec.ports?.[at];
      return `Port ${p ? p.containerPort : ""} (-p)`;
    }
    case "volumes": {
      const v = spec.volumes?.[at];
      return `Volume "${v ? `${v.name}:${v.target}` : ""}"`;
    }
    case "binds": {
      const b = spec.binds?.[at];
      return `Bind mount "${b ? `${b.source}:${b.target}` : ""}"`;
    }
    case "tmpfs":
      return `tmpfs "${spec.tmpfs?.[at]?.target ?? ""}"`;
    case "networks":
      return `Network "${spec.networks?.[at]?.name ?? ""}"`;
    default:
      return FIELD_LABELS[String(field)] ?? String(field);
  }
}

/** zod's own wording for untailored checks, as plain words. */
function plainMessage(issue: z.core.$ZodIssue): string {
  if (!/^(Too small|Too big|Invalid)/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "string")
        return Number(issue.minimum) <= 1
          ? "cannot be empty."
          : `needs at least ${issue.minimum} characters.`;
      if (issue.origin === "array") return "cannot be empty.";
      return issue.inclusive
        ? `must be at least ${issue.minimum}.`
        : `must be more than ${issue.minimum}.`;
    case "too_big":
      if (issue.origin === "string") return `can be at most ${issue.maximum} characters long.`;
      return issue.inclusive
        ? `must be at most ${issue.maximum}.`
        : `must be less than ${issue.maximum}.`;
    case "invalid_format":
      if (issue.format === "starts_with" && "prefix" in issue)
        return `must start with "${String(issue.prefix)}".`;
      return "is not in the expected format.";
    case "invalid_value":
      return `must be one of ${issue.values.map(String).join(", ")}.`;
    case "invalid_type":
      return `must be a ${issue.expected}.`;
    default:
      return issue.message;
  }
}

// ---------------------------------------------------------------------------------------------

function newDraft(): Draft {
  return {
    env: [],
    ports: [],
    publishAll: false,
    volumes: [],
    binds: [],
    tmpfs: [],
    networks: [],
    aliases: [],
    readOnlyRootfs: false,
    privileged: false,
    capAdd: [],
    capDrop: [],
    noNewPrivileges: false,
    labels: {},
    health: { none: false, given: [] },
    autoRemove: false,
  };
}

const DEFAULT_NETWORKS = new Set(["bridge", "host", "none", "default"]);

function finish(
  draft: Draft,
  image: string,
  command: string[],
  create: boolean,
  ctx: Ctx,
): RunSpecInput {
  const spec: RunSpecInput = { image };
  if (draft.name !== undefined) spec.name = draft.name;
  if (command.length > 0) spec.command = command;
  if (draft.entrypoint) spec.entrypoint = draft.entrypoint;
  if (draft.workingDir !== undefined) spec.workingDir = draft.workingDir;
  if (draft.user !== undefined) spec.user = draft.user;
  if (draft.hostname !== undefined) spec.hostname = draft.hostname;
  if (draft.env.length > 0) spec.env = draft.env;
  if (draft.ports.length > 0) spec.ports = draft.ports;
  if (draft.publishAll) spec.publishAll = true;
  if (draft.volumes.length > 0) spec.volumes = draft.volumes;
  if (draft.binds.length > 0) spec.binds = draft.binds;
  if (draft.tmpfs.length > 0) spec.tmpfs = draft.tmpfs;

  if (draft.aliases.length > 0) {
    const first = draft.networks[0];
    if (!first)
      ctx.errors.push(
        `--network-alias ${draft.aliases.join(", ")}: aliases only work on a user-defined network; add --network <name>.`,
      );
    else if (DEFAULT_NETWORKS.has(first.name))
      ctx.errors.push(
        `--network-alias ${draft.aliases.join(", ")}: aliases only work on a user-defined network, not on "${first.name}".`,
      );
    else for (const a of draft.aliases) if (!first.aliases.includes(a)) first.aliases.push(a);
  }
  if (draft.networks.length > 0) spec.networks = draft.networks;

  if (draft.restartPolicy) spec.restartPolicy = draft.restartPolicy;
  if (draft.autoRemove && draft.restartPolicy && draft.restartPolicy.name !== "no")
    ctx.errors.push(
      "--rm and --restart cannot be used together: a container that removes itself cannot be restarted.",
    );
  if (draft.cpus !== undefined) spec.cpus = draft.cpus;
  if (draft.memoryBytes !== undefined) spec.memoryBytes = draft.memoryBytes;
  if (draft.pidsLimit !== undefined) spec.pidsLimit = draft.pidsLimit;
  if (draft.readOnlyRootfs) spec.readOnlyRootfs = true;
  if (draft.privileged) spec.privileged = true;
  if (draft.capAdd.length > 0) spec.capAdd = draft.capAdd;
  if (draft.capDrop.length > 0) spec.capDrop = draft.capDrop;
  if (draft.noNewPrivileges) spec.noNewPrivileges = true;
  if (Object.keys(draft.labels).length > 0) spec.labels = draft.labels;

  const h = draft.health;
  if (h.none) {
    if (h.given.length > 0)
      ctx.errors.push(
        `--no-healthcheck cannot be combined with ${[...new Set(h.given)].join(", ")}.`,
      );
    spec.healthcheck = { test: ["NONE"] };
  } else if (h.cmd !== undefined) {
    const hc: HealthInput = { test: ["CMD-SHELL", h.cmd] };
    if (h.intervalSeconds !== undefined) hc.intervalSeconds = h.intervalSeconds;
    if (h.timeoutSeconds !== undefined) hc.timeoutSeconds = h.timeoutSeconds;
    if (h.startPeriodSeconds !== undefined) hc.startPeriodSeconds = h.startPeriodSeconds;
    if (h.retries !== undefined) hc.retries = h.retries;
    spec.healthcheck = hc;
  } else if (h.given.length > 0) {
    ctx.errors.push(
      `${[...new Set(h.given)].join(", ")} without --health-cmd: Berth cannot change the timing of the image's own health check; add --health-cmd.`,
    );
  }
  if (draft.autoRemove) spec.autoRemove = true;
  if (create) spec.start = false;
  return spec;
}

/** Reads one `docker run` (or `docker create`) line; see ParsedDockerRun. */
export function parseDockerRun(line: string): ParsedDockerRun {
  const { words, errors: shellErrors, stoppedAt } = splitShellWords(line);
  const errors = [...shellErrors];
  const unknownFlags: string[] = [];
  const ignoredFlags: string[] = [];
  const ctx: Ctx = { draft: newDraft(), errors, unknownFlags, ignoredFlags };
  if (stoppedAt !== null)
    errors.push(
      `Only the docker run command is read: everything from "${stoppedAt}" on is left out.`,
    );

  const prefix = readPrefix(words, ignoredFlags);
  if (prefix.otherCommand !== undefined) {
    errors.push(`"${prefix.otherCommand}" is not a docker run command.`);
    return { spec: { image: "" }, unknownFlags, ignoredFlags, errors };
  }

  let i = prefix.start;
  while (i < words.length) {
    const word = words[i]!;
    if (word === "--") {
      i += 1;
      break;
    }
    if (word.startsWith("--")) {
      const eq = word.indexOf("=");
      const name = eq < 0 ? word.slice(2) : word.slice(2, eq);
      const flag = `--${name}`;
      const def = BY_LONG.get(name);
      i += 1;
      if (!def) {
        unknownFlags.push(word);
        continue;
      }
      if (def.takesValue) {
        if (eq >= 0) def.apply(word.slice(eq + 1), flag, ctx);
        else if (i < words.length) def.apply(words[i++]!, flag, ctx);
        else errors.push(`${flag} needs a value.`);
      } else {
        const b = eq < 0 ? true : parseBool(word.slice(eq + 1));
        if (b === null) errors.push(`${word}: use true or false.`);
        else def.apply(String(b), flag, ctx);
      }
      continue;
    }
    if (word.startsWith("-") && word.length > 1) {
      i += 1;
      for (let k = 1; k < word.length; k += 1) {
        const letter = word[k]!;
        const flag = `-${letter}`;
        const def = BY_SHORT.get(letter);
        if (!def) {
          unknownFlags.push(`-${word.slice(k)}`);
          break;
        }
        if (def.takesValue) {
          let value = word.slice(k + 1);
          if (value.startsWith("=")) value = value.slice(1);
          if (value !== "") def.apply(value, flag, ctx);
          else if (word[k + 1] === "=") def.apply("", flag, ctx);
          else if (i < words.length) def.apply(words[i++]!, flag, ctx);
          else errors.push(`${flag} needs a value.`);
          break;
        }
        if (word[k + 1] === "=") {
          const b = parseBool(word.slice(k + 2));
          if (b === null) errors.push(`${flag}${word.slice(k + 1)}: use true or false.`);
          else def.apply(String(b), flag, ctx);
          break;
        }
        def.apply("true", flag, ctx);
      }
      continue;
    }
    break;
  }

  const image = words[i] ?? "";
  const command = words.slice(i + 1);
  if (image === "") errors.push("No image: name one after the flags, e.g. nginx:1.27.");
  else if (/\s/.test(image)) errors.push(`Image "${image}": an image name has no spaces.`);
  else {
    const withoutDigest = image.split("@")[0]!;
    const lastSlash = withoutDigest.lastIndexOf("/");
    const colon = withoutDigest.indexOf(":", lastSlash + 1);
    const repository = colon < 0 ? withoutDigest : withoutDigest.slice(0, colon);
    // A registry host (with a dot or port, or localhost) may have capitals; the path may not.
    const [first = "", ...others] = repository.split("/");
    const isRegistry = others.length > 0 && (/[.:]/.test(first) || first === "localhost");
    const path = isRegistry ? others.join("/") : repository;
    if (path !== path.toLowerCase())
      errors.push(`Image "${image}": repository names are lowercase (${path.toLowerCase()}).`);
  }

  const spec = finish(ctx.draft, image, command, prefix.create, ctx);
  const checked = RunSpecSchema.safeParse(spec);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      if (issue.path[0] === "image" && image === "") continue;
      const message = `${fieldLabel(issue.path, spec)}: ${plainMessage(issue)}`;
      if (!errors.includes(message)) errors.push(message);
    }
  }
  return { spec, unknownFlags, ignoredFlags, errors };
}
