// What a partner page pays for one rule's decision, imported the usual way (the package root).
import { LabourReimbursement } from "../../packages/rules/dist/index.js"

export const decide = LabourReimbursement.decide
