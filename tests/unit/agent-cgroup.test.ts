import { describe, expect, it } from "vitest";
import {
  CgroupLocator,
  cpuPercentOf,
  locateCgroupFiles,
  memoryWorkingSet,
  parseCgroupMounts,
  parseCpuUsageNs,
  parseFlatKeyed,
  parseProcCgroup,
} from "../../agent/src/metrics/cgroup";

const ID = "3f2a9c0d5e6b7a8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e";

// A hybrid host (v1 controllers + an empty cgroup2 at unified), containers under a custom parent.
const HYBRID_MOUNTINFO = `22 27 0:21 / /proc rw,relatime - proc proc rw
31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:9 - cgroup cgroup rw,cpu,cpuacct
35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd
41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw,nsdelegate
`;
const HYBRID_PROC_CGROUP = `12:pids:/bhab12cdh1/${ID}
9:name=systemd:/bhab12cdh1/${ID}
4:memory:/bhab12cdh1/${ID}
2:cpu,cpuacct:/bhab12cdh1/${ID}
0::/bhab12cdh1/${ID}
`;

// A pure v2 host with systemd's cgroup driver.
const V2_MOUNTINFO = `25 30 0:23 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
`;
const V2_PROC_CGROUP = `0::/system.slice/docker-${ID}.scope\n`;

// An agent inside a cgroup namespace whose mount shows only a subtree (root field not "/").
const NESTED_MOUNTINFO = `40 31 0:38 /kubepods/pod1 /sys/fs/cgroup rw,relatime - cgroup2 cgroup2 rw
`;

describe("cgroup location", () => {
  it("parses /proc/<pid>/cgroup with co-mounted v1 controllers and the v2 line", () => {
    const cg = parseProcCgroup(HYBRID_PROC_CGROUP);
    expect(cg.v1.get("cpu")).toBe(`/bhab12cdh1/${ID}`);
    expect(cg.v1.get("cpuacct")).toBe(`/bhab12cdh1/${ID}`);
    expect(cg.v1.get("memory")).toBe(`/bhab12cdh1/${ID}`);
    expect(cg.v1.get("name=systemd")).toBe(`/bhab12cdh1/${ID}`);
    expect(cg.v2).toBe(`/bhab12cdh1/${ID}`);
    expect(parseProcCgroup(V2_PROC_CGROUP)).toEqual({
      v1: new Map(),
      v2: `/system.slice/docker-${ID}.scope`,
    });
  });

  it("finds the cgroup mounts and their controllers in mountinfo", () => {
    const mounts = parseCgroupMounts(HYBRID_MOUNTINFO);
    expect(mounts).toEqual([
      {
        version: 1,
        controllers: ["cpu", "cpuacct"],
        root: "/",
        mountPoint: "/sys/fs/cgroup/cpu,cpuacct",
      },
      { version: 1, controllers: ["memory"], root: "/", mountPoint: "/sys/fs/cgroup/memory" },
      { version: 1, controllers: [], root: "/", mountPoint: "/sys/fs/cgroup/systemd" },
      { version: 2, controllers: [], root: "/", mountPoint: "/sys/fs/cgroup/unified" },
    ]);
    expect(parseCgroupMounts("36 31 0:33 / /mnt/with\\040space rw - cgroup2 cgroup2 rw")).toEqual([
      { version: 2, controllers: [], root: "/", mountPoint: "/mnt/with space" },
    ]);
  });

  it("uses the v1 files on a hybrid host, whatever the cgroup parent", () => {
    const files = locateCgroupFiles(
      parseProcCgroup(HYBRID_PROC_CGROUP),
      parseCgroupMounts(HYBRID_MOUNTINFO),
    );
    // blkio and pids are not mounted as v1 hierarchies here: they come from the unified cgroup
    const unified = `/sys/fs/cgroup/unified/bhab12cdh1/${ID}`;
    expect(files).toEqual({
      cpu: { file: `/sys/fs/cgroup/cpu,cpuacct/bhab12cdh1/${ID}/cpuacct.usage`, kind: "v1" },
      memory: {
        usageFile: `/sys/fs/cgroup/memory/bhab12cdh1/${ID}/memory.usage_in_bytes`,
        statFile: `/sys/fs/cgroup/memory/bhab12cdh1/${ID}/memory.stat`,
        limitFile: `/sys/fs/cgroup/memory/bhab12cdh1/${ID}/memory.limit_in_bytes`,
        kind: "v1",
      },
      io: { files: [`${unified}/io.stat`], kind: "v2" },
      pids: `${unified}/pids.current`,
    });
  });

  it("uses the v2 files on a pure v2 host", () => {
    const files = locateCgroupFiles(
      parseProcCgroup(V2_PROC_CGROUP),
      parseCgroupMounts(V2_MOUNTINFO),
    );
    const dir = `/sys/fs/cgroup/system.slice/docker-${ID}.scope`;
    expect(files).toEqual({
      cpu: { file: `${dir}/cpu.stat`, kind: "v2" },
      memory: {
        usageFile: `${dir}/memory.current`,
        statFile: `${dir}/memory.stat`,
        limitFile: `${dir}/memory.max`,
        kind: "v2",
      },
      io: { files: [`${dir}/io.stat`], kind: "v2" },
      pids: `${dir}/pids.current`,
    });
  });

  it("uses the v1 blkio and pids hierarchies when they are mounted", () => {
    const files = locateCgroupFiles(
      parseProcCgroup(`7:blkio:/docker/${ID}\n12:pids:/docker/${ID}\n`),
      parseCgroupMounts(
        [
          "33 31 0:30 / /sys/fs/cgroup/blkio rw,relatime - cgroup cgroup rw,blkio",
          "34 31 0:31 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids",
        ].join("\n"),
      ),
    );
    expect(files).toEqual({
      cpu: null,
      memory: null,
      io: {
        files: [
          `/sys/fs/cgroup/blkio/docker/${ID}/blkio.throttle.io_service_bytes`,
          `/sys/fs/cgroup/blkio/docker/${ID}/blkio.io_service_bytes_recursive`,
        ],
        kind: "v1",
      },
      pids: `/sys/fs/cgroup/pids/docker/${ID}/pids.current`,
    });
  });

  it("reads the cgroup mounts once and a process's cgroup on every lookup", () => {
    const texts = new Map([
      ["/proc/self/mountinfo", V2_MOUNTINFO],
      ["/proc/42/cgroup", V2_PROC_CGROUP],
    ]);
    const reads: string[] = [];
    const locator = new CgroupLocator((file) => {
      reads.push(file);
      const text = texts.get(file);
      if (text === undefined) throw new Error(`ENOENT ${file}`);
      return text;
    });
    const cpu = { file: `/sys/fs/cgroup/system.slice/docker-${ID}.scope/cpu.stat`, kind: "v2" };
    expect(locator.filesOf(42).cpu).toEqual(cpu);
    expect(locator.filesOf(42).cpu).toEqual(cpu);
    expect(() => locator.filesOf(43)).toThrow("ENOENT /proc/43/cgroup");
    expect(reads).toEqual([
      "/proc/self/mountinfo",
      "/proc/42/cgroup",
      "/proc/42/cgroup",
      "/proc/43/cgroup",
    ]);
  });

  it("maps paths below a mounted subtree, and takes others as they are", () => {
    const mounts = parseCgroupMounts(NESTED_MOUNTINFO);
    expect(locateCgroupFiles(parseProcCgroup("0::/kubepods/pod1/c1\n"), mounts).cpu?.file).toBe(
      "/sys/fs/cgroup/c1/cpu.stat",
    );
    expect(locateCgroupFiles(parseProcCgroup("0::/c2\n"), mounts).cpu?.file).toBe(
      "/sys/fs/cgroup/c2/cpu.stat",
    );
  });

  it("finds nothing without matching mounts", () => {
    expect(locateCgroupFiles(parseProcCgroup(HYBRID_PROC_CGROUP), [])).toEqual({
      cpu: null,
      memory: null,
      io: null,
      pids: null,
    });
  });
});

