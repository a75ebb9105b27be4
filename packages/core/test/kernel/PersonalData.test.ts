import * as PersonalData from "../../src/kernel/PersonalData.js"
import { runPersonalDataConformance } from "../../src/testing/index.js"

runPersonalDataConformance("in-memory", PersonalData.layerMemory)
runPersonalDataConformance("in-memory, a fresh store per test", PersonalData.layerMemory, {
  build: "test",
  numRuns: 20
})
