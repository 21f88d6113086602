/**
 * Which environment variables hold secrets, so lists and inspect views can mask their values.
 * Judged by name (and, for `maskEnv`, by values that carry credentials in a URL).
 * Pure and browser-safe.
 */

/** Whole words that mark a secret wherever they appear in the name. */
const SECRET_WORDS = new Set([
  "PASSWORD",
  "PASSWORDS",
  "PASSWD",
  "PASS",
  "PASSPHRASE",
  "PWD",
  "PW",
  "SECRET",
  "SECRETS",
  "TOKEN",
  "TOKENS",
  "CREDENTIAL",
  "CREDENTIALS",
  "CRED",
  "CREDS",
  "APIKEY",
  "SALT",
  "DSN",
  "HTPASSWD",
  "PGPASSWORD",
]);

/** Word endings that mark a secret when glued to another word (`DBPASSWORD`, `GHTOKEN`). */
const SECRET_ENDINGS = ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "CREDENTIALS"];

/** `XKEY` is a secret only for these X (so MONKEY, TURKEY and WHISKEY are not). */
const KEY_PREFIXES = [
  "API",
  "ACCESS",
  "SECRET",
  "PRIVATE",
  "SIGNING",
  "ENCRYPTION",
  "MASTER",
  "AUTH",
  "CLIENT",
  "LICENSE",
  "SESSION",
  "APP",
  "SSH",
  "GPG",
  "PGP",
  "HMAC",
  "JWT",
  "CRYPT",
  "ENC",
];

/** Names that mean "where the secret is" or "how it behaves", not the secret itself. */
const NON_SECRET_LAST_WORDS = new Set([
  "FILE",
  "PATH",
  "DIR",
  "NAME",
  "LENGTH",
  "TTL",
  "EXPIRY",
  "EXPIRES",
  "EXPIRATION",
  "TIMEOUT",
  "ENABLED",
  "DISABLED",
  "REQUIRED",
  "HEADER",
]);

/** Names (after splitting into words) that are connection strings with credentials in them. */
const CONNECTION_NAMES = [
  ["DATABASE", "URL"],
  ["DATABASE", "URI"],
  ["DB", "URL"],
  ["DB", "URI"],
  ["CONNECTION", "STRING"],
  ["CONN", "STR"],
];

/** Shell variables whose names look secret but are not. */
const NOT_SECRETS = new Set(["PWD", "OLDPWD"]);

function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
}

const endsWithWords = (words: string[], tail: string[]) =>
  words.length >= tail.length && tail.every((w, i) => words[words.length - tail.length + i] === w);

/** True when a variable of this name most likely holds a password, token, key or credentials. */
export function isSecretEnvName(name: string): boolean {
  const trimmed = name.trim();
  if (NOT_SECRETS.has(trimmed.toUpperCase())) return false;
  const words = wordsOf(trimmed);
  if (words.length === 0) return false;
  const last = words[words.length - 1]!;
  if (NON_SECRET_LAST_WORDS.has(last) && words.length > 1) return false;
  if (CONNECTION_NAMES.some((tail) => endsWithWords(words, tail))) return true;
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i]!;
    if (SECRET_WORDS.has(word)) return true;
    if (SECRET_ENDINGS.some((e) => word.length > e.length && word.endsWith(e))) return true;
    if ((word === "KEY" || word === "KEYS") && words[i - 1] !== "PUBLIC") {
      // API_KEY, AWS_ACCESS_KEY_ID and KEY itself; KEY_ID or KEY_VAULT_URL stay visible.
      if (i > 0 || words.length === 1) return true;
    }
    if (
      (word.endsWith("KEY") || word.endsWith("KEYS")) &&
      KEY_PREFIXES.some((p) => word === `${p}KEY` || word === `${p}KEYS`)
    )
      return true;
  }
  return false;
}

/** True when a value carries a password in a URL, e.g. `postgres://app:s3cret@db/app`. */
export function hasCredentialsInValue(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/@\s:]*:[^/@\s]+@/i.test(value.trim());
}

export interface MaskedEnv {
  name: string;
  /** null when the value is masked. */
  value: string | null;
  secret: boolean;
}

/** Splits `NAME=value` entries (as the Engine API lists them) and masks the secret values. */
export function maskEnv(env: readonly string[]): MaskedEnv[] {
  return env.map((entry) => {
    const eq = entry.indexOf("=");
    const name = eq < 0 ? entry : entry.slice(0, eq);
    const value = eq < 0 ? "" : entry.slice(eq + 1);
    const secret = isSecretEnvName(name) || hasCredentialsInValue(value);
    return { name, value: secret ? null : value, secret };
  });
}

/** What a masked value reads as wherever it is shown. */
export const SECRET_MASK = "••••••";

/** `NAME=value` entries with the secret values replaced by the mask. */
export function maskEnvEntries(env: readonly string[]): string[] {
  return maskEnv(env).map((e) => `${e.name}=${e.secret ? SECRET_MASK : (e.value ?? "")}`);
}

/** Masks the NAME=value words among `words` (in place); returns them joined. */
function maskWords(words: string[], from: number, count: number): string {
  for (let i = from; i < Math.min(from + count, words.length); i += 1) {
    if (words[i]!.includes("=")) words[i] = maskEnvEntries([words[i]!])[0]!;
  }
  return words.join(" ");
}

/**
 * A history step's command with secret-looking values masked: the classic builder records
 * `RUN` steps with their build arguments as `|2 NAME=value OTHER=value /bin/sh -c ...` and
 * `ENV` steps as `/bin/sh -c #(nop)  ENV NAME=value`.
 */
export function maskHistoryStep(createdBy: string): string {
  const args = /^\|(\d+) /.exec(createdBy);
  if (args) {
    const words = createdBy.slice(args[0].length).split(" ");
    return `${args[0]}${maskWords(words, 0, Number(args[1]))}`;
  }
  const env = /#\(nop\)\s+ENV\s+/.exec(createdBy);
  if (env) {
    const at = env.index + env[0].length;
    const words = createdBy.slice(at).split(" ");
    return `${createdBy.slice(0, at)}${maskWords(words, 0, words.length)}`;
  }
  return createdBy;
}
