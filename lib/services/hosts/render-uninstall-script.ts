/**
 * Stops the Berth agent and removes what the installer wrote (its executable, state, settings,
 * unit and log). Fixed text: it takes no argument, so nothing a user typed reaches the shell.
 */
export function renderUninstallScript(): string {
  return `#!/bin/sh
set -eu
DIR=/opt/berth-agent
STATE=/var/lib/berth-agent
if [ "$(id -u)" != 0 ]; then echo "Run the uninstaller as root (for example with sudo)." >&2; exit 1; fi
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  systemctl disable --now berth-agent 2>/dev/null || true
  rm -f /etc/systemd/system/berth-agent.service
  systemctl daemon-reload
fi
if [ -f "$STATE/agent.pid" ]; then
  pid=$(cat "$STATE/agent.pid")
  case "$(tr '\\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null)" in
    *"$DIR/"*) kill "$pid" 2>/dev/null || true
      i=0; while [ -d "/proc/$pid" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done ;;
  esac
fi
rm -rf "$DIR" "$STATE" /etc/berth-agent.env /var/log/berth-agent.log
echo "Berth agent stopped and removed."
`;
}
