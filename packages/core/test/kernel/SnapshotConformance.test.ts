import { Layer } from "effect"
import * as InMemoryEventStore from "../../src/kernel/InMemoryEventStore.js"
import * as Snapshot from "../../src/kernel/Snapshot.js"
import { runSnapshotConformance } from "../../src/testing/index.js"

runSnapshotConformance("in-memory", Layer.merge(InMemoryEventStore.layer, Snapshot.layerMemory))
