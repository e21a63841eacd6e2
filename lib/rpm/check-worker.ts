// The worker thread of check-pool.ts: one checkText per message, answered
// in order. Pure work only: no database, no network.
import { parentPort } from "node:worker_threads";
import { checkText, type CheckTextInput } from "./check-text";

if (!parentPort) throw new Error("check-worker.ts runs as a worker thread of lib/rpm/check-pool.ts");
const port = parentPort;
port.on("message", (input: CheckTextInput) => port.postMessage(checkText(input)));
