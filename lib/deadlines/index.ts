/* Deadlines (issue #12 item 2): due dates on claims, the desk's target time per state, overdue and due soon. */
export { DEADLINE_STATES, deadlineSettingsSchema, type DeadlineSettingsInput, type DeadlineSettingsValues, type DeadlineState } from "./schemas";
export { claimDeadline, deadlineStatus, lateness, type ClaimDeadline, type DeadlineFacts, type DeadlineSource, type DeadlineStatus } from "./status";
export { DEFAULT_DEADLINE_SETTINGS, loadDeadlineSettings, updateDeadlineSettings, type DeadlineSettingsView } from "./settings";
export { overdueSummary, type OverdueClaim, type OverdueSummary } from "./summary";
export { setDueDate } from "./due-date";
export { scanDueSoon } from "./scanner";
