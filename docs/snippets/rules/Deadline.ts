import assert from "node:assert/strict"
import { Deadline, Inspection } from "@soltrace/rules"

// WAL-5.8.1: works ended 2025-03-20; 45 days end on Sunday 2025-05-04, so the last day rolls over
// to Monday 2025-05-05 (D14, Civil Code Book 1 art. 1.7).
const d = Inspection.inspectionDeadline("2025-03-20")
assert.equal(d.due, "2025-05-05")
assert.equal(d.rolledFrom, "2025-05-04")
assert.equal(
  Deadline.describe(d),
  "The customer must get the installation inspected (customer) by 2025-05-05 (WAL-5.8.1); 2025-05-04 is a Sunday: the last day moves to the next working day (D14, Civil Code art. 1.7)."
)
assert.equal(Deadline.status(d, undefined, "2025-05-05"), "open")
assert.equal(Deadline.status(d, undefined, "2025-05-06"), "missed")

// A limit of your own, with roll-over switched off by policy.
const flat = Deadline.limit(
  {
    rule: "WAL-5.8.1",
    what: "get the installation inspected",
    party: "customer",
    kind: "obligation",
    event: "2025-03-20",
    span: { days: 45 }
  },
  { rollOver: false, extraClosingDays: [] }
)
assert.equal(flat.due, "2025-05-04")
