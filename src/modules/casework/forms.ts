// Turns the pages' form posts into the same inputs the API takes, and maps the rule errors back onto
// the form's fields. Pure apart from reading the body.
import { dateField, field } from '../../platform/forms/forms.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import type { EventInput, NewRequestInput } from './service.ts';
import type { Carer } from './tables.ts';

export const MAX_NEEDS = 3;

export function requestFromForm(body: unknown): { input: NewRequestInput; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const dob = dateField(body, 'dateOfBirth', 'their date of birth');
  const transfer = field(body, 'kind') === 'transfer-in';
  const received = dateField(body, 'receivedOn', transfer ? 'the date the plan was transferred' : 'the date the request was received');
  if (dob.error) errors.push({ field: 'dateOfBirth', message: dob.error });
  if (received.error) errors.push({ field: 'receivedOn', message: received.error });
  const carers: Carer[] = [];
  const carerName = field(body, 'carerName');
  if (carerName) {
    const contactBy = field(body, 'carerContactBy');
    carers.push({
      name: carerName.slice(0, 200), relationship: field(body, 'carerRelationship').slice(0, 100) || undefined,
      email: field(body, 'carerEmail').slice(0, 200) || undefined, phone: field(body, 'carerPhone').slice(0, 50) || undefined,
      contactBy: contactBy === 'email' || contactBy === 'phone' || contactBy === 'post' ? contactBy : undefined,
    });
  }
  const lastReview = transfer ? dateField(body, 'lastReviewOn', 'the date the plan was issued or last reviewed') : { value: null };
  if (transfer && lastReview.error) errors.push({ field: 'lastReviewOn', message: lastReview.error });
  const input: NewRequestInput = {
    givenName: field(body, 'givenName'), familyName: field(body, 'familyName'), dateOfBirth: dob.value ?? '',
    upn: field(body, 'upn').toUpperCase() || undefined, uln: field(body, 'uln') || undefined, nhsNumber: field(body, 'nhsNumber') || undefined,
    homeLaCode: field(body, 'homeLaCode') || undefined, carers,
    requester: field(body, 'requester'), requesterDetail: field(body, 'requesterDetail') || undefined, receivedOn: received.value ?? '',
    ...(transfer ? { transferIn: { fromLa: field(body, 'fromLa'), lastReviewOn: lastReview.value ?? '' } } : {}),
  };
  return { input, errors };
}

const lines = (s: string) => s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

function planFromForm(body: unknown): Record<string, unknown> | undefined {
  const needs: Record<string, unknown>[] = [];
  for (let i = 1; i <= MAX_NEEDS; i++) {
    const senType = field(body, `need${i}SenType`);
    const description = field(body, `need${i}Description`);
    const outcomes = lines(field(body, `need${i}Outcomes`));
    const provision = lines(field(body, `need${i}Provision`));
    if (senType || description || outcomes.length || provision.length) needs.push({ senType: senType || undefined, description, outcomes, provision });
  }
  const plan: Record<string, unknown> = { needs };
  for (const k of ['a', 'c', 'd', 'g', 'h1', 'h2', 'j', 'k']) {
    const v = field(body, `section${k.toUpperCase()}`);
    if (v) plan[k] = v;
  }
  const settingName = field(body, 'settingName');
  const settingUrn = field(body, 'settingUrn');
  if (settingName || settingUrn) plan['namedSetting'] = { name: settingName, ...(settingUrn ? { urn: settingUrn } : {}) };
  return Object.keys(plan).length > 1 || needs.length ? plan : undefined;
}

/** A record-an-event form → an event input, plus any errors the form itself shows (dates). */
export function eventFromForm(type: string, body: unknown): { input: EventInput; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const date = dateField(body, 'effectiveDate', 'the date it happened');
  if (date.error) errors.push({ field: 'effectiveDate', message: date.error });
  const data: Record<string, unknown> = {};
  const text = (name: string) => { const v = field(body, name); if (v) data[name] = v; };
  const subDate = (name: string, label: string, required: boolean) => {
    const d = dateField(body, name, label, required);
    if (d.error) errors.push({ field: name, message: d.error });
    if (d.value) data[name] = d.value;
  };
  let reason: string | undefined;
  let correctsEventId: string | undefined;
  switch (type) {
    case 'decision-not-to-assess': case 'decision-not-to-issue': case 'decision-not-to-reassess': text('reasons'); break;
    case 'reassessment-requested': text('requester'); text('requesterDetail'); break;
    case 'advice-requested': text('contributor'); text('contributorName'); text('contributorUserId'); text('contributorEmail'); break;
    case 'advice-received': text('adviceEventId'); break;
    case 'draft-plan-issued': data['plan'] = planFromForm(body) ?? { needs: [] }; break;
    case 'final-plan-issued': case 'amended-plan-issued': case 'reassessment-plan-issued': { const p = planFromForm(body); if (p) data['plan'] = p; break; }
    case 'representations-received': text('requestedSetting'); text('summary'); break;
    case 'setting-consulted': text('settingName'); text('urn'); subDate('responseRequestedBy', 'the date to answer by', false); break;
    case 'consultation-response': text('consultationEventId'); text('response'); text('summary'); break;
    case 'exception-recorded': text('code'); text('reason'); text('evidence'); break;
    case 'review-decision': text('decision'); break;
    case 'amendment-proposed': text('summary'); break;
    case 'phase-transfer': {
      text('kind');
      const y = field(body, 'year');
      if (y) data['year'] = /^\d{4}$/.test(y) ? Number(y) : y;
      subDate('transferDate', 'the date of the move', false);
      break;
    }
    case 'plan-ceased': text('reason'); text('detail'); break;
    case 'transfer-out': text('toLa'); subDate('learnedOfMove', 'the date the council learned of the move', true); subDate('moveDate', 'the date of the move', true); break;
    case 'mediation': subDate('decisionDate', 'the date of the decision letter', true); subDate('certificateOn', 'the date of the mediation certificate', false); break;
    case 'appeal-registered': text('subject'); subDate('decisionDate', 'the date of the decision letter', true); break;
    case 'appeal-outcome': text('outcome'); break;
    case 'correction': {
      text('action');
      subDate('newDate', 'the corrected date', false);
      if (data['newDate']) { data['effectiveDate'] = data['newDate']; delete data['newDate']; }
      reason = field(body, 'correctionReason') || undefined;
      correctsEventId = field(body, 'correctsEventId') || undefined;
      break;
    }
    default: break;
  }
  return { input: { type, effectiveDate: date.value ?? '', data, ...(reason ? { reason } : {}), ...(correctsEventId ? { correctsEventId } : {}) }, errors };
}

/** The form field an API-style error path belongs to. */
export function pageField(f: string): string {
  const m = /^data\.plan\.needs\.(\d+)\.(\w+)/.exec(f);
  if (m) return `need${Number(m[1]) + 1}${m[2]!.charAt(0).toUpperCase()}${m[2]!.slice(1)}`;
  if (f.startsWith('data.plan.namedSetting.')) return f.endsWith('urn') ? 'settingUrn' : 'settingName';
  if (f.startsWith('data.plan.')) return `section${f.slice(10).toUpperCase()}`;
  if (f === 'data.effectiveDate') return 'newDate';
  if (f === 'reason') return 'correctionReason';
  return f.startsWith('data.') ? f.slice(5).split('.')[0]! : f;
}