describe("cgroup readings", () => {
  it("reads CPU time in nanoseconds from cpuacct.usage and cpu.stat", () => {
    expect(parseCpuUsageNs("123456789012\n", "v1")).toBe(123456789012);
    expect(parseCpuUsageNs("garbage", "v1")).toBeNull();
    const cpuStat = `usage_usec 2500000
user_usec 2000000
system_usec 500000
nr_periods 0
nr_throttled 0
throttled_usec 0
`;
    expect(parseCpuUsageNs(cpuStat, "v2")).toBe(2_500_000_000);
    expect(parseCpuUsageNs("user_usec 1\n", "v2")).toBeNull();
  });

  it("subtracts inactive file cache from memory use (v1 total_inactive_file, v2 inactive_file)", () => {
    const v1Stat = `cache 8192000
rss 1048576
inactive_file 4000
total_cache 8192000
total_rss 1048576
total_inactive_file 4096000
total_active_file 4096000
`;
    expect(memoryWorkingSet("10485760\n", v1Stat, "v1")).toBe(10485760 - 4096000);
    const v2Stat = `anon 1048576
file 8192000
active_file 4096000
inactive_file 2048000
`;
    expect(memoryWorkingSet("9240576\n", v2Stat, "v2")).toBe(9240576 - 2048000);
    // inactive larger than usage (racy reads): usage as it is, never negative
    expect(memoryWorkingSet("1000\n", "inactive_file 5000\n", "v2")).toBe(1000);
    expect(memoryWorkingSet("max\n", "", "v2")).toBeNull();
  });

  it("parses flat keyed files", () => {
    expect(parseFlatKeyed("a 1\nb -2\n\nc x\n")).toEqual(
      new Map([
        ["a", 1],
        ["b", -2],
      ]),
    );
  });

  it("computes CPU percent like docker stats (100 = one CPU)", () => {
    const s = 1e9;
    expect(cpuPercentOf({ cpuNs: 0, atNs: 0 }, { cpuNs: 1.5 * s, atNs: 2 * s })).toBe(75);
    expect(cpuPercentOf({ cpuNs: 0, atNs: 0 }, { cpuNs: 3 * s, atNs: 2 * s })).toBe(150);
    expect(cpuPercentOf({ cpuNs: 5, atNs: 10 }, { cpuNs: 5, atNs: 10 })).toBeNull();
    expect(cpuPercentOf({ cpuNs: 9, atNs: 0 }, { cpuNs: 5, atNs: 10 })).toBeNull();
  });
});
