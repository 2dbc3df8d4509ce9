// What the case page's "Letters and documents" section shows: the documents, the letters the case's
// events warrant (issued or not), the plan versions to download, and the upload form's choices.
import { can, type Principal } from '../../../platform/auth/policy.ts';
import { longDate } from '../../governance/papers/model.ts';
import { CONTRIBUTORS } from '../events.ts';
import { planVersions } from '../plan-versions.ts';
import type { viewCase } from '../service.ts';
import { letterCandidates, UPLOAD_KINDS } from './service.ts';
import { ACCEPTED } from './sniff.ts';

export function caseDocumentsSection(p: Principal, view: Awaited<ReturnType<typeof viewCase>>, uploadLimitBytes: number) {
  return {
    documents: view.documents.map((d) => ({ ...d, kindLabel: d.source === 'upload' ? UPLOAD_KINDS[d.kind as keyof typeof UPLOAD_KINDS] ?? d.kind : 'Letter' })),
    letters: letterCandidates(view.events, view.documents),
    plans: planVersions(view.events).map((v) => ({ eventId: v.eventId, label: v.label, issuedOn: v.issuedOn })),
    kinds: UPLOAD_KINDS,
    adviceRequests: view.summary.advice.map((a) => ({ id: a.eventId, text: `${CONTRIBUTORS[a.contributor as keyof typeof CONTRIBUTORS] ?? a.contributor}, asked on ${longDate(a.requestedOn)}` })),
    canUpload: can(p, 'case.document-upload') && view.isToday,
    canIssue: can(p, 'case.letter-issue') && view.isToday,
    canDownload: can(p, 'case.document-download'),
    limitMb: Math.round(uploadLimitBytes / (1024 * 1024)),
    accepted: ACCEPTED,
  };
}
