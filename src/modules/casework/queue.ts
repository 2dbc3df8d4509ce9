// The nightly job that re-flags overdue cases as the days pass (its own file, so the platform's queue
// list does not load the module). Deadlines only change when events are recorded, but "overdue"
// changes with the date: the cached flag is refreshed just after midnight, London time.
export const CASEWORK_REFRESH_QUEUE = 'casework-refresh-overdue';
export const CASEWORK_REFRESH_CRON = '5 0 * * *';

/** A morning email to each caseworker with overdue or soon-due cases: counts and a link, no names. */
export const CASEWORK_DIGEST_QUEUE = 'casework-deadline-digest';
export const CASEWORK_DIGEST_CRON = '0 7 * * 1-5';

/** Each weekday morning: the caseworker is emailed before each statutory step falls due and once when
 * it is overdue; contributors get their advice request and reminders. Each reminder is sent once. */
export const CASEWORK_REMINDER_QUEUE = 'casework-deadline-reminders';
export const CASEWORK_REMINDER_CRON = '30 6 * * 1-5';
