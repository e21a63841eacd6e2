import { jsonResponse } from "@/lib/api/respond";
import { route } from "@/lib/api/route";
import { getCanaryWatch, listCanaryApiRecords } from "@/lib/queries/canaries";

export const dynamic = "force-dynamic";

export const GET = route(async (_request: Request) => {
  const [items, watch] = await Promise.all([listCanaryApiRecords(), getCanaryWatch()]);
  return jsonResponse({
    items,
    watch: {
      latest: watch.latest?.number ?? null,
      status: watch.status,
      today: watch.today,
      nextDue: watch.latest?.nextDue ?? null,
      overdueDays: watch.status === "overdue" ? watch.latest?.statusDays ?? null : null,
      headline: watch.headline,
      meaning: watch.meaning,
      secpack: watch.secpack,
    },
    // Never cached: `secpack.lastFetch` is the exact time of the last refresh, which a sync that changed nothing moves on.
  }, { headers: { "cache-control": "no-store" } });
});
