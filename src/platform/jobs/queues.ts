// Every queue the service uses, created at start so any process can enqueue before a worker runs.
import { MAIL_QUEUE } from '../mail/mailer.ts';

export const QUEUES: { name: string; retryLimit?: number; retryDelaySeconds?: number }[] = [
  { name: MAIL_QUEUE, retryLimit: 8, retryDelaySeconds: 30 },
];
