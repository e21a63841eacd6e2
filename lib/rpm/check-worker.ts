// The worker thread of check-pool.ts: one checkText per message, answered
// in order. Pure work only: no database, no network. It runs at the lowest
// CPU priority (thread-priority.ts), so the server's thread goes first.
import { parentPort } from "node:worker_threads";
import { checkText, type CheckTextInput } from "./check-text";
import { lowerThreadPriority } from "./thread-priority";

if (!parentPort) throw new Error("check-worker.ts runs as a worker thread of lib/rpm/check-pool.ts");
const port = parentPort;
const priority = lowerThreadPriority();
if (!priority.lowered) console.warn(`check: the check's worker runs at the server's priority (${priority.reason})`);
port.on("message", (input: CheckTextInput) => port.postMessage(checkText(input)));
