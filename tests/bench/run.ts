/** Runs every benchmark in turn (or the one named as the first argument); each prints its figures. */
import { run as agentMemory } from "./agent-memory";
import { run as alerts } from "./alerts";
import { run as auditChain } from "./audit-chain";
import { run as commandRoundtrip } from "./command-roundtrip";
import { run as containerList } from "./container-list";
import { run as images } from "./images";
import { run as loginTiming } from "./login-timing";
import { run as stacks } from "./stacks";
import { run as streams } from "./streams";
import { run as volumes } from "./volumes";

const BENCHES: Array<[string, () => Promise<void>]> = [
  ["agent-memory", agentMemory],
  ["audit-chain", auditChain],
  ["command-roundtrip", commandRoundtrip],
  ["container-list", containerList],
  ["login-timing", loginTiming],
  ["streams", streams],
  ["images", images],
  ["volumes", volumes],
  ["stacks", stacks],
  ["alerts", alerts],
];

const only = process.argv[2];
for (const [name, bench] of BENCHES) {
  if (only && only !== name) continue;
  console.log(`\n== ${name}`);
  await bench();
}
