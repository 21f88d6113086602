import { describe, expect, it } from "vitest";
import { cpuPercentBetween, parseCpuTimes } from "../../agent/src/metrics/cpu";
import { diskUsageFromStatfs } from "../../agent/src/metrics/disk";
import { parseLoadavg } from "../../agent/src/metrics/load";
import { parseMeminfo } from "../../agent/src/metrics/memory";
import { isHostInterface, parseNetDev, ratePerSecond } from "../../agent/src/metrics/network";

const STAT_A = `cpu  43780 47 21517 167809 1240 0 539 194 0 0
cpu0 20743 11 10255 85973 302 0 195 96 0 0
cpu1 23036 35 11262 81835 938 0 343 97 0 0
intr 3392051 0 9 0 0
ctxt 6424342
btime 1795378000
processes 14569
`;
// 1000 ticks later: 300 busy (user 200, system 80, softirq 10, steal 10), 700 idle (650 + 50 iowait)
const STAT_B = `cpu  43980 47 21597 168459 1290 0 549 204 0 0
cpu0 20843 11 10295 86298 327 0 200 101 0 0
cpu1 23136 35 11302 82160 963 0 348 102 0 0
intr 3392999 0 9 0 0
`;

const MEMINFO = `MemTotal:       24683656 kB
MemFree:        22810008 kB
MemAvailable:   23485716 kB
Buffers:           11348 kB
Cached:           870296 kB
SwapCached:            0 kB
Active:           601232 kB
SReclaimable:      61204 kB
HugePages_Total:       0
Hugepagesize:       2048 kB
`;

const NET_DEV = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo: 2782333    9381    0    0    0     0          0         0  2782333    9381    0    0    0     0       0          0
  eth0: 851037176   22100    0    0    0     0          0         0  1425305   12908    0    0    0     0       0          0
  eth1:1000 10 0 0 0 0 0 0 2000 20 0 0 0 0 0 0
docker0:   50000     500    0    0    0     0          0         0    60000     600    0    0    0     0       0          0
vethab12cd3:   70000     700    0    0    0     0          0         0    80000     800    0    0    0     0       0          0
br-0123456789ab:   90000     900    0    0    0     0          0         0   100000    1000    0    0    0     0       0          0
docker_gwbridge:   1     1    0    0    0     0          0         0    1     1    0    0    0     0       0          0
`;

describe("agent /proc parsers", () => {
  it("reads the aggregate cpu line of /proc/stat", () => {
    expect(parseCpuTimes(STAT_A)).toEqual({
      total: 43780 + 47 + 21517 + 167809 + 1240 + 0 + 539 + 194,
      idle: 167809 + 1240,
    });
  });

  it("computes CPU busy percent from two readings", () => {
    expect(cpuPercentBetween(parseCpuTimes(STAT_A), parseCpuTimes(STAT_B))).toBe(30);
  });

  it("reports 0 % when no time passed and never leaves 0..100", () => {
    const a = parseCpuTimes(STAT_A);
    expect(cpuPercentBetween(a, a)).toBe(0);
    expect(cpuPercentBetween({ total: 0, idle: 0 }, { total: 100, idle: -50 })).toBe(100);
  });

  it("rejects /proc/stat text without a cpu line", () => {
    expect(() => parseCpuTimes("intr 1 2 3\n")).toThrow(/cpu/);
  });

  it("counts used memory as MemTotal - MemAvailable (cache is not used)", () => {
    expect(parseMeminfo(MEMINFO)).toEqual({
      totalBytes: 24683656 * 1024,
      availableBytes: 23485716 * 1024,
      usedBytes: (24683656 - 23485716) * 1024,
    });
  });

  it("estimates MemAvailable on kernels that lack it", () => {
    const old = MEMINFO.split("\n")
      .filter((l) => !l.startsWith("MemAvailable"))
      .join("\n");
    const available = 22810008 + 11348 + 870296 + 61204;
    expect(parseMeminfo(old).usedBytes).toBe((24683656 - available) * 1024);
  });

  it("rejects meminfo without MemTotal", () => {
    expect(() => parseMeminfo("MemFree: 1 kB\n")).toThrow(/MemTotal/);
  });

  it("sums rx/tx bytes over host interfaces, skipping loopback and Docker's virtual ones", () => {
    expect(parseNetDev(NET_DEV)).toEqual({
      rxBytes: 851037176 + 1000,
      txBytes: 1425305 + 2000,
    });
  });

  it("lets the caller choose the interfaces that count", () => {
    expect(parseNetDev(NET_DEV, (name) => name !== "lo")).toEqual({
      rxBytes: 851037176 + 1000 + 50000 + 70000 + 90000 + 1,
      txBytes: 1425305 + 2000 + 60000 + 80000 + 100000 + 1,
    });
  });

  it("classifies interfaces", () => {
    expect(["eth0", "ens3", "wlan0", "br0", "br-lan", "bond0"].every(isHostInterface)).toBe(true);
    expect(
      ["lo", "docker0", "veth1a2b3c4", "br-0123456789ab", "docker_gwbridge"].some(isHostInterface),
    ).toBe(false);
  });

  it("turns counters into per-second rates and ignores counter resets", () => {
    expect(ratePerSecond(1000, 6000, 10)).toBe(500);
    expect(ratePerSecond(6000, 1000, 10)).toBe(0);
    expect(ratePerSecond(1000, 2000, 0)).toBe(0);
  });

  it("reads the three load averages", () => {
    expect(parseLoadavg("0.64 1.41 0.99 6/267 14520\n")).toEqual({
      load1: 0.64,
      load5: 1.41,
      load15: 0.99,
    });
    expect(() => parseLoadavg("garbage")).toThrow("/proc/loadavg is not three load averages");
  });

  it("computes disk usage like df", () => {
    expect(diskUsageFromStatfs({ bsize: 4096, blocks: 1000, bfree: 250 })).toEqual({
      totalBytes: 4096 * 1000,
      usedBytes: 4096 * 750,
    });
  });
});
