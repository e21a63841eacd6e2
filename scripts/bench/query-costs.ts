// The CPU time of the reads whose cost could grow with the data, in this
// process, at each scale (BENCH_ONLY=costs): each read afresh (nothing kept,
// as the first read after a sync without the read-ahead) and kept for the
// data (lib/queries/data-memo.ts: what a page pays once the server read it
// ahead). The medians of BENCH_ROUNDS rounds of 5 calls, the scales in turn.
import { forgetKeptData } from "../../lib/queries/data-memo";
import { closeDb } from "../../lib/db";
import { cpuMs, openBenchDatabase } from "./in-process";
import { median, table } from "./report";

export async function benchQueryCosts(scales: { label: string; database: string }[], rounds: number): Promise<void> {
  const { getRelationChains, listBulletins } = await import("../../lib/queries/bulletins");
  const { listNotAffectedByYear } = await import("../../lib/queries/announcements");
  const { listAdvisoriesPage } = await import("../../lib/queries/advisories");
  const { getFooterData } = await import("../../lib/queries/footer");
  const { getDashboardStats } = await import("../../lib/queries/stats");
  const { listFeedAdvisoriesPage, listFeedBulletinsPage } = await import("../../lib/queries/feeds");
  const reads: [string, () => Promise<unknown>][] = [
    ["getRelationChains(54)", () => getRelationChains(54)],
    ["getDashboardStats", () => getDashboardStats()],
    ["listNotAffectedByYear", () => listNotAffectedByYear()],
    ["listAdvisoriesPage (category)", () => listAdvisoriesPage({ category: "dos-only" })],
    ["listAdvisoriesPage", () => listAdvisoriesPage({})],
    ["listBulletins (home, 10)", () => listBulletins({ limit: 10 })],
    ["getFooterData", () => getFooterData(3600)],
    ["listFeedBulletinsPage(1)", () => listFeedBulletinsPage(1)],
    ["listFeedAdvisoriesPage(1)", () => listFeedAdvisoriesPage(1)],
  ];
  const samples = new Map<string, number[]>();
  const add = (key: string, ms: number) => samples.set(key, [...(samples.get(key) ?? []), ms]);
  for (let round = 0; round <= rounds; round++) {
    for (const scale of scales) {
      await openBenchDatabase(scale.database);
      for (const [name, read] of reads) {
        await read(); // the code and the client warm
        for (let i = 0; i < 5; i++) {
          forgetKeptData();
          const afresh = await cpuMs(read);
          const kept = await cpuMs(read);
          // The first round warms the JIT for both scales; it is not counted.
          if (round > 0) {
            add(`${name}|${scale.label}|afresh`, afresh);
            add(`${name}|${scale.label}|kept`, kept);
          }
        }
      }
    }
  }
  await closeDb();
  const m = (key: string) => median(samples.get(key) ?? []);
  console.log(
    `\nIn-process CPU ms per read (median of ${rounds} rounds of 5), afresh and kept for the data\n` +
      table(
        ["read", ...scales.flatMap((s) => [`${s.label} afresh`, `${s.label} kept`])],
        reads.map(([name]) => [name, ...scales.flatMap((s) => [m(`${name}|${s.label}|afresh`), m(`${name}|${s.label}|kept`)])]),
      ),
  );
}
