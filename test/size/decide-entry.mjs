// The same decision from the rule's own entry point (@soltrace/rules/LabourReimbursement).
import { decide } from "../../packages/rules/dist/LabourReimbursement.js"

export { decide }
