// A partner page's whole edge: JSON text → decoded claim → decision, or the list of issues.
import { Decision, LabourReimbursement } from "../../packages/rules/dist/index.js"

export const claim = Decision.decideJson(LabourReimbursement.ClaimInput, LabourReimbursement.decide, "claim")
