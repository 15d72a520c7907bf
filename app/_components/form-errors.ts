// Moved to lib/actions/field-errors.ts (with its test); kept until the last forms import it from there.
export { applyServerErrors } from "@/lib/actions/field-errors";
