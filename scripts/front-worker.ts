// A front worker's entry (lib/server/front-worker.ts): with unique searches
// spliced (SEARCH_SPLICE, which gives the worker Next.js's address), the
// worker splices its own search misses (scripts/search-splicer.ts) instead of
// asking the primary's front server over HTTP for each.
import cluster from "node:cluster";
import { runFrontWorker } from "../lib/server/front-worker";
import { createAppSearchSplicer } from "./search-splicer";

if (cluster.isWorker) runFrontWorker((config) => (config.next ? createAppSearchSplicer(config.next) : undefined));
