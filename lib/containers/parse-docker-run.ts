/**
 * Reads a pasted `docker run …` line into a RunSpec, naming everything it cannot carry over.
 * Nothing is executed or expanded: the line is split like a POSIX shell would split it and
 * `$VAR`, `$(cmd)` and backticks stay literal. Values are checked the way the docker CLI checks
 * them before it calls the engine. Pure and browser-safe.
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
  /** Flags that need nothing from Berth (it always runs detached), e.g. `-d`. */
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
type NetworkInput = NonNullable<RunSpecInput["networks"]>[number];
type DeviceInput = NonNullable<RunSpecInput["devices"]>[number];
type GpusInput = NonNullable<RunSpecInput["gpus"]>;
type UlimitInput = NonNullable<RunSpecInput["ulimits"]>[number];
type ExtraHostInput = NonNullable<RunSpecInput["extraHosts"]>[number];
type ExposeInput = NonNullable<RunSpecInput["expose"]>[number];
type NetworkMode = NonNullable<RunSpecInput["networkMode"]>;
type PidMode = NonNullable<RunSpecInput["pidMode"]>;
type IpcMode = NonNullable<RunSpecInput["ipcMode"]>;

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
  networks: NetworkInput[];
  aliases: string[];
  networkMode?: NetworkMode;
  /** --ip, --ip6 and --mac-address, which docker applies to the first network. */
  ip?: string;
  ip6?: string;
  macAddress?: string;
  /** A mac-address= field of the first --network. */
  networkMac?: string;
  pidMode?: PidMode;
  ipcMode?: IpcMode;
  utsMode?: "host";
  usernsMode?: "host";
  cgroupnsMode?: "host" | "private";
  dns: string[];
  dnsSearch: string[];
  dnsOptions: string[];
  extraHosts: ExtraHostInput[];
  expose: ExposeInput[];
  domainname?: string;
  restartPolicy?: RestartInput;
  cpus?: number;
  memoryBytes?: number;
  pidsLimit?: number;
  cpuShares?: number;
  cpusetCpus?: string;
  memoryReservationBytes?: number;
  memorySwapBytes?: number;
  shmSizeBytes?: number;
  ulimits: UlimitInput[];
  readOnlyRootfs: boolean;
  privileged: boolean;
  capAdd: string[];
  capDrop: string[];
  noNewPrivileges: boolean;
  securityOpt: string[];
  devices: DeviceInput[];
  gpus?: GpusInput;
  sysctls: Record<string, string>;
  cgroupParent?: string;
  groupAdd: string[];
  init?: boolean;
  stopSignal?: string;
  stopTimeoutSeconds?: number;
  logDriver?: string;
  logOptions: Record<string, string>;
  interactive: boolean;
  tty: boolean;
  platform?: string;
  pullPolicy?: "always" | "missing" | "never";
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
  const added: NetworkInput = { name, aliases: [] };
  ctx.draft.networks.push(added);
  return added;
}

const CONTAINER_MODE = /^container:./;

/** `host`, `none` and `container:<name>` are network modes, not networks to join. */
function isNetworkMode(value: string): value is NetworkMode {
  return value === "host" || value === "none" || CONTAINER_MODE.test(value);
}

