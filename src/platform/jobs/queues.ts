// Every queue the service uses, created at start so any process can enqueue before a worker runs.
import { MAIL_QUEUE } from '../mail/mailer.ts';
import { PLAN_REMINDER_QUEUE } from '../../modules/governance/plans/queue.ts';
import { CASEWORK_DIGEST_QUEUE, CASEWORK_REFRESH_QUEUE, CASEWORK_REMINDER_QUEUE } from '../../modules/casework/queue.ts';
import { KPI_SNAPSHOT_QUEUE } from '../../modules/performance/scorecard/queue.ts';

export const QUEUES: { name: string; retryLimit?: number; retryDelaySeconds?: number }[] = [
  { name: MAIL_QUEUE, retryLimit: 8, retryDelaySeconds: 30 },
  { name: PLAN_REMINDER_QUEUE, retryLimit: 2, retryDelaySeconds: 300 },
  { name: CASEWORK_REFRESH_QUEUE, retryLimit: 3, retryDelaySeconds: 600 },
  { name: CASEWORK_DIGEST_QUEUE, retryLimit: 2, retryDelaySeconds: 600 },
  { name: CASEWORK_REMINDER_QUEUE, retryLimit: 3, retryDelaySeconds: 600 },
  { name: KPI_SNAPSHOT_QUEUE, retryLimit: 3, retryDelaySeconds: 600 },
];
