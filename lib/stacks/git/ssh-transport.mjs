// The program git runs for ssh:// remotes (GIT_SSH): an SSH client on the `ssh2` package, so the
// server needs no OpenSSH client and no shell ever reads the key, the host key or the command.
// git calls it as OpenSSH (GIT_SSH_VARIANT=ssh): [-o SendEnv=GIT_PROTOCOL] [-p port] [-4|-6]
// [user@]host command. Everything else comes from the JSON file named by BERTH_GIT_SSH_CONFIG
// (mode 0600, removed after the fetch): { privateKey, passphrase?, hostKey: "type base64" | null,
// seenKeyFile, readyTimeoutMs }. The key the server presents is written to seenKeyFile, so the
// caller can pin it on first use or name it when it changed.
import { readFileSync, writeFileSync } from "node:fs";
import { Client } from "ssh2";

function exit(code, message) {
  if (message) process.stderr.write(`${message}\n`);
  process.stdout.write("", () => process.exit(code));
}

function keyType(blob) {
  const length = blob.length >= 4 ? blob.readUInt32BE(0) : 0;
  return blob.subarray(4, 4 + length).toString("latin1");
}

const args = process.argv.slice(2);
let port = 22;
let destination;
let command;
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === "-p") port = Number(args[++i]);
  else if (arg === "-o") i++;
  else if (arg === "-4" || arg === "-6") continue;
  else if (arg.startsWith("-")) exit(255, `berth git ssh: unexpected option ${arg}`);
  else {
    destination = arg;
    command = args.slice(i + 1).join(" ");
    break;
  }
}

const configFile = process.env.BERTH_GIT_SSH_CONFIG;
if (!destination || !command || !configFile) {
  exit(255, "berth git ssh: git gave no host or command");
} else {
  const config = JSON.parse(readFileSync(configFile, "utf8"));
  const at = destination.lastIndexOf("@");
  const user = at >= 0 ? destination.slice(0, at) : "git";
  const host = at >= 0 ? destination.slice(at + 1) : destination;
  const client = new Client();
  let hostKeyRefused = false;

  client.on("error", (err) => {
    if (hostKeyRefused) exit(255, "Host key verification failed.");
    else if (err.level === "client-authentication")
      exit(255, `${user}@${host}: Permission denied (publickey).`);
    else if (err.level === "client-timeout")
      exit(255, `ssh: connect to host ${host} port ${port}: Connection timed out`);
    else if (err.code === "ENOTFOUND" || err.code === "EAI_AGAIN")
      exit(255, `ssh: Could not resolve hostname ${host}: Name or service not known`);
    else if (err.code)
      exit(255, `ssh: connect to host ${host} port ${port}: ${err.code} (${err.message})`);
    else exit(255, `ssh: ${err.message}`);
  });

  client.on("ready", () => {
    const env = process.env.GIT_PROTOCOL ? { GIT_PROTOCOL: process.env.GIT_PROTOCOL } : undefined;
    client.exec(command, { env }, (err, channel) => {
      if (err) return exit(255, `ssh: ${err.message}`);
      let code = 255;
      channel.on("exit", (exitCode) => {
        if (typeof exitCode === "number") code = exitCode;
      });
      channel.on("close", () => {
        client.end();
        exit(code);
      });
      channel.stderr.pipe(process.stderr, { end: false });
      channel.pipe(process.stdout, { end: false });
      process.stdin.pipe(channel);
    });
  });

  try {
    client.connect({
      host,
      port,
      username: user,
      privateKey: config.privateKey,
      passphrase: config.passphrase || undefined,
      readyTimeout: config.readyTimeoutMs,
      hostVerifier: (blob) => {
        const presented = `${keyType(blob)} ${blob.toString("base64")}`;
        writeFileSync(config.seenKeyFile, presented, { mode: 0o600 });
        hostKeyRefused = config.hostKey !== null && config.hostKey.trim() !== presented;
        return !hostKeyRefused;
      },
    });
  } catch (err) {
    // ssh2 reads the key before connecting; its message names no secret
    exit(255, `berth git ssh: the private key could not be read: ${err.message}`);
  }
}
