// The job queue for monthly improvement-plan update reminders (its own file, so the platform's queue
// list does not load the module).
export const PLAN_REMINDER_QUEUE = 'governance-plan-update-reminders';
