import * as InMemoryEventStore from "../../src/kernel/InMemoryEventStore.js"
import { runEventStoreConformance } from "../../src/testing/index.js"

runEventStoreConformance("in-memory", InMemoryEventStore.layer)
runEventStoreConformance("in-memory, a fresh store per test", InMemoryEventStore.layer, { build: "test", numRuns: 30 })