function applyNetwork(value: string, flag: string, ctx: Ctx) {
  const what = shownWith(flag, value);
  // docker's own test for the name=…,key=… syntax
  if (!/\w+=\w+(,\w+=\w+)*/.test(value)) {
    const name = value.trim();
    if (!isNetworkMode(name)) {
      network(ctx, name);
      return;
    }
    if (ctx.draft.networkMode !== undefined && ctx.draft.networkMode !== name)
      ctx.errors.push(`${what}: a container has one network mode; it is ${ctx.draft.networkMode}.`);
    else ctx.draft.networkMode = name;
    return;
  }
  let name = "";
  const aliases: string[] = [];
  let ipv4: string | undefined;
  let ipv6: string | undefined;
  let mac: string | undefined;
  const unsupported: string[] = [];
  for (const field of splitCsv(value)) {
    const eq = field.indexOf("=");
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase().trim();
    const val = eq < 0 ? "" : field.slice(eq + 1).trim();
    if (key === "name") name = val;
    else if (key === "alias") aliases.push(val);
    else if (key === "ip") ipv4 = val;
    else if (key === "ip6") ipv6 = val;
    else if (key === "mac-address") mac = val;
    else unsupported.push(key);
  }
  if (unsupported.length > 0)
    ctx.unknownFlags.push(`${what} (not supported: ${unsupported.join(", ")})`);
  if (!name) {
    ctx.errors.push(`${what}: name= is missing.`);
    return;
  }
  if (isNetworkMode(name)) {
    ctx.errors.push(`${what}: ${name} is a network mode; write it as ${flag} ${name}.`);
    return;
  }
  const isFirst = ctx.draft.networks.length === 0 || ctx.draft.networks[0]!.name === name;
  const n = network(ctx, name);
  for (const a of aliases) if (!n.aliases!.includes(a)) n.aliases!.push(a);
  if (ipv4 !== undefined) n.ipv4Address = ipv4;
  if (ipv6 !== undefined) n.ipv6Address = ipv6;
  if (mac !== undefined) {
    // Engine API 1.41 has one MAC address per container, on the network it is created on.
    if (isFirst) ctx.draft.networkMac = mac;
    else
      ctx.errors.push(
        `${what}: a MAC address can only be set on the first network (the one the container is created on).`,
      );
  }
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

/** The built-in seccomp profiles the CLI passes on by name (anything else is a file it reads). */
const SECCOMP_NAMES = new Set(["builtin", "unconfined"]);

function applySecurityOpt(value: string, flag: string, ctx: Ctx) {
  const what = shownWith(flag, value);
  const text = value.trim();
  const match = /^no-new-privileges(?:[:=](.*))?$/i.exec(text);
  if (match) {
    const b = match[1] === undefined ? true : parseBool(match[1]);
    if (b === null) ctx.errors.push(`${what}: use no-new-privileges or no-new-privileges:false.`);
    else ctx.draft.noNewPrivileges = b;
    return;
  }
  // key=value, or key:value when there is no "=" (label:user:x), as the CLI reads it
  const eq = text.indexOf("=");
  const at = eq >= 0 ? eq : text.indexOf(":");
  const key = at < 0 ? text : text.slice(0, at);
  const option = at < 0 ? "" : text.slice(at + 1);
  if (!key || !option) {
    ctx.errors.push(`${what}: write it as key=value, e.g. seccomp=unconfined or label=disable.`);
    return;
  }
  if (key === "seccomp" && !SECCOMP_NAMES.has(option) && !option.trimStart().startsWith("{")) {
    ctx.errors.push(
      `${what}: Berth cannot read files named in a pasted line; use seccomp=unconfined, or paste the profile's JSON as seccomp='{…}'.`,
    );
    return;
  }
  const normal = `${key}=${option}`;
  if (!ctx.draft.securityOpt.includes(normal)) ctx.draft.securityOpt.push(normal);
}

/** A `name=value` flag value (sysctl, log option); null after reporting when there is no "=". */
function keyValue(
  value: string,
  flag: string,
  ctx: Ctx,
  example: string,
): [key: string, value: string] | null {
  const eq = value.indexOf("=");
  const key = eq < 0 ? "" : value.slice(0, eq).trim();
  if (!key) {
    ctx.errors.push(`${shownWith(flag, value)}: write it as name=value, e.g. ${example}.`);
    return null;
  }
  return [key, value.slice(eq + 1)];
}

/** The sysctls the CLI lets through: those in the container's own kernel namespaces. */
const NAMESPACED_SYSCTLS = new Set([
  "kernel.msgmax",
  "kernel.msgmnb",
  "kernel.msgmni",
  "kernel.sem",
  "kernel.shmall",
  "kernel.shmmax",
  "kernel.shmmni",
  "kernel.shm_rmid_forced",
]);

function applySysctl(value: string, flag: string, ctx: Ctx) {
  const pair = keyValue(value, flag, ctx, "net.core.somaxconn=1024");
  if (!pair) return;
  const [name, setting] = pair;
  if (!NAMESPACED_SYSCTLS.has(name) && !/^(net|fs\.mqueue)\./.test(name)) {
    ctx.errors.push(
      `${shownWith(flag, value)}: ${name} is not namespaced, so a container cannot set it; net.*, fs.mqueue.*, kernel.msg*, kernel.sem and kernel.shm* can be set.`,
    );
    return;
  }
  ctx.draft.sysctls[name] = setting;
}

/** The resource names `--ulimit` knows (go-units). */
const ULIMITS = new Set([
  "core",
  "cpu",
  "data",
  "fsize",
  "locks",
  "memlock",
  "msgqueue",
  "nice",
  "nofile",
  "nproc",
  "rss",
  "rtprio",
  "rttime",
  "sigpending",
  "stack",
]);

function applyUlimit(value: string, flag: string, ctx: Ctx) {
  const what = shownWith(flag, value);
  const match = /^([a-z]+)=(-?\d+)(?::(-?\d+))?$/.exec(value.trim());
  if (!match) {
    ctx.errors.push(`${what}: write it as name=soft[:hard], e.g. nofile=1024:2048.`);
    return;
  }
  const [, name = "", softText = "", hardText] = match;
  if (!ULIMITS.has(name)) {
    ctx.errors.push(`${what}: ${name} is not a limit; use one of ${[...ULIMITS].join(", ")}.`);
    return;
  }
  const soft = Number(softText);
  const hard = hardText === undefined ? soft : Number(hardText);
  if (soft > hard) {
    ctx.errors.push(`${what}: the soft limit cannot be above the hard limit.`);
    return;
  }
  const ulimits = ctx.draft.ulimits;
  const at = ulimits.findIndex((u) => u.name === name);
  if (at >= 0) ulimits[at] = { name, soft, hard };
  else ulimits.push({ name, soft, hard });
}

/** `--add-host name:ip` or `name=ip`, the address optionally in [brackets]. */
function applyAddHost(value: string, flag: string, ctx: Ctx) {
  const eq = value.indexOf("=");
  const at = eq >= 0 ? eq : value.indexOf(":");
  const host = at < 0 ? "" : value.slice(0, at);
  let ip = at < 0 ? "" : value.slice(at + 1);
  if (!host || host.includes(":")) {
    ctx.errors.push(`${shownWith(flag, value)}: write it as name:ip, e.g. db:10.0.0.2.`);
    return;
  }
  if (ip.length > 2 && ip.startsWith("[") && ip.endsWith("]")) ip = ip.slice(1, -1);
  ctx.draft.extraHosts.push({ host, ip });
}

/** One `--expose` value (`80`, `53/udp`, `8000-8010/tcp`) → its ports, or a plain-words problem. */
export function parseExpose(value: string): { expose: ExposeInput[]; error?: string } {
  const [range = "", protocolText = "tcp", ...more] = value.trim().split("/");
  const protocol = protocolText.toLowerCase();
  const ports = portRange(range, false);
  if (
    more.length > 0 ||
    !ports ||
    (protocol !== "tcp" && protocol !== "udp" && protocol !== "sctp")
  )
    return {
      expose: [],
      error: "write it as port[/protocol] or a range, e.g. 80, 53/udp or 8000-8010.",
    };
  const count = ports[1] - ports[0] + 1;
  if (count > MAX_PORTS_PER_FLAG)
    return { expose: [], error: `a range of ${count} ports is more than Berth exposes at once.` };
  const expose: ExposeInput[] = [];
  for (let port = ports[0]; port <= ports[1]; port += 1) expose.push({ port, protocol });
  return { expose };
}

function applyExpose(value: string, flag: string, ctx: Ctx) {
  const { expose, error } = parseExpose(value);
  if (error) ctx.errors.push(`${shownWith(flag, value)}: ${error}`);
  for (const e of expose)
    if (!ctx.draft.expose.some((x) => x.port === e.port && x.protocol === e.protocol))
      ctx.draft.expose.push(e);
}

const DEVICE_MODE = /^(?!.*(.).*\1)[rwm]+$/;

/** `--device /dev/x[:/dev/y][:rwm]`, read as the CLI reads it. */
function applyDevice(value: string, flag: string, ctx: Ctx) {
  const what = shownWith(flag, value);
  const parts = value.split(":");
  if (/^[a-z0-9.-]+\/[a-z0-9.-]+=/i.test(value)) {
    ctx.unknownFlags.push(`${what} (CDI devices need a newer engine API than 1.41)`);
    return;
  }
  if (parts.length > 3 || parts[0] === "") {
    ctx.errors.push(`${what}: write it as /dev/host[:/dev/container][:rwm].`);
    return;
  }
  const [hostPath = "", second, third] = parts;
  let containerPath: string | undefined;
  let permissions = "rwm";
  if (third !== undefined) {
    containerPath = second;
    permissions = third;
  } else if (second !== undefined) {
    if (DEVICE_MODE.test(second)) permissions = second;
    else containerPath = second;
  }
  if (!DEVICE_MODE.test(permissions)) {
    ctx.errors.push(`${what}: "${permissions}" is not a device mode; use r, w and m, e.g. rwm.`);
    return;
  }
  const problem = hostPathProblem(hostPath);
  if (problem) {
    ctx.errors.push(`${what}: ${problem}`);
    return;
  }
  if (containerPath !== undefined && !containerPath.startsWith("/")) {
    ctx.errors.push(`${what}: ${containerPath} is not an absolute path in the container.`);
    return;
  }
  const device: DeviceInput = { hostPath, permissions };
  if (containerPath !== undefined && containerPath !== hostPath)
    device.containerPath = containerPath;
  ctx.draft.devices.push(device);
}

/** `--gpus all`, `--gpus 2`, `--gpus '"device=0,1"'`, `--gpus driver=nvidia,capabilities=compute` */
function applyGpus(value: string, flag: string, ctx: Ctx) {
  const what = shownWith(flag, value);
  if (ctx.draft.gpus) {
    ctx.errors.push(`${what}: Berth takes one --gpus request per container.`);
    return;
  }
  const gpus: GpusInput = {};
  const seen = new Set<string>();
  const count = (text: string) => {
    if (text === "all") return "all" as const;
    if (/^\d+$/.test(text) && Number(text) > 0) return Number(text);
    ctx.errors.push(`${what}: the count "${text}" is neither all nor a number of GPUs.`);
    return undefined;
  };
  for (const field of splitCsv(value)) {
    const eq = field.indexOf("=");
    const key = eq < 0 ? "count" : field.slice(0, eq);
    const val = eq < 0 ? field : field.slice(eq + 1);
    if (seen.has(key)) {
      ctx.errors.push(`${what}: ${key} is given twice.`);
      return;
    }
    seen.add(key);
    if (key === "count") {
      const n = count(val);
      if (n === undefined) return;
      gpus.count = n;
    } else if (key === "device") gpus.deviceIds = val.split(",").filter(Boolean);
    else if (key === "driver") gpus.driver = val;
    // docker always adds "gpu" to the capabilities asked for
    else if (key === "capabilities") gpus.capabilities = [...val.split(",").filter(Boolean), "gpu"];
    else {
      ctx.errors.push(
        `${what}: "${key}" is not something Berth can ask of GPUs; use count, device, driver or capabilities.`,
      );
      return;
    }
  }
  if (gpus.count === undefined && !gpus.deviceIds) gpus.count = 1;
  ctx.draft.gpus = gpus;
}

/**
 * A namespace mode (--pid, --ipc, --uts, --userns, --cgroupns): one of `words`, or, where the
 * flag allows it, container:<name>.
 */
function namespaceMode<K extends "pidMode" | "ipcMode" | "utsMode" | "usernsMode" | "cgroupnsMode">(
  key: K,
  words: readonly string[],
  container: boolean,
): FlagDef["apply"] {
  return (value, flag, ctx) => {
    const mode = value.trim();
    if (mode === "") {
      delete ctx.draft[key];
      return;
    }
    if (words.includes(mode) || (container && CONTAINER_MODE.test(mode))) {
      ctx.draft[key] = mode as Draft[K];
      return;
    }
    const choices = [...words, ...(container ? ["container:<name>"] : [])];
    ctx.errors.push(
      `${shownWith(flag, value)}: use ${choices.slice(0, -1).join(", ")}${choices.length > 1 ? " or " : ""}${choices.at(-1)}.`,
    );
  };
}

/** A size flag where 0 means "not set", as with docker; `-1` allowed where `unlimited` says so. */
function sizeFlag(
  key: "shmSizeBytes" | "memoryReservationBytes" | "memorySwapBytes",
  unlimited = false,
): FlagDef["apply"] {
  return (value, flag, ctx) => {
    if (unlimited && value.trim() === "-1") {
      ctx.draft[key] = -1;
      return;
    }
    const bytes = parseSize(value);
    if (bytes === null) {
      ctx.errors.push(
        `${shownWith(flag, value)}: not a size; use e.g. 64m or 1g${unlimited ? " (or -1 for no limit)" : ""}.`,
      );
      return;
    }
    ctx.draft[key] = bytes > 0 ? bytes : undefined;
  };
}

function applyCpuShares(value: string, flag: string, ctx: Ctx) {
  if (!/^\d+$/.test(value.trim())) {
    ctx.errors.push(`${shownWith(flag, value)}: not a whole number of shares (e.g. 512).`);
    return;
  }
  const n = Number(value);
  ctx.draft.cpuShares = n > 0 ? n : undefined;
}

function applyStopTimeout(value: string, flag: string, ctx: Ctx) {
  if (!/^-?\d+$/.test(value.trim())) {
    ctx.errors.push(`${shownWith(flag, value)}: not a whole number of seconds.`);
    return;
  }
  ctx.draft.stopTimeoutSeconds = Number(value);
}

function applyLogOpt(value: string, flag: string, ctx: Ctx) {
  const pair = keyValue(value, flag, ctx, "max-size=10m");
  if (pair) ctx.draft.logOptions[pair[0]] = pair[1];
}

function applyPull(value: string, flag: string, ctx: Ctx) {
  const policy = value.trim();
  if (policy === "always" || policy === "missing" || policy === "never")
    ctx.draft.pullPolicy = policy;
  else ctx.errors.push(`${shownWith(flag, value)}: use always, missing or never.`);
}

/** Flags that may be given many times, each adding to a list. */
const addTo =
  (key: "dns" | "dnsSearch" | "dnsOptions" | "groupAdd"): FlagDef["apply"] =>
  (value, _flag, ctx) => {
    ctx.draft[key].push(value.trim());
  };

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
  <
    K extends
      | "name"
      | "workingDir"
      | "user"
      | "hostname"
      | "domainname"
      | "ip"
      | "ip6"
      | "macAddress"
      | "cpusetCpus"
      | "cgroupParent"
      | "stopSignal"
      | "logDriver",
  >(
    key: K,
  ): FlagDef["apply"] =>
  (value, _flag, ctx) => {
    ctx.draft[key] = value;
  };

const toggle =
  (
    key: "publishAll" | "readOnlyRootfs" | "privileged" | "autoRemove" | "interactive" | "tty",
  ): FlagDef["apply"] =>
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
  { long: ["ip"], takesValue: true, apply: set("ip") },
  { long: ["ip6"], takesValue: true, apply: set("ip6") },
  { long: ["mac-address"], takesValue: true, apply: set("macAddress") },
  { long: ["dns"], takesValue: true, apply: addTo("dns") },
  { long: ["dns-search"], takesValue: true, apply: addTo("dnsSearch") },
  { long: ["dns-option", "dns-opt"], takesValue: true, apply: addTo("dnsOptions") },
  { long: ["add-host"], takesValue: true, apply: applyAddHost },
  { long: ["expose"], takesValue: true, apply: applyExpose },
  { long: ["domainname"], takesValue: true, apply: set("domainname") },
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
  { long: ["cpu-shares"], short: "c", takesValue: true, apply: applyCpuShares },
  { long: ["cpuset-cpus"], takesValue: true, apply: set("cpusetCpus") },
  { long: ["memory-reservation"], takesValue: true, apply: sizeFlag("memoryReservationBytes") },
  { long: ["memory-swap"], takesValue: true, apply: sizeFlag("memorySwapBytes", true) },
  { long: ["shm-size"], takesValue: true, apply: sizeFlag("shmSizeBytes") },
  { long: ["ulimit"], takesValue: true, apply: applyUlimit },
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
  { long: ["device"], takesValue: true, apply: applyDevice },
  { long: ["gpus"], takesValue: true, apply: applyGpus },
  { long: ["sysctl"], takesValue: true, apply: applySysctl },
  { long: ["pid"], takesValue: true, apply: namespaceMode("pidMode", ["host"], true) },
  {
    long: ["ipc"],
    takesValue: true,
    apply: namespaceMode("ipcMode", ["private", "shareable", "none", "host"], true),
  },
  { long: ["uts"], takesValue: true, apply: namespaceMode("utsMode", ["host"], false) },
  { long: ["userns"], takesValue: true, apply: namespaceMode("usernsMode", ["host"], false) },
  {
    long: ["cgroupns"],
    takesValue: true,
    apply: namespaceMode("cgroupnsMode", ["host", "private"], false),
  },
  { long: ["cgroup-parent"], takesValue: true, apply: set("cgroupParent") },
  { long: ["group-add"], takesValue: true, apply: addTo("groupAdd") },
  {
    long: ["init"],
    takesValue: false,
    apply: (value, _flag, ctx) => {
      ctx.draft.init = value === "true";
    },
  },
  { long: ["stop-signal"], takesValue: true, apply: set("stopSignal") },
  { long: ["stop-timeout"], takesValue: true, apply: applyStopTimeout },
  { long: ["log-driver"], takesValue: true, apply: set("logDriver") },
  { long: ["log-opt"], takesValue: true, apply: applyLogOpt },
  { long: ["interactive"], short: "i", takesValue: false, apply: toggle("interactive") },
  { long: ["tty"], short: "t", takesValue: false, apply: toggle("tty") },
  {
    long: ["platform"],
    takesValue: true,
    apply: (value, _flag, ctx) => {
      ctx.draft.platform = value.trim().toLowerCase();
    },
  },
  { long: ["pull"], takesValue: true, apply: applyPull },
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
  // Berth always runs containers detached and shows pull progress itself.
  { long: ["detach"], short: "d", takesValue: false, apply: ignoredFlag },
  { long: ["quiet"], short: "q", takesValue: false, apply: ignoredFlag },
  { long: ["sig-proxy"], takesValue: false, apply: ignoredFlag },
  { long: ["disable-content-trust"], takesValue: false, apply: ignoredFlag },
  { long: ["attach"], short: "a", takesValue: true, apply: withValue("ignoredFlags") },
  { long: ["detach-keys"], takesValue: true, apply: withValue("ignoredFlags") },
  { long: ["cidfile"], takesValue: true, apply: withValue("ignoredFlags") },
  // Real `docker run` flags a RunSpec has no field for: named, with their values.
  ...[
    "annotation",
    "blkio-weight",
    "blkio-weight-device",
    "cpu-count",
    "cpu-percent",
    "cpu-period",
    "cpu-quota",
    "cpu-rt-period",
    "cpu-rt-runtime",
    "cpuset-mems",
    "device-cgroup-rule",
    "device-read-bps",
    "device-read-iops",
    "device-write-bps",
    "device-write-iops",
    "health-start-interval",
    "io-maxbandwidth",
    "io-maxiops",
    "isolation",
    "kernel-memory",
    "link",
    "link-local-ip",
    "memory-swappiness",
    "oom-score-adj",
    "runtime",
    "storage-opt",
    "volume-driver",
    "volumes-from",
  ].map((name): FlagDef => ({ long: [name], takesValue: true, apply: withValue("unknownFlags") })),
  ...["oom-kill-disable", "use-api-socket", "help"].map((name): FlagDef => ({
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
  networkMode: "Network mode (--network)",
  pidMode: "PID namespace (--pid)",
  ipcMode: "IPC mode (--ipc)",
  macAddress: "MAC address (--mac-address)",
  dns: "DNS server (--dns)",
  dnsSearch: "DNS search domain (--dns-search)",
  dnsOptions: "DNS option (--dns-option)",
  cpuShares: "CPU shares (--cpu-shares)",
  cpusetCpus: "CPU set (--cpuset-cpus)",
  memoryReservationBytes: "Memory reservation (--memory-reservation)",
  memorySwapBytes: "Memory and swap (--memory-swap)",
  shmSizeBytes: "Shared memory (--shm-size)",
  securityOpt: "Security option (--security-opt)",
  gpus: "GPUs (--gpus)",
  sysctls: "Sysctl (--sysctl)",
  cgroupParent: "Cgroup parent (--cgroup-parent)",
  groupAdd: "Group (--group-add)",
  stopSignal: "Stop signal (--stop-signal)",
  stopTimeoutSeconds: "Stop timeout (--stop-timeout)",
  logDriver: "Log driver (--log-driver)",
  logOptions: "Log option (--log-opt)",
  expose: "Exposed port (--expose)",
  domainname: "Domain name (--domainname)",
  platform: "Platform (--platform)",
  repullOnRecreate: "Re-pull on recreate",
};

function fieldLabel(path: readonly PropertyKey[], spec: RunSpecInput): string {
  const [field, index] = path;
  const at = typeof index === "number" ? index : -1;
  switch (field) {
    case "env":
      return `Variable "${spec.env?.[at]?.key ?? ""}" (-e)`;
    case "ports": {
      const p = spec.ports?.[at];
      return p ? `Port ${p.containerPort} (-p)` : "Published ports (-p, -P)";
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
    case "devices":
      return `Device "${spec.devices?.[at]?.hostPath ?? ""}" (--device)`;
    case "ulimits":
      return `Limit "${spec.ulimits?.[at]?.name ?? ""}" (--ulimit)`;
    case "extraHosts":
      return `Extra host "${spec.extraHosts?.[at]?.host ?? ""}" (--add-host)`;
    default:
      return FIELD_LABELS[String(field)] ?? String(field);
  }
}

/** zod's own wording for untailored checks, as plain words. */
function plainMessage(issue: z.core.$ZodIssue): string {
  // A bad map key (a sysctl's name) carries the key's own message inside.
  if (issue.code === "invalid_key" && issue.issues[0]) return plainMessage(issue.issues[0]);
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
    dns: [],
    dnsSearch: [],
    dnsOptions: [],
    extraHosts: [],
    expose: [],
    ulimits: [],
    readOnlyRootfs: false,
    privileged: false,
    capAdd: [],
    capDrop: [],
    noNewPrivileges: false,
    securityOpt: [],
    devices: [],
    sysctls: {},
    groupAdd: [],
    logOptions: {},
    interactive: false,
    tty: false,
    labels: {},
    health: { none: false, given: [] },
    autoRemove: false,
  };
}

const DEFAULT_NETWORKS = new Set(["bridge", "default"]);

/**
 * Puts --network-alias, --ip, --ip6 on the first network as docker does, and says why when
 * that network cannot take them (docker's own networks take no aliases or fixed addresses).
 */
function finishNetworks(draft: Draft, ctx: Ctx) {
  const first = draft.networks[0];
  const perNetwork = (flags: string, what: string) => {
    const on = draft.networkMode ?? first?.name;
    if (on === undefined)
      return `${flags}: ${what} only work on a user-defined network; add --network <name>.`;
    if (draft.networkMode !== undefined || DEFAULT_NETWORKS.has(on))
      return `${flags}: ${what} only work on a user-defined network, not on "${on}".`;
    return null;
  };
  if (draft.aliases.length > 0) {
    const problem = perNetwork(`--network-alias ${draft.aliases.join(", ")}`, "aliases");
    if (problem) ctx.errors.push(problem);
    else for (const a of draft.aliases) if (!first!.aliases!.includes(a)) first!.aliases!.push(a);
  }
  for (const [flag, key] of [
    ["--ip", "ipv4Address"],
    ["--ip6", "ipv6Address"],
  ] as const) {
    const value = flag === "--ip" ? draft.ip : draft.ip6;
    if (value === undefined) continue;
    const problem = perNetwork(`${flag} ${value}`, "fixed addresses");
    if (problem) ctx.errors.push(problem);
    else if (first![key] !== undefined)
      ctx.errors.push(`${flag} ${value}: the first --network already sets its address.`);
    else first![key] = value;
  }
  if (draft.macAddress !== undefined && draft.networkMac !== undefined)
    ctx.errors.push(
      "--mac-address and a mac-address= in --network say the same thing: give one of them.",
    );
}

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

  finishNetworks(draft, ctx);
  if (draft.networks.length > 0) spec.networks = draft.networks;
  if (draft.networkMode !== undefined) spec.networkMode = draft.networkMode;
  const macAddress = draft.macAddress ?? draft.networkMac;
  if (macAddress !== undefined) spec.macAddress = macAddress;
  if (draft.dns.length > 0) spec.dns = draft.dns;
  if (draft.dnsSearch.length > 0) spec.dnsSearch = draft.dnsSearch;
  if (draft.dnsOptions.length > 0) spec.dnsOptions = draft.dnsOptions;
  if (draft.extraHosts.length > 0) spec.extraHosts = draft.extraHosts;
  if (draft.expose.length > 0) spec.expose = draft.expose;
  if (draft.domainname !== undefined) spec.domainname = draft.domainname;
  if (draft.pidMode !== undefined) spec.pidMode = draft.pidMode;
  if (draft.ipcMode !== undefined) spec.ipcMode = draft.ipcMode;
  if (draft.utsMode !== undefined) spec.utsMode = draft.utsMode;
  if (draft.usernsMode !== undefined) spec.usernsMode = draft.usernsMode;
  if (draft.cgroupnsMode !== undefined) spec.cgroupnsMode = draft.cgroupnsMode;

  if (draft.restartPolicy) spec.restartPolicy = draft.restartPolicy;
  if (draft.autoRemove && draft.restartPolicy && draft.restartPolicy.name !== "no")
    ctx.errors.push(
      "--rm and --restart cannot be used together: a container that removes itself cannot be restarted.",
    );
  if (draft.cpus !== undefined) spec.cpus = draft.cpus;
  if (draft.memoryBytes !== undefined) spec.memoryBytes = draft.memoryBytes;
  if (draft.pidsLimit !== undefined) spec.pidsLimit = draft.pidsLimit;
  if (draft.cpuShares !== undefined) spec.cpuShares = draft.cpuShares;
  if (draft.cpusetCpus !== undefined) spec.cpusetCpus = draft.cpusetCpus;
  if (draft.memoryReservationBytes !== undefined)
    spec.memoryReservationBytes = draft.memoryReservationBytes;
  if (draft.memorySwapBytes !== undefined) spec.memorySwapBytes = draft.memorySwapBytes;
  if (draft.shmSizeBytes !== undefined) spec.shmSizeBytes = draft.shmSizeBytes;
  if (draft.ulimits.length > 0) spec.ulimits = draft.ulimits;
  if (draft.readOnlyRootfs) spec.readOnlyRootfs = true;
  if (draft.privileged) spec.privileged = true;
  if (draft.capAdd.length > 0) spec.capAdd = draft.capAdd;
  if (draft.capDrop.length > 0) spec.capDrop = draft.capDrop;
  if (draft.noNewPrivileges) spec.noNewPrivileges = true;
  if (draft.securityOpt.length > 0) spec.securityOpt = draft.securityOpt;
  if (draft.devices.length > 0) spec.devices = draft.devices;
  if (draft.gpus) spec.gpus = draft.gpus;
  if (Object.keys(draft.sysctls).length > 0) spec.sysctls = draft.sysctls;
  if (draft.cgroupParent !== undefined) spec.cgroupParent = draft.cgroupParent;
  if (draft.groupAdd.length > 0) spec.groupAdd = draft.groupAdd;
  if (draft.init !== undefined) spec.init = draft.init;
  if (draft.stopSignal !== undefined) spec.stopSignal = draft.stopSignal;
  if (draft.stopTimeoutSeconds !== undefined) spec.stopTimeoutSeconds = draft.stopTimeoutSeconds;
  if (draft.logDriver === "none" && Object.keys(draft.logOptions).length > 0)
    ctx.errors.push("--log-opt cannot be used with --log-driver none, which keeps no logs.");
  if (draft.logDriver !== undefined) spec.logDriver = draft.logDriver;
  if (Object.keys(draft.logOptions).length > 0) spec.logOptions = draft.logOptions;
  if (draft.interactive) spec.interactive = true;
  if (draft.tty) spec.tty = true;
  if (draft.platform !== undefined) spec.platform = draft.platform;
  if (draft.pullPolicy !== undefined) spec.pullPolicy = draft.pullPolicy;
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
