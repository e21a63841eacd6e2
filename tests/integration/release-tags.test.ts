// "Does this concern me": the release badges of the lists, search results and
// feeds carry each release's support from the supported-releases data, on the
// real data (the template is synced with qubes-doc's supported-releases page).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { listBulletins } from "@/lib/queries/bulletins";
import { listFeedBulletins } from "@/lib/queries/feeds";
import { listReleaseTags } from "@/lib/queries/release-tags";
import { supportStatusOn } from "@/lib/queries/releases";
import { bulletinEntry } from "@/lib/feeds/entries";
import { describeEachDatabase, useDatabase, type AnyTestDatabase } from "../helpers/db";
import { realData } from "../helpers/fixtures";
import { createSyncedTestDatabaseFor } from "../helpers/template";

describeEachDatabase("release badges with their support", realData, (provider) => {
  let t: AnyTestDatabase;
  before(async () => {
    t = await createSyncedTestDatabaseFor(provider);
    await useDatabase(t);
  });
  after(() => t.cleanup());

  test("a release past its end date is unsupported; the current one is supported", async () => {
    const tags = await listReleaseTags([54, 116], "2026-12-01");
    assert.deepEqual(tags.get(54), [{ name: "4.0", support: "unsupported", supportEnd: "2022-08-04" }]);
    assert.deepEqual(tags.get(116), [{ name: "4.3", support: "supported", supportEnd: null }]);
  });

  test("a release past its end date is unsupported even where the page still says supported", () => {
    const row = { supportEnd: "2026-06-21", supportStatus: "supported" };
    assert.equal(supportStatusOn(row, "2026-06-20"), "supported");
    assert.equal(supportStatusOn(row, "2026-06-21"), "unsupported");
    assert.equal(supportStatusOn({ supportEnd: null, supportStatus: null }, "2026-06-21"), "unknown");
  });

  test("every bulletin list row and feed entry marks its unsupported releases", async () => {
    const list = await listBulletins();
    const qsb054 = list.find((b) => b.number === 54);
    assert.deepEqual(qsb054?.releases.map((r) => `${r.name}:${r.support}`), ["4.0:unsupported"]);
    // No release the supported-releases page lists is left "unknown".
    assert.deepEqual(list.flatMap((b) => b.releases).filter((r) => r.support === "unknown"), []);
    const feed = await listFeedBulletins();
    const entry = bulletinEntry(feed.find((b) => b.number === 54)!, "https://tracker.example");
    assert.match(entry.summary, /Concerns Qubes OS R4\.0 \(unsupported since 2022-08-04\)\./);
    assert.deepEqual(entry.extension?.unsupported_releases, ["4.0"]);
  });
});
