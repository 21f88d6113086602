import { BerthError } from "@/lib/protocol";

const SAFE_URL = /^https?:\/\/[A-Za-z0-9.\-:[\]]+(\/[A-Za-z0-9._~/-]*)?$/;

function checkedServerUrl(serverUrl: string): string {
  const url = serverUrl.replace(/\/+$/, "");
  if (!SAFE_URL.test(url))
    throw new BerthError("BAD_REQUEST", "The server address is not a plain URL.");
  return url;
}

/** The one line an operator pastes on a new host. The token is its only argument. */
export function installCommand(serverUrl: string, token: string): string {
  return `curl -fsSL '${checkedServerUrl(serverUrl)}/api/agent/install.sh' | sudo sh -s -- ${token}`;
}

/**
 * The POSIX shell installer served to new hosts: fetches the agent bundle from this server,
 * stores the one-time token for its first start, and runs it under systemd when there is one.
 */
export function renderInstallScript(serverUrl: string): string {
  const server = checkedServerUrl(serverUrl);
  return `#!/bin/sh
# Installs the Berth agent on this host and enrols it with a one-time token.
set -eu
SERVER='${server}'
TOKEN="\${1:-}"
if [ -z "$TOKEN" ]; then echo "Usage: curl -fsSL $SERVER/api/agent/install.sh | sudo sh -s -- TOKEN" >&2; exit 2; fi
if [ "$(id -u)" != 0 ]; then echo "Run the installer as root (for example with sudo)." >&2; exit 1; fi
if ! command -v node >/dev/null 2>&1; then echo "The agent needs Node.js 20 or newer on this host (e.g. apt-get install nodejs)." >&2; exit 1; fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then echo "Node.js $major found; the agent needs 20 or newer." >&2; exit 1; fi
[ -S /var/run/docker.sock ] || echo "Note: no Docker engine at /var/run/docker.sock yet; the agent waits for it." >&2
# Root only: the agent's key and its code are not for the host's other users or containers.
install -d -m 0700 /opt/berth-agent /var/lib/berth-agent
chmod 0700 /opt/berth-agent /var/lib/berth-agent
# A token means a new enrolment: an identity saved before (a revoked key) is replaced.
rm -f /var/lib/berth-agent/state.json
curl -fsSL "$SERVER/api/agent/bundle" -o /opt/berth-agent/agent.cjs.new
mv /opt/berth-agent/agent.cjs.new /opt/berth-agent/agent.cjs
umask 077
printf 'BERTH_SERVER_URL=%s\\nBERTH_ENROLL_TOKEN=%s\\nBERTH_AGENT_STATE=/var/lib/berth-agent/state.json\\n' "$SERVER" "$TOKEN" > /etc/berth-agent.env
chmod 0600 /etc/berth-agent.env
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  cat > /etc/systemd/system/berth-agent.service <<UNIT
[Unit]
Description=Berth agent
After=network-online.target docker.service
Wants=network-online.target

[Service]
EnvironmentFile=/etc/berth-agent.env
ExecStart=$(command -v node) /opt/berth-agent/agent.cjs
Restart=always
RestartSec=5
# 2: unusable settings or state file, 3: enrolment token refused; starting again cannot help.
RestartPreventExitStatus=2 3

[Install]
WantedBy=multi-user.target
UNIT
  systemctl daemon-reload
  systemctl enable --now berth-agent
  echo "Berth agent installed and started: systemctl status berth-agent"
else
  set -a; . /etc/berth-agent.env; set +a
  nohup node /opt/berth-agent/agent.cjs >>/var/log/berth-agent.log 2>&1 &
  echo "Berth agent started in the background (log: /var/log/berth-agent.log). Without systemd, start it again after a reboot."
fi
`;
}
