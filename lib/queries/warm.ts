// The reads kept for the data (lib/queries/data-memo.ts), read ahead once the
// data changed: the server calls this when it sees a new data version, so
// that the first visitor after a sync does not pay for the dashboard's
// counts, the news' verdicts, the feeds' order and the footer, whose cost
// grows with the data. Errors are left to the reads themselves (a failed
// read is not kept: the page that needs it reads again).
import { listAdvisoryAnnouncements, listNotAffectedByYear } from "./announcements";
import { listAdvisoryFeedOrder, listBulletinFeedOrder } from "./feeds";
import { getImportedSources, getSourceProvenance } from "./source";
import { getDashboardStats } from "./stats";
import { getSyncStatus } from "./sync-runs";

export async function warmKeptReads(intervalSeconds: number): Promise<void> {
  await Promise.allSettled([
    getSyncStatus(),
    getSourceProvenance(intervalSeconds),
    getImportedSources(),
    getDashboardStats(),
    listNotAffectedByYear(),
    listAdvisoryAnnouncements(),
    listBulletinFeedOrder(),
    listAdvisoryFeedOrder(),
  ]);
}
