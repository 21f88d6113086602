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
 * The POSIX shell installer, fed to `sh -s -- TOKEN [EXECUTABLE]` by the curl command and by SSH
 * onboarding: it fetches the agent executable for the host's architecture from this server (or
 * takes the one SSH onboarding uploaded), stops an agent installed before, stores the one-time
 * token for the first start and runs the agent under systemd when there is one. The host needs
 * no Node.js: the executable carries its own runtime.
 */
export function renderInstallScript(serverUrl: string): string {
  const server = checkedServerUrl(serverUrl);
  return `#!/bin/sh
# Installs the Berth agent on this host and enrols it with a one-time token.
set -eu
SERVER='${server}'
TOKEN="\${1:-}"
UPLOADED="\${2:-}"
DIR=/opt/berth-agent
STATE=/var/lib/berth-agent
if [ -z "$TOKEN" ]; then echo "Usage: curl -fsSL $SERVER/api/agent/install.sh | sudo sh -s -- TOKEN" >&2; exit 2; fi
if [ "$(id -u)" != 0 ]; then echo "Run the installer as root (for example with sudo)." >&2; exit 1; fi
[ -S /var/run/docker.sock ] || echo "Note: no Docker engine at /var/run/docker.sock yet; the agent waits for it." >&2
# Root only: the agent's key and its code are not for the host's other users or containers.
install -d -m 0700 "$DIR" "$STATE"
chmod 0700 "$DIR" "$STATE"
if [ -n "$UPLOADED" ]; then
  mv "$UPLOADED" "$DIR/berth-agent.new"
else
  command -v curl >/dev/null 2>&1 || { echo "The installer needs curl to download the agent." >&2; exit 1; }
  machine=$(uname -m)
  status=$(curl -sSL -o "$DIR/berth-agent.new" -w '%{http_code}' "$SERVER/api/agent/executable/$machine") || { echo "Could not download the agent from $SERVER." >&2; exit 1; }
  if [ "$status" != 200 ]; then
    sed -n 's/.*"message":"\\([^"]*\\)".*/\\1/p' "$DIR/berth-agent.new" >&2
    rm -f "$DIR/berth-agent.new"
    exit 1
  fi
fi
chmod 0700 "$DIR/berth-agent.new"
# One agent per host: an agent installed before stops before its files are replaced.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  systemctl stop berth-agent 2>/dev/null || true
fi
if [ -f "$STATE/agent.pid" ]; then
  pid=$(cat "$STATE/agent.pid")
  case "$(tr '\\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null)" in
    *"$DIR/"*) kill "$pid" 2>/dev/null || true
      i=0; while [ -d "/proc/$pid" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done ;;
  esac
  rm -f "$STATE/agent.pid"
fi
mv "$DIR/berth-agent.new" "$DIR/berth-agent"
# what earlier versions and copies cut short left behind
rm -f "$DIR/agent.cjs" "$DIR"/upload.*
# A token means a new enrolment: an identity saved before (a revoked key) is replaced.
rm -f "$STATE/state.json"
umask 077
printf 'BERTH_SERVER_URL=%s\\nBERTH_ENROLL_TOKEN=%s\\nBERTH_AGENT_STATE=%s/state.json\\n' "$SERVER" "$TOKEN" "$STATE" > /etc/berth-agent.env
chmod 0600 /etc/berth-agent.env
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  cat > /etc/systemd/system/berth-agent.service <<UNIT
[Unit]
Description=Berth agent
After=network-online.target docker.service
Wants=network-online.target

[Service]
EnvironmentFile=/etc/berth-agent.env
ExecStart=$DIR/berth-agent
Restart=always
RestartSec=5
# 2: unusable settings or state file, 3: enrolment token refused; starting again cannot help.
RestartPreventExitStatus=2 3

[Install]
WantedBy=multi-user.target
UNIT
  systemctl daemon-reload
  systemctl enable berth-agent
  systemctl restart berth-agent
  echo "Berth agent installed and started: systemctl status berth-agent"
else
  set -a; . /etc/berth-agent.env; set +a
  nohup "$DIR/berth-agent" >>/var/log/berth-agent.log 2>&1 </dev/null &
  echo $! > "$STATE/agent.pid"
  echo "Berth agent started in the background (pid $!, log: /var/log/berth-agent.log). Without systemd, start it again after a reboot."
fi
`;
}
