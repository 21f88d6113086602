/** Runs every benchmark in turn; each prints its own figures. */
import { run as commandRoundtrip } from "./command-roundtrip";

const BENCHES: Array<[string, () => Promise<void>]> = [["command round trip", commandRoundtrip]];

for (const [name, bench] of BENCHES) {
  console.log(`\n== ${name}`);
  await bench();
}
